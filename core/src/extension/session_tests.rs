//! The state machine against byte-exact Extensions API transcripts, every answer split at
//! every offset and dribbled: each split must give the same typed result.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

extern crate std;

use std::string::String;
use std::vec::Vec;
use std::{format, vec};

use super::*;
use crate::context::Deadline;
use crate::extension::{
    Invoke, MAX_IDENTIFIER, Registered, Rejected, Shutdown, ShutdownReason, Tracing,
};
use crate::json::DecodeErrorKind;

const API: &str = "http://127.0.0.1:9001/pre";
const ID: &str = "0c0ffee0-1234-5678-9abc-def012345678";
const TRACE: &str = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1";
const ARN: &str = "arn:aws:lambda:us-east-1:123456789012:function:f";

fn api() -> RuntimeApi<'static> {
    RuntimeApi::parse(API).unwrap()
}

/// What the test asks the session for.
#[derive(Debug, Clone, Copy)]
enum Ask {
    Register(Registration<'static>),
    Next,
    InitError(&'static str, &'static str),
    ExitError(&'static str, &'static str),
}

fn ask(s: &mut Session<'_>, ask: Ask) -> Result<(), ExtensionError> {
    match ask {
        Ask::Register(r) => s.register(&r),
        Ask::Next => s.next_event(),
        Ask::InitError(ty, msg) => s.init_error(&Diagnostic::new(ty, &msg)),
        Ask::ExitError(ty, msg) => s.exit_error(&Diagnostic::new(ty, &msg)),
    }
}

fn register_req(name: &str, extra: &str, body: &str) -> String {
    format!(
        "POST /pre/2020-01-01/extension/register HTTP/1.1\r\nHost: 127.0.0.1:9001\r\nLambda-Extension-Name: {name}\r\n{extra}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

fn next_req(id: &str) -> String {
    format!(
        "GET /pre/2020-01-01/extension/event/next HTTP/1.1\r\nHost: 127.0.0.1:9001\r\nLambda-Extension-Identifier: {id}\r\n\r\n"
    )
}

fn error_req(which: &str, id: &str, ty: &str, msg: &str) -> String {
    let body = format!(r#"{{"errorType":"{ty}","errorMessage":"{msg}"}}"#);
    format!(
        "POST /pre/2020-01-01/extension/{which}/error HTTP/1.1\r\nHost: 127.0.0.1:9001\r\nLambda-Extension-Identifier: {id}\r\nLambda-Extension-Function-Error-Type: {ty}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

/// An answer with `status`, extra header lines and a body, its `Content-Length` counted.
fn answer(status: &str, headers: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\n{headers}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn registered(headers: &str, body: &str) -> Vec<u8> {
    answer(
        "200 OK",
        &format!("Lambda-Extension-Identifier: {ID}\r\n{headers}"),
        body,
    )
}

fn event(body: &str) -> Vec<u8> {
    answer(
        "200 OK",
        "Lambda-Extension-Event-Identifier: 8d2f5e4a-0000-4000-8000-000000000001\r\n",
        body,
    )
}

const ACCEPTED: &[u8] = b"HTTP/1.1 202 Accepted\r\nContent-Length: 16\r\n\r\n{\"status\":\"OK\"}\n";

/// One exchange: what is asked, the exact request, the answer (then the end of the stream if
/// `eof`), and the event every split must give.
struct Case {
    name: &'static str,
    ask: Ask,
    request: String,
    answer: Vec<u8>,
    eof: bool,
    rx: usize,
    expect: Event<'static>,
    /// The connection is still usable afterwards.
    kept: bool,
}

fn case(name: &'static str, ask: Ask, request: String, answer: Vec<u8>) -> Case {
    Case {
        name,
        ask,
        request,
        answer,
        eof: false,
        rx: 1024,
        expect: Event::ErrorReported,
        kept: true,
    }
}

impl Case {
    fn expect(self, expect: Event<'static>) -> Self {
        Self { expect, ..self }
    }
    fn dropped(self) -> Self {
        Self {
            kept: false,
            ..self
        }
    }
    fn then_eof(self) -> Self {
        Self { eof: true, ..self }
    }
    fn rx(self, rx: usize) -> Self {
        Self { rx, ..self }
    }
}

const fn reg(identifier: &'static str) -> Registered<'static> {
    Registered {
        identifier,
        function_name: None,
        function_version: None,
        handler: None,
        account_id: None,
    }
}

fn failed(e: ExtensionError) -> Event<'static> {
    Event::Failed(e)
}

fn bad_event(kind: DecodeErrorKind) -> Event<'static> {
    Event::Failed(ExtensionError::BadEvent(kind))
}

fn cases() -> Vec<Case> {
    let plain = Ask::Register(Registration::new("ext"));
    let plain_req = || register_req("ext", "", r#"{"events":[]}"#);
    let invoke = Invoke {
        request_id: "r-1",
        deadline: Some(Deadline::from_raw(1_700_000_000_123)),
        invoked_function_arn: ARN,
        tracing: Some(Tracing {
            kind: "X-Amzn-Trace-Id",
            value: TRACE,
        }),
    };
    let next = || next_req(ID);
    vec![
        case("register", plain, plain_req(), registered("", r#"{"functionName":"f","functionVersion":"$LATEST","handler":"bootstrap"}"#))
            .expect(Event::Registered(Registered {
                function_name: Some("f"),
                function_version: Some("$LATEST"),
                handler: Some("bootstrap"),
                ..reg(ID)
            })),
        case(
            "register for every event, with the account id",
            Ask::Register(Registration::new("ext").with_invoke().with_shutdown().with_account_id()),
            register_req("ext", "Lambda-Extension-Accept-Feature: accountId\r\n", r#"{"events":["INVOKE","SHUTDOWN"]}"#),
            registered("", r#"{"functionName":"f","accountId":"123456789012","extra":[1,{"x":null}]}"#),
        )
        .expect(Event::Registered(Registered {
            function_name: Some("f"),
            account_id: Some("123456789012"),
            ..reg(ID)
        })),
        case(
            "register for INVOKE, upper-case chunked answer closing the connection",
            Ask::Register(Registration::new("ext").with_invoke()),
            register_req("ext", "", r#"{"events":["INVOKE"]}"#),
            b"HTTP/1.1 200 OK\r\nLAMBDA-EXTENSION-IDENTIFIER:  id-7 \r\nTRANSFER-ENCODING: chunked\r\nCONNECTION: close\r\n\r\n3\r\n{\"h\r\n12\r\nandler\":\"b\\u00e9\"}\r\n0\r\n\r\n".to_vec(),
        )
        .expect(Event::Registered(Registered { handler: Some("bé"), ..reg("id-7") }))
        .dropped(),
        case("register for SHUTDOWN, an interim 100 first", Ask::Register(Registration::new("ext").with_shutdown()),
            register_req("ext", "", r#"{"events":["SHUTDOWN"]}"#),
            [&b"HTTP/1.1 100 Continue\r\n\r\n"[..], &registered("", "")].concat())
            .expect(Event::Registered(reg(ID))),
        case("registration body not JSON", plain, plain_req(), registered("", "OK"))
            .expect(Event::Registered(reg(ID))),
        case("registration body until close", plain, plain_req(),
            format!("HTTP/1.0 200 OK\r\nLambda-Extension-Identifier: {ID}\r\n\r\n{{\"handler\":\"h\"}}").into_bytes())
            .then_eof()
            .expect(Event::Registered(Registered { handler: Some("h"), ..reg(ID) }))
            .dropped(),
        case("registration refused", plain, plain_req(),
            answer("403 Forbidden", "", r#"{"errorMessage":"Extension registration closed already","errorType":"Extension.RegistrationClosed"}"#))
            .expect(Event::Rejected(Rejected {
                status: 403,
                error_type: Some("Extension.RegistrationClosed"),
                error_message: Some("Extension registration closed already"),
            })),
        case("refused without a JSON body", plain, plain_req(), answer("400 Bad Request", "", "no"))
            .expect(Event::Rejected(Rejected { status: 400, error_type: None, error_message: None })),
        case("no identifier", plain, plain_req(), answer("200 OK", "", "{}"))
            .expect(failed(ExtensionError::MissingIdentifier)),
        case("empty identifier", plain, plain_req(), answer("200 OK", "Lambda-Extension-Identifier: \r\n", "{}"))
            .expect(failed(ExtensionError::MissingIdentifier)),
        case("identifier too long", plain, plain_req(),
            answer("200 OK", &format!("Lambda-Extension-Identifier: {}\r\n", "a".repeat(MAX_IDENTIFIER + 1)), "{}"))
            .expect(failed(ExtensionError::MissingIdentifier)),
        case("malformed HTTP", plain, plain_req(), b"garbage\r\n\r\n".to_vec())
            .expect(failed(ExtensionError::Http(HttpError::MalformedHead)))
            .dropped(),
        case("head cut short", plain, plain_req(), b"HTTP/1.1 200 OK\r\nContent-Len".to_vec())
            .then_eof()
            .expect(failed(ExtensionError::Http(HttpError::Truncated)))
            .dropped(),
        case("invoke", Ask::Next, next(), event(&format!(
            r#"{{"eventType":"INVOKE","deadlineMs":1700000000123,"requestId":"r-\u0031","invokedFunctionArn":"{ARN}","tracing":{{"type":"X-Amzn-Trace-Id","value":"{TRACE}"}}}}"#)))
            .expect(Event::Invoke(invoke)),
        case("invoke without tracing, fields in any order, unknown ones skipped", Ask::Next, next(),
            event(r#" {"requestId":"r\"2","future":{"a":[true]},"eventType":"Invoke","tracing":null} "#))
            .expect(Event::Invoke(Invoke { request_id: "r\"2", deadline: None, invoked_function_arn: "", tracing: None })),
        case("shutdown, lower-case reason", Ask::Next, next(),
            event(r#"{"eventType":"SHUTDOWN","shutdownReason":"spindown","deadlineMs":1700000000500}"#))
            .expect(Event::Shutdown(Shutdown {
                reason: ShutdownReason::Spindown,
                reason_text: "spindown",
                deadline: Some(Deadline::from_raw(1_700_000_000_500)),
            })),
        case("shutdown on timeout, lower-case type", Ask::Next, next(),
            event(r#"{"eventType":"shutdown","shutdownReason":"TIMEOUT","deadlineMs":2}"#))
            .expect(Event::Shutdown(Shutdown { reason: ShutdownReason::Timeout, reason_text: "TIMEOUT", deadline: Some(Deadline::from_raw(2)) })),
        case("shutdown for a reason not known yet", Ask::Next, next(),
            event(r#"{"eventType":"SHUTDOWN","shutdownReason":"Eviction"}"#))
            .expect(Event::Shutdown(Shutdown { reason: ShutdownReason::Other, reason_text: "Eviction", deadline: None })),
        case("event not JSON", Ask::Next, next(), event("not json")).expect(bad_event(DecodeErrorKind::Syntax)),
        case("event cut short", Ask::Next, next(), event(r#"{"eventType":"#)).expect(bad_event(DecodeErrorKind::Eof)),
        case("empty event", Ask::Next, next(), event("")).expect(bad_event(DecodeErrorKind::Eof)),
        case("unknown event type", Ask::Next, next(), event(r#"{"eventType":"RESTORE"}"#))
            .expect(bad_event(DecodeErrorKind::UnknownVariant)),
        case("no event type", Ask::Next, next(), event(r#"{"requestId":"r"}"#))
            .expect(bad_event(DecodeErrorKind::MissingField)),
        case("deadline as a string", Ask::Next, next(), event(r#"{"eventType":"INVOKE","deadlineMs":"1"}"#))
            .expect(bad_event(DecodeErrorKind::InvalidType)),
        case("event type twice", Ask::Next, next(), event(r#"{"eventType":"INVOKE","eventType":"SHUTDOWN"}"#))
            .expect(bad_event(DecodeErrorKind::DuplicateField)),
        case("event larger than the receive buffer", Ask::Next, next(),
            event(&format!(r#"{{"eventType":"INVOKE","requestId":"{}"}}"#, "x".repeat(400))))
            .rx(256)
            .expect(failed(ExtensionError::BufferTooSmall)),
        case("head larger than the receive buffer", Ask::Next, next(),
            answer("200 OK", &format!("X-Pad: {}\r\n", "p".repeat(300)), "{}"))
            .rx(256)
            .expect(failed(ExtensionError::Http(HttpError::HeadTooLarge)))
            .dropped(),
        case("event body cut short", Ask::Next, next(),
            b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"eventType\":".to_vec())
            .then_eof()
            .expect(failed(ExtensionError::Http(HttpError::Truncated)))
            .dropped(),
        case("connection closed while waiting", Ask::Next, next(), Vec::new())
            .then_eof()
            .expect(failed(ExtensionError::Http(HttpError::Truncated)))
            .dropped(),
        case("unknown identifier", Ask::Next, next(),
            answer("403 Forbidden", "", r#"{"errorType":"Extension.UnknownExtensionIdentifier","errorMessage":"unknown extension identifier"}"#))
            .expect(Event::Rejected(Rejected {
                status: 403,
                error_type: Some("Extension.UnknownExtensionIdentifier"),
                error_message: Some("unknown extension identifier"),
            })),
        case("server error", Ask::Next, next(), answer("500 Internal Server Error", "", ""))
            .expect(Event::Rejected(Rejected { status: 500, error_type: None, error_message: None })),
        case("init error", Ask::InitError("Extension.ConfigMissing", "no \"config\""),
            error_req("init", ID, "Extension.ConfigMissing", r#"no \"config\""#), ACCEPTED.to_vec())
            .expect(Event::ErrorReported),
        case("exit error", Ask::ExitError("Extension.Crash", "bye"),
            error_req("exit", ID, "Extension.Crash", "bye"), answer("202 Accepted", "", ""))
            .expect(Event::ErrorReported),
        case("exit error refused", Ask::ExitError("Extension.Crash", "bye"),
            error_req("exit", ID, "Extension.Crash", "bye"), answer("403 Forbidden", "", r#"{"errorType":"Extension.InvalidExtensionState"}"#))
            .expect(Event::Rejected(Rejected { status: 403, error_type: Some("Extension.InvalidExtensionState"), error_message: None })),
    ]
}

/// How an answer is split into reads.
#[derive(Debug, Clone, Copy)]
enum Split {
    /// The first read gives this many bytes, later reads all that fits.
    At(usize),
    /// One byte per read.
    Dribble,
}

fn splits(len: usize) -> Vec<Split> {
    let mut s: Vec<Split> = (1..=len.max(1)).map(Split::At).collect();
    s.push(Split::Dribble);
    s
}

/// Feeds `answer` while the session awaits one, then the end of the stream if `eof`.
fn feed(s: &mut Session<'_>, answer: &[u8], split: Split, eof: bool) {
    let mut rest = answer;
    let mut first = true;
    while !rest.is_empty() && s.is_awaiting() {
        let want = match split {
            Split::At(k) if first => k,
            Split::At(_) => rest.len(),
            Split::Dribble => 1,
        };
        first = false;
        let buf = s.recv_buf();
        assert!(!buf.is_empty(), "empty receive buffer while awaiting");
        let n = want.min(rest.len()).min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        rest = &rest[n..];
        s.handle_recv(n);
    }
    if eof && s.is_awaiting() {
        s.handle_recv(0);
    }
}

/// A connected session, registered as [`ID`] unless `ask` is the registration.
fn session<'b>(ask: Ask, rx: &'b mut [u8], tx: &'b mut [u8]) -> Session<'b> {
    let mut s = match ask {
        Ask::Register(_) => Session::new(api(), rx, tx),
        _ => Session::with_identifier(api(), ID, rx, tx).unwrap(),
    };
    s.handle_connected();
    s
}

#[test]
fn every_exchange_gives_the_same_typed_result_in_any_split() {
    for c in cases() {
        for split in splits(c.answer.len()) {
            let (mut rx, mut tx) = (vec![0u8; c.rx], vec![0u8; 1024]);
            let mut s = session(c.ask, &mut rx, &mut tx);
            assert_eq!(s.poll_event(), None, "{}", c.name);
            ask(&mut s, c.ask).unwrap();
            let sent = String::from_utf8_lossy(s.poll_transmit().unwrap()).into_owned();
            assert_eq!(sent, c.request, "{}", c.name);
            s.handle_transmitted();
            assert!(s.is_awaiting() && s.poll_transmit().is_none());
            feed(&mut s, &c.answer, split, c.eof);
            assert!(!s.is_awaiting(), "{}: {split:?}: still awaiting", c.name);
            assert_eq!(s.poll_event(), Some(c.expect), "{}: {split:?}", c.name);
            // The answer stays until the next request.
            assert_eq!(s.poll_event(), Some(c.expect), "{}: {split:?}", c.name);
            assert_eq!(s.connected, c.kept, "{}: {split:?}", c.name);
            let registered = matches!(c.expect, Event::Registered(_));
            assert_eq!(
                s.identifier().is_some(),
                registered || !matches!(c.ask, Ask::Register(_)),
                "{}",
                c.name
            );
        }
    }
}

#[test]
fn one_connection_carries_a_whole_extension_life() {
    let shutdown = event(r#"{"eventType":"SHUTDOWN","shutdownReason":"spindown","deadlineMs":9}"#);
    let script: [(Ask, String, Vec<u8>); 5] = [
        (
            Ask::Register(Registration::new("ext").with_invoke()),
            register_req("ext", "", r#"{"events":["INVOKE"]}"#),
            registered("", "{}"),
        ),
        (
            Ask::Next,
            next_req(ID),
            event(r#"{"eventType":"INVOKE","requestId":"a","deadlineMs":1}"#),
        ),
        (
            Ask::Next,
            next_req(ID),
            event(r#"{"eventType":"INVOKE","requestId":"b\n","deadlineMs":2}"#),
        ),
        (Ask::Next, next_req(ID), shutdown),
        (
            Ask::ExitError("Extension.Done", "shut down"),
            error_req("exit", ID, "Extension.Done", "shut down"),
            ACCEPTED.to_vec(),
        ),
    ];
    let longest = script.iter().map(|(_, _, a)| a.len()).max().unwrap();
    for split in splits(longest) {
        let (mut rx, mut tx) = (vec![0u8; 512], vec![0u8; 512]);
        let mut s = Session::new(api(), &mut rx, &mut tx);
        let mut seen = Vec::new();
        for (i, (a, request, answer)) in script.iter().enumerate() {
            ask(&mut s, *a).unwrap();
            if i == 0 {
                // No connection yet: the request waits for one.
                assert_eq!(s.poll_transmit(), None);
                assert_eq!(s.poll_event(), Some(Event::Reconnect));
                s.handle_connected();
            }
            assert_eq!(s.poll_transmit(), Some(request.as_bytes()), "{i}");
            s.handle_transmitted();
            feed(&mut s, answer, split, false);
            seen.push(format!("{:?}", s.poll_event().unwrap()));
        }
        assert_eq!(
            seen,
            [
                format!("{:?}", Event::Registered(reg(ID))),
                format!(
                    "{:?}",
                    Event::Invoke(Invoke {
                        request_id: "a",
                        deadline: Some(Deadline::from_raw(1)),
                        invoked_function_arn: "",
                        tracing: None
                    })
                ),
                format!(
                    "{:?}",
                    Event::Invoke(Invoke {
                        request_id: "b\n",
                        deadline: Some(Deadline::from_raw(2)),
                        invoked_function_arn: "",
                        tracing: None
                    })
                ),
                format!(
                    "{:?}",
                    Event::Shutdown(Shutdown {
                        reason: ShutdownReason::Spindown,
                        reason_text: "spindown",
                        deadline: Some(Deadline::from_raw(9))
                    })
                ),
                format!("{:?}", Event::ErrorReported),
            ],
            "{split:?}"
        );
        assert!(s.connected, "{split:?}");
    }
}

#[path = "session_edge_tests.rs"]
mod edge;
