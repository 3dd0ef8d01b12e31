//! Strings, and the validated regions that make most of them free.
//!
//! Input is read in two parts. `text` is a region already checked to be UTF-8 and to hold no
//! backslash, so a string inside it is its own text: one scan for its closing quote and a
//! split, with no per-string UTF-8 check (which cost more than the rest of the decoder put
//! together on real events). `rest` is what follows, unchecked: it starts at a string with an
//! escape, which is unescaped in place and checked alone, or at a byte that is not UTF-8, where
//! every path stops with an error. After such a string, [`Deserializer::refill`] checks the
//! next region, so every byte is checked once.

use core::mem;

use super::de::Deserializer;
use super::de_error::Error;
use super::error::DecodeErrorKind as Kind;
use super::read::{HIGHS, ONES};

/// Stands for a byte that is not UTF-8 where the decoder stops (any byte from 0x80 would do:
/// none starts a token).
const NOT_UTF8: u8 = 0xFF;

/// What the one-character escape of `c` (a backslash, then `c`) stands for; 0 where `c` is
/// `u` (decoded apart) or not an escape.
const fn unescape(c: u8) -> u8 {
    match c {
        b'"' => b'"',
        b'\\' => b'\\',
        b'/' => b'/',
        b'b' => 0x08,
        b'f' => 0x0c,
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        _ => 0,
    }
}

/// [`unescape`] as a table: one load on the hot path (the match compiled to branches).
// Evaluated at compile time, where an index out of range fails the build instead of panicking.
#[allow(clippy::indexing_slicing)]
const UNESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = unescape(c as u8);
        c += 1;
    }
    t
};

const fn hex(b: u8) -> Option<u16> {
    match b {
        b'0'..=b'9' => Some((b - b'0') as u16),
        b'a'..=b'f' => Some((b - b'a' + 10) as u16),
        b'A'..=b'F' => Some((b - b'A' + 10) as u16),
        _ => None,
    }
}

/// High bit of each byte of `w` that is `"`, `\` (if `SLASH`) or below 0x20. Only bytes above
/// a true match can be set spuriously (the subtraction's borrow), so the lowest set bit is
/// exact.
pub(super) const fn specials<const SLASH: bool>(w: u64) -> u64 {
    // `"` is 0x22: flipping bit 1 makes it 0x20 and keeps every control byte below 0x20 (and
    // every other byte at 0x21 or above), so one "below 0x21" test finds both.
    let y = w ^ (ONES * 0x02);
    let mut mask = y.wrapping_sub(ONES * 0x21) & !y;
    if SLASH {
        let slash = w ^ (ONES * b'\\' as u64);
        mask |= slash.wrapping_sub(ONES) & !slash;
    }
    mask & HIGHS
}

/// Index of the first `"`, control byte or (if `SLASH`) backslash of `b`, a word at a
/// time: strings are most of a payload's bytes.
pub(super) fn find<const SLASH: bool>(b: &[u8]) -> Option<usize> {
    let mut words = b.chunks_exact(8);
    let mut i = 0;
    for w in words.by_ref() {
        if let Some(w) = w.first_chunk::<8>() {
            let mask = specials::<SLASH>(u64::from_le_bytes(*w));
            if mask != 0 {
                return Some(i + (mask.trailing_zeros() / 8) as usize);
            }
        }
        i += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&c| c == b'"' || c < 0x20 || (SLASH && c == b'\\'))
        .map(|k| i + k)
}

/// Index of the first `"`, `\` or control byte of `b`, if any.
pub(super) fn find_special(b: &[u8]) -> Option<usize> {
    find::<true>(b)
}

/// Where the next validated region of `b` ends: before the string holding the first
/// backslash, which starts at the last quote before it (no backslash comes earlier, so no
/// quote before it is escaped). With no quote before it, the backslash is outside any string
/// (an error the parser reports there) and the region ends at it; with no backslash, at the
/// end. A quote that closes a string instead is harmless: the string runs to the region's end
/// and `end_at_boundary` finishes it.
pub(super) fn region_end(b: &[u8]) -> usize {
    match find_slash(b) {
        None => b.len(),
        Some(slash) => {
            let before = b.get(..slash).unwrap_or_default();
            before.iter().rposition(|&c| c == b'"').unwrap_or(slash)
        }
    }
}

/// Index of the first backslash of `b`: whole regions are scanned and most have none, so
/// 32 bytes a round, as a branch-free fold that LLVM compiles to a few vector compares (SSE2
/// on x86_64, NEON on aarch64) without `unsafe`. The round only finds the chunk; the byte is
/// found after the loop.
fn find_slash(b: &[u8]) -> Option<usize> {
    let (chunks, _) = b.as_chunks::<32>();
    let n = chunks
        .iter()
        .position(|c| c.iter().fold(0u8, |hit, &x| hit | u8::from(x == b'\\')) != 0)
        .unwrap_or(chunks.len());
    let rest = b.get(n * 32..).unwrap_or_default();
    slash_in_words(rest).map(|k| n * 32 + k)
}

/// Index of the first backslash of `b`, a word at a time. Out of line: inlined, LLVM merges
/// it into `find_slash`'s round, which then is no longer a vector compare.
#[inline(never)]
fn slash_in_words(b: &[u8]) -> Option<usize> {
    const SLASHES: u64 = ONES * b'\\' as u64;
    let (words, tail) = b.as_chunks::<8>();
    for (n, w) in words.iter().enumerate() {
        let x = u64::from_le_bytes(*w) ^ SLASHES;
        let mask = x.wrapping_sub(ONES) & !x & HIGHS;
        if mask != 0 {
            return Some(n * 8 + (mask.trailing_zeros() / 8) as usize);
        }
    }
    tail.iter()
        .position(|&c| c == b'\\')
        .map(|k| words.len() * 8 + k)
}

impl<'a> Deserializer<'a> {
    /// `text` is used up: checks the next region of `rest` and makes it `text`.
    pub(super) fn refill(&mut self) {
        let end = region_end(self.rest);
        if end == 0 {
            return;
        }
        let (head, tail) = mem::take(&mut self.rest)
            .split_at_mut_checked(end)
            .unwrap_or_default();
        // Shared from here: `text` is never written. A region with a byte that is not UTF-8
        // is cut before it, and the input ends there for the decoder (`bad`): every path
        // stops with an error at that byte, so nothing after it could be decoded.
        let head: &'a [u8] = head;
        match core::str::from_utf8(head) {
            Ok(text) => {
                self.text = text;
                self.rest = tail;
            }
            Err(e) => {
                let ok = head.get(..e.valid_up_to()).unwrap_or_default();
                let pos = self
                    .len
                    .saturating_sub(head.len())
                    .saturating_sub(self.rest.len())
                    .saturating_sub(tail.len());
                self.text = core::str::from_utf8(ok).unwrap_or_default();
                self.bad = true;
                // The input now ends, for `pos`, where `text` does.
                self.len = pos + self.text.len();
            }
        }
    }

    /// The first byte of `rest`; [`NOT_UTF8`] where the input goes on with a byte that is not
    /// UTF-8.
    pub(super) fn rest_first(&self) -> Option<u8> {
        if self.bad {
            Some(NOT_UTF8)
        } else {
            self.rest.first().copied()
        }
    }

    /// Consumes a string (the input must start with `"`) and returns its unescaped text,
    /// borrowed from the input buffer.
    #[inline]
    pub(super) fn parse_str(&mut self) -> Result<&'a str, Error> {
        // The usual case returns in registers; everything else (escapes, errors, a string
        // that runs past `text`) takes the general path.
        match self.plain_str() {
            Some(s) => Ok(s),
            None => self.parse_other_str(),
        }
    }

    /// The string at the start of `text` when it closes there (so it has no escape).
    #[inline(never)]
    fn plain_str(&mut self) -> Option<&'a str> {
        let text = self.text;
        let body = text.as_bytes().get(1..)?;
        let i = find::<false>(body)?;
        if body.get(i) != Some(&b'"') {
            return None;
        }
        // One split, before the closing quote; both quotes are then stripped as chars, which
        // needs no char-boundary check (the split's is the only one).
        let (head, tail) = text.split_at_checked(i + 1)?;
        self.text = tail.strip_prefix('"').unwrap_or(tail);
        Some(head.strip_prefix('"').unwrap_or(head))
    }

    /// [`Self::parse_str`] when [`Self::plain_str`] declined: a string in `rest` (it has an
    /// escape), a control byte, or a string that runs past the end of `text`.
    #[inline(never)]
    fn parse_other_str(&mut self) -> Result<&'a str, Error> {
        if self.text.is_empty() {
            return self.parse_raw_str();
        }
        let body = self.text.as_bytes().get(1..).unwrap_or_default();
        match find::<false>(body) {
            // A closing quote here would have been `plain_str`'s.
            Some(i) => Err(Error::new(Kind::ControlCharacter, self.pos() + 1 + i)),
            None => self.end_at_boundary(),
        }
    }

    /// The string that starts in `text` has no closing quote there: it ends at the quote that
    /// begins `rest` (when a region ended at a closing quote), else the input is bad here.
    #[cold]
    fn end_at_boundary(&mut self) -> Result<&'a str, Error> {
        let at = self.pos() + self.text.len();
        match self.rest_first() {
            Some(b'"') => {
                let text = self.take_text(self.text.len());
                self.split_raw(1);
                self.refill();
                Ok(text.get(1..).unwrap_or_default())
            }
            None => Err(Error::new(Kind::Eof, at)),
            Some(b) if b >= 0x80 => Err(Error::new(Kind::InvalidUtf8, at)),
            Some(_) => Err(self.syntax("expected a string")),
        }
    }

    /// [`Self::parse_str`] on `rest`: a string with an escape (or bad input).
    #[inline(never)]
    fn parse_raw_str(&mut self) -> Result<&'a str, Error> {
        let start = self.pos();
        let body = self.rest.get(1..).unwrap_or_default();
        let Some(i) = find_special(body) else {
            return Err(Error::new(Kind::Eof, start + 1 + body.len()));
        };
        let text = if body.get(i) == Some(&b'"') {
            let span: &'a [u8] = self.split_raw(i + 2);
            let text = span.get(1..=i).unwrap_or_default();
            core::str::from_utf8(text)
                .map_err(|e| Error::new(Kind::InvalidUtf8, start + 1 + e.valid_up_to()))?
        } else {
            self.split_raw(1);
            match self.rest.get(i) {
                Some(b'\\') => self.parse_escaped(start, i)?,
                _ => return Err(Error::new(Kind::ControlCharacter, self.pos() + i)),
            }
        };
        self.refill();
        Ok(text)
    }

    /// The slow path: the string has an escape at `first`. Unescapes in place (the output is
    /// never longer than the input it replaces), then splits the string off.
    fn parse_escaped(&mut self, start: usize, first: usize) -> Result<&'a str, Error> {
        let base = self.pos();
        let buf = &mut *self.rest;
        let at = |kind: Kind, i: usize| Error::new(kind, base + i);
        // `w <= r` always: escapes only shrink, so writing at `w` never reaches unread input.
        let (mut r, mut w) = (first, first);
        loop {
            // Plain content a word at a time (JSON inside JSON has an escape every few bytes,
            // where a copy call per run cost more than the copying).
            if let Some(&word) = buf.get(r..).and_then(<[u8]>::first_chunk::<8>) {
                let m = specials::<true>(u64::from_le_bytes(word));
                if m == 0 {
                    if let Some(dst) = buf.get_mut(w..w + 8) {
                        dst.copy_from_slice(&word);
                    }
                    r += 8;
                    w += 8;
                    continue;
                }
                let k = (m.trailing_zeros() / 8) as usize;
                // Whole when its tail lands on input already read (from the eighth escape
                // on), byte by byte before.
                if w + 8 <= r + k {
                    if let Some(dst) = buf.get_mut(w..w + 8) {
                        dst.copy_from_slice(&word);
                    }
                    w += k;
                } else {
                    for &b in word.iter().take(k) {
                        if let Some(d) = buf.get_mut(w) {
                            *d = b;
                        }
                        w += 1;
                    }
                }
                r += k;
                // A one-character escape, the usual special, is decoded here; the rest
                // (quote, `\u`, control byte, bad escape) below.
                if word.get(k) == Some(&b'\\')
                    && let Some(&c) = buf.get(r + 1)
                    && let Some(&plain) = UNESCAPE.get(usize::from(c))
                    && plain != 0
                {
                    if let Some(d) = buf.get_mut(w) {
                        *d = plain;
                    }
                    w += 1;
                    r += 2;
                    continue;
                }
            }
            match buf.get(r) {
                None => return Err(at(Kind::Eof, r)),
                Some(b'"') => break,
                Some(b'\\') => {
                    // The same escapes as `unescape` (written out: through the table, this loop
                    // compiled to slower code on the fast path above).
                    let simple = match buf.get(r + 1) {
                        None => return Err(at(Kind::Eof, r + 1)),
                        Some(b'"') => b'"',
                        Some(b'\\') => b'\\',
                        Some(b'/') => b'/',
                        Some(b'b') => 0x08,
                        Some(b'f') => 0x0c,
                        Some(b'n') => b'\n',
                        Some(b'r') => b'\r',
                        Some(b't') => b'\t',
                        Some(b'u') => {
                            let (c, used) =
                                unicode_escape(buf, r).map_err(|(kind, i)| at(kind, i))?;
                            let mut utf8 = [0u8; 4];
                            let out = c.encode_utf8(&mut utf8).as_bytes();
                            let dst = buf
                                .get_mut(w..w + out.len())
                                .ok_or_else(|| at(Kind::Syntax, r))?;
                            dst.copy_from_slice(out);
                            w += out.len();
                            r += used;
                            continue;
                        }
                        Some(_) => return Err(at(Kind::InvalidEscape, r)),
                    };
                    *buf.get_mut(w).ok_or_else(|| at(Kind::Syntax, r))? = simple;
                    w += 1;
                    r += 2;
                }
                Some(&b) if b < 0x20 => return Err(at(Kind::ControlCharacter, r)),
                // Fewer than 8 bytes are left: one at a time.
                Some(&b) => {
                    *buf.get_mut(w).ok_or_else(|| at(Kind::Syntax, r))? = b;
                    w += 1;
                    r += 1;
                }
            }
        }
        let span: &'a [u8] = self.split_raw(r + 1);
        let text = span.get(..w).unwrap_or_default();
        // Escapes decode to whole UTF-8 chars, so validating the result validates the raw
        // bytes too; the exact offset inside an unescaped string is not recoverable.
        core::str::from_utf8(text).map_err(|_| Error::new(Kind::InvalidUtf8, start))
    }

    /// Consumes a string (the input must start with `"`) without decoding it, for ignored
    /// values: escapes must be well-formed, but a `\u` escape may be a lone surrogate, as
    /// serde_json allows when it ignores a string (JavaScript's `JSON.stringify` writes them).
    pub(super) fn skip_str(&mut self) -> Result<(), Error> {
        if self.text.is_empty() {
            return self.skip_raw_str();
        }
        let body = self.text.as_bytes().get(1..).unwrap_or_default();
        match find::<false>(body) {
            Some(i) if body.get(i) == Some(&b'"') => {
                self.take_text(i + 2);
                Ok(())
            }
            Some(i) => Err(Error::new(Kind::ControlCharacter, self.pos() + 1 + i)),
            None => self.end_at_boundary().map(drop),
        }
    }

    #[inline(never)]
    fn skip_raw_str(&mut self) -> Result<(), Error> {
        let b = &*self.rest;
        let at = |kind: Kind, i: usize| Error::new(kind, self.pos() + i);
        let mut i = 1;
        loop {
            match b.get(i) {
                None => return Err(at(Kind::Eof, i)),
                Some(b'"') => break,
                Some(b'\\') => {
                    i += match b.get(i + 1) {
                        None => return Err(at(Kind::Eof, i + 1)),
                        Some(&c) if unescape(c) != 0 => 2,
                        Some(b'u') => {
                            for k in i + 2..i + 6 {
                                match b.get(k) {
                                    None => return Err(at(Kind::Eof, k)),
                                    Some(&d) if hex(d).is_none() => {
                                        return Err(at(Kind::InvalidEscape, k));
                                    }
                                    Some(_) => {}
                                }
                            }
                            6
                        }
                        Some(_) => return Err(at(Kind::InvalidEscape, i)),
                    };
                }
                Some(&c) if c < 0x20 => return Err(at(Kind::ControlCharacter, i)),
                Some(_) => {
                    let tail = b.get(i..).unwrap_or_default();
                    i += find_special(tail).unwrap_or(tail.len());
                }
            }
        }
        // Escapes are ASCII, so the raw text is UTF-8 exactly when the string is.
        let text = b.get(1..i).unwrap_or_default();
        if let Err(e) = core::str::from_utf8(text) {
            return Err(at(Kind::InvalidUtf8, 1 + e.valid_up_to()));
        }
        self.split_raw(i + 1);
        self.refill();
        Ok(())
    }
}

/// Decodes `\uXXXX` (and a following low surrogate) starting at the `\` at `r`; returns the
/// char and the number of input bytes used, or the error kind and its index.
fn unicode_escape(buf: &[u8], r: usize) -> Result<(char, usize), (Kind, usize)> {
    let unit = |at: usize| -> Result<u16, (Kind, usize)> {
        let digits = buf.get(at..).unwrap_or_default();
        let mut v = 0u16;
        for k in 0..4 {
            match digits.get(k) {
                None => return Err((Kind::Eof, at + k)),
                Some(&d) => v = v << 4 | hex(d).ok_or((Kind::InvalidEscape, at + k))?,
            }
        }
        Ok(v)
    };
    let hi = unit(r + 2)?;
    let code = match hi {
        0xD800..=0xDBFF => {
            match (buf.get(r + 6), buf.get(r + 7)) {
                (Some(b'\\'), Some(b'u')) => {}
                (None, _) | (Some(b'\\'), None) => return Err((Kind::Eof, r + 6)),
                _ => return Err((Kind::LoneSurrogate, r)),
            }
            let lo = unit(r + 8)?;
            if !(0xDC00..=0xDFFF).contains(&lo) {
                return Err((Kind::LoneSurrogate, r));
            }
            let code = 0x10000 + ((u32::from(hi) - 0xD800) << 10) + (u32::from(lo) - 0xDC00);
            return char::from_u32(code)
                .map(|c| (c, 12))
                .ok_or((Kind::LoneSurrogate, r));
        }
        0xDC00..=0xDFFF => return Err((Kind::LoneSurrogate, r)),
        v => v,
    };
    char::from_u32(u32::from(code))
        .map(|c| (c, 6))
        .ok_or((Kind::InvalidEscape, r))
}
