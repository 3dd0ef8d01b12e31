//! The incremental reader: one response at a time, fed bytes in any split.

use super::HttpError;
use super::head::{Framing, Head, HeadScan, Span, parse_head};

/// A complete response in the receive buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The parsed head; its spans point into the receive buffer.
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
pub enum Progress {
    /// More bytes are needed.
    Partial,
    /// A whole response is in the buffer.
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
    Head(HeadScan),
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
pub struct Incoming {
    /// Bytes of the buffer holding received data.
    filled: usize,
    /// End of the last complete message; bytes after it (up to `filled`) belong to the next.
    consumed: usize,
    stage: Stage,
    overflow: bool,
}

impl Default for Incoming {
    fn default() -> Self {
        Self::new()
    }
}

impl Incoming {
    /// A reader waiting for the head of a response at the start of the buffer.
    pub const fn new() -> Self {
        Self {
            filled: 0,
            consumed: 0,
            stage: Stage::Head(HeadScan::new()),
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
        self.filled = (self.filled + n).min(rx.len());
        self.advance_head(rx)?;
        self.advance_body(rx)
    }

    /// The peer closed the connection.
    pub fn handle_eof(&mut self, rx: &mut [u8]) -> Result<Progress, HttpError> {
        match &self.stage {
            Stage::Head(_) => Err(HttpError::Truncated),
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
        self.stage = Stage::Head(HeadScan::new());
        Progress::Complete(Message {
            head,
            body,
            overflow: core::mem::take(&mut self.overflow),
            truncated,
        })
    }

    /// In the head stage, moves on to the body once the final (non-1xx) head is complete, with
    /// the head moved to the start of the buffer.
    ///
    /// Parses only when [`HeadScan`] says a parse is due, so a head costs time linear in its
    /// bytes whatever the split. Interim 1xx heads are skipped in place and the rest is moved
    /// down once, not once per interim head.
    fn advance_head(&mut self, rx: &mut [u8]) -> Result<(), HttpError> {
        let Stage::Head(scan) = &mut self.stage else {
            return Ok(());
        };
        let mut skip = 0;
        let head = loop {
            let buf = rx.get(skip..self.filled).unwrap_or_default();
            if !scan.due(buf) {
                break None;
            }
            match parse_head(buf)? {
                // Interim response: drop it and read the real one (a loop: there may be many).
                Some(head) if (100..200).contains(&head.status) => {
                    skip += head.len;
                    *scan = HeadScan::new();
                }
                Some(head) => break Some(head),
                None => {
                    scan.incomplete(buf);
                    break None;
                }
            }
        };
        if skip > 0 {
            rx.copy_within(skip..self.filled, 0);
            self.filled -= skip;
        }
        self.stage = match head {
            None if self.filled >= rx.len() => return Err(HttpError::HeadTooLarge),
            None => return Ok(()),
            Some(head) if head.framing == Framing::Chunked => Stage::Chunked {
                read: head.len,
                write: head.len,
                head,
                chunk: Chunk::Size,
            },
            Some(head) => Stage::Plain { head, received: 0 },
        };
        Ok(())
    }

    fn advance_body(&mut self, rx: &mut [u8]) -> Result<Progress, HttpError> {
        let cap = rx.len();
        match &mut self.stage {
            Stage::Head(_) => Ok(Progress::Partial),
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
