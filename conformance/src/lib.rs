//! One conformance suite for every lambkin transport, over real sockets against the emulator.
//!
//! A transport implements [`Transport`] (a few lines: how to serve a handler on it); the cases
//! in [`cases`] are written once, generic over it, and `tests/conformance.rs` instantiates them
//! for lambkin-std, lambkin-smol and lambkin-tokio with [`conformance_tests!`].
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]
// Test infrastructure: a failed expectation is a panic with a message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

pub mod cases;
pub mod counting;
pub mod owned;
mod probe;
pub mod streaming;

use std::time::Duration;

use lambkin_core::{Config, ErrorReport, Handler};
use lambkin_host::{RunError, Runtime};

pub use probe::{Probe, Rig, WAIT, config, with_fault};

/// How a transport serves a handler; blocks until the runtime stops.
pub trait Transport: 'static {
    /// For messages.
    const NAME: &'static str;
    /// Whether [`Transport::serve_with_deadline`] is supported (async transports only: a
    /// blocking handler cannot be interrupted).
    const DEADLINES: bool;
    /// Heap allocations an invocation may cost, none of them lambkin's.
    const ALLOCS_PER_INVOCATION: u64;

    /// Serves `handler` until a fatal stop.
    fn serve<H: Handler + Sync>(rt: &Runtime, handler: &H) -> RunError;

    /// Runs `init`, then serves its handler; init errors go to `/init/error`.
    fn run_with_init<H, E, F>(rt: &Runtime, init: F) -> RunError
    where
        H: Handler + Sync,
        E: ErrorReport,
        F: AsyncFnOnce(&Config<'static>) -> Result<H, E>;

    /// Serves `handler`, stopped `margin` before each deadline.
    fn serve_with_deadline<H: Handler + Sync>(
        rt: &Runtime,
        handler: H,
        margin: Duration,
    ) -> RunError;
}

/// lambkin-std: blocking sockets, a thread per worker.
pub struct Std;

impl Transport for Std {
    const NAME: &'static str = "lambkin-std";
    const DEADLINES: bool = false;
    const ALLOCS_PER_INVOCATION: u64 = 0;

    fn serve<H: Handler + Sync>(rt: &Runtime, handler: &H) -> RunError {
        lambkin_std::serve(rt, handler)
    }

    fn run_with_init<H, E, F>(rt: &Runtime, init: F) -> RunError
    where
        H: Handler + Sync,
        E: ErrorReport,
        F: AsyncFnOnce(&Config<'static>) -> Result<H, E>,
    {
        lambkin_std::serve_with_init(rt, init)
    }

    fn serve_with_deadline<H: Handler + Sync>(rt: &Runtime, handler: H, _: Duration) -> RunError {
        // Documented: the blocking transport has no deadline wrapper; the handler checks
        // `Context::deadline` itself.
        lambkin_std::serve(rt, &handler)
    }
}

/// lambkin-smol: async-io, workers as futures on one thread.
pub struct Smol;

impl Transport for Smol {
    const NAME: &'static str = "lambkin-smol";
    const DEADLINES: bool = true;
    /// async-io 2.6's reactor collects the wakers of each turn in a fresh `Vec`
    /// (`ReactorLock::react`, src/reactor.rs:280): one allocation per wake, and an invocation
    /// waits twice (the `/next` answer, the `/response` answer).
    const ALLOCS_PER_INVOCATION: u64 = 2;

    fn serve<H: Handler + Sync>(rt: &Runtime, handler: &H) -> RunError {
        async_io::block_on(lambkin_smol::serve(rt, handler))
    }

    fn run_with_init<H, E, F>(rt: &Runtime, init: F) -> RunError
    where
        H: Handler + Sync,
        E: ErrorReport,
        F: AsyncFnOnce(&Config<'static>) -> Result<H, E>,
    {
        async_io::block_on(lambkin_smol::serve_with_init(rt, init))
    }

    fn serve_with_deadline<H: Handler + Sync>(
        rt: &Runtime,
        handler: H,
        margin: Duration,
    ) -> RunError {
        Self::serve(rt, &lambkin_smol::with_deadline(handler, margin))
    }
}

/// lambkin-tokio on a current-thread tokio runtime (several workers: futures on its thread).
pub struct Tokio;

impl Transport for Tokio {
    const NAME: &'static str = "lambkin-tokio";
    const DEADLINES: bool = true;
    const ALLOCS_PER_INVOCATION: u64 = 0;

    fn serve<H: Handler + Sync>(rt: &Runtime, handler: &H) -> RunError {
        let exec = lambkin_tokio::executor().unwrap();
        exec.block_on(lambkin_tokio::serve(rt, handler))
    }

    fn run_with_init<H, E, F>(rt: &Runtime, init: F) -> RunError
    where
        H: Handler + Sync,
        E: ErrorReport,
        F: AsyncFnOnce(&Config<'static>) -> Result<H, E>,
    {
        let exec = lambkin_tokio::executor().unwrap();
        exec.block_on(lambkin_tokio::serve_with_init(rt, init))
    }

    fn serve_with_deadline<H: Handler + Sync>(
        rt: &Runtime,
        handler: H,
        margin: Duration,
    ) -> RunError {
        Self::serve(rt, &lambkin_tokio::with_deadline(handler, margin))
    }
}

/// lambkin-tokio inside a multi-thread runtime (the user's `#[tokio::main]`): with several
/// workers, a thread each.
pub struct TokioThreads;

impl TokioThreads {
    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap()
    }
}

impl Transport for TokioThreads {
    const NAME: &'static str = "lambkin-tokio (multi-thread)";
    const DEADLINES: bool = true;
    const ALLOCS_PER_INVOCATION: u64 = Tokio::ALLOCS_PER_INVOCATION;

    fn serve<H: Handler + Sync>(rt: &Runtime, handler: &H) -> RunError {
        Self::runtime().block_on(lambkin_tokio::serve(rt, handler))
    }

    fn run_with_init<H, E, F>(rt: &Runtime, init: F) -> RunError
    where
        H: Handler + Sync,
        E: ErrorReport,
        F: AsyncFnOnce(&Config<'static>) -> Result<H, E>,
    {
        Self::runtime().block_on(lambkin_tokio::serve_with_init(rt, init))
    }

    fn serve_with_deadline<H: Handler + Sync>(
        rt: &Runtime,
        handler: H,
        margin: Duration,
    ) -> RunError {
        Self::serve(rt, &lambkin_tokio::with_deadline(handler, margin))
    }
}

/// `#[test]` functions running every case in [`cases`] on one transport.
#[macro_export]
macro_rules! conformance_tests {
    ($module:ident, $transport:ty) => {
        mod $module {
            use $crate::cases;
            $crate::conformance_tests!(@tests $transport;
                five_events_on_one_keep_alive_connection,
                framing_variants,
                close_after_every_event_reconnects_each_time,
                large_event_and_escapes,
                bad_events_are_reported_and_the_next_works,
                rejected_response_is_skipped,
                context_reaches_the_handler,
                panics_are_reported_and_the_loop_goes_on,
                concurrency_four_polls_at_once,
                init_error_is_reported,
                init_panic_is_reported,
                deadline_is_reported_before_lambda_kills_the_sandbox,
                heap_allocations_per_invocation,
            );
            $crate::conformance_tests!(@owned $transport;
                anyhow_errors_report_type_and_chain,
                boxed_errors_report_the_concrete_type,
            );
            $crate::conformance_tests!(@streaming $transport;
                stream_of_one_chunk,
                stream_of_ten_thousand_chunks,
                stream_error_is_sent_as_trailers,
                stream_with_the_http_prelude,
                stream_cut_off_ends_the_invocation_and_the_runtime_goes_on,
                stream_refused_mid_way_and_the_runtime_goes_on,
            );
        }
    };
    (@streaming $transport:ty; $($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                $crate::streaming::$case::<$transport>();
            }
        )*
    };
    (@owned $transport:ty; $($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                $crate::owned::$case::<$transport>();
            }
        )*
    };
    (@tests $transport:ty; $($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                cases::$case::<$transport>();
            }
        )*
    };
}
