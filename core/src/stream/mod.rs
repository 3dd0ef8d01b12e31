//! Streamed responses: a handler's output goes to the Runtime API in chunks as it is written,
//! up to Lambda's 200 MiB, with flat memory (SPEC C.2, C.3).
//!
//! A handler returns [`Streaming`]`(body)` as its output, where `body` is a [`StreamBody`]: it
//! writes into a [`Writer`], and each [`Writer::flush`] (or a full buffer) sends one chunk. The
//! request goes out with `Lambda-Runtime-Function-Response-Mode: streaming`, chunked, with the
//! error trailers declared; when the body fails after its first chunk, the error reaches Lambda
//! as the HTTP trailers `Lambda-Runtime-Function-Error-Type` and
//! `Lambda-Runtime-Function-Error-Body` (base64), never as text in the body. A body that fails
//! before anything was sent is reported to `/error` like a buffered one.
//!
//! Memory: the writer buffers at most [`CHUNK_ROOM`] bytes in the transmit buffer; when it is
//! full, the writer waits until the socket has taken them. A slow reader slows the writer.
//!
//! [`Http`] puts Lambda's HTTP-integration prelude (status, headers, cookies) in front of a body,
//! for Function URLs and API Gateway; [`Chunks`] streams any `futures_core::Stream` of byte
//! chunks.
//!
//! ```
//! use lambkin_core::stream::{StreamBody, StreamError, Streaming, Writer};
//! use lambkin_core::{Context, Handler};
//!
//! struct Lines(u32);
//!
//! impl StreamBody for Lines {
//!     type Error = StreamError;
//!
//!     async fn write_to(self, out: &mut Writer<'_>) -> Result<(), StreamError> {
//!         for i in 0..self.0 {
//!             writeln!(out, "line {i}").await?;
//!             out.flush().await?; // one chunk per line
//!         }
//!         Ok(())
//!     }
//! }
//!
//! struct Stream;
//!
//! impl Handler for Stream {
//!     type Event<'a> = u32;
//!     type Output<'a> = Streaming<Lines>;
//!     type Error = core::convert::Infallible;
//!
//!     async fn call<'a>(&'a self, n: u32, _: &'a Context<'a>) -> Result<Streaming<Lines>, Self::Error> {
//!         Ok(Streaming(Lines(n)))
//!     }
//! }
//! ```

use core::fmt;
use core::future::{Future, poll_fn};
use core::pin::Pin;
use core::task::{Context as TaskContext, Poll};

use crate::diagnostic::error_type;
use crate::handler::ErrorReport;

mod frame;
mod pump;
mod writer;

pub(crate) use frame::{ERROR_BODY_TRAILER, ERROR_TYPE_TRAILER};
pub use pump::Progress;
pub(crate) use pump::{Io, end_aborted, respond};
pub use writer::Writer;

/// Lambda's limit on a streamed response's payload: 200 MiB (SPEC C.3, "200 MB" since
/// 2025-07-31; counted in binary megabytes, as Lambda's other payload limits are).
pub const MAX_STREAMED: u64 = 200 * 1024 * 1024;

/// Payload bytes the writer holds before it sends a chunk on its own. Only these pages of the
/// transmit buffer are touched, whatever the response size.
pub const CHUNK_ROOM: usize = 64 * 1024;

/// The content type of a raw stream.
pub const OCTET_STREAM: &str = "application/octet-stream";

/// The content type of a stream with Lambda's HTTP-integration prelude (see [`Http`]).
pub const HTTP_INTEGRATION: &str = "application/vnd.awslambda.http-integration-response";

/// Why a write to the stream failed. Once a write fails, every later one fails the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum StreamError {
    /// The response would exceed [`MAX_STREAMED`]; it ends with a
    /// `Function.ResponseSizeTooLarge` error.
    TooLarge,
    /// The Runtime API connection is gone (the invoker went away, or Lambda answered early);
    /// the invocation is over.
    Closed,
    /// The transmit buffer has no room for chunk framing.
    BufferTooSmall,
}

impl fmt::Display for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge => write!(f, "streamed response exceeds {MAX_STREAMED} bytes"),
            Self::Closed => f.write_str("the Runtime API connection closed during the stream"),
            Self::BufferTooSmall => f.write_str("transmit buffer too small to stream"),
        }
    }
}

impl core::error::Error for StreamError {}

impl ErrorReport for StreamError {
    fn error_type(&self) -> &str {
        match self {
            Self::TooLarge => error_type::RESPONSE_TOO_LARGE,
            Self::Closed | Self::BufferTooSmall => error_type::STREAM,
        }
    }
}

/// A response body written as a stream.
pub trait StreamBody {
    /// Why the body may fail; after the first chunk it is sent as the error trailers.
    type Error: ErrorReport;

    /// The response's `Content-Type` ([`OCTET_STREAM`] unless overridden).
    fn content_type(&self) -> &str {
        OCTET_STREAM
    }

    /// Writes the body. Each [`Writer::flush`] sends what was written as one chunk.
    fn write_to(self, out: &mut Writer<'_>) -> impl Future<Output = Result<(), Self::Error>>;
}

/// A handler output that is streamed instead of buffered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Streaming<B>(pub B);

/// Lambda's HTTP-integration response for Function URLs and API Gateway: a JSON prelude with
/// the status, headers and cookies, eight NUL bytes, then `body`.
#[derive(Debug, Clone, Copy)]
pub struct Http<'a, B> {
    /// The HTTP status.
    pub status: u16,
    /// Response headers, in order.
    pub headers: &'a [(&'a str, &'a str)],
    /// `Set-Cookie` values.
    pub cookies: &'a [&'a str],
    /// The payload after the prelude.
    pub body: B,
}

impl<B: StreamBody> StreamBody for Http<'_, B> {
    type Error = B::Error;

    fn content_type(&self) -> &str {
        HTTP_INTEGRATION
    }

    async fn write_to(self, out: &mut Writer<'_>) -> Result<(), B::Error> {
        let headers = self.headers.iter().copied();
        let cookies = self.cookies.iter().copied();
        // A failed write is remembered by the writer and decides the outcome; the body's own
        // writes then fail the same way.
        let _ = out.write_prelude(self.status, headers, cookies).await;
        self.body.write_to(out).await
    }
}

/// Streams a `futures_core::Stream` of byte chunks, one chunk sent per item. An `Err` item ends
/// the stream with that error.
#[derive(Debug, Clone, Copy)]
pub struct Chunks<S>(pub S);

impl<S, T, E> StreamBody for Chunks<S>
where
    S: futures_core::Stream<Item = Result<T, E>>,
    T: AsRef<[u8]>,
    E: ErrorReport,
{
    type Error = E;

    async fn write_to(self, out: &mut Writer<'_>) -> Result<(), E> {
        let mut items = core::pin::pin!(self.0);
        while let Some(item) = poll_fn(|cx| next(items.as_mut(), cx)).await {
            let item = item?;
            // As for `Http`: a failed write is remembered and ends the stream.
            if out.write_all(item.as_ref()).await.is_err() || out.flush().await.is_err() {
                return Ok(());
            }
        }
        Ok(())
    }
}

fn next<S: futures_core::Stream>(
    s: Pin<&mut S>,
    cx: &mut TaskContext<'_>,
) -> Poll<Option<S::Item>> {
    s.poll_next(cx)
}
