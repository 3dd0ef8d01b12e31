//! A scripted Runtime API driving a real `Session` through its public API, in the call order
//! its rustdoc gives, with every read split by a PRNG and optional injected failures.
//!
//! The server answers each request with the next reply of the script (arbitrary bytes: one
//! response, several, garbage or nothing), delivered in random reads; it closes the connection
//! when it has nothing left to say. Every request the client sends goes through the emulator's
//! request parser and the [`Checker`]'s invariants:
//! - each request is exactly one well-formed HTTP request (Content-Length matches the body);
//! - `/response` and `/error` name only a request id that arrived since the last `GET /next`,
//!   exactly the one the handler saw, with the body it wrote; one answer per event (a retry
//!   repeats it byte for byte);
//! - `/init/error` only before the first `GET /next`;
//! - the session never asks to read into an empty buffer, never spins without progress, and a
//!   fatal stop is final.

use lambkin_core::diagnostic::{Diagnostic, MAX_ERROR_TYPE};
use lambkin_core::request::MAX_ID_LEN;
use lambkin_core::session::{self, Event, Invocation, Session};
use lambkin_core::{Config, Outcome};
use lambkin_emulator::wire;

use crate::{Rng, error_type_header, pct_decode, prefix, sanitized};

/// What a handler did with an invocation.
#[derive(Debug, Clone)]
pub enum Answer {
    /// `Outcome::Response(len)`: the first `len` bytes of `out` are the response.
    Respond(usize),
    /// `Outcome::error(type, len)`: the handler wrote a diagnostic of `len` bytes.
    Error(String, usize),
    /// `Outcome::failed(type, message)`: the session writes the diagnostic.
    Fail(String, String),
}

pub trait Handler {
    fn call(&mut self, inv: &mut Invocation<'_>, rng: &mut Rng) -> Answer;
}

/// Error types a handler may report: ordinary, empty, hostile (CRLF injection), long.
pub fn error_type(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => "Function.Boom".into(),
        1 => String::new(),
        2 => "x\r\nInjected: 1\u{85}".into(),
        3 => format!("Function.{}", "Xé😀".repeat(40)),
        _ => " \tspaced\t ".into(),
    }
}

/// Answers at random: an echo of the event, a full-buffer response, an error, a failure.
pub struct RandomHandler;

impl Handler for RandomHandler {
    fn call(&mut self, inv: &mut Invocation<'_>, rng: &mut Rng) -> Answer {
        match rng.below(4) {
            0 => {
                let len = rng.below(inv.body.len().min(inv.out.len()) + 1);
                inv.out[..len].copy_from_slice(&inv.body[..len]);
                Answer::Respond(len)
            }
            1 => {
                let n = inv.out.len();
                inv.out
                    .iter_mut()
                    .enumerate()
                    .for_each(|(i, b)| *b = i as u8);
                Answer::Respond(n)
            }
            2 => {
                let t = error_type(rng);
                let msg = String::from_utf8_lossy(inv.body).into_owned();
                let n = Diagnostic::new(&t, &msg)
                    .encode(inv.out)
                    .expect("out holds a minimal diagnostic");
                Answer::Error(t, n)
            }
            _ => Answer::Fail(
                error_type(rng),
                "handler \"failed\"\n".repeat(rng.below(400)),
            ),
        }
    }
}

/// How to set the session up.
#[derive(Debug, Clone)]
pub struct Options {
    pub api: &'static str,
    pub rx: usize,
    pub tx: usize,
    /// Call `fail_init(type, message)` before the loop.
    pub init_error: Option<(String, String)>,
    /// Inject write and read failures.
    pub faults: bool,
}

impl Options {
    /// From a flag byte: API with a path prefix, a larger receive buffer, an init error,
    /// injected faults, and a larger transmit buffer.
    pub fn from_flags(f: u8) -> Self {
        Self {
            api: if f & 1 == 0 {
                "127.0.0.1:9001"
            } else {
                "http://[::1]:9000/.rt"
            },
            rx: session::MIN_RX << (f >> 1 & 1),
            init_error: (f & 4 != 0).then(|| ("Runtime.InitError".into(), "db down".into())),
            faults: f & 8 != 0,
            tx: session::MIN_TX + usize::from(f >> 4) * 256,
        }
    }
}

/// How the run ended.
#[derive(Debug)]
pub struct Report {
    pub fatal: session::Error,
    pub invocations: usize,
    pub requests: Vec<wire::Request>,
}

struct Server<'s> {
    script: std::slice::Iter<'s, &'s [u8]>,
    live: bool,
    reply: &'s [u8],
    close_after: bool,
    /// Requests received and not yet answered.
    pending: usize,
}

impl<'s> Server<'s> {
    fn connect(&mut self) {
        self.live = true;
        self.reply = &[];
        self.close_after = false;
        self.pending = 0;
    }

    fn read(&mut self, buf: &mut [u8], rng: &mut Rng, faults: bool) -> usize {
        if !self.live {
            return 0;
        }
        if self.reply.is_empty() {
            // Nothing more to say (or told to close): the server closes the connection.
            let next = if self.close_after || self.pending == 0 {
                None
            } else {
                self.pending -= 1;
                self.script.next()
            };
            match next {
                Some(r) if !r.is_empty() => {
                    self.reply = r;
                    self.close_after = faults && rng.one_in(8);
                }
                _ => {
                    self.live = false;
                    return 0;
                }
            }
        }
        let n = rng.chunk(self.reply.len()).min(buf.len());
        buf[..n].copy_from_slice(&self.reply[..n]);
        self.reply = &self.reply[n..];
        n
    }
}

/// What the handler answered, to compare with what goes out.
#[derive(Debug)]
enum Expected {
    Response(Vec<u8>),
    Error { kind: String, body: Option<Vec<u8>> },
}

struct Checker {
    prefix: String,
    authority: String,
    since_next: Vec<u8>,
    /// (request id, invocation id) handed to the handler since the last `GET /next`.
    invoked: Option<(String, Option<String>)>,
    expected: Option<Expected>,
    answered: Option<Vec<u8>>,
    saw_next: bool,
    init_error: Option<String>,
    requests: Vec<wire::Request>,
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

/// An error body the session wrote: a diagnostic whose `errorType` is the (cut) type.
fn check_diagnostic(body: &[u8], kind: &str) {
    let doc: serde_json::Value = serde_json::from_slice(body)
        .unwrap_or_else(|e| panic!("error body is not JSON ({e}): {body:?}"));
    let got = doc["errorType"].as_str().expect("errorType is a string");
    assert!(
        prefix(kind, MAX_ERROR_TYPE).starts_with(got),
        "errorType {got:?} for {kind:?}"
    );
    assert!(doc["errorMessage"].is_string(), "{doc}");
}

impl Checker {
    fn request(&mut self, bytes: &[u8]) {
        let (req, n) = match wire::parse_request(bytes, usize::MAX) {
            Ok(Some(r)) => r,
            other => panic!("client sent a malformed request ({other:?}): {bytes:?}"),
        };
        assert_eq!(n, bytes.len(), "one request per transmit, nothing after it");
        assert_eq!(req.header("host"), Some(self.authority.as_str()));
        let path = req
            .path
            .strip_prefix(self.prefix.as_str())
            .expect("path prefix");
        self.requests.push(req.clone());
        if path == "/2018-06-01/runtime/invocation/next" {
            assert_eq!(req.method, "GET");
            assert!(req.body.is_empty());
            self.saw_next = true;
            self.since_next.clear();
            self.invoked = None;
            self.expected = None;
            self.answered = None;
            return;
        }
        assert_eq!(req.method, "POST", "{path}");
        let header_type = req.header("lambda-runtime-function-error-type");
        if path == "/2018-06-01/runtime/init/error" {
            let kind = self
                .init_error
                .as_deref()
                .expect("init error never asked for");
            assert!(!self.saw_next, "init error after the first GET /next");
            assert_eq!(
                header_type,
                Some(sanitized(prefix(kind, MAX_ERROR_TYPE)).as_str())
            );
            check_diagnostic(&req.body, kind);
            return;
        }
        let rest = path
            .strip_prefix("/2018-06-01/runtime/invocation/")
            .unwrap_or_else(|| panic!("unknown endpoint {path}"));
        let (id, endpoint) = rest.rsplit_once('/').expect("invocation endpoint");
        let id = pct_decode(id);
        assert!(!id.is_empty() && id.len() <= MAX_ID_LEN, "id {id:?}");
        assert!(
            contains(&self.since_next, &id),
            "answers request id {:?} it did not receive since GET /next",
            String::from_utf8_lossy(&id)
        );
        if let Some(prev) = &self.answered {
            assert_eq!(prev.as_slice(), bytes, "two different answers to one event");
        }
        self.answered = Some(bytes.to_vec());
        let Some((request_id, invocation_id)) = &self.invoked else {
            // The session answered by itself: the event did not fit or was cut short.
            assert_eq!(endpoint, "error");
            let kind = header_type.expect("error type header");
            assert!(
                kind == "Runtime.EventTooLarge" || kind == "Runtime.TruncatedEvent",
                "{kind}"
            );
            check_diagnostic(&req.body, kind);
            return;
        };
        assert_eq!(
            id,
            request_id.as_bytes(),
            "answers another id than the handler's"
        );
        let echo = invocation_id.as_deref().map(sanitized);
        assert_eq!(req.header("lambda-runtime-invocation-id"), echo.as_deref());
        match self.expected.as_ref().expect("handler answered") {
            Expected::Response(body) => {
                assert_eq!(endpoint, "response");
                assert!(
                    req.body == *body,
                    "response body differs from the handler's"
                );
            }
            Expected::Error { kind, body } => {
                assert_eq!(endpoint, "error");
                assert_eq!(
                    header_type,
                    Some(error_type_header(kind, MAX_ERROR_TYPE).as_str())
                );
                match body {
                    Some(b) => assert!(req.body == *b, "error body differs from the handler's"),
                    None => check_diagnostic(&req.body, kind),
                }
            }
        }
    }

    fn invocation(&mut self, inv: &Invocation<'_>) {
        let ctx = &inv.context;
        assert!(!ctx.request_id.is_empty() && ctx.request_id.len() <= MAX_ID_LEN);
        assert!(contains(&self.since_next, ctx.request_id.as_bytes()));
        assert!(self.invoked.is_none(), "two invocations for one GET /next");
        if let Some(i) = ctx.invocation_id {
            assert!(!i.is_empty() && i.len() <= MAX_ID_LEN);
        }
        self.invoked = Some((ctx.request_id.into(), ctx.invocation_id.map(Into::into)));
    }
}

/// Runs the session against `script` until it stops; panics on any broken invariant.
pub fn drive<H: Handler>(
    script: &[&[u8]],
    opts: &Options,
    rng: &mut Rng,
    handler: &mut H,
) -> Report {
    let api = opts.api;
    let config =
        Config::from_lookup(|k| (k == "AWS_LAMBDA_RUNTIME_API").then_some(api)).expect("valid API");
    let mut check = Checker {
        prefix: config.runtime_api.prefix().into(),
        authority: config.runtime_api.authority().into(),
        since_next: Vec::new(),
        invoked: None,
        expected: None,
        answered: None,
        saw_next: false,
        init_error: opts.init_error.as_ref().map(|(t, _)| t.clone()),
        requests: Vec::new(),
    };
    let (mut rx, mut tx) = (vec![0u8; opts.rx], vec![0u8; opts.tx]);
    let mut s = Session::new(config, &mut rx, &mut tx).expect("buffers are large enough");
    if let Some((t, m)) = &opts.init_error {
        s.fail_init(t, m);
    }
    let mut server = Server {
        script: script.iter(),
        live: false,
        reply: &[],
        close_after: false,
        pending: 0,
    };
    let mut invocations = 0;
    // Steps since the last byte arrived or the handler ran: bounded, or the session spins.
    let mut idle = 0;
    loop {
        idle += 1;
        assert!(idle < 200, "session spins without progress");
        if let Some(bytes) = s.poll_transmit() {
            assert!(!bytes.is_empty());
            let bytes = bytes.to_vec();
            if opts.faults && rng.one_in(32) {
                server.live = false;
                s.handle_disconnected();
                continue;
            }
            check.request(&bytes);
            s.handle_transmitted();
            server.pending += 1;
            continue;
        }
        match s.poll_event() {
            Some(Event::Notice(_)) => {}
            Some(Event::Reconnect) => {
                server.connect();
                s.handle_connected();
            }
            Some(Event::Invocation) => {
                idle = 0;
                invocations += 1;
                let mut inv = s
                    .invocation()
                    .expect("Invocation event without an invocation");
                check.invocation(&inv);
                let answer = handler.call(&mut inv, rng);
                check.expected = Some(match &answer {
                    Answer::Respond(len) => Expected::Response(inv.out[..*len].to_vec()),
                    Answer::Error(kind, len) => Expected::Error {
                        kind: kind.clone(),
                        body: Some(inv.out[..*len].to_vec()),
                    },
                    Answer::Fail(kind, _) => Expected::Error {
                        kind: kind.clone(),
                        body: None,
                    },
                });
                s.complete(match answer {
                    Answer::Respond(len) => Outcome::Response(len),
                    Answer::Error(kind, len) => Outcome::error(&kind, len),
                    Answer::Fail(kind, msg) => Outcome::failed(&kind, &msg),
                });
            }
            Some(Event::Fatal(e)) => {
                assert_eq!(
                    s.poll_event(),
                    Some(Event::Fatal(e)),
                    "a fatal stop is final"
                );
                assert!(s.poll_transmit().is_none());
                return Report {
                    fatal: e,
                    invocations,
                    requests: check.requests,
                };
            }
            Some(other) => panic!("unexpected event {other:?}"),
            None => {
                if opts.faults && rng.one_in(64) {
                    server.live = false;
                    s.handle_disconnected();
                    continue;
                }
                let buf = s.recv_buf();
                assert!(
                    !buf.is_empty(),
                    "session waits for a read with no room to read into"
                );
                let n = server.read(buf, rng, opts.faults);
                check.since_next.extend_from_slice(&buf[..n]);
                s.handle_recv(n);
                if n > 0 {
                    idle = 0;
                }
            }
        }
    }
}
