//! Running workers: one thread each, every one driving its session with the host's parking
//! `block_on` (no executor). The first worker to stop stops them all.

use std::io;
use std::net::{Shutdown, TcpStream};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use lambkin_core::Handler;
use lambkin_core::driver::Stop;
use lambkin_host::{RunError, Runtime, block_on};

use crate::net::StdConnect;

/// Workers share a stop flag and their sockets, so one fatal stop ends them all promptly.
pub(crate) struct Shared {
    stopping: AtomicBool,
    /// One slot per worker, only kept when there are several (one worker needs no tracking).
    sockets: Option<Mutex<Vec<Option<TcpStream>>>>,
}

impl Shared {
    fn new(workers: usize) -> Self {
        Self {
            stopping: AtomicBool::new(false),
            sockets: (workers > 1).then(|| Mutex::new((0..workers).map(|_| None).collect())),
        }
    }

    pub fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::Acquire)
    }

    pub fn track(&self, worker: usize, stream: &TcpStream) {
        let Some(sockets) = &self.sockets else { return };
        if let (Ok(mut all), Ok(clone)) = (sockets.lock(), stream.try_clone())
            && let Some(slot) = all.get_mut(worker)
        {
            *slot = Some(clone);
        }
    }

    fn stop_all(&self) {
        self.stopping.store(true, Ordering::Release);
        if let Some(Ok(all)) = self.sockets.as_ref().map(Mutex::lock) {
            for s in all.iter().flatten() {
                let _ = s.shutdown(Shutdown::Both);
            }
        }
    }
}

/// Serves `handler` with one thread per `AWS_LAMBDA_MAX_CONCURRENCY` worker until the first
/// stops. With `exit_on_stop` (under [`crate::run`]) that first stop ends the process at once,
/// instead of waiting for handlers still running on other workers (their connections are gone).
pub(crate) fn serve_threads<H: Handler + Sync>(
    rt: &Runtime,
    handler: &H,
    exit_on_stop: bool,
) -> RunError {
    rt.serving();
    let workers = usize::from(rt.config().max_concurrency.max(1));
    let shared = Shared::new(workers);
    let worker = |id| {
        let connect = StdConnect {
            shared: &shared,
            worker: id,
        };
        block_on(rt.worker(connect, handler))
    };
    if workers == 1 {
        return RunError::Stopped(worker(0));
    }
    let first = Mutex::new(None);
    std::thread::scope(|scope| {
        for id in 0..workers {
            let (shared, first, worker) = (&shared, &first, &worker);
            let spawned = std::thread::Builder::new()
                .name(format!("lambkin-worker-{id}"))
                .spawn_scoped(scope, move || {
                    let stop = worker(id);
                    if exit_on_stop {
                        // A 500 means exit promptly; a slow handler elsewhere must not hold
                        // the process until it returns.
                        lambkin_host::exit(&RunError::Stopped(stop));
                    }
                    if let Ok(mut first) = first.lock() {
                        first.get_or_insert(stop);
                    }
                    shared.stop_all();
                });
            if let Err(e) = spawned {
                if let Ok(mut first) = first.lock() {
                    first.get_or_insert(Stop::Connect(e));
                }
                shared.stop_all();
            }
        }
    });
    let stop = first.into_inner().ok().flatten();
    RunError::Stopped(stop.unwrap_or(Stop::Connect(io::Error::other("no worker ran"))))
}
