//! An incremental decoder for HTTP/1.1 chunked bodies (RFC 9112 §7.1): bytes go in as they
//! arrive, in any split, and data comes out as borrowed slices, so a streamed response is
//! forwarded without ever being held whole. The buffered parser ([`wire`](crate::wire)) uses
//! the same decoder.
//!
//! Call order: [`Decoder::decode`] with the unread bytes until it returns
//! [`Frame::Done`]; each call consumes what it reports, so the caller drops those bytes and
//! calls again (with more input when it consumed nothing). Then [`Decoder::trailers`].

use std::fmt;

/// A chunk-size line longer than this (extensions included) is malformed: no client needs
/// more, and the line is the only part the decoder has to hold.
const MAX_LINE: usize = 4096;
/// The trailer section is held whole until its empty line; an error body (base64 of the error
/// JSON) fits many times over.
pub const MAX_TRAILERS: usize = 256 << 10;
/// Trailer fields parsed at most.
const MAX_FIELDS: usize = 64;

/// Why the chunked framing is unacceptable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChunkError {
    /// A chunk-size line without hex digits, with a bad character, or one too long.
    BadSize,
    /// A size too large for this machine.
    Overflow,
    /// Chunk data not followed by CRLF.
    BadTerminator,
    /// A trailer section that is malformed or above [`MAX_TRAILERS`].
    BadTrailers,
}

impl fmt::Display for ChunkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::BadSize => "malformed chunk-size line",
            Self::Overflow => "chunk size too large",
            Self::BadTerminator => "chunk data not followed by CRLF",
            Self::BadTrailers => "malformed trailer section",
        })
    }
}

impl std::error::Error for ChunkError {}

/// What one [`Decoder::decode`] call found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frame<'a> {
    /// Nothing complete yet: read more.
    Partial,
    /// Body bytes (part or all of one chunk's data).
    Data(&'a [u8]),
    /// The end of one chunk's data (its CRLF).
    ChunkEnd,
    /// The terminating chunk and the trailer section: the body is complete.
    Done,
}

/// The parts of a chunk-size line: `1a`, whitespace, `;name=value` extensions, CRLF.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Digits,
    Space,
    Extension,
    Cr,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum State {
    /// In a chunk-size line: the size so far, whether a digit was seen, where in the line it
    /// is, the line's length so far.
    Size {
        size: u64,
        digits: bool,
        part: Part,
        len: usize,
    },
    /// Chunk data still to come.
    Data(u64),
    /// The CR (`false`) or LF (`true`) after the data.
    DataEnd(bool),
    /// The trailer section so far.
    Trailers(Vec<u8>),
    Done,
}

/// The decoder; see the module docs for the call order.
#[derive(Clone, Debug)]
pub struct Decoder {
    state: State,
    trailers: Vec<(String, String)>,
}

impl Default for Decoder {
    fn default() -> Self {
        Self::new()
    }
}

const SIZE_START: State = State::Size {
    size: 0,
    digits: false,
    part: Part::Digits,
    len: 0,
};

impl Decoder {
    /// A decoder at the start of a chunked body.
    pub fn new() -> Self {
        Self {
            state: SIZE_START,
            trailers: Vec::new(),
        }
    }

    /// Whether the terminating chunk and trailers have been read.
    pub fn is_done(&self) -> bool {
        self.state == State::Done
    }

    /// The trailer fields, once [`Frame::Done`] was returned (names and values as sent, the
    /// values trimmed).
    pub fn trailers(&self) -> &[(String, String)] {
        &self.trailers
    }

    /// Decodes from the start of `input`: how many bytes it consumed and what it found. An
    /// error is final.
    pub fn decode<'a>(&mut self, input: &'a [u8]) -> Result<(usize, Frame<'a>), ChunkError> {
        let mut at = 0;
        while let Some(&byte) = input.get(at) {
            match &mut self.state {
                State::Size {
                    size,
                    digits,
                    part,
                    len,
                } => {
                    at += 1;
                    *len += 1;
                    if *len > MAX_LINE {
                        return Err(ChunkError::BadSize);
                    }
                    match (*part, byte) {
                        (Part::Cr, b'\n') if *digits => {
                            let size = *size;
                            self.state = if size == 0 {
                                State::Trailers(Vec::new())
                            } else {
                                State::Data(size)
                            };
                        }
                        (Part::Cr, _) | (_, b'\n') => return Err(ChunkError::BadSize),
                        (_, b'\r') => *part = Part::Cr,
                        (Part::Extension, _) => {}
                        (Part::Digits | Part::Space, b';') if *digits => *part = Part::Extension,
                        (Part::Digits | Part::Space, b' ' | b'\t') if *digits => {
                            *part = Part::Space;
                        }
                        (Part::Digits, _) => {
                            let digit = hex(byte).ok_or(ChunkError::BadSize)?;
                            *size = size
                                .checked_mul(16)
                                .and_then(|s| s.checked_add(u64::from(digit)))
                                .filter(|s| usize::try_from(*s).is_ok())
                                .ok_or(ChunkError::Overflow)?;
                            *digits = true;
                        }
                        (Part::Space, _) => return Err(ChunkError::BadSize),
                    }
                }
                State::Data(left) => {
                    let rest = input.get(at..).unwrap_or_default();
                    let take = usize::try_from(*left).unwrap_or(usize::MAX).min(rest.len());
                    let data = rest.get(..take).unwrap_or_default();
                    *left = left.saturating_sub(u64::try_from(take).unwrap_or(u64::MAX));
                    if *left == 0 {
                        self.state = State::DataEnd(false);
                    }
                    return Ok((at + take, Frame::Data(data)));
                }
                State::DataEnd(lf) => {
                    at += 1;
                    match (byte, *lf) {
                        (b'\r', false) => *lf = true,
                        (b'\n', true) => {
                            self.state = SIZE_START;
                            return Ok((at, Frame::ChunkEnd));
                        }
                        _ => return Err(ChunkError::BadTerminator),
                    }
                }
                State::Trailers(raw) => {
                    at += 1;
                    raw.push(byte);
                    if raw.len() > MAX_TRAILERS {
                        return Err(ChunkError::BadTrailers);
                    }
                    let end = raw.as_slice() == b"\r\n" || raw.ends_with(b"\r\n\r\n");
                    if end {
                        let raw = std::mem::take(raw);
                        self.trailers = parse_trailers(&raw)?;
                        self.state = State::Done;
                        return Ok((at, Frame::Done));
                    }
                }
                State::Done => return Ok((0, Frame::Done)),
            }
        }
        if self.state == State::Done {
            return Ok((at, Frame::Done));
        }
        Ok((at, Frame::Partial))
    }
}

fn hex(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// The trailer section, `raw` ending with its empty line.
fn parse_trailers(raw: &[u8]) -> Result<Vec<(String, String)>, ChunkError> {
    if raw == b"\r\n" {
        return Ok(Vec::new());
    }
    let mut slots = [httparse::EMPTY_HEADER; MAX_FIELDS];
    match httparse::parse_headers(raw, &mut slots) {
        Ok(httparse::Status::Complete((n, fields))) if n == raw.len() => fields
            .iter()
            .map(|f| {
                let value = std::str::from_utf8(f.value).map_err(|_| ChunkError::BadTrailers)?;
                Ok((f.name.to_owned(), value.trim().to_owned()))
            })
            .collect(),
        _ => Err(ChunkError::BadTrailers),
    }
}

#[cfg(test)]
#[path = "chunked_tests.rs"]
mod tests;
