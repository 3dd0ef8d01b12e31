//! Every shape's event, read back by lambkin's own HTTP adapter (`lambkin_events::http`): the
//! request the function's framework would see must be the one the client sent, up to what the
//! service itself changes (see the table in [`super`]).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::net::SocketAddr;
use std::time::{Duration, UNIX_EPOCH};

use lambkin_events::http::{Options, Origin, from_slice};
use serde_json::{Value, json};

use super::*;
use crate::front::text::decode_form;

fn site(shape: Shape) -> Site {
    Site {
        shape,
        region: "eu-west-2".into(),
        function_name: "function".into(),
        api_id: "abcdefghij".into(),
        hex: "0123456789abcdef0".into(),
    }
}

const PEER: &str = "127.0.0.1:50000";

fn inbound() -> Inbound<'static> {
    Inbound {
        peer: PEER.parse::<SocketAddr>().unwrap(),
        local_port: 9100,
        now: UNIX_EPOCH + Duration::from_millis(1_583_348_638_390),
        request_id: "req-1",
    }
}

fn request(method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Request {
    Request {
        method: method.into(),
        path: target.into(),
        headers: headers
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect(),
        body: body.to_vec(),
        ..Request::default()
    }
}

fn event(shape: Shape, req: &Request) -> Value {
    serde_json::from_slice(&build(&site(shape), req, &inbound()).unwrap()).unwrap()
}

/// A binary body: every byte value, so not UTF-8.
fn binary() -> Vec<u8> {
    (0..=255u8).rev().collect()
}

/// The requests each shape must carry across: a percent-encoded path, repeated query keys and
/// headers, cookies, a binary body, JSON, a typeless text body, an empty body.
fn requests() -> Vec<Request> {
    let host = ("Host", "localhost:9100");
    vec![
        request(
            "GET",
            "/caf%C3%A9/a%20b?x=1&y=a%20b&x=2&flag",
            &[
                host,
                ("User-Agent", "test/1.0"),
                ("X-Multi", "one"),
                ("Accept", "*/*"),
                ("X-Multi", "two"),
                ("Cookie", "a=1; b=2"),
            ],
            b"",
        ),
        request(
            "POST",
            "/upload",
            &[host, ("Content-Type", "application/octet-stream")],
            &binary(),
        ),
        request(
            "PATCH",
            "/items/7?q=%E2%9C%93",
            &[host, ("Content-Type", "application/json")],
            br#"{"k":"v \u00e9"}"#,
        ),
        request("POST", "/form", &[host], b"plain text, no type"),
        request(
            "DELETE",
            "/",
            &[
                host,
                ("Connection", "keep-alive"),
                ("Transfer-Encoding", "chunked"),
            ],
            b"",
        ),
    ]
}

/// The client's query as decoded pairs, as the shape keeps them: ALB keeps the last value of
/// each name, the others every value.
fn expected_query(shape: Shape, query: &str) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = pairs(query)
        .map(|(k, v)| (decode_form(k), decode_form(v)))
        .collect();
    if shape == Shape::Alb {
        let mut last: Vec<(String, String)> = Vec::new();
        for (k, v) in all {
            last.retain(|(lk, _)| *lk != k);
            last.push((k, v));
        }
        all = last;
    }
    all.sort();
    all
}

/// The header values a framework sees for `name`: the HTTP API and function URLs join repeats
/// with commas, ALB keeps the last, REST and VPC Lattice keep each.
fn expected_header(shape: Shape, values: &[&str]) -> Vec<String> {
    match shape {
        Shape::ApiGatewayV2 | Shape::FunctionUrl => vec![values.join(",")],
        Shape::Alb => values.last().map(|v| (*v).to_owned()).into_iter().collect(),
        Shape::Rest | Shape::LatticeV2 => values.iter().map(|v| (*v).to_owned()).collect(),
    }
}

#[test]
fn every_shape_round_trips_through_lambkins_http_adapter() {
    // The REST shape is reached as through a custom domain: the path has no stage, so the
    // adapter must not add it back (lambda_http's AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH).
    let options = Options::default().stage_in_path(false);
    for shape in Shape::ALL {
        for req in requests() {
            let mut bytes = build(&site(shape), &req, &inbound()).unwrap();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let (got, origin) = from_slice(&mut bytes, &options)
                .unwrap_or_else(|e| panic!("{shape} {}: {e}\n{text}", req.path));
            let what = format!("{shape} {} {}", req.method, req.path);
            let want_origin = match shape {
                Shape::ApiGatewayV2 => Origin::ApiGatewayHttp,
                Shape::FunctionUrl => Origin::LambdaFunctionUrl,
                Shape::Rest => Origin::ApiGatewayRest {
                    multi_value_headers: true,
                },
                Shape::Alb => Origin::Alb {
                    multi_value_headers: false,
                },
                Shape::LatticeV2 => Origin::VpcLatticeV2,
            };
            assert_eq!(origin, want_origin, "{what}");
            assert_eq!(got.method().as_str(), req.method, "{what}");
            let (path, query) = split_target(&req.path).unwrap();
            assert_eq!(got.uri().path(), path, "{what}");
            // The host is the one the client used, and so is the scheme where the service
            // says it (VPC Lattice sends no X-Forwarded-Proto: adapters assume https).
            assert_eq!(
                got.uri().authority().unwrap().as_str(),
                "localhost:9100",
                "{what}"
            );
            let scheme = if shape == Shape::LatticeV2 {
                "https"
            } else {
                "http"
            };
            assert_eq!(got.uri().scheme_str(), Some(scheme), "{what}");
            assert_eq!(
                expected_query(shape, got.uri().query().unwrap_or_default()),
                expected_query(shape, query),
                "{what}"
            );
            assert_eq!(got.body().as_ref(), req.body.as_slice(), "{what}");
            for (name, _) in &req.headers {
                let values: Vec<&str> = req
                    .headers
                    .iter()
                    .filter(|(n, _)| n.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.as_str())
                    .collect();
                let seen: Vec<String> = got
                    .headers()
                    .get_all(name.as_str())
                    .iter()
                    .map(|v| v.to_str().unwrap().to_owned())
                    .collect();
                let hop = HOP_BY_HOP.iter().any(|h| name.eq_ignore_ascii_case(h));
                let want = if hop {
                    Vec::new()
                } else if name == "Cookie" {
                    // Cookies come back as one header, whichever way the event carried them.
                    vec![values.join("; ")]
                } else {
                    expected_header(shape, &values)
                };
                assert_eq!(seen, want, "{what}: {name}");
            }
            assert_eq!(got.headers()["x-forwarded-for"], "127.0.0.1", "{what}");
            if shape != Shape::LatticeV2 {
                assert_eq!(got.headers()["x-forwarded-port"], "9100", "{what}");
                let trace = got.headers()["x-amzn-trace-id"].to_str().unwrap();
                assert!(trace.starts_with("Root=1-"), "{what}: {trace}");
            }
        }
    }
}

#[test]
fn each_shape_lays_the_request_out_as_its_service_does() {
    let req = &requests()[0];
    let v2 = event(Shape::ApiGatewayV2, req);
    assert_eq!(v2["rawPath"], "/café/a b", "the HTTP API decodes the path");
    assert_eq!(v2["rawQueryString"], "x=1&y=a%20b&x=2&flag");
    assert_eq!(
        v2["queryStringParameters"],
        json!({"x": "1,2", "y": "a b", "flag": ""})
    );
    assert_eq!(v2["cookies"], json!(["a=1", "b=2"]));
    assert_eq!(v2["headers"].get("cookie"), None);
    assert_eq!(v2["headers"]["x-multi"], "one,two");
    assert_eq!(v2["headers"]["x-forwarded-proto"], "http");
    assert_eq!(v2.get("body"), None);
    assert_eq!(v2["isBase64Encoded"], false);
    let rc = &v2["requestContext"];
    assert_eq!(rc["http"]["method"], "GET");
    assert_eq!(rc["http"]["path"], "/café/a b");
    assert_eq!(rc["http"]["sourceIp"], "127.0.0.1");
    assert_eq!(rc["http"]["userAgent"], "test/1.0");
    assert_eq!(
        rc["domainName"],
        "abcdefghij.execute-api.eu-west-2.amazonaws.com"
    );
    assert_eq!(
        (&rc["stage"], &rc["requestId"], &rc["accountId"]),
        (&json!("$default"), &json!("req-1"), &json!("000000000000"))
    );
    assert_eq!(rc["time"], "04/Mar/2020:19:03:58 +0000");
    assert_eq!(rc["timeEpoch"], 1_583_348_638_390u64);

    let url = event(Shape::FunctionUrl, req);
    assert_eq!(
        url["rawPath"], "/caf%C3%A9/a%20b",
        "function URLs keep the encoding"
    );
    assert_eq!(url["cookies"], json!(["a=1", "b=2"]));
    assert_eq!(url["headers"]["cookie"], "a=1; b=2");
    let rc = &url["requestContext"];
    assert_eq!(rc["domainName"], "abcdefghij.lambda-url.eu-west-2.on.aws");
    assert_eq!(
        (&rc["apiId"], &rc["accountId"]),
        (&json!("abcdefghij"), &json!("anonymous"))
    );

    let rest = event(Shape::Rest, req);
    assert_eq!(rest["path"], "/caf%C3%A9/a%20b");
    assert_eq!(rest["resource"], "/{proxy+}");
    assert_eq!(rest["pathParameters"], json!({"proxy": "caf%C3%A9/a%20b"}));
    assert_eq!(rest["headers"]["X-Multi"], "two");
    assert_eq!(rest["multiValueHeaders"]["X-Multi"], json!(["one", "two"]));
    assert_eq!(rest["headers"]["Cookie"], "a=1; b=2");
    assert_eq!(
        rest["queryStringParameters"],
        json!({"x": "2", "y": "a b", "flag": ""})
    );
    assert_eq!(
        rest["multiValueQueryStringParameters"],
        json!({"x": ["1", "2"], "y": ["a b"], "flag": [""]})
    );
    assert_eq!(
        (&rest["body"], &rest["stageVariables"]),
        (&Value::Null, &Value::Null)
    );
    let rc = &rest["requestContext"];
    assert_eq!(
        (&rc["stage"], &rc["resourcePath"]),
        (&json!("prod"), &json!("/{proxy+}"))
    );
    assert_eq!(rc["identity"]["sourceIp"], "127.0.0.1");
    assert_eq!(rc["requestTimeEpoch"], 1_583_348_638_390u64);
    let root = event(Shape::Rest, &request("GET", "/", &[], b""));
    assert_eq!(
        (&root["resource"], &root["pathParameters"]),
        (&json!("/"), &Value::Null)
    );
    assert_eq!(root["queryStringParameters"], Value::Null);

    let alb = event(Shape::Alb, req);
    assert_eq!(
        alb["queryStringParameters"],
        json!({"x": "2", "y": "a%20b", "flag": ""})
    );
    assert_eq!(alb["headers"]["x-multi"], "two");
    assert_eq!(
        (&alb["body"], &alb["isBase64Encoded"]),
        (&json!(""), &json!(false))
    );
    assert_eq!(
        alb["requestContext"]["elb"]["targetGroupArn"],
        "arn:aws:elasticloadbalancing:eu-west-2:000000000000:targetgroup/function/0123456789abcdef"
    );

    let lattice = event(Shape::LatticeV2, req);
    assert_eq!(
        (&lattice["version"], &lattice["method"]),
        (&json!("2.0"), &json!("GET"))
    );
    assert_eq!(lattice["headers"]["x-multi"], json!(["one", "two"]));
    assert_eq!(lattice["headers"].get("x-forwarded-port"), None);
    assert_eq!(
        lattice["queryStringParameters"],
        json!({"x": ["1", "2"], "y": ["a%20b"], "flag": [""]})
    );
    let rc = &lattice["requestContext"];
    assert_eq!(rc["timeEpoch"], "1583348638390000");
    assert_eq!(
        rc["serviceNetworkArn"],
        "arn:aws:vpc-lattice:eu-west-2:000000000000:servicenetwork/sn-0123456789abcdef0"
    );
    assert_eq!(rc["region"], "eu-west-2");
}

#[test]
fn bodies_are_text_or_base64_by_the_documented_rule() {
    let octets = request(
        "POST",
        "/",
        &[("Content-Type", "image/png")],
        b"PNG but UTF-8",
    );
    let typeless = request("POST", "/", &[], b"no type");
    let json = request("POST", "/", &[("Content-Type", "application/json")], b"{}");
    let not_utf8 = request("POST", "/", &[("Content-Type", "text/plain")], b"\xff");
    for shape in Shape::ALL {
        let is_b64 = |req: &Request| event(shape, req)["isBase64Encoded"] == true;
        // REST sends any UTF-8 as text (no binary media types configured).
        assert_eq!(is_b64(&octets), shape != Shape::Rest, "{shape}");
        assert_eq!(is_b64(&typeless), shape != Shape::Rest, "{shape}");
        assert!(!is_b64(&json), "{shape}");
        assert!(is_b64(&not_utf8), "{shape}");
        assert_eq!(event(shape, &not_utf8)["body"], "/w==", "{shape}");
    }
}

#[test]
fn what_the_services_lose_is_lost_here_too() {
    // The HTTP API decodes `%2F` in the path: the function cannot tell it from `/`.
    let req = request("GET", "/a%2Fb", &[], b"");
    assert_eq!(event(Shape::ApiGatewayV2, &req)["rawPath"], "/a/b");
    assert_eq!(event(Shape::FunctionUrl, &req)["rawPath"], "/a%2Fb");
    // A path that decodes to bytes that are not UTF-8 stays as sent.
    let req = request("GET", "/%FF", &[], b"");
    assert_eq!(event(Shape::ApiGatewayV2, &req)["rawPath"], "/%FF");
    // A client's X-Forwarded-For is extended, its X-Forwarded-Proto replaced.
    let req = request(
        "GET",
        "/",
        &[
            ("X-Forwarded-For", "10.0.0.1"),
            ("X-Forwarded-Proto", "https"),
        ],
        b"",
    );
    let rest = event(Shape::Rest, &req);
    assert_eq!(
        rest["multiValueHeaders"]["X-Forwarded-For"],
        json!(["10.0.0.1, 127.0.0.1"])
    );
    assert_eq!(
        rest["multiValueHeaders"]["X-Forwarded-Proto"],
        json!(["http"])
    );
}

#[test]
fn targets_and_limits() {
    const CASES: &[(&str, Option<(&str, &str)>)] = &[
        ("/p?q=1", Some(("/p", "q=1"))),
        ("/p#frag", Some(("/p", ""))),
        ("http://example.com/p?q", Some(("/p", "q"))),
        ("HTTPS://example.com?q", Some(("/", "q"))),
        ("http://example.com", Some(("/", ""))),
        ("*", None),
        ("example.com:443", None),
        ("", None),
    ];
    for (target, want) in CASES {
        assert_eq!(split_target(target), *want, "{target}");
    }
    let star = request("OPTIONS", "*", &[], b"");
    assert_eq!(
        build(&site(Shape::Rest), &star, &inbound()),
        Err(Refused::Target)
    );
    // Base64 makes a body of MAX_EVENT bytes a third larger: too large an event.
    let big = request("POST", "/", &[], &vec![0xff; MAX_EVENT]);
    for shape in Shape::ALL {
        assert_eq!(
            build(&site(shape), &big, &inbound()),
            Err(Refused::TooLarge),
            "{shape}"
        );
    }
}
