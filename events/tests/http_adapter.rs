//! The `http` adapter against the official `lambda_http` on the fixture requests: same method,
//! URI, headers and body, and the same response shapes; the differences are listed in `KNOWN`,
//! each with its reason, and a difference not listed (or a listed one that went away) fails.
#![cfg(feature = "http")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_alloc,
    clippy::std_instead_of_core
)]

mod common;

use std::collections::BTreeMap;

use common::{EVENTS, HTTP};
use lambkin_events::http::{self as adapter, Options, Origin, ToHttpRequest};
use lambkin_events::{alb, apigw};

/// Fixtures (directory, file) checked, with the origin we expect.
#[rustfmt::skip]
const REQUESTS: &[(&str, &str, Origin)] = &[
    (HTTP, "alb_health_check.json", ALB1), (HTTP, "alb_multi_value_request.json", ALBM),
    (HTTP, "alb_multi_value_request_encoded_query_parameters.json", ALBM), (HTTP, "alb_no_host.json", ALB1),
    (HTTP, "alb_request.json", ALB1), (HTTP, "alb_request_encoded_query_parameters.json", ALB1),
    (HTTP, "apigw_multi_value_proxy_request.json", RESTM), (HTTP, "apigw_no_host.json", RESTM),
    (HTTP, "apigw_proxy_request.json", RESTM), (HTTP, "apigw_request_path_with_space.json", V2),
    (HTTP, "apigw_v2_proxy_request.json", V2), (HTTP, "apigw_v2_proxy_request_minimal.json", V2),
    (HTTP, "apigw_v2_proxy_request_with_stage_in_path.json", V2), (HTTP, "apigw_v2_sam_local.json", V2),
    (HTTP, "lambda_function_url_request.json", Origin::LambdaFunctionUrl),
    (EVENTS, "example-alb-lambda-target-request-headers-only.json", ALB1),
    (EVENTS, "example-alb-lambda-target-request-multivalue-headers.json", ALBM),
    (EVENTS, "example-apigw-console-request.json", RESTM), (EVENTS, "example-apigw-console-test-request.json", RESTM),
    (EVENTS, "example-apigw-request-catch-all.json", RESTM), (EVENTS, "example-apigw-request-multi-value-parameters.json", RESTM),
    (EVENTS, "example-apigw-request.json", RESTM), (EVENTS, "example-apigw-restapi-openapi-request.json", RESTM),
    (EVENTS, "example-apigw-sam-rest-request.json", RESTM), (EVENTS, "example-apigw-sam-http-request.json", V2),
    (EVENTS, "example-apigw-v2-request-iam.json", V2), (EVENTS, "example-apigw-v2-request-jwt-authorizer.json", V2),
    (EVENTS, "example-apigw-v2-request-lambda-authorizer.json", V2),
    (EVENTS, "example-apigw-v2-request-multi-value-parameters.json", V2),
    (EVENTS, "example-apigw-v2-request-no-authorizer.json", V2),
    (EVENTS, "example-apigw-websocket-request.json", WSM), (EVENTS, "example-apigw-websocket-request-disconnect-route.json", WSM),
    (EVENTS, "example-apigw-websocket-request-without-method.json", WSM),
];
const ALB1: Origin = Origin::Alb {
    multi_value_headers: false,
};
const ALBM: Origin = Origin::Alb {
    multi_value_headers: true,
};
const RESTM: Origin = Origin::ApiGatewayRest {
    multi_value_headers: true,
};
const WSM: Origin = Origin::ApiGatewayWebsocket {
    multi_value_headers: true,
};
const V2: Origin = Origin::ApiGatewayHttp;

/// Where we differ from `lambda_http` on purpose (file, field, reason).
#[rustfmt::skip]
const KNOWN: &[(&str, &str, &str)] = &[
    // Both `headers` and `multiValueHeaders` are present; lambda_http lets the single value
    // replace the list, we keep the full list (what `multiValueHeaders` is for).
    ("alb_multi_value_request.json", "headers", "single `cookie` replaces the multi-value list in lambda_http"),
    ("alb_multi_value_request_encoded_query_parameters.json", "headers", "same"),
    ("example-apigw-request-multi-value-parameters.json", "headers", "same: `headername` loses a value"),
    // The fixture's `headers` and `multiValueHeaders` disagree (host, x-forwarded-for); we
    // take `multiValueHeaders`, lambda_http `headers`, so the URI's host differs too.
    ("example-apigw-websocket-request.json", "headers", "single-value map wins in lambda_http"),
    ("example-apigw-websocket-request.json", "uri", "host from the other map"),
    // ALB in multi-value mode sends only `multiValueHeaders`; lambda_http looks for Host in
    // `headers` only and so builds a relative URI; we find it.
    ("example-alb-lambda-target-request-multivalue-headers.json", "uri", "lambda_http misses Host in multi-value mode"),
    // Host `1234567890.execute-api.{dns_suffix}` is no valid authority: lambda_http panics
    // ("failed to build request"); we fall back to a URI without the authority.
    ("example-apigw-console-request.json", "panic", "lambda_http panics on an invalid Host"),
    // `cookies: []`: lambda_http adds an empty `cookie` header; we add none.
    ("apigw_v2_sam_local.json", "headers", "empty cookie header in lambda_http"),
    ("example-apigw-sam-http-request.json", "headers", "same"),
];

type Parts = (String, String, BTreeMap<String, Vec<String>>, Vec<u8>);

fn parts<B: AsRef<[u8]>>(r: &http::Request<B>) -> Parts {
    let mut headers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, v) in r.headers() {
        let v = String::from_utf8_lossy(v.as_bytes()).into_owned();
        headers.entry(k.as_str().to_owned()).or_default().push(v);
    }
    (
        r.method().to_string(),
        r.uri().to_string(),
        headers,
        r.body().as_ref().to_vec(),
    )
}

/// The URI with its query as sorted decoded pairs: lambda_http builds REST/ALB queries from a
/// `HashMap`, so its order is random.
fn uri_key(uri: &str) -> (String, Vec<(String, String)>) {
    let (base, q) = uri.split_once('?').unwrap_or((uri, ""));
    let mut pairs: Vec<_> = form_urlencoded(q);
    pairs.sort();
    (base.to_owned(), pairs)
}

fn form_urlencoded(q: &str) -> Vec<(String, String)> {
    let dec = |s: &str| {
        let s = s.replace('+', " ");
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%' && i + 2 < b.len() {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    };
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (dec(k), dec(v))
        })
        .collect()
}

fn typed(bytes: &[u8], origin: Origin) -> Parts {
    let mut buf = bytes.to_vec();
    let opts = Options::default();
    let (req, o) = match origin {
        Origin::Alb { .. } => {
            lambkin_core::json::from_slice::<alb::AlbTargetGroupRequest<'_>>(&mut buf)
                .unwrap()
                .to_http_request(&opts)
        }
        Origin::ApiGatewayRest { .. } => {
            lambkin_core::json::from_slice::<apigw::ApiGatewayProxyRequest<'_>>(&mut buf)
                .unwrap()
                .to_http_request(&opts)
        }
        Origin::ApiGatewayWebsocket { .. } => {
            lambkin_core::json::from_slice::<apigw::ApiGatewayWebsocketProxyRequest<'_>>(&mut buf)
                .unwrap()
                .to_http_request(&opts)
        }
        _ => lambkin_core::json::from_slice::<apigw::ApiGatewayV2HttpRequest<'_>>(&mut buf)
            .unwrap()
            .to_http_request(&opts),
    }
    .unwrap();
    assert_eq!(o, origin);
    parts(&req)
}

#[test]
fn requests_match_lambda_http() {
    let mut diffs = Vec::new();
    for (dir, file, want_origin) in REQUESTS {
        let bytes = std::fs::read(format!("{dir}/{file}")).unwrap();
        let mut buf = bytes.clone();
        let (req, origin) = adapter::from_slice(&mut buf, &Options::default())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        // The multi-value flag follows the fixture, whatever the table says.
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let multi = !json["multiValueHeaders"].is_null();
        let want_origin = match *want_origin {
            Origin::Alb { .. } => Origin::Alb {
                multi_value_headers: multi,
            },
            Origin::ApiGatewayRest { .. } => Origin::ApiGatewayRest {
                multi_value_headers: multi,
            },
            Origin::ApiGatewayWebsocket { .. } => Origin::ApiGatewayWebsocket {
                multi_value_headers: multi,
            },
            o => o,
        };
        assert_eq!(origin, want_origin, "{file}");
        let ours = parts(&req);
        assert_eq!(
            ours,
            typed(&bytes, origin),
            "{file}: from_slice and the typed path differ"
        );

        let text = std::str::from_utf8(&bytes).unwrap().to_owned();
        let Ok(theirs) = std::panic::catch_unwind(|| lambda_http::request::from_str(&text)) else {
            diffs.push((file.to_string(), "panic".to_owned(), String::new()));
            continue;
        };
        let theirs = parts(&theirs.unwrap_or_else(|e| panic!("{file}: lambda_http: {e}")));
        let mut diff = |field: &str, same: bool, detail: String| {
            if !same {
                diffs.push((file.to_string(), field.to_owned(), detail));
            }
        };
        diff(
            "method",
            ours.0 == theirs.0,
            format!("{} vs {}", ours.0, theirs.0),
        );
        diff(
            "uri",
            uri_key(&ours.1) == uri_key(&theirs.1),
            format!("{} vs {}", ours.1, theirs.1),
        );
        let header_diff: Vec<_> = ours
            .2
            .iter()
            .filter(|(k, v)| theirs.2.get(*k) != Some(v))
            .map(|(k, v)| format!("{k}: {v:?} vs {:?}", theirs.2.get(k)))
            .chain(
                theirs
                    .2
                    .iter()
                    .filter(|(k, _)| !ours.2.contains_key(*k))
                    .map(|(k, v)| format!("{k}: absent vs {v:?}")),
            )
            .collect();
        diff("headers", header_diff.is_empty(), header_diff.join("; "));
        diff(
            "body",
            ours.3 == theirs.3,
            format!("{:?} vs {:?}", ours.3, theirs.3),
        );
    }
    let unexplained: Vec<_> = diffs
        .iter()
        .filter(|(f, field, _)| {
            !KNOWN
                .iter()
                .any(|(kf, kfield, _)| kf == f && kfield == field)
        })
        .collect();
    assert!(
        unexplained.is_empty(),
        "differences from lambda_http:\n{unexplained:#?}"
    );
    for (kf, kfield, why) in KNOWN {
        assert!(
            diffs.iter().any(|(f, field, _)| f == kf && field == kfield),
            "{kf} {kfield}: known difference ({why}) no longer happens"
        );
    }
}

/// The response `lambda_http` builds for `response` to the request in `fixture`.
fn lambda_http_response(
    fixture: &str,
    response: http::Response<lambda_http::Body>,
) -> serde_json::Value {
    use lambda_http::{Context, LambdaEvent, Service};
    let payload: lambda_http::request::LambdaRequest = serde_json::from_str(fixture).unwrap();
    let mut adapter = lambda_http::Adapter::from(lambda_http::service_fn(move |_req| {
        let r = response.clone();
        async move { Ok::<_, std::convert::Infallible>(r) }
    }));
    let mut fut = std::pin::pin!(adapter.call(LambdaEvent::new(payload, Context::default())));
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(r) = fut.as_mut().poll(&mut cx) {
            return serde_json::to_value(r.unwrap()).unwrap();
        }
    }
}

/// The fields both sides must agree on: status, description, base64 flag, body bytes, cookies,
/// and the headers of the layout we chose (lambda_http also sends the other one for ALB).
fn normalized(v: &serde_json::Value, multi: bool) -> serde_json::Value {
    use base64::Engine as _;
    let b64 = v["isBase64Encoded"].as_bool().unwrap_or(false);
    let body = v["body"].as_str().unwrap_or_default();
    let body = if b64 {
        base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap()
    } else {
        body.as_bytes().to_vec()
    };
    let headers = if multi {
        &v["multiValueHeaders"]
    } else {
        &v["headers"]
    };
    serde_json::json!({
        "status": v["statusCode"], "description": v["statusDescription"], "b64": b64,
        "body": body, "cookies": v["cookies"].as_array().cloned().unwrap_or_default(), "headers": headers,
    })
}

#[test]
fn responses_match_lambda_http() {
    let svg = std::fs::read(format!("{HTTP}/svg_logo.svg")).unwrap();
    let responses = || {
        vec![
            http::Response::builder()
                .header("content-type", "text/html; charset=utf-8")
                .header("set-cookie", "a=1; Path=/")
                .header("set-cookie", "b=2; Expires=Wed, 21 Oct 2015 07:28:00 GMT")
                .body(lambda_http::Body::from("<p>hi</p>"))
                .unwrap(),
            http::Response::builder()
                .status(404)
                .header("content-type", "application/json")
                .body(lambda_http::Body::from(r#"{"error":"no \"such\" thing"}"#))
                .unwrap(),
            http::Response::builder()
                .header("content-type", "image/png")
                .header("cache-control", "max-age=60")
                .body(lambda_http::Body::from(svg.clone()))
                .unwrap(),
            http::Response::builder()
                .header("content-type", "text/plain")
                .header("content-encoding", "gzip")
                .body(lambda_http::Body::from(vec![0x1f_u8, 0x8b, 0, 0xff]))
                .unwrap(),
            // UTF-8 beyond ASCII in a header value: sent as it is, by both.
            http::Response::builder()
                .header("content-type", "text/plain")
                .header(
                    "content-disposition",
                    http::HeaderValue::from_bytes("attachment; filename=\"café.txt\"".as_bytes())
                        .unwrap(),
                )
                .body(lambda_http::Body::from("ok"))
                .unwrap(),
        ]
    };
    #[rustfmt::skip]
    let fixtures = [
        (HTTP, "apigw_proxy_request.json"), (HTTP, "apigw_v2_proxy_request.json"),
        (HTTP, "lambda_function_url_request.json"), (HTTP, "alb_request.json"),
        (HTTP, "alb_multi_value_request.json"), (EVENTS, "example-apigw-websocket-request.json"),
    ];
    for (dir, file) in fixtures {
        let text = std::fs::read_to_string(format!("{dir}/{file}")).unwrap();
        let mut buf = text.clone().into_bytes();
        let (_, origin) = adapter::from_slice(&mut buf, &Options::default()).unwrap();
        let multi = matches!(
            origin,
            Origin::ApiGatewayRest { .. }
                | Origin::ApiGatewayWebsocket { .. }
                | Origin::Alb {
                    multi_value_headers: true
                }
        );
        for (i, theirs) in responses().into_iter().enumerate() {
            let (parts, body) = theirs.clone().into_parts();
            let ours = http::Response::from_parts(parts, body.to_vec());
            let mut scratch = String::new();
            let out = origin.encode_response(&ours, &mut scratch).unwrap();
            // Through core's encoder, as a function would send it.
            let mut tx = vec![0u8; 1 << 16];
            let n = lambkin_core::json::to_slice(&out, &mut tx).unwrap();
            let ours: serde_json::Value = serde_json::from_slice(&tx[..n]).unwrap();
            let theirs = lambda_http_response(&text, theirs);
            assert_eq!(
                normalized(&ours, multi),
                normalized(&theirs, multi),
                "{file} response {i}:\nours   {ours}\ntheirs {theirs}"
            );
        }
    }
}

/// VPC Lattice V2 (the structure `lambda_http` supports; it has no V1) on the documentation's
/// example: same request, same response but for `statusDescription`, which the VPC Lattice
/// User Guide's response example carries and `lambda_http` leaves out.
#[test]
fn vpc_lattice_matches_lambda_http() {
    let text = common::lattice::V2_REQUEST;
    let mut buf = text.as_bytes().to_vec();
    let (req, origin) = adapter::from_slice(&mut buf, &Options::default()).unwrap();
    assert_eq!(origin, Origin::VpcLatticeV2);
    let ours = parts(&req);
    let theirs = parts(&lambda_http::request::from_str(text).unwrap());
    assert_eq!(ours.0, theirs.0, "method");
    assert_eq!(uri_key(&ours.1), uri_key(&theirs.1), "uri");
    assert_eq!(ours.2, theirs.2, "headers");
    assert_eq!(ours.3, theirs.3, "body");

    let svg = std::fs::read(format!("{HTTP}/svg_logo.svg")).unwrap();
    let responses = [
        http::Response::builder()
            .header("content-type", "text/plain")
            .header("set-cookie", "a=1")
            .header("set-cookie", "b=2")
            .body(lambda_http::Body::from("hi"))
            .unwrap(),
        http::Response::builder()
            .status(404)
            .header("content-type", "image/svg+xml")
            .body(lambda_http::Body::from(svg))
            .unwrap(),
    ];
    for theirs in responses {
        let (parts, body) = theirs.clone().into_parts();
        let ours = http::Response::from_parts(parts, body.to_vec());
        let mut scratch = String::new();
        let out = origin.encode_response(&ours, &mut scratch).unwrap();
        let mut tx = vec![0u8; 1 << 16];
        let n = lambkin_core::json::to_slice(&out, &mut tx).unwrap();
        let ours: serde_json::Value = serde_json::from_slice(&tx[..n]).unwrap();
        let theirs = lambda_http_response(text, theirs);
        let status = ours["statusCode"].as_u64().unwrap();
        assert!(
            ours["statusDescription"]
                .as_str()
                .unwrap()
                .starts_with(&status.to_string())
        );
        let mut ours = normalized(&ours, false);
        ours["description"] = serde_json::Value::Null;
        assert_eq!(
            ours,
            normalized(&theirs, false),
            "ours {ours}\ntheirs {theirs}"
        );
    }
}

/// No fixture request carries a binary body, so each is given one: bytes that are not UTF-8,
/// base64-encoded with `isBase64Encoded`. Both adapters must hand the handler those bytes.
#[test]
fn base64_bodies_match_lambda_http() {
    const BYTES: &[u8] = &[0, 0x9f, 0x92, 0x96, 0xff, b'b', b'i', b'n'];
    const BASE64: &str = "AJ+Slv9iaW4="; // BYTES, standard alphabet
    for (dir, file, _) in REQUESTS {
        let mut json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(format!("{dir}/{file}")).unwrap()).unwrap();
        json["body"] = BASE64.into();
        json["isBase64Encoded"] = true.into();
        let text = serde_json::to_string(&json).unwrap();
        let mut buf = text.clone().into_bytes();
        let (req, _) = adapter::from_slice(&mut buf, &Options::default())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(parts(&req).3, BYTES, "{file}");
        let Ok(theirs) = std::panic::catch_unwind(|| lambda_http::request::from_str(&text)) else {
            continue; // lambda_http panics on this fixture (KNOWN)
        };
        let theirs = theirs.unwrap_or_else(|e| panic!("{file}: lambda_http: {e}"));
        assert_eq!(parts(&theirs).3, BYTES, "{file}: lambda_http");
    }
}

/// A header value that is not UTF-8 cannot be a JSON string: the response is refused (with
/// lambda_http, serializing the response fails). UTF-8 beyond ASCII is sent, as
/// `responses_match_lambda_http` checks.
#[test]
fn non_utf8_header_values_are_refused() {
    let origins = [
        Origin::ApiGatewayHttp,
        Origin::Alb {
            multi_value_headers: false,
        },
        RESTM,
    ];
    for origin in origins {
        let mut scratch = String::new();
        let latin1 = http::Response::builder()
            .header("x-name", http::HeaderValue::from_bytes(b"caf\xe9").unwrap())
            .body(Vec::new())
            .unwrap();
        assert_eq!(
            origin.encode_response(&latin1, &mut scratch).err(),
            Some(adapter::HttpError::NonTextHeaderValue),
            "{origin:?}"
        );
        let utf8 = http::Response::builder()
            .header(
                "x-name",
                http::HeaderValue::from_bytes("café ✓".as_bytes()).unwrap(),
            )
            .body(Vec::new())
            .unwrap();
        let out = origin.encode_response(&utf8, &mut scratch).unwrap();
        let mut tx = vec![0u8; 1024];
        let n = lambkin_core::json::to_slice(&out, &mut tx).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&tx[..n]).unwrap();
        let value = match origin {
            Origin::ApiGatewayRest { .. } => &json["multiValueHeaders"]["x-name"][0],
            _ => &json["headers"]["x-name"],
        };
        assert_eq!(value, "café ✓", "{origin:?}");
    }
}
