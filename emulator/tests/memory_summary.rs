//! `invoke --repeat N` ends with the MEMORY line a user sizes a function by: Max Memory Used
//! over the run (first, median, maximum) and its growth per 1,000 invocations, which shows a
//! function that leaks.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

use std::process::{Command, Output};

const FUNCTION: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/misbehave.py");

fn invoke(event: &str, repeat: &str) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_lambkin-emulator"))
        .args(["invoke", "--memory", "128", "--event", event])
        .args(["--repeat", repeat])
        .args(["--", "python3", FUNCTION])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The MEMORY line's figures: invocations, first, median and maximum MB, growth KiB per 1,000.
fn summary(out: &Output) -> Option<(u64, u64, u64, u64, f64)> {
    let log = String::from_utf8_lossy(&out.stderr);
    let line = log.lines().find(|l| l.starts_with("MEMORY "))?;
    // Last of the log: after every REPORT.
    assert_eq!(log.lines().last(), Some(line), "{log}");
    let figure = |after: &str| -> &str {
        let rest = line
            .split(after)
            .nth(1)
            .unwrap_or_else(|| panic!("{after} in {line}"));
        rest.split([' ', '\t']).next().unwrap()
    };
    Some((
        figure("Invocations: ").parse().unwrap(),
        figure("first ").parse().unwrap(),
        figure("median ").parse().unwrap(),
        figure("maximum ").parse().unwrap(),
        figure("Growth: ").parse().unwrap(),
    ))
}

#[test]
fn a_run_ends_with_the_memory_summary() {
    let out = invoke(r#"{"action":"echo"}"#, "200");
    let (n, first, median, maximum, growth) = summary(&out).unwrap();
    assert_eq!(n, 200);
    assert!(0 < first && first <= median && median <= maximum && maximum <= 128);
    assert!(growth >= 0.0);
}

#[test]
fn a_leak_shows_as_growth() {
    // The fixture keeps 1 MiB for good on each invocation.
    // 100 invocations: the fewest that get a growth figure; 100 MiB kept stays under 128.
    let out = invoke(r#"{"action":"alloc","mb":1}"#, "100");
    let (n, first, _, maximum, growth) = summary(&out).unwrap();
    assert_eq!(n, 100);
    assert!(maximum >= first + 95, "{first} → {maximum}");
    // About 1,024 KiB per invocation: a million KiB per 1,000.
    assert!((900_000.0..1_200_000.0).contains(&growth), "{growth}");
}

#[test]
fn one_invocation_has_no_summary() {
    let out = invoke(r#"{"action":"echo"}"#, "1");
    assert_eq!(summary(&out), None);
}
