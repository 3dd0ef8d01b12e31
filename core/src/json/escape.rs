//! Output plumbing shared by the serializer and [`Diagnostic`](crate::diagnostic::Diagnostic):
//! a buffer writer that keeps counting when full, and JSON string escaping.

use core::fmt;

use super::error::EncodeError;
use super::string::{find_special, specials};

/// The longest prefix of `s` that is at most `max` bytes and ends at a char boundary.
pub(crate) fn prefix(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default()
}

/// `dst.copy_from_slice(src)` (same lengths), with the short copies inline: output is mostly
/// keys, escapes and short values, where a call to `memcpy` cost more than the copy.
fn copy(dst: &mut [u8], src: &[u8]) {
    fn ends<const N: usize>(dst: &mut [u8], src: &[u8]) {
        // Two copies that overlap when the length is under 2N: the head and the tail.
        if let (Some(d), Some(s)) = (dst.first_chunk_mut::<N>(), src.first_chunk::<N>()) {
            *d = *s;
        }
        if let (Some(d), Some(s)) = (dst.last_chunk_mut::<N>(), src.last_chunk::<N>()) {
            *d = *s;
        }
    }
    match src.len() {
        0 => {}
        1 => ends::<1>(dst, src),
        2..4 => ends::<2>(dst, src),
        4..8 => ends::<4>(dst, src),
        8..=16 => ends::<8>(dst, src),
        _ => dst.copy_from_slice(src),
    }
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
            copy(dst, bytes);
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

    /// Escapes the start of `s` straight into the buffer a word at a time, while a whole round
    /// fits, and returns the rest of `s` for the general path. A JSON body has a quote every
    /// few bytes, where a call per piece cost more than the copying. Each round stores the
    /// whole word, so bytes past the length may be overwritten.
    fn escape_words<'s>(&mut self, s: &'s str) -> &'s str {
        let src = s.as_bytes();
        let (mut r, mut w) = (0, self.len);
        // A round writes at most 13 bytes (7 plain ones and a 6-byte escape); 16 keeps the
        // room check one chunk.
        while let (Some(word), Some(dst)) = (
            src.get(r..).and_then(<[u8]>::first_chunk::<8>),
            self.buf
                .get_mut(w..)
                .and_then(<[u8]>::first_chunk_mut::<16>),
        ) {
            if let Some(d) = dst.first_chunk_mut::<8>() {
                *d = *word;
            }
            // Plain bytes before the first special (all 8 when there is none: 64 / 8); the
            // escape then overwrites the copy from there.
            let k = (specials::<true>(u64::from_le_bytes(*word)).trailing_zeros() / 8) as usize;
            r += k;
            w += k;
            let Some(&b) = word.get(k) else {
                continue;
            };
            r += 1;
            w += if b >= 0x20 {
                // `"` or `\\`: the usual case, two bytes stored at once.
                if let Some(d) = dst.get_mut(k..).and_then(<[u8]>::first_chunk_mut::<2>) {
                    *d = [b'\\', b];
                }
                2
            } else {
                control_escape(dst, k, b)
            };
        }
        // A round can stop inside a multi-byte char: back up to its start. Those bytes were
        // copied unchanged (escapes are ASCII, so a char boundary), so both back up together.
        while !s.is_char_boundary(r) {
            r -= 1;
            w -= 1;
        }
        self.len = w;
        s.get(r..).unwrap_or_default()
    }
}

/// Raw text (numbers from `core::fmt`); never fails, so only a `Display` error surfaces.
impl fmt::Write for Out<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

/// The escape of each control byte: the short form where JSON has one, as serde_json writes.
const CONTROL: [&str; 32] = [
    "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007", "\\b",
    "\\t", "\\n", "\\u000b", "\\f", "\\r", "\\u000e", "\\u000f", "\\u0010", "\\u0011", "\\u0012",
    "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017", "\\u0018", "\\u0019", "\\u001a",
    "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f",
];

/// The escape sequence of `b`, one of the bytes `find_special` stops at.
fn escape_of(b: u8) -> &'static str {
    match b {
        b'"' => "\\\"",
        b'\\' => "\\\\",
        _ => CONTROL.get(usize::from(b)).copied().unwrap_or_default(),
    }
}

/// Writes the escape of control byte `b` at `dst[k..]` (`k` below 8); returns its length.
/// Out of line: control bytes are rare, and inlining this slowed the quote path (more live
/// registers in the loop).
#[cold]
#[inline(never)]
fn control_escape(dst: &mut [u8; 16], k: usize, b: u8) -> usize {
    let escape = escape_of(b).as_bytes();
    if let Some(d) = dst.get_mut(k..k + escape.len()) {
        copy(d, escape);
    }
    escape.len()
}

/// Splits `s` into JSON-escaped pieces and hands each to `emit`: runs of text that pass
/// through unchanged (`false`) and single escape sequences (`true`), which must not be split.
/// Stops early, returning `false`, when `emit` does. Runs are found a word at a time: a
/// response body of JSON has a quote every few bytes.
pub(crate) fn escape_pieces(s: &str, mut emit: impl FnMut(&str, bool) -> bool) -> bool {
    let bytes = s.as_bytes();
    let mut start = 0;
    while let Some(k) = bytes.get(start..).and_then(find_special) {
        let i = start + k;
        // Escaped bytes are ASCII, so `start..i` falls on char boundaries.
        if k > 0 && !emit(s.get(start..i).unwrap_or_default(), false) {
            return false;
        }
        if !emit(escape_of(bytes.get(i).copied().unwrap_or_default()), true) {
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
/// or [`EncodeError::BufferFull`] with the exact size needed. Bytes of `out` past the
/// returned length may be overwritten.
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
        // Most strings have nothing to escape: one scan and one copy. From the first special
        // byte on, a word at a time (a JSON body has one every few bytes).
        let Some((run, rest)) = find_special(s.as_bytes()).and_then(|k| s.split_at_checked(k))
        else {
            self.0.push_str(s);
            return;
        };
        self.0.push_str(run);
        let rest = self.0.escape_words(rest);
        escape_pieces(rest, |piece, _| {
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
