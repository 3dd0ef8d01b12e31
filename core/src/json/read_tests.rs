//! The word-at-a-time scans against their byte-at-a-time definitions, and whitespace runs of
//! every length around the 8-byte word.
#![allow(clippy::panic, clippy::unwrap_used, clippy::indexing_slicing)]
#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use std::format;
use std::vec;

use super::from_slice;
use super::read::find_special;

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

#[test]
fn whitespace_runs_of_every_length_are_skipped() {
    for n in 0..40 {
        for ws in [" ", "\n", "\t", "\r", " \n", "\r\n "] {
            let pad = ws.repeat(n);
            let mut text = format!("{pad}[{pad}\"a b\"{pad},{pad}1{pad}]{pad}").into_bytes();
            let v: (&str, u8) = from_slice(&mut text).unwrap();
            assert_eq!(v, ("a b", 1), "{ws:?} x{n}");
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
