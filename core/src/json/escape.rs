//! Output plumbing shared by the serializer and [`Diagnostic`](crate::diagnostic::Diagnostic):
//! a buffer writer that keeps counting when full, and JSON string escaping.

use core::fmt;

use super::error::EncodeError;

/// The longest prefix of `s` that is at most `max` bytes and ends at a char boundary.
pub(crate) fn prefix(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default()
}

/// Writes into a caller buffer; once the buffer is full it keeps counting, so the caller
/// learns the exact size the whole output needs.
pub(crate) struct Out<'b> {
    buf: &'b mut [u8],
    len: usize,
}

impl<'b> Out<'b> {
    pub(crate) fn new(buf: &'b mut [u8]) -> Self {
        Self { buf, len: 0 }
    }

    /// Bytes produced so far (written or only counted).
    pub(crate) const fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn push(&mut self, bytes: &[u8]) {
        let end = self.len.saturating_add(bytes.len());
        // Lengths are monotonic: once one write missed, no later write lands after a gap.
        if let Some(dst) = self.buf.get_mut(self.len..end) {
            dst.copy_from_slice(bytes);
        }
        self.len = end;
    }

    pub(crate) fn push_str(&mut self, s: &str) {
        self.push(s.as_bytes());
    }

    /// The length written, or how much was needed.
    pub(crate) fn finish(self) -> Result<usize, EncodeError> {
        if self.len <= self.buf.len() {
            Ok(self.len)
        } else {
            Err(EncodeError::BufferFull { needed: self.len })
        }
    }

    /// Decimal digits of `n`, with a leading `-` if `negative`; no formatter machinery on the
    /// hot path of every integer.
    pub(crate) fn push_u64(&mut self, mut n: u64, negative: bool) {
        let mut digits = [0u8; 21];
        let mut i = digits.len();
        loop {
            i -= 1;
            if let Some(d) = digits.get_mut(i) {
                *d = b'0' + (n % 10) as u8;
            }
            n /= 10;
            if n == 0 || i == 1 {
                break;
            }
        }
        if negative {
            i -= 1;
            if let Some(d) = digits.get_mut(i) {
                *d = b'-';
            }
        }
        self.push(digits.get(i..).unwrap_or_default());
    }

    pub(crate) fn push_i64(&mut self, n: i64) {
        self.push_u64(n.unsigned_abs(), n < 0);
    }
}

/// Raw text (numbers from `core::fmt`); never fails, so only a `Display` error surfaces.
impl fmt::Write for Out<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

const fn hex_digit(n: u8) -> u8 {
    if n < 10 { b'0' + n } else { b'a' + n - 10 }
}

/// Splits `s` into JSON-escaped pieces and hands each to `emit`: runs of text that pass
/// through unchanged (`false`) and single escape sequences (`true`), which must not be split.
/// Stops early, returning `false`, when `emit` does.
pub(crate) fn escape_pieces(s: &str, mut emit: impl FnMut(&str, bool) -> bool) -> bool {
    let mut start = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let unicode;
        let esc: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..0x20 => {
                unicode = [
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    hex_digit(b >> 4),
                    hex_digit(b & 0xf),
                ];
                core::str::from_utf8(&unicode).unwrap_or_default()
            }
            _ => continue,
        };
        // Escaped bytes are ASCII, so `start..i` falls on char boundaries.
        if start < i && !emit(s.get(start..i).unwrap_or_default(), false) {
            return false;
        }
        if !emit(esc, true) {
            return false;
        }
        start = i + 1;
    }
    match s.get(start..) {
        Some(tail) if !tail.is_empty() => emit(tail, false),
        _ => true,
    }
}

/// Length of `s` once escaped (without quotes).
pub fn escaped_len(s: &str) -> usize {
    let mut n = 0usize;
    escape_pieces(s, |piece, _| {
        n = n.saturating_add(piece.len());
        true
    });
    n
}

/// Writes `s` JSON-escaped (without the surrounding quotes) into `out`; returns the length,
/// or [`EncodeError::BufferFull`] with the exact size needed.
pub fn write_escaped_str(s: &str, out: &mut [u8]) -> Result<usize, EncodeError> {
    let mut out = Out::new(out);
    EscapeWriter(&mut out).push(s);
    out.finish()
}

/// `Display`s a string JSON-escaped (without quotes).
pub(crate) struct Escaped<'a>(pub(crate) &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut result = Ok(());
        escape_pieces(self.0, |piece, _| {
            result = f.write_str(piece);
            result.is_ok()
        });
        result
    }
}

/// A `fmt::Write` that escapes everything written through it, so `Display` output can be
/// streamed into a JSON string without an intermediate buffer.
pub(crate) struct EscapeWriter<'o, 'b>(pub(crate) &'o mut Out<'b>);

impl EscapeWriter<'_, '_> {
    pub(crate) fn push(&mut self, s: &str) {
        escape_pieces(s, |piece, _| {
            self.0.push_str(piece);
            true
        });
    }
}

impl fmt::Write for EscapeWriter<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push(s);
        Ok(())
    }
}

/// Like [`EscapeWriter`], but stops at a byte budget without splitting a char or an escape.
/// Everything after the first piece that did not fit is dropped (and counted in `cut`).
pub(crate) struct LimitedEscapeWriter<'o, 'b> {
    pub(crate) out: &'o mut Out<'b>,
    pub(crate) room: usize,
    pub(crate) cut: bool,
}

impl fmt::Write for LimitedEscapeWriter<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.cut {
            return Err(fmt::Error);
        }
        let (out, room, cut) = (&mut *self.out, &mut self.room, &mut self.cut);
        escape_pieces(s, |piece, atomic| {
            if piece.len() <= *room {
                out.push_str(piece);
                *room -= piece.len();
                return true;
            }
            if !atomic {
                let head = prefix(piece, *room);
                out.push_str(head);
                *room -= head.len();
            }
            *cut = true;
            false
        });
        if self.cut { Err(fmt::Error) } else { Ok(()) }
    }
}
