#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::fmt;

use lambkin_core::ErrorReport;

use super::*;

#[derive(Debug)]
struct NotFound {
    #[allow(dead_code)]
    id: u32,
}

impl fmt::Display for NotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("no such item")
    }
}

impl std::error::Error for NotFound {}

#[derive(Debug)]
enum StoreError {
    Unavailable(std::io::Error),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("store unavailable")
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Unavailable(e) => Some(e),
        }
    }
}

fn report(e: impl IntoReport) -> Report {
    e.into_report()
}

#[test]
fn boxed_errors_report_their_concrete_short_type_name() {
    let cases: Vec<(Error, &str, &str)> = vec![
        (Box::new(NotFound { id: 7 }), "NotFound", "no such item"),
        (
            "x".parse::<u8>().unwrap_err().into(),
            "ParseIntError",
            "invalid digit found in string",
        ),
        (
            Box::new(std::io::Error::other("disk gone")),
            "io::Error",
            "disk gone",
        ),
        ("plain text".into(), "Function.Unhandled", "plain text"),
        (
            String::from_utf8(vec![0xff]).unwrap_err().into(),
            "FromUtf8Error",
            "invalid utf-8 sequence of 1 bytes from index 0",
        ),
    ];
    for (e, ty, message) in cases {
        let r = report(e);
        assert_eq!(r.error_type(), ty);
        assert_eq!(r.diagnostic.error_message, message);
        assert!(!r.error_type().contains("Box<"));
    }
}

#[test]
fn the_cause_chain_is_in_the_message_and_the_root_names_the_type() {
    let e: Error = Box::new(StoreError::Unavailable(std::io::Error::other("timed out")));
    let r = report(e);
    assert_eq!(r.diagnostic.error_message, "store unavailable: timed out");
    assert_eq!(r.error_type(), "io::Error");
}

#[test]
fn user_from_impls_choose_type_and_message() {
    struct Mine;
    impl From<Mine> for Diagnostic {
        fn from(_: Mine) -> Self {
            Diagnostic {
                error_type: "MyErrorType".into(),
                error_message: "mine".into(),
            }
        }
    }
    let r = report(Mine);
    assert_eq!(
        (r.error_type(), r.to_string().as_str()),
        ("MyErrorType", "mine")
    );
    assert!(r.stack_trace().is_some_and(|s| s.frame(0).is_none()));
}

#[cfg(feature = "anyhow")]
#[test]
fn anyhow_reports_the_chain_the_root_type_and_its_backtrace() {
    use anyhow::Context as _;
    fn load() -> anyhow::Result<u8> {
        let n = "x".parse::<u8>().context("reading the item count")?;
        Ok(n)
    }
    let e = load().context("loading the order").unwrap_err();
    let r = report(e);
    assert_eq!(r.error_type(), "ParseIntError");
    assert_eq!(
        r.diagnostic.error_message,
        "loading the order: reading the item count: invalid digit found in string"
    );
    // anyhow captures a backtrace only when RUST_BACKTRACE or RUST_LIB_BACKTRACE asks.
    let asked = ["RUST_LIB_BACKTRACE", "RUST_BACKTRACE"]
        .iter()
        .find_map(|v| std::env::var(v).ok())
        .is_some_and(|v| v != "0");
    if asked {
        let first = r.stack_trace.first().expect("frames");
        assert!(first.contains("diagnostic_tests"), "{:?}", r.stack_trace);
    }
    let plain = report(anyhow::anyhow!("no rows"));
    assert_eq!(
        (plain.error_type(), plain.to_string().as_str()),
        ("Function.Unhandled", "no rows")
    );
}

#[cfg(feature = "eyre")]
#[test]
fn eyre_reports_the_chain_and_the_root_type() {
    use eyre::WrapErr as _;
    let e = Err::<(), _>(NotFound { id: 1 })
        .wrap_err("fetching")
        .unwrap_err();
    let r = report(e);
    assert_eq!(r.error_type(), "NotFound");
    assert_eq!(r.diagnostic.error_message, "fetching: no such item");
}

#[cfg(feature = "miette")]
#[test]
fn miette_reports_its_code_as_the_type() {
    #[derive(Debug)]
    struct BadInput;
    impl miette::Diagnostic for BadInput {
        fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
            Some(Box::new("orders::bad_input"))
        }
    }
    impl fmt::Display for BadInput {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("bad input")
        }
    }
    impl std::error::Error for BadInput {}
    let r = report(miette::Report::new(BadInput));
    assert_eq!(r.error_type(), "orders::bad_input");
    assert_eq!(r.to_string(), "bad input");
    let r = report(miette::Report::from_err(NotFound { id: 2 }).wrap_err("looking up"));
    assert_eq!(r.error_type(), "NotFound");
    assert_eq!(r.to_string(), "looking up: no such item");
}
