//! Both sides of the decode benchmark decode every fixture it measures, and every fixture it
//! skips is one `aws_lambda_events` cannot decode with the type its own tests name.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

#[path = "../benches/micro/event_table.rs"]
mod event_table;

use lambkin_benches::cases::{EVENT_CASES, EVENTS_DIR};

#[test]
fn both_sides_decode_every_measured_fixture() {
    let mut failures = Vec::new();
    for file in EVENT_CASES {
        let Some((ours, theirs)) = event_table::decoders(file) else {
            failures.push(format!("{file}: no decoders"));
            continue;
        };
        let bytes = std::fs::read(format!("{EVENTS_DIR}/{file}")).unwrap();
        if let Err(e) = ours(&mut bytes.clone()) {
            failures.push(format!("{file}: lambkin-events: {e}"));
        }
        if let Err(e) = theirs(&bytes) {
            failures.push(format!("{file}: aws_lambda_events: {e}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(
        event_table::DECODERS.len(),
        EVENT_CASES.len(),
        "a decoder with no case"
    );
}
