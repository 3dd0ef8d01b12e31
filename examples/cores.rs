//! CPU-bound invocations under `AWS_LAMBDA_MAX_CONCURRENCY` (Lambda Managed Instances): do
//! concurrent invocations really run at the same time, on separate cores?
//!
//! - `{"overlap": true}`: counts itself in, then spins (up to 10 s) until a second invocation
//!   has arrived, and answers `"overlapped"` if one did, else `"alone"`. Two sent at once both
//!   answer `"overlapped"` only if they run at the same time: on one thread the first spins
//!   alone, never yielding, and answers `"alone"`.
//! - anything else: burns about 2 ms of CPU (a fixed amount of work, measured at init) and
//!   answers `"burnt"`. The multi-core benchmark (`lambkin-benches --section cores`) calls it.
//!
//! `cargo run -p lambkin-emulator -- serve --port 9001 --concurrency 2 --example cores`
#![allow(clippy::std_instead_of_core)]

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use lambkin::{Context, Handler};

#[derive(serde::Deserialize)]
struct Request {
    #[serde(default)]
    overlap: bool,
}

struct Cores {
    /// Rounds of [`burn`] that took about 2 ms at init.
    rounds: u64,
    /// Invocations of the overlap check so far.
    arrived: AtomicU32,
}

/// `rounds` rounds of integer mixing the optimizer cannot remove.
fn burn(rounds: u64) -> u64 {
    let mut x = 0x9e37_79b9_7f4a_7c15_u64;
    for i in 0..rounds {
        x = std::hint::black_box(x ^ i).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x ^= x >> 31;
    }
    x
}

/// The rounds that take `target` here: the fastest of a few trials of a fixed batch, so a
/// busy moment during init does not inflate it.
fn calibrate(target: Duration) -> u64 {
    const BATCH: u64 = 100_000;
    let fastest = (0..20)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(burn(BATCH));
            start.elapsed()
        })
        .min()
        .unwrap_or(target)
        .max(Duration::from_nanos(1));
    let per_round = fastest.as_secs_f64() / BATCH as f64;
    (target.as_secs_f64() / per_round) as u64
}

impl Handler for Cores {
    type Event<'a> = Request;
    type Output<'a> = &'static str;
    type Error = core::convert::Infallible;

    async fn call<'a>(
        &'a self,
        req: Request,
        _ctx: &'a Context<'a>,
    ) -> Result<&'static str, Self::Error> {
        if !req.overlap {
            std::hint::black_box(burn(self.rounds));
            return Ok("burnt");
        }
        self.arrived.fetch_add(1, Ordering::AcqRel);
        let start = Instant::now();
        // Never yields: another invocation can only arrive from another thread.
        while self.arrived.load(Ordering::Acquire) < 2 && start.elapsed() < Duration::from_secs(10)
        {
            std::hint::spin_loop();
        }
        let seen = self.arrived.load(Ordering::Acquire) >= 2;
        Ok(if seen { "overlapped" } else { "alone" })
    }
}

fn main() {
    lambkin::run(Cores {
        rounds: calibrate(Duration::from_millis(2)),
        arrived: AtomicU32::new(0),
    })
}
