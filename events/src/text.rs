//! The text of a JSON string, compared by what it says. `detect` scans raw bytes, in which a key
//! or value may still be escaped (`"raw\u005fpath"`); the decoders see it unescaped. Both must
//! read the same words, so `detect` compares through [`Text`].

/// The content of a JSON string (what stands between its quotes), escaped or already plain.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Text<'a> {
    raw: &'a [u8],
    /// `raw` holds escapes to undo before it can be read.
    escaped: bool,
}

impl<'a> Text<'a> {
    /// Text that needs no unescaping (a decoded `&str`).
    #[cfg(any(test, feature = "http"))]
    pub(crate) const fn plain(text: &'a [u8]) -> Self {
        Self {
            raw: text,
            escaped: false,
        }
    }

    /// A JSON string's content as it stands in the document; `escaped` when it has a `\`.
    pub(crate) const fn raw(raw: &'a [u8], escaped: bool) -> Self {
        Self { raw, escaped }
    }

    /// The raw bytes, when they are the text itself.
    pub(crate) const fn as_plain(self) -> Option<&'a [u8]> {
        if self.escaped { None } else { Some(self.raw) }
    }

    pub(crate) const fn is_empty(self) -> bool {
        // An escape always stands for at least one byte.
        self.raw.is_empty()
    }

    /// Whether the text says `want`.
    pub(crate) fn is(self, want: &[u8]) -> bool {
        match self.as_plain() {
            Some(plain) => plain == want,
            None => self.bytes().eq(want.iter().copied()),
        }
    }

    /// Whether the text begins with `prefix`.
    pub(crate) fn starts_with(self, prefix: &[u8]) -> bool {
        let mut bytes = self.bytes();
        prefix.iter().all(|&p| bytes.next() == Some(p))
    }

    /// The text's bytes, unescaped (UTF-8; an escape that is not valid JSON stands for itself,
    /// a lone surrogate for U+FFFD: the decoders refuse both, so what they match is moot).
    pub(crate) fn bytes(self) -> Bytes<'a> {
        Bytes {
            rest: self.raw,
            escaped: self.escaped,
            pending: [0; 4],
            at: 0,
            len: 0,
        }
    }
}

/// Iterator of [`Text::bytes`].
pub(crate) struct Bytes<'a> {
    rest: &'a [u8],
    escaped: bool,
    /// The rest of a multi-byte character a `\u` escape stood for.
    pending: [u8; 4],
    at: usize,
    len: usize,
}

impl Iterator for Bytes<'_> {
    type Item = u8;

    fn next(&mut self) -> Option<u8> {
        if self.at < self.len {
            self.at += 1;
            return self.pending.get(self.at - 1).copied();
        }
        let (&b, rest) = self.rest.split_first()?;
        self.rest = rest;
        if b != b'\\' || !self.escaped {
            return Some(b);
        }
        let Some((&e, rest)) = self.rest.split_first() else {
            return Some(b);
        };
        self.rest = rest;
        Some(match e {
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => {
                let c = self.code_point();
                let n = c.encode_utf8(&mut self.pending).len();
                (self.at, self.len) = (1, n);
                self.pending.first().copied().unwrap_or_default()
            }
            // `"`, `\` and `/` stand for themselves.
            other => other,
        })
    }
}

impl Bytes<'_> {
    /// The character of a `\u` escape whose `\u` was just read, with the low half of a
    /// surrogate pair when one follows.
    fn code_point(&mut self) -> char {
        let Some(high) = hex4(self.rest) else {
            return char::REPLACEMENT_CHARACTER;
        };
        self.rest = self.rest.get(4..).unwrap_or_default();
        if !(0xD800..0xDC00).contains(&high) {
            return char::from_u32(high).unwrap_or(char::REPLACEMENT_CHARACTER);
        }
        let low = match self.rest {
            [b'\\', b'u', tail @ ..] => hex4(tail).filter(|low| (0xDC00..0xE000).contains(low)),
            _ => None,
        };
        let Some(low) = low else {
            return char::REPLACEMENT_CHARACTER;
        };
        self.rest = self.rest.get(6..).unwrap_or_default();
        char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            .unwrap_or(char::REPLACEMENT_CHARACTER)
    }
}

/// The number four hex digits at the start of `s` write.
fn hex4(s: &[u8]) -> Option<u32> {
    let [a, b, c, d, ..] = s else {
        return None;
    };
    [a, b, c, d].iter().try_fold(0, |n, &&digit| {
        Some(n * 16 + char::from(digit).to_digit(16)?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    #[test]
    fn unescapes_as_json_does() {
        const CASES: &[(&[u8], &[u8])] = &[
            (b"raw_path", b"raw_path"),
            (br"raw\u005fpath", b"raw_path"),
            (br"2\u002E0", b"2.0"),
            (br#"a\"b\\c\/d\b\f\n\r\t"#, b"a\"b\\c/d\x08\x0c\n\r\t"),
            (br"\u00e9\u20ac", "é€".as_bytes()),
            (br"\ud83d\ude00!", "😀!".as_bytes()),
            // Not valid JSON (the decoders refuse these): read without a panic.
            (br"\ud83d!", "\u{FFFD}!".as_bytes()),
            (br"\ude00", "\u{FFFD}".as_bytes()),
            (br"\ud83d\u0041", "\u{FFFD}A".as_bytes()),
            (br"\u12", "\u{FFFD}12".as_bytes()),
            (br"\q", b"q"),
            (br"a\", br"a\"),
        ];
        for (raw, want) in CASES {
            let got: Vec<u8> = Text::raw(raw, true).bytes().collect();
            assert_eq!(got, *want, "{}", core::str::from_utf8(raw).unwrap_or("?"));
            assert!(Text::raw(raw, true).is(want));
        }
        assert!(Text::raw(br"Custom\u0045mailSender_SignUp", true).starts_with(b"CustomEmail"));
        assert!(!Text::plain(b"Custom").starts_with(b"CustomEmail"));
        // Plain text is taken as it is.
        assert!(Text::plain(br"raw\u005fpath").is(br"raw\u005fpath"));
        assert!(!Text::plain(br"raw\u005fpath").is(b"raw_path"));
    }
}
