//! lambkin-smol: the async-io transport. Async handlers on smol's reactor, no tokio anywhere.
//!
//! Read it as a diff of lambkin-std and lambkin-tokio, file by file: `net.rs` connects (here an
//! `Async<TcpStream>`), `exec.rs` runs workers (here async-io's `block_on`, and its timers for
//! deadlines). Everything else (environment, buffers, init errors, the panic guard and hook,
//! shutdown, logs, workers as futures on one thread) is [`lambkin_host`]'s, and all of HTTP is
//! the core's. Concurrent workers (`AWS_LAMBDA_MAX_CONCURRENCY`) are futures on one thread,
//! each with its own waker, so a wake polls only the worker woken and idle workers cost
//! nothing; the handler is shared as `&H` and needs neither `Send` nor `Sync`. For CPU-bound
//! handlers that should use every core, pick lambkin-std or lambkin-tokio.
//!
//! ```no_run
//! use lambkin_core::{Context, Handler, Raw};
//!
//! struct Echo;
//! impl Handler for Echo {
//!     type Event<'a> = Raw<'a>;
//!     type Output<'a> = Raw<'a>;
//!     type Error = core::convert::Infallible;
//!     async fn call<'a>(&'a self, e: Raw<'a>, _: &'a Context<'a>) -> Result<Raw<'a>, Self::Error> {
//!         async_io::Timer::after(std::time::Duration::from_millis(1)).await;
//!         Ok(e)
//!     }
//! }
//!
//! fn main() {
//!     lambkin_smol::run(Echo)
//! }
//! ```
//!
//! Deadlines: wrap the handler with [`with_deadline`] to have it stopped a margin before the
//! invocation deadline and a `Function.Timeout` error reported, instead of Lambda killing the
//! sandbox. Shutdown: [`on_shutdown`], called during init, runs a hook on Lambda's SIGTERM.
#![forbid(unsafe_code)]
// A std crate: the workspace's std-vs-core lints guard the no_std crates.
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod exec;
mod net;

use std::time::Duration;

use lambkin_core::deadline::WithDeadline;
use lambkin_core::{Config, ErrorReport, Handler};
pub use lambkin_host::{Buffers, RunError, Runtime, epoch_ms, on_shutdown, snapstart};

pub use exec::SmolClock;
pub use net::SmolConnect;

/// Serves `handler` on the caller's executor until a fatal stop; returns why it stopped.
pub async fn serve<H: Handler>(runtime: &Runtime, handler: &H) -> RunError {
    runtime.serve_futures(handler, |_| SmolConnect).await
}

/// Runs the async `init` (an error or panic goes to `/init/error`), then serves its handler
/// until a fatal stop.
pub async fn serve_with_init<H, E, F>(runtime: &Runtime, init: F) -> RunError
where
    H: Handler,
    E: ErrorReport,
    F: AsyncFnOnce(&Config<'static>) -> Result<H, E>,
{
    match runtime.init(init).await {
        Ok(handler) => serve(runtime, &handler).await,
        Err(e) => e,
    }
}

/// `handler`, stopped `margin` before each invocation's deadline with a `Function.Timeout`
/// error reported to `/error`.
pub fn with_deadline<H: Handler>(handler: H, margin: Duration) -> WithDeadline<H, SmolClock> {
    lambkin_host::with_deadline(handler, SmolClock, margin)
}

/// Reads the environment and serves `handler`; on a fatal stop, prints why and exits 1.
pub fn run<H: Handler>(handler: H) -> ! {
    run_with_init(async |_| Ok::<_, core::convert::Infallible>(handler))
}

/// Like [`run`], with an async init whose error (or panic) goes to `/init/error`.
pub fn run_with_init<H, E, F>(init: F) -> !
where
    H: Handler,
    E: ErrorReport,
    F: AsyncFnOnce(&Config<'static>) -> Result<H, E>,
{
    let stop = match Runtime::from_env() {
        Ok(rt) => exec::block_on(serve_with_init(&rt, init)),
        Err(e) => e,
    };
    lambkin_host::exit(&stop)
}
