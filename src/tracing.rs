//! Lambda-style logs (feature `tracing`): call [`init`] first in `main`, then log with the
//! `tracing` macros (re-exported here). Each record becomes one line on stdout in the format
//! and at the level the function's logging configuration sets (`AWS_LAMBDA_LOG_FORMAT`,
//! `AWS_LAMBDA_LOG_LEVEL`, else `RUST_LOG`, else INFO), carrying the request id of the
//! invocation it was logged in. lambkin's own notices go through it too.
//!
//! ```no_run
//! use lambkin::{Context, Handler, Raw};
//!
//! struct Logged;
//!
//! impl Handler for Logged {
//!     type Event<'a> = Raw<'a>;
//!     type Output<'a> = Raw<'a>;
//!     type Error = core::convert::Infallible;
//!
//!     async fn call<'a>(&'a self, event: Raw<'a>, _: &'a Context<'a>) -> Result<Raw<'a>, Self::Error> {
//!         lambkin::tracing::info!(bytes = event.0.len(), "echoed");
//!         Ok(event)
//!     }
//! }
//!
//! fn main() {
//!     lambkin::tracing::init();
//!     lambkin::run(Logged)
//! }
//! ```
//!
//! With `AWS_LAMBDA_LOG_FORMAT=JSON` a record reads
//! `{"timestamp":"2026-12-02T12:00:00.123Z","level":"INFO","requestId":"…","message":"echoed","bytes":13}`.
//! See [`lambkin_host::logs`] for the Text shape and the details. The span the records find
//! their invocation through is the one `service::tower::TracingLayer` opens, so with this
//! feature that layer is not needed.

pub use lambkin_host::logs::{init, installed};
pub use tracing::{Level, debug, error, event, info, trace, warn};
