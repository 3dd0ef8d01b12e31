//! What the `lambkin-benches` runners share with the `micro` benchmark: which fixture each event
//! benchmark decodes, and how `RESULTS.md` holds the end-to-end and micro sections side by side.
#![forbid(unsafe_code)]

pub mod cases;
pub mod sections;
