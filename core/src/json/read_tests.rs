//! The word-at-a-time scans against their byte-at-a-time definitions, and whitespace runs of
//! every length around the 8-byte word.
#![allow(clippy::panic, clippy::unwrap_used, clippy::indexing_slicing)]
#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use std::format;
use std::string::String;
use std::vec;

use super::from_slice;
use super::string::{find, find_special, region_end};

/// Every special byte at every position of strings around the word size, with every kind of
/// byte before it (ASCII, UTF-8 continuation bytes, bytes just above the specials).
#[test]
fn find_special_agrees_with_a_byte_scan() {
    let fillers = [
        b'a',
        b' ',
        b'!',
        b'#',
        b'[',
        b']',
        0x7f,
        0x80,
        0xc3,
        0xff,
        b'"' + 1,
    ];
    let specials = [b'"', b'\\', 0x00, 0x01, 0x0a, 0x1f];
    for len in 0..40 {
        for &fill in &fillers {
            let plain = vec![fill; len];
            assert_eq!(find_special(&plain), None, "{fill:#x} x{len}");
            for at in 0..len {
                for &s in &specials {
                    let mut b = plain.clone();
                    b[at] = s;
                    // A second special later must not hide the first.
                    if at + 3 < len {
                        b[at + 3] = b'"';
                    }
                    assert_eq!(
                        find_special(&b),
                        Some(at),
                        "{fill:#x} x{len}, {s:#x} at {at}"
                    );
                }
            }
        }
    }
}

/// Every byte value at every place in a word, alone and after each other value: the string
/// scan (with and without backslashes) stops exactly at `"`, control bytes and `\\`.
#[test]
fn string_scans_agree_with_a_byte_scan_for_every_byte() {
    let special = |v: u8, slash: bool| v == b'"' || v < 0x20 || (slash && v == b'\\');
    for v in 0..=255u8 {
        for before in 0..=255u8 {
            for at in 0..10 {
                let mut b = vec![before; 12];
                b[at] = v;
                let first = |slash: bool| b.iter().position(|&c| special(c, slash));
                assert_eq!(
                    find::<false>(&b),
                    first(false),
                    "{v:#x} after {before:#x} at {at}"
                );
                assert_eq!(
                    find::<true>(&b),
                    first(true),
                    "{v:#x} after {before:#x} at {at}"
                );
            }
        }
    }
}

#[test]
fn whitespace_runs_of_every_length_are_skipped() {
    for n in 0..40 {
        for ws in [" ", "\n", "\t", "\r", " \n", "\r\n "] {
            let pad = ws.repeat(n);
            let mut text = format!("{pad}[{pad}\"a b\"{pad},{pad}1{pad}]{pad}").into_bytes();
            let v: (&str, u8) = from_slice(&mut text).unwrap();
            assert_eq!(v, ("a b", 1), "{ws:?} x{n}");
            // Around a key's colon too, which takes `: ` on a fast path.
            let mut text = format!("{{{pad}\"k\"{pad}:{pad}1{pad}}}").into_bytes();
            let v: std::collections::BTreeMap<&str, u8> = from_slice(&mut text).unwrap();
            assert_eq!(v.get("k"), Some(&1), "{ws:?} x{n}");
        }
    }
}

/// Pretty-printed runs (a newline or a space, then spaces) take a word-at-a-time path that
/// turns only a leading newline into a space; whatever ends the run, or follows it, must be
/// judged as serde_json judges it (a form feed or a NUL is no JSON whitespace).
#[test]
fn indentation_runs_end_where_serde_json_says() {
    for n in 0..20 {
        let spaces = " ".repeat(n);
        for lead in ["\n", " ", "\r\n", "\t", "\n\n", "\u{c}", "\0"] {
            for tail in ["", "\t", "\r", "\n", " \n ", "\u{c}", "\0", "x"] {
                // Runs near the end of the input, and with a word to spare after them.
                let text = format!("[1,{lead}{spaces}{tail}2,3,4,5,6,7,8{lead}{spaces}{tail}]");
                let ours = from_slice::<vec::Vec<u8>>(&mut text.clone().into_bytes()).ok();
                let theirs = serde_json::from_str::<vec::Vec<u8>>(&text).ok();
                assert_eq!(ours, theirs, "{text:?}");
            }
        }
    }
}

#[test]
fn skipped_strings_still_reject_control_bytes_and_bad_escapes() {
    #[derive(serde::Deserialize)]
    struct Empty {}
    for (text, ok) in [
        (r#"{"x": "long plain text, longer than a word"}"#, true),
        (r#"{"x": "long text with an \" escaped quote in it"}"#, true),
        ("{\"x\": \"long text with a raw \n newline in it\"}", false),
        (r#"{"x": "long text with a \q bad escape in it"}"#, false),
        (r#"{"x": "long text that never ends"#, false),
    ] {
        let mut b = text.as_bytes().to_vec();
        assert_eq!(from_slice::<Empty>(&mut b).is_ok(), ok, "{text}");
    }
}

/// Where a checked region ends, against its definition: before the string holding the first
/// backslash (at the last quote before it), at that backslash when no quote precedes it, else
/// at the end. Around the 32-byte rounds, with the backslash and quote at every position.
#[test]
fn region_end_agrees_with_its_definition() {
    fn by_bytes(b: &[u8]) -> usize {
        match b.iter().position(|&c| c == b'\\') {
            None => b.len(),
            Some(s) => b[..s].iter().rposition(|&c| c == b'"').unwrap_or(s),
        }
    }
    // Past two 32-byte rounds, so the slash falls in a round, in the words after and in
    // the bytes after those.
    for len in 0..72 {
        let plain = vec![b'a'; len];
        assert_eq!(region_end(&plain), len);
        for slash in 0..len {
            for quote in [
                None,
                Some(0),
                Some(slash / 2),
                Some(slash.saturating_sub(1)),
            ] {
                let mut b = plain.clone();
                if let Some(q) = quote.filter(|&q| q < slash) {
                    b[q] = b'"';
                }
                b[slash] = b'\\';
                if slash + 2 < len {
                    b[slash + 2] = b'\\';
                }
                assert_eq!(region_end(&b), by_bytes(&b), "{b:?}");
            }
        }
    }
}

/// Plain strings come from checked regions and escaped ones from `rest`: mixed in every order,
/// they decode as serde_json decodes them, and a region that ends at a closing quote (a
/// backslash outside any string) or before a byte that is not UTF-8 fails at that byte.
#[test]
fn regions_and_escapes_mix() {
    let items = [
        "\"plain\"",
        "\"esc\\n\"",
        "\"\\u00e9t\\u00e9\"",
        "\"\"",
        "1",
        "\"é\"",
    ];
    for a in items {
        for b in items {
            for c in items {
                let doc = format!("[{a}, {b},{c} , {{\"k\\\"\": {a}, \"p\": {c}}}]");
                let want: serde_json::Value = serde_json::from_str(&doc).unwrap();
                let mut buf = doc.clone().into_bytes();
                let got: serde_json::Value = from_slice(&mut buf).unwrap();
                assert_eq!(got, want, "{doc}");
            }
        }
    }
    type K = super::DecodeErrorKind;
    for (doc, kind, at) in [
        (&b"[\"a\"\\]"[..], K::Syntax, 4),
        (b"[\"a\" \\]", K::Syntax, 5),
        (b"{\"a\":\"x\xff\"}", K::InvalidUtf8, 7),
        (b"[\"\\n\",\"ab\xffc\"]", K::InvalidUtf8, 9),
        (b"[\"\\n\", \xff]", K::Syntax, 7),
        (b"[1]\xff", K::TrailingCharacters, 3),
        (b"[\"a\xc3\"]", K::InvalidUtf8, 3),
        (b"[tr\xff]", K::Syntax, 1),
        (b"[1.\xff]", K::InvalidNumber, 3),
    ] {
        let err = from_slice::<serde_json::Value>(&mut doc.to_vec()).unwrap_err();
        assert_eq!((err.kind(), err.offset()), (kind, Some(at)), "{doc:?}");
        assert!(serde_json::from_slice::<serde_json::Value>(doc).is_err());
    }
}

/// In-place unescaping moves plain content a word at a time and partial words whole once
/// escapes have made room: every escape kind at every offset around the word size, with up to
/// twelve escapes before it, decodes as serde_json decodes it.
#[test]
fn unescaping_at_every_offset_agrees_with_serde_json() {
    let escapes = [
        r#"\""#,
        r"\\",
        r"\n",
        r"\u00e9",
        r"\ud83d\ude00",
        r"\/",
        r"\b\f\r",
    ];
    for before in 0..13 {
        for len in 0..20 {
            for esc in escapes {
                for at in 0..=len {
                    let mut s = r"\t".repeat(before);
                    let plain: String = (0..len)
                        .map(|i| char::from(b'a' + (i % 26) as u8))
                        .collect();
                    s.push_str(&plain[..at]);
                    s.push_str(esc);
                    s.push_str(&plain[at..]);
                    let doc = format!("[\"{s}\",\"x{s}y\"]");
                    let want: (String, String) = serde_json::from_str(&doc).unwrap();
                    let mut buf = doc.clone().into_bytes();
                    let got: (&str, &str) = from_slice(&mut buf).unwrap();
                    assert_eq!((got.0, got.1), (&*want.0, &*want.1), "{doc}");
                }
            }
        }
    }
    // A bad or cut-off escape is reported at its backslash wherever it falls.
    type K = super::DecodeErrorKind;
    for before in 0..13 {
        for at in 0..12 {
            for (tail, kind) in [(r"\x\n1234567890", K::InvalidEscape), ("\\", K::Eof)] {
                let doc = format!("[\"{}{}{tail}", r"\t".repeat(before), "a".repeat(at));
                let err = from_slice::<(&str,)>(&mut doc.clone().into_bytes()).unwrap_err();
                let backslash = 2 + 2 * before + at;
                let offset = if kind == K::Eof {
                    backslash + 1
                } else {
                    backslash
                };
                assert_eq!((err.kind(), err.offset()), (kind, Some(offset)), "{doc}");
            }
        }
    }
}
