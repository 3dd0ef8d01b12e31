//! The Extensions API (2020-01-01), as far as a runtime needs it for graceful shutdown.
//!
//! Lambda sends SIGTERM before shutting a sandbox down only when an extension is registered.
//! A runtime that wants a shutdown hook therefore registers an internal extension with no
//! events during init and then calls `event/next` once, which ends the extension's init and
//! never returns an event (it has subscribed to none). Both exchanges run over any blocking
//! embedded-io stream with one caller buffer: the hook waits on a thread of its own, so every
//! transport, async or not, uses these; transports only connect and wait for the signal.

use core::fmt::{self, Write as _};

use crate::config::RuntimeApi;
use crate::http::{HttpError, Incoming, Message, Progress};
use crate::request::Cursor;

/// What the extension is called unless the user names it: internal extension names must be
/// unique within a function.
pub const DEFAULT_NAME: &str = "lambkin-graceful-shutdown";

/// Longest extension identifier kept (Lambda's are UUIDs).
pub const MAX_IDENTIFIER: usize = 128;

/// Why an Extensions API exchange failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum ExtensionError {
    /// Reading or writing the stream failed.
    Io(#[cfg_attr(feature = "defmt", defmt(Debug2Format))] embedded_io::ErrorKind),
    /// The answer is not well-formed HTTP.
    Http(HttpError),
    /// The API answered with this non-2xx status.
    Status(u16),
    /// The registration answer carries no usable `Lambda-Extension-Identifier`.
    MissingIdentifier,
    /// The request does not fit the buffer.
    BufferTooSmall,
}

impl fmt::Display for ExtensionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io(kind) => write!(f, "Extensions API connection failed: {kind:?}"),
            Self::Http(e) => write!(f, "Extensions API answered malformed HTTP: {e}"),
            Self::Status(s) => write!(f, "Extensions API answered status {s}"),
            Self::MissingIdentifier => {
                f.write_str("registration answer has no Lambda-Extension-Identifier")
            }
            Self::BufferTooSmall => f.write_str("buffer too small for an Extensions API request"),
        }
    }
}

impl core::error::Error for ExtensionError {}

/// A registered extension's identifier.
pub type Identifier = heapless::String<MAX_IDENTIFIER>;

fn register_request(
    api: &RuntimeApi<'_>,
    name: &str,
    buf: &mut [u8],
) -> Result<usize, ExtensionError> {
    const BODY: &str = r#"{"events":[]}"#;
    let mut c = Cursor::new(buf);
    write!(
        c,
        "POST {}/2020-01-01/extension/register HTTP/1.1\r\nHost: {}\r\nLambda-Extension-Name: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{BODY}",
        api.prefix(),
        api.authority(),
        crate::request::HeaderValue(name),
        BODY.len(),
    )
    .map_err(|_| ExtensionError::BufferTooSmall)?;
    Ok(c.len)
}

fn next_request(api: &RuntimeApi<'_>, id: &str, buf: &mut [u8]) -> Result<usize, ExtensionError> {
    let mut c = Cursor::new(buf);
    write!(
        c,
        "GET {}/2020-01-01/extension/event/next HTTP/1.1\r\nHost: {}\r\nLambda-Extension-Identifier: {}\r\n\r\n",
        api.prefix(),
        api.authority(),
        crate::request::HeaderValue(id),
    )
    .map_err(|_| ExtensionError::BufferTooSmall)?;
    Ok(c.len)
}

fn accepted(msg: &Message) -> Result<(), ExtensionError> {
    match msg.head.status {
        200..300 => Ok(()),
        s => Err(ExtensionError::Status(s)),
    }
}

/// Checks an answer's status and takes the identifier from a registration answer.
fn identifier(buf: &[u8], msg: &Message) -> Result<Identifier, ExtensionError> {
    accepted(msg)?;
    let value = msg
        .head
        .lambda
        .extension_id
        .clone()
        .and_then(|span| buf.get(span))
        .and_then(|v| core::str::from_utf8(v).ok())
        .filter(|v| !v.is_empty())
        .ok_or(ExtensionError::MissingIdentifier)?;
    Identifier::try_from(value).map_err(|_| ExtensionError::MissingIdentifier)
}

fn io<E: embedded_io::Error>(e: E) -> ExtensionError {
    ExtensionError::Io(e.kind())
}

/// Sends the `len` request bytes at the start of `buf`, then reads one answer into `buf`.
fn exchange<S: embedded_io::Read + embedded_io::Write>(
    stream: &mut S,
    buf: &mut [u8],
    len: usize,
) -> Result<Message, ExtensionError> {
    stream
        .write_all(buf.get(..len).unwrap_or_default())
        .map_err(io)?;
    stream.flush().map_err(io)?;
    let mut incoming = Incoming::new();
    loop {
        let range = incoming.recv_range(buf.len());
        let n = stream
            .read(buf.get_mut(range).unwrap_or_default())
            .map_err(io)?;
        if let Some(msg) = feed(&mut incoming, buf, n)? {
            return Ok(msg);
        }
    }
}

/// `n` bytes arrived (0: the peer closed); the answer once it is complete.
fn feed(
    incoming: &mut Incoming,
    buf: &mut [u8],
    n: usize,
) -> Result<Option<Message>, ExtensionError> {
    let progress = if n == 0 {
        incoming.handle_eof(buf)
    } else {
        incoming.handle_recv(buf, n)
    };
    match progress.map_err(ExtensionError::Http)? {
        Progress::Complete(msg) => Ok(Some(msg)),
        Progress::Partial => Ok(None),
    }
}

/// Registers an internal extension named `name` with no events.
pub fn register<S: embedded_io::Read + embedded_io::Write>(
    stream: &mut S,
    api: &RuntimeApi<'_>,
    name: &str,
    buf: &mut [u8],
) -> Result<Identifier, ExtensionError> {
    let len = register_request(api, name, buf)?;
    let msg = exchange(stream, buf, len)?;
    identifier(buf, &msg)
}

/// Calls `event/next` for the extension `id`. With no events subscribed, Lambda never answers:
/// this returns only when the connection ends (the sandbox shuts down) or on an error.
pub fn next_event<S: embedded_io::Read + embedded_io::Write>(
    stream: &mut S,
    api: &RuntimeApi<'_>,
    id: &str,
    buf: &mut [u8],
) -> Result<(), ExtensionError> {
    let len = next_request(api, id, buf)?;
    let msg = exchange(stream, buf, len)?;
    accepted(&msg)
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_alloc
)]
mod tests {
    use super::*;
    use std::vec::Vec;

    /// A stream that records what is written and answers with canned bytes, `step` at a time.
    struct Canned<'a> {
        answer: &'a [u8],
        step: usize,
        sent: Vec<u8>,
    }

    impl embedded_io::ErrorType for Canned<'_> {
        type Error = core::convert::Infallible;
    }
    impl embedded_io::Read for Canned<'_> {
        fn read(&mut self, buf: &mut [u8]) -> Result<usize, Self::Error> {
            let n = self.step.min(self.answer.len()).min(buf.len());
            buf[..n].copy_from_slice(&self.answer[..n]);
            self.answer = &self.answer[n..];
            Ok(n)
        }
    }
    impl embedded_io::Write for Canned<'_> {
        fn write(&mut self, buf: &[u8]) -> Result<usize, Self::Error> {
            self.sent.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> Result<(), Self::Error> {
            Ok(())
        }
    }

    const API: &str = "http://127.0.0.1:9001/pre";

    #[test]
    fn register_sends_no_events_and_reads_the_identifier_in_any_split() {
        let answer = b"HTTP/1.1 200 OK\r\nLAMBDA-EXTENSION-IDENTIFIER: 1234-abcd\r\nContent-Length: 2\r\n\r\n{}";
        for step in 1..=answer.len() {
            let mut s = Canned {
                answer,
                step,
                sent: Vec::new(),
            };
            let api = RuntimeApi::parse(API).unwrap();
            let id = register(&mut s, &api, "my-ext\r\nX: y", &mut [0u8; 512]).unwrap();
            assert_eq!(id.as_str(), "1234-abcd");
            let sent = std::string::String::from_utf8(s.sent).unwrap();
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
        let api = RuntimeApi::parse(API).unwrap();
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
            let mut s = Canned {
                answer,
                step: 7,
                sent: Vec::new(),
            };
            assert_eq!(
                register(&mut s, &api, DEFAULT_NAME, &mut [0u8; 512]),
                Err(want)
            );
        }
        let mut s = Canned {
            answer: b"",
            step: 1,
            sent: Vec::new(),
        };
        assert_eq!(
            register(&mut s, &api, DEFAULT_NAME, &mut [0u8; 16]),
            Err(ExtensionError::BufferTooSmall)
        );
    }

    #[test]
    fn next_event_names_the_extension() {
        let api = RuntimeApi::parse("127.0.0.1:9001").unwrap();
        let mut s = Canned {
            answer: b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
            step: 3,
            sent: Vec::new(),
        };
        next_event(&mut s, &api, "id-1", &mut [0u8; 512]).unwrap();
        let sent = std::string::String::from_utf8(s.sent).unwrap();
        assert_eq!(
            sent,
            "GET /2020-01-01/extension/event/next HTTP/1.1\r\nHost: 127.0.0.1:9001\r\nLambda-Extension-Identifier: id-1\r\n\r\n"
        );
    }
}
