//! Running workers: one thread each (the host's pool), every one driving its session with the
//! host's parking `block_on` (no executor). The first worker to stop stops them all.

use std::net::{Shutdown, TcpStream};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use lambkin_core::Handler;
use lambkin_host::{Parking, RunError, Runtime};

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

/// Serves `handler` with one thread per `AWS_LAMBDA_MAX_CONCURRENCY` worker (the host's pool)
/// until the first stops, which shuts every worker's socket: a blocked read cannot be
/// cancelled. With `exit_on_stop` (under [`crate::run`]) that first stop ends the process.
pub(crate) fn serve_threads<H: Handler + Sync>(
    rt: &Runtime,
    handler: &H,
    exit_on_stop: bool,
) -> RunError {
    let workers = usize::from(rt.config().max_concurrency.max(1));
    let shared = Shared::new(workers);
    let connect = |worker| StdConnect {
        shared: &shared,
        worker,
    };
    rt.serve_threads(handler, connect, &Parking, exit_on_stop, || {
        shared.stop_all();
    })
}
