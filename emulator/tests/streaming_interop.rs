//! Interop: the official Rust runtime's streaming example (`lambda_runtime` 1.x
//! `streaming::channel` and `StreamResponse`, aws-lambda-rust-runtime
//! `examples/basic-streaming-response`) run in our sandbox: its chunks arrive one by one, after
//! the HTTP integration prelude it always sends. Built from `fixtures/official-streaming` with
//! its committed Cargo.lock (crates.io on a cold run; a build that fails fails the test).
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

use std::time::Duration;

use interop_support::official_streaming;
use lambkin_emulator::{Config, FunctionSpec, Invocation, Outcome, Report, Sandbox};
use serde_json::{Value, json};

/// Invokes with `event`, forwarding: the report and the chunks as they arrived.
fn invoke(sandbox: &Sandbox, event: &str) -> (Report, Vec<Vec<u8>>) {
    let mut chunks = Vec::new();
    let report = sandbox.invoke_streaming(Invocation::new(event), |_, chunk| {
        chunks.push(chunk.bytes);
        Ok(())
    });
    (report, chunks)
}

/// The prelude and the payload of an HTTP integration stream.
fn split(stream: &[u8]) -> (Value, Vec<u8>) {
    let at = stream.windows(8).position(|w| w == [0; 8]).unwrap();
    (
        serde_json::from_slice(&stream[..at]).unwrap(),
        stream[at + 8..].to_vec(),
    )
}

#[test]
fn the_official_streaming_example_streams_through_the_emulator() {
    let exe = official_streaming().unwrap_or_else(|e| panic!("{e}"));
    let config = Config {
        timeout: Duration::from_secs(30),
        ..Config::default()
    };
    let sandbox = Sandbox::start(FunctionSpec::new(exe), config).unwrap();

    let (report, chunks) = invoke(&sandbox, "{}");
    assert!(
        matches!(report.outcome, Outcome::Response { .. }),
        "{report:?}"
    );
    let stream = report.stream.clone().unwrap();
    assert!(stream.has_prelude(), "{:?}", stream.headers);
    // Each message is its own chunk after the prelude's (the JSON, then the eight NULs).
    let messages: Vec<&[u8]> = chunks
        .iter()
        .rev()
        .take(4)
        .rev()
        .map(Vec::as_slice)
        .collect();
    assert_eq!(
        messages,
        [&b"Hello\n"[..], b"world\n", b"from\n", b"Lambda!\n"]
    );
    let (prelude, payload) = split(&chunks.concat());
    assert_eq!(prelude["statusCode"], 200);
    assert_eq!(
        prelude["headers"],
        json!({"content-type": "application/octet-stream"})
    );
    assert_eq!(payload, b"Hello\nworld\nfrom\nLambda!\n");
    assert_eq!(stream.count, chunks.len());
    assert!(stream.first_byte.is_some());

    // A mid-stream error: the official runtime writes it into the body as text (SPEC A.1) and
    // ends the stream normally, so Lambda, and the emulator, see a successful response whose
    // body carries the error's would-be trailers.
    let (report, chunks) = invoke(&sandbox, r#"{"fail": true}"#);
    let (_, payload) = split(&chunks.concat());
    let text = String::from_utf8_lossy(&payload).into_owned();
    eprintln!(
        "official runtime, mid-stream error: {:?} with body {text:?}",
        report.outcome
    );
    assert!(
        matches!(report.outcome, Outcome::Response { .. }),
        "{report:?}"
    );
    assert!(text.starts_with("Hello\nworld\n"), "{text}");
    assert!(
        text.contains("Lambda-Runtime-Function-Error-Type: "),
        "{text}"
    );
}
