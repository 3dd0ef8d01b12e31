//! **lambkin**: an AWS Lambda runtime with a `no_std`, allocation-free core and a choice of
//! transport. The transport is a cargo feature; your handler does not change.
//!
//! | feature | transport |
//! |---|---|
//! | `std` (default) | blocking `std::net`, one thread per concurrent invocation, no executor |
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
//! The architecture: [`lambkin_core`] holds the whole Runtime API protocol as a sans-I/O
//! session and one driver loop over embedded-io streams; a transport only connects, moves
//! bytes, runs the handler's future and catches panics.
#![forbid(unsafe_code)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

pub use lambkin_core as core;
pub use lambkin_core::{
    Config, Context, Deadline, ErrorReport, Failure, FromBody, Handler, IntoBody, Raw,
};

#[cfg(feature = "std")]
pub use lambkin_std::{Runtime, on_shutdown, run, run_with_init};
