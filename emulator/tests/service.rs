//! The facade's owned handlers (`lambkin::service`: `service_fn`, `sync_fn`, tower services
//! with `TracingLayer`) run as users run them: examples built and invoked by
//! `lambkin-emulator invoke` over the Runtime API's sockets, on each transport they support.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod output;

use output::{invoke_example as invoke, lines, payloads, request_ids};
use serde_json::{Value, json};

#[test]
fn service_fn_answers_and_reports_errors_on_every_transport() {
    let events = [
        json!({"firstName": "Ada"}),
        json!({"fail": "no such user"}),
        json!({}),
    ];
    for transport in ["std", "smol", "tokio"] {
        let out = invoke("service_fn", transport, &events);
        let stderr = String::from_utf8_lossy(&out.stderr);
        // One invocation failed, so the emulator exits non-zero; the others still answered.
        assert!(!out.status.success(), "{transport}: {stderr}");
        let ids = request_ids(&out);
        assert_eq!(ids.len(), 3, "{transport}: {stderr}");
        let want = vec![
            json!({"message": "Hello, Ada!", "requestId": ids[0], "function": "function"}),
            json!({"errorType": "Function.Unhandled", "errorMessage": "no such user"}),
            json!({"message": "Hello, world!", "requestId": ids[2], "function": "function"}),
        ];
        assert_eq!(payloads(&out), want, "{transport}: {stderr}");
    }
}

/// examples/hello_service_fn: hello's README contract, written with owned types and
/// `service_fn` (the end-to-end benchmark's `lambkin-service_fn` subjects).
#[test]
fn hello_service_fn_keeps_the_hello_contract_on_std_and_tokio() {
    let events = [
        json!({"firstName": "Ada"}),
        json!({}),
        json!({"firstName": null}),
    ];
    for transport in ["std", "tokio"] {
        let out = invoke("hello_service_fn", transport, &events);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{transport}: {stderr}");
        let want = vec![
            json!({"message": "Hello, Ada!"}),
            json!({"message": "Hello, world!"}),
            json!({"message": "Hello, world!"}),
        ];
        assert_eq!(payloads(&out), want, "{transport}: {stderr}");
    }
}

#[test]
fn sync_fn_answers_on_std() {
    let out = invoke("sync_fn", "std", &[json!({"n": 7}), json!({"n": 70000})]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let ids = request_ids(&out);
    assert_eq!(ids.len(), 2, "{stderr}");
    assert_eq!(
        payloads(&out),
        vec![
            json!({"square": 49, "requestId": ids[0]}),
            json!({"errorType": "Function.Overflow", "errorMessage": "n * n overflows u32"}),
        ],
        "{stderr}"
    );
}

#[test]
fn tower_stack_runs_with_the_invoke_span_on_async_transports() {
    let events = [json!({"a": 1}), json!([2])];
    for transport in ["tower,tokio", "tower,smol"] {
        let out = invoke("tower", transport, &events);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{transport}: {stderr}");
        let ids = request_ids(&out);
        assert_eq!(ids.len(), 2, "{transport}: {stderr}");
        let want: Vec<Value> = events
            .iter()
            .zip(&ids)
            .map(|(e, id)| json!({"echo": e, "requestId": id}))
            .collect();
        assert_eq!(payloads(&out), want, "{transport}: {stderr}");
        // The handler's log line, inside its invocation (between START and END), carries the
        // span's fields for that invocation.
        let log = lines(&out.stderr);
        for id in &ids {
            let at = |prefix: &str| {
                log.iter()
                    .position(|l| l.starts_with(&format!("{prefix} RequestId: {id}")))
                    .unwrap_or_else(|| panic!("{prefix} {id}: {stderr}"))
            };
            let (start, end) = (at("START"), at("END"));
            let span = format!("Lambda runtime invoke{{requestId={id} xrayTraceId=Root=");
            let line = log
                .iter()
                .position(|l| l.contains(&span) && l.contains("handling the event"))
                .unwrap_or_else(|| panic!("{transport}: no span line for {id}: {stderr}"));
            assert!(start < line && line < end, "{transport}: {stderr}");
        }
    }
}
