//! Running workers. One worker: a future on a current-thread tokio runtime. Several
//! (`AWS_LAMBDA_MAX_CONCURRENCY` > 1) on a multi-thread runtime: a thread each (the host's
//! pool), every one driving its session with the runtime handle's `block_on`, so handler I/O,
//! timers and `tokio::spawn` use that runtime's reactor and pool. Several on a current-thread
//! runtime: futures on its one thread (the host's wake set). Tokio timers for deadlines.

use std::io;
use std::time::Duration;

use lambkin_core::Handler;
use lambkin_core::deadline::Clock;
use lambkin_host::{BlockOn, RunError, Runtime};
use tokio::runtime::{Handle, RuntimeFlavor};

use crate::net::TokioConnect;

/// A current-thread runtime with I/O and timers: what one worker needs, and no more threads.
pub fn executor() -> io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}

/// The runtime [`crate::run`] builds for `workers`: current-thread for one, multi-thread (a
/// thread per core for its reactor and spawned tasks) for several.
fn runtime_for(workers: u16) -> io::Result<tokio::runtime::Runtime> {
    if workers <= 1 {
        return executor();
    }
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
}

/// Runs `f` on a new runtime for `rt`'s worker count until it finishes.
pub(crate) fn block_on<F: Future>(rt: &Runtime, f: F) -> io::Result<F::Output> {
    Ok(runtime_for(rt.config().max_concurrency)?.block_on(f))
}

/// A multi-thread runtime's handle as the host's [`BlockOn`]: the future runs on the calling
/// thread, the runtime's own threads drive its I/O and timers.
struct OnHandle(Handle);

impl BlockOn for OnHandle {
    fn block_on<F: Future>(&self, f: F) -> F::Output {
        self.0.block_on(f)
    }
}

/// Serves `handler` on the current tokio runtime: a thread per worker when there are several
/// and the runtime is multi-thread, else futures on this task.
pub(crate) async fn serve<H: Handler + Sync>(
    rt: &Runtime,
    handler: &H,
    exit_on_stop: bool,
) -> RunError {
    let multi = rt.config().max_concurrency > 1
        && Handle::try_current().is_ok_and(|h| h.runtime_flavor() == RuntimeFlavor::MultiThread);
    if !multi {
        return rt.serve_futures(handler, |_| TokioConnect).await;
    }
    let exec = OnHandle(Handle::current());
    // Serving blocks this task until the runtime stops; `block_in_place` hands this thread's
    // other tasks to the rest of the pool meanwhile (and is a plain call inside `block_on`).
    tokio::task::block_in_place(|| {
        rt.serve_threads(handler, |_| TokioConnect, &exec, exit_on_stop, || {})
    })
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
