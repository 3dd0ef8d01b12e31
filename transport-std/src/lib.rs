//! lambkin-std: the blocking transport. `std::net` sockets, no executor, one thread per
//! concurrent invocation.
//!
//! A transport is two files, read side by side with lambkin-smol and lambkin-tokio: `net.rs`
//! connects (here with `TCP_NODELAY`, each socket registered so a fatal stop can shut them
//! all) and `exec.rs` runs workers (here a thread each, driving the core's one session loop
//! with [`lambkin_host::block_on`]). Everything else (environment, buffers, init errors, the
//! panic guard and hook, shutdown, logs) is [`lambkin_host`]'s, and all of HTTP is the core's.
//! Buffers are allocated once per worker at start; a borrowed typed handler then runs with zero
//! heap allocations per invocation.
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
//! (see `examples/graceful.rs`).
//!
//! Deadlines: a blocking handler cannot be interrupted from outside. Note the clock when `call`
//! starts, check the time left inside long loops, and return a [`lambkin_core::Failure`] before
//! Lambda's own timeout (the start time matters for emulators that send a duration):
//!
//! ```
//! use lambkin_core::Context;
//! use lambkin_std::epoch_ms;
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
mod net;

use lambkin_core::{Config, ErrorReport, Handler};
pub use lambkin_host::{Buffers, RunError, Runtime, epoch_ms, on_shutdown, snapstart};

/// Serves `handler` until a fatal stop; returns why it stopped.
pub fn serve<H: Handler + Sync>(runtime: &Runtime, handler: &H) -> RunError {
    exec::serve_threads(runtime, handler, false)
}

/// Runs `init` (an error or panic goes to `/init/error`), then serves its handler until a fatal
/// stop. `init` is async so that one source builds on every transport; here it runs to
/// completion on this thread before the first `/next`.
pub fn serve_with_init<H, E, F>(runtime: &Runtime, init: F) -> RunError
where
    H: Handler + Sync,
    E: ErrorReport,
    F: AsyncFnOnce(&Config<'static>) -> Result<H, E>,
{
    start(runtime, init, false)
}

fn start<H, E, F>(runtime: &Runtime, init: F, exit_on_stop: bool) -> RunError
where
    H: Handler + Sync,
    E: ErrorReport,
    F: AsyncFnOnce(&Config<'static>) -> Result<H, E>,
{
    match lambkin_host::block_on(runtime.init(init)) {
        Ok(handler) => exec::serve_threads(runtime, &handler, exit_on_stop),
        Err(e) => e,
    }
}

/// Reads the environment and serves `handler`; on a fatal stop, prints why and exits 1.
pub fn run<H: Handler + Sync>(handler: H) -> ! {
    run_with_init(async |_| Ok::<_, core::convert::Infallible>(handler))
}

/// Like [`run`], with an init function whose error (or panic) goes to `/init/error`.
pub fn run_with_init<H, E, F>(init: F) -> !
where
    H: Handler + Sync,
    E: ErrorReport,
    F: AsyncFnOnce(&Config<'static>) -> Result<H, E>,
{
    let stop = match Runtime::from_env() {
        // The first worker to stop ends the process.
        Ok(rt) => start(&rt, init, true),
        Err(e) => e,
    };
    lambkin_host::exit(&stop)
}
