//! The lexer half of the deserializer: whitespace, literals, numbers, strings (unescaped in
//! place) and the iterative skipping of ignored values.
//!
//! The unread input is kept as `&'a mut [u8]`; every consumed span is split off the front with
//! `mem::take(..).split_at_mut_checked(..)`, so a finished string is an independent `&'a`
//! borrow of the caller's buffer while the rest stays writable for the next string.

use core::mem;

use super::MAX_DEPTH;
use super::de::Deserializer;
use super::error::{DecodeError, DecodeErrorKind as Kind, Message};

/// A decoded JSON number, in the narrowest form that holds it exactly (as serde_json does).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Number {
    U(u64),
    I(i64),
    F(f64),
}

const fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Bytes that end a run of plain string content.
const fn is_special(b: u8) -> bool {
    b == b'"' || b == b'\\' || b < 0x20
}

/// `0x01` in every byte of a word.
const ONES: u64 = u64::from_le_bytes([1; 8]);
/// `0x80` in every byte of a word.
const HIGHS: u64 = ONES * 0x80;

/// The 8 bytes of `b` from `i` as a little-endian word, if there are 8.
fn word(b: &[u8], i: usize) -> Option<u64> {
    let w: [u8; 8] = b.get(i..i.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(w))
}

/// Index of the first [`is_special`] byte of `b`, if any. Strings are most of a payload's
/// bytes, so this looks at a word at a time: a byte's high bit is set in the mask when the
/// byte is `"`, `\` or below 0x20. Only bytes above a true match can be set spuriously (the
/// subtraction's borrow), so the lowest set bit is exact.
pub(super) fn find_special(b: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(w) = word(b, i) {
        let quote = w ^ (ONES * u64::from(b'"'));
        let slash = w ^ (ONES * u64::from(b'\\'));
        let mask = (quote.wrapping_sub(ONES) & !quote)
            | (slash.wrapping_sub(ONES) & !slash)
            | (w.wrapping_sub(ONES * 0x20) & !w);
        let mask = mask & HIGHS;
        if mask != 0 {
            return Some(i + (mask.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    let tail = b.get(i..).unwrap_or_default();
    tail.iter().position(|&c| is_special(c)).map(|k| i + k)
}

const fn hex(b: u8) -> Option<u16> {
    match b {
        b'0'..=b'9' => Some((b - b'0') as u16),
        b'a'..=b'f' => Some((b - b'a' + 10) as u16),
        b'A'..=b'F' => Some((b - b'A' + 10) as u16),
        _ => None,
    }
}

impl<'a> Deserializer<'a> {
    pub(super) fn new(buf: &'a mut [u8]) -> Self {
        Self {
            rest: buf,
            pos: 0,
            depth: 0,
        }
    }

    pub(super) const fn err(&self, kind: Kind) -> DecodeError {
        DecodeError::new(kind, self.pos)
    }

    pub(super) fn syntax(&self, what: &'static str) -> DecodeError {
        let kind = if self.rest.is_empty() {
            Kind::Eof
        } else {
            Kind::Syntax
        };
        DecodeError::with_message(kind, self.pos, Message::new(&what))
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// Splits the next `n` bytes (fewer at the end) off the input.
    pub(super) fn bump(&mut self, n: usize) -> &'a mut [u8] {
        let rest = mem::take(&mut self.rest);
        let n = n.min(rest.len());
        let (head, tail) = rest.split_at_mut_checked(n).unwrap_or_default();
        self.rest = tail;
        self.pos += head.len();
        head
    }

    #[inline(never)]
    pub(super) fn skip_ws(&mut self) {
        let b = &*self.rest;
        let mut i = 0;
        loop {
            match b.get(i) {
                // Indentation comes in runs of spaces: take up to 8 at a time.
                Some(b' ') => {
                    i += match word(b, i) {
                        Some(w) => match w ^ (ONES * u64::from(b' ')) {
                            0 => 8,
                            x => (x.trailing_zeros() / 8) as usize,
                        },
                        None => 1,
                    };
                }
                Some(&c) if is_ws(c) => i += 1,
                _ => break,
            }
        }
        if i > 0 {
            self.bump(i);
        }
    }

    /// Skips whitespace, then peeks. Inlined: most tokens follow another with no whitespace
    /// between (`"key":`, `},`), and then this is one compare, not a call.
    #[inline]
    pub(super) fn peek_token(&mut self) -> Option<u8> {
        match self.rest.first() {
            Some(&b) if b > b' ' => Some(b),
            _ => {
                self.skip_ws();
                self.peek()
            }
        }
    }

    /// Consumes `b` (after whitespace) or fails with "expected `what`".
    pub(super) fn expect(&mut self, b: u8, what: &'static str) -> Result<(), DecodeError> {
        if self.peek_token() == Some(b) {
            self.bump(1);
            Ok(())
        } else {
            Err(self.syntax(what))
        }
    }

    pub(super) fn literal(&mut self, lit: &'static [u8]) -> Result<(), DecodeError> {
        if self.rest.starts_with(lit) {
            self.bump(lit.len());
            Ok(())
        } else if lit.starts_with(self.rest) {
            Err(DecodeError::new(Kind::Eof, self.pos + self.rest.len()))
        } else {
            Err(self.syntax("expected a JSON value"))
        }
    }

    /// Nesting one level deeper; fails past [`MAX_DEPTH`] so hostile input cannot overflow
    /// the stack.
    pub(super) fn enter(&mut self) -> Result<(), DecodeError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.err(Kind::DepthLimit));
        }
        self.depth += 1;
        Ok(())
    }

    pub(super) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Only whitespace may follow the value.
    pub(super) fn end(&mut self) -> Result<(), DecodeError> {
        match self.peek_token() {
            None => Ok(()),
            Some(_) => Err(self.err(Kind::TrailingCharacters)),
        }
    }

    /// Consumes a number; returns its text and whether it is an integer.
    pub(super) fn number_span(&mut self) -> Result<(&'a str, bool), DecodeError> {
        let b = &*self.rest;
        let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
        let digits_from = |mut i: usize| {
            while digit(i) {
                i += 1;
            }
            i
        };
        // Where the grammar failed: at the end of input it is Eof, else a bad number.
        let fail = |i: usize| {
            let kind = if i >= b.len() {
                Kind::Eof
            } else {
                Kind::InvalidNumber
            };
            Err(DecodeError::new(kind, self.pos + i))
        };
        let mut i = usize::from(b.first() == Some(&b'-'));
        match b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => i = digits_from(i + 1),
            _ => return fail(i),
        }
        let mut integer = true;
        if b.get(i) == Some(&b'.') {
            integer = false;
            if !digit(i + 1) {
                return fail(i + 1);
            }
            i = digits_from(i + 1);
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            integer = false;
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if !digit(i) {
                return fail(i);
            }
            i = digits_from(i);
        }
        let span: &'a [u8] = self.bump(i);
        // The grammar above admits ASCII only.
        Ok((core::str::from_utf8(span).unwrap_or_default(), integer))
    }

    /// The number at the input if it is a 64-bit integer (or `-0`, a float to serde_json),
    /// else its text and offset, parsed as a float only by callers that want one (so that
    /// float parsing is linked only where a float can be asked for).
    pub(super) fn parse_integer(
        &mut self,
    ) -> Result<Result<Number, (&'a str, usize)>, DecodeError> {
        let start = self.pos;
        let (text, integer) = self.number_span()?;
        if integer {
            if let Some(digits) = text.strip_prefix('-') {
                // serde_json reads `-0` as the float -0.0; agree with it.
                if digits.bytes().all(|d| d == b'0') {
                    return Ok(Ok(Number::F(-0.0)));
                }
                if let Ok(v) = text.parse::<i64>() {
                    return Ok(Ok(Number::I(v)));
                }
            } else if let Ok(v) = text.parse::<u64>() {
                return Ok(Ok(Number::U(v)));
            }
        }
        Ok(Err((text, start)))
    }

    pub(super) fn parse_number(&mut self) -> Result<Number, DecodeError> {
        let (text, start) = match self.parse_integer()? {
            Ok(n) => return Ok(n),
            Err(float) => float,
        };
        // Integers beyond 64 bits become floats, as in serde_json.
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Number::F(v)),
            _ => Err(DecodeError::new(Kind::NumberOutOfRange, start)),
        }
    }

    /// Consumes a string (the input must start with `"`) and returns its unescaped text,
    /// borrowed from the input buffer.
    pub(super) fn parse_str(&mut self) -> Result<&'a str, DecodeError> {
        let start = self.pos;
        let body = self.rest.get(1..).unwrap_or_default();
        let Some(i) = find_special(body) else {
            return Err(DecodeError::new(Kind::Eof, start + 1 + body.len()));
        };
        // The common case, no escape: one split for the quotes and the text.
        if body.get(i) == Some(&b'"') {
            let span: &'a [u8] = self.bump(i + 2);
            let text = span.get(1..=i).unwrap_or_default();
            return core::str::from_utf8(text)
                .map_err(|e| DecodeError::new(Kind::InvalidUtf8, start + 1 + e.valid_up_to()));
        }
        self.bump(1);
        match self.rest.get(i) {
            Some(b'\\') => self.parse_escaped(start, i),
            _ => Err(DecodeError::new(Kind::ControlCharacter, self.pos + i)),
        }
    }

    /// The slow path: the string has an escape at `first`. Unescapes in place (the output is
    /// never longer than the input it replaces), then splits the string off.
    fn parse_escaped(&mut self, start: usize, first: usize) -> Result<&'a str, DecodeError> {
        let base = self.pos;
        let buf = &mut *self.rest;
        let at = |kind: Kind, i: usize| DecodeError::new(kind, base + i);
        let (mut r, mut w) = (first, first);
        loop {
            match buf.get(r) {
                None => return Err(at(Kind::Eof, r)),
                Some(b'"') => break,
                Some(b'\\') => {
                    let mut utf8 = [0u8; 4];
                    let (out, used): (&[u8], usize) = match buf.get(r + 1) {
                        None => return Err(at(Kind::Eof, r + 1)),
                        Some(b'"') => (b"\"", 2),
                        Some(b'\\') => (b"\\", 2),
                        Some(b'/') => (b"/", 2),
                        Some(b'b') => (b"\x08", 2),
                        Some(b'f') => (b"\x0c", 2),
                        Some(b'n') => (b"\n", 2),
                        Some(b'r') => (b"\r", 2),
                        Some(b't') => (b"\t", 2),
                        Some(b'u') => {
                            let (c, used) =
                                unicode_escape(buf, r).map_err(|(kind, i)| at(kind, i))?;
                            (c.encode_utf8(&mut utf8).as_bytes(), used)
                        }
                        Some(_) => return Err(at(Kind::InvalidEscape, r)),
                    };
                    // `w + out.len() <= r + used` always: escapes only shrink.
                    let dst = buf.get_mut(w..w + out.len()).ok_or(at(Kind::Syntax, r))?;
                    dst.copy_from_slice(out);
                    w += out.len();
                    r += used;
                }
                Some(&b) if b < 0x20 => return Err(at(Kind::ControlCharacter, r)),
                Some(_) => {
                    let tail = buf.get(r..).unwrap_or_default();
                    let run = find_special(tail).unwrap_or(tail.len());
                    // Guarded so copy_within cannot panic: w <= r and the run is in bounds.
                    if w > r || r + run > buf.len() {
                        return Err(at(Kind::Syntax, r));
                    }
                    buf.copy_within(r..r + run, w);
                    r += run;
                    w += run;
                }
            }
        }
        let span: &'a [u8] = self.bump(r + 1);
        let text = span.get(..w).unwrap_or_default();
        // Escapes decode to whole UTF-8 chars, so validating the result validates the raw
        // bytes too; the exact offset inside an unescaped string is not recoverable.
        core::str::from_utf8(text).map_err(|_| DecodeError::new(Kind::InvalidUtf8, start))
    }

    /// Consumes a string (the input must start with `"`) without decoding it, for ignored
    /// values: escapes must be well-formed, but a `\u` escape may be a lone surrogate, as
    /// serde_json allows when it ignores a string (JavaScript's `JSON.stringify` writes them).
    fn skip_str(&mut self) -> Result<(), DecodeError> {
        let b = &*self.rest;
        let at = |kind: Kind, i: usize| DecodeError::new(kind, self.pos + i);
        let mut i = 1;
        loop {
            match b.get(i) {
                None => return Err(at(Kind::Eof, i)),
                Some(b'"') => break,
                Some(b'\\') => {
                    i += match b.get(i + 1) {
                        None => return Err(at(Kind::Eof, i + 1)),
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => 2,
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
        self.bump(i + 1);
        Ok(())
    }

    /// Skips one value of any shape, validating it, without recursion: a bit per open level
    /// (bounded by [`MAX_DEPTH`], which fits a `u128`) says array or object.
    pub(super) fn skip_value(&mut self) -> Result<(), DecodeError> {
        const _: () = assert!(MAX_DEPTH <= 128);
        let mut objects: u128 = 0;
        let mut open = 0u32;
        let bit = |level: u32| 1u128.checked_shl(level).unwrap_or(0);
        loop {
            // Expect a value.
            match self.peek_token() {
                Some(b'{' | b'[') => {
                    let object = self.peek() == Some(b'{');
                    self.enter()?;
                    self.bump(1);
                    objects = if object {
                        objects | bit(open)
                    } else {
                        objects & !bit(open)
                    };
                    open += 1;
                    let close = if object { b'}' } else { b']' };
                    if self.peek_token() == Some(close) {
                        self.bump(1);
                        self.leave();
                        open -= 1;
                    } else {
                        if object {
                            self.skip_key()?;
                        }
                        continue;
                    }
                }
                Some(b'"') => self.skip_str()?,
                Some(b'-' | b'0'..=b'9') => {
                    self.number_span()?;
                }
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                _ => return Err(self.syntax("expected a JSON value")),
            }
            // After a value: close levels until one continues with `,`.
            loop {
                let Some(level) = open.checked_sub(1) else {
                    return Ok(());
                };
                let object = objects & bit(level) != 0;
                match self.peek_token() {
                    Some(b',') => {
                        self.bump(1);
                        if object {
                            self.skip_key()?;
                        }
                        break;
                    }
                    Some(b'}') if object => {}
                    Some(b']') if !object => {}
                    _ => {
                        return Err(self.syntax(if object {
                            "expected `,` or `}`"
                        } else {
                            "expected `,` or `]`"
                        }));
                    }
                }
                self.bump(1);
                self.leave();
                open = level;
            }
        }
    }

    /// `"key" :` inside an object.
    fn skip_key(&mut self) -> Result<(), DecodeError> {
        if self.peek_token() != Some(b'"') {
            return Err(self.syntax("expected a string key"));
        }
        self.skip_str()?;
        self.expect(b':', "expected `:`")
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
