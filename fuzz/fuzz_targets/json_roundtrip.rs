//! Typed JSON both ways, with serde_json as the oracle, on arbitrary structured values.
//!
//! Invariants, for any value of the event types below (borrowed `&str` with any characters,
//! chars, integers up to 128 bits, finite floats, options, nested vectors, string- and
//! integer-keyed maps, every enum shape, recursion):
//! 1. decode(serde_json's encoding) == the value, or a depth error exactly when the encoding
//!    nests deeper than `MAX_DEPTH`; also from pretty-printed JSON;
//! 2. our encoder's output means the same JSON as serde_json's (equal `Value`s), decodes back
//!    to the value, and its size report is exact: a buffer one byte short gets
//!    `BufferFull { needed }` with the same `needed`, an exact one gets all of it.
#![no_main]

use std::collections::BTreeMap;

use arbitrary::{Arbitrary, Unstructured};
use lambkin_core::json::{self, DecodeErrorKind, EncodeError, MAX_DEPTH};
use serde::{Deserialize, Serialize};

/// An f64 that serde can round-trip: non-finite floats encode as `null`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
struct Finite(f64);

impl<'a> Arbitrary<'a> for Finite {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let v = f64::arbitrary(u)?;
        Ok(Self(if v.is_finite() { v } else { 0.5 }))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
struct Finite32(f32);

impl<'a> Arbitrary<'a> for Finite32 {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let v = f32::arbitrary(u)?;
        Ok(Self(if v.is_finite() { v } else { -2.0 }))
    }
}

#[derive(Debug, PartialEq, Arbitrary, Serialize, Deserialize)]
enum Kind<'a> {
    Unit,
    New(&'a str),
    Pair(i16, Option<bool>),
    Named { x: Finite, s: &'a str, c: char },
}

#[derive(Debug, PartialEq, Arbitrary, Serialize, Deserialize)]
enum Tree<'a> {
    Leaf(#[serde(borrow)] Option<&'a str>),
    Node(#[serde(borrow)] Vec<Tree<'a>>),
    Map(#[serde(borrow)] BTreeMap<&'a str, Tree<'a>>),
}

#[derive(Debug, PartialEq, Arbitrary, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Record<'a> {
    id: u64,
    neg: i64,
    small: i8,
    wide: u128,
    signed_wide: i128,
    ratio: Finite,
    single: Finite32,
    letter: char,
    flag: bool,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    missing: Option<&'a str>,
    nothing: Option<u16>,
    tags: Vec<&'a str>,
    grid: Vec<Vec<i32>>,
    by_name: BTreeMap<&'a str, Option<Finite>>,
    by_number: BTreeMap<u32, &'a str>,
    kinds: Vec<Kind<'a>>,
    pair: (u8, &'a str),
    unit: (),
    tree: Tree<'a>,
}

/// Decodes `buf` with our decoder and compares with the original value: `None` if equal, else
/// the decoded value for the report. (A closure, so the decoded value may borrow `buf` while the
/// original borrows the fuzz input.)
type Decode<'f> = &'f dyn Fn(&mut [u8]) -> Result<Option<String>, json::DecodeError>;

fn check<T: Serialize + std::fmt::Debug>(value: &T, decode: Decode<'_>) {
    let reference = serde_json::to_vec(value).expect("serde_json encodes");
    let depth = lambkin_fuzz::json_depth(&reference);
    let deep = depth > MAX_DEPTH;

    // 1. Decode serde_json's encoding, compact and pretty.
    for mut text in [reference.clone(), serde_json::to_vec_pretty(value).unwrap()] {
        match decode(&mut text) {
            Ok(None) => assert!(!deep, "decoded past the depth limit"),
            Ok(Some(got)) => panic!("decode(serde_json(v)) != v:\n{got}\n{value:?}"),
            Err(e) => {
                assert!(deep, "valid JSON refused: {e:?}");
                assert_eq!(e.kind(), DecodeErrorKind::DepthLimit);
            }
        }
    }

    // 2. Our encoding: exact size reports, same JSON as serde_json's.
    let needed = match json::to_slice(value, &mut []) {
        Err(EncodeError::BufferFull { needed }) => needed,
        other => panic!("empty buffer: {other:?}"),
    };
    let mut out = vec![0u8; needed];
    assert_eq!(json::to_slice(value, &mut out), Ok(needed));
    assert_eq!(
        json::to_slice(value, &mut vec![0u8; needed - 1]),
        Err(EncodeError::BufferFull { needed })
    );
    // serde_json itself reads at most 127 levels (one less than we do, as documented).
    if depth < 128 {
        let mut ours: serde_json::Value =
            serde_json::from_slice(&out).expect("we encode valid JSON");
        let mut theirs: serde_json::Value = serde_json::from_slice(&reference).unwrap();
        // An f32 halfway between two equally short decimals may be written either way (ryu
        // and core::fmt differ); both read back as the same f32, which the round trip checks.
        for v in [&mut ours, &mut theirs] {
            v.as_object_mut().map(|o| o.remove("single"));
        }
        assert_eq!(
            ours, theirs,
            "our encoding means other JSON than serde_json's"
        );
    }
    if !deep {
        assert_eq!(decode(&mut out).expect("decode our own encoding"), None);
    }
}

fn differs<T: PartialEq + std::fmt::Debug>(got: T, want: &T) -> Option<String> {
    (got != *want).then(|| format!("{got:?}"))
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    if let Ok(record) = Record::arbitrary(&mut u) {
        check(&record, &|buf| {
            json::from_slice::<Record<'_>>(buf).map(|v| differs(v, &record))
        });
    }
    if let Ok(tree) = Tree::arbitrary(&mut u) {
        check(&tree, &|buf| {
            json::from_slice::<Tree<'_>>(buf).map(|v| differs(v, &tree))
        });
    }
});
