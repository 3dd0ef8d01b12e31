//! lambkin-std: the blocking transport. `std::net` sockets, no executor, one thread per
//! concurrent invocation.
//!
//! It supplies what [`lambkin_core::driver::Platform`] asks for (connect with `TCP_NODELAY`,
//! run the handler's future on the worker thread, catch panics, log notices) and nothing about
//! HTTP. Buffers are allocated once per worker at start; a borrowed typed handler then runs with
//! zero heap allocations per invocation.
//!
//! ```no_run
//! use lambkin_core::{Context, Handler};
//!
//! struct Echo;
//! impl Handler for Echo {
//!     type Event<'a> = lambkin_core::Raw<'a>;
//!     type Output<'a> = lambkin_core::Raw<'a>;
//!     type Error = core::convert::Infallible;
//!     async fn call<'a>(&'a self, e: Self::Event<'a>, _: &'a Context<'a>) -> Result<Self::Output<'a>, Self::Error> {
//!         Ok(e)
//!     }
//! }
//!
//! fn main() {
//!     lambkin_std::run(Echo)
//! }
//! ```
//!
//! Graceful shutdown: [`on_shutdown`], called during init, runs a hook on Lambda's SIGTERM
//! (see `examples/graceful.rs`); it needs no executor, so the async transports use it too.
//!
//! Deadlines: a blocking handler cannot be interrupted from outside. Note the clock when `call`
//! starts, check the time left inside long loops, and return a [`lambkin_core::Failure`] before
//! Lambda's own timeout (the start time matters for emulators that send a duration):
//!
//! ```
//! use lambkin_core::Context;
//! use lambkin_std::host::epoch_ms;
//!
//! /// Milliseconds left of this invocation; `received` is `epoch_ms()` taken as `call` began.
//! fn time_left(ctx: &Context<'_>, received: u64) -> Option<u64> {
//!     ctx.deadline.map(|d| d.remaining_ms(received, epoch_ms()))
//! }
//! ```
#![forbid(unsafe_code)]
// A std crate: the workspace's std-vs-core lints guard the no_std crates.
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod exec;
pub mod host;
mod panic;
mod runtime;
mod shutdown;

pub use runtime::{Buffers, RunError, Runtime, run, run_with_init};
pub use shutdown::on_shutdown;
