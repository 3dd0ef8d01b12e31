//! The Telemetry and Logs APIs of the emulator, as external extensions subscribe to them: the
//! platform records of init and each invocation, the function's log lines (JSON or text), over
//! HTTP and TCP, each decoded by lambkin-core's reader; the Logs API's own record types; a bad
//! subscription refused; a SnapStart restore told.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod ext_support;
mod output;

use std::process::Output;

use ext_support::{events, extensions, run};
use output::{field, reports, request_ids};
use serde_json::{Value, json};

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
