//! The lexer half of the deserializer: whitespace, literals, numbers and the iterative
//! skipping of ignored values (strings are in `string.rs`).
//!
//! The unread input is `text` (a checked region, see `string.rs`) then `rest`; every consumed
//! span is split off the front, so a finished string is an independent `&'a` borrow of the
//! caller's buffer while `rest` stays writable for the next escaped string.

use core::mem;

use super::MAX_DEPTH;
use super::de::Deserializer;
use super::de_error::Error;
use super::error::{DecodeErrorKind as Kind, Message};

/// A decoded JSON number, in the narrowest form that holds it exactly (as serde_json does).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Number {
    U(u64),
    I(i64),
    F(f64),
}

/// `0x01` in every byte of a word.
pub(super) const ONES: u64 = u64::from_le_bytes([1; 8]);
/// `0x80` in every byte of a word.
pub(super) const HIGHS: u64 = ONES * 0x80;

impl<'a> Deserializer<'a> {
    pub(super) fn new(buf: &'a mut [u8]) -> Self {
        let mut de = Self {
            text: "",
            len: buf.len(),
            rest: buf,
            bad: false,
            depth: 0,
        };
        de.refill();
        de
    }

    /// Offset of the unread input in the buffer: computed, not counted, so consuming a token
    /// is only a split.
    pub(super) const fn pos(&self) -> usize {
        self.len
            .saturating_sub(self.text.len())
            .saturating_sub(self.rest.len())
    }

    pub(super) fn err(&self, kind: Kind) -> Error {
        Error::new(kind, self.pos())
    }

    pub(super) fn syntax(&self, what: &'static str) -> Error {
        let kind = if self.text.is_empty() && self.rest_first().is_none() {
            Kind::Eof
        } else {
            Kind::Syntax
        };
        Error::with_message(kind, self.pos(), Message::new(&what))
    }

    /// The bytes the next token starts in: `text`, or `rest` once `text` is used up.
    fn cur(&self) -> &[u8] {
        if self.text.is_empty() {
            self.rest
        } else {
            self.text.as_bytes()
        }
    }

    /// Whether the input ends where [`Self::cur`] does.
    fn cur_is_last(&self) -> bool {
        !self.bad && (self.text.is_empty() || self.rest.is_empty())
    }

    pub(super) fn peek(&self) -> Option<u8> {
        match self.text.as_bytes().first() {
            Some(&b) => Some(b),
            None => self.rest_first(),
        }
    }

    /// Splits the next `n` bytes (fewer at the end) off `text`. Callers split after ASCII
    /// bytes, which are char boundaries.
    #[inline]
    pub(super) fn take_text(&mut self, n: usize) -> &'a str {
        match self.text.split_at_checked(n) {
            Some((head, tail)) => {
                self.text = tail;
                head
            }
            None => self.take_text_rounded(n),
        }
    }

    /// [`Self::take_text`] where `n` is past the end or not a boundary (never, for the callers
    /// above): rounded up to one, so decoding still moves on.
    #[cold]
    fn take_text_rounded(&mut self, n: usize) -> &'a str {
        let mut n = n.min(self.text.len());
        while !self.text.is_char_boundary(n) {
            n += 1;
        }
        let (head, tail) = self.text.split_at_checked(n).unwrap_or_default();
        self.text = tail;
        head
    }

    /// Splits the next `n` bytes (fewer at the end) off `rest`.
    pub(super) fn split_raw(&mut self, n: usize) -> &'a mut [u8] {
        let rest = mem::take(&mut self.rest);
        let n = n.min(rest.len());
        let (head, tail) = rest.split_at_mut_checked(n).unwrap_or_default();
        self.rest = tail;
        head
    }

    /// Consumes the next `n` bytes of the token at hand (ASCII) and returns them.
    #[inline]
    pub(super) fn bump(&mut self, n: usize) -> &'a str {
        if self.text.is_empty() {
            self.bump_raw(n)
        } else {
            self.take_text(n)
        }
    }

    /// Consumes `c`, the ASCII byte just peeked. Stripped as a char, which needs no
    /// char-boundary check, and whose compare folds away against the peek.
    #[inline]
    pub(super) fn punct(&mut self, c: char) {
        match self.text.strip_prefix(c) {
            Some(tail) => self.text = tail,
            None => {
                self.bump(1);
            }
        }
    }

    fn bump_raw(&mut self, n: usize) -> &'a str {
        let head = self.split_raw(n);
        self.refill();
        core::str::from_utf8(head).unwrap_or_default()
    }

    /// Skips whitespace, then peeks. Inlined: most tokens follow another with no whitespace
    /// between (`"key":`, `},`), and then this is one compare, not a call; the rest stays out
    /// of line, since this is inlined into every type's decoder.
    #[inline]
    pub(super) fn peek_token(&mut self) -> Option<u8> {
        match self.text.as_bytes().first() {
            Some(&c) if c > b' ' => Some(c),
            _ => self.skip_ws_and_peek(),
        }
    }

    #[inline(never)]
    fn skip_ws_and_peek(&mut self) -> Option<u8> {
        const SPACES: u64 = ONES * b' ' as u64;
        // `\n` xor ` `: a leading newline, once turned into a space, joins the run after it.
        const NEWLINE: u64 = (b'\n' ^ b' ') as u64;
        // Pretty-printed JSON: a newline or a space, then spaces, then the token: a word at a
        // time, with no loop for runs of up to 7 spaces. Anything else (tabs, `\r`, the end of
        // `text`) goes a byte at a time below.
        let text = self.text.as_bytes();
        // Bytes known to be whitespace.
        let mut i = 0;
        if let Some(w) = text.first_chunk::<8>() {
            let mut x = u64::from_le_bytes(*w) ^ SPACES;
            if x & 0xFF == NEWLINE {
                x ^= NEWLINE;
            }
            while x == 0 {
                i += 8;
                match text.get(i..).and_then(<[u8]>::first_chunk::<8>) {
                    Some(w) => x = u64::from_le_bytes(*w) ^ SPACES,
                    None => break,
                }
            }
            i += (x.trailing_zeros() / 8) as usize % 8;
            if let Some(&c) = text.get(i)
                && c > b' '
            {
                self.take_text(i);
                return Some(c);
            }
        }
        let mut rest = text.get(i..).unwrap_or_default();
        while let Some((&c, after)) = rest.split_first() {
            if !matches!(c, b' ' | b'\n' | b'\r' | b'\t') {
                self.take_text(self.text.len() - rest.len());
                return Some(c);
            }
            rest = after;
            // Indentation comes in runs of spaces: up to 8 at a time, then the byte after
            // (the last few bytes of `text` go one at a time).
            while let Some((w, after)) = rest.split_first_chunk::<8>() {
                let x = u64::from_le_bytes(*w) ^ SPACES;
                if x != 0 {
                    rest = rest
                        .get((x.trailing_zeros() / 8) as usize..)
                        .unwrap_or_default();
                    break;
                }
                rest = after;
            }
        }
        // `rest` never starts with whitespace: a region ends at a quote, a backslash or a
        // byte that is not UTF-8.
        self.text = "";
        self.rest_first()
    }

    /// Consumes the `:` after a key (after whitespace) or fails. Inlined for the usual cases:
    /// `:` right here, or `: ` as pretty-printed JSON writes it, whose space would otherwise
    /// cost a call to skip it at every key.
    #[inline]
    pub(super) fn colon(&mut self) -> Result<(), Error> {
        if let Some(tail) = self.text.strip_prefix(':') {
            self.text = tail.strip_prefix(' ').unwrap_or(tail);
            Ok(())
        } else if self.colon_after_ws() {
            Ok(())
        } else {
            Err(self.syntax("expected `:`"))
        }
    }

    /// [`Self::colon`] after whitespace (`"key" : value`), with the same space after it.
    /// Whether it was there: a `bool` returns in a register, an error would not.
    fn colon_after_ws(&mut self) -> bool {
        if self.peek_token() != Some(b':') {
            return false;
        }
        self.punct(':');
        if let Some(tail) = self.text.strip_prefix(' ') {
            self.text = tail;
        }
        true
    }

    pub(super) fn literal(&mut self, lit: &'static str) -> Result<(), Error> {
        if let Some(tail) = self.text.strip_prefix(lit) {
            self.text = tail;
            return Ok(());
        }
        let b = self.cur();
        let lit = lit.as_bytes();
        if b.starts_with(lit) {
            self.bump(lit.len());
            Ok(())
        } else if lit.starts_with(b) && self.cur_is_last() {
            Err(Error::new(Kind::Eof, self.pos() + b.len()))
        } else {
            Err(self.syntax("expected a JSON value"))
        }
    }

    /// Nesting one level deeper; fails past [`MAX_DEPTH`] so hostile input cannot overflow
    /// the stack.
    pub(super) fn enter(&mut self) -> Result<(), Error> {
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
    pub(super) fn end(&mut self) -> Result<(), Error> {
        match self.peek_token() {
            None => Ok(()),
            Some(_) => Err(self.err(Kind::TrailingCharacters)),
        }
    }

    /// Consumes a number; returns its text and whether it is an integer.
    pub(super) fn number_span(&mut self) -> Result<(&'a str, bool), Error> {
        let b = self.cur();
        let last = self.cur_is_last();
        let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
        let digits_from = |mut i: usize| {
            while digit(i) {
                i += 1;
            }
            i
        };
        // Where the grammar failed: at the end of input it is Eof, else a bad number.
        let fail = |i: usize| {
            let kind = if i >= b.len() && last {
                Kind::Eof
            } else {
                Kind::InvalidNumber
            };
            Err(Error::new(kind, self.pos() + i))
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
        Ok((self.bump(i), integer))
    }

    /// The number at the input if it is a 64-bit integer (or `-0`, a float to serde_json),
    /// else its text and offset, parsed as a float only by callers that want one (so that
    /// float parsing is linked only where a float can be asked for).
    pub(super) fn parse_integer(&mut self) -> Result<Result<Number, (&'a str, usize)>, Error> {
        let start = self.pos();
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

    pub(super) fn parse_number(&mut self) -> Result<Number, Error> {
        let (text, start) = match self.parse_integer()? {
            Ok(n) => return Ok(n),
            Err(float) => float,
        };
        // Integers beyond 64 bits become floats, as in serde_json.
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Number::F(v)),
            _ => Err(Error::new(Kind::NumberOutOfRange, start)),
        }
    }

    /// Skips one value of any shape, validating it, without recursion: a bit per open level
    /// (bounded by [`MAX_DEPTH`], which fits a `u128`) says array or object.
    pub(super) fn skip_value(&mut self) -> Result<(), Error> {
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
                Some(b't') => self.literal("true")?,
                Some(b'f') => self.literal("false")?,
                Some(b'n') => self.literal("null")?,
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
                        self.punct(',');
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
    fn skip_key(&mut self) -> Result<(), Error> {
        if self.peek_token() != Some(b'"') {
            return Err(self.syntax("expected a string key"));
        }
        self.skip_str()?;
        self.colon()
    }
}
