//! Workers on threads of their own, one per `AWS_LAMBDA_MAX_CONCURRENCY`, so CPU-bound handlers
//! use every core. The handler is shared as `&H` (so `H: Sync`), but its futures never leave
//! the thread that made them, so they need no `Send`. Each thread runs its worker with the
//! transport's [`BlockOn`]. The first worker to stop stops them all.

use core::future::{Future, poll_fn};
use core::pin::pin;
use core::sync::atomic::{AtomicBool, Ordering};
use core::task::{Poll, Waker};
use std::io;
use std::sync::{Mutex, PoisonError};

use lambkin_core::Handler;
use lambkin_core::driver::Stop;

use crate::runtime::{RunError, Runtime};
use crate::serve::Connect;

/// Runs a future to completion on the calling thread: the executor each worker thread uses
/// (the host's parking [`crate::block_on`], or a tokio runtime handle's).
pub trait BlockOn: Sync {
    /// Runs `f` to completion on this thread.
    fn block_on<F: Future>(&self, f: F) -> F::Output;
}

/// The stop every worker watches: a flag and each worker's last waker.
struct Stopping {
    flag: AtomicBool,
    wakers: Mutex<Vec<Option<Waker>>>,
}

impl Stopping {
    fn stop(&self) {
        self.flag.store(true, Ordering::Release);
        let wakers =
            core::mem::take(&mut *self.wakers.lock().unwrap_or_else(PoisonError::into_inner));
        for w in wakers.into_iter().flatten() {
            w.wake();
        }
    }

    /// `worker` until it finishes (`Some`) or another worker stops first (`None`; the worker's
    /// future, and so its connection, is dropped).
    async fn watch<F: Future>(&self, id: usize, worker: F) -> Option<F::Output> {
        let mut worker = pin!(worker);
        poll_fn(|cx| {
            if self.flag.load(Ordering::Acquire) {
                return Poll::Ready(None);
            }
            if let Some(slot) = self
                .wakers
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get_mut(id)
                && !slot.as_ref().is_some_and(|w| w.will_wake(cx.waker()))
            {
                *slot = Some(cx.waker().clone());
            }
            // Checked again: a stop between the first check and the registration has taken
            // the wakers already.
            if self.flag.load(Ordering::Acquire) {
                return Poll::Ready(None);
            }
            worker.as_mut().poll(cx).map(Some)
        })
        .await
    }
}

impl Runtime {
    /// Serves `handler` with one thread per `AWS_LAMBDA_MAX_CONCURRENCY` worker, each running
    /// its session with `exec` and connecting with `connect(worker)`, until the first stops.
    ///
    /// The first stop wakes every other worker, whose future is then dropped, and calls
    /// `on_stop` (a blocking transport shuts its sockets there: a blocked read is never polled
    /// again). A handler busy on the CPU still finishes its call before its thread ends. With
    /// `exit_on_stop` (a transport's `run`) the first stop ends the process at once instead,
    /// without waiting for handlers running on other workers (their connections are gone).
    pub fn serve_threads<H, C, B>(
        &self,
        handler: &H,
        connect: impl Fn(usize) -> C + Sync,
        exec: &B,
        exit_on_stop: bool,
        on_stop: impl Fn() + Sync,
    ) -> RunError
    where
        H: Handler + Sync,
        C: Connect,
        B: BlockOn,
    {
        self.serving();
        let workers = usize::from(self.config().max_concurrency.max(1));
        if workers == 1 {
            return RunError::Stopped(exec.block_on(self.boxed_worker(connect(0), handler)));
        }
        let stopping = Stopping {
            flag: AtomicBool::new(false),
            wakers: Mutex::new((0..workers).map(|_| None).collect()),
        };
        let first = Mutex::new(None);
        let stop_all = |stop: Stop<io::Error>| {
            first
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get_or_insert(stop);
            stopping.stop();
            on_stop();
        };
        std::thread::scope(|scope| {
            for id in 0..workers {
                let (stopping, stop_all, connect) = (&stopping, &stop_all, &connect);
                let spawned = std::thread::Builder::new()
                    .name(format!("lambkin-worker-{id}"))
                    .spawn_scoped(scope, move || {
                        let worker = self.boxed_worker(connect(id), handler);
                        let Some(stop) = exec.block_on(stopping.watch(id, worker)) else {
                            return;
                        };
                        if exit_on_stop {
                            // A 500 means exit promptly; a slow handler elsewhere must not hold
                            // the process until it returns.
                            crate::exit(&RunError::Stopped(stop));
                        }
                        stop_all(stop);
                    });
                if let Err(e) = spawned {
                    stop_all(Stop::Connect(e));
                }
            }
        });
        let stop = first.into_inner().ok().flatten();
        RunError::Stopped(stop.unwrap_or(Stop::Connect(io::Error::other("no worker ran"))))
    }
}
