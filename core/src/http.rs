//! Reading one HTTP/1.1 response from the Runtime API into a caller-owned buffer.
//!
//! `Incoming` is fed bytes as they arrive, in any split, and reports `Progress::Complete`
//! once the head and the whole body are in. Bodies are framed by Content-Length, chunked
//! encoding (de-chunked in place, trailers skipped) or connection close. A body larger than the
//! buffer is read and discarded (`Message::overflow`) so the connection stays usable and the
//! caller can still report an error for the invocation, whose head is kept. The client sends one
//! request at a time, so bytes after a complete response mean the peer is out of step
//! (`Incoming::has_leftover`); the session then replaces the connection.

use core::fmt;
use core::mem::MaybeUninit;
use core::ops::Range;

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

/// Byte range of a header value inside the receive buffer.
pub(crate) type Span = Range<usize>;

/// The Runtime API headers the client cares about, as spans into the receive buffer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct LambdaHeaders {
    pub request_id: Option<Span>,
    pub deadline_ms: Option<Span>,
    pub function_arn: Option<Span>,
    pub trace_id: Option<Span>,
    pub client_context: Option<Span>,
    pub cognito_identity: Option<Span>,
    pub tenant_id: Option<Span>,
    pub invocation_id: Option<Span>,
    /// `Lambda-Extension-Identifier`, on Extensions API answers.
    pub extension_id: Option<Span>,
}

impl LambdaHeaders {
    /// Case-insensitive lookup table; the first occurrence of a header wins.
    fn slot(&mut self, name: &[u8]) -> Option<&mut Option<Span>> {
        const NAMES: [&str; 9] = [
            "lambda-runtime-aws-request-id",
            "lambda-runtime-deadline-ms",
            "lambda-runtime-invoked-function-arn",
            "lambda-runtime-trace-id",
            "lambda-runtime-client-context",
            "lambda-runtime-cognito-identity",
            "lambda-runtime-aws-tenant-id",
            "lambda-runtime-invocation-id",
            "lambda-extension-identifier",
        ];
        let i = NAMES
            .iter()
            .position(|n| n.as_bytes().eq_ignore_ascii_case(name))?;
        let slot = match i {
            0 => &mut self.request_id,
            1 => &mut self.deadline_ms,
            2 => &mut self.function_arn,
            3 => &mut self.trace_id,
            4 => &mut self.client_context,
            5 => &mut self.cognito_identity,
            6 => &mut self.tenant_id,
            7 => &mut self.invocation_id,
            _ => &mut self.extension_id,
        };
        slot.is_none().then_some(slot)
    }
}

/// How the body of a response is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Framing {
    Length(usize),
    Chunked,
    UntilClose,
}

/// A parsed response head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Head {
    pub status: u16,
    /// Length of the head in bytes (the body starts here).
    pub len: usize,
    pub framing: Framing,
    /// The server will close the connection after this response.
    pub close: bool,
    pub lambda: LambdaHeaders,
}

/// Parses a response head at the start of `buf`; `Ok(None)` if it is not complete yet.
pub(crate) fn parse_head(buf: &[u8]) -> Result<Option<Head>, HttpError> {
    let mut slots = [const { MaybeUninit::uninit() }; FAST_PATH_HEADERS];
    let mut resp = httparse::Response::new(&mut []);
    let parsed = httparse::ParserConfig::default()
        .allow_spaces_after_header_name_in_responses(true)
        .allow_multiple_spaces_in_response_status_delimiters(true)
        .parse_response_with_uninit_headers(&mut resp, buf, &mut slots);
    let len = match parsed {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::TooManyHeaders) => return parse_head_by_line(buf),
        Err(_) => return Err(HttpError::MalformedHead),
    };
    let status = resp.code.ok_or(HttpError::MalformedHead)?;
    let headers = resp.headers.iter().map(|h| (h.name.as_bytes(), h.value));
    build_head(buf, status, resp.version == Some(1), len, headers)
}

/// The slow path for heads with more than [`FAST_PATH_HEADERS`] headers: the same grammar,
/// one CRLF-terminated line at a time, with no limit but the buffer.
fn parse_head_by_line(buf: &[u8]) -> Result<Option<Head>, HttpError> {
    let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Ok(None);
    };
    // Every line of the head with its CRLF; a bare LF ends a line without CR: malformed.
    let head = buf.get(..end + 2).unwrap_or_default();
    let mut lines = head
        .split_inclusive(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r\n"));
    let status_line = lines.next().flatten().ok_or(HttpError::MalformedHead)?;
    let (version, status) = match status_line {
        [
            b'H',
            b'T',
            b'T',
            b'P',
            b'/',
            b'1',
            b'.',
            v @ (b'0' | b'1'),
            b' ',
            rest @ ..,
        ] => (*v, rest),
        _ => return Err(HttpError::MalformedHead),
    };
    let code = status
        .get(..3)
        .and_then(parse_decimal)
        .ok_or(HttpError::MalformedHead)?;
    if !matches!(status.get(3), None | Some(b' ')) || !(100..1000).contains(&code) {
        return Err(HttpError::MalformedHead);
    }
    let is_token = |b: &u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(b);
    let headers = lines.map(|line| {
        let line = line.ok_or(HttpError::MalformedHead)?;
        let colon = line
            .iter()
            .position(|&b| b == b':')
            .ok_or(HttpError::MalformedHead)?;
        let (name, value) = line.split_at(colon);
        let name = trim_end(name);
        if name.is_empty()
            || !name.iter().all(is_token)
            || value.iter().any(|&b| (b < 0x20 && b != b'\t') || b == 0x7f)
        {
            return Err(HttpError::MalformedHead);
        }
        Ok((name, value.get(1..).unwrap_or_default()))
    });
    // Collecting is not an option without alloc: validate in one pass, then build in another.
    for header in headers.clone() {
        header?;
    }
    let code = u16::try_from(code).map_err(|_| HttpError::MalformedHead)?;
    build_head(buf, code, version == b'1', end + 4, headers.flatten())
}

fn trim_end(v: &[u8]) -> &[u8] {
    let end = v
        .iter()
        .rposition(|b| *b != b' ' && *b != b'\t')
        .map_or(0, |i| i + 1);
    v.get(..end).unwrap_or_default()
}

/// Framing, connection and Lambda headers from the header lines of a parsed head.
fn build_head<'b>(
    buf: &'b [u8],
    status: u16,
    http11: bool,
    len: usize,
    headers: impl Iterator<Item = (&'b [u8], &'b [u8])>,
) -> Result<Option<Head>, HttpError> {
    // HTTP/1.0 closes by default; 1.1 keeps alive unless told otherwise.
    let mut close = !http11;
    let mut content_length = None;
    let mut chunked = false;
    let mut lambda = LambdaHeaders::default();
    let base = buf.as_ptr() as usize;
    for (name, value) in headers {
        if name.eq_ignore_ascii_case(b"content-length") {
            let n = parse_decimal(trim(value)).ok_or(HttpError::BadContentLength)?;
            if content_length.is_some_and(|prev| prev != n) {
                return Err(HttpError::BadContentLength);
            }
            content_length = Some(n);
        } else if name.eq_ignore_ascii_case(b"transfer-encoding") {
            // Only `chunked` (last) is something we can frame; anything else is refused.
            let mut codings = value
                .split(|&b| b == b',')
                .map(trim)
                .filter(|c| !c.is_empty());
            match (codings.next(), codings.next()) {
                (Some(c), None) if c.eq_ignore_ascii_case(b"chunked") => chunked = true,
                (Some(c), None) if c.eq_ignore_ascii_case(b"identity") => {}
                _ => return Err(HttpError::UnsupportedTransferEncoding),
            }
        } else if name.eq_ignore_ascii_case(b"connection") {
            for token in value.split(|&b| b == b',').map(trim) {
                if token.eq_ignore_ascii_case(b"close") {
                    close = true;
                } else if token.eq_ignore_ascii_case(b"keep-alive") {
                    close = false;
                }
            }
        } else if let Some(slot) = lambda.slot(name) {
            let value = trim(value);
            let start = value.as_ptr() as usize - base;
            *slot = Some(start..start + value.len());
        }
    }
    let framing = if status == 204 || status == 304 || (100..200).contains(&status) {
        Framing::Length(0)
    } else if chunked {
        // RFC 9112 6.3: chunked wins over Content-Length.
        Framing::Chunked
    } else if let Some(n) = content_length {
        Framing::Length(n)
    } else {
        close = true;
        Framing::UntilClose
    };
    Ok(Some(Head {
        status,
        len,
        framing,
        close,
        lambda,
    }))
}

fn trim(v: &[u8]) -> &[u8] {
    let start = v
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(v.len());
    let end = v
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    v.get(start..end).unwrap_or_default()
}

/// Decimal without sign or leading `+`, overflow-checked.
pub(crate) fn parse_decimal(v: &[u8]) -> Option<usize> {
    if v.is_empty() || v.len() > 19 {
        return None;
    }
    v.iter().try_fold(0usize, |acc, &b| {
        let d = b.checked_sub(b'0').filter(|d| *d < 10)?;
        acc.checked_mul(10)?.checked_add(usize::from(d))
    })
}

/// A complete response in the receive buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Message {
    pub head: Head,
    /// Where the (de-chunked) body is in the buffer.
    pub body: Span,
    /// The body did not fit and was discarded; `body` holds what fit (for diagnostics only).
    pub overflow: bool,
    /// The connection ended before the message was complete; what arrived is in `body`.
    pub truncated: bool,
}

/// Result of feeding bytes to [`Incoming`].
// Returned by value once per read; boxing is not an option without alloc.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Progress {
    Partial,
    Complete(Message),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chunk {
    Size,
    Data(u64),
    DataEnd,
    Trailers,
    Done,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Stage {
    Head,
    /// Content-Length or until-close body; `received` counts body bytes, kept or not.
    Plain {
        head: Head,
        received: usize,
    },
    Chunked {
        head: Head,
        read: usize,
        write: usize,
        chunk: Chunk,
    },
}

/// Incremental reader of one response at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Incoming {
    /// Bytes of the buffer holding received data.
    filled: usize,
    /// End of the last complete message; bytes after it (up to `filled`) belong to the next.
    consumed: usize,
    stage: Stage,
    overflow: bool,
}

impl Incoming {
    pub const fn new() -> Self {
        Self {
            filled: 0,
            consumed: 0,
            stage: Stage::Head,
            overflow: false,
        }
    }

    /// Forgets everything, for the next response or a fresh connection.
    pub fn reset(&mut self) {
        *self = Self::new();
    }

    /// Bytes received but not yet part of a complete message.
    pub fn has_buffered(&self) -> bool {
        self.filled > 0
    }

    /// Bytes arrived after the last complete message: the peer is out of step.
    pub fn has_leftover(&self) -> bool {
        self.consumed < self.filled
    }

    /// Where the next received bytes go.
    pub fn recv_range(&self, cap: usize) -> Span {
        self.filled.min(cap)..cap
    }

    /// `n` more bytes were written at [`Incoming::recv_range`].
    pub fn handle_recv(&mut self, rx: &mut [u8], n: usize) -> Result<Progress, HttpError> {
        let old = self.filled;
        self.filled = (self.filled + n).min(rx.len());
        self.advance(rx, old)
    }

    /// The peer closed the connection.
    pub fn handle_eof(&mut self, rx: &mut [u8]) -> Result<Progress, HttpError> {
        match &self.stage {
            Stage::Head => Err(HttpError::Truncated),
            Stage::Plain { head, .. } if head.framing == Framing::UntilClose => {
                let head = head.clone();
                let end = self.filled.min(rx.len());
                let body_end = if self.overflow { head.len } else { end };
                Ok(self.finish(head, body_end, end, false))
            }
            Stage::Plain { head, .. } => {
                let head = head.clone();
                let end = self.filled.min(rx.len());
                // After an overflow the buffer holds only the tail: report no body.
                let body_end = if self.overflow { head.len } else { end };
                Ok(self.finish(head, body_end, end, true))
            }
            Stage::Chunked { head, write, .. } => {
                let (head, write) = (head.clone(), *write);
                let body_end = if self.overflow { head.len } else { write };
                Ok(self.finish(head, body_end, self.filled, true))
            }
        }
    }

    fn finish(
        &mut self,
        head: Head,
        body_end: usize,
        consumed: usize,
        truncated: bool,
    ) -> Progress {
        let body = head.len..body_end.max(head.len);
        self.consumed = consumed;
        self.stage = Stage::Head;
        Progress::Complete(Message {
            head,
            body,
            overflow: core::mem::take(&mut self.overflow),
            truncated,
        })
    }

    fn advance(&mut self, rx: &mut [u8], mut old_filled: usize) -> Result<Progress, HttpError> {
        while let Stage::Head = self.stage {
            // Re-parse only when a line end arrived, so a dribbled head costs linear time.
            let fresh = rx.get(old_filled..self.filled).unwrap_or_default();
            let head = if old_filled == 0 || fresh.contains(&b'\n') {
                parse_head(rx.get(..self.filled).unwrap_or_default())?
            } else {
                None
            };
            let Some(head) = head else {
                return if self.filled >= rx.len() {
                    Err(HttpError::HeadTooLarge)
                } else {
                    Ok(Progress::Partial)
                };
            };
            if (100..200).contains(&head.status) {
                // Interim response: drop it and read the real one (a loop: there may be many).
                rx.copy_within(head.len..self.filled, 0);
                self.filled -= head.len;
                old_filled = 0;
                continue;
            }
            self.stage = match head.framing {
                Framing::Chunked => Stage::Chunked {
                    read: head.len,
                    write: head.len,
                    head,
                    chunk: Chunk::Size,
                },
                _ => Stage::Plain { head, received: 0 },
            };
        }
        self.advance_body(rx)
    }

    fn advance_body(&mut self, rx: &mut [u8]) -> Result<Progress, HttpError> {
        let cap = rx.len();
        match &mut self.stage {
            Stage::Head => Ok(Progress::Partial),
            Stage::Plain { head, received } => {
                let start = head.len;
                let in_buf = self.filled.saturating_sub(start);
                let total = *received + in_buf;
                let want = match head.framing {
                    Framing::Length(n) => n,
                    _ => usize::MAX,
                };
                if total >= want {
                    let head = head.clone();
                    let end = (start + want).saturating_sub(*received);
                    if self.overflow {
                        // Discarding: keep the head, drop what was read.
                        return Ok(self.finish(head, start, end, false));
                    }
                    return Ok(self.finish(head, end, end, false));
                }
                if self.filled >= cap {
                    // A head filling the whole buffer leaves no room to read the body through.
                    if start >= cap {
                        return Err(HttpError::HeadTooLarge);
                    }
                    // Body larger than the buffer: keep the head, discard the body as it comes.
                    self.overflow = true;
                    *received += in_buf;
                    self.filled = start;
                }
                Ok(Progress::Partial)
            }
            Stage::Chunked {
                head,
                read,
                write,
                chunk,
            } => {
                loop {
                    let pending = rx.get(*read..self.filled).unwrap_or_default();
                    match *chunk {
                        Chunk::Size => match httparse::parse_chunk_size(pending) {
                            Ok(httparse::Status::Complete((used, size))) => {
                                *read += used;
                                *chunk = if size == 0 {
                                    Chunk::Trailers
                                } else {
                                    Chunk::Data(size)
                                };
                            }
                            Ok(httparse::Status::Partial) => break,
                            Err(_) => return Err(HttpError::BadChunk),
                        },
                        Chunk::Data(remaining) => {
                            let take = usize::try_from(remaining)
                                .unwrap_or(usize::MAX)
                                .min(pending.len());
                            if take == 0 {
                                break;
                            }
                            if !self.overflow {
                                rx.copy_within(*read..*read + take, *write);
                                *write += take;
                            }
                            *read += take;
                            let left = remaining - take as u64;
                            *chunk = if left == 0 {
                                Chunk::DataEnd
                            } else {
                                Chunk::Data(left)
                            };
                        }
                        Chunk::DataEnd => match pending {
                            [b'\r', b'\n', ..] => {
                                *read += 2;
                                *chunk = Chunk::Size;
                            }
                            [] | [b'\r'] => break,
                            _ => return Err(HttpError::BadChunk),
                        },
                        Chunk::Trailers => match pending.windows(2).position(|w| w == b"\r\n") {
                            Some(0) => {
                                *read += 2;
                                *chunk = Chunk::Done;
                            }
                            Some(line) => *read += line + 2,
                            None => break,
                        },
                        Chunk::Done => break,
                    }
                }
                if *chunk == Chunk::Done {
                    let (head, write, read) = (head.clone(), *write, *read);
                    return Ok(self.finish(head, write, read, false));
                }
                if self.filled >= cap {
                    // Reclaim the space of parsed chunk framing; if none, the body overflows.
                    if *read > *write {
                        rx.copy_within(*read..self.filled, *write);
                        self.filled -= *read - *write;
                        *read = *write;
                    } else if matches!(chunk, Chunk::Data(_)) {
                        self.overflow = true;
                        // Keep the head; later data is dropped, so only framing needs room.
                        let keep = head.len;
                        rx.copy_within(*read..self.filled, keep);
                        self.filled -= *read - keep;
                        *read = keep;
                        *write = keep;
                    } else {
                        return Err(HttpError::LineTooLong);
                    }
                }
                Ok(Progress::Partial)
            }
        }
    }
}

#[cfg(test)]
#[path = "http_tests.rs"]
mod tests;
