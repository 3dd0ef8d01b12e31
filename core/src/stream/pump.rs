//! The socket's side of a stream: the request head, chunks framed in the transmit buffer and
//! written as the handler produces them, and the end (the last chunk, or the error trailers).
//!
//! Blocking streams (std) are written from inside the writer's calls. Async streams are written
//! by a flusher polled beside the handler's body in one future: the body fills the buffer,
//! the flusher empties it, and the body waits while the socket is behind.

use core::cell::{Cell, RefCell};
use core::fmt::Write as _;
use core::future::{Future, poll_fn};
use core::ops::Range;
use core::pin::pin;
use core::task::{Context as TaskContext, Poll, Waker};

use embedded_io_async::Write;

use super::frame::{self, SIZE_LINE, TAIL};
use super::writer::{Backend, Writer};
use super::{CHUNK_ROOM, MAX_STREAMED, StreamBody, StreamError};
use crate::context::Context;
use crate::diagnostic::{Diagnostic, MAX_ERROR_TYPE, truncate_error_type};
use crate::handler::{ErrorReport, Outcome};
use crate::request::{self, Endpoint, Post};

/// Room at the start of the buffer for the request head (ids are at most `MAX_ID_LEN`).
const HEAD: usize = 2048;
/// Where the payload starts: after the head and room for a chunk-size line.
const PAYLOAD: usize = HEAD + SIZE_LINE;
/// Room for the diagnostic sent in the error trailers.
const DIAG: usize = 3072;
/// Room for the trailers: the diagnostic in base64, the type and the field names.
const TRAILERS: usize = DIAG / 3 * 4 + MAX_ERROR_TYPE + 128;

/// What a stream has put on the wire: the driver keeps it outside the handler's future, so it
/// can end a stream whose handler panicked or timed out.
#[derive(Debug, Default)]
pub struct Progress {
    started: Cell<bool>,
    mid_frame: Cell<bool>,
}

impl Progress {
    /// The request head has gone out: the invocation can only end with trailers now.
    pub fn started(&self) -> bool {
        self.started.get()
    }

    /// A frame was cut off mid-write: the stream cannot be ended cleanly.
    pub fn mid_frame(&self) -> bool {
        self.mid_frame.get()
    }
}

/// The connection a streamed response goes out on, handed to [`crate::handler::invoke`] by the
/// driver.
#[derive(Debug)]
pub struct Io<'i, S> {
    pub(crate) stream: Option<&'i mut S>,
    pub(crate) progress: &'i Progress,
    pub(crate) blocking: bool,
}

impl<'i, S> Io<'i, S> {
    /// The open connection (if any), where progress is recorded, and whether its calls complete
    /// on their first poll (a [`crate::driver::Blocking`] stream).
    pub fn new(stream: Option<&'i mut S>, progress: &'i Progress, blocking: bool) -> Self {
        Self {
            stream,
            progress,
            blocking,
        }
    }
}

/// The transmit buffer during a stream.
struct Frames<'b> {
    buf: &'b mut [u8],
    /// Length of the request head at the buffer's start, until it is sent.
    head: usize,
    /// Payload bytes waiting at `PAYLOAD`.
    len: usize,
    cap: usize,
    total: u64,
    /// The first failure; every later write fails with it.
    error: Option<StreamError>,
}

impl<'b> Frames<'b> {
    /// Encodes the request head; gives the buffer back when it is too small to stream in.
    fn new(buf: &'b mut [u8], ctx: &Context<'_>, content_type: &str) -> Result<Self, &'b mut [u8]> {
        let cap = buf
            .len()
            .saturating_sub(PAYLOAD + TAIL + DIAG + TRAILERS)
            .min(CHUNK_ROOM);
        let post = Post {
            endpoint: Endpoint::Response,
            request_id: ctx.request_id,
            invocation_id: ctx.invocation_id,
            error_type: None,
            content_length: 0,
            xray_cause: false,
            streamed: Some(content_type),
        };
        let head = match buf.get_mut(..HEAD) {
            Some(room) if cap > 0 => request::post_head(&ctx.config.runtime_api, &post, room),
            _ => return Err(buf),
        };
        match head {
            Ok(head) => Ok(Self {
                buf,
                head,
                len: 0,
                cap,
                total: 0,
                error: None,
            }),
            Err(_) => Err(buf),
        }
    }

    /// Copies what fits of `data` after the waiting payload.
    fn accept(&mut self, data: &[u8]) -> Result<usize, StreamError> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let n = data.len().min(self.cap - self.len);
        if self.total.saturating_add(n as u64) > MAX_STREAMED {
            self.error = Some(StreamError::TooLarge);
            return Err(StreamError::TooLarge);
        }
        let at = PAYLOAD + self.len;
        let (dst, src) = (self.buf.get_mut(at..at + n), data.get(..n));
        if let (Some(dst), Some(src)) = (dst, src) {
            dst.copy_from_slice(src);
            self.len += n;
            self.total += n as u64;
        }
        Ok(n)
    }

    fn is_full(&self) -> bool {
        self.len >= self.cap
    }

    /// The next bytes to send: the head while it is unsent, then the waiting payload as a
    /// chunk, then the last chunk if `last`.
    fn frame(&mut self, last: bool) -> Option<Range<usize>> {
        let chunk = frame::chunk(self.buf, PAYLOAD, self.len, last)?;
        if self.head == 0 || chunk.is_empty() {
            return Some(chunk);
        }
        let start = chunk.start.checked_sub(self.head)?;
        self.buf.copy_within(..self.head, start);
        Some(start..chunk.end)
    }

    fn sent(&mut self) {
        self.len = 0;
        self.head = 0;
    }
}

/// Writes and flushes `bytes`; false if the connection failed.
async fn write<S: Write>(stream: &mut S, bytes: &[u8]) -> bool {
    stream.write_all(bytes).await.is_ok() && stream.flush().await.is_ok()
}

/// [`write`] on a blocking stream, whose calls complete on their first poll. A stream that
/// does not counts as failed (the frame would be cut off otherwise).
fn write_now<S: Write>(stream: &mut S, bytes: &[u8]) -> bool {
    let mut f = pin!(write(stream, bytes));
    let mut cx = TaskContext::from_waker(Waker::noop());
    matches!(f.as_mut().poll(&mut cx), Poll::Ready(true))
}

/// The next frame to send (`None`: nothing to send), or the sticky error.
fn prepare(
    frames: &mut Frames<'_>,
    last: bool,
    progress: &Progress,
) -> Result<Option<Range<usize>>, StreamError> {
    // Past the limit, what was taken before it still goes out; a dead connection or a buffer
    // without room sends nothing more.
    if let Some(e @ (StreamError::Closed | StreamError::BufferTooSmall)) = frames.error {
        return Err(e);
    }
    let Some(range) = frames.frame(last) else {
        frames.error = Some(StreamError::BufferTooSmall);
        return Err(StreamError::BufferTooSmall);
    };
    if range.is_empty() {
        return Ok(None);
    }
    progress.started.set(true);
    progress.mid_frame.set(true);
    Ok(Some(range))
}

/// Records how the write of a prepared frame went.
fn sent(frames: &mut Frames<'_>, ok: bool, progress: &Progress) -> Result<(), StreamError> {
    if !ok {
        frames.error = Some(StreamError::Closed);
        return Err(StreamError::Closed);
    }
    progress.mid_frame.set(false);
    frames.sent();
    Ok(())
}

/// Sends the next frame at once through a blocking `sink`.
fn send_now(
    frames: &mut Frames<'_>,
    last: bool,
    progress: &Progress,
    sink: &mut dyn FnMut(&[u8]) -> bool,
) -> Result<(), StreamError> {
    match prepare(frames, last, progress)? {
        Some(range) => {
            let ok = sink(frames.buf.get(range).unwrap_or_default());
            sent(frames, ok, progress)
        }
        None => Ok(()),
    }
}

/// Sends the next frame on `stream`.
async fn send<S: Write>(
    frames: &mut Frames<'_>,
    last: bool,
    progress: &Progress,
    stream: &mut S,
) -> Result<(), StreamError> {
    match prepare(frames, last, progress)? {
        Some(range) => {
            let ok = write(stream, frames.buf.get(range).unwrap_or_default()).await;
            sent(frames, ok, progress)
        }
        None => Ok(()),
    }
}

/// The blocking backend: a full buffer or a flush writes at once.
struct Direct<'f, 'b> {
    frames: &'f mut Frames<'b>,
    sink: &'f mut dyn FnMut(&[u8]) -> bool,
    progress: &'f Progress,
}

impl Backend for Direct<'_, '_> {
    fn poll_write(
        &mut self,
        _: &mut TaskContext<'_>,
        data: &[u8],
    ) -> Poll<Result<usize, StreamError>> {
        if self.frames.is_full()
            && let Err(e) = send_now(self.frames, false, self.progress, self.sink)
        {
            return Poll::Ready(Err(e));
        }
        Poll::Ready(self.frames.accept(data))
    }

    fn poll_flush(&mut self, _: &mut TaskContext<'_>) -> Poll<Result<(), StreamError>> {
        if self.frames.len == 0 {
            return Poll::Ready(self.frames.error.map_or(Ok(()), Err));
        }
        Poll::Ready(send_now(self.frames, false, self.progress, self.sink))
    }

    fn written(&self) -> u64 {
        self.frames.total
    }
}

/// What the body and the flusher share on an async stream.
struct Shared<'f, 'b> {
    frames: RefCell<&'f mut Frames<'b>>,
    /// The body asked for the waiting payload to go out.
    want: Cell<bool>,
    /// Counts finished writes, so the joint poll knows to give the body another turn.
    sent: Cell<u32>,
    /// The flusher holds the buffer while it writes.
    busy: Cell<bool>,
}

/// The async backend: the body's side of [`Shared`].
struct PipeEnd<'s, 'f, 'b>(&'s Shared<'f, 'b>);

impl Backend for PipeEnd<'_, '_, '_> {
    // Pending without a waker is sound here: the body and the flusher are polled together,
    // and the joint poll gives the body another turn after every write (or the socket wakes it).
    fn poll_write(
        &mut self,
        _: &mut TaskContext<'_>,
        data: &[u8],
    ) -> Poll<Result<usize, StreamError>> {
        let shared = self.0;
        let Ok(mut frames) = shared.frames.try_borrow_mut() else {
            return Poll::Pending;
        };
        if let Some(e) = frames.error {
            return Poll::Ready(Err(e));
        }
        if shared.busy.get() || frames.is_full() {
            shared.want.set(true);
            return Poll::Pending;
        }
        Poll::Ready(frames.accept(data))
    }

    fn poll_flush(&mut self, _: &mut TaskContext<'_>) -> Poll<Result<(), StreamError>> {
        let shared = self.0;
        let Ok(frames) = shared.frames.try_borrow() else {
            return Poll::Pending;
        };
        if let Some(e) = frames.error {
            return Poll::Ready(Err(e));
        }
        if frames.len == 0 && !shared.busy.get() {
            return Poll::Ready(Ok(()));
        }
        shared.want.set(true);
        Poll::Pending
    }

    fn written(&self) -> u64 {
        self.0.frames.try_borrow().map_or(0, |f| f.total)
    }
}

/// Writes the waiting payload whenever the body asks; never ends on its own.
async fn flusher<S: Write>(shared: &Shared<'_, '_>, stream: &mut S, progress: &Progress) {
    loop {
        poll_fn(|_| {
            if shared.want.get() {
                Poll::Ready(())
            } else {
                Poll::Pending
            }
        })
        .await;
        shared.want.set(false);
        // The buffer leaves the cell while it is written, so no borrow is held across the
        // await; `busy` tells the body to wait.
        let Some((range, buf)) = take_frame(shared, progress) else {
            continue;
        };
        shared.busy.set(true);
        let ok = write(stream, buf.get(range).unwrap_or_default()).await;
        shared.busy.set(false);
        if let Ok(mut frames) = shared.frames.try_borrow_mut() {
            frames.buf = buf;
            let _ = sent(&mut frames, ok, progress);
        }
        shared.sent.set(shared.sent.get().wrapping_add(1));
    }
}

/// The next frame's range and the buffer holding it, taken out of the cell.
fn take_frame<'b>(
    shared: &Shared<'_, 'b>,
    progress: &Progress,
) -> Option<(Range<usize>, &'b mut [u8])> {
    let mut frames = shared.frames.try_borrow_mut().ok()?;
    let range = prepare(&mut frames, false, progress).ok()??;
    Some((range, core::mem::take(&mut frames.buf)))
}

/// Runs `body` beside the flusher until the body is done and no write is in flight.
async fn run_piped<B: StreamBody, S: Write>(
    body: B,
    frames: &mut Frames<'_>,
    stream: &mut S,
    progress: &Progress,
) -> Result<(), B::Error> {
    let shared = Shared {
        frames: RefCell::new(frames),
        want: Cell::new(false),
        sent: Cell::new(0),
        busy: Cell::new(false),
    };
    let mut end = PipeEnd(&shared);
    let mut writer = Writer::new(&mut end);
    let mut body = pin!(body.write_to(&mut writer));
    let mut flush = pin!(flusher(&shared, stream, progress));
    let mut result = None;
    poll_fn(|cx| {
        loop {
            let sent = shared.sent.get();
            if result.is_none()
                && let Poll::Ready(r) = body.as_mut().poll(cx)
            {
                result = Some(r);
            }
            // The flusher never ends; it only makes progress.
            let _ = flush.as_mut().poll(cx);
            if !shared.busy.get()
                && !shared.want.get()
                && let Some(r) = result.take()
            {
                return Poll::Ready(r);
            }
            if shared.sent.get() == sent {
                return Poll::Pending;
            }
        }
    })
    .await
}

/// Streams `body` as the invocation's response; the session's outcome.
pub(crate) async fn respond<B: StreamBody, S: Write>(
    body: B,
    io: Io<'_, S>,
    ctx: &Context<'_>,
    out: &mut [u8],
) -> Outcome {
    let Some(stream) = io.stream else {
        return Outcome::StreamBroken;
    };
    let mut frames = match Frames::new(out, ctx, body.content_type()) {
        Ok(frames) => frames,
        Err(out) => {
            let e = StreamError::BufferTooSmall;
            let d = Diagnostic::new(e.error_type(), &e);
            return Outcome::report(&d, ctx.config.task_root, out);
        }
    };
    let result = if io.blocking {
        let mut sink = |bytes: &[u8]| write_now(stream, bytes);
        let mut direct = Direct {
            frames: &mut frames,
            sink: &mut sink,
            progress: io.progress,
        };
        body.write_to(&mut Writer::new(&mut direct)).await
    } else {
        run_piped(body, &mut frames, stream, io.progress).await
    };
    let ended = match (frames.error, result) {
        (None, Ok(())) => send(&mut frames, true, io.progress, stream).await,
        (Some(e), _) => Err(e),
        (None, Err(e)) => {
            let d = Diagnostic::new(e.error_type(), &e);
            return fail(&d, frames, stream, io.progress, ctx.config.task_root).await;
        }
    };
    match ended {
        Ok(()) => Outcome::Streamed,
        Err(StreamError::Closed) => Outcome::StreamBroken,
        Err(e) => {
            let d = Diagnostic::new(e.error_type(), &e);
            fail(&d, frames, stream, io.progress, ctx.config.task_root).await
        }
    }
}

/// Ends the invocation with the error `d`: a report to `/error` if nothing was sent yet, else
/// the payload still waiting, then the error trailers.
async fn fail<S: Write>(
    d: &Diagnostic<'_>,
    mut frames: Frames<'_>,
    stream: &mut S,
    progress: &Progress,
    task_root: &str,
) -> Outcome {
    if !progress.started() {
        return Outcome::report(d, task_root, frames.buf);
    }
    // The payload taken before the error (or the limit) goes out ahead of the trailers.
    let framable = frames.error != Some(StreamError::BufferTooSmall);
    if framable && send(&mut frames, false, progress, stream).await.is_err() {
        return Outcome::StreamBroken;
    }
    let scratch = frames.buf.get_mut(PAYLOAD..).unwrap_or_default();
    trailers(d, scratch, stream).await
}

/// Sends the last chunk with the error trailers for `d`, laid out in `scratch`.
async fn trailers<S: Write>(d: &Diagnostic<'_>, scratch: &mut [u8], stream: &mut S) -> Outcome {
    let (diag, rest) = scratch.split_at_mut(DIAG.min(scratch.len()));
    let Ok(len) = d.encode(diag) else {
        return Outcome::StreamBroken;
    };
    // Typed as the `/error` header would be: Lambda keeps only `Function.X` and `Runtime.X`.
    let mut error_type = heapless::String::<{ MAX_ERROR_TYPE + 16 }>::new();
    let t = truncate_error_type(d.error_type);
    let _ = write!(error_type, "{}{t}", request::error_type_category(t));
    let body = diag.get(..len).unwrap_or_default();
    match frame::error_trailers(&error_type, body, rest) {
        Some(n) if write(stream, rest.get(..n).unwrap_or_default()).await => Outcome::Streamed,
        _ => Outcome::StreamBroken,
    }
}

/// Ends a stream whose handler panicked or timed out after the stream started: the error
/// trailers if the last frame went out whole, else the connection is given up.
pub(crate) async fn end_aborted<S: Write>(
    error_type: &str,
    message: &str,
    stream: Option<&mut S>,
    out: &mut [u8],
    progress: &Progress,
) -> Outcome {
    match stream {
        Some(stream) if !progress.mid_frame() => {
            trailers(&Diagnostic::new(error_type, &message), out, stream).await
        }
        _ => Outcome::StreamBroken,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn the_streamed_limit_is_exact_and_sticky() {
        let mut buf = [0u8; PAYLOAD + 64];
        let mut frames = Frames {
            buf: &mut buf,
            head: 0,
            len: 0,
            cap: 32,
            total: MAX_STREAMED - 20,
            error: None,
        };
        assert_eq!(
            frames.accept(&[b'x'; 20]),
            Ok(20),
            "up to the limit is fine"
        );
        assert_eq!(frames.accept(b"y"), Err(StreamError::TooLarge));
        assert_eq!(
            frames.accept(b""),
            Err(StreamError::TooLarge),
            "and stays so"
        );
        assert_eq!(frames.total, MAX_STREAMED);
    }
}
