//! Typed event decoding, fixture by fixture: lambkin-events (borrowed types, decoded in place by
//! core's decoder) against `aws_lambda_events` with serde_json (owned types), on the same bytes,
//! for every fixture in `lambkin_benches::cases::EVENT_CASES`.
//!
//! The fixture is read from the repository's `fixtures/events` in the (unmeasured) setup. Both
//! sides decode and drop the event; the drop is measured too, since a handler pays for it.

use std::hint::black_box;

use gungraun::{library_benchmark, library_benchmark_group};
use lambkin_benches::cases::{EVENT_CASES, EVENTS_DIR, SMOKE_CASES};

use crate::event_table::{Ours, Theirs, decoders};

/// The fixture at `index` of `EVENT_CASES`, read, with its decoders.
fn load(index: usize) -> (Ours, Theirs, Vec<u8>) {
    let file = EVENT_CASES[index];
    let (ours, theirs) = decoders(file).unwrap_or_else(|| panic!("{file}: no decoders"));
    let path = format!("{EVENTS_DIR}/{file}");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    (ours, theirs, bytes)
}

// One benchmark per fixture, in `EVENT_CASES` order: ids `smoke_0`, `smoke_1`, … for the first
// `SMOKE_CASES` (CI's smoke run measures only those), then `rest_0`, `rest_1`, ….
#[library_benchmark]
#[benches::smoke(iter = 0..SMOKE_CASES, setup = load)]
#[benches::rest(iter = SMOKE_CASES..EVENT_CASES.len(), setup = load)]
fn lambkin((ours, _, mut bytes): (Ours, Theirs, Vec<u8>)) {
    ours(black_box(bytes.as_mut_slice())).unwrap();
}

// `aws_lambda_events` with `serde_json::from_slice`, the official runtime's path.
#[library_benchmark]
#[benches::smoke(iter = 0..SMOKE_CASES, setup = load)]
#[benches::rest(iter = SMOKE_CASES..EVENT_CASES.len(), setup = load)]
fn official((_, theirs, bytes): (Ours, Theirs, Vec<u8>)) {
    theirs(black_box(bytes.as_slice())).unwrap();
}

library_benchmark_group!(
    name = events_group;
    benchmarks = lambkin, official
);
