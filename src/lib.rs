//! **lambkin**: an AWS Lambda runtime with a `no_std`, allocation-free core and a choice of
//! transport. The transport is a cargo feature; your handler does not change.
//!
//! | feature | transport |
//! |---|---|
//! | `std` (default) | blocking `std::net`, one thread per concurrent invocation, no executor |
//! | `smol` | async-io: async handlers, concurrent invocations as futures on one thread, no tokio |
//! | `tokio` | tokio: for handlers that await tokio I/O, like the AWS SDK; one thread per concurrent invocation, one current-thread runtime |
//!
//! Pick one: `cargo build --no-default-features --features tokio`. If several are on, `run`
//! and `run_with_init` come from tokio, then smol, then std; each transport stays reachable by
//! name (`blocking`, `smol`, `tokio`). A transport that is not picked is not compiled.
//!
//! ```no_run
//! use lambkin::{Context, Handler};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Deserialize)]
//! struct Request<'a> {
//!     #[serde(rename = "firstName", borrow)]
//!     first_name: Option<&'a str>,
//! }
//!
//! #[derive(Serialize)]
//! struct Response<'a> {
//!     name: &'a str,
//! }
//!
//! struct Hello;
//!
//! impl Handler for Hello {
//!     type Event<'a> = Request<'a>;
//!     type Output<'a> = Response<'a>;
//!     type Error = core::convert::Infallible;
//!
//!     async fn call<'a>(&'a self, req: Request<'a>, _: &'a Context<'a>) -> Result<Response<'a>, Self::Error> {
//!         Ok(Response { name: req.first_name.unwrap_or("world") })
//!     }
//! }
//!
//! fn main() {
//!     lambkin::run(Hello)
//! }
//! ```
//!
//! Logs: with the `tracing` feature, `lambkin::tracing::init()` makes `tracing` records
//! Lambda's JSON or Text log lines, each tagged with its invocation's request id.
//!
//! Coming from `lambda_runtime`? [`service`] has `service_fn`, `LambdaEvent` and an owned
//! `Context` with the official names (and, with the `tower` feature, tower services).
//!
//! The architecture: [`lambkin_core`] holds the whole Runtime API protocol as a sans-I/O
//! session and one driver loop over embedded-io streams; [`lambkin_host`] holds the process
//! services every transport shares (environment, init errors, panic reporting, shutdown); a
//! transport only connects and runs workers.
#![forbid(unsafe_code)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

pub use lambkin_core as core;
pub use lambkin_core::{
    Config, Context, Deadline, ErrorReport, Failure, FromBody, Handler, IntoBody, Raw,
};

pub use lambkin_host::{self as host, Buffers, RunError, Runtime, on_shutdown, snapstart};

/// Streamed responses: return [`stream::Streaming`] from a handler (see `examples/stream.rs`).
pub use lambkin_core::stream;

pub mod service;
pub use service::{Diagnostic, Error, LambdaEvent, service_fn, sync_fn};

#[cfg(feature = "tracing")]
pub mod tracing;

/// HTTP services (axum, tower) behind every HTTP event source: lambkin-http (feature `http`).
#[cfg(feature = "http")]
pub use lambkin_http as http;

/// Lambda extensions and the Telemetry API: lambkin-extension (feature `extension`).
#[cfg(feature = "extension")]
pub use lambkin_extension as extension;

#[cfg(feature = "std")]
pub use lambkin_std as blocking;

#[cfg(feature = "smol")]
pub use lambkin_smol as smol;
#[cfg(feature = "tokio")]
pub use lambkin_tokio as tokio;

#[cfg(all(feature = "smol", not(feature = "tokio")))]
pub use lambkin_smol::{run, run_with_init, serve, with_deadline};
#[cfg(all(feature = "std", not(any(feature = "smol", feature = "tokio"))))]
pub use lambkin_std::{run, run_with_init};
#[cfg(feature = "tokio")]
pub use lambkin_tokio::{run, run_with_init, serve, with_deadline};
