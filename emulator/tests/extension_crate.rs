//! lambkin-extension's `telemetry_count` example as an external extension on the emulator,
//! on every transport: it registers, subscribes over HTTP (or TCP), receives the records of
//! the function's invocations, and prints its count at SHUTDOWN into the function's log.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod output;

use std::path::PathBuf;
use std::process::Command;
use std::sync::{Mutex, PoisonError};

use output::{invoke_example_with, payloads};
use serde_json::{Value, json};

const FUNCTION: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/misbehave.py");

/// `telemetry_count` built (release) with `features`, alone in a fresh extensions directory.
fn telemetry_count(test: &str, features: &str) -> PathBuf {
    // Every feature set builds to the same output path: build and copy one at a time.
    static BUILDING: Mutex<()> = Mutex::new(());
    let _building = BUILDING.lock().unwrap_or_else(PoisonError::into_inner);
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let out = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .current_dir(root)
        .args([
            "build",
            "--release",
            "--message-format=json-render-diagnostics",
        ])
        .args(["-p", "lambkin-extension", "--example", "telemetry_count"])
        .args(["--no-default-features", "--features", features])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let exe = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-artifact")
        .filter_map(|m| m["executable"].as_str().map(PathBuf::from))
        .next_back()
        .expect("cargo reported the example");
    let dir = std::env::temp_dir().join(format!("lambkin-extcrate-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // Copied: each feature set's build overwrites cargo's output path.
    std::fs::copy(&exe, dir.join("telemetry_count")).unwrap();
    dir
}

/// `(N, M)` from the `telemetry_count: N records, M function lines` line of `log`, which must
/// appear exactly once.
fn counted(log: &str) -> (usize, usize) {
    let lines: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("telemetry_count: "))
        .collect();
    assert_eq!(lines.len(), 1, "{log}");
    let rest = lines[0].split("telemetry_count: ").nth(1).unwrap();
    let words: Vec<&str> = rest.split(' ').collect();
    assert_eq!(
        &words[1..],
        ["records,", words[2], "function", "lines"],
        "{rest}"
    );
    (words[0].parse().unwrap(), words[2].parse().unwrap())
}

fn hello_on(transport: &str) {
    let dir = telemetry_count(&format!("hello-{transport}"), transport);
    let out = invoke_example_with(
        "hello",
        transport,
        &["--extensions", dir.to_str().unwrap()],
        &[json!({"firstName": "Ada"}), json!({"firstName": "Grace"})],
    );
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    assert_eq!(
        payloads(&out),
        [
            json!({"message": "Hello, Ada!"}),
            json!({"message": "Hello, Grace!"})
        ]
    );
    let (records, function_lines) = counted(&log);
    // At least initStart, initRuntimeDone, initReport, then start, runtimeDone and report for
    // each of the two invocations; hello prints nothing.
    assert!(records >= 3 + 2 * 3, "{log}");
    assert_eq!(function_lines, 0, "{log}");
}

#[test]
fn telemetry_count_with_hello_on_std() {
    hello_on("std");
}

#[test]
fn telemetry_count_with_hello_on_smol() {
    hello_on("smol");
}

#[test]
fn telemetry_count_with_hello_on_tokio() {
    hello_on("tokio");
}

/// A function that prints: each invocation prints one line on stdout and one on stderr, and
/// every one reaches the extension as a `function` record, over HTTP and over TCP.
fn printing_function(test: &str, tcp: bool) {
    let dir = telemetry_count(test, "std");
    let out = Command::new(env!("CARGO_BIN_EXE_lambkin-emulator"))
        .arg("invoke")
        .args(["--extensions", dir.to_str().unwrap()])
        .args([
            "--env",
            if tcp {
                "TELEMETRY_COUNT_TCP=1"
            } else {
                "TELEMETRY_COUNT_TCP=0"
            },
        ])
        .args([
            "--event",
            r#"{"action":"echo","say":"said"}"#,
            "--repeat",
            "3",
        ])
        .args(["--", "python3", FUNCTION])
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    let (records, function_lines) = counted(&log);
    // The function's lines in the log: all but the platform's and the extension's. The `said`
    // pair of each invocation is printed before its response, so it arrives before SHUTDOWN;
    // the fixture's own notes ("init done", "response status") may race the subscription or
    // the count, so they bound the count from above only.
    let printed = log
        .lines()
        .filter(|l| {
            !["START ", "END ", "REPORT ", "telemetry_count: "]
                .iter()
                .any(|p| l.starts_with(p))
        })
        .count();
    let said = log.lines().filter(|l| l.contains("said")).count();
    assert_eq!(said, 3 * 2, "{log}");
    assert!((said..=printed).contains(&function_lines), "{log}");
    assert!(records >= 3 + 3 * 3 + function_lines, "{log}");
}

#[test]
fn function_lines_over_http() {
    printing_function("lines-http", false);
}

#[test]
fn function_lines_over_tcp() {
    printing_function("lines-tcp", true);
}
