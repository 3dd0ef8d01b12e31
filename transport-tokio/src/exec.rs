//! Running workers: futures on one thread (the host's pool), on a current-thread tokio runtime
//! with I/O and timers, and tokio timers for deadlines.

use std::io;
use std::time::Duration;

use lambkin_core::deadline::Clock;

/// A current-thread runtime: workers are futures on one thread, so more would sit idle.
pub fn executor() -> io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}

/// Runs `f` on a new [`executor`] until it finishes.
pub(crate) fn block_on<F: Future>(f: F) -> io::Result<F::Output> {
    Ok(executor()?.block_on(f))
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
