//! `examples/decode.rs`, included as a module: its `run` is what `main` calls, so the exit
//! status and output checked here are the example's.
#![cfg(feature = "all")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_alloc,
    clippy::std_instead_of_core
)]

mod common;

#[allow(dead_code)] // `main`, which the test harness replaces.
#[path = "../examples/decode.rs"]
mod decode;

use std::ffi::OsStr;
use std::path::PathBuf;

use common::EVENTS;

/// Runs the example on `path`: (exit status, stdout, stderr).
fn run(path: Option<&OsStr>) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = decode::run(path, &mut out, &mut err);
    (
        status,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

/// A fresh file under the target directory's temp dir, holding `contents`.
fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("decode_example");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn a_fixture_prints_its_source_and_succeeds() {
    const CASES: &[(&str, &str)] = &[
        ("example-sqs-event.json", "Sqs: "),
        ("example-s3-event.json", "S3: "),
        (
            "example-apigw-v2-custom-authorizer-v2-request.json",
            "ApiGatewayAuthorizerV2: ",
        ),
        (
            "example-iot-custom-auth-request.json",
            "IoTCustomAuthorizerRequest: ",
        ),
    ];
    for (file, prefix) in CASES {
        let path = PathBuf::from(format!("{EVENTS}/{file}"));
        let (status, out, err) = run(Some(path.as_os_str()));
        assert_eq!(status, 0, "{file}: {err}");
        assert!(out.starts_with(prefix), "{file}: {out}");
        assert_eq!(out.lines().count(), 1, "{file}: {out}");
        assert!(err.is_empty(), "{file}: {err}");
    }
}

#[test]
fn an_s3_batch_job_event_is_decoded() {
    let path = temp_file(
        "s3-batch.json",
        br#"{"invocationSchemaVersion":"2.0","invocationId":"i","job":{"id":"j","userArguments":{"k":"v"}},"tasks":[{"taskId":"t","s3Key":"k","s3VersionId":null,"s3Bucket":"b"}]}"#,
    );
    let (status, out, err) = run(Some(path.as_os_str()));
    assert_eq!(status, 0, "{err}");
    assert!(out.starts_with("S3BatchJob: S3BatchJobEvent {"), "{out}");
}

#[test]
fn json_that_is_no_event_fails_with_a_message() {
    let path = temp_file("not-an-event.json", br#"{"hello":"world","n":[1,2,3]}"#);
    let (status, out, err) = run(Some(path.as_os_str()));
    assert_eq!(status, 1);
    assert!(out.is_empty(), "{out}");
    assert_eq!(
        err,
        format!("{}: not a known event source\n", path.display())
    );
}

#[test]
fn a_detected_event_that_does_not_decode_fails_with_a_message() {
    // Detected as SQS from `eventSource`, but `body` is a number, not a string.
    let path = temp_file(
        "bad-sqs.json",
        br#"{"Records":[{"eventSource":"aws:sqs","body":42}]}"#,
    );
    let (status, out, err) = run(Some(path.as_os_str()));
    assert_eq!(status, 1);
    assert!(out.is_empty(), "{out}");
    let want = format!("{}: detected Sqs but could not decode: ", path.display());
    assert!(err.starts_with(&want), "{err}");
}

#[test]
fn a_missing_file_fails_with_a_message() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("decode_example");
    let path = dir.join("does-not-exist.json");
    let (status, out, err) = run(Some(path.as_os_str()));
    assert_eq!(status, 2);
    assert!(out.is_empty(), "{out}");
    assert!(err.starts_with(&format!("{}: ", path.display())), "{err}");
}

#[test]
fn no_argument_prints_usage() {
    let (status, out, err) = run(None);
    assert_eq!(status, 2);
    assert!(out.is_empty(), "{out}");
    assert_eq!(err, "usage: decode FILE.json\n");
}
