//! Interop: the official `lambda-extension` crate's own examples (aws-lambda-rust-runtime
//! `examples/extension-basic`, `extension-logs-basic` and `extension-telemetry-basic`, unchanged)
//! run together as external extensions on the emulator, beside a function that prints. Built
//! from `fixtures/official-extensions` with its committed Cargo.lock (crates.io on a cold run; a
//! build that fails fails the test).
//!
//! One test in this binary: the logs and telemetry examples listen on the official crate's
//! fixed ports (9002, 9003), so no other test may run them at the same time.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_core,
    clippy::std_instead_of_alloc,
    missing_docs
)]

// Shared with interop.rs and deploy.rs; this file needs one of its builders.
#[allow(dead_code)]
mod interop_support;
mod output;

use std::process::Command;

use interop_support::official_extensions;
use output::{payloads, request_ids};
use serde_json::json;

const FUNCTION: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/misbehave.py");

/// How many lines of `log` end with `suffix`.
fn ending(log: &str, suffix: &str) -> usize {
    log.lines().filter(|l| l.ends_with(suffix)).count()
}

#[test]
fn the_official_extension_examples_run_on_the_emulator() {
    let built = official_extensions().unwrap_or_else(|e| panic!("{e}"));
    let dir = std::env::temp_dir().join(format!("lambkin-offext-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // Named as the examples name themselves (argv[0]'s file name), as in /opt/extensions.
    for name in ["basic", "logs", "telemetry"] {
        std::fs::copy(built.join(name), dir.join(name)).unwrap();
    }
    let event = json!({"action": "echo", "say": "said"});
    let out = Command::new(env!("CARGO_BIN_EXE_lambkin-emulator"))
        .arg("invoke")
        .args(["--extensions", dir.to_str().unwrap()])
        .args(["--event", &event.to_string(), "--repeat", "2"])
        .args(["--", "python3", FUNCTION])
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    assert_eq!(payloads(&out), [event.clone(), event], "{log}");
    let ids = request_ids(&out);
    assert_eq!(ids.len(), 2, "{log}");

    // The logs example (Logs API) and the telemetry example (Telemetry API) each log every
    // line the function printed in the two invocations: `said`, once per invocation.
    assert_eq!(ending(&log, " INFO [logs] [function] said"), 2 * 2, "{log}");
    let json_line = r#" INFO [logs] [function] {"level": "WARN", "message": "said"}"#;
    assert_eq!(ending(&log, json_line), 2 * 2, "{log}");
    // The telemetry example's platform records: the init, then each invocation's start and
    // runtimeDone, under the request ids REPORT shows.
    assert_eq!(
        ending(&log, " INFO [platform] Initialization started"),
        1,
        "{log}"
    );
    assert_eq!(
        ending(&log, " INFO [platform] Initialization finished"),
        1,
        "{log}"
    );
    for id in &ids {
        for phase in ["started", "finished"] {
            let line = format!(" INFO [platform] Handling of request {id} {phase}");
            assert_eq!(ending(&log, &line), 1, "{line}\n{log}");
        }
    }
    // None of them failed: lambda-extension logs its errors (a refused registration or
    // subscription, a connection closed under its next call) at ERROR before exiting.
    assert!(!log.contains("ERROR"), "{log}");
    assert!(!log.contains("rror:"), "{log}");
    let _ = std::fs::remove_dir_all(&dir);
}
