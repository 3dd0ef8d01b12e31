//! lambkin-tokio: the tokio transport. Async handlers that await tokio I/O (the AWS SDK,
//! hyper, reqwest), on a current-thread runtime with I/O and timers enabled.
//!
//! Read it as a diff of lambkin-smol: the same core driver ([`lambkin_core::driver::run_async`])
//! over a tokio `TcpStream`, the same panic guard and workers from [`lambkin_std::host`].
//! Concurrent workers (`AWS_LAMBDA_MAX_CONCURRENCY`) are futures on one thread; the handler is
//! shared as `&H` and needs neither `Send` nor `Sync`. A handler with CPU-heavy work can hand it
//! to `tokio::task::spawn_blocking`.
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
//! Deadlines: wrap the handler with [`with_deadline`] to have it stopped a margin before the
//! invocation deadline and a `Function.Timeout` error reported, instead of Lambda killing the
//! sandbox. Shutdown: [`lambkin_std::on_shutdown`] works here unchanged.
#![forbid(unsafe_code)]
// A std crate: the workspace's std-vs-core lints guard the no_std crates.
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

use core::future::Future;
use std::io;
use std::time::Duration;

use embedded_io_adapters::tokio_1::FromTokio;
use lambkin_core::deadline::{Clock, WithDeadline};
use lambkin_core::driver::{Abort, AsyncPlatform};
use lambkin_core::{Config, Context, ErrorReport, Handler, Notice, RuntimeApi};
use lambkin_std::host;
pub use lambkin_std::{RunError, Runtime, on_shutdown};
use tokio::net::TcpStream;

/// Connects with tokio; runs handlers inside the shared panic guard.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioPlatform;

impl AsyncPlatform for TokioPlatform {
    type Stream = FromTokio<TcpStream>;
    type ConnectError = io::Error;

    async fn connect(&mut self, api: &RuntimeApi<'_>) -> io::Result<Self::Stream> {
        let stream = TcpStream::connect((api.host(), api.port())).await?;
        stream.set_nodelay(true)?;
        Ok(FromTokio::new(stream))
    }

    async fn run<F: Future>(&mut self, ctx: &Context<'_>, f: F) -> Result<F::Output, Abort> {
        host::guarded(ctx, f).await
    }

    fn notice(&mut self, notice: &Notice) {
        host::notice(notice);
    }
}

/// The system clock and tokio timers, for [`with_deadline`].
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioClock;

impl Clock for TokioClock {
    fn now_epoch_ms(&self) -> u64 {
        host::epoch_ms()
    }

    async fn sleep_ms(&self, ms: u64) {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
}

/// `handler`, stopped `margin` before each invocation's deadline with a `Function.Timeout`
/// error reported to `/error`.
pub fn with_deadline<H: Handler>(handler: H, margin: Duration) -> WithDeadline<H, TokioClock> {
    host::with_deadline(handler, TokioClock, margin)
}

/// Serves `handler` on the caller's tokio runtime until a fatal stop; returns why it stopped.
pub async fn serve<H: Handler>(runtime: &Runtime, handler: &H) -> RunError {
    runtime.serve_async(handler, |_| TokioPlatform).await
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
    let stop = match (Runtime::from_env(), executor()) {
        (Ok(rt), Ok(exec)) => exec.block_on(rt.run_with_init_async(init, |_| TokioPlatform)),
        (Err(e), _) => e,
        (_, Err(e)) => RunError::Executor(e),
    };
    host::exit(&stop)
}

/// A current-thread runtime: workers are futures on one thread, so more would sit idle.
pub fn executor() -> io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}
