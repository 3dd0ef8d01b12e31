//! serde_json as the oracle for borrowed typed decoding (the lambkin-events targets).
//!
//! serde_json cannot hand out `&str` for escaped strings when it reads bytes, but it can when it
//! deserializes from a `&serde_json::Value` (every string is then borrowed from the tree). So
//! any borrowed event type `T` is decoded twice: by core's in-place decoder from the bytes, and
//! by serde from serde_json's own reading of the same bytes; the two must agree exactly.
//!
//! The one thing a `Value` loses is a repeated object key (the last one wins), which `Map`
//! keeps and struct fields reject; inputs with repeated keys are compared less strictly.

use std::collections::BTreeSet;
use std::fmt::{self, Debug};

use lambkin_core::json;
use serde::Serialize;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// serde_json's reading of the input, when it is valid JSON.
pub struct Oracle {
    /// The document.
    pub value: Value,
    /// Some object repeats a key (after unescaping), so `value` lost an entry.
    pub repeated_keys: bool,
}

impl Oracle {
    /// serde_json's reading of `data`, or `None` when serde_json rejects it.
    pub fn new(data: &[u8]) -> Option<Self> {
        let value = serde_json::from_slice(data).ok()?;
        let Repeats(repeated_keys) =
            serde_json::from_slice(data).expect("valid JSON is valid for the repeat check");
        Some(Self {
            value,
            repeated_keys,
        })
    }
}

/// Whether any object in a document repeats a key.
struct Repeats(bool);

impl<'de> Deserialize<'de> for Repeats {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RepeatsVisitor)
    }
}

struct RepeatsVisitor;

impl<'de> Visitor<'de> for RepeatsVisitor {
    type Value = Repeats;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Repeats, E> {
        Ok(Repeats(false))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Repeats, E> {
        Ok(Repeats(false))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Repeats, E> {
        Ok(Repeats(false))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Repeats, E> {
        Ok(Repeats(false))
    }
    fn visit_str<E>(self, _: &str) -> Result<Repeats, E> {
        Ok(Repeats(false))
    }
    fn visit_unit<E>(self) -> Result<Repeats, E> {
        Ok(Repeats(false))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Repeats, A::Error> {
        let mut any = false;
        while let Some(Repeats(r)) = seq.next_element()? {
            any |= r;
        }
        Ok(Repeats(any))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Repeats, A::Error> {
        let (mut keys, mut any) = (BTreeSet::new(), false);
        while let Some(k) = map.next_key::<String>()? {
            any |= !keys.insert(k);
            let Repeats(r) = map.next_value()?;
            any |= r;
        }
        Ok(Repeats(any))
    }
}

/// serde_json reads at most 127 levels, core 128 (documented): that one level may differ.
pub fn serde_depth_exemption(data: &[u8]) -> bool {
    crate::json_depth(data) == 128
}

/// Core reads structs from JSON objects only (documented); serde_json also reads one from an
/// array of its fields in order. A refusal that says so is that difference, not a flaw.
pub fn struct_from_array(e: &json::DecodeError) -> bool {
    e.kind() == json::DecodeErrorKind::InvalidType && e.to_string().contains("found sequence")
}

/// Encodes `v` with core's encoder, growing the buffer to the size it reports.
pub fn encode<T: Serialize + ?Sized>(v: &T) -> Vec<u8> {
    let mut out = vec![0u8; 256];
    match json::to_slice(v, &mut out) {
        Ok(n) => out.truncate(n),
        Err(json::EncodeError::BufferFull { needed }) => {
            out = vec![0u8; needed];
            let n = json::to_slice(v, &mut out).expect("the reported size suffices");
            assert_eq!(n, needed, "size report exact");
        }
        Err(e) => panic!("encoding a decoded event failed: {e}"),
    }
    out
}

/// Decodes `buf` (a copy of `data`) as `T` with core's decoder and checks it against the oracle:
///
/// - on input serde_json rejects, core rejects too (bar the one depth level);
/// - without repeated keys, core's result equals serde's from the `Value`: both fail, or both
///   succeed with equal values (so every borrowed string is serde_json's unescaped text);
/// - with repeated keys, core may only fail or succeed where serde did, never panic;
/// - a decoded value re-encodes (core's encoder) to JSON that serde_json reads as it reads
///   serde_json's own encoding of the value.
///
/// Returns core's result for further checks.
pub fn check<'a, T>(
    name: &str,
    data: &[u8],
    buf: &'a mut [u8],
    oracle: Option<&'a Oracle>,
) -> Option<T>
where
    T: Deserialize<'a> + Serialize + PartialEq + Debug,
{
    let ours = json::from_slice::<T>(buf);
    match oracle {
        None => assert!(
            ours.is_err() || serde_depth_exemption(data),
            "{name}: core accepted what serde_json rejects: {ours:?}"
        ),
        Some(o) if !o.repeated_keys => {
            let theirs = T::deserialize(&o.value);
            match (&ours, &theirs) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{name}: core and serde_json disagree"),
                (Err(_), Err(_)) => {}
                (Err(e), Ok(_)) if struct_from_array(e) => {}
                (a, b) => panic!("{name}: core {a:?}, serde_json {b:?}"),
            }
        }
        Some(_) => {}
    }
    let ours = ours.ok()?;
    let ours_json: Value = serde_json::from_slice(&encode(&ours))
        .unwrap_or_else(|e| panic!("{name}: core's encoding is not JSON: {e}"));
    let theirs_json = serde_json::to_value(&ours).expect("serde_json encodes the event");
    assert_eq!(ours_json, theirs_json, "{name}: encoders disagree");
    Some(ours)
}
