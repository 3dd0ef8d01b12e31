//! Micro benchmarks with gungraun: callgrind instruction counts and DHAT heap allocation counts,
//! which repeat exactly on this machine where wall-clock micro timings move ±25%.
//!
//! `cargo run --release -p lambkin-benches --bin micro` runs them (it needs `valgrind` and
//! `gungraun-runner` 0.20.0 on the PATH) and writes the tables into `benches/RESULTS.md`;
//! `cargo bench -p lambkin-benches --bench micro` alone prints gungraun's own report.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::std_instead_of_core,
    clippy::std_instead_of_alloc
)]

mod event_table;
mod events;
mod runtime;

use events::events_group;
use gungraun::{Dhat, LibraryBenchmarkConfig, main};
use runtime::runtime_group;

main!(
    config = LibraryBenchmarkConfig::default().tool(Dhat::default());
    library_benchmark_groups = runtime_group, events_group
);
