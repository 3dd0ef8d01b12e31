//! Deterministic simulation: the real driver and session against byte-exact Runtime API
//! transcripts, with the server's bytes split at every offset and dribbled.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

extern crate std;

use core::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::string::String;
use std::vec::Vec;
use std::{format, vec};

use super::*;
use crate::driver::{self, Abort, Platform, Stop};
use crate::handler::{Failure, Handler};

const API: &str = "127.0.0.1:9001";

/// What the client must send for one exchange.
#[derive(Debug, Clone)]
enum Want {
    /// Exactly these bytes.
    Exact(Vec<u8>),
    /// `POST .../{id}/error` with this error type; the body must be a diagnostic of that type.
    Error { id: &'static str, kind: &'static str },
    /// `POST /init/error` with this error type.
    InitError { kind: &'static str },
    /// Anything (the test inspects the log).
    Any,
}

#[derive(Debug, Clone)]
struct Exchange {
    want: Want,
    reply: Vec<u8>,
    /// Close the connection after the reply.
    close: bool,
}

fn next_req() -> Vec<u8> {
    format!("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: {API}\r\nUser-Agent: lambkin/{}\r\n\r\n", env!("CARGO_PKG_VERSION")).into_bytes()
}

fn response_req(id: &str, body: &str, invocation_id: Option<&str>) -> Vec<u8> {
    let echo = invocation_id.map(|i| format!("Lambda-Runtime-Invocation-Id: {i}\r\n")).unwrap_or_default();
    format!(
        "POST /2018-06-01/runtime/invocation/{id}/response HTTP/1.1\r\nHost: {API}\r\nUser-Agent: lambkin/{}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{echo}\r\n{body}",
        env!("CARGO_PKG_VERSION"),
        body.len()
    )
    .into_bytes()
}

fn event(id: &str, extra_headers: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nLambda-Runtime-Aws-Request-Id: {id}\r\nLambda-Runtime-Deadline-Ms: 1700000000000\r\nLambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:f\r\nLambda-Runtime-Trace-Id: Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1\r\n{extra_headers}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

const ACCEPTED: &[u8] = b"HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n{\"status\":\"OK\"}\n";
const DIE: &[u8] = b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n";

fn ex(want: Want, reply: &[u8]) -> Exchange {
    Exchange {
        want,
        reply: reply.to_vec(),
        close: false,
    }
}

fn hello(id: &str, name_json: &str, answer: &str) -> [Exchange; 2] {
    [
        ex(Want::Exact(next_req()), &event(id, "", &format!("{{\"firstName\":{name_json}}}"))),
        ex(Want::Exact(response_req(id, &format!("{{\"message\":\"Hello, {answer}!\"}}"), None)), ACCEPTED),
    ]
}

fn end() -> Exchange {
    ex(Want::Exact(next_req()), DIE)
}

/// How the server's replies are split into reads.
#[derive(Debug, Clone, Copy)]
enum Split {
    /// First read gives this many bytes of each reply, the next read the rest.
    At(usize),
    /// One byte per read.
    Dribble,
}

struct Sim {
    script: VecDeque<Exchange>,
    split: Split,
    written: Vec<u8>,
    reply: Vec<u8>,
    pos: usize,
    close_after: bool,
    /// Connection currently open; older streams read EOF.
    live: usize,
    connects: usize,
    /// Every request the client sent.
    log: Vec<String>,
}

fn sim(script: &[Exchange], split: Split) -> Rc<RefCell<Sim>> {
    Rc::new(RefCell::new(Sim {
        script: script.iter().cloned().collect(),
        split,
        written: Vec::new(),
        reply: Vec::new(),
        pos: 0,
        close_after: false,
        live: 0,
        connects: 0,
        log: Vec::new(),
    }))
}

/// Runs `script` with `handler` over buffers of the given size; returns why it stopped.
fn drive<H: Handler>(sim: &Rc<RefCell<Sim>>, handler: &H, rx_cap: usize, init_error: bool) -> (Stop<&'static str>, Vec<Notice>) {
    let mut platform = SimPlatform {
        sim: sim.clone(),
        notices: Vec::new(),
    };
    let (mut rx, mut tx) = (vec![0u8; rx_cap], vec![0u8; MIN_TX + 4096]);
    let config = crate::Config::from_lookup(|k| (k == "AWS_LAMBDA_RUNTIME_API").then_some(API)).unwrap();
    let mut session = Session::new(config, &mut rx, &mut tx).unwrap();
    if init_error {
        session.fail_init("Runtime.InitError", &"database unreachable");
    }
    let stop = driver::run(&mut session, &mut platform, handler);
    (stop, platform.notices)
}

struct SimStream {
    sim: Rc<RefCell<Sim>>,
    id: usize,
}

#[derive(Debug)]
struct Closed;

impl core::fmt::Display for Closed {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("closed")
    }
}
impl core::error::Error for Closed {}
impl embedded_io::Error for Closed {
    fn kind(&self) -> embedded_io::ErrorKind {
        embedded_io::ErrorKind::ConnectionReset
    }
}
impl embedded_io::ErrorType for SimStream {
    type Error = Closed;
}

impl embedded_io::Write for SimStream {
    fn write(&mut self, buf: &[u8]) -> Result<usize, Closed> {
        let mut sim = self.sim.borrow_mut();
        if sim.live != self.id {
            return Err(Closed);
        }
        sim.written.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> Result<(), Closed> {
        Ok(())
    }
}

impl embedded_io::Read for SimStream {
    fn read(&mut self, buf: &mut [u8]) -> Result<usize, Closed> {
        let mut sim = self.sim.borrow_mut();
        if sim.live != self.id {
            return Ok(0);
        }
        if sim.pos == sim.reply.len() {
            if sim.close_after {
                sim.live = usize::MAX;
                return Ok(0);
            }
            let ex = sim.script.pop_front().expect("client sent a request past the end of the script");
            let written = core::mem::take(&mut sim.written);
            check_request(&ex.want, &written);
            sim.log.push(String::from_utf8_lossy(&written).into_owned());
            sim.reply = ex.reply;
            sim.pos = 0;
            sim.close_after = ex.close;
        }
        let left = sim.reply.len() - sim.pos;
        let n = match sim.split {
            Split::At(cut) if sim.pos == 0 => cut.min(left),
            Split::At(_) => left,
            Split::Dribble => 1.min(left),
        }
        .min(buf.len());
        let pos = sim.pos;
        buf[..n].copy_from_slice(&sim.reply[pos..pos + n]);
        sim.pos += n;
        if sim.pos == sim.reply.len() && sim.close_after && n == 0 {
            return Ok(0);
        }
        Ok(n)
    }
}

fn check_request(want: &Want, got: &[u8]) {
    let shown = String::from_utf8_lossy(got);
    match want {
        Want::Exact(bytes) => assert_eq!(shown, String::from_utf8_lossy(bytes)),
        Want::Error { id, kind } => {
            let path = format!("POST /2018-06-01/runtime/invocation/{id}/error HTTP/1.1\r\n");
            check_report(&shown, &path, kind);
        }
        Want::InitError { kind } => check_report(&shown, "POST /2018-06-01/runtime/init/error HTTP/1.1\r\n", kind),
        Want::Any => {}
    }
}

fn check_report(request: &str, start: &str, kind: &str) {
    assert!(request.starts_with(start), "{request}");
    assert!(request.contains(&format!("\r\nLambda-Runtime-Function-Error-Type: {kind}\r\n")), "{request}");
    let (head, body) = request.split_once("\r\n\r\n").unwrap();
    assert!(head.contains(&format!("\r\nContent-Length: {}\r\n", body.len())), "{request}");
    let doc: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(doc["errorType"], kind, "{body}");
    assert!(doc["errorMessage"].as_str().is_some_and(|m| !m.is_empty()), "{body}");
}

struct SimPlatform {
    sim: Rc<RefCell<Sim>>,
    notices: Vec<Notice>,
}

impl Platform for SimPlatform {
    type Stream = SimStream;
    type ConnectError = &'static str;

    fn connect(&mut self, _api: &crate::RuntimeApi<'_>) -> Result<SimStream, &'static str> {
        let mut sim = self.sim.borrow_mut();
        sim.connects += 1;
        sim.live = sim.connects;
        sim.written.clear();
        sim.reply.clear();
        sim.pos = 0;
        sim.close_after = false;
        Ok(SimStream {
            sim: self.sim.clone(),
            id: sim.connects,
        })
    }

    fn run<F: core::future::Future>(&mut self, _ctx: &Context<'_>, f: F) -> Result<F::Output, Abort> {
        let mut f = core::pin::pin!(f);
        let mut cx = core::task::Context::from_waker(core::task::Waker::noop());
        match f.as_mut().poll(&mut cx) {
            core::task::Poll::Ready(v) => Ok(v),
            core::task::Poll::Pending => Err(Abort::new("Runtime.Pending", "handler did not finish")),
        }
    }

    fn notice(&mut self, notice: &Notice) {
        self.notices.push(*notice);
    }
}

#[derive(serde::Deserialize)]
struct Request<'a> {
    #[serde(rename = "firstName", borrow)]
    first_name: Option<&'a str>,
}

/// Greets, or fails on request: `"boom"` is a handler error, `"ctx"` answers with context.
struct Hello;

impl Handler for Hello {
    type Event<'a> = Request<'a>;
    type Output<'a> = serde_json::Value;
    type Error = Failure<&'static str>;

    async fn call<'a>(&'a self, req: Request<'a>, ctx: &'a Context<'a>) -> Result<serde_json::Value, Self::Error> {
        match req.first_name {
            Some("boom") => Err(Failure::new("Function.Boom", "asked to fail")),
            Some("ctx") => {
                let mut scratch = [0u8; 512];
                let client = ctx.client_context(&mut scratch).map(|c| c.map(|c| c.client.and_then(|a| a.app_title).map(String::from)));
                let mut scratch = [0u8; 512];
                let cognito = ctx.cognito_identity(&mut scratch).map(|c| c.map(|c| c.identity_id.map(String::from)));
                Ok(serde_json::json!({
                    "id": ctx.request_id,
                    "arn": ctx.invoked_function_arn,
                    "deadline": ctx.deadline.map(|d| d.raw()),
                    "trace": ctx.trace_id,
                    "tenant": ctx.tenant_id,
                    "client": format!("{client:?}"),
                    "cognito": format!("{cognito:?}"),
                }))
            }
            name => Ok(serde_json::json!({ "message": format!("Hello, {}!", name.unwrap_or("world")) })),
        }
    }
}

/// Runs `script` to its end (it must finish with a 500 on `/next`) for every split.
fn replay(script: &[Exchange], rx_cap: usize) -> Vec<Notice> {
    let longest = script.iter().map(|e| e.reply.len()).max().unwrap_or(1);
    let mut splits: Vec<Split> = (1..=longest).map(Split::At).collect();
    splits.push(Split::Dribble);
    let mut first_notices = None;
    for split in splits {
        let sim = sim(script, split);
        let (stop, notices) = drive(&sim, &Hello, rx_cap, false);
        assert_eq!(
            stop,
            Stop::Session(Error::Status {
                endpoint: Endpoint::Next,
                status: 500
            }),
            "{split:?}"
        );
        assert!(sim.borrow().script.is_empty(), "{split:?}: script not finished");
        // Every split must tell the same story.
        match &first_notices {
            None => first_notices = Some(notices),
            Some(n) => assert_eq!(n, &notices, "{split:?}"),
        }
    }
    first_notices.unwrap_or_default()
}

#[test]
fn keep_alive_events_in_a_row() {
    let mut s = Vec::new();
    for i in 0..5 {
        s.extend(hello(&format!("id-{i}"), &format!("\"n{i}\""), &format!("n{i}")));
    }
    s.push(end());
    assert_eq!(replay(&s, MIN_RX), []);
}

#[test]
fn missing_name_json_escapes_and_surrogates() {
    let mut s = Vec::new();
    s.extend(hello("a", "null", "world"));
    s.extend(hello("b", r#""a\"b\\c\u00e9\ud83d\ude00\n""#, "a\\\"b\\\\cé😀\\n"));
    s.push(end());
    assert_eq!(replay(&s, MIN_RX), []);
}

#[test]
fn chunked_upper_case_and_connection_close() {
    let chunked = b"HTTP/1.1 200 OK\r\nTRANSFER-ENCODING: chunked\r\nLAMBDA-RUNTIME-AWS-REQUEST-ID: c1\r\nLAMBDA-RUNTIME-INVOCATION-ID: inv-9\r\n\r\n5;x=y\r\n{\"fir\r\n10\r\nstName\":\"chunk\"}\r\n0\r\nTrailer: 1\r\n\r\n";
    let mut close = event("c2", "Connection: close\r\n", "{}");
    close.truncate(close.len());
    let s = vec![
        ex(Want::Exact(next_req()), chunked),
        ex(Want::Exact(response_req("c1", "{\"message\":\"Hello, chunk!\"}", Some("inv-9"))), ACCEPTED),
        Exchange {
            want: Want::Exact(next_req()),
            reply: close,
            close: true,
        },
        // The response goes out on a new connection.
        ex(Want::Exact(response_req("c2", "{\"message\":\"Hello, world!\"}", None)), ACCEPTED),
        end(),
    ];
    assert_eq!(replay(&s, MIN_RX), []);
}

#[test]
fn bad_events_are_reported_and_the_loop_goes_on() {
    let no_id = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
    let s = vec![
        ex(Want::Exact(next_req()), no_id),
        ex(Want::Exact(next_req()), &event("t", "", "{\"firstName\":\"trunc")),
        ex(Want::Error { id: "t", kind: error_type::INVALID_EVENT }, ACCEPTED),
        ex(Want::Exact(next_req()), &event("e", "", "{\"firstName\":\"boom\"}")),
        ex(Want::Error { id: "e", kind: "Function.Boom" }, ACCEPTED),
        hello("ok", "\"again\"", "again")[0].clone(),
        hello("ok", "\"again\"", "again")[1].clone(),
        end(),
    ];
    assert_eq!(replay(&s, MIN_RX), [Notice::MissingRequestId]);
}

#[test]
fn rejected_responses_are_logged_and_skipped() {
    let too_large = b"HTTP/1.1 413 Request Entity Too Large\r\nContent-Length: 112\r\n\r\n{\"errorMessage\":\"Exceeded maximum allowed payload size (6291556 bytes).\",\"errorType\":\"RequestEntityTooLarge\"}";
    let [n, r] = hello("x", "\"x\"", "x");
    let s = vec![n, Exchange { reply: too_large.to_vec(), ..r }, end()];
    let notices = replay(&s, MIN_RX);
    assert_eq!(notices, [Notice::Status { endpoint: Endpoint::Response, status: 413 }]);
}

#[test]
fn short_body_then_close_is_reported_on_a_new_connection() {
    let mut short = event("s", "", "{\"firstName\":\"x\"}");
    short.truncate(short.len() - 5);
    let s = vec![
        Exchange {
            want: Want::Exact(next_req()),
            reply: short,
            close: true,
        },
        ex(Want::Error { id: "s", kind: error_type::TRUNCATED_EVENT }, ACCEPTED),
        end(),
    ];
    assert_eq!(replay(&s, MIN_RX), [Notice::TruncatedEvent]);
}

#[test]
fn event_larger_than_the_buffer_is_reported() {
    let big = format!("{{\"firstName\":\"{}\"}}", "x".repeat(2 * MIN_RX));
    let s = [
        ex(Want::Exact(next_req()), &event("big", "", &big)),
        ex(Want::Error { id: "big", kind: error_type::EVENT_TOO_LARGE }, ACCEPTED),
        end(),
    ];
    assert_eq!(replay(&s, MIN_RX), [Notice::EventTooLarge]);
}

#[test]
fn context_headers_reach_the_handler() {
    let headers = "Lambda-Runtime-Client-Context: {\"client\":{\"app_title\":\"snake\"}}\r\nlambda-runtime-cognito-identity: {\"cognitoIdentityId\":\"cid\"}\r\nLambda-Runtime-Aws-Tenant-Id: tenant-7\r\n";
    let body = r#"{"arn":"arn:aws:lambda:us-east-1:123456789012:function:f","client":"Some(Ok(Some(\"snake\")))","cognito":"Some(Ok(Some(\"cid\")))","deadline":1700000000000,"id":"c","tenant":"tenant-7","trace":"Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1"}"#;
    let s = vec![
        ex(Want::Exact(next_req()), &event("c", headers, "{\"firstName\":\"ctx\"}")),
        ex(Want::Exact(response_req("c", body, None)), ACCEPTED),
        end(),
    ];
    assert_eq!(replay(&s, MIN_RX), []);
}

#[test]
fn malformed_context_never_fails_the_invocation() {
    let headers = "Lambda-Runtime-Client-Context: {not json\r\n";
    let reply = String::from_utf8(event("m", headers, "{\"firstName\":\"ctx\"}"))
        .unwrap()
        .replace("Lambda-Runtime-Deadline-Ms: 1700000000000", "Lambda-Runtime-Deadline-Ms: soon");
    let script = [ex(Want::Exact(next_req()), reply.as_bytes()), ex(Want::Any, ACCEPTED), end()];
    let sim = sim(&script, Split::At(usize::MAX));
    drive(&sim, &Hello, MIN_RX, false);
    let log = &sim.borrow().log;
    let body = log[1].split_once("\r\n\r\n").unwrap().1;
    assert!(log[1].starts_with("POST /2018-06-01/runtime/invocation/m/response "), "{}", log[1]);
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(v["deadline"], serde_json::Value::Null);
    assert!(v["client"].as_str().unwrap().starts_with("Some(Err("), "{v}");
}

#[test]
fn repeated_failures_stop_instead_of_spinning() {
    let refused = b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n";
    let script: Vec<Exchange> = (0..5).map(|_| ex(Want::Exact(next_req()), refused)).collect();
    let (stop, notices) = drive(&sim(&script, Split::Dribble), &Hello, MIN_RX, false);
    let refused = Notice::Status { endpoint: Endpoint::Next, status: 403 };
    assert_eq!(stop, Stop::Session(Error::Unreliable(refused)));
    assert_eq!(notices.len(), 4);
}

#[test]
fn init_error_is_reported_then_the_session_stops() {
    let script = [ex(Want::InitError { kind: "Runtime.InitError" }, ACCEPTED)];
    let (stop, _) = drive(&sim(&script, Split::Dribble), &driver::NoHandler, MIN_RX, true);
    assert_eq!(stop, Stop::Session(Error::InitFailed));
}
