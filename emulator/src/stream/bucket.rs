//! Lambda's bandwidth model for streamed responses (RIE `interop/model.go`): a token bucket of
//! bytes that starts full at 6 MiB (the uncapped burst) and refills at 2 MiB/s. Time is an
//! argument, so the arithmetic is tested without sleeping.

use std::time::{Duration, Instant};

/// The burst: the first bytes go through uncapped.
pub const BURST: u64 = 6 << 20;
/// The refill rate, bytes per second, after the burst.
pub const RATE: u64 = 2 << 20;

/// The bucket of one streamed response.
#[derive(Clone, Debug)]
pub(crate) struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    pub(crate) fn new(now: Instant) -> Self {
        Self {
            tokens: BURST as f64,
            at: now,
        }
    }

    /// Takes `n` bytes' worth of tokens at `now`; how long to wait before forwarding them (the
    /// debt is paid by the refill during that wait).
    pub(crate) fn take(&mut self, n: usize, now: Instant) -> Duration {
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        self.at = now.max(self.at);
        self.tokens = (self.tokens + elapsed * RATE as f64).min(BURST as f64);
        self.tokens -= n as f64;
        if self.tokens >= 0.0 {
            Duration::ZERO
        } else {
            Duration::from_secs_f64(-self.tokens / RATE as f64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_burst_is_free_then_two_mib_per_second() {
        let t0 = Instant::now();
        let mut bucket = Bucket::new(t0);
        assert_eq!(bucket.take(6 << 20, t0), Duration::ZERO);
        // One more MiB costs half a second.
        assert_eq!(bucket.take(1 << 20, t0), Duration::from_millis(500));
        // Waited out, the bucket is empty again: the next MiB costs another half second.
        let t1 = t0 + Duration::from_millis(500);
        assert_eq!(bucket.take(1 << 20, t1), Duration::from_millis(500));
        // A long idle refills to the burst, not beyond.
        let t2 = t1 + Duration::from_secs(3600);
        assert_eq!(bucket.take(6 << 20, t2), Duration::ZERO);
        assert!(bucket.take(1, t2) > Duration::ZERO);
    }
}
