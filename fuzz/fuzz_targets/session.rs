//! The whole client session against a scripted Runtime API: arbitrary replies, arbitrary read
//! splits, injected connection failures. Never panics, never spins, never answers a request
//! id it did not receive, only sends well-formed requests, stops once the server is gone.
//!
//! Input: 1 flag byte (see `Options::from_flags`), 8 bytes PRNG seed, then the server's
//! replies separated by `@@@@` (one reply per request; an empty reply closes the connection).
#![no_main]

use lambkin_fuzz::sim::{self, Options, RandomHandler};
use lambkin_fuzz::{Rng, le, split_on};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if data.len() < 9 {
        return;
    }
    let opts = Options::from_flags(data[0]);
    let mut rng = Rng::new(le(&data[1..9]));
    let replies = split_on(&data[9..], b"@@@@");
    let report = sim::drive(&replies, &opts, &mut rng, &mut RandomHandler);
    // Each request needs a reply or a closed connection, and failures are capped: the run is
    // bounded by the script, not by luck.
    assert!(
        report.requests.len() <= 16 * (replies.len() + 1),
        "{} requests",
        report.requests.len()
    );
    assert!(report.invocations <= replies.len());
});
