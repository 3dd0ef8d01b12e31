//! Core's decoder allocates nothing while it succeeds: its error is boxed when there is an
//! allocator (so decoding results come back in registers), and an error built eagerly on a
//! path that then succeeds (`ok_or(..)` instead of `ok_or_else`) would allocate on every
//! escape. lambkin-events' `Map` drops `null` entries without allocating either. Counted with the
//! per-thread counting allocator.
#![allow(missing_docs, clippy::unwrap_used, clippy::panic)]

use lambkin_conformance::counting::{Counting, thread_allocations};
use lambkin_core::json::from_slice;
use serde::Deserialize;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[derive(Deserialize)]
#[allow(dead_code)]
struct Doc<'a> {
    text: &'a str,
    escaped: &'a str,
    unicode: &'a str,
    number: i64,
    big: u64,
    wide: i128,
    flag: bool,
    none: Option<&'a str>,
    list: [u8; 3],
    nested: Inner<'a>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Inner<'a> {
    key: &'a str,
}

#[test]
fn decoding_that_succeeds_allocates_nothing() {
    let docs = [
        r#"{"text": "plain", "escaped": "a \"quoted\" \\ line\n\ttab", "unicode": "\u00e9\ud83d\ude00", "number": -12, "big": 18446744073709551615, "wide": -170141183460469231731687303715884105728, "flag": true, "none": null, "list": [1, 2, 3], "nested": {"key": "v", "ignored": [{"x": "y\"z"}, 1.5, null, false]}}"#,
        "{\n  \"text\" : \"a\",\n  \"escaped\" : \"\\/\",\n  \"unicode\" : \"\\u0041\",\n  \"number\" : 0,\n  \"big\" : 1,\n  \"wide\" : 2,\n  \"flag\" : false,\n  \"none\" : \"x\",\n  \"list\" : [ 0 , 0 , 0 ],\n  \"nested\" : {\r\n\t\"key\" : \"\\\\\"\n  }\n}",
    ];
    for doc in docs {
        let mut buf = doc.as_bytes().to_vec();
        let before = thread_allocations();
        let parsed = from_slice::<Doc<'_>>(&mut buf);
        let after = thread_allocations();
        assert!(parsed.is_ok(), "{doc}: {:?}", parsed.err());
        assert_eq!(after - before, 0, "allocations decoding {doc}");
    }
}

#[test]
fn a_failed_decode_still_says_what_and_where() {
    let mut buf = br#"{"text": "a", "escaped": "b\q"}"#.to_vec();
    let e = from_slice::<Doc<'_>>(&mut buf).err().unwrap();
    assert_eq!(e.kind(), lambkin_core::json::DecodeErrorKind::InvalidEscape);
    assert_eq!(e.offset(), Some(27));
    let mut buf = br#"{"text": 1}"#.to_vec();
    let e = from_slice::<Doc<'_>>(&mut buf).err().unwrap();
    assert!(e.message().contains("expected a borrowed string"), "{e}");
}

/// A `null` entry in a map of strings is dropped (lambkin-events' tolerance rule) after asking
/// whether the value type takes `null`; the answer costs nothing, so a map with a hundred `null`
/// entries allocates what the same map without them does (the entry list).
#[test]
fn null_map_entries_cost_no_allocation() {
    use lambkin_events::Map;
    let count = |text: &str| {
        let mut buf = text.as_bytes().to_vec();
        let before = thread_allocations();
        let map = from_slice::<Map<'_, &str>>(&mut buf).unwrap();
        let after = thread_allocations();
        assert_eq!(map.get("b"), Some(&"x"), "{text}");
        assert_eq!(map.len(), 1, "{text}");
        after - before
    };
    let nulls: String = (0..100).map(|i| format!(r#""n{i}": null, "#)).collect();
    let with_nulls = format!(r#"{{{nulls}"b": "x"}}"#);
    assert_eq!(count(&with_nulls), count(r#"{"b": "x"}"#));
}
