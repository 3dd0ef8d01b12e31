//! `--snapstart`: the runtime's `restore/next` ends init, the restore runs in the same process,
//! REPORT tells its Restore Duration as Lambda does; `restore/error` fails it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod output;

use std::process::{Command, Output};

use output::{field, lines, payloads, reports};
use serde_json::json;

const FUNCTION: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/misbehave.py");

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lambkin-emulator"))
        .arg("invoke")
        .args(args)
        .args(["--", "python3", FUNCTION])
        .output()
        .unwrap()
}

#[test]
fn a_restore_replaces_init_in_report() {
    let out = run(&[
        "--snapstart",
        "--env",
        "RESTORE_SECS=0.2",
        "--event",
        r#"{"action":"echo"}"#,
        "--repeat",
        "2",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(payloads(&out), vec![json!({"action":"echo"}); 2]);
    let log = lines(&out.stderr);
    let at = |want: &str| log.iter().position(|l| l == want).expect(want);
    assert!(at("before checkpoint") < at("restored 200"));
    assert!(at("restored 200") < at("after restore"));
    let reports = reports(&out);
    let first = &reports[0];
    // The after-restore hook's 0.2 s is in the restore; the init is not reported.
    let restore = field(first, "Restore Duration").unwrap();
    assert!(restore >= 200.0, "{first}");
    assert_eq!(
        field(first, "Billed Restore Duration"),
        Some(restore.ceil()),
        "{first}"
    );
    assert!(field(first, "Init Duration").is_none(), "{first}");
    let duration = field(first, "Duration").unwrap();
    assert_eq!(
        field(first, "Billed Duration"),
        Some(duration.ceil().max(1.0)),
        "{first}"
    );
    assert!(
        field(&reports[1], "Restore Duration").is_none(),
        "{}",
        reports[1]
    );
}

#[test]
fn a_failed_restore_fails_the_invocation() {
    let out = run(&[
        "--snapstart",
        "--env",
        "RESTORE_FAIL=1",
        "--event",
        r#"{"action":"echo"}"#,
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    // The emulator stops the function as soon as the report is in (the 202 itself is checked
    // over a socket below: the function may be gone before it can print it), so the rest of
    // its after-restore work (a 5 s sleep, then "after restore") never runs.
    assert!(!stderr.contains("after restore"), "{stderr}");
    let payload = &payloads(&out)[0];
    assert_eq!(
        payload["errorType"].as_str(),
        Some("Runtime.AfterRestoreError"),
        "{payload}"
    );
    assert!(
        payload["errorMessage"]
            .as_str()
            .unwrap()
            .contains("hook failed"),
        "{payload}"
    );
}

/// Sends `requests` on one connection (the last must close it) and reads every answer.
fn exchange(emu: &lambkin_emulator::Emulator, requests: &str) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(emu.address()).unwrap();
    s.write_all(requests.as_bytes()).unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    raw
}

#[test]
fn restore_next_is_only_for_snapstart() {
    let next = |close: &str| {
        format!("GET /2018-06-01/runtime/restore/next HTTP/1.1\r\nHost: x\r\n{close}\r\n")
    };
    const CLOSE: &str = "Connection: close\r\n";
    // Without --snapstart the route does not exist, as in Lambda's Runtime API.
    let emu = lambkin_emulator::Emulator::start(Default::default()).unwrap();
    let raw = exchange(&emu, &next(CLOSE));
    assert!(raw.starts_with("HTTP/1.1 404 "), "{raw}");
    emu.set_snapstart(true);
    let raw = exchange(&emu, &(next("") + &next(CLOSE)));
    assert!(raw.starts_with("HTTP/1.1 200 "), "{raw}");
    assert!(
        raw.contains("HTTP/1.1 403 "),
        "a second restore/next: {raw}"
    );
    // restore/error is accepted once, during the restore; a second report is refused.
    let body = r#"{"errorMessage":"hook failed","errorType":"Hook"}"#;
    let post = |close: &str| {
        format!(
            "POST /2018-06-01/runtime/restore/error HTTP/1.1\r\nHost: x\r\n{close}Content-Length: {}\r\n\r\n{body}",
            body.len()
        )
    };
    let raw = exchange(&emu, &(post("") + &post(CLOSE)));
    assert!(raw.starts_with("HTTP/1.1 202 "), "{raw}");
    assert!(
        raw.contains("HTTP/1.1 403 "),
        "a second restore/error: {raw}"
    );
    // No error-type header: the type defaults to the one Lambda gives a failed restore.
    let report = emu.restore_error().expect("the report is kept");
    assert_eq!(report.error_type, "Runtime.AfterRestoreError");
    assert_eq!(report.body, body.as_bytes());
}

#[test]
fn the_snapstart_example_restores_on_every_transport() {
    // examples/snapstart registers a before-checkpoint and an after-restore hook; under
    // --snapstart they run once each, in that order, around restore/next.
    for transport in ["std", "smol", "tokio"] {
        let out = output::invoke_example_with(
            "snapstart",
            transport,
            &["--snapstart"],
            &[json!({"a": 1}), json!({"a": 2})],
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{transport}: {stderr}");
        assert_eq!(payloads(&out), vec![json!({"a": 1}), json!({"a": 2})]);
        let log = lines(&out.stderr);
        let hooks: Vec<&String> = log
            .iter()
            .filter(|l| l.starts_with("snapstart: "))
            .collect();
        assert_eq!(
            hooks,
            [
                "snapstart: before checkpoint",
                "snapstart: after restore (1)"
            ],
            "{transport}: {stderr}"
        );
        let reports = reports(&out);
        assert!(
            field(&reports[0], "Restore Duration").is_some(),
            "{transport}: {stderr}"
        );
        assert!(field(&reports[0], "Init Duration").is_none(), "{transport}");
        assert!(
            field(&reports[1], "Restore Duration").is_none(),
            "{transport}"
        );
    }
}
