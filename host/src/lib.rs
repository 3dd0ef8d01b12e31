//! lambkin-host: the std process services every lambkin transport shares, so that a transport
//! is only a way to connect and a way to run workers.
//!
//! ```text
//!  lambkin-std / lambkin-smol / lambkin-tokio   connect (net.rs), run workers (exec.rs)
//!        │ a Connect implementation, an executor
//!        ▼
//!  lambkin-host   Runtime: environment, buffers, init and its errors, one worker's session,
//!                 workers as futures on one task (each with its own waker) or on a thread
//!                 each; panic hook and guard; SIGTERM hook; notices and, with feature
//!                 `tracing`, Lambda-style logs; the clock; exit
//!        │
//!        ▼
//!  lambkin-core   the sans-I/O session and the one driver loop
//! ```
//!
//! Handler authors meet this crate through the facade (`lambkin::Runtime`,
//! `lambkin::on_shutdown`); transports use the rest.
// Denied, not forbidden: trace_env.rs alone allows it, for `set_var` (its comment says why).
#![deny(unsafe_code)]
// A std crate: the workspace's std-vs-core lints guard the no_std crates.
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

pub mod backtrace;
mod exec;
#[cfg(feature = "tracing")]
pub mod logs;
pub mod owned;
mod panic;
mod runtime;
mod serve;
mod shutdown;
pub mod snapstart;
mod threads;
mod trace_env;
mod wake;

pub use exec::{Parking, block_on};
pub use panic::{catch_panic, guarded};
pub use runtime::{Buffers, RunError, Runtime};
pub use serve::{Connect, Guarded, connect_blocking, epoch_ms, with_deadline};
pub use shutdown::on_shutdown;
pub use threads::BlockOn;

use lambkin_core::Notice;

/// Writes a driver notice to stderr, where Lambda collects logs, or as a WARN record once
/// `logs::init` (feature `tracing`) installed its subscriber.
pub fn notice(notice: &Notice) {
    warn(notice);
}

/// A lambkin warning: stderr, or a WARN record under `logs::init`.
pub(crate) fn warn(message: &dyn core::fmt::Display) {
    #[cfg(feature = "tracing")]
    if logs::installed() {
        return logs::warn(message);
    }
    std::eprintln!("lambkin: {message}");
}

/// Prints why the runtime stopped (an ERROR record under `logs::init`) and exits 1 (Lambda
/// then restarts the sandbox).
pub fn exit(stop: &RunError) -> ! {
    #[cfg(feature = "tracing")]
    if logs::installed() {
        logs::error(stop);
        std::process::exit(1)
    }
    std::eprintln!("lambkin: {stop}");
    std::process::exit(1)
}
