//! The HTTP destination's side: reading the requests Lambda POSTs to the extension's listener,
//! one at a time on a kept-alive connection, in any split, into a caller-owned buffer.

use core::fmt;
use core::ops::Range;

use crate::http::head::trim;
use crate::http::parse_decimal;

/// Headers parsed in one request head; Lambda sends a handful.
const MAX_HEADERS: usize = 32;

/// Why a request could not be read. Answer with [`ListenerError::response`], then close the
/// connection: the stream cannot be trusted past a bad request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum ListenerError {
    /// The request line or a header line is malformed, or there are too many headers.
    MalformedHead,
    /// The head alone does not fit the buffer.
    HeadTooLarge,
    /// The body does not fit the buffer (a batch can reach the subscription's `maxBytes`).
    BodyTooLarge,
    /// Content-Length is not a number, or two disagree.
    BadContentLength,
    /// A Transfer-Encoding other than chunked.
    UnsupportedTransferEncoding,
    /// Chunked framing is malformed.
    BadChunk,
    /// The connection closed in the middle of a request.
    Truncated,
}

impl ListenerError {
    /// The answer to send before closing.
    pub const fn response(self) -> &'static [u8] {
        match self {
            Self::HeadTooLarge => {
                b"HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            }
            Self::BodyTooLarge => {
                b"HTTP/1.1 413 Content Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            }
            Self::UnsupportedTransferEncoding => {
                b"HTTP/1.1 501 Not Implemented\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            }
            _ => b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        }
    }
}

impl fmt::Display for ListenerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::MalformedHead => "malformed HTTP request head",
            Self::HeadTooLarge => "HTTP request head larger than the listener's buffer",
            Self::BodyTooLarge => "telemetry batch larger than the listener's buffer",
            Self::BadContentLength => "invalid Content-Length in a telemetry request",
            Self::UnsupportedTransferEncoding => "unsupported Transfer-Encoding",
            Self::BadChunk => "malformed chunked encoding in a telemetry request",
            Self::Truncated => "connection closed in the middle of a telemetry request",
        })
    }
}

impl core::error::Error for ListenerError {}

/// What feeding bytes gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Progress {
    /// More bytes are needed.
    Partial,
    /// A whole request is in: read it with [`Listener::request`] or [`Listener::body_mut`],
    /// send [`Listener::OK`], then call [`Listener::next_request`].
    Complete,
    /// The peer closed the connection between requests: nothing was lost.
    Closed,
}

/// A complete request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Request<'b> {
    /// The method (`POST` from Lambda).
    pub method: &'b str,
    /// The request target, e.g. `/`.
    pub path: &'b str,
    /// The body, de-chunked.
    pub body: &'b [u8],
    /// The client asked to close the connection after this request.
    pub close: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chunk {
    Size,
    Data(u64),
    DataEnd,
    Trailers,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Stage {
    Head,
    Length(usize),
    Chunked {
        read: usize,
        write: usize,
        chunk: Chunk,
    },
    Done {
        body_end: usize,
        consumed: usize,
    },
    Failed(ListenerError),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Head {
    len: usize,
    method: Range<usize>,
    path: Range<usize>,
    close: bool,
}

/// Reads HTTP/1.1 requests from one connection into a caller-owned buffer, which bounds the
/// largest request (head and body). Sans-I/O:
///
/// 1. read into [`recv_buf`](Self::recv_buf), then [`handle_recv`](Self::handle_recv) with the
///    count (`0` when the peer closed);
/// 2. on [`Progress::Complete`], use the request, send [`Listener::OK`], and call
///    [`next_request`](Self::next_request) (which may find the next request complete already);
/// 3. on an error, send [`ListenerError::response`] and close.
///
/// Time is linear in the bytes received, however they are split.
pub struct Listener<'b> {
    buf: &'b mut [u8],
    filled: usize,
    /// How far the head has been searched for its end, so a dribbled head is parsed once.
    scanned: usize,
    head: Head,
    stage: Stage,
}

impl<'b> Listener<'b> {
    /// The answer to a batch: Lambda wants a 2xx, and a body is not read.
    pub const OK: &'static [u8] = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";

    /// A listener for a new connection reading into `buf`.
    pub fn new(buf: &'b mut [u8]) -> Self {
        Self {
            buf,
            filled: 0,
            scanned: 0,
            head: Head::default(),
            stage: Stage::Head,
        }
    }

    /// Where to read into: empty once a request is complete or the stream failed.
    pub fn recv_buf(&mut self) -> &mut [u8] {
        match self.stage {
            Stage::Done { .. } | Stage::Failed(_) => &mut [],
            _ => self.buf.get_mut(self.filled..).unwrap_or_default(),
        }
    }

    /// `n` bytes were read into [`recv_buf`](Self::recv_buf); `0` means the peer closed.
    pub fn handle_recv(&mut self, n: usize) -> Result<Progress, ListenerError> {
        match self.stage {
            Stage::Failed(e) => return Err(e),
            Stage::Done { .. } => return Ok(Progress::Complete),
            _ => {}
        }
        if n == 0 {
            let closed_between = self.stage == Stage::Head && self.filled == 0;
            return if closed_between {
                Ok(Progress::Closed)
            } else {
                self.fail(ListenerError::Truncated)
            };
        }
        self.filled = self.filled.saturating_add(n).min(self.buf.len());
        match self.advance() {
            Ok(p) => Ok(p),
            Err(e) => self.fail(e),
        }
    }

    /// The complete request, if there is one.
    pub fn request(&self) -> Option<Request<'_>> {
        let Stage::Done { body_end, .. } = self.stage else {
            return None;
        };
        let text = |r: &Range<usize>| {
            self.buf
                .get(r.clone())
                .and_then(|b| core::str::from_utf8(b).ok())
                .unwrap_or_default()
        };
        Some(Request {
            method: text(&self.head.method),
            path: text(&self.head.path),
            body: self.buf.get(self.head.len..body_end).unwrap_or_default(),
            close: self.head.close,
        })
    }

    /// The complete request's body, mutable so [`records`](super::records) can decode it in
    /// place; empty if no request is complete.
    pub fn body_mut(&mut self) -> &mut [u8] {
        let Stage::Done { body_end, .. } = self.stage else {
            return &mut [];
        };
        self.buf
            .get_mut(self.head.len..body_end)
            .unwrap_or_default()
    }

    /// Drops the complete request and goes on to the next: bytes of it read already are kept,
    /// so this may report it complete at once.
    pub fn next_request(&mut self) -> Result<Progress, ListenerError> {
        let Stage::Done { consumed, .. } = self.stage else {
            return match self.stage {
                Stage::Failed(e) => Err(e),
                _ => Ok(Progress::Partial),
            };
        };
        self.buf.copy_within(consumed..self.filled, 0);
        self.filled -= consumed;
        self.stage = Stage::Head;
        self.scanned = 0;
        self.head = Head::default();
        if self.filled == 0 {
            return Ok(Progress::Partial);
        }
        match self.advance() {
            Ok(p) => Ok(p),
            Err(e) => self.fail(e),
        }
    }

    fn fail(&mut self, e: ListenerError) -> Result<Progress, ListenerError> {
        self.stage = Stage::Failed(e);
        Err(e)
    }

    fn advance(&mut self) -> Result<Progress, ListenerError> {
        if self.stage == Stage::Head {
            // The head ends at a blank line (CRLF or, as httparse allows, bare LF).
            let from = self.scanned.saturating_sub(2);
            let window = self.buf.get(from..self.filled).unwrap_or_default();
            let ended = window.windows(2).any(|w| w == b"\n\n")
                || window.windows(3).any(|w| w == b"\n\r\n");
            self.scanned = self.filled;
            if !ended {
                return if self.filled >= self.buf.len() {
                    Err(ListenerError::HeadTooLarge)
                } else {
                    Ok(Progress::Partial)
                };
            }
            match parse_head(self.buf.get(..self.filled).unwrap_or_default())? {
                None if self.filled >= self.buf.len() => return Err(ListenerError::HeadTooLarge),
                None => return Ok(Progress::Partial),
                Some((head, framing)) => {
                    self.stage = match framing {
                        Framing::Length(n) => Stage::Length(n),
                        Framing::Chunked => Stage::Chunked {
                            read: head.len,
                            write: head.len,
                            chunk: Chunk::Size,
                        },
                    };
                    self.head = head;
                }
            }
        }
        let start = self.head.len;
        match self.stage {
            Stage::Length(n) => {
                let end = start.checked_add(n).ok_or(ListenerError::BodyTooLarge)?;
                if end > self.buf.len() {
                    return Err(ListenerError::BodyTooLarge);
                }
                if self.filled >= end {
                    self.stage = Stage::Done {
                        body_end: end,
                        consumed: end,
                    };
                    return Ok(Progress::Complete);
                }
                Ok(Progress::Partial)
            }
            Stage::Chunked { .. } => self.dechunk(),
            _ => Ok(Progress::Partial),
        }
    }

    /// Moves chunk data down over the framing, in place, as it arrives.
    fn dechunk(&mut self) -> Result<Progress, ListenerError> {
        let Stage::Chunked {
            mut read,
            mut write,
            mut chunk,
        } = self.stage
        else {
            return Ok(Progress::Partial);
        };
        loop {
            let pending = self.buf.get(read..self.filled).unwrap_or_default();
            match chunk {
                Chunk::Size => match httparse::parse_chunk_size(pending) {
                    Ok(httparse::Status::Complete((used, size))) => {
                        read += used;
                        chunk = if size == 0 {
                            Chunk::Trailers
                        } else {
                            Chunk::Data(size)
                        };
                    }
                    Ok(httparse::Status::Partial) => break,
                    Err(_) => return Err(ListenerError::BadChunk),
                },
                Chunk::Data(left) => {
                    let take = usize::try_from(left)
                        .unwrap_or(usize::MAX)
                        .min(pending.len());
                    if take == 0 {
                        break;
                    }
                    self.buf.copy_within(read..read + take, write);
                    read += take;
                    write += take;
                    let left = left - take as u64;
                    chunk = if left == 0 {
                        Chunk::DataEnd
                    } else {
                        Chunk::Data(left)
                    };
                }
                Chunk::DataEnd => match pending {
                    [b'\r', b'\n', ..] => {
                        read += 2;
                        chunk = Chunk::Size;
                    }
                    [] | [b'\r'] => break,
                    _ => return Err(ListenerError::BadChunk),
                },
                Chunk::Trailers => match pending.windows(2).position(|w| w == b"\r\n") {
                    Some(0) => {
                        self.stage = Stage::Done {
                            body_end: write,
                            consumed: read + 2,
                        };
                        return Ok(Progress::Complete);
                    }
                    Some(line) => read += line + 2,
                    None => break,
                },
            }
        }
        if self.filled >= self.buf.len() {
            // Reclaim the framing parsed so far; with none to reclaim, the body is too big
            // (or a chunk or trailer line is as long as the buffer).
            if read == write {
                return Err(ListenerError::BodyTooLarge);
            }
            self.buf.copy_within(read..self.filled, write);
            self.filled -= read - write;
            read = write;
        }
        self.stage = Stage::Chunked { read, write, chunk };
        Ok(Progress::Partial)
    }
}

enum Framing {
    Length(usize),
    Chunked,
}

/// Parses a request head at the start of `buf`; `None` until it is complete.
fn parse_head(buf: &[u8]) -> Result<Option<(Head, Framing)>, ListenerError> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut req = httparse::Request::new(&mut headers);
    let len = match req.parse(buf) {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(_) => return Err(ListenerError::MalformedHead),
    };
    let base = buf.as_ptr() as usize;
    // httparse's strings borrow from `buf`: their offsets are in range.
    let range = |s: &str| {
        let start = (s.as_ptr() as usize).saturating_sub(base);
        start..start + s.len()
    };
    let method = req.method.map(range).ok_or(ListenerError::MalformedHead)?;
    let path = req.path.map(range).ok_or(ListenerError::MalformedHead)?;
    let mut close = req.version == Some(0);
    let mut length: Option<usize> = None;
    let mut chunked = false;
    for h in req.headers.iter() {
        let value = trim(h.value);
        if h.name.eq_ignore_ascii_case("content-length") {
            let n = parse_decimal(value).ok_or(ListenerError::BadContentLength)?;
            if length.is_some_and(|m| m != n) {
                return Err(ListenerError::BadContentLength);
            }
            length = Some(n);
        } else if h.name.eq_ignore_ascii_case("transfer-encoding") {
            // Only `chunked` (last, as HTTP requires) is understood.
            let last = value.rsplit(|&b| b == b',').next().map(trim);
            if !last.is_some_and(|c| c.eq_ignore_ascii_case(b"chunked")) {
                return Err(ListenerError::UnsupportedTransferEncoding);
            }
            chunked = true;
        } else if h.name.eq_ignore_ascii_case("connection") {
            let tokens = value.split(|&b| b == b',').map(trim);
            for token in tokens {
                if token.eq_ignore_ascii_case(b"close") {
                    close = true;
                } else if token.eq_ignore_ascii_case(b"keep-alive") {
                    close = false;
                }
            }
        }
    }
    // Transfer-Encoding wins over Content-Length, as HTTP/1.1 says.
    let framing = if chunked {
        Framing::Chunked
    } else {
        Framing::Length(length.unwrap_or(0))
    };
    let head = Head {
        len,
        method,
        path,
        close,
    };
    Ok(Some((head, framing)))
}
