//! lambkin-core: the sans-I/O AWS Lambda Runtime API protocol.
//!
//! ```text
//!  your function ── implements ──▶ Handler (sync or async, typed or raw bytes)
//!  transport (std / smol / tokio) + lambkin-host: connect, run workers, catch panics
//!        │ bytes in / bytes out (embedded-io)
//!        ▼
//!  driver::run ── loops over ──▶ Session (this crate: no I/O, no clock, no alloc)
//! ```
//!
//! The [`Session`] turns received bytes into [`Event`]s and the handler's outcome into bytes to
//! send, in buffers the caller owns. The [`driver`] runs that loop over any embedded-io stream
//! (blocking ones through [`driver::Blocking`]), so a transport only says how to connect and how
//! to run a future.
#![no_std]
#![forbid(unsafe_code)]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(any(feature = "std", test))]
extern crate std;

pub mod config;
pub mod context;
pub mod deadline;
pub mod diagnostic;
pub mod driver;
pub mod extension;
pub mod handler;
pub mod http;
pub mod json;
pub mod request;
pub mod restore;
pub mod session;
pub mod stream;
pub mod xray;

/// Crate internals for lambkin's own fuzz targets and benchmarks, so they run the core's code
/// rather than copies of it. Not part of the API: no semver promise, anything here may change
/// or go in any release.
#[doc(hidden)]
pub mod __private {
    pub use crate::http::head::{Framing, Head, LambdaHeaders, Span, parse_head, trim};
    pub use crate::http::incoming::{Incoming, Message, Progress};
}

pub use config::{Config, ConfigError, RuntimeApi};
pub use context::{Context, Deadline};
pub use diagnostic::{Diagnostic, StackTrace};
pub use handler::{ErrorReport, Failure, FromBody, Handler, IntoBody, Outcome, Raw};
pub use session::{Event, Invocation, Notice, Session};
