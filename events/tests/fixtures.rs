//! Every fixture in the root `fixtures/` decodes with its type, through core's in-place decoder,
//! and round-trips: re-encoded, it is equal in meaning to the fixture both ways (nothing decoded
//! that the fixture lacks, nothing in the fixture that was not decoded; an empty value stands for
//! an absent one). A response re-encodes to the fixture exactly.
//!
//! The file → type table is explicit; a file with no entry, or an entry with no file, fails.
#![cfg(feature = "all")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_alloc,
    clippy::std_instead_of_core
)]

mod common;
#[path = "common/tables.rs"]
mod tables;

use std::collections::BTreeSet;

use common::{Check, EVENTS, HTTP, subset, uncovered};
use tables::{EVENT_FIXTURES, HTTP_FIXTURES};

use Check::{Event, Response};

/// Keys of a fixture that no AWS documentation and no `aws_lambda_events` type has, so no type
/// here decodes them (without the `catch-all-fields` feature, which keeps every unknown key).
/// Each is listed, so the round trip of every other key is checked and a key that starts (or
/// stops) being decoded fails the test.
#[cfg(not(feature = "catch-all-fields"))]
const NOT_AWS: &[(&str, &[&str])] = &[
    // The official crate's test of its own `catch-all-fields` feature: keys made up for it.
    (
        "example-apigw-request-catch-all.json",
        &["$.otherField", "$.requestContext.identity.otherField"],
    ),
    // A dump that carried the official runtime's `Context` (snake_case, e.g. `deadline`,
    // `invoked_function_arn`) beside the authorizer request: not part of what API Gateway sends.
    (
        "example-apigw-v2-custom-authorizer-websocket-request.json",
        &[
            "$.context",
            "$.deadline",
            "$.env_config",
            "$.invoked_function_arn",
            "$.log_group",
            "$.log_stream",
            "$.memory",
            "$.xray_trace_id",
        ],
    ),
];

/// With `catch-all-fields`, every key round-trips.
#[cfg(feature = "catch-all-fields")]
const NOT_AWS: &[(&str, &[&str])] = &[];

fn run(dir: &str, table: &[(&str, Check)]) -> usize {
    let on_disk: BTreeSet<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    let mapped: BTreeSet<String> = table.iter().map(|(f, _)| (*f).to_owned()).collect();
    let mut failures = Vec::new();
    for f in on_disk.difference(&mapped) {
        failures.push(format!("{f}: no type mapped"));
    }
    for f in mapped.difference(&on_disk) {
        failures.push(format!("{f}: mapped but not on disk"));
    }
    assert_eq!(mapped.len(), table.len(), "a file is mapped twice");
    let mut decoded = 0;
    let verbose = std::env::var_os("LAMBKIN_COVERAGE").is_some();
    for (file, check) in table {
        let Ok(bytes) = std::fs::read(format!("{dir}/{file}")) else {
            continue;
        };
        let (decode, is_response) = match check {
            Event(f) => (f, false),
            Response(f) => (f, true),
            Check::NotJson => {
                assert!(
                    serde_json::from_slice::<serde_json::Value>(&bytes).is_err(),
                    "{file} is JSON"
                );
                continue;
            }
        };
        let fixture: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let mut buf = bytes.clone();
        match decode(&mut buf) {
            Err(e) => failures.push(format!("{file}: {e}")),
            Ok(ours) => {
                decoded += 1;
                let mut missing = Vec::new();
                uncovered(&ours, &fixture, "$", &mut missing);
                let expected: &[&str] = NOT_AWS
                    .iter()
                    .find(|(f, _)| f == file)
                    .map_or(&[], |(_, keys)| keys);
                if missing != expected {
                    failures.push(format!(
                        "{file}: not decoded: {missing:?}, expected {expected:?}"
                    ));
                }
                if verbose && !missing.is_empty() {
                    eprintln!("{file}: not decoded: {}", missing.join(", "));
                }
                let r = if is_response {
                    if ours == fixture {
                        Ok(())
                    } else {
                        Err(format!("re-encoded:\n{ours}\nfixture:\n{fixture}"))
                    }
                } else {
                    subset(&ours, &fixture, "$")
                };
                if let Err(e) = r {
                    failures.push(format!("{file}: {e}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    decoded
}

#[test]
fn every_event_fixture_decodes() {
    let n = run(EVENTS, EVENT_FIXTURES);
    eprintln!("{n} event fixtures decoded");
}

#[test]
fn every_http_fixture_decodes() {
    let n = run(HTTP, HTTP_FIXTURES);
    eprintln!("{n} http fixtures decoded");
}
