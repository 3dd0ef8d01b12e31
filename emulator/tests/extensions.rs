//! External extensions (`--extensions DIR`) run as Lambda runs /opt/extensions: registered by
//! file name, init waiting for them, INVOKE fanned out with each invocation (the next one
//! waiting until they are done), SHUTDOWN with its deadline, and a crash failing the init
//! (or, in an invocation, resetting the sandbox). Their Telemetry and Logs APIs: telemetry_api.rs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod ext_support;
mod output;

use std::path::Path;
use std::process::{Command, Output};

use ext_support::{FUNCTION, events, extensions, now_ms, run};
use output::{field, invoke_example_with, payloads, reports, request_ids};
use serde_json::{Value, json};

#[test]
fn two_extensions_get_each_invoke_in_order_then_shutdown() {
    let (dir, log) = extensions("two", &["alpha", "beta-linger"]);
    let started = now_ms();
    let out = run(
        &dir,
        &log,
        &["--event", r#"{"action":"echo"}"#, "--repeat", "2"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(payloads(&out), vec![json!({"action":"echo"}); 2]);
    let ids = request_ids(&out);
    assert_eq!(ids.len(), 2, "{stderr}");
    assert!(stderr.contains("alpha registered") && stderr.contains("beta-linger registered"));
    let events = events(&log);
    for name in ["alpha", "beta-linger"] {
        let mine: Vec<&(String, f64, Value)> = events.iter().filter(|e| e.0 == name).collect();
        let kinds: Vec<&str> = mine
            .iter()
            .map(|e| e.2["eventType"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds,
            ["INVOKE", "INVOKE", "SHUTDOWN"],
            "{name}: {events:?}"
        );
        for (event, id) in mine.iter().zip(&ids) {
            let e = &event.2;
            assert_eq!(e["requestId"].as_str(), Some(id.as_str()), "{e}");
            assert_eq!(
                e["invokedFunctionArn"].as_str(),
                Some("arn:aws:lambda:us-east-1:000000000000:function:function")
            );
            assert_eq!(e["tracing"]["type"].as_str(), Some("X-Amzn-Trace-Id"));
            assert!(
                e["tracing"]["value"]
                    .as_str()
                    .unwrap()
                    .starts_with("Root=1-")
            );
            assert!(e["deadlineMs"].as_u64().unwrap() > started, "{e}");
        }
        let shutdown = &mine[2].2;
        assert_eq!(shutdown["shutdownReason"].as_str(), Some("spindown"));
        // Lambda's 2 s shutdown phase with an external extension.
        let deadline = shutdown["deadlineMs"].as_u64().unwrap();
        let sent = (mine[2].1 * 1000.0) as u64;
        assert!(
            deadline > sent && deadline <= sent + 2100,
            "{deadline} vs {sent}"
        );
        assert!(
            stderr.contains(&format!("{name} shutting down")),
            "{stderr}"
        );
    }
    // The second invocation waited for beta-linger to finish the first (0.3 s of work after
    // its INVOKE), and that time is in the first REPORT's Duration.
    let invoke_at = |name: &str, n: usize| {
        events
            .iter()
            .filter(|e| e.0 == name && e.2["eventType"] == "INVOKE")
            .nth(n)
            .unwrap()
            .1
    };
    assert!(invoke_at("alpha", 1) >= invoke_at("beta-linger", 0) + 0.3);
    for report in reports(&out) {
        assert!(field(&report, "Duration").unwrap() >= 300.0, "{report}");
    }
    // Max Memory Used is the sandbox's: two more Python processes than the function alone.
    let alone = Command::new(env!("CARGO_BIN_EXE_lambkin-emulator"))
        .args([
            "invoke",
            "--event",
            r#"{"action":"echo"}"#,
            "--",
            "python3",
            FUNCTION,
        ])
        .output()
        .unwrap();
    let memory = |out: &Output| field(&reports(out)[0], "Max Memory Used").unwrap();
    assert!(
        memory(&out) >= memory(&alone) + 8.0,
        "{} vs {}",
        memory(&out),
        memory(&alone)
    );
}

#[test]
fn init_waits_for_a_slow_extension() {
    let (dir, log) = extensions("slow", &["slow"]);
    let out = run(&dir, &log, &["--event", r#"{"action":"echo"}"#]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = &reports(&out)[0];
    // The extension sleeps 0.5 s before its first event/next; init ends after it.
    assert!(field(report, "Init Duration").unwrap() >= 500.0, "{report}");
    let events = events(&log);
    assert_eq!(
        events[0].2["eventType"].as_str(),
        Some("INVOKE"),
        "{events:?}"
    );
}

#[test]
fn an_extension_crashing_in_init_fails_the_init() {
    let (dir, log) = extensions("crash", &["alpha", "crash"]);
    let out = run(&dir, &log, &["--event", r#"{"action":"echo"}"#]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    let payload = &payloads(&out)[0];
    assert_eq!(
        payload["errorType"].as_str(),
        Some("Extension.Crash"),
        "{payload}"
    );
    let message = payload["errorMessage"].as_str().unwrap();
    assert!(
        message.contains("crash") && message.contains("exit status 3"),
        "{message}"
    );
    let report = &reports(&out)[0];
    assert!(
        report.contains("Status: error\tError Type: Extension.Crash"),
        "{report}"
    );
    // The function never got the event, so no extension got an INVOKE.
    assert!(
        events(&log).iter().all(|e| e.2["eventType"] != "INVOKE"),
        "{stderr}"
    );
}

#[test]
fn a_missing_extensions_directory_is_an_error() {
    let out = run(
        Path::new("/nonexistent/lambkin"),
        Path::new("/dev/null"),
        &["--event", "{}"],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("/nonexistent/lambkin"), "{stderr}");
}

#[test]
fn hello_with_two_extensions() {
    let (dir, log) = extensions("hello", &["alpha", "beta-linger"]);
    let env = format!("EXT_LOG={}", log.display());
    let out = invoke_example_with(
        "hello",
        "std",
        &["--extensions", dir.to_str().unwrap(), "--env", &env],
        &[json!({"firstName": "Ada"}), json!({"firstName": "Grace"})],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(payloads(&out).len(), 2, "{stderr}");
    let reports = reports(&out);
    for r in &reports {
        eprintln!("{r}");
        assert!(field(r, "Duration").unwrap() >= 300.0, "{r}");
    }
    assert!(field(&reports[0], "Init Duration").is_some());
    let events = events(&log);
    assert_eq!(events.len(), 6, "{events:?}");
}

/// A listener standing for a telemetry extension's: every record it receives, as JSON, on the
/// channel; HTTP batches are JSON arrays (each answered 200), TCP records one per line.
#[test]
fn an_extension_crashing_in_an_invocation_resets_the_sandbox() {
    let (dir, log) = extensions("die", &["die"]);
    let out = run(
        &dir,
        &log,
        &[
            "--event",
            r#"{"action":"sleep","secs":0.5}"#,
            "--repeat",
            "2",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    // The function still sleeps when the extension dies: the invocation fails with it, and
    // the next one starts a new sandbox (a new init, the extension started again).
    for payload in payloads(&out) {
        assert_eq!(
            payload["errorType"].as_str(),
            Some("Extension.Crash"),
            "{payload}"
        );
        let message = payload["errorMessage"].as_str().unwrap();
        assert!(message.contains("exit status 4"), "{message}");
    }
    let reports = reports(&out);
    assert_eq!(reports.len(), 2, "{stderr}");
    for r in &reports {
        assert!(field(r, "Init Duration").is_some(), "{r}");
        assert!(field(r, "Duration").unwrap() < 3000.0, "{r}");
    }
}
