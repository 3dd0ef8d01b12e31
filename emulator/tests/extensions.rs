//! External extensions (`--extensions DIR`) run as Lambda runs /opt/extensions: registered by
//! file name, init waiting for them, INVOKE fanned out with each invocation (the next one
//! waiting until they are done), SHUTDOWN with its deadline, and a crash failing the init.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod output;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use output::{field, invoke_example_with, payloads, reports, request_ids};
use serde_json::{Value, json};

const FUNCTION: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/misbehave.py");
const EXTENSION: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/extension.py");

/// A fresh directory holding the extension fixture under each of `names`, and the event log
/// the extensions write.
fn extensions(test: &str, names: &[&str]) -> (PathBuf, PathBuf) {
    let root = std::env::temp_dir().join(format!("lambkin-ext-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let dir = root.join("extensions");
    std::fs::create_dir_all(&dir).unwrap();
    for name in names {
        std::os::unix::fs::symlink(EXTENSION, dir.join(name)).unwrap();
    }
    // Not executable: Lambda (and the emulator) start only executables.
    std::fs::write(dir.join("README"), "not an extension").unwrap();
    (dir, root.join("events.log"))
}

fn run(dir: &Path, log: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lambkin-emulator"))
        .arg("invoke")
        .args(["--extensions", dir.to_str().unwrap()])
        .args(["--env", &format!("EXT_LOG={}", log.display())])
        .args(args)
        .args(["--", "python3", FUNCTION])
        .output()
        .unwrap()
}

/// The events each extension logged: (name, time, event), in the order written.
fn events(log: &Path) -> Vec<(String, f64, Value)> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .map(|l| {
            let mut parts = l.splitn(3, ' ');
            let name = parts.next().unwrap().to_owned();
            let time = parts.next().unwrap().parse().unwrap();
            (
                name,
                time,
                serde_json::from_str(parts.next().unwrap()).unwrap(),
            )
        })
        .collect()
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

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
fn telemetry_listener(http: bool) -> (u16, std::sync::mpsc::Receiver<Value>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let tx = tx.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                if !http {
                    for line in reader.lines() {
                        let Ok(line) = line else { return };
                        let _ = tx.send(serde_json::from_str(&line).unwrap());
                    }
                    return;
                }
                let mut length = 0;
                let mut request_line = String::new();
                reader.read_line(&mut request_line).unwrap();
                assert!(
                    request_line.starts_with("POST /telemetry "),
                    "{request_line}"
                );
                loop {
                    let mut line = String::new();
                    reader.read_line(&mut line).unwrap();
                    if line.trim().is_empty() {
                        break;
                    }
                    if let Some((k, v)) = line.split_once(':')
                        && k.eq_ignore_ascii_case("content-length")
                    {
                        length = v.trim().parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                let batch: Vec<Value> = serde_json::from_slice(&body).unwrap();
                for record in batch {
                    let _ = tx.send(record);
                }
                let mut stream = stream;
                let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            });
        }
    });
    (port, rx)
}

/// Runs two invocations with a telemetry extension sending to `protocol`; the records received.
/// The function prints `said` on stdout and `{"level":"WARN","message":"said"}` on stderr in
/// each; `json_logs` sets `AWS_LAMBDA_LOG_FORMAT=JSON`.
fn telemetry_run(test: &str, protocol: &str, json_logs: bool) -> (Output, Vec<Value>) {
    subscriber_run(test, "telemetry", protocol, json_logs)
}

/// [`telemetry_run`] with the extension named `name` (`logs` subscribes through the Logs API).
fn subscriber_run(test: &str, name: &str, protocol: &str, json_logs: bool) -> (Output, Vec<Value>) {
    let (port, rx) = telemetry_listener(protocol == "HTTP");
    let (dir, log) = extensions(test, &[name]);
    let format = if json_logs { "JSON" } else { "Text" };
    let out = run(
        &dir,
        &log,
        &[
            "--env",
            &format!("TELEMETRY={protocol}:{port}"),
            "--env",
            &format!("AWS_LAMBDA_LOG_FORMAT={format}"),
            "--event",
            r#"{"action":"echo","say":"said"}"#,
            "--repeat",
            "2",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let subscribed = events(&log)
        .into_iter()
        .find(|e| e.2["eventType"] == "SUBSCRIBED")
        .unwrap();
    assert_eq!(subscribed.2["answer"], json!({"status": 200, "body": "OK"}));
    // Every batch was sent before the emulator stopped; the TCP reader may still be reading.
    let mut records = Vec::new();
    while let Ok(r) = rx.recv_timeout(std::time::Duration::from_secs(2)) {
        records.push(r);
    }
    (out, records)
}

/// Each record decodes with lambkin-core's Telemetry API reader into its typed form.
fn decodes_with_core(all: &[Value]) {
    use lambkin_core::extension::telemetry::{Body, records};
    for value in all {
        let mut text = serde_json::to_vec(value).unwrap();
        for record in records(&mut text) {
            let record = record.unwrap();
            assert!(
                !matches!(record.body, Body::Malformed(_) | Body::Other(_)),
                "{value}: {:?}",
                record.body
            );
        }
    }
}

fn check_platform_records(out: &Output, all: &[Value]) {
    decodes_with_core(all);
    let records: Vec<Value> = all
        .iter()
        .filter(|r| r["type"].as_str().unwrap().starts_with("platform."))
        .cloned()
        .collect();
    let types: Vec<&str> = records
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect();
    let ids = request_ids(out);
    let want = [
        "platform.telemetrySubscription",
        "platform.initStart",
        "platform.extension",
        "platform.initRuntimeDone",
        "platform.initReport",
        "platform.start",
        "platform.runtimeDone",
        "platform.report",
        "platform.start",
        "platform.runtimeDone",
        "platform.report",
    ];
    assert_eq!(types, want, "{records:#?}");
    assert_eq!(records[0]["record"]["name"].as_str(), Some("telemetry"));
    // The extension itself, registered for both events.
    assert_eq!(
        records[2]["record"],
        json!({"name": "telemetry", "state": "Ready", "events": ["INVOKE", "SHUTDOWN"]})
    );
    for (n, id) in ids.iter().enumerate() {
        let report = &records[7 + 3 * n];
        assert_eq!(report["record"]["requestId"].as_str(), Some(id.as_str()));
        assert_eq!(report["record"]["status"].as_str(), Some("success"));
        let line = &reports(out)[n];
        let ms = report["record"]["metrics"]["durationMs"].as_f64().unwrap();
        assert!(
            (ms - field(line, "Duration").unwrap()).abs() < 0.01,
            "{ms} vs {line}"
        );
        assert!(
            records[7 + 3 * n - 1]["record"]["metrics"]["durationMs"]
                .as_f64()
                .unwrap()
                <= ms
        );
    }
    assert!(
        records
            .iter()
            .all(|r| r["time"].as_str().unwrap().ends_with('Z'))
    );
}

/// The function's lines.
fn function_records(records: &[Value]) -> Vec<Value> {
    records
        .iter()
        .filter(|r| r["type"] == "function")
        .map(|r| r["record"].clone())
        .collect()
}

#[test]
fn telemetry_over_http_carries_the_platform_records_and_json_logs() {
    let (out, records) = telemetry_run("tel-http", "HTTP", true);
    check_platform_records(&out, &records);
    let lines = function_records(&records);
    assert!(lines.contains(&json!("said")), "{lines:?}");
    assert!(
        lines.contains(&json!({"level": "WARN", "message": "said"})),
        "{lines:?}"
    );
}

/// A Logs API subscriber gets only the Logs API's record types (the official crate's Logs API
/// enum has no catch-all: one Telemetry API type would fail its whole batch).
#[test]
fn the_logs_api_gets_only_its_own_record_types() {
    let (_, records) = subscriber_run("logs-api", "logs", "HTTP", false);
    let kinds: Vec<&str> = records.iter().filter_map(|r| r["type"].as_str()).collect();
    let logs_api = [
        "platform.start",
        "platform.end",
        "platform.report",
        "platform.extension",
        "platform.logsSubscription",
        "platform.logsDropped",
        "platform.fault",
        "platform.runtimeDone",
        "function",
        "extension",
    ];
    assert!(kinds.iter().all(|k| logs_api.contains(k)), "{kinds:?}");
    assert_eq!(
        kinds.first(),
        Some(&"platform.logsSubscription"),
        "{kinds:?}"
    );
    assert_eq!(kinds.iter().filter(|k| **k == "platform.report").count(), 2);
    assert!(
        function_records(&records).contains(&json!("said")),
        "{kinds:?}"
    );
}

#[test]
fn telemetry_over_tcp_carries_the_platform_records_and_text_logs() {
    let (out, records) = telemetry_run("tel-tcp", "TCP", false);
    check_platform_records(&out, &records);
    let lines = function_records(&records);
    assert!(lines.contains(&json!("said")), "{lines:?}");
    assert!(
        lines.contains(&json!(r#"{"level": "WARN", "message": "said"}"#)),
        "{lines:?}"
    );
}

#[test]
fn a_bad_subscription_gets_a_validation_error() {
    let (dir, log) = extensions("tel-bad", &["telemetry-bad"]);
    let out = run(&dir, &log, &["--env", "TELEMETRY=TCP:9", "--event", "{}"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let subscribed = events(&log)
        .into_iter()
        .find(|e| e.2["eventType"] == "SUBSCRIBED")
        .unwrap();
    let answer = &subscribed.2["answer"];
    assert_eq!(answer["status"], 400, "{answer}");
    assert_eq!(
        answer["body"]["errorType"].as_str(),
        Some("ValidationError")
    );
    assert!(
        answer["body"]["errorMessage"]
            .as_str()
            .unwrap()
            .contains("maxItems")
    );
}

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

#[test]
fn telemetry_tells_a_snapstart_restore() {
    let (port, rx) = telemetry_listener(true);
    let (dir, log) = extensions("tel-snap", &["telemetry"]);
    let out = run(
        &dir,
        &log,
        &[
            "--snapstart",
            "--env",
            &format!("TELEMETRY=HTTP:{port}"),
            "--event",
            r#"{"action":"echo"}"#,
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut records = Vec::new();
    while let Ok(r) = rx.recv_timeout(std::time::Duration::from_secs(2)) {
        records.push(r);
    }
    let platform: Vec<&Value> = records
        .iter()
        .filter(|r| r["type"].as_str().unwrap().starts_with("platform."))
        .collect();
    decodes_with_core(&records);
    let types: Vec<&str> = platform
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "platform.telemetrySubscription",
            "platform.initStart",
            "platform.extension",
            "platform.initRuntimeDone",
            "platform.initReport",
            "platform.restoreStart",
            "platform.restoreRuntimeDone",
            "platform.restoreReport",
            "platform.start",
            "platform.runtimeDone",
            "platform.report",
        ],
        "{records:#?}"
    );
    assert_eq!(
        platform[1]["record"]["initializationType"].as_str(),
        Some("snap-start")
    );
    // The restore's duration is REPORT's Restore Duration.
    let restore = platform[7]["record"]["metrics"]["durationMs"]
        .as_f64()
        .unwrap();
    let report = &reports(&out)[0];
    let printed = field(report, "Restore Duration").unwrap();
    assert!((restore - printed).abs() < 0.01, "{restore} vs {report}");
}
