//! Shared by the fixture tests: decode with core's in-place decoder, compare with serde_json.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

pub mod documented;
pub mod lattice;

use lambkin_core::json::DecodeError;
use serde::Serialize;
use serde_json::Value as J;

pub const EVENTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/events");
pub const HTTP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/http");

/// How a fixture is checked.
#[derive(Clone, Copy)]
pub enum Check {
    /// A request: every field the type decoded equals the fixture's.
    Event(fn(&mut [u8]) -> Result<J, String>),
    /// A response: re-encoding gives the fixture, as a JSON value.
    Response(fn(&mut [u8]) -> Result<J, String>),
    /// Not JSON (a body file the HTTP adapter tests use).
    NotJson,
}

/// Encodes what `lambkin_core::json::from_slice` decoded to a serde_json value, through both
/// core's encoder and serde_json's, which must agree.
pub fn enc<T: Serialize>(decoded: Result<T, DecodeError>) -> Result<J, String> {
    let v = decoded.map_err(|e| e.to_string())?;
    // Also through core's encoder, to check it agrees with serde_json's.
    let mut out = vec![0u8; 1 << 16];
    let n = lambkin_core::json::to_slice(&v, &mut out).map_err(|e| e.to_string())?;
    let ours: J = serde_json::from_slice(&out[..n]).map_err(|e| e.to_string())?;
    let theirs = serde_json::to_value(&v).map_err(|e| e.to_string())?;
    if ours != theirs {
        return Err(format!(
            "core and serde_json encoders differ:\n{ours}\n{theirs}"
        ));
    }
    Ok(theirs)
}

fn is_empty(v: &J) -> bool {
    match v {
        J::Null | J::Bool(false) => true,
        J::Array(a) => a.is_empty(),
        J::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// Checks that everything in `ours` is in `fixture` (keys matched ASCII case-insensitively, for
/// aliases such as SNS's `SigningCertUrl`), with empty values standing for absent ones.
pub fn subset(ours: &J, fixture: &J, path: &str) -> Result<(), String> {
    match (ours, fixture) {
        (J::Object(a), J::Object(b)) => {
            for (k, v) in a {
                let found = b.get(k).or_else(|| {
                    b.iter()
                        .find(|(bk, _)| bk.eq_ignore_ascii_case(k))
                        .map(|(_, v)| v)
                });
                match found {
                    Some(f) => subset(v, f, &format!("{path}.{k}"))?,
                    None if is_empty(v) => {}
                    None => return Err(format!("{path}.{k}: decoded {v} but absent in fixture")),
                }
            }
            Ok(())
        }
        (J::Array(a), J::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                subset(x, y, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        (J::Number(x), J::Number(y)) if x.as_f64() == y.as_f64() => Ok(()),
        (a, b) if a == b => Ok(()),
        (a, J::Null) if is_empty(a) => Ok(()),
        (a, b) => Err(format!("{path}: decoded {a}, fixture has {b}")),
    }
}

/// Paths of fixture leaves that the decoded value does not hold (for coverage reports).
pub fn uncovered(ours: &J, fixture: &J, path: &str, out: &mut Vec<String>) {
    match (ours, fixture) {
        (J::Object(a), J::Object(b)) => {
            for (k, v) in b {
                let found = a.get(k).or_else(|| {
                    a.iter()
                        .find(|(ak, _)| ak.eq_ignore_ascii_case(k))
                        .map(|(_, v)| v)
                });
                match found {
                    Some(o) => uncovered(o, v, &format!("{path}.{k}"), out),
                    None if is_empty(v) => {}
                    None => out.push(format!("{path}.{k}")),
                }
            }
        }
        (J::Array(a), J::Array(b)) => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                uncovered(x, y, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}
