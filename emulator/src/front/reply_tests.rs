#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use super::*;
use Shape::*;

/// (shape, reply, status, headers in order, body).
type Case = (
    Shape,
    &'static str,
    u16,
    &'static [(&'static str, &'static str)],
    &'static [u8],
);

const INTERNAL_V2: &[u8] = br#"{"message":"Internal Server Error"}"#;
const INTERNAL_REST: &[u8] = br#"{"message": "Internal server error"}"#;
const JSON_TYPE: (&str, &str) = ("Content-Type", "application/json");

const CASES: &[Case] = &[
    // Payload 2.0: statusCode, headers, cookies, body.
    (
        ApiGatewayV2,
        r#"{"statusCode":201,"headers":{"X-A":"1","content-type":"text/plain"},"cookies":["s=1","t=2; Path=/"],"body":"hi"}"#,
        201,
        &[("X-A", "1"), ("content-type", "text/plain"), ("Set-Cookie", "s=1"), ("Set-Cookie", "t=2; Path=/")],
        b"hi",
    ),
    // A base64 body is decoded; the type defaults to JSON.
    (
        ApiGatewayV2,
        r#"{"statusCode":200,"body":"/wBoaQ==","isBase64Encoded":true}"#,
        200,
        &[JSON_TYPE],
        b"\xff\x00hi",
    ),
    // Format inference: JSON without statusCode is the body of a 200.
    (ApiGatewayV2, r#"{"a":1}"#, 200, &[JSON_TYPE], br#"{"a":1}"#),
    (FunctionUrl, r#""hello""#, 200, &[JSON_TYPE], br#""hello""#),
    (ApiGatewayV2, r#"[1,2]"#, 200, &[JSON_TYPE], b"[1,2]"),
    // Headers that are not HTTP are dropped; numbers are written out; framing is the front's.
    (
        ApiGatewayV2,
        r#"{"statusCode":200,"headers":{"X-Bad":"a\r\nInjected: 1","Bad Name":"x","X-N":5,"X-T":true,"X-O":{},"Content-Length":"99","Content-Type":"text/plain"},"body":"ok"}"#,
        200,
        &[("Content-Type", "text/plain"), ("X-N", "5"), ("X-T", "true")],
        b"ok",
    ),
    // Not a response: 500 for the HTTP API, 502 for a function URL.
    (ApiGatewayV2, "not json", 500, &[JSON_TYPE], INTERNAL_V2),
    (ApiGatewayV2, r#"{"statusCode":99}"#, 500, &[JSON_TYPE], INTERNAL_V2),
    (ApiGatewayV2, r#"{"statusCode":150}"#, 500, &[JSON_TYPE], INTERNAL_V2),
    (ApiGatewayV2, r#"{"statusCode":600}"#, 500, &[JSON_TYPE], INTERNAL_V2),
    (ApiGatewayV2, r#"{"statusCode":"200"}"#, 500, &[JSON_TYPE], INTERNAL_V2),
    (ApiGatewayV2, r#"{"statusCode":70000}"#, 500, &[JSON_TYPE], INTERNAL_V2),
    (ApiGatewayV2, r#"{"statusCode":null}"#, 500, &[JSON_TYPE], INTERNAL_V2),
    (
        ApiGatewayV2,
        r#"{"statusCode":200,"body":"%%%","isBase64Encoded":true}"#,
        500,
        &[JSON_TYPE],
        INTERNAL_V2,
    ),
    (ApiGatewayV2, r#"{"statusCode":200,"cookies":"a=1"}"#, 500, &[JSON_TYPE], INTERNAL_V2),
    (
        FunctionUrl,
        "\u{0}garbage",
        502,
        &[("Content-Type", "text/plain")],
        b"Internal Server Error",
    ),
    // REST merges headers into multiValueHeaders; a pair in both appears once.
    (
        Rest,
        r#"{"statusCode":200,"headers":{"A":"1","B":"x"},"multiValueHeaders":{"A":["1","2"],"C":["3",4]},"body":"ok"}"#,
        200,
        &[("A", "1"), ("A", "2"), ("C", "3"), ("C", "4"), ("B", "x"), JSON_TYPE],
        b"ok",
    ),
    (Rest, r#"{"statusCode":404}"#, 404, &[JSON_TYPE], b""),
    (Rest, r#"{"a":1}"#, 502, &[JSON_TYPE], INTERNAL_REST),
    (Rest, r#"{"statusCode":200,"body":{"x":1}}"#, 502, &[JSON_TYPE], INTERNAL_REST),
    (Rest, r#"{"statusCode":200,"headers":[]}"#, 502, &[JSON_TYPE], INTERNAL_REST),
    (Rest, r#"{"statusCode":200,"isBase64Encoded":"yes"}"#, 502, &[JSON_TYPE], INTERNAL_REST),
    // ALB reads multiValueHeaders when the reply has them, else headers; no default type.
    (
        Alb,
        r#"{"statusCode":200,"statusDescription":"200 Fine","headers":{"A":"ignored"},"multiValueHeaders":{"Set-Cookie":["a=1","b=2"]},"body":""}"#,
        200,
        &[("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")],
        b"",
    ),
    (
        Alb,
        r#"{"statusCode":302,"statusDescription":"302 Found","headers":{"Location":"/x"},"isBase64Encoded":false}"#,
        302,
        &[("Location", "/x")],
        b"",
    ),
    (
        Alb,
        r#"{"body":"no status"}"#,
        502,
        &[("Content-Type", "text/html")],
        b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n",
    ),
    (
        LatticeV2,
        r#"{"statusCode":404,"statusDescription":"404 Not Found","headers":{"x":"y"},"body":"nope"}"#,
        404,
        &[("x", "y")],
        b"nope",
    ),
    (LatticeV2, "{}", 502, &[("Content-Type", "text/plain")], b"Bad Gateway"),
];

#[test]
fn replies_become_responses_as_each_service_makes_them() {
    for (shape, reply, status, headers, body) in CASES {
        let got = convert(*shape, reply.as_bytes(), &[]);
        let want: Vec<(String, String)> = headers
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect();
        assert_eq!(
            (got.status, &got.headers, got.body.as_slice()),
            (*status, &want, *body),
            "{shape}: {reply}"
        );
    }
}

#[test]
fn status_descriptions_name_the_reason_for_alb_and_lattice_only() {
    let reply = br#"{"statusCode":200,"statusDescription":"200 Fine"}"#;
    assert_eq!(convert(Alb, reply, &[]).reason, "Fine");
    assert_eq!(convert(LatticeV2, reply, &[]).reason, "Fine");
    assert_eq!(convert(Rest, reply, &[]).reason, "OK");
    // Another status's description, or a control character, is not used.
    let other = br#"{"statusCode":200,"statusDescription":"404 Not Found"}"#;
    assert_eq!(convert(Alb, other, &[]).reason, "OK");
    let evil = br#"{"statusCode":200,"statusDescription":"200 A\r\nX: y"}"#;
    assert_eq!(convert(Alb, evil, &[]).reason, "OK");
}

#[test]
fn streamed_replies_start_with_a_prelude_for_urls_and_rest() {
    let sent = vec![(
        "Content-Type".to_owned(),
        "application/vnd.awslambda.http-integration-response".to_owned(),
    )];
    let mut reply =
        br#"{"statusCode":201,"headers":{"content-type":"text/plain"},"cookies":["c=1"]}"#.to_vec();
    reply.extend_from_slice(&[0; 8]);
    reply.extend_from_slice(b"streamed \0 body");
    let got = convert(FunctionUrl, &reply, &sent);
    assert_eq!(
        (got.status, got.body.as_slice()),
        (201, &b"streamed \0 body"[..])
    );
    assert_eq!(got.header("set-cookie"), Some("c=1"));
    assert_eq!(convert(Rest, &reply, &sent).status, 201);
    // Without the prelude's content type it is an ordinary (here unreadable) reply.
    assert_eq!(convert(FunctionUrl, &reply, &[]).status, 502);
    assert_eq!(
        convert(FunctionUrl, b"{\"statusCode\":200}", &sent).status,
        502
    );
}

#[test]
fn canned_answers() {
    const CASES: &[(Canned, Shape, u16)] = &[
        (Canned::Failed, ApiGatewayV2, 500),
        (Canned::Failed, Rest, 502),
        (Canned::Failed, FunctionUrl, 502),
        (Canned::Failed, Alb, 502),
        (Canned::Failed, LatticeV2, 502),
        (Canned::TooLarge, ApiGatewayV2, 413),
        (Canned::TooLarge, Alb, 413),
        (Canned::BadRequest, LatticeV2, 400),
        (Canned::BadRequest, Rest, 400),
    ];
    for (canned, shape, status) in CASES {
        let r = canned.response(*shape);
        assert_eq!(r.status, *status, "{canned:?} {shape}");
        assert!(r.header("content-type").is_some(), "{canned:?} {shape}");
        assert!(!r.body.is_empty(), "{canned:?} {shape}");
    }
}

#[test]
fn encoding_frames_every_response() {
    let r = Response::new(200, vec![("A".into(), "b".into())], b"body".to_vec());
    assert_eq!(
        r.encode(false, false),
        b"HTTP/1.1 200 OK\r\nA: b\r\nContent-Length: 4\r\n\r\nbody"
    );
    // HEAD: the length of the body not sent.
    assert_eq!(
        r.encode(true, true),
        b"HTTP/1.1 200 OK\r\nA: b\r\nConnection: close\r\nContent-Length: 4\r\n\r\n"
    );
    // 204 and 304 have no body and no length.
    let none = Response::new(204, Vec::new(), b"dropped".to_vec());
    assert_eq!(
        none.encode(false, false),
        b"HTTP/1.1 204 No Content\r\n\r\n"
    );
    let odd = Response::new(299, Vec::new(), Vec::new());
    assert_eq!(
        odd.encode(false, false),
        b"HTTP/1.1 299 \r\nContent-Length: 0\r\n\r\n"
    );
}
