//! The drivers and the blocking wrappers over canned streams.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

extern crate std;

use std::collections::VecDeque;
use std::string::String;
use std::vec::Vec;
use std::{format, vec};

use embedded_io::ErrorKind;

use super::*;
use crate::diagnostic::Diagnostic;

/// A stream that answers each request with the next canned answer, `step` bytes a read, and
/// records what is written. With no answer left, reads see the end of the stream.
struct Canned {
    answers: VecDeque<Vec<u8>>,
    answer: Vec<u8>,
    pos: usize,
    step: usize,
    written: Vec<u8>,
    sent: Vec<String>,
    fail_write: Option<ErrorKind>,
    fail_read: Option<ErrorKind>,
}

fn canned(answers: &[&[u8]], step: usize) -> Canned {
    Canned {
        answers: answers.iter().map(|a| a.to_vec()).collect(),
        answer: Vec::new(),
        pos: 0,
        step,
        written: Vec::new(),
        sent: Vec::new(),
        fail_write: None,
        fail_read: None,
    }
}

impl Canned {
    fn take(&mut self, buf: &mut [u8]) -> Result<usize, ErrorKind> {
        if let Some(kind) = self.fail_read {
            return Err(kind);
        }
        if self.pos == self.answer.len() && !self.written.is_empty() {
            let request = core::mem::take(&mut self.written);
            self.sent.push(String::from_utf8(request).unwrap());
            self.answer = self.answers.pop_front().unwrap_or_default();
            self.pos = 0;
        }
        let n = self.step.min(self.answer.len() - self.pos).min(buf.len());
        buf[..n].copy_from_slice(&self.answer[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }

    fn put(&mut self, buf: &[u8]) -> Result<usize, ErrorKind> {
        if let Some(kind) = self.fail_write {
            return Err(kind);
        }
        self.written.extend_from_slice(buf);
        Ok(buf.len())
    }
}

impl embedded_io::ErrorType for Canned {
    type Error = ErrorKind;
}
impl embedded_io::Read for Canned {
    fn read(&mut self, buf: &mut [u8]) -> Result<usize, ErrorKind> {
        self.take(buf)
    }
}
impl embedded_io::Write for Canned {
    fn write(&mut self, buf: &[u8]) -> Result<usize, ErrorKind> {
        self.put(buf)
    }
    fn flush(&mut self) -> Result<(), ErrorKind> {
        Ok(())
    }
}
impl embedded_io_async::Read for Canned {
    async fn read(&mut self, buf: &mut [u8]) -> Result<usize, ErrorKind> {
        self.take(buf)
    }
}
impl embedded_io_async::Write for Canned {
    async fn write(&mut self, buf: &[u8]) -> Result<usize, ErrorKind> {
        self.put(buf)
    }
    async fn flush(&mut self) -> Result<(), ErrorKind> {
        Ok(())
    }
}

/// Polls a future that never waits (the canned stream is always ready) to its end.
fn ready<F: core::future::Future>(f: F) -> F::Output {
    let mut f = core::pin::pin!(f);
    let mut cx = core::task::Context::from_waker(core::task::Waker::noop());
    match f.as_mut().poll(&mut cx) {
        core::task::Poll::Ready(v) => v,
        core::task::Poll::Pending => panic!("a canned exchange waited"),
    }
}

/// Which driver a test runs.
#[derive(Debug, Clone, Copy)]
enum Driver {
    Blocking,
    Async,
}

/// Runs one exchange with `driver`; the event, shown.
fn exchange(driver: Driver, s: &mut Session<'_>, stream: &mut Canned) -> Option<String> {
    let event = match driver {
        Driver::Blocking => driver::exchange(s, stream),
        Driver::Async => ready(driver::exchange_async(s, stream)),
    };
    event.map(|e| format!("{e:?}"))
}

const API: &str = "http://127.0.0.1:9001/pre";
const ID: &str = "1234-abcd";

fn api() -> RuntimeApi<'static> {
    RuntimeApi::parse(API).unwrap()
}

#[test]
fn register_sends_no_events_and_reads_the_identifier_in_any_split() {
    let answer =
        b"HTTP/1.1 200 OK\r\nLAMBDA-EXTENSION-IDENTIFIER: 1234-abcd\r\nContent-Length: 2\r\n\r\n{}";
    for step in 1..=answer.len() {
        let mut s = canned(&[answer], step);
        let id = register(&mut s, &api(), "my-ext\r\nX: y", &mut [0u8; 512]).unwrap();
        assert_eq!(id.as_str(), "1234-abcd");
        let sent = &s.sent[0];
        assert!(
            sent.starts_with(
                "POST /pre/2020-01-01/extension/register HTTP/1.1\r\nHost: 127.0.0.1:9001\r\n"
            ),
            "{sent}"
        );
        assert!(
            sent.contains("Lambda-Extension-Name: my-ext__X: y\r\n"),
            "header injection: {sent}"
        );
        assert!(sent.ends_with("\r\n\r\n{\"events\":[]}"), "{sent}");
    }
}

#[test]
fn failures_are_typed() {
    let cases: [(&[u8], ExtensionError); 4] = [
        (
            b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n",
            ExtensionError::Status(403),
        ),
        (
            b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
            ExtensionError::MissingIdentifier,
        ),
        (
            b"HTTP/1.1 200 OK\r\nContent-Len",
            ExtensionError::Http(HttpError::Truncated),
        ),
        (
            b"garbage\r\n\r\n",
            ExtensionError::Http(HttpError::MalformedHead),
        ),
    ];
    for (answer, want) in cases {
        let mut s = canned(&[answer], 7);
        assert_eq!(
            register(&mut s, &api(), DEFAULT_NAME, &mut [0u8; 512]),
            Err(want)
        );
    }
    let mut s = canned(&[], 1);
    assert_eq!(
        register(&mut s, &api(), DEFAULT_NAME, &mut [0u8; 16]),
        Err(ExtensionError::BufferTooSmall)
    );
    assert!(s.sent.is_empty() && s.written.is_empty());
}

#[test]
fn next_event_names_the_extension() {
    let api = RuntimeApi::parse("127.0.0.1:9001").unwrap();
    let shutdown: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Length: 48\r\n\r\n{\"eventType\":\"SHUTDOWN\",\"shutdownReason\":\"ouch\"}";
    let mut s = canned(&[shutdown], 3);
    next_event(&mut s, &api, "id-1", &mut [0u8; 512]).unwrap();
    assert_eq!(
        s.sent,
        [
            "GET /2020-01-01/extension/event/next HTTP/1.1\r\nHost: 127.0.0.1:9001\r\nLambda-Extension-Identifier: id-1\r\n\r\n"
        ]
    );
    // The sandbox going away ends the wait; an answer that is no event is an error.
    let cases: [(&[u8], ExtensionError); 3] = [
        (b"", ExtensionError::Http(HttpError::Truncated)),
        (
            b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
            ExtensionError::BadEvent(crate::json::DecodeErrorKind::Eof),
        ),
        (
            b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n",
            ExtensionError::Status(403),
        ),
    ];
    for (answer, want) in cases {
        let mut s = canned(&[answer], 3);
        assert_eq!(next_event(&mut s, &api, "id-1", &mut [0u8; 512]), Err(want));
    }
    let mut s = canned(&[], 3);
    assert_eq!(
        next_event(&mut s, &api, "", &mut [0u8; 512]),
        Err(ExtensionError::MissingIdentifier)
    );
}

#[test]
fn both_drivers_tell_the_same_story_in_any_split() {
    let registered: &[u8] = b"HTTP/1.1 200 OK\r\nLambda-Extension-Identifier: 1234-abcd\r\nContent-Length: 20\r\n\r\n{\"handler\":\"boot\"}\r\n";
    let invoke: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Length: 54\r\n\r\n{\"eventType\":\"INVOKE\",\"requestId\":\"r1\",\"deadlineMs\":7}";
    let shutdown: &[u8] =
        b"HTTP/1.1 200 OK\r\nContent-Length: 24\r\n\r\n{\"eventType\":\"SHUTDOWN\"}";
    let accepted: &[u8] = b"HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n";
    let mut stories = Vec::new();
    for driver in [Driver::Blocking, Driver::Async] {
        for step in 1..=registered.len() {
            let mut stream = canned(&[registered, invoke, shutdown, accepted], step);
            let (mut rx, mut tx) = ([0u8; 256], [0u8; 512]);
            let mut s = Session::new(api(), &mut rx, &mut tx);
            // Nothing asked: nothing to do.
            assert_eq!(exchange(driver, &mut s, &mut stream), None);
            s.register(&Registration::new("ext").with_invoke()).unwrap();
            let mut story = vec![exchange(driver, &mut s, &mut stream)];
            s.handle_connected();
            story.push(exchange(driver, &mut s, &mut stream));
            s.next_event().unwrap();
            story.push(exchange(driver, &mut s, &mut stream));
            s.next_event().unwrap();
            story.push(exchange(driver, &mut s, &mut stream));
            s.exit_error(&Diagnostic::new("Extension.Done", &"bye"))
                .unwrap();
            story.push(exchange(driver, &mut s, &mut stream));
            story.extend(stream.sent.into_iter().map(Some));
            stories.push((driver, step, story));
        }
    }
    let (_, _, first) = &stories[0];
    let want_events = [
        "Reconnect",
        "Registered(Registered { identifier: \"1234-abcd\", function_name: None, function_version: None, handler: Some(\"boot\"), account_id: None })",
        "Invoke(Invoke { request_id: \"r1\", deadline: Some(Deadline { raw: 7 }), invoked_function_arn: \"\", tracing: None })",
        "Shutdown(Shutdown { reason: Other, reason_text: \"\", deadline: None })",
        "ErrorReported",
    ];
    for (i, want) in want_events.iter().enumerate() {
        assert_eq!(first[i].as_deref(), Some(*want));
    }
    let sent: Vec<&str> = first[5..].iter().map(|r| r.as_deref().unwrap()).collect();
    assert_eq!(sent.len(), 4);
    assert!(sent[0].starts_with("POST /pre/2020-01-01/extension/register "));
    assert!(sent[1].starts_with("GET /pre/2020-01-01/extension/event/next "));
    assert!(sent[3].starts_with("POST /pre/2020-01-01/extension/exit/error "));
    for (driver, step, story) in &stories {
        assert_eq!(story, first, "{driver:?}, {step} bytes a read");
    }
}

#[test]
fn both_drivers_report_io_errors_and_closed_connections() {
    for driver in [Driver::Blocking, Driver::Async] {
        let (mut rx, mut tx) = ([0u8; 256], [0u8; 512]);
        let mut s = Session::with_identifier(api(), ID, &mut rx, &mut tx).unwrap();
        s.handle_connected();
        let mut stream = canned(&[], 5);
        stream.fail_write = Some(ErrorKind::BrokenPipe);
        s.next_event().unwrap();
        assert_eq!(
            exchange(driver, &mut s, &mut stream).unwrap(),
            "Failed(Io(BrokenPipe))"
        );
        // The session wants a new connection before the next request.
        s.next_event().unwrap();
        assert_eq!(exchange(driver, &mut s, &mut stream).unwrap(), "Reconnect");
        let close: &[u8] = b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 24\r\n\r\n{\"eventType\":\"SHUTDOWN\"}";
        let mut stream = canned(&[close], 5);
        s.handle_connected();
        assert!(
            exchange(driver, &mut s, &mut stream)
                .unwrap()
                .starts_with("Shutdown")
        );
        s.next_event().unwrap();
        assert_eq!(exchange(driver, &mut s, &mut stream).unwrap(), "Reconnect");
        let mut stream = canned(&[], 5);
        stream.fail_read = Some(ErrorKind::ConnectionReset);
        s.handle_connected();
        assert_eq!(
            exchange(driver, &mut s, &mut stream).unwrap(),
            "Failed(Io(ConnectionReset))"
        );
        assert_eq!(stream.written, next_req_bytes());
    }
}

fn next_req_bytes() -> Vec<u8> {
    format!("GET /pre/2020-01-01/extension/event/next HTTP/1.1\r\nHost: 127.0.0.1:9001\r\nLambda-Extension-Identifier: {ID}\r\n\r\n").into_bytes()
}
