//! lambkin-tokio: the tokio transport. Async handlers that await tokio I/O (the AWS SDK,
//! hyper, reqwest), on a current-thread runtime with I/O and timers enabled.
//!
//! Read it as a diff of lambkin-std and lambkin-smol, file by file: `net.rs` connects (here a
//! tokio `TcpStream`), `exec.rs` runs workers (here a current-thread tokio runtime, and its
//! timers for deadlines). Everything else (environment, buffers, init errors, the panic guard
//! and hook, shutdown, logs, workers as futures on one thread) is [`lambkin_host`]'s, and all
//! of HTTP is the core's. Concurrent workers (`AWS_LAMBDA_MAX_CONCURRENCY`) are futures on one
//! thread; the handler is shared as `&H` and needs neither `Send` nor `Sync`.
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
//!         tokio::time::sleep(std::time::Duration::from_millis(1)).await;
//!         Ok(e)
//!     }
//! }
//!
//! fn main() {
//!     lambkin_tokio::run(Echo)
//! }
//! ```
//!
//! With your own runtime (`#[tokio::main]`), call [`serve`] from it instead of [`run`]. A
//! handler with CPU-heavy work can hand it to `tokio::task::spawn_blocking`.
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
pub use lambkin_host::{Buffers, RunError, Runtime, epoch_ms, on_shutdown};

pub use exec::{TokioClock, executor};
pub use net::TokioConnect;

/// Serves `handler` on the caller's tokio runtime until a fatal stop; returns why it stopped.
pub async fn serve<H: Handler>(runtime: &Runtime, handler: &H) -> RunError {
    runtime.serve_futures(handler, |_| TokioConnect).await
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
pub fn with_deadline<H: Handler>(handler: H, margin: Duration) -> WithDeadline<H, TokioClock> {
    lambkin_host::with_deadline(handler, TokioClock, margin)
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
        Ok(rt) => exec::block_on(serve_with_init(&rt, init)).unwrap_or_else(RunError::Executor),
        Err(e) => e,
    };
    lambkin_host::exit(&stop)
}
