//! The batch decoder over real-shaped batches (core/tests/fixtures/telemetry), checked against
//! serde_json, and over broken ones.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

extern crate std;

use std::string::{String, ToString};
use std::vec::Vec;
use std::{format, vec};

use super::*;
use crate::json::DecodeErrorKind;

const PLATFORM: &str = include_str!("../../../tests/fixtures/telemetry/platform.json");
const LOGS: &str = include_str!("../../../tests/fixtures/telemetry/logs.json");

fn all(batch: &str) -> Vec<Result<Record<'static>, BatchError>> {
    let buf: &'static mut [u8] = Vec::leak(batch.as_bytes().to_vec());
    records(buf).collect()
}

fn ok(batch: &str) -> Vec<Record<'static>> {
    all(batch).into_iter().map(Result::unwrap).collect()
}

fn platform(r: &Record<'static>) -> Platform<'static> {
    match &r.body {
        Body::Platform(p) => p.clone(),
        other => panic!("{}: {other:?}", r.kind),
    }
}

#[test]
fn every_platform_record_type_decodes_typed() {
    let got = ok(PLATFORM);
    let want: serde_json::Value = serde_json::from_str(PLATFORM).unwrap();
    let want = want.as_array().unwrap();
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert_eq!(g.time, w["time"].as_str().unwrap());
        assert_eq!(g.kind, w["type"].as_str().unwrap());
        assert!(
            matches!(g.body, Body::Platform(_)),
            "{}: {:?}",
            g.kind,
            g.body
        );
    }
    let Platform::InitStart(init) = platform(&got[0]) else {
        panic!()
    };
    assert_eq!(
        (
            init.initialization_type,
            init.phase,
            init.function_name,
            init.function_version
        ),
        ("on-demand", "init", "hello", "$LATEST")
    );
    assert_eq!(
        (init.instance_id, init.instance_max_memory),
        ("i-0abc", Some(3008))
    );
    assert_eq!(
        init.runtime_version_arn,
        "arn:aws:lambda:us-east-1::runtime:0123abcd"
    );
    let Platform::InitRuntimeDone(done) = platform(&got[1]) else {
        panic!()
    };
    assert_eq!((done.status, done.spans.total()), ("success", 1));
    assert_eq!(done.spans.as_slice()[0].duration_ms, 40.5);
    let Platform::InitReport(report) = platform(&got[2]) else {
        panic!()
    };
    assert_eq!(report.metrics.duration_ms, 51.25);
    let Platform::Start(start) = platform(&got[3]) else {
        panic!()
    };
    assert_eq!(start.request_id, "6d68ca91-49c9-448d-89b8-7ca3e6dc66aa");
    let tracing = start.tracing.unwrap();
    assert_eq!(
        (tracing.span_id, tracing.kind),
        ("54565fb41ac79632", "X-Amzn-Trace-Id")
    );
    assert!(tracing.value.starts_with("Root=1-62e900b2-"));
    let Platform::RuntimeDone(done) = platform(&got[4]) else {
        panic!()
    };
    let names: Vec<&str> = done.spans.as_slice().iter().map(|s| s.name).collect();
    assert_eq!(
        names,
        ["responseLatency", "responseDuration", "runtimeOverhead"]
    );
    // An integer where a float is documented reads as the float.
    assert_eq!(done.spans.as_slice()[0].duration_ms, 2.0);
    let metrics = done.metrics.unwrap();
    assert_eq!(
        (metrics.duration_ms, metrics.produced_bytes),
        (20.5, Some(26))
    );
    let Platform::Report(report) = platform(&got[5]) else {
        panic!()
    };
    let m = report.metrics;
    assert_eq!(
        (
            m.duration_ms,
            m.billed_duration_ms,
            m.memory_size_mb,
            m.max_memory_used_mb
        ),
        (21.75, Some(22), Some(128), Some(18))
    );
    assert_eq!(
        (m.init_duration_ms, m.restore_duration_ms),
        (Some(51.25), None)
    );
    let Platform::RestoreStart(restore) = platform(&got[6]) else {
        panic!()
    };
    assert_eq!(
        (restore.function_version, restore.instance_max_memory),
        ("3", Some(2048))
    );
    let Platform::RestoreRuntimeDone(done) = platform(&got[7]) else {
        panic!()
    };
    assert_eq!(
        (done.status, done.error_type),
        ("failure", "Runtime.AfterRestoreError")
    );
    assert_eq!(done.spans.total(), 0);
    let Platform::RestoreReport(report) = platform(&got[8]) else {
        panic!()
    };
    assert_eq!(report.metrics.duration_ms, 310.5);
    let Platform::Extension(ext) = platform(&got[9]) else {
        panic!()
    };
    assert_eq!((ext.name, ext.state), ("telemetry_count", "Ready"));
    assert_eq!(ext.events.as_slice(), ["INVOKE", "SHUTDOWN"]);
    let Platform::TelemetrySubscription(sub) = platform(&got[10]) else {
        panic!()
    };
    assert_eq!(
        (sub.state, sub.types.as_slice()),
        ("Subscribed", &["platform", "function"][..])
    );
    let Platform::LogsDropped(dropped) = platform(&got[11]) else {
        panic!()
    };
    assert_eq!(
        (dropped.dropped_records, dropped.dropped_bytes),
        (123, 12345)
    );
    assert!(dropped.reason.starts_with("Some logs were dropped"));
    let Platform::RuntimeStart(start) = platform(&got[12]) else {
        panic!()
    };
    assert_eq!(start.request_id, "r-rie");
    let Platform::Fault(fault) = platform(&got[13]) else {
        panic!()
    };
    assert_eq!(
        fault,
        r#""RequestId: r-rie Error: Runtime exited with error: exit status 1""#
    );
    let Platform::End(end) = platform(&got[14]) else {
        panic!()
    };
    assert_eq!(end.request_id, "r-rie");
}

#[test]
fn logs_as_text_and_objects_and_unknown_types_kept_raw() {
    let got = ok(LOGS);
    let want: serde_json::Value = serde_json::from_str(LOGS).unwrap();
    assert_eq!(got.len(), 6);
    assert_eq!(
        got[0].body,
        Body::Function(Log::Text("Hello, \"world\"!\n"))
    );
    let Body::Function(Log::Json(object)) = got[1].body else {
        panic!("{:?}", got[1])
    };
    // The object is kept as received: it parses to what was sent, escapes and all.
    assert!(object.contains(r#""message":"hi\tthere""#));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(object).unwrap(),
        want[1]["record"]
    );
    let Body::Other(future) = got[2].body else {
        panic!("{:?}", got[2])
    };
    assert_eq!(got[2].kind, "platform.futureThing");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(future).unwrap(),
        want[2]["record"]
    );
    assert_eq!(
        got[3].body,
        Body::Extension(Log::Text("[telemetry_count] started"))
    );
    let Platform::Report(report) = platform(&got[4]) else {
        panic!()
    };
    assert_eq!(
        (report.status, report.error_type),
        ("timeout", "Sandbox.Timedout")
    );
    assert_eq!(report.metrics.duration_ms, 3000.0);
    assert_eq!(
        (got[5].kind, &got[5].body),
        ("brandNewType", &Body::Other("\"kept\""))
    );
}

#[test]
fn one_bad_record_does_not_stop_the_batch() {
    let batch = r#"[
        {"time":"t1","type":"platform.report","record":{"metrics":{"durationMs":"slow"}}},
        7,
        {"time":5,"type":"function","record":"x"},
        {"type":"function","record":"\ud800"},
        {"type":"function","record":"after"}
    ]"#;
    let got = all(batch);
    assert_eq!(got.len(), 5, "{got:?}");
    assert_eq!(
        got[0].as_ref().unwrap().body,
        Body::Malformed(DecodeErrorKind::InvalidType)
    );
    assert_eq!(got[1], Err(BatchError::NotAnObject));
    assert!(matches!(got[2], Err(BatchError::BadEnvelope(_))));
    assert!(matches!(got[3].as_ref().unwrap().body, Body::Malformed(_)));
    let last = got[4].as_ref().unwrap();
    assert_eq!(
        (last.time, &last.body),
        ("", &Body::Function(Log::Text("after")))
    );
}

#[test]
fn a_tcp_line_holds_one_record() {
    let line = r#"  {"record":{"requestId":"r"},"type":"platform.start","time":"t","extra":[{}]} "#;
    let got = ok(line);
    assert_eq!(got.len(), 1);
    assert_eq!((got[0].time, got[0].kind), ("t", "platform.start"));
    assert_eq!(
        platform(&got[0]),
        Platform::Start(Start {
            request_id: "r",
            ..Start::default()
        })
    );
    // First of a repeated member wins; a record may be absent.
    let got = ok(r#"{"type":"function","type":"extension"}"#);
    assert_eq!(
        (got[0].kind, &got[0].body),
        ("function", &Body::Function(Log::Json("")))
    );
}

#[test]
fn broken_batches_end_with_a_syntax_error_after_the_good_records() {
    let good = r#"{"type":"function","record":"a"}"#;
    let cases: Vec<(String, usize)> = vec![
        (String::new(), 0),
        ("[".to_string(), 0),
        (format!("[{good}"), 1),
        (format!("[{good},"), 1),
        (format!("[{good},]"), 1),
        (format!("[{good} {good}]"), 1),
        (format!("[{good}] x"), 1),
        (format!("{good} {good}"), 1),
        (r#"[{"type":"function","record":"cut"#.to_string(), 0),
        (r#"[{"type" "function"}]"#.to_string(), 0),
        (r#"[{"type":"function",}]"#.to_string(), 0),
        ("[".repeat(100_000), 0),
        ("]".to_string(), 0),
    ];
    for (batch, good_ones) in cases {
        let got = all(&batch);
        let n = got.iter().filter(|r| r.is_ok()).count();
        assert_eq!(n, good_ones, "{batch:.40}");
        let last = got.last();
        assert!(
            matches!(
                last,
                Some(Err(BatchError::Syntax | BatchError::NotAnObject))
            ),
            "{batch:.40}: {last:?}"
        );
    }
    assert_eq!(all(" [ ] ").len(), 0);
    // Lists keep their first items and count the rest.
    let many = format!(
        r#"{{"type":"platform.extension","record":{{"events":[{}]}}}}"#,
        ["\"E\""; 9].join(",")
    );
    let Platform::Extension(ext) = platform(&ok(&many)[0]) else {
        panic!()
    };
    assert_eq!((ext.events.as_slice().len(), ext.events.total()), (4, 9));
}

#[test]
fn records_borrow_the_buffer_and_outlive_the_iterator() {
    let mut buf = LOGS.as_bytes().to_vec();
    let kinds: Vec<&str> = records(&mut buf)
        .filter_map(Result::ok)
        .map(|r| r.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            "function",
            "function",
            "platform.futureThing",
            "extension",
            "platform.report",
            "brandNewType"
        ]
    );
}
