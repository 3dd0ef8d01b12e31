//! Decoder tests: byte tables, serde_json as the oracle, depth and truncation.
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
use std::{format, fs, thread, vec};

use serde::Deserialize;

use super::{DecodeErrorKind as K, MAX_DEPTH, from_slice};

#[derive(Debug)]
enum Expect {
    Str(&'static str),
    Err(K),
}

const STRINGS: &[(&[u8], Expect)] = &[
    (br#""plain""#, Expect::Str("plain")),
    (br#""""#, Expect::Str("")),
    (br#""\"\\\/\b\f\n\r\t""#, Expect::Str("\"\\/\x08\x0c\n\r\t")),
    (br#""a\nb""#, Expect::Str("a\nb")),
    (br#""caf\u00e9""#, Expect::Str("café")),
    (br#""\u00E9\u00e9""#, Expect::Str("éé")),
    (br#""\u0000""#, Expect::Str("\0")),
    (br#""\u20ac x""#, Expect::Str("€ x")),
    (br#""\ud83d\ude00""#, Expect::Str("😀")),
    (br#""x\uD83D\uDE00y""#, Expect::Str("x😀y")),
    ("\"raw é 😀\"".as_bytes(), Expect::Str("raw é 😀")),
    ("\"é\\u00e9é\"".as_bytes(), Expect::Str("ééé")),
    (br#"  "ws"  "#, Expect::Str("ws")),
    (br#""\ud83d""#, Expect::Err(K::LoneSurrogate)),
    (br#""\ud83dx""#, Expect::Err(K::LoneSurrogate)),
    (br#""\ud83d\u0041""#, Expect::Err(K::LoneSurrogate)),
    (br#""\ud83d\n""#, Expect::Err(K::LoneSurrogate)),
    (br#""\ude00""#, Expect::Err(K::LoneSurrogate)),
    (br#""\ude00\ud83d""#, Expect::Err(K::LoneSurrogate)),
    (br#""\u00g0""#, Expect::Err(K::InvalidEscape)),
    (br#""\u12""#, Expect::Err(K::InvalidEscape)),
    (br#""\x""#, Expect::Err(K::InvalidEscape)),
    (br#""\U00e9""#, Expect::Err(K::InvalidEscape)),
    (b"\"a\nb\"", Expect::Err(K::ControlCharacter)),
    (b"\"a\x01\"", Expect::Err(K::ControlCharacter)),
    (b"\"\\n\x1f\"", Expect::Err(K::ControlCharacter)),
    (b"\"\xff\"", Expect::Err(K::InvalidUtf8)),
    (b"\"\xc3\"", Expect::Err(K::InvalidUtf8)),
    (b"\"\\n\xc3(\"", Expect::Err(K::InvalidUtf8)),
    (b"\"\xed\xa0\x80\"", Expect::Err(K::InvalidUtf8)),
    (b"\"abc", Expect::Err(K::Eof)),
    (b"\"", Expect::Err(K::Eof)),
    (b"\"\\", Expect::Err(K::Eof)),
    (b"\"a\\n", Expect::Err(K::Eof)),
    (b"\"\\u00", Expect::Err(K::Eof)),
    (b"\"\\ud83d", Expect::Err(K::Eof)),
    (b"\"\\ud83d\\", Expect::Err(K::Eof)),
    (b"\"\\ud83d\\ude0", Expect::Err(K::Eof)),
    (br#""a" x"#, Expect::Err(K::TrailingCharacters)),
    (b"", Expect::Err(K::Eof)),
    (b"12", Expect::Err(K::InvalidType)),
];

#[test]
fn strings() {
    for (input, expect) in STRINGS {
        let mut buf = input.to_vec();
        let got = from_slice::<&str>(&mut buf).map_err(|e| e.kind());
        match expect {
            Expect::Str(s) => assert_eq!(got, Ok(*s), "{:?}", String::from_utf8_lossy(input)),
            Expect::Err(k) => assert_eq!(got, Err(*k), "{:?}", String::from_utf8_lossy(input)),
        }
    }
}

/// `Ok(value)` as serde_json prints it, or the error kind.
const VALUES: &[(&[u8], Result<&str, K>)] = &[
    (b"null", Ok("null")),
    (b" true ", Ok("true")),
    (b"false", Ok("false")),
    (b"0", Ok("0")),
    (b"-0", Ok("-0.0")),
    (b"-12", Ok("-12")),
    (b"18446744073709551615", Ok("18446744073709551615")),
    (b"18446744073709551616", Ok("1.8446744073709552e+19")),
    (b"-9223372036854775808", Ok("-9223372036854775808")),
    (b"1.5e3", Ok("1500.0")),
    (b"1E-2", Ok("0.01")),
    (b"[1,[2,{}],[]]", Ok("[1,[2,{}],[]]")),
    (
        br#"{"a":{"b":[]},"c":"d"}"#,
        Ok(r#"{"a":{"b":[]},"c":"d"}"#),
    ),
    (b"1e400", Err(K::NumberOutOfRange)),
    (b"01", Err(K::TrailingCharacters)),
    (b"1.", Err(K::Eof)),
    (b"1.x", Err(K::InvalidNumber)),
    (b"-", Err(K::Eof)),
    (b"-a", Err(K::InvalidNumber)),
    (b"1e", Err(K::Eof)),
    (b"1e+", Err(K::Eof)),
    (b".5", Err(K::Syntax)),
    (b"+1", Err(K::Syntax)),
    (b"nul", Err(K::Eof)),
    (b"nulx", Err(K::Syntax)),
    (b"True", Err(K::Syntax)),
    (b"[1,]", Err(K::Syntax)),
    (b"[1 2]", Err(K::Syntax)),
    (b"[,1]", Err(K::Syntax)),
    (br#"{"a" 1}"#, Err(K::Syntax)),
    (br#"{"a" : 1}"#, Ok(r#"{"a":1}"#)),
    (br#"{"a":  1}"#, Ok(r#"{"a":1}"#)),
    (br#"{"a": }"#, Err(K::Syntax)),
    (br#"{"a": "#, Err(K::Eof)),
    (br#"{"a":"#, Err(K::Eof)),
    (br#"{"a" "#, Err(K::Eof)),
    (br#"{"a":1,}"#, Err(K::Syntax)),
    (br#"{a:1}"#, Err(K::Syntax)),
    (br#"{"a":1 "b":2}"#, Err(K::Syntax)),
    (b"[1", Err(K::Eof)),
    (b"{", Err(K::Eof)),
    (b"[] []", Err(K::TrailingCharacters)),
];

#[test]
fn values_agree_with_serde_json() {
    for (input, expect) in VALUES {
        let mut buf = input.to_vec();
        let got = from_slice::<serde_json::Value>(&mut buf);
        let got = got.map(|v| v.to_string()).map_err(|e| e.kind());
        assert_eq!(
            got.as_deref().map_err(|k| *k),
            *expect,
            "{:?}",
            String::from_utf8_lossy(input)
        );
        if expect.is_ok() {
            let oracle: serde_json::Value = serde_json::from_slice(input).unwrap();
            assert_eq!(got, Ok(oracle.to_string()));
        } else {
            assert!(serde_json::from_slice::<serde_json::Value>(input).is_err());
        }
    }
}

fn fixture_dir() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/events")
}

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<_> = fs::read_dir(fixture_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| (p.display().to_string(), fs::read(&p).unwrap()))
        .collect();
    all.sort();
    assert!(all.len() > 10, "fixtures missing from {}", fixture_dir());
    all
}

#[test]
fn fixtures_agree_with_serde_json() {
    for (name, bytes) in fixtures() {
        let oracle: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let mut buf = bytes.clone();
        let ours: serde_json::Value =
            from_slice(&mut buf).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(ours, oracle, "{name}");
        // Skipping everything (iteratively) must accept the same documents.
        let mut buf = bytes.clone();
        from_slice::<serde::de::IgnoredAny>(&mut buf).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn every_prefix_is_an_error() {
    let mut docs: Vec<Vec<u8>> = vec![
        br#"{"a":[1,-2.5e3,"x\u00e9\ud83d\ude00\n",true,false,null,{"b":{}}],"c":[]}"#.to_vec(),
        r#"[{"firstName":"\"q\""}, [[[]]], 0, -0.1, "é"]"#.as_bytes().to_vec(),
    ];
    docs.extend(fixtures().into_iter().take(6).map(|(_, b)| b));
    for doc in &docs {
        for n in 0..doc.len() {
            // Trailing whitespace of a fixture leaves complete documents; skip those.
            if doc.get(n..).unwrap().iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let mut buf = doc.get(..n).unwrap().to_vec();
            assert!(
                from_slice::<serde_json::Value>(&mut buf).is_err(),
                "prefix {n}"
            );
            let mut buf = doc.get(..n).unwrap().to_vec();
            assert!(
                from_slice::<serde::de::IgnoredAny>(&mut buf).is_err(),
                "prefix {n}"
            );
        }
    }
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Person<'a> {
    first_name: &'a str,
    #[serde(default)]
    last_name: Option<&'a str>,
    age: u8,
    #[serde(default)]
    tags: Vec<&'a str>,
}

#[test]
fn borrowed_struct() {
    let mut buf = br#"{"unknown":{"deep":[1,{"x":"\u00e9"}]},"firstName":"Jo\"e\u00e9","age":42,"tags":["a\tb","c"],"lastName":null}"#.to_vec();
    let p: Person<'_> = from_slice(&mut buf).unwrap();
    assert_eq!(
        p,
        Person {
            first_name: "Jo\"eé",
            last_name: None,
            age: 42,
            tags: vec!["a\tb", "c"]
        }
    );
}

#[test]
fn ignored_strings_are_checked_but_not_decoded() {
    // Found by fuzz/json_value: serde_json skips a lone surrogate escape in a field it ignores
    // (JavaScript clients send them); refusing the whole event would be a needless failure.
    #[derive(Debug, PartialEq, Deserialize)]
    struct Only {
        b: u32,
    }
    const CASES: &[(&[u8], Option<K>)] = &[
        (br#"{"a":"\ud83d","b":1}"#, None),
        (
            br#"{"a":["\ude00x",{"\ud800":"\udbff\u0041"}],"b":1}"#,
            None,
        ),
        (br#"{"a":"\u00e9\n\"","b":1}"#, None),
        (br#"{"a":"\x","b":1}"#, Some(K::InvalidEscape)),
        (br#"{"a":"\u12","b":1}"#, Some(K::InvalidEscape)),
        (b"{\"a\":\"\\u12", Some(K::Eof)),
        (b"{\"a\":\"\x01\",\"b\":1}", Some(K::ControlCharacter)),
        (b"{\"a\":{\"\xff\":1},\"b\":1}", Some(K::InvalidUtf8)),
        (b"{\"a\":\"x", Some(K::Eof)),
    ];
    for (input, want) in CASES {
        let got = from_slice::<Only>(&mut input.to_vec()).map_err(|e| e.kind());
        assert_eq!(got, want.map_or(Ok(Only { b: 1 }), Err), "{input:?}");
        // serde_json does not check UTF-8 in what it ignores; JSON text is UTF-8 (RFC 8259).
        if *want != Some(K::InvalidUtf8) {
            let oracle = serde_json::from_slice::<Only>(input);
            assert_eq!(oracle.is_ok(), want.is_none(), "{input:?}");
        }
    }
}

const STRUCT_ERRORS: &[(&[u8], K, &str)] = &[
    (
        b"{}",
        K::MissingField,
        "missing field `firstName` at byte 1",
    ),
    (
        br#"{"firstName":"a","age":300}"#,
        K::InvalidValue,
        "expected u8, found integer `300` at byte 26",
    ),
    (
        br#"{"firstName":"a","age":"x"}"#,
        K::InvalidType,
        "expected u8, found a string at byte 26",
    ),
    (
        br#"{"firstName":1,"age":2}"#,
        K::InvalidType,
        "expected a borrowed string, found integer `1` at byte 14",
    ),
    (
        br#"{"firstName":"a","firstName":"b","age":1}"#,
        K::DuplicateField,
        "duplicate field `firstName` at byte 29",
    ),
    // Structs are objects only: the positional form serde_json also takes is refused.
    (
        br#"["Zo", 1, 2, 3]"#,
        K::InvalidType,
        "expected struct Person, found sequence at byte 1",
    ),
    (
        b"42",
        K::InvalidType,
        "expected struct Person, found integer `42` at byte 2",
    ),
    (
        br#""x""#,
        K::InvalidType,
        "expected struct Person, found a string at byte 3",
    ),
];

#[test]
fn struct_errors_name_what_failed() {
    for (input, kind, text) in STRUCT_ERRORS {
        let mut buf = input.to_vec();
        let e = from_slice::<Person<'_>>(&mut buf).unwrap_err();
        assert_eq!(
            (e.kind(), format!("{e}").as_str()),
            (*kind, *text),
            "{:?}",
            String::from_utf8_lossy(input)
        );
    }
}

#[derive(Debug, PartialEq, Deserialize)]
enum Shape<'a> {
    Dot,
    Circle(f64),
    Pair(u8, u8),
    Named { name: &'a str },
}

#[test]
fn enums() {
    let cases: &[(&[u8], Result<Shape<'_>, K>)] = &[
        (br#""Dot""#, Ok(Shape::Dot)),
        (br#"{"Dot":null}"#, Ok(Shape::Dot)),
        (br#"{"Circle":1.5}"#, Ok(Shape::Circle(1.5))),
        (br#"{"Pair":[1,2]}"#, Ok(Shape::Pair(1, 2))),
        (
            br#"{ "Named" : { "name" : "n\u00e9" } }"#,
            Ok(Shape::Named { name: "né" }),
        ),
        (br#""Square""#, Err(K::UnknownVariant)),
        (br#""Circle""#, Err(K::InvalidType)),
        (br#"{"Circle":1,"Dot":null}"#, Err(K::InvalidLength)),
        (br#"{"Pair":[1,2,3]}"#, Err(K::InvalidLength)),
        (b"7", Err(K::InvalidType)),
    ];
    for (input, expect) in cases {
        let mut buf = input.to_vec();
        let got = from_slice::<Shape<'_>>(&mut buf).map_err(|e| e.kind());
        assert_eq!(&got, expect, "{:?}", String::from_utf8_lossy(input));
    }
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(untagged)]
enum Loose {
    Num(u32),
    Text(String),
    List(Vec<Loose>),
}

#[derive(Debug, PartialEq, Deserialize)]
struct Outer {
    id: u32,
    #[serde(flatten)]
    rest: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(tag = "type")]
enum Tagged {
    A { x: i32 },
    B,
}

#[test]
fn data_model() {
    let mut buf = br#"[1,"t\u00e9",[2]]"#.to_vec();
    let got: Loose = from_slice(&mut buf).unwrap();
    assert_eq!(
        got,
        Loose::List(vec![
            Loose::Num(1),
            Loose::Text("té".into()),
            Loose::List(vec![Loose::Num(2)])
        ])
    );

    let mut buf = br#"{"x":[true],"id":7,"y":"z"}"#.to_vec();
    let got: Outer = from_slice(&mut buf).unwrap();
    assert_eq!(got.id, 7);
    assert_eq!(
        serde_json::to_string(&got.rest).unwrap(),
        r#"{"x":[true],"y":"z"}"#
    );

    let mut buf = br#"[{"type":"A","x":-3},{"type":"B"}]"#.to_vec();
    let got: Vec<Tagged> = from_slice(&mut buf).unwrap();
    assert_eq!(got, vec![Tagged::A { x: -3 }, Tagged::B]);

    let mut buf = br#"{"1":"a","20":"b"}"#.to_vec();
    let got: BTreeMap<u32, &str> = from_slice(&mut buf).unwrap();
    assert_eq!(got, BTreeMap::from([(1, "a"), (20, "b")]));

    let mut buf = br#"[null, 5, [1, "x"], null]"#.to_vec();
    let got: (Option<u8>, Option<u8>, (i64, char), ()) = from_slice(&mut buf).unwrap();
    assert_eq!(got, (None, Some(5), (1, 'x'), ()));

    let mut buf = br#"["170141183460469231731687303715884105727", 340282366920938463463374607431768211455, -170141183460469231731687303715884105728]"#.to_vec();
    let got: (&str, u128, i128) = from_slice(&mut buf).unwrap();
    assert_eq!(
        got,
        (
            "170141183460469231731687303715884105727",
            u128::MAX,
            i128::MIN
        )
    );
    let mut buf = b"340282366920938463463374607431768211456".to_vec();
    assert_eq!(
        from_slice::<u128>(&mut buf).unwrap_err().kind(),
        K::NumberOutOfRange
    );
    let mut buf = b"-1".to_vec();
    assert_eq!(
        from_slice::<u64>(&mut buf).unwrap_err().kind(),
        K::InvalidValue
    );
    let mut buf = b"-129".to_vec();
    assert_eq!(
        from_slice::<i8>(&mut buf).unwrap_err().kind(),
        K::InvalidValue
    );

    let mut buf = br#""by\ntes""#.to_vec();
    let got: &[u8] = from_slice(&mut buf).unwrap();
    assert_eq!(got, b"by\ntes");

    let mut buf = b"[1.5, 2, -3e2]".to_vec();
    let got: [f32; 3] = from_slice(&mut buf).unwrap();
    assert_eq!(got, [1.5, 2.0, -300.0]);
}

#[test]
fn custom_messages_are_truncated_safely() {
    let long = "é".repeat(100);
    let e: super::DecodeError = serde::de::Error::custom(&long);
    assert!(
        e.message().len() <= 64 && e.message().ends_with('…'),
        "{}",
        e.message()
    );
    assert!(long.starts_with(e.message().trim_end_matches('…')));
    assert_eq!(
        format!("{}", super::DecodeError::BUFFER_TOO_SMALL),
        "buffer too small for the JSON document"
    );
}

/// Runs `f` on a thread with a 256 KiB stack: deep input must fail long before that is used.
fn small_stack(f: impl FnOnce() + Send + 'static) {
    thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn depth_is_bounded() {
    small_stack(|| {
        const SIX_MB: usize = 6 << 20;
        let brackets = vec![b'['; SIX_MB];
        let objects = br#"{"a":"#.repeat(SIX_MB / 5);
        for doc in [&brackets, &objects] {
            let started = std::time::Instant::now();
            let mut buf = doc.clone();
            assert_eq!(
                from_slice::<serde::de::IgnoredAny>(&mut buf)
                    .unwrap_err()
                    .kind(),
                K::DepthLimit
            );
            // Unknown fields are skipped iteratively and share the bound.
            let mut buf = [br#"{"firstName":"a","age":1,"x":"#.as_slice(), doc].concat();
            assert_eq!(
                from_slice::<Person<'_>>(&mut buf).unwrap_err().kind(),
                K::DepthLimit
            );
            assert!(started.elapsed().as_secs() < 5, "slow on deep input");
        }
    });
}

/// `serde_json::Value` recurses through generic frames that are large in debug builds, so it
/// gets a 1 MiB stack; 128 levels of it fit, 10 000 would not.
#[test]
fn depth_is_bounded_for_recursive_types() {
    let run = thread::Builder::new().stack_size(1 << 20).spawn(|| {
        for doc in [vec![b'['; 6 << 20], br#"{"a":"#.repeat(1 << 20)] {
            let mut buf = doc;
            assert_eq!(
                from_slice::<serde_json::Value>(&mut buf)
                    .unwrap_err()
                    .kind(),
                K::DepthLimit
            );
        }
    });
    run.unwrap().join().unwrap();
}

#[test]
fn max_depth_is_accepted() {
    small_stack(|| {
        let ok = [vec![b'['; MAX_DEPTH], vec![b']'; MAX_DEPTH]].concat();
        let deep = [vec![b'['; MAX_DEPTH + 1], vec![b']'; MAX_DEPTH + 1]].concat();
        let mut buf = ok.clone();
        from_slice::<serde::de::IgnoredAny>(&mut buf).unwrap();
        let mut buf = deep.clone();
        assert_eq!(
            from_slice::<serde::de::IgnoredAny>(&mut buf)
                .unwrap_err()
                .kind(),
            K::DepthLimit
        );
        let objects = [
            br#"{"a":"#.repeat(MAX_DEPTH),
            b"1".to_vec(),
            b"}".repeat(MAX_DEPTH),
        ]
        .concat();
        let mut buf = objects.clone();
        from_slice::<serde::de::IgnoredAny>(&mut buf).unwrap();
    });
    thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(|| {
            let ok = [vec![b'['; MAX_DEPTH], vec![b']'; MAX_DEPTH]].concat();
            let mut buf = ok.clone();
            let mut v: serde_json::Value = from_slice(&mut buf).unwrap();
            // (serde_json itself stops one level earlier, so it cannot be the oracle here.)
            let mut depth = 0;
            while let serde_json::Value::Array(mut inner) = v {
                depth += 1;
                v = inner.pop().unwrap_or(serde_json::Value::Null);
            }
            assert_eq!(depth, MAX_DEPTH);
        })
        .unwrap()
        .join()
        .unwrap();
}
