//! The restore requests byte for byte, and their answers in every split.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

extern crate std;

use std::string::String;
use std::vec::Vec;
use std::{format, vec};

use super::*;

fn api() -> RuntimeApi<'static> {
    RuntimeApi::parse("127.0.0.1:9001").unwrap()
}

const UA: &str = concat!("lambkin/", env!("CARGO_PKG_VERSION"));

#[test]
fn requests_are_exact() {
    let mut out = [0u8; 256];
    let n = next_request(&api(), &mut out).unwrap();
    assert_eq!(
        core::str::from_utf8(&out[..n]).unwrap(),
        format!(
            "GET /2018-06-01/runtime/restore/next HTTP/1.1\r\nHost: 127.0.0.1:9001\r\nUser-Agent: {UA}\r\n\r\n"
        )
    );
    assert_eq!(
        next_request(&api(), &mut [0u8; 20]),
        Err(RestoreError::BufferTooSmall)
    );

    let mut out = [0u8; 1024];
    let d = Diagnostic::new(
        "Runtime.AfterRestoreError",
        &"cache \"warm\" failed\r\nX: y",
    );
    let r = error_request(&api(), &d, &mut out).unwrap();
    let body = r#"{"errorMessage":"cache \"warm\" failed\r\nX: y","errorType":"Runtime.AfterRestoreError"}"#;
    let got = String::from_utf8(out[r].to_vec()).unwrap();
    let (head, sent_body) = got.split_once("\r\n\r\n").unwrap();
    assert_eq!(
        head,
        format!(
            "POST /2018-06-01/runtime/restore/error HTTP/1.1\r\nHost: 127.0.0.1:9001\r\nUser-Agent: {UA}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nLambda-Runtime-Function-Error-Type: Runtime.AfterRestoreError",
            sent_body.len()
        )
    );
    let sent: serde_json::Value = serde_json::from_str(sent_body).unwrap();
    let want: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(sent["errorType"], want["errorType"]);
    assert_eq!(sent["errorMessage"], want["errorMessage"]);
    // A bare type is sent as the function's, on one header line whatever it holds.
    let d = Diagnostic::new("Bad\r\nInjected: 1", &"m");
    let r = error_request(&api(), &d, &mut out).unwrap();
    let got = String::from_utf8(out[r].to_vec()).unwrap();
    assert!(
        got.contains("Lambda-Runtime-Function-Error-Type: Function.Bad__Injected: 1\r\n"),
        "{got}"
    );
    assert_eq!(
        error_request(&api(), &d, &mut [0u8; 64]),
        Err(RestoreError::BufferTooSmall)
    );
}

/// Feeds `answer` with the first read `first` bytes long, then the end of the stream.
fn read(answer: &[u8], first: usize, cap: usize) -> Result<u16, RestoreError> {
    let mut rx = vec![0u8; cap];
    let mut a = Answer::new();
    let mut rest = answer;
    let mut want = first;
    loop {
        let range = a.recv_range(cap);
        let n = want.min(rest.len()).min(range.len());
        rx[range.start..range.start + n].copy_from_slice(&rest[..n]);
        rest = &rest[n..];
        want = usize::MAX;
        if let Some(status) = a.handle_recv(&mut rx, n)? {
            return Ok(status);
        }
        assert!(n > 0 || rest.is_empty(), "stalled");
    }
}

#[test]
fn answers_read_the_same_in_every_split() {
    let cases: [(&[u8], Result<u16, RestoreError>); 6] = [
        (b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", Ok(200)),
        (b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\nContent-Length: 16\r\n\r\n{\"status\":\"OK\"}\n", Ok(202)),
        (
            b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 2\r\n\r\n{}",
            Err(RestoreError::Status(500)),
        ),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n{}", Err(RestoreError::Http(HttpError::Truncated))),
        (b"HTTP/1.1 20", Err(RestoreError::Http(HttpError::Truncated))),
        (b"nonsense\r\n\r\n", Err(RestoreError::Http(HttpError::MalformedHead))),
    ];
    for (answer, want) in cases {
        for first in 1..=answer.len() {
            assert_eq!(read(answer, first, 512), want, "{first}");
        }
    }
    // A body larger than the buffer is read through: the status is what counts.
    let big = format!(
        "HTTP/1.1 200 OK\r\nContent-Length: 900\r\n\r\n{}",
        "x".repeat(900)
    );
    assert_eq!(read(big.as_bytes(), 3, 128), Ok(200));
}

/// A stream that records what is written and reads a canned answer, `step` bytes a read.
struct Canned {
    answer: Vec<u8>,
    pos: usize,
    step: usize,
    written: Vec<u8>,
}

impl embedded_io::ErrorType for Canned {
    type Error = embedded_io::ErrorKind;
}
impl embedded_io::Read for Canned {
    fn read(&mut self, buf: &mut [u8]) -> Result<usize, Self::Error> {
        let n = self.step.min(self.answer.len() - self.pos).min(buf.len());
        buf[..n].copy_from_slice(&self.answer[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}
impl embedded_io::Write for Canned {
    fn write(&mut self, buf: &[u8]) -> Result<usize, Self::Error> {
        self.written.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
}

#[test]
fn an_exchange_sends_the_request_and_reads_its_answer() {
    for step in [1, 5, 1000] {
        let mut s = Canned {
            answer: b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".to_vec(),
            pos: 0,
            step,
            written: Vec::new(),
        };
        let mut tx = [0u8; 256];
        let n = next_request(&api(), &mut tx).unwrap();
        assert_eq!(exchange(&mut s, &tx[..n], &mut [0u8; 256]), Ok(200));
        assert_eq!(s.written, &tx[..n]);
        // The sandbox going away while the runtime waits: the answer never came.
        let mut gone = Canned {
            answer: Vec::new(),
            pos: 0,
            step,
            written: Vec::new(),
        };
        assert_eq!(
            exchange(&mut gone, &tx[..n], &mut [0u8; 256]),
            Err(RestoreError::Http(HttpError::Truncated))
        );
    }
}
