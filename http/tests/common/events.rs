//! The events both adapters are given: the repository's HTTP fixtures (their path pointed at
//! each route), and requests generated for every source lambda_http supports, in the form
//! each source sends them (which headers it joins, which query it decodes).

use std::sync::OnceLock;

use serde_json::{Map, Value, json};

use super::app::{ECHO, ROUTES};

/// Where a request came from: what it looks like, and how the platform reads the response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// API Gateway REST API, with `multiValueHeaders` and `multiValueQueryStringParameters`.
    Rest,
    /// API Gateway REST API, `headers` and `queryStringParameters` only.
    RestSingle,
    /// API Gateway WebSocket API (a `$connect` request, which has headers).
    WebSocket,
    /// API Gateway HTTP API, payload 2.0.
    HttpApi,
    /// Lambda function URL (payload 2.0 on a `lambda-url` domain).
    FunctionUrl,
    /// ALB, multi-value headers off.
    AlbSingle,
    /// ALB, multi-value headers on: only the multi-value maps arrive.
    AlbMulti,
    /// VPC Lattice, V2 event structure (lambda_http's only Lattice one).
    Lattice,
}

impl Kind {
    /// Every source, in report order.
    pub const ALL: [Self; 8] = [
        Self::Rest,
        Self::RestSingle,
        Self::WebSocket,
        Self::HttpApi,
        Self::FunctionUrl,
        Self::AlbSingle,
        Self::AlbMulti,
        Self::Lattice,
    ];

    /// The short name used in case names (and so in the KNOWN table).
    pub fn name(self) -> &'static str {
        match self {
            Self::Rest => "rest",
            Self::RestSingle => "rest-single",
            Self::WebSocket => "websocket",
            Self::HttpApi => "http-api",
            Self::FunctionUrl => "function-url",
            Self::AlbSingle => "alb-single",
            Self::AlbMulti => "alb-multi",
            Self::Lattice => "lattice",
        }
    }
}

/// One event to give both adapters.
pub struct Case {
    /// `gen <source> <variant> <route>` or `fixture <source> <file> <route>`.
    pub name: String,
    pub kind: Kind,
    pub route: &'static str,
    pub event: Vec<u8>,
}

pub const EVENTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/events");
pub const HTTP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/http");

/// The HTTP-shaped fixtures (those of events/tests/http_adapter.rs), with their source, which
/// says how the response is read (an ALB fixture is multi-value when it carries
/// `multiValueHeaders`, checked in [`fixtures`]).
#[rustfmt::skip]
const FIXTURES: &[(&str, &str, Kind)] = &[
    (HTTP, "alb_health_check.json", Kind::AlbSingle), (HTTP, "alb_multi_value_request.json", Kind::AlbMulti),
    (HTTP, "alb_multi_value_request_encoded_query_parameters.json", Kind::AlbMulti),
    (HTTP, "alb_no_host.json", Kind::AlbSingle), (HTTP, "alb_request.json", Kind::AlbSingle),
    (HTTP, "alb_request_encoded_query_parameters.json", Kind::AlbSingle),
    (HTTP, "apigw_multi_value_proxy_request.json", Kind::Rest), (HTTP, "apigw_no_host.json", Kind::Rest),
    (HTTP, "apigw_proxy_request.json", Kind::Rest), (HTTP, "apigw_request_path_with_space.json", Kind::HttpApi),
    (HTTP, "apigw_v2_proxy_request.json", Kind::HttpApi), (HTTP, "apigw_v2_proxy_request_minimal.json", Kind::HttpApi),
    (HTTP, "apigw_v2_proxy_request_with_stage_in_path.json", Kind::HttpApi), (HTTP, "apigw_v2_sam_local.json", Kind::HttpApi),
    (HTTP, "lambda_function_url_request.json", Kind::FunctionUrl),
    (EVENTS, "example-alb-lambda-target-request-headers-only.json", Kind::AlbSingle),
    (EVENTS, "example-alb-lambda-target-request-multivalue-headers.json", Kind::AlbMulti),
    (EVENTS, "example-apigw-console-request.json", Kind::Rest), (EVENTS, "example-apigw-console-test-request.json", Kind::Rest),
    (EVENTS, "example-apigw-request-catch-all.json", Kind::Rest), (EVENTS, "example-apigw-request-multi-value-parameters.json", Kind::Rest),
    (EVENTS, "example-apigw-request.json", Kind::Rest), (EVENTS, "example-apigw-restapi-openapi-request.json", Kind::Rest),
    (EVENTS, "example-apigw-sam-rest-request.json", Kind::Rest), (EVENTS, "example-apigw-sam-http-request.json", Kind::HttpApi),
    (EVENTS, "example-apigw-v2-request-iam.json", Kind::HttpApi), (EVENTS, "example-apigw-v2-request-jwt-authorizer.json", Kind::HttpApi),
    (EVENTS, "example-apigw-v2-request-lambda-authorizer.json", Kind::HttpApi),
    (EVENTS, "example-apigw-v2-request-multi-value-parameters.json", Kind::HttpApi),
    (EVENTS, "example-apigw-v2-request-no-authorizer.json", Kind::HttpApi),
    (EVENTS, "example-apigw-websocket-request.json", Kind::WebSocket),
    (EVENTS, "example-apigw-websocket-request-disconnect-route.json", Kind::WebSocket),
    (EVENTS, "example-apigw-websocket-request-without-method.json", Kind::WebSocket),
];

/// Every fixture against the echo (as it is) and against each route but `/big` (its path
/// rewritten; the rest of the fixture kept).
pub fn fixtures() -> Vec<Case> {
    let mut cases = Vec::new();
    for (dir, file, kind) in FIXTURES {
        let text = std::fs::read(format!("{dir}/{file}")).expect("fixture");
        cases.push(Case {
            name: format!("fixture {} {file} {ECHO}", kind.name()),
            kind: *kind,
            route: ECHO,
            event: text.clone(),
        });
        let json: Value = serde_json::from_slice(&text).expect("fixture JSON");
        if matches!(kind, Kind::AlbSingle | Kind::AlbMulti) {
            let multi = !json["multiValueHeaders"].is_null();
            assert_eq!(
                multi,
                *kind == Kind::AlbMulti,
                "{file}: ALB multi-value mode"
            );
        }
        for route in ROUTES.iter().copied().filter(|r| *r != "/big") {
            let mut json = json.clone();
            match kind {
                Kind::HttpApi | Kind::FunctionUrl => {
                    json["rawPath"] = route.into();
                    if let Some(http) = json["requestContext"].get_mut("http") {
                        http["path"] = route.into();
                    }
                }
                // A WebSocket request has no path of its own; one is added to pick the route.
                _ => json["path"] = route.into(),
            }
            cases.push(Case {
                name: format!("fixture {} {file} {route}", kind.name()),
                kind: *kind,
                route,
                event: serde_json::to_vec(&json).expect("JSON"),
            });
        }
    }
    cases
}

/// A request as the client sent it, before a source puts it in its event shape.
#[derive(Clone)]
struct Req {
    method: &'static str,
    /// As sent: percent-encoded.
    path: String,
    /// As sent: names and values percent-encoded, in order, keys may repeat.
    query: Vec<(&'static str, &'static str)>,
    /// Names as the client wrote them, in order, names may repeat.
    headers: Vec<(&'static str, String)>,
    cookies: Vec<&'static str>,
    body: Body,
    /// The HTTP API stage (REST and WebSocket requests always come from `prod`).
    http_api_stage: &'static str,
}

#[derive(Clone)]
enum Body {
    /// No `body` field at all.
    Absent,
    /// A text body (`""` for an empty one).
    Text(String),
    /// `isBase64Encoded` with this (possibly invalid) base64.
    Base64(String),
}

/// The request variants; `big` (5 MB) only when asked for.
fn variants(route: &str) -> Vec<(&'static str, Req)> {
    let base = Req {
        method: "GET",
        path: route.to_owned(),
        query: vec![],
        headers: vec![
            ("Host", "api.example.com".to_owned()),
            ("User-Agent", "parity/1.0".to_owned()),
            ("Accept", "*/*".to_owned()),
            ("X-Forwarded-Proto", "https".to_owned()),
        ],
        cookies: vec![],
        body: Body::Absent,
        http_api_stage: "$default",
    };
    let with = |f: &dyn Fn(&mut Req)| {
        let mut r = base.clone();
        f(&mut r);
        r
    };
    let binary: Vec<u8> = (0..=255u8).rev().chain(*b"\0bin\xff").collect();
    let mut all = vec![
        ("plain", base.clone()),
        (
            "text",
            with(&|r| {
                r.method = "POST";
                r.headers
                    .push(("Content-Type", "text/plain; charset=utf-8".to_owned()));
                r.body = Body::Text(
                    "h\u{e9}llo {\"json\": \"\\\"quoted\\\"\"}\n\ttab \u{1f980}".to_owned(),
                );
            }),
        ),
        (
            "binary",
            with(&|r| {
                r.method = "PUT";
                r.headers
                    .push(("Content-Type", "application/octet-stream".to_owned()));
                r.body = Body::Base64(super::b64(&binary));
            }),
        ),
        (
            "empty",
            with(&|r| {
                r.method = "POST";
                r.headers
                    .push(("Content-Type", "application/json".to_owned()));
                r.body = Body::Text(String::new());
            }),
        ),
        (
            "multi-headers",
            with(&|r| {
                r.headers.push(("X-Multi", "one".to_owned()));
                r.headers.push(("X-Multi", "two".to_owned()));
                r.headers.push(("Accept-Language", "en".to_owned()));
                r.headers.push(("Accept-Language", "fr;q=0.5".to_owned()));
            }),
        ),
        (
            "repeated-query",
            with(&|r| {
                r.query = vec![("a", "1"), ("b", "x"), ("a", "2"), ("a", "3")];
            }),
        ),
        (
            "encoded",
            with(&|r| {
                if route == ECHO {
                    r.path = "/echo/caf%C3%A9%20x%2Fy".to_owned();
                }
                r.query = vec![("q", "a%20b%26c"), ("e", "%C3%A9"), ("k%3D", "v%3D")];
            }),
        ),
        (
            "cookies",
            with(&|r| r.cookies = vec!["session=abc", "theme=dark"]),
        ),
        (
            "utf8-header",
            with(&|r| r.headers.push(("X-Name", "caf\u{e9} \u{2713}".to_owned()))),
        ),
        (
            "bad-host",
            with(&|r| r.headers[0].1 = "bad host".to_owned()),
        ),
        (
            "bad-base64",
            with(&|r| {
                r.method = "POST";
                r.body = Body::Base64("@@not base64@@".to_owned());
            }),
        ),
    ];
    // Paths that meet the stage (`prod`; an HTTP API on a named stage sends it in `rawPath`):
    // only the echo shows where each adapter put the stage.
    if route == ECHO {
        let staged = |path: &str| {
            with(&|r| {
                r.path = path.to_owned();
                r.http_api_stage = "prod";
            })
        };
        all.push(("stage-root", staged("/prod")));
        all.push(("stage-prefixed", staged("/prod/echo")));
    }
    all
}

/// A 5 MB binary request body (checked by the echo only).
fn big(route: &str) -> Req {
    // Encoded once for every source that sends it: base64 of 5 MB is slow in a debug build.
    static BIG_BASE64: OnceLock<String> = OnceLock::new();
    let mut r = variants(route).swap_remove(0).1;
    r.method = "POST";
    r.headers
        .push(("Content-Type", "application/octet-stream".to_owned()));
    let b64 = BIG_BASE64.get_or_init(|| {
        let pattern: Vec<u8> = (0..=250u8).collect();
        let bytes = pattern.repeat(super::app::BIG / pattern.len() + 1);
        super::b64(&bytes)
    });
    r.body = Body::Base64(b64.clone());
    r
}

/// The sources the 5 MB cases run on (a few: each takes about a second in a debug build).
const BIG_KINDS: [Kind; 3] = [Kind::Rest, Kind::HttpApi, Kind::Lattice];

/// Every source × every variant × every route, except that the 5 MB request goes only to the
/// echo and `/big` answers only the plain request, both on [`BIG_KINDS`] only.
pub fn generated() -> Vec<Case> {
    let mut cases = Vec::new();
    for kind in Kind::ALL {
        let big_too = BIG_KINDS.contains(&kind);
        for route in std::iter::once(ECHO).chain(ROUTES.iter().copied()) {
            let mut reqs = variants(route);
            if route == "/big" {
                reqs.truncate(usize::from(big_too));
            }
            if route == ECHO && big_too {
                reqs.push(("big", big(route)));
            }
            for (variant, req) in reqs {
                cases.push(Case {
                    name: format!("gen {} {variant} {route}", kind.name()),
                    kind,
                    route,
                    event: serde_json::to_vec(&event(kind, &req)).expect("JSON"),
                });
            }
        }
    }
    cases
}

/// Percent-decoding of what the generator wrote (valid escapes, UTF-8).
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).expect("ASCII");
            out.push(u8::from_str_radix(hex, 16).expect("hex"));
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8")
}

/// `(name, value)` pairs as a map of the last value per name and one of every value per name
/// (the order of first appearance kept).
fn maps(pairs: &[(String, String)]) -> (Map<String, Value>, Map<String, Value>) {
    let mut single = Map::new();
    let mut multi = Map::new();
    for (k, v) in pairs {
        single.insert(k.clone(), v.as_str().into());
        let list = multi.entry(k.clone()).or_insert_with(|| json!([]));
        list.as_array_mut().expect("array").push(v.as_str().into());
    }
    (single, multi)
}

/// `req` as `kind` sends it.
fn event(kind: Kind, req: &Req) -> Value {
    let host = req.headers.first().map(|h| h.1.clone()).unwrap_or_default();
    let mut headers: Vec<(String, String)> = req
        .headers
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect();
    // Every source but the HTTP API payload 2.0 sends cookies as the client did.
    if !req.cookies.is_empty() && !matches!(kind, Kind::HttpApi | Kind::FunctionUrl) {
        headers.push(("Cookie".to_owned(), req.cookies.join("; ")));
    }
    // Only REST and WebSocket APIs keep the client's header case.
    if !matches!(kind, Kind::Rest | Kind::RestSingle | Kind::WebSocket) {
        for h in &mut headers {
            h.0 = h.0.to_ascii_lowercase();
        }
    }
    let raw_query: Vec<(String, String)> = req
        .query
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let decoded_query: Vec<(String, String)> = req
        .query
        .iter()
        .map(|(k, v)| (decode(k), decode(v)))
        .collect();
    let (body, b64) = match &req.body {
        Body::Absent => (Value::Null, false),
        Body::Text(t) => (t.as_str().into(), false),
        Body::Base64(t) => (t.as_str().into(), true),
    };
    let (h1, hm) = maps(&headers);
    let mut ev = match kind {
        Kind::Rest | Kind::RestSingle | Kind::WebSocket => {
            let (q1, qm) = maps(&decoded_query);
            let mut ev = json!({
                "resource": "/{proxy+}",
                "path": req.path,
                "httpMethod": req.method,
                "headers": h1,
                "queryStringParameters": if q1.is_empty() { Value::Null } else { q1.into() },
                "pathParameters": {"proxy": req.path.trim_start_matches('/')},
                "stageVariables": null,
                "requestContext": {
                    "accountId": "123456789012", "apiId": "abc123", "resourceId": "r1",
                    "stage": "prod", "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
                    "requestTimeEpoch": 1_700_000_000_000_u64, "httpMethod": req.method,
                    "path": format!("/prod{}", req.path), "resourcePath": "/{proxy+}",
                    "domainName": host, "protocol": "HTTP/1.1",
                    "identity": {"sourceIp": "203.0.113.7", "userAgent": "parity/1.0"},
                },
                "body": body,
                "isBase64Encoded": b64,
            });
            if kind != Kind::RestSingle {
                ev["multiValueHeaders"] = hm.into();
                ev["multiValueQueryStringParameters"] = if qm.is_empty() {
                    Value::Null
                } else {
                    qm.into()
                };
            }
            if kind == Kind::WebSocket {
                // A `$connect` request: no method of its own (both adapters then use GET).
                let obj = ev.as_object_mut().expect("object");
                obj.remove("httpMethod");
                obj.remove("resource");
                obj.remove("pathParameters");
                let rc = &mut ev["requestContext"];
                for rest_only in ["httpMethod", "resourceId", "resourcePath"] {
                    rc.as_object_mut().expect("object").remove(rest_only);
                }
                rc["routeKey"] = "$connect".into();
                rc["eventType"] = "CONNECT".into();
                rc["connectionId"] = "L0SM9cOFvHcCIhw=".into();
                rc["connectedAt"] = 1_700_000_000_000_u64.into();
                rc["messageDirection"] = "IN".into();
            }
            ev
        }
        Kind::HttpApi | Kind::FunctionUrl => {
            // Payload 2.0 joins repeated headers and query values with commas.
            let join = |pairs: &[(String, String)]| {
                let mut m = Map::new();
                for (k, v) in pairs {
                    match m.get_mut(k) {
                        Some(Value::String(s)) => {
                            s.push(',');
                            s.push_str(v);
                        }
                        _ => {
                            m.insert(k.clone(), v.as_str().into());
                        }
                    }
                }
                m
            };
            let raw_query = raw_query
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("&");
            let domain = if kind == Kind::FunctionUrl {
                "abcdefghijklmnop.lambda-url.us-east-1.on.aws".to_owned()
            } else {
                host.clone()
            };
            let q = join(&decoded_query);
            // Function URLs have no stages.
            let stage = match kind {
                Kind::FunctionUrl => "$default",
                _ => req.http_api_stage,
            };
            json!({
                "version": "2.0",
                "routeKey": "$default",
                "rawPath": req.path,
                "rawQueryString": raw_query,
                "cookies": if req.cookies.is_empty() { Value::Null } else { req.cookies.clone().into() },
                "headers": join(&headers),
                "queryStringParameters": if q.is_empty() { Value::Null } else { q.into() },
                "requestContext": {
                    "accountId": "123456789012", "apiId": "abc123", "domainName": domain,
                    "domainPrefix": domain.split('.').next().unwrap_or_default(),
                    "http": {"method": req.method, "path": decode(&req.path), "protocol": "HTTP/1.1",
                             "sourceIp": "203.0.113.7", "userAgent": "parity/1.0"},
                    "requestId": "JKJaXmPLvHcESHA=", "routeKey": "$default", "stage": stage,
                    "time": "10/Mar/2020:00:03:59 +0000", "timeEpoch": 1_583_798_639_428_u64,
                },
                "body": body,
                "isBase64Encoded": b64,
            })
        }
        Kind::AlbSingle | Kind::AlbMulti => {
            // ALB passes the query as the client encoded it.
            let (q1, qm) = maps(&raw_query);
            let mut ev = json!({
                "requestContext": {"elb": {"targetGroupArn":
                    "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg/6d0ecf831eec9f09"}},
                "httpMethod": req.method,
                "path": req.path,
                "body": body,
                "isBase64Encoded": b64,
            });
            if kind == Kind::AlbMulti {
                ev["multiValueHeaders"] = hm.into();
                ev["multiValueQueryStringParameters"] = qm.into();
            } else {
                ev["headers"] = h1.into();
                ev["queryStringParameters"] = q1.into();
            }
            ev
        }
        Kind::Lattice => {
            let (_, qm) = maps(&raw_query);
            json!({
                "version": "2.0",
                "path": req.path,
                "method": req.method,
                "headers": hm,
                "queryStringParameters": qm,
                "body": body,
                "isBase64Encoded": b64,
                "requestContext": {
                    "serviceNetworkArn": "arn:aws:vpc-lattice:us-east-2:123456789012:servicenetwork/sn-0bf3f2882e9cc805a",
                    "serviceArn": "arn:aws:vpc-lattice:us-east-2:123456789012:service/svc-0a40eebed65f8d69c",
                    "targetGroupArn": "arn:aws:vpc-lattice:us-east-2:123456789012:targetgroup/tg-6d0ecf831eec9f09",
                    "identity": {"sourceVpcArn": "arn:aws:ec2:us-east-2:123456789012:vpc/vpc-0b8276c84697e7339",
                                 "type": "AWS_IAM"},
                    "region": "us-east-2",
                    "timeEpoch": "1696331543569073",
                },
            })
        }
    };
    // An absent body is no `body` field, as API Gateway sends a GET.
    if let (Body::Absent, Some(obj)) = (&req.body, ev.as_object_mut()) {
        obj.remove("body");
    }
    ev
}
