//! The conformance suite on every transport: `cargo test -p lambkin-conformance`.
#![allow(missing_docs)]

use lambkin_conformance::conformance_tests;
use lambkin_conformance::counting::Counting;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

conformance_tests!(std_transport, lambkin_conformance::Std);
conformance_tests!(smol_transport, lambkin_conformance::Smol);
conformance_tests!(tokio_transport, lambkin_conformance::Tokio);
conformance_tests!(tokio_threads, lambkin_conformance::TokioThreads);
