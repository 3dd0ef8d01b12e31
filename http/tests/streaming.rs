//! Streamed responses on the wire: an axum `Router` served with `run_with_streaming_response`
//! (tokio, in a child process, since it reads the Runtime API address from the environment)
//! and with `StreamAdapter` on std, smol and tokio in process, against a Runtime API on a real
//! socket that records every chunk and trailer the runtime sends.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_core,
    clippy::std_instead_of_alloc,
    missing_docs
)]

mod fake_api;

use std::io::{self, Read as _};
use std::net::{SocketAddr, TcpStream};
use std::pin::pin;
use std::process::{Child, Command};
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::extract::Query;
use axum::response::Response;
use axum::routing::get;
use base64::Engine as _;
use bytes::Bytes;
use fake_api::{FakeApi, GUARD, Posted};
use futures_util::future::{self, Either};
use http_body::Frame;
use lambkin_core::Config;
use lambkin_host::Runtime;
use lambkin_http::{Adapter, OnError, StreamAdapter};
use serde_json::{Value, json};

const HTTP_INTEGRATION: &str = "application/vnd.awslambda.http-integration-response";

/// A function URL event for `GET {path}?{query}`.
fn event(path: &str, query: &str) -> String {
    json!({
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": query,
        "headers": {"host": "abc.lambda-url.us-east-1.on.aws", "accept": "text/plain"},
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "abc",
            "domainName": "abc.lambda-url.us-east-1.on.aws",
            "domainPrefix": "abc",
            "http": {"method": "GET", "path": path, "protocol": "HTTP/1.1",
                     "sourceIp": "203.0.113.7", "userAgent": "curl/8.5.0"},
            "requestId": "r-1",
            "routeKey": "$default",
            "stage": "$default",
            "timeEpoch": 1_700_000_000_000_u64
        },
        "isBase64Encoded": false
    })
    .to_string()
}

/// The invocations every run serves, in order: `/lines` first (it takes the gate).
fn events() -> Vec<String> {
    vec![
        event("/lines", "gate={gate}"),
        event("/fail", ""),
        event("/trailers", ""),
        event("/bad-header", ""),
    ]
}

#[derive(serde::Deserialize)]
struct Gate {
    gate: SocketAddr,
}

/// Waits until the fake Runtime API lets the body through (it has the first line by then), or
/// fails after the guard time (so a runtime that buffers fails the test instead of hanging it).
/// async-io drives the socket, so this runs under tokio and smol alike.
async fn wait_for(gate: SocketAddr) -> io::Result<()> {
    let open = pin!(async {
        let conn = async_io::Async::<TcpStream>::connect(gate).await?;
        let mut byte = [0u8; 1];
        match conn.read_with(|s| (&*s).read(&mut byte)).await? {
            1 => Ok(()),
            _ => Err(io::ErrorKind::UnexpectedEof.into()),
        }
    });
    match future::select(open, async_io::Timer::after(GUARD)).await {
        Either::Left((opened, _)) => opened,
        Either::Right(_) => Err(io::Error::other("the gate never opened")),
    }
}

/// Three lines; the second only once the first has reached the Runtime API.
async fn lines(Query(Gate { gate }): Query<Gate>) -> Response {
    let body = futures_util::stream::unfold(0, move |i| async move {
        let line = match i {
            0 => Ok(Bytes::from("line 0\n")),
            1 => wait_for(gate).await.map(|()| Bytes::from("line 1\n")),
            2 => Ok(Bytes::from("line 2\n")),
            _ => return None,
        };
        Some((line, i + 1))
    });
    Response::builder()
        .header("content-type", "text/plain; charset=utf-8")
        .header("x-multi", "a")
        .header("x-multi", "b")
        .header("set-cookie", "a=1")
        .header("set-cookie", "b=2; Path=/")
        .body(Body::from_stream(body))
        .unwrap()
}

/// One line, then the body fails.
async fn fail() -> Response {
    let body = futures_util::stream::iter([
        Ok(Bytes::from("part 1\n")),
        Err(io::Error::other("disk on fire")),
    ]);
    Response::new(Body::from_stream(body))
}

/// A data frame, then a trailer frame Lambda cannot forward.
async fn trailers() -> Response {
    let mut map = http::HeaderMap::new();
    map.insert("x-checksum", http::HeaderValue::from_static("abc"));
    let frames = futures_util::stream::iter([
        Ok::<_, io::Error>(Frame::data(Bytes::from("data\n"))),
        Ok(Frame::trailers(map)),
    ]);
    Response::new(Body::new(http_body_util::StreamBody::new(frames)))
}

/// A header value that is not UTF-8 (Latin-1 `café`).
async fn bad_header() -> Response {
    Response::builder()
        .header("x-name", http::HeaderValue::from_bytes(b"caf\xe9").unwrap())
        .body(Body::from("never sent"))
        .unwrap()
}

/// What a pass-through event (`POST /events`) gets: JSON in two frames.
async fn events_json() -> Response {
    let body = futures_util::stream::iter([
        Ok::<_, io::Error>(Bytes::from("[1,")),
        Ok(Bytes::from("2]")),
    ]);
    Response::builder()
        .header("content-type", "application/json")
        .body(Body::from_stream(body))
        .unwrap()
}

fn app() -> Router {
    Router::new()
        .route("/events", axum::routing::post(events_json))
        .route("/lines", get(lines))
        .route("/fail", get(fail))
        .route("/trailers", get(trailers))
        .route("/bad-header", get(bad_header))
}

/// A runtime whose Runtime API is `api`.
fn runtime(api: &FakeApi) -> Runtime {
    let address: &'static str = String::leak(api.address.clone());
    let config = Config::from_lookup(|k| (k == "AWS_LAMBDA_RUNTIME_API").then_some(address));
    Runtime::new(config.unwrap())
}

/// The head of a streamed `/response` for invocation `id`.
fn assert_streamed(post: &Posted, id: &str) {
    assert_eq!(
        post.request_line,
        format!("POST /2018-06-01/runtime/invocation/{id}/response HTTP/1.1")
    );
    assert_eq!(
        post.header("lambda-runtime-function-response-mode"),
        Some("streaming")
    );
    assert_eq!(post.header("transfer-encoding"), Some("chunked"));
    assert_eq!(post.header("content-type"), Some(HTTP_INTEGRATION));
    assert_eq!(post.header("content-length"), None);
    let declared = post.header("trailer").unwrap_or_default();
    assert!(
        declared.contains("Lambda-Runtime-Function-Error-Type"),
        "{declared}"
    );
    assert!(
        declared.contains("Lambda-Runtime-Function-Error-Body"),
        "{declared}"
    );
}

/// The prelude: the JSON alone in the first chunk, exactly eight NUL bytes in the second.
fn prelude(post: &Posted) -> Value {
    assert_eq!(
        post.chunks[1], [0u8; 8],
        "eight NUL bytes, a chunk of their own"
    );
    serde_json::from_slice(&post.chunks[0]).unwrap()
}

/// The error the trailers carry: (type trailer, decoded body JSON).
fn trailer_error(post: &Posted) -> (String, Value) {
    let kind = post.trailer("lambda-runtime-function-error-type").unwrap();
    let body = post.trailer("lambda-runtime-function-error-body").unwrap();
    let body = base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap();
    (kind.to_owned(), serde_json::from_slice(&body).unwrap())
}

/// `/lines`: the prelude, then one chunk per frame, no trailers.
fn check_lines(post: &Posted) {
    assert_streamed(post, "req-0");
    assert_eq!(
        prelude(post),
        json!({
            "statusCode": 200,
            "headers": {"content-type": "text/plain; charset=utf-8", "x-multi": "a,b"},
            "cookies": ["a=1", "b=2; Path=/"]
        })
    );
    assert_eq!(
        post.chunks[2..],
        [
            b"line 0\n".to_vec(),
            b"line 1\n".to_vec(),
            b"line 2\n".to_vec()
        ]
    );
    assert_eq!(post.trailers, []);
}

/// `/fail`: the line before the error, then the error as trailers, not in the body.
fn check_fail(post: &Posted) {
    assert_streamed(post, "req-1");
    assert_eq!(prelude(post)["statusCode"], 200);
    assert_eq!(post.chunks[2..], [b"part 1\n".to_vec()]);
    let (kind, body) = trailer_error(post);
    assert_eq!(kind, "Function.ResponseBodyError");
    assert_eq!(body["errorType"], "Function.ResponseBodyError");
    assert_eq!(body["errorMessage"], "disk on fire");
    let wire = String::from_utf8_lossy(&post.body()).into_owned();
    assert!(!wire.contains("disk on fire"), "{wire}");
}

/// `/trailers`: the data frame streams, the service's trailers do not reach the wire.
fn check_trailers(post: &Posted) {
    assert_streamed(post, "req-2");
    assert_eq!(post.chunks[2..], [b"data\n".to_vec()]);
    assert_eq!(post.trailers, []);
    assert!(!String::from_utf8_lossy(&post.body()).contains("x-checksum"));
}

/// `/bad-header` with the default `OnError::Report`: nothing streamed, an `/error` report.
fn check_bad_header_reported(post: &Posted) {
    assert_eq!(
        post.request_line,
        "POST /2018-06-01/runtime/invocation/req-3/error HTTP/1.1"
    );
    assert_eq!(
        post.header("lambda-runtime-function-error-type"),
        Some("Function.InvalidResponseHeader")
    );
    let body: Value = serde_json::from_slice(&post.body()).unwrap();
    assert_eq!(
        body["errorMessage"],
        "response header `x-name` is not UTF-8"
    );
}

/// The four invocations of [`events`] with the default options, in order.
fn check_default_run(api: &FakeApi) {
    check_lines(&api.next_posted());
    check_fail(&api.next_posted());
    check_trailers(&api.next_posted());
    check_bad_header_reported(&api.next_posted());
}

const CHILD: &str = "LAMBKIN_HTTP_STREAM_CHILD";

/// The function process [`run_with_streaming_response_on_tokio`] starts; does nothing unless
/// started so.
#[test]
#[ignore = "run as a child process by run_with_streaming_response_on_tokio"]
fn child_run_with_streaming_response() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let stopped = rt.block_on(lambkin_http::run_with_streaming_response(app()));
    // It returns only with the reason it stopped: the fake API's 500.
    let reason = stopped.unwrap_err().to_string();
    assert!(reason.contains("500"), "{reason}");
}

#[test]
fn run_with_streaming_response_on_tokio() {
    let events = events();
    let api = FakeApi::start(&events.iter().map(String::as_str).collect::<Vec<_>>());
    let mut function = Function(
        Command::new(std::env::current_exe().unwrap())
            .args([
                "child_run_with_streaming_response",
                "--exact",
                "--ignored",
                "--nocapture",
            ])
            .env(CHILD, "1")
            .env("AWS_LAMBDA_RUNTIME_API", &api.address)
            .spawn()
            .unwrap(),
    );
    check_default_run(&api);
    let started = Instant::now();
    let status = loop {
        if let Some(status) = function.0.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < GUARD,
            "the function did not stop after the Runtime API's 500"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(status.success(), "{status}");
}

/// The function process, killed if the test fails before it exits.
struct Function(Child);

impl Drop for Function {
    fn drop(&mut self) {
        if self.0.try_wait().ok().flatten().is_none() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

#[test]
fn stream_adapter_on_smol() {
    let events = events();
    let api = FakeApi::start(&events.iter().map(String::as_str).collect::<Vec<_>>());
    let runtime = runtime(&api);
    let adapter = StreamAdapter::new(app());
    let stopped = async_io::block_on(lambkin_smol::serve(&runtime, &adapter));
    assert!(stopped.to_string().contains("500"), "{stopped}");
    check_default_run(&api);
}

/// The blocking transport polls the body on its worker thread; async-io's own thread drives
/// the gate socket.
#[test]
fn stream_adapter_on_std() {
    let events = events();
    let api = FakeApi::start(&events.iter().map(String::as_str).collect::<Vec<_>>());
    let runtime = runtime(&api);
    let stopped = lambkin_std::serve(&runtime, &StreamAdapter::new(app()));
    assert!(stopped.to_string().contains("500"), "{stopped}");
    check_default_run(&api);
}

/// With `OnError::InternalServerError`, a failure before the stream is a streamed 500; a body
/// that fails mid-stream still ends with the error trailers (its 200 has gone out).
#[tokio::test(flavor = "current_thread")]
async fn internal_server_error_on_tokio() {
    let events = [event("/bad-header", ""), event("/fail", "")];
    let api = FakeApi::start(&events.iter().map(String::as_str).collect::<Vec<_>>());
    let runtime = runtime(&api);
    let adapter = Adapter::new(app())
        .on_error(OnError::InternalServerError)
        .streaming();
    let stopped = lambkin_tokio::serve(&runtime, &adapter).await;
    assert!(stopped.to_string().contains("500"), "{stopped}");

    let post = api.next_posted();
    assert_streamed(&post, "req-0");
    assert_eq!(
        prelude(&post),
        json!({"statusCode": 500, "headers": {"content-type": "text/plain"}, "cookies": []})
    );
    assert_eq!(post.chunks[2..], [b"Internal Server Error".to_vec()]);
    assert_eq!(post.trailers, []);

    let post = api.next_posted();
    assert_streamed(&post, "req-1");
    assert_eq!(post.chunks[2..], [b"part 1\n".to_vec()]);
    assert_eq!(trailer_error(&post).0, "Function.ResponseBodyError");
}

/// A pass-through event has no HTTP client to read a prelude: the body streams alone, with
/// the response's content type.
#[test]
fn pass_through_streams_the_body_alone() {
    let api = FakeApi::start(&[r#"{"Records":[{"eventSource":"aws:sqs"}]}"#]);
    let runtime = runtime(&api);
    let adapter = Adapter::new(app()).pass_through(true).streaming();
    let stopped = async_io::block_on(lambkin_smol::serve(&runtime, &adapter));
    assert!(stopped.to_string().contains("500"), "{stopped}");
    let post = api.next_posted();
    assert_eq!(
        post.request_line,
        "POST /2018-06-01/runtime/invocation/req-0/response HTTP/1.1"
    );
    assert_eq!(
        post.header("lambda-runtime-function-response-mode"),
        Some("streaming")
    );
    assert_eq!(post.header("content-type"), Some("application/json"));
    assert_eq!(post.chunks, [b"[1,".to_vec(), b"2]".to_vec()]);
    assert_eq!(post.trailers, []);
}
