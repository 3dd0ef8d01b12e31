//! The in-place JSON decoder on arbitrary bytes, with serde_json as the oracle.
//!
//! Invariants: decoding into `serde_json::Value` and into a typed event (borrowed strings,
//! numbers, options, nested vectors and maps, an enum, ignored fields) succeeds exactly when
//! serde_json succeeds, with equal values; strings borrowed from the buffer are the unescaped
//! text; nesting is bounded (no stack overflow on any input); the decoder only rewrites bytes
//! inside string literals.
#![no_main]

use std::borrow::Cow;
use std::collections::BTreeMap;

use lambkin_core::json::{self, DecodeErrorKind, MAX_DEPTH};
use lambkin_fuzz::oracle::struct_from_array;
use serde::Deserialize;

#[derive(Debug, Deserialize, PartialEq)]
enum Kind<'a> {
    Unit,
    New(#[serde(borrow)] Cow<'a, str>),
    Pair(i32, bool),
    Named {
        x: Option<f64>,
        #[serde(borrow)]
        s: Cow<'a, str>,
    },
}

#[derive(Debug, Deserialize, PartialEq)]
struct Inner<'a> {
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    #[serde(default)]
    values: Vec<Option<i64>>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Event<'a> {
    #[serde(borrow, default)]
    first_name: Option<Cow<'a, str>>,
    #[serde(default)]
    id: Option<u64>,
    #[serde(default)]
    ratio: Option<f64>,
    #[serde(default)]
    delta: Option<i16>,
    #[serde(default)]
    big: Option<u128>,
    #[serde(default)]
    flag: Option<bool>,
    #[serde(default)]
    letter: Option<char>,
    #[serde(borrow, default)]
    tags: Vec<Cow<'a, str>>,
    #[serde(borrow, default)]
    records: Vec<Inner<'a>>,
    #[serde(default)]
    grid: Vec<Vec<u8>>,
    #[serde(borrow, default)]
    headers: BTreeMap<String, Cow<'a, str>>,
    #[serde(default)]
    counts: BTreeMap<u32, Option<bool>>,
    #[serde(borrow, default)]
    kind: Option<Kind<'a>>,
    #[serde(default)]
    unit: Option<()>,
}

/// Plain `&str` fields: the decoder must hand over unescaped text where serde_json refuses.
#[derive(Debug, Deserialize)]
struct Borrowed<'a> {
    #[serde(default)]
    name: Option<&'a str>,
    #[serde(default)]
    list: Vec<&'a str>,
}

/// serde_json reads at most 127 levels, we read 128 (documented): that one level may differ.
fn serde_depth_limit(e: &serde_json::Error, data: &[u8]) -> bool {
    e.to_string().starts_with("recursion limit exceeded") && lambkin_fuzz::json_depth(data) == 128
}

fn decode<'a, T: Deserialize<'a>>(buf: &'a mut Vec<u8>) -> Result<T, json::DecodeError> {
    json::from_slice(buf.as_mut_slice())
}

/// Only string contents may change: every byte outside a string literal is left as it was.
fn check_untouched_outside_strings(before: &[u8], after: &[u8]) {
    let (mut in_str, mut esc) = (false, false);
    for (i, (&a, &b)) in before.iter().zip(after).enumerate() {
        if !in_str {
            assert_eq!(a, b, "byte {i} outside a string rewritten");
        }
        match (in_str, esc, a) {
            (true, true, _) => esc = false,
            (true, false, b'\\') => esc = true,
            (_, false, b'"') => in_str = !in_str,
            _ => {}
        }
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut buf = data.to_vec();
    let ours = decode::<serde_json::Value>(&mut buf);
    check_untouched_outside_strings(data, &buf);
    let oracle = serde_json::from_slice::<serde_json::Value>(data);
    match (&ours, &oracle) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "Value differs from serde_json"),
        (Ok(_), Err(e)) if serde_depth_limit(e, data) => {}
        (Err(e), Err(_)) => {
            assert!(
                e.offset().is_none_or(|o| o <= data.len()),
                "offset {e:?} past the input"
            );
        }
        (a, b) => panic!("Value: ours {a:?}, serde_json {b:?}"),
    }
    if let Err(e) = &ours
        && e.kind() == DecodeErrorKind::DepthLimit
    {
        assert!(lambkin_fuzz::json_depth(data) > MAX_DEPTH);
    }

    let mut buf = data.to_vec();
    let ours = decode::<Event<'_>>(&mut buf);
    let oracle = serde_json::from_slice::<Event<'_>>(data);
    // serde_json skips ignored strings without checking UTF-8; we check all input (JSON text
    // is UTF-8, RFC 8259), so on other bytes we may only refuse more, never accept more.
    let utf8 = std::str::from_utf8(data).is_ok();
    match (&ours, &oracle) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "Event differs from serde_json"),
        (Err(_), Err(_)) => {}
        (Err(_), Ok(_)) if !utf8 => {}
        // serde_json also reads a struct from an array of its fields; core does not.
        (Err(e), Ok(_)) if struct_from_array(e) => {}
        (Ok(_), Err(e)) if serde_depth_limit(e, data) => {}
        (a, b) => panic!("Event: ours {a:?}, serde_json {b:?}"),
    }

    let mut buf = data.to_vec();
    if let Ok(b) = decode::<Borrowed<'_>>(&mut buf) {
        #[derive(Deserialize)]
        struct Owned {
            #[serde(default)]
            name: Option<String>,
            #[serde(default)]
            list: Vec<String>,
        }
        let o: Owned = serde_json::from_slice(data).expect("serde_json accepts what we accept");
        assert_eq!(b.name, o.name.as_deref());
        assert!(b.list.iter().eq(o.list.iter()));
    }
});
