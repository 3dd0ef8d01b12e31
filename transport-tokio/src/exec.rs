//! Running workers. One worker: a future on a current-thread tokio runtime. Several
//! (`AWS_LAMBDA_MAX_CONCURRENCY` > 1): a thread each (the host's pool), every one driving its
//! session with a runtime handle's `block_on`, so handler I/O, timers and `tokio::spawn` use
//! that runtime: under [`crate::run`] a current-thread runtime whose reactor the main thread
//! drives, under [`crate::serve`] the caller's multi-thread runtime. Several inside a caller's
//! current-thread runtime: futures on its one thread (the host's wake set). Tokio timers for
//! deadlines.

use std::io;
use std::time::Duration;

use lambkin_core::deadline::Clock;
use lambkin_core::driver::Stop;
use lambkin_core::{Config, ErrorReport, Handler};
use lambkin_host::{BlockOn, RunError, Runtime};
use tokio::runtime::{Handle, RuntimeFlavor};

use crate::net::TokioConnect;

/// A current-thread runtime with I/O and timers: what one worker needs, and no more threads.
pub fn executor() -> io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}

/// Reads nothing, runs `init` then serves, as [`crate::run`] does. One worker: a current-thread
/// runtime on this thread. Several: the workers get a thread each (the host's pool) and drive
/// their sessions with the runtime handle's `block_on`, while this thread drives the same
/// current-thread runtime's reactor, timers and spawned tasks, so CPU-bound handlers use every
/// core without tokio's multi-thread scheduler in the binary. The first stop ends the process.
pub(crate) fn run<H, E, F>(rt: &Runtime, init: F) -> RunError
where
    H: Handler + Sync,
    E: ErrorReport,
    F: AsyncFnOnce(&Config<'static>) -> Result<H, E>,
{
    let tokio = match executor() {
        Ok(tokio) => tokio,
        Err(e) => return RunError::Executor(e),
    };
    let handler = match tokio.block_on(rt.init(init)) {
        Ok(handler) => handler,
        Err(e) => return e,
    };
    if rt.config().max_concurrency <= 1 {
        return tokio.block_on(rt.serve_futures(&handler, |_| TokioConnect));
    }
    let exec = OnHandle(tokio.handle().clone());
    std::thread::scope(|scope| {
        let pool = std::thread::Builder::new()
            .name("lambkin-workers".into())
            .spawn_scoped(scope, || {
                // A 500 must end the process promptly (exit_on_stop), even with a slow handler
                // on another worker; a pool that could not start ends it too.
                let stop = rt.serve_threads(&handler, |_| TokioConnect, &exec, true, || {});
                lambkin_host::exit(&stop)
            });
        match pool {
            // Drives I/O, timers and spawned tasks for every worker until the process exits.
            Ok(_) => tokio.block_on(core::future::pending()),
            Err(e) => RunError::Stopped(Stop::Connect(e)),
        }
    })
}

/// A runtime's handle as the host's [`BlockOn`]: the future runs on the calling thread, while
/// another drives the runtime's I/O and timers (a multi-thread runtime's own threads, or the
/// thread in a current-thread runtime's `block_on`).
struct OnHandle(Handle);

impl BlockOn for OnHandle {
    fn block_on<F: Future>(&self, f: F) -> F::Output {
        self.0.block_on(f)
    }
}

/// Serves `handler` on the current tokio runtime: a thread per worker when there are several
/// and the runtime is multi-thread, else futures on this task.
pub(crate) async fn serve<H: Handler + Sync>(rt: &Runtime, handler: &H) -> RunError {
    let multi = rt.config().max_concurrency > 1
        && Handle::try_current().is_ok_and(|h| h.runtime_flavor() == RuntimeFlavor::MultiThread);
    if !multi {
        return rt.serve_futures(handler, |_| TokioConnect).await;
    }
    let exec = OnHandle(Handle::current());
    // Blocks this thread until the workers stop (documented on `crate::serve`): the runtime's
    // own threads drive their I/O meanwhile. Not `block_in_place`, which would need tokio's
    // `rt-multi-thread` feature, and so its scheduler, in every binary.
    rt.serve_threads(handler, |_| TokioConnect, &exec, false, || {})
}

/// The system clock and tokio timers, for [`crate::with_deadline`].
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioClock;

impl Clock for TokioClock {
    fn now_epoch_ms(&self) -> u64 {
        lambkin_host::epoch_ms()
    }

    async fn sleep_ms(&self, ms: u64) {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
}
