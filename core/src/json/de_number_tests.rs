//! Typed number requests against serde_json: only float requests parse floats.
#![allow(clippy::panic, clippy::unwrap_used)]
#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use std::format;
use std::string::String;

use serde::Deserialize;

use super::{DecodeErrorKind as K, from_slice};

/// Integer and other non-float requests refuse floats without parsing them (so no float
/// parsing is linked where no float is asked for); float requests decode every number.
#[test]
fn typed_numbers_agree_with_serde_json() {
    fn check<T>(text: &str)
    where
        T: for<'a> Deserialize<'a> + PartialEq + core::fmt::Debug,
    {
        let got = from_slice::<T>(&mut text.as_bytes().to_vec());
        let want = serde_json::from_str::<T>(text);
        match (&got, &want) {
            (Ok(g), Ok(w)) => assert_eq!(g, w, "{text}"),
            (Err(_), Err(_)) => {}
            _ => panic!(
                "{text} as {}: {got:?} vs {want:?}",
                core::any::type_name::<T>()
            ),
        }
    }
    const NUMBERS: &[&str] = &[
        "0",
        "-0",
        "7",
        "-7",
        "255",
        "256",
        "1.5",
        "-1.5",
        "1e3",
        "1E-2",
        "2.0",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775809",
        "1e400",
        "\"1\"",
    ];
    for text in NUMBERS {
        check::<u8>(text);
        check::<u64>(text);
        check::<i64>(text);
        check::<f64>(text);
        check::<f32>(text);
        check::<Option<f64>>(text);
        check::<Option<u64>>(text);
        check::<bool>(text);
        check::<String>(text);
    }
    /// The error names the float, and where it is, as for any other mismatch.
    #[derive(Debug, Deserialize)]
    struct Person {
        _age: u8,
    }
    let e = from_slice::<Person>(&mut br#"{"_age":2.5}"#.to_vec()).unwrap_err();
    assert_eq!(
        (e.kind(), format!("{e}").as_str()),
        (
            K::InvalidType,
            "expected u8, found floating point at byte 11"
        )
    );
}
