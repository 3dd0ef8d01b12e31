//! What every transport on a std host shares, so lambkin-smol and lambkin-tokio stay a
//! connect function and an executor: panic guards, init with error reporting, and serving
//! `AWS_LAMBDA_MAX_CONCURRENCY` workers. Handler authors do not need this module.
//!
//! Concurrent async workers are futures polled together on the task that serves them (one
//! thread), not spawned tasks: the handler is shared as `&H` and needs neither `Send` nor
//! `Sync`, and a worker allocates nothing per invocation. CPU-bound handlers that need every
//! core belong on the blocking transport, which runs one thread per worker.

use core::fmt;
use core::future::{Future, poll_fn};
use core::pin::{Pin, pin};
use core::task::Poll;
use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::string::String;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use lambkin_core::deadline::{Clock, WithDeadline};
use lambkin_core::diagnostic::error_type;
use lambkin_core::driver::{self, Abort, AsyncPlatform, Stop};
use lambkin_core::{Config, Context, ErrorReport, Handler, Notice, Session};

use crate::panic;
use crate::runtime::{RunError, Runtime, report_init_error};

/// Awaits the handler's future `f` for the invocation `ctx`, catching a panic in any poll.
///
/// The invocation is recorded for the panic hook during each poll, not across awaits, so with
/// several invocations interleaved on one thread a panic is reported for the one that panicked.
pub async fn guarded<F: Future>(ctx: &Context<'_>, f: F) -> Result<F::Output, Abort> {
    let mut f = pin!(f);
    poll_fn(|cx| {
        let _current = panic::enter_invocation(ctx);
        match catch_unwind(AssertUnwindSafe(|| f.as_mut().poll(cx))) {
            Ok(Poll::Ready(v)) => Poll::Ready(Ok(v)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(payload) => Poll::Ready(Err(Abort::new(
                error_type::PANIC,
                &panic::message(payload.as_ref()),
            ))),
        }
    })
    .await
}

/// Awaits `f`, turning a panic into its message (init code).
pub async fn catch_panic<F: Future>(f: F) -> Result<F::Output, String> {
    let mut f = pin!(f);
    poll_fn(
        |cx| match catch_unwind(AssertUnwindSafe(|| f.as_mut().poll(cx))) {
            Ok(p) => p.map(Ok),
            Err(payload) => Poll::Ready(Err(panic::message(payload.as_ref()))),
        },
    )
    .await
}

/// Milliseconds since the Unix epoch by the system clock (for [`Clock`] implementations).
pub fn epoch_ms() -> u64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
}

/// `handler` on `clock`, stopped `margin` before each invocation's deadline.
pub fn with_deadline<H: Handler, C: Clock>(
    handler: H,
    clock: C,
    margin: Duration,
) -> WithDeadline<H, C> {
    let margin_ms = u64::try_from(margin.as_millis()).unwrap_or(u64::MAX);
    WithDeadline::new(handler, clock, margin_ms)
}

/// Writes a driver notice to stderr, where Lambda collects logs.
pub fn notice(notice: &Notice) {
    std::eprintln!("lambkin: {notice}");
}

/// Prints why the runtime stopped and exits 1 (Lambda then restarts the sandbox).
pub fn exit(stop: &RunError) -> ! {
    std::eprintln!("lambkin: {stop}");
    std::process::exit(1)
}

impl Runtime {
    /// Runs the async `init`, then serves its handler with workers from `platform` until a
    /// fatal stop. An `init` error or panic is reported to `/init/error`.
    pub async fn run_with_init_async<H, E, F, P>(
        &self,
        init: F,
        platform: impl FnMut(usize) -> P,
    ) -> RunError
    where
        H: Handler,
        E: ErrorReport,
        F: AsyncFnOnce(&Config<'static>) -> Result<H, E>,
        P: AsyncPlatform<ConnectError = io::Error>,
    {
        panic::install(self.config().runtime_api);
        match catch_panic(init(self.config())).await {
            Ok(Ok(handler)) => self.serve_async(&handler, platform).await,
            Ok(Err(e)) => self.init_failed(e.error_type(), &e),
            Err(message) => self.init_failed(error_type::PANIC, &message),
        }
    }

    /// Serves `handler` with one worker per `AWS_LAMBDA_MAX_CONCURRENCY` (each with its own
    /// session, buffers and connection from `platform(worker)`) until the first fatal stop.
    pub async fn serve_async<H, P>(
        &self,
        handler: &H,
        mut platform: impl FnMut(usize) -> P,
    ) -> RunError
    where
        H: Handler,
        P: AsyncPlatform<ConnectError = io::Error>,
    {
        panic::install(self.config().runtime_api);
        panic::initialized();
        let workers = usize::from(self.config().max_concurrency.max(1));
        let mut worker = |id| {
            let mut platform = platform(id);
            async move {
                let (mut rx, mut tx) = self.buffers().allocate();
                match Session::new(*self.config(), &mut rx, &mut tx) {
                    Ok(mut session) => {
                        driver::run_async(&mut session, &mut platform, handler).await
                    }
                    Err(e) => Stop::Session(e),
                }
            }
        };
        if workers == 1 {
            return RunError::Stopped(worker(0).await);
        }
        // Pinned once at start; the first worker to stop ends them all (the others' sockets
        // close as they are dropped).
        let mut all: Vec<Pin<Box<_>>> = (0..workers).map(|id| Box::pin(worker(id))).collect();
        let first = poll_fn(|cx| {
            all.iter_mut()
                .find_map(|w| match w.as_mut().poll(cx) {
                    Poll::Ready(stop) => Some(stop),
                    Poll::Pending => None,
                })
                .map_or(Poll::Pending, Poll::Ready)
        })
        .await;
        RunError::Stopped(first)
    }

    pub(crate) fn init_failed(&self, kind: &str, message: &dyn fmt::Display) -> RunError {
        report_init_error(self.config().runtime_api, kind, message);
        RunError::Init
    }
}
