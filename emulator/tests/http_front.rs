//! `lambkin-emulator serve --http` as users run it: the binary, the `echo` example as the
//! function (it returns the event unchanged), and HTTP written by hand over real sockets.
//!
//! With the payload 2.0 shapes, a reply without `statusCode` is a 200 whose body is the reply,
//! so echo shows exactly which event a request became. The other shapes need a `statusCode`,
//! so echo's reply is their 502. The unit tests in `src/front/` cover every rule in detail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]
mod front;

use std::io::{Read, Write};
use std::net::TcpStream;

use base64::Engine as _;
use front::serve;
use serde_json::json;

#[test]
fn apigw_v2_sends_the_request_as_the_event_over_one_kept_alive_connection() {
    let served = serve(&["--http", "0", "--example", "echo"]);
    // An idle connection (half a request head) holds no one up: each has its own thread.
    let mut idle = served.connect();
    idle.send(b"GET /waiting HTTP/1.1\r\nHost: x\r\n");

    let mut conn = served.connect();
    let reply = conn.exchange(
        b"GET /caf%C3%A9/a%20b?b=2&a=x%20y&b=3 HTTP/1.1\r\nHost: localhost\r\n\
          User-Agent: lambkin-test/1\r\nX-Multi: 1\r\nX-Multi: 2\r\nCookie: c1=v1; c2=v2\r\n\r\n",
    );
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert!(reply.header("apigw-requestid").is_some(), "{reply:?}");
    assert!(reply.header("date").unwrap().ends_with(" GMT"));
    let event = reply.json();
    assert_eq!(event["version"], "2.0");
    assert_eq!(event["rawPath"], "/café/a b");
    assert_eq!(event["rawQueryString"], "b=2&a=x%20y&b=3");
    assert_eq!(
        event["queryStringParameters"],
        json!({"a": "x y", "b": "2,3"})
    );
    assert_eq!(event["cookies"], json!(["c1=v1", "c2=v2"]));
    let headers = &event["headers"];
    assert_eq!(headers.get("cookie"), None);
    assert_eq!(headers["x-multi"], "1,2");
    assert_eq!(headers["host"], "localhost");
    assert_eq!(headers["x-forwarded-for"], "127.0.0.1");
    assert_eq!(headers["x-forwarded-proto"], "http");
    let http = &event["requestContext"]["http"];
    assert_eq!(
        (&http["method"], &http["path"], &http["sourceIp"]),
        (&json!("GET"), &json!("/café/a b"), &json!("127.0.0.1"))
    );
    assert_eq!(http["userAgent"], "lambkin-test/1");
    assert_eq!(event["requestContext"]["stage"], "$default");
    assert_eq!(
        (event.get("body"), &event["isBase64Encoded"]),
        (None, &json!(false))
    );

    // 1 MB of binary on the same connection, after curl's `Expect: 100-continue` handshake.
    let blob: Vec<u8> = (0..1 << 20).map(|i: u32| (i * 7 % 251) as u8).collect();
    conn.send(
        format!(
            "POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n\
             Content-Length: {}\r\nExpect: 100-continue\r\n\r\n",
            blob.len()
        )
        .as_bytes(),
    );
    let interim = conn.read(true);
    assert_eq!(interim.status, 100, "{interim:?}");
    conn.send(&blob);
    let reply = conn.read(false);
    assert_eq!(reply.status, 200);
    let event = reply.json();
    assert_eq!(event["requestContext"]["http"]["method"], "POST");
    assert_eq!(event["isBase64Encoded"], true);
    assert_eq!(event["headers"].get("expect"), None);
    let body = base64::engine::general_purpose::STANDARD
        .decode(event["body"].as_str().unwrap())
        .unwrap();
    assert!(body == blob, "the 1 MB body changed on the way");

    // A chunked text body, and the client's close: answered, then the connection ends.
    let reply = conn.exchange(
        b"PUT /t HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n\
          Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
    );
    assert_eq!(reply.header("connection"), Some("close"));
    let event = reply.json();
    assert_eq!(
        (&event["body"], &event["isBase64Encoded"]),
        (&json!("hello world"), &json!(false))
    );
    assert_eq!(event["headers"].get("transfer-encoding"), None);
    assert!(conn.closed());

    // Each request was one invocation with Lambda's lines; the idle client is still waiting.
    let reports = served.reports(3);
    assert_eq!(reports.len(), 3, "{reports:?}");
    idle.send(b"\r\n");
    assert_eq!(idle.read(false).status, 200);
}

#[test]
fn function_url_events_name_the_url_and_its_request_id_is_lambdas() {
    let served = serve(&["--http", "0", "--http-shape", "url", "--example", "echo"]);
    let reply = served.connect().exchange(
        b"POST /p%20q?x=1 HTTP/1.1\r\nHost: localhost\r\nCookie: a=1\r\n\
          Content-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"k\": 1}\n",
    );
    assert_eq!(reply.status, 200, "{reply:?}");
    let event = reply.json();
    assert_eq!(event["rawPath"], "/p%20q");
    assert_eq!(event["cookies"], json!(["a=1"]));
    assert_eq!(event["headers"]["cookie"], "a=1");
    assert_eq!(event["body"], "{\"k\": 1}\n");
    let rc = &event["requestContext"];
    let id = rc["apiId"].as_str().unwrap();
    assert_eq!(id.len(), 32);
    assert_eq!(
        rc["domainName"],
        format!("{id}.lambda-url.us-east-1.on.aws")
    );
    assert_eq!(rc["http"]["method"], "POST");
    // The request id is the invocation's, as in the REPORT line.
    let request_id = reply.header("x-amzn-requestid").unwrap();
    assert_eq!(rc["requestId"], request_id);
    let reports = served.reports(1);
    assert!(
        reports.iter().any(|r| r.contains(request_id)),
        "{request_id}: {reports:?}"
    );
}

#[test]
fn shapes_that_need_a_status_code_answer_echo_with_their_502() {
    let cases: [(&str, &str, &[u8]); 3] = [
        (
            "rest",
            "application/json",
            br#"{"message": "Internal server error"}"#,
        ),
        (
            "alb",
            "text/html",
            b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
              <center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n",
        ),
        ("lattice-v2", "text/plain", b"Bad Gateway"),
    ];
    for (shape, content_type, body) in cases {
        let served = serve(&["--http", "0", "--http-shape", shape, "--example", "echo"]);
        let reply = served
            .connect()
            .exchange(b"GET /x?y=1 HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assert_eq!(reply.status, 502, "{shape}: {reply:?}");
        assert_eq!(reply.header("content-type"), Some(content_type), "{shape}");
        assert_eq!(reply.body, body, "{shape}");
        // The function did run (and answered): one invocation, its REPORT line.
        assert_eq!(served.reports(1).len(), 1, "{shape}");
    }
}

#[test]
fn a_failing_function_and_unreadable_requests_get_the_services_answers() {
    // No such program: every invocation fails (Runtime.InvalidEntrypoint), no build needed.
    // The Invoke API runs beside the front end.
    let served = serve(&["--port", "0", "--http", "0", "--", "/nonexistent/function"]);
    let reply = served
        .connect()
        .exchange(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assert_eq!(reply.status, 500, "{reply:?}");
    assert_eq!(reply.body, br#"{"message":"Internal Server Error"}"#);

    let mut invoke = TcpStream::connect(served.invoke.as_deref().unwrap()).unwrap();
    invoke
        .write_all(
            b"POST /2015-03-31/functions/function/invocations HTTP/1.1\r\nHost: x\r\n\
              Content-Length: 2\r\nConnection: close\r\n\r\n{}",
        )
        .unwrap();
    let mut raw = String::new();
    invoke.read_to_string(&mut raw).unwrap();
    assert!(raw.contains("X-Amz-Function-Error: Unhandled"), "{raw}");

    // HEAD: the head of the same answer, no body.
    let mut conn = served.connect();
    let head = conn.exchange(b"HEAD / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assert_eq!(head.status, 500);
    assert_eq!(head.header("content-length"), Some("35"));
    assert!(head.body.is_empty());

    // Above 6 MB: refused from the head alone, before the body is sent.
    let too_big = conn.exchange(
        format!(
            "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: {}\r\n\r\n",
            lambkin_emulator::MAX_EVENT + 1
        )
        .as_bytes(),
    );
    assert_eq!(too_big.status, 413);
    assert_eq!(too_big.body, br#"{"message":"Request Entity Too Large"}"#);
    assert!(conn.closed());

    let mut conn = served.connect();
    let bad = conn.exchange(b"NOT HTTP AT ALL\r\n\r\n");
    assert_eq!(bad.status, 400);
    assert!(conn.closed());
}
