//! Encoder tests: serde_json as the oracle, and exact sizes when the buffer is short.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use std::collections::BTreeMap;
use std::string::{String, ToString};
use std::vec::Vec;
use std::{format, vec};

use serde::Serialize;

use super::{EncodeError, escaped_len, to_slice, write_escaped_str};

/// Encodes with ours, growing the buffer to the size it asks for.
fn encode<T: Serialize + ?Sized>(value: &T) -> String {
    let needed = match to_slice(value, &mut []) {
        Ok(n) => n,
        Err(EncodeError::BufferFull { needed }) => needed,
        Err(e) => panic!("{e}"),
    };
    let mut buf = vec![0u8; needed];
    let n = to_slice(value, &mut buf).unwrap();
    assert_eq!(n, needed);
    String::from_utf8(buf).unwrap()
}

/// Every size below the full length fails with the exact need; the full length succeeds.
fn check_sizes<T: Serialize + ?Sized>(value: &T, expected: &str) {
    for size in 0..expected.len() + 3 {
        let mut buf = vec![0u8; size];
        match to_slice(value, &mut buf) {
            Ok(n) => {
                assert!(size >= expected.len());
                assert_eq!(buf.get(..n).unwrap(), expected.as_bytes());
            }
            Err(e) => {
                assert!(size < expected.len(), "{size}");
                assert_eq!(
                    e,
                    EncodeError::BufferFull {
                        needed: expected.len()
                    }
                );
            }
        }
    }
}

fn all_awkward_chars() -> String {
    let mut s: String = (0u8..0x20).map(char::from).collect();
    s.push_str("\"\\/\x7f é€😀 \u{2028}\u{fffd} end");
    s
}

/// Escapes are found a word at a time: each awkward byte at every offset around the word
/// size, alone and followed by another, must come out as serde_json writes it.
#[test]
fn escapes_at_every_offset_match_serde_json() {
    let awkward = all_awkward_chars();
    for c in awkward.chars() {
        for before in 0..20 {
            for after in [0, 1, 7, 8, 9, 17] {
                let mut s = "a".repeat(before);
                s.push(c);
                s.push_str(&"é".repeat(after / 2));
                s.push_str(&"b".repeat(after));
                s.push(c);
                let expected = serde_json::to_string(&s).unwrap();
                assert_eq!(encode(s.as_str()), expected, "{s:?}");
                assert_eq!(escaped_len(&s) + 2, expected.len());
            }
        }
    }
}

/// Dense strings (a quote, backslash, control byte or multi-byte char every few bytes, as in a
/// JSON body) are escaped straight into the buffer a word at a time while it has room: at
/// every output offset and every buffer size, they must come out as serde_json writes them.
#[test]
fn dense_strings_match_serde_json_at_every_offset_and_size() {
    const PIECES: [&str; 12] = [
        "a",
        "bc",
        "defgh",
        "\"",
        "\\",
        "\n",
        "\u{1}",
        "é",
        "€",
        "😀",
        "/",
        "ijklmnopq",
    ];
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for _ in 0..300 {
        let s: String = (0..next(40)).map(|_| PIECES[next(PIECES.len())]).collect();
        let expected = serde_json::to_string(&s).unwrap();
        let pad = "p".repeat(next(9));
        let pair = (pad.as_str(), s.as_str());
        let expected_pair = serde_json::to_string(&pair).unwrap();
        assert_eq!(encode(&pair), expected_pair, "{s:?}");
        check_sizes(&pair, &expected_pair);
        assert_eq!(escaped_len(&s) + 2, expected.len());
        // Exactly the room the escape needs, and more room than it needs.
        for extra in [0, 1, 15, 16, 17] {
            let mut buf = vec![0xAAu8; expected.len() - 2 + extra];
            let n = write_escaped_str(&s, &mut buf).unwrap();
            assert_eq!(
                &buf[..n],
                &expected.as_bytes()[1..expected.len() - 1],
                "{s:?}"
            );
        }
    }
}

#[test]
fn strings_match_serde_json() {
    let cases = [
        String::new(),
        all_awkward_chars(),
        "plain".into(),
        "\"".repeat(50),
        "😀".repeat(30),
    ];
    for s in &cases {
        let expected = serde_json::to_string(s).unwrap();
        assert_eq!(encode(s.as_str()), expected);
        assert_eq!(serde_json::from_str::<String>(&expected).unwrap(), *s);
        assert_eq!(escaped_len(s) + 2, expected.len());
        let mut buf = vec![0u8; expected.len() - 2];
        let n = write_escaped_str(s, &mut buf).unwrap();
        assert_eq!(
            buf.get(..n).unwrap(),
            expected.as_bytes().get(1..expected.len() - 1).unwrap()
        );
        check_sizes(s.as_str(), &expected);
        // char-by-char through serialize_char
        let chars: Vec<char> = s.chars().collect();
        assert_eq!(encode(&chars), serde_json::to_string(&chars).unwrap());
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Response<'a> {
    status_code: u16,
    body: &'a str,
    headers: BTreeMap<&'a str, &'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cookie: Option<&'a str>,
    multi: Vec<Option<i64>>,
    kinds: Vec<Kind>,
    bytes: &'a [u8],
    unit: (),
    pair: (u8, bool),
}

#[derive(Serialize)]
enum Kind {
    Unit,
    New(i8),
    Tuple(u8, u8),
    Struct { a: u32 },
}

#[test]
fn data_model_matches_serde_json() {
    let value = Response {
        status_code: 200,
        body: "{\"message\":\"Hello, Zoë!\"}\n",
        headers: BTreeMap::from([("content-type", "application/json"), ("x-\"q\"", "\t")]),
        cookie: None,
        multi: vec![Some(i64::MIN), None, Some(i64::MAX), Some(0)],
        kinds: vec![
            Kind::Unit,
            Kind::New(-1),
            Kind::Tuple(1, 2),
            Kind::Struct { a: u32::MAX },
        ],
        bytes: b"\x00\xff",
        unit: (),
        pair: (255, false),
    };
    let expected = serde_json::to_string(&value).unwrap();
    assert_eq!(encode(&value), expected);
    check_sizes(&value, &expected);

    let ints = (u64::MAX, i64::MIN, u128::MAX, i128::MIN, 0u8, -1i16);
    assert_eq!(encode(&ints), serde_json::to_string(&ints).unwrap());

    let keys = BTreeMap::from([(-3i32, 1u8), (7, 2)]);
    assert_eq!(encode(&keys), serde_json::to_string(&keys).unwrap());
    let keys = BTreeMap::from([('c', 1u8)]);
    assert_eq!(encode(&keys), serde_json::to_string(&keys).unwrap());
    let keys = BTreeMap::from([(vec![1u8], 1u8)]);
    assert_eq!(
        to_slice(&keys, &mut [0; 64]),
        Err(EncodeError::KeyMustBeAString)
    );
}

#[test]
fn floats_are_valid_json_and_round_trip() {
    let floats = [
        0.0,
        -0.0,
        0.1,
        1.0,
        -2.5,
        1e300,
        1e-300,
        1e16,
        1.5e-7,
        f64::MAX,
        f64::MIN_POSITIVE,
        5e-324,
        123456789.125,
    ];
    for f in floats {
        let text = encode(&f);
        let back: f64 = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(back.to_bits(), f.to_bits(), "{text}");
        assert!(
            text.bytes().all(|b| b"0123456789.-e".contains(&b)),
            "{text}"
        );
    }
    for f in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(encode(&f), "null");
        assert_eq!(encode(&(f as f32)), "null");
    }
    let f32s = [0.1f32, 3.4e38, 1e-45, -7.25];
    for f in f32s {
        let text = encode(&f);
        assert_eq!(text.parse::<f32>().unwrap(), f);
        assert_eq!(serde_json::from_str::<f32>(&text).unwrap(), f);
    }
}

#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Greeting<'a>(&'a str);

impl Serialize for Greeting<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("Hello, {}!", self.0))
    }
}

struct Failing;

impl core::fmt::Display for Failing {
    fn fmt(&self, _: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        Err(core::fmt::Error)
    }
}

impl Serialize for Failing {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[test]
fn collect_str_escapes_and_counts() {
    let name = all_awkward_chars();
    let expected = serde_json::to_string(&format!("Hello, {name}!")).unwrap();
    assert_eq!(encode(&Greeting(&name)), expected);
    check_sizes(&Greeting(&name), &expected);
    let map = BTreeMap::from([(Greeting("k\n"), 1)]);
    assert_eq!(encode(&map), r#"{"Hello, k\n!":1}"#);
    assert_eq!(
        to_slice(&Failing, &mut [0; 8]),
        Err(EncodeError::DisplayFailed)
    );
}

#[test]
fn custom_errors_keep_a_message() {
    let e: EncodeError = serde::ser::Error::custom("x".repeat(200));
    let text = e.to_string();
    assert!(text.len() <= 64 && text.ends_with('…'), "{text}");
    assert_eq!(
        EncodeError::BufferFull { needed: 12 }.to_string(),
        "output buffer too small: the JSON needs 12 bytes"
    );
}
