//! Running workers: futures on one thread (the host's wake set), on async-io's `block_on`, with
//! async-io timers for deadlines.

use std::time::Duration;

use async_io::Timer;
use lambkin_core::deadline::Clock;

/// Runs `f` on async-io's reactor until it finishes.
pub(crate) fn block_on<F: Future>(f: F) -> F::Output {
    async_io::block_on(f)
}

/// The system clock and async-io timers, for [`crate::with_deadline`].
#[derive(Debug, Clone, Copy, Default)]
pub struct SmolClock;

impl Clock for SmolClock {
    fn now_epoch_ms(&self) -> u64 {
        lambkin_host::epoch_ms()
    }

    async fn sleep_ms(&self, ms: u64) {
        Timer::after(Duration::from_millis(ms)).await;
    }
}
