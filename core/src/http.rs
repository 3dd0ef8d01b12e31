//! Reading one HTTP/1.1 response from the Runtime API into a caller-owned buffer.
//!
//! The reader is fed bytes as they arrive, in any split, and reports a complete message once
//! the head and the whole body are in. Bodies are framed by Content-Length, chunked encoding
//! (de-chunked in place, trailers skipped) or connection close. A body larger than the buffer is
//! read and discarded so the connection stays usable and the caller can still report an error
//! for the invocation, whose head is kept. The client sends one request at a time, so bytes
//! after a complete response mean the peer is out of step; the session then replaces the
//! connection. Reading a head takes time linear in its bytes, however they are split.
//!
//! Only the error type and the header limit are API; the reader itself is crate-private (fuzz
//! targets and benchmarks reach it through the hidden `__private` module).

use core::fmt;

// `pub` items in crate-private modules: reachable from outside only through `crate::__private`.
pub(crate) mod head;
pub(crate) mod incoming;

pub(crate) use head::{Span, parse_decimal};
pub(crate) use incoming::{Incoming, Message, Progress};

/// Headers httparse parses in its one pass; a head with more is read line by line instead, so a
/// head may carry as many headers as the receive buffer holds.
///
/// httparse needs a fixed slot array on the stack (32 bytes a slot) while a head is parsed.
/// Lambda sends about ten; the official runtime fails at a few dozen extra.
pub const FAST_PATH_HEADERS: usize = 64;

/// A response that is not well-formed HTTP/1.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum HttpError {
    /// The status line or a header line is malformed.
    MalformedHead,
    /// The head alone does not fit the receive buffer.
    HeadTooLarge,
    /// Content-Length is not a number, or two disagree.
    BadContentLength,
    /// A Transfer-Encoding other than chunked.
    UnsupportedTransferEncoding,
    /// A chunk-size line or chunk delimiter is malformed.
    BadChunk,
    /// A chunk-size or trailer line does not fit the receive buffer.
    LineTooLong,
    /// The connection closed before the message was complete.
    Truncated,
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::MalformedHead => "malformed HTTP response head",
            Self::HeadTooLarge => "HTTP response head larger than the receive buffer",
            Self::BadContentLength => "invalid Content-Length",
            Self::UnsupportedTransferEncoding => "unsupported Transfer-Encoding",
            Self::BadChunk => "malformed chunked encoding",
            Self::LineTooLong => "chunk line larger than the receive buffer",
            Self::Truncated => "connection closed before the response was complete",
        })
    }
}

impl core::error::Error for HttpError {}

#[cfg(test)]
#[path = "http_tests.rs"]
mod tests;
