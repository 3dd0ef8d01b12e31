//! SnapStart's two Runtime API calls, sans-I/O: `GET /runtime/restore/next`, which Lambda
//! answers once the snapshot is restored, and `POST /runtime/restore/error`, which reports an
//! after-restore hook's failure (the runtime then exits).
//!
//! With `AWS_LAMBDA_INITIALIZATION_TYPE=snap-start`, a runtime ends init by running its
//! before-checkpoint hooks (in reverse registration order), calls `restore/next` (the snapshot
//! is taken while it waits), then runs its after-restore hooks (in registration order) before
//! the first `/next`. The requests are encoded into the caller's buffer; [`Answer`] reads the
//! reply in any split; [`exchange`] and [`exchange_async`] run one over an embedded-io stream.

use core::fmt::{self, Write as _};
use core::future::Future;
use core::ops::Range;
use core::pin::pin;
use core::task::{Context, Poll, Waker};

use embedded_io::Error as _;

use crate::config::RuntimeApi;
use crate::diagnostic::{Diagnostic, truncate_error_type};
use crate::driver::Blocking;
use crate::http::{HttpError, Incoming, Progress};
use crate::request::{Cursor, HeaderValue, USER_AGENT, error_type_category};

/// Why a restore exchange failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum RestoreError {
    /// Reading or writing the stream failed.
    Io(#[cfg_attr(feature = "defmt", defmt(Debug2Format))] embedded_io::ErrorKind),
    /// The answer is not well-formed HTTP, or the connection ended before it was complete.
    Http(HttpError),
    /// The Runtime API answered with this non-2xx status.
    Status(u16),
    /// The request does not fit the buffer, or no room is left for the answer.
    BufferTooSmall,
}

impl fmt::Display for RestoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io(kind) => write!(f, "restore exchange failed: {kind:?}"),
            Self::Http(e) => write!(f, "restore answer is malformed HTTP: {e}"),
            Self::Status(s) => write!(f, "Runtime API answered {s} to a restore request"),
            Self::BufferTooSmall => f.write_str("buffer too small for a restore request"),
        }
    }
}

impl core::error::Error for RestoreError {}

/// Writes `GET /2018-06-01/runtime/restore/next` into `out`; its length.
pub fn next_request(api: &RuntimeApi<'_>, out: &mut [u8]) -> Result<usize, RestoreError> {
    let mut c = Cursor::new(out);
    write!(
        c,
        "GET {}/2018-06-01/runtime/restore/next HTTP/1.1\r\nHost: {}\r\nUser-Agent: {USER_AGENT}\r\n\r\n",
        api.prefix(),
        api.authority()
    )
    .map_err(|_| RestoreError::BufferTooSmall)?;
    Ok(c.len)
}

/// Writes `POST /2018-06-01/runtime/restore/error` with `diagnostic` as its body (and its type
/// in `Lambda-Runtime-Function-Error-Type`) into `out`; where the request is in `out`.
pub fn error_request(
    api: &RuntimeApi<'_>,
    diagnostic: &Diagnostic<'_>,
    out: &mut [u8],
) -> Result<Range<usize>, RestoreError> {
    let ty = truncate_error_type(diagnostic.error_type);
    let head = |w: &mut dyn fmt::Write, len: usize| {
        write!(
            w,
            "POST {}/2018-06-01/runtime/restore/error HTTP/1.1\r\nHost: {}\r\nUser-Agent: {USER_AGENT}\r\nContent-Type: application/json\r\nContent-Length: {len}\r\nLambda-Runtime-Function-Error-Type: {}{}\r\n\r\n",
            api.prefix(),
            api.authority(),
            error_type_category(ty),
            HeaderValue(ty),
        )
    };
    // The body goes after the longest head it could need, then the head right before it.
    let mut room = Count(0);
    let _ = head(&mut room, out.len());
    let room = room.0;
    let body = out.get_mut(room..).ok_or(RestoreError::BufferTooSmall)?;
    let len = diagnostic
        .encode(body)
        .map_err(|_| RestoreError::BufferTooSmall)?;
    let (h, _) = out.split_at_mut(room);
    let mut c = Cursor::new(h);
    head(&mut c, len).map_err(|_| RestoreError::BufferTooSmall)?;
    let n = c.len;
    h.copy_within(..n, room - n);
    Ok(room - n..room + len)
}

struct Count(usize);

impl fmt::Write for Count {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0 = self.0.saturating_add(s.len());
        Ok(())
    }
}

/// Reads the answer to a restore request, fed in any split into a caller-owned buffer.
#[derive(Debug, Default)]
pub struct Answer {
    incoming: Incoming,
}

impl Answer {
    /// A reader waiting for an answer at the start of the buffer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Where in a `cap`-byte buffer the next read goes.
    pub fn recv_range(&self, cap: usize) -> Range<usize> {
        self.incoming.recv_range(cap)
    }

    /// `n` bytes were read into `rx` at [`recv_range`](Self::recv_range) (`0`: the peer
    /// closed). `Ok(None)` until the answer is complete; then `Ok(Some(status))` for a 2xx.
    pub fn handle_recv(&mut self, rx: &mut [u8], n: usize) -> Result<Option<u16>, RestoreError> {
        let progress = if n == 0 {
            self.incoming.handle_eof(rx)
        } else {
            self.incoming.handle_recv(rx, n)
        };
        match progress.map_err(RestoreError::Http)? {
            Progress::Partial => Ok(None),
            Progress::Complete(msg) if msg.truncated => {
                Err(RestoreError::Http(HttpError::Truncated))
            }
            Progress::Complete(msg) if (200..300).contains(&msg.head.status) => {
                Ok(Some(msg.head.status))
            }
            Progress::Complete(msg) => Err(RestoreError::Status(msg.head.status)),
        }
    }
}

/// Sends `request` over a blocking `stream` and reads its answer into `rx`: the 2xx status.
pub fn exchange<S: embedded_io::Read + embedded_io::Write>(
    stream: &mut S,
    request: &[u8],
    rx: &mut [u8],
) -> Result<u16, RestoreError> {
    let mut stream = Blocking(stream);
    let run = pin!(exchange_async(&mut stream, request, rx));
    match run.poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(r) => r,
        // Unreachable: a `Blocking` stream never makes the exchange wait.
        Poll::Pending => Err(RestoreError::Io(embedded_io::ErrorKind::Other)),
    }
}

/// [`exchange`] over an async `stream`.
pub async fn exchange_async<S: embedded_io_async::Read + embedded_io_async::Write>(
    stream: &mut S,
    request: &[u8],
    rx: &mut [u8],
) -> Result<u16, RestoreError> {
    let io = |e: S::Error| RestoreError::Io(e.kind());
    stream.write_all(request).await.map_err(io)?;
    stream.flush().await.map_err(io)?;
    let mut answer = Answer::new();
    loop {
        let range = answer.recv_range(rx.len());
        let buf = rx.get_mut(range).unwrap_or_default();
        if buf.is_empty() {
            return Err(RestoreError::BufferTooSmall);
        }
        let n = stream.read(buf).await.map_err(io)?;
        if let Some(status) = answer.handle_recv(rx, n)? {
            return Ok(status);
        }
    }
}

#[cfg(test)]
#[path = "restore_tests.rs"]
mod tests;
