//! The handler's side of a stream.

use core::fmt::{self, Write as _};
use core::future::poll_fn;
use core::task::{Context, Poll};

use super::StreamError;

/// What a [`Writer`] writes into: the sending side of the stream, blocking or async.
pub(crate) trait Backend {
    /// Takes some of `data` (possibly none, if `data` is empty), or waits for room.
    fn poll_write(&mut self, cx: &mut Context<'_>, data: &[u8])
    -> Poll<Result<usize, StreamError>>;
    /// Sends what was taken as one chunk, and waits until the socket has it.
    fn poll_flush(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), StreamError>>;
    /// Payload bytes taken so far.
    fn written(&self) -> u64;
}

/// Where a [`StreamBody`](super::StreamBody) writes. Bytes are buffered (at most
/// [`CHUNK_ROOM`](super::CHUNK_ROOM)) and sent as one chunk on [`flush`](Self::flush) or when
/// the buffer is full; a write waits while the socket is behind.
///
/// On the blocking (std) transport every call completes at once, and `Writer` is also a
/// blocking `std::io::Write` (with core's `std` feature); on smol and tokio, `.await` the async
/// methods (the `io::Write` impl would fail with `WouldBlock` whenever the buffer is full).
pub struct Writer<'w> {
    backend: &'w mut dyn Backend,
}

impl fmt::Debug for Writer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Writer")
            .field("written", &self.written())
            .finish()
    }
}

impl<'w> Writer<'w> {
    pub(crate) fn new(backend: &'w mut dyn Backend) -> Self {
        Self { backend }
    }

    /// Takes as much of `data` as fits, or waits for room; the number of bytes taken.
    pub fn poll_write(
        &mut self,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<Result<usize, StreamError>> {
        self.backend.poll_write(cx, data)
    }

    /// Sends what was written as a chunk and waits until the socket has taken it.
    pub fn poll_flush(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), StreamError>> {
        self.backend.poll_flush(cx)
    }

    /// Writes all of `data` (it goes out as one or more chunks, at the latest on the next
    /// flush or the end of the body).
    pub async fn write_all(&mut self, mut data: &[u8]) -> Result<(), StreamError> {
        while !data.is_empty() {
            let n = poll_fn(|cx| self.backend.poll_write(cx, data)).await?;
            data = data.get(n..).unwrap_or_default();
        }
        Ok(())
    }

    /// Sends what was written so far as one chunk, and waits until the socket has taken it.
    pub async fn flush(&mut self) -> Result<(), StreamError> {
        poll_fn(|cx| self.backend.poll_flush(cx)).await
    }

    /// Formatted text, for `write!(out, ...).await`. Allocates nothing: the text is formatted
    /// into a small stack window, again for each further window of a long text.
    pub async fn write_fmt(&mut self, args: fmt::Arguments<'_>) -> Result<(), StreamError> {
        if let Some(s) = args.as_str() {
            return self.write_all(s.as_bytes()).await;
        }
        let mut skip = 0;
        loop {
            let mut window = Window::new(skip);
            // Only the window's own overflow fails, and that is what the loop is for.
            let _ = window.write_fmt(args);
            self.write_all(&window.bytes).await?;
            skip += window.bytes.len();
            if window.bytes.is_empty() || skip >= window.total {
                return Ok(());
            }
        }
    }

    /// Payload bytes written so far.
    pub fn written(&self) -> u64 {
        self.backend.written()
    }

    /// Lambda's HTTP-integration prelude: `{"statusCode":..,"headers":{..},"cookies":[..]}`
    /// and eight NUL bytes. Write it first, with the content type
    /// [`HTTP_INTEGRATION`](super::HTTP_INTEGRATION) (as [`Http`](super::Http) does).
    ///
    /// It goes out at once, as two chunks, the JSON and the NUL bytes, as lambda_runtime sends
    /// them: the client has the status and headers before the body, and local emulators that
    /// read the prelude a chunk at a time (cargo-lambda) understand it. Lambda itself reads it
    /// across any chunking.
    pub async fn write_prelude<'a>(
        &mut self,
        status: u16,
        headers: impl IntoIterator<Item = (&'a str, &'a str)>,
        cookies: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), StreamError> {
        write!(self, "{{\"statusCode\":{status},\"headers\":{{").await?;
        for (i, (name, value)) in headers.into_iter().enumerate() {
            self.write_all(if i == 0 { b"\"" } else { b",\"" }).await?;
            self.write_escaped(name).await?;
            self.write_all(b"\":\"").await?;
            self.write_escaped(value).await?;
            self.write_all(b"\"").await?;
        }
        self.write_all(b"},\"cookies\":[").await?;
        for (i, cookie) in cookies.into_iter().enumerate() {
            self.write_all(if i == 0 { b"\"" } else { b",\"" }).await?;
            self.write_escaped(cookie).await?;
            self.write_all(b"\"").await?;
        }
        self.write_all(b"]}").await?;
        self.flush().await?;
        self.write_all(&[0; 8]).await?;
        self.flush().await
    }

    async fn write_escaped(&mut self, s: &str) -> Result<(), StreamError> {
        write!(self, "{}", crate::json::escape::Escaped(s)).await
    }
}

/// The bytes `[skip, skip + 256)` of a formatted text (formatting cannot await, so a long
/// text is formatted once per window).
struct Window {
    skip: usize,
    total: usize,
    bytes: heapless::Vec<u8, 256>,
}

impl Window {
    fn new(skip: usize) -> Self {
        Self {
            skip,
            total: 0,
            bytes: heapless::Vec::new(),
        }
    }
}

impl fmt::Write for Window {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let s = s.as_bytes();
        let start = self.total;
        self.total += s.len();
        let from = self.skip.saturating_sub(start).min(s.len());
        let room = self.bytes.capacity() - self.bytes.len();
        let take = s.get(from..).unwrap_or_default();
        let take = take.get(..room.min(take.len())).unwrap_or_default();
        // Cannot fail: `take` fits the room left.
        let _ = self.bytes.extend_from_slice(take);
        Ok(())
    }
}

#[cfg(feature = "std")]
impl std::io::Write for Writer<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self
            .backend
            .poll_write(&mut Context::from_waker(core::task::Waker::noop()), buf)
        {
            Poll::Ready(r) => r.map_err(io_error),
            Poll::Pending => Err(std::io::ErrorKind::WouldBlock.into()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self
            .backend
            .poll_flush(&mut Context::from_waker(core::task::Waker::noop()))
        {
            Poll::Ready(r) => r.map_err(io_error),
            Poll::Pending => Err(std::io::ErrorKind::WouldBlock.into()),
        }
    }
}

#[cfg(feature = "std")]
fn io_error(e: StreamError) -> std::io::Error {
    let kind = match e {
        StreamError::Closed => std::io::ErrorKind::BrokenPipe,
        _ => std::io::ErrorKind::Other,
    };
    std::io::Error::new(kind, e)
}
