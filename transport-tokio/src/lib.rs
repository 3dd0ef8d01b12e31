//! lambkin-tokio: the tokio transport. Async handlers that await tokio I/O (the AWS SDK,
//! hyper, reqwest).
//!
//! Read it as a diff of lambkin-std and lambkin-smol, file by file: `net.rs` connects (here a
//! tokio `TcpStream`), `exec.rs` runs workers (here on a tokio runtime, and its timers for
//! deadlines). Everything else (environment, buffers, init errors, the panic guard and hook,
//! shutdown, logs, the worker pools) is [`lambkin_host`]'s, and all of HTTP is the core's.
//!
//! Concurrency (`AWS_LAMBDA_MAX_CONCURRENCY` = N, Lambda Managed Instances): with N = 1, [`run`]
//! serves on a current-thread runtime. With N > 1 it gives each worker a thread of its own,
//! driven by the runtime handle's `block_on`, while the main thread drives the runtime's
//! reactor, timers and spawned tasks: CPU-bound handlers use every core, and handler I/O,
//! timers and `tokio::spawn` use that runtime (no multi-thread scheduler in the binary). The
//! handler is shared as `&H`, so it must be `Sync`; its futures stay on their worker's thread
//! and need no `Send`. [`serve`] does the same inside your own multi-thread runtime
//! (`#[tokio::main]`), so clients created there can be shared by the handler; on a
//! current-thread runtime it polls the N workers as futures on that one thread instead (each
//! with its own waker, so idle workers cost nothing).
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
//! With your own runtime (`#[tokio::main]`), call [`serve`] from it instead of [`run`].
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

pub use exec::{TokioClock, executor};
pub use net::TokioConnect;

/// Serves `handler` on the caller's tokio runtime until a fatal stop; returns why it stopped.
///
/// On a multi-thread runtime with `AWS_LAMBDA_MAX_CONCURRENCY` > 1 each worker gets a thread
/// of its own and this call blocks its thread until the workers stop: call it from `main`
/// (the thread of `#[tokio::main]`'s `block_on`, which is not one of the runtime's workers),
/// not from a spawned task. On a current-thread runtime the workers are futures on this task.
pub async fn serve<H: Handler + Sync>(runtime: &Runtime, handler: &H) -> RunError {
    exec::serve(runtime, handler).await
}

/// Runs the async `init` (an error or panic goes to `/init/error`), then serves its handler
/// until a fatal stop.
pub async fn serve_with_init<H, E, F>(runtime: &Runtime, init: F) -> RunError
where
    H: Handler + Sync,
    E: ErrorReport,
    F: AsyncFnOnce(&Config<'static>) -> Result<H, E>,
{
    match runtime.init(init).await {
        Ok(handler) => exec::serve(runtime, &handler).await,
        Err(e) => e,
    }
}
/// `handler`, stopped `margin` before each invocation's deadline with a `Function.Timeout`
/// error reported to `/error`.
pub fn with_deadline<H: Handler>(handler: H, margin: Duration) -> WithDeadline<H, TokioClock> {
    lambkin_host::with_deadline(handler, TokioClock, margin)
}

/// Reads the environment and serves `handler`; on a fatal stop, prints why and exits 1.
pub fn run<H: Handler + Sync>(handler: H) -> ! {
    run_with_init(async |_| Ok::<_, core::convert::Infallible>(handler))
}

/// Like [`run`], with an async init whose error (or panic) goes to `/init/error`.
pub fn run_with_init<H, E, F>(init: F) -> !
where
    H: Handler + Sync,
    E: ErrorReport,
    F: AsyncFnOnce(&Config<'static>) -> Result<H, E>,
{
    let stop = match Runtime::from_env() {
        // The first worker to stop ends the process.
        Ok(rt) => exec::run(&rt, init),
        Err(e) => e,
    };
    lambkin_host::exit(&stop)
}
