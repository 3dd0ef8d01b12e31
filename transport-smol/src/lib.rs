//! lambkin-smol: the async-io transport. Async handlers on smol's reactor, no tokio anywhere.
//!
//! Read it as a diff of lambkin-std: the same core driver ([`lambkin_core::driver::run_async`])
//! over an `Async<TcpStream>`, the same panic guard and workers from [`lambkin_std::host`].
//! Concurrent workers (`AWS_LAMBDA_MAX_CONCURRENCY`) are futures on one thread; the handler is
//! shared as `&H` and needs neither `Send` nor `Sync`.
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
//! sandbox. Shutdown: [`lambkin_std::on_shutdown`] works here unchanged.
#![forbid(unsafe_code)]
// A std crate: the workspace's std-vs-core lints guard the no_std crates.
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

use core::future::Future;
use std::io;
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use async_io::{Async, Timer};
use embedded_io_adapters::futures_03::FromFutures;
use lambkin_core::deadline::{Clock, WithDeadline};
use lambkin_core::driver::{Abort, AsyncPlatform};
use lambkin_core::{Config, Context, ErrorReport, Handler, Notice, RuntimeApi};
use lambkin_std::host;
pub use lambkin_std::{RunError, Runtime, on_shutdown};

/// Connects with async-io; runs handlers inside the shared panic guard.
#[derive(Debug, Clone, Copy, Default)]
pub struct SmolPlatform;

impl AsyncPlatform for SmolPlatform {
    type Stream = FromFutures<Async<TcpStream>>;
    type ConnectError = io::Error;

    async fn connect(&mut self, api: &RuntimeApi<'_>) -> io::Result<Self::Stream> {
        // The Runtime API is an IP literal in practice, so resolving never blocks for long.
        let mut last = io::Error::other("the Runtime API host resolved to no address");
        for addr in (api.host(), api.port()).to_socket_addrs()? {
            match Async::<TcpStream>::connect(addr).await {
                Ok(stream) => {
                    stream.get_ref().set_nodelay(true)?;
                    return Ok(FromFutures::new(stream));
                }
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    async fn run<F: Future>(&mut self, ctx: &Context<'_>, f: F) -> Result<F::Output, Abort> {
        host::guarded(ctx, f).await
    }

    fn notice(&mut self, notice: &Notice) {
        host::notice(notice);
    }
}

/// The system clock and async-io timers, for [`with_deadline`].
#[derive(Debug, Clone, Copy, Default)]
pub struct SmolClock;

impl Clock for SmolClock {
    fn now_epoch_ms(&self) -> u64 {
        host::epoch_ms()
    }

    async fn sleep_ms(&self, ms: u64) {
        Timer::after(Duration::from_millis(ms)).await;
    }
}

/// `handler`, stopped `margin` before each invocation's deadline with a `Function.Timeout`
/// error reported to `/error`.
pub fn with_deadline<H: Handler>(handler: H, margin: Duration) -> WithDeadline<H, SmolClock> {
    host::with_deadline(handler, SmolClock, margin)
}

/// Serves `handler` on the caller's executor until a fatal stop; returns why it stopped.
pub async fn serve<H: Handler>(runtime: &Runtime, handler: &H) -> RunError {
    runtime.serve_async(handler, |_| SmolPlatform).await
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
        Ok(rt) => async_io::block_on(rt.run_with_init_async(init, |_| SmolPlatform)),
        Err(e) => e,
    };
    host::exit(&stop)
}
