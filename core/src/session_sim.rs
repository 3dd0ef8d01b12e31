//! The simulation harness: a scripted Runtime API that checks each request byte for byte and
//! replies in any split, a `Platform` over it, and the greeting handler the transcripts use.
// Lint allowances come from the tests module this is part of.

use core::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::string::String;
use std::vec::Vec;
use std::{format, vec};

use crate::driver::{self, Abort, Platform, Stop};
use crate::handler::{Failure, Handler};
use crate::session::*;

pub(super) const API: &str = "127.0.0.1:9001";

/// What the client must send for one exchange.
#[derive(Debug, Clone)]
pub(super) enum Want {
    /// Exactly these bytes.
    Exact(Vec<u8>),
    /// `POST .../{id}/error` with this error type; the body must be a diagnostic of that type.
    Error {
        id: &'static str,
        kind: &'static str,
    },
    /// `POST /init/error` with this error type.
    InitError { kind: &'static str },
    /// Anything (the test inspects the log).
    Any,
}

#[derive(Debug, Clone)]
pub(super) struct Exchange {
    pub(super) want: Want,
    pub(super) reply: Vec<u8>,
    /// Close the connection after the reply.
    pub(super) close: bool,
}

pub(super) fn next_req() -> Vec<u8> {
    format!("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: {API}\r\nUser-Agent: lambkin/{}\r\n\r\n", env!("CARGO_PKG_VERSION")).into_bytes()
}

pub(super) fn response_req(id: &str, body: &str, invocation_id: Option<&str>) -> Vec<u8> {
    let echo = invocation_id
        .map(|i| format!("Lambda-Runtime-Invocation-Id: {i}\r\n"))
        .unwrap_or_default();
    format!(
        "POST /2018-06-01/runtime/invocation/{id}/response HTTP/1.1\r\nHost: {API}\r\nUser-Agent: lambkin/{}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{echo}\r\n{body}",
        env!("CARGO_PKG_VERSION"),
        body.len()
    )
    .into_bytes()
}

pub(super) fn event(id: &str, extra_headers: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nLambda-Runtime-Aws-Request-Id: {id}\r\nLambda-Runtime-Deadline-Ms: 1700000000000\r\nLambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:f\r\nLambda-Runtime-Trace-Id: Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1\r\n{extra_headers}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

pub(super) const ACCEPTED: &[u8] = b"HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n{\"status\":\"OK\"}\n";
pub(super) const DIE: &[u8] = b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n";

/// A reply with `status` and a JSON `body`, its `Content-Length` counted rather than typed.
pub(super) fn reply(status: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

pub(super) fn ex(want: Want, reply: &[u8]) -> Exchange {
    Exchange {
        want,
        reply: reply.to_vec(),
        close: false,
    }
}

pub(super) fn hello(id: &str, name_json: &str, answer: &str) -> [Exchange; 2] {
    [
        ex(
            Want::Exact(next_req()),
            &event(id, "", &format!("{{\"firstName\":{name_json}}}")),
        ),
        ex(
            Want::Exact(response_req(
                id,
                &format!("{{\"message\":\"Hello, {answer}!\"}}"),
                None,
            )),
            ACCEPTED,
        ),
    ]
}

/// An event the handler fails on (`Function.Boom`), then its `/error` report, answered `reply`.
pub(super) fn boom(id: &'static str, reply: &[u8]) -> [Exchange; 2] {
    [
        ex(
            Want::Exact(next_req()),
            &event(id, "", "{\"firstName\":\"boom\"}"),
        ),
        ex(
            Want::Error {
                id,
                kind: "Function.Boom",
            },
            reply,
        ),
    ]
}

pub(super) fn end() -> Exchange {
    ex(Want::Exact(next_req()), DIE)
}

/// How the server's replies are split into reads.
#[derive(Debug, Clone, Copy)]
pub(super) enum Split {
    /// First read gives this many bytes of each reply, the next read the rest.
    At(usize),
    /// One byte per read.
    Dribble,
}

pub(super) struct Sim {
    pub(super) script: VecDeque<Exchange>,
    split: Split,
    written: Vec<u8>,
    reply: Vec<u8>,
    pos: usize,
    close_after: bool,
    /// Connection currently open; older streams read EOF.
    live: usize,
    connects: usize,
    /// Every request the client sent.
    pub(super) log: Vec<String>,
}

pub(super) fn sim(script: &[Exchange], split: Split) -> Rc<RefCell<Sim>> {
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
pub(super) fn drive<H: Handler>(
    sim: &Rc<RefCell<Sim>>,
    handler: &H,
    rx_cap: usize,
    init_error: bool,
) -> (Stop<&'static str>, Vec<Notice>) {
    drive_on::<H, false>(sim, handler, rx_cap, MIN_TX + 4096, init_error)
}

/// [`drive`] with a transmit buffer of `tx_cap` bytes, on a platform whose stream says it is
/// `BLOCKING` (or not).
pub(super) fn drive_on<H: Handler, const BLOCKING: bool>(
    sim: &Rc<RefCell<Sim>>,
    handler: &H,
    rx_cap: usize,
    tx_cap: usize,
    init_error: bool,
) -> (Stop<&'static str>, Vec<Notice>) {
    let mut platform = SimPlatform::<BLOCKING> {
        sim: sim.clone(),
        notices: Vec::new(),
    };
    let (mut rx, mut tx) = (vec![0u8; rx_cap], vec![0u8; tx_cap]);
    let config =
        crate::Config::from_lookup(|k| (k == "AWS_LAMBDA_RUNTIME_API").then_some(API)).unwrap();
    let mut session = Session::new(config, &mut rx, &mut tx).unwrap();
    if init_error {
        session.fail_init("Runtime.InitError", &"database unreachable");
    }
    let stop = block_on(driver::run(&mut session, &mut platform, handler));
    (stop, platform.notices)
}

pub(super) struct SimStream {
    sim: Rc<RefCell<Sim>>,
    id: usize,
}

impl Sim {
    /// The server drops the open connection: the client's next write or read fails.
    pub(super) fn drop_connection(&mut self) {
        self.live = usize::MAX;
    }

    /// Connections opened so far.
    pub(super) fn connects(&self) -> usize {
        self.connects
    }
}

#[derive(Debug)]
pub(super) struct Closed;

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
            let ex = sim
                .script
                .pop_front()
                .expect("client sent a request past the end of the script");
            let written = core::mem::take(&mut sim.written);
            // A client reading on without having sent anything still waits for the last reply:
            // its framing (`Content-Length`, chunks) promises more than it holds.
            assert!(
                !written.is_empty() || matches!(ex.want, Want::Any),
                "client waits for more of a reply that is complete"
            );
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

pub(super) fn check_request(want: &Want, got: &[u8]) {
    let shown = String::from_utf8_lossy(got);
    match want {
        Want::Exact(bytes) => assert_eq!(shown, String::from_utf8_lossy(bytes)),
        Want::Error { id, kind } => {
            let path = format!("POST /2018-06-01/runtime/invocation/{id}/error HTTP/1.1\r\n");
            check_report(&shown, &path, kind);
        }
        Want::InitError { kind } => check_report(
            &shown,
            "POST /2018-06-01/runtime/init/error HTTP/1.1\r\n",
            kind,
        ),
        Want::Any => {}
    }
}

pub(super) fn check_report(request: &str, start: &str, kind: &str) {
    assert!(request.starts_with(start), "{request}");
    assert!(
        request.contains(&format!(
            "\r\nLambda-Runtime-Function-Error-Type: {kind}\r\n"
        )),
        "{request}"
    );
    let (head, body) = request.split_once("\r\n\r\n").unwrap();
    assert!(
        head.contains(&format!("\r\nContent-Length: {}\r\n", body.len())),
        "{request}"
    );
    let doc: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(doc["errorType"], kind, "{body}");
    assert!(
        doc["errorMessage"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    // Every report carries its X-Ray cause: one header line of ASCII JSON.
    let cause = head
        .split("\r\n")
        .find_map(|l| l.strip_prefix("Lambda-Runtime-Function-XRay-Error-Cause: "))
        .unwrap_or_else(|| panic!("no X-Ray cause in {head}"));
    assert!(cause.is_ascii(), "{cause}");
    let cause: serde_json::Value = serde_json::from_str(cause).unwrap();
    assert_eq!(cause["exceptions"][0]["type"], kind, "{cause}");
    assert_eq!(
        cause["exceptions"][0]["message"], doc["errorMessage"],
        "{cause}"
    );
}

pub(super) struct SimPlatform<const BLOCKING: bool> {
    sim: Rc<RefCell<Sim>>,
    notices: Vec<Notice>,
}

/// Polls `f` to its end: the simulated stream and the handlers here never wait.
pub(super) fn block_on<F: core::future::Future>(f: F) -> F::Output {
    let mut f = core::pin::pin!(f);
    let mut cx = core::task::Context::from_waker(core::task::Waker::noop());
    match f.as_mut().poll(&mut cx) {
        core::task::Poll::Ready(v) => v,
        core::task::Poll::Pending => panic!("the simulation never waits"),
    }
}

impl<const BLOCKING: bool> Platform for SimPlatform<BLOCKING> {
    type Stream = driver::Blocking<SimStream>;
    type ConnectError = &'static str;
    const BLOCKING: bool = BLOCKING;

    async fn connect(
        &mut self,
        _api: &crate::RuntimeApi<'_>,
    ) -> Result<driver::Blocking<SimStream>, &'static str> {
        let mut sim = self.sim.borrow_mut();
        sim.connects += 1;
        sim.live = sim.connects;
        sim.written.clear();
        sim.reply.clear();
        sim.pos = 0;
        sim.close_after = false;
        Ok(driver::Blocking(SimStream {
            sim: self.sim.clone(),
            id: sim.connects,
        }))
    }

    async fn run<F: core::future::Future>(
        &mut self,
        _ctx: &Context<'_>,
        f: F,
    ) -> Result<F::Output, Abort> {
        Ok(f.await)
    }

    fn notice(&mut self, notice: &Notice) {
        self.notices.push(*notice);
    }
}

#[derive(serde::Deserialize)]
pub(super) struct Request<'a> {
    #[serde(rename = "firstName", borrow)]
    first_name: Option<&'a str>,
}

/// Greets, or fails on request: `"boom"` is a handler error, `"ctx"` answers with context.
pub(super) struct Hello;

impl Handler for Hello {
    type Event<'a> = Request<'a>;
    type Output<'a> = serde_json::Value;
    type Error = Failure<&'static str>;

    async fn call<'a>(
        &'a self,
        req: Request<'a>,
        ctx: &'a Context<'a>,
    ) -> Result<serde_json::Value, Self::Error> {
        match req.first_name {
            Some("boom") => Err(Failure::new("Function.Boom", "asked to fail")),
            Some("ctx") => {
                let mut scratch = [0u8; 512];
                let client = ctx
                    .client_context(&mut scratch)
                    .map(|c| c.map(|c| c.client.and_then(|a| a.app_title).map(String::from)));
                let mut scratch = [0u8; 512];
                let cognito = ctx
                    .cognito_identity(&mut scratch)
                    .map(|c| c.map(|c| c.identity_id.map(String::from)));
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
            name => {
                Ok(serde_json::json!({ "message": format!("Hello, {}!", name.unwrap_or("world")) }))
            }
        }
    }
}

/// Runs `script` to its end (it must finish with a 500 on `/next`) for every split.
pub(super) fn replay(script: &[Exchange], rx_cap: usize) -> Vec<Notice> {
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
        assert!(
            sim.borrow().script.is_empty(),
            "{split:?}: script not finished"
        );
        // Every split must tell the same story.
        match &first_notices {
            None => first_notices = Some(notices),
            Some(n) => assert_eq!(n, &notices, "{split:?}"),
        }
    }
    first_notices.unwrap_or_default()
}
