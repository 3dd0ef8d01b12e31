//! Serving: what a transport plugs in ([`Connect`]), the platform the core driver runs on
//! ([`Guarded`]), init, one worker, and workers as futures on one task.
//!
//! Concurrent workers run one of two ways. [`Runtime::serve_futures`] polls them together on
//! the task that serves them (one thread), each with its own waker so an idle worker costs
//! nothing: the handler is shared as `&H` and needs neither `Send` nor `Sync`, and a worker
//! allocates nothing per invocation. [`Runtime::serve_threads`] gives each worker a thread of
//! its own, so CPU-bound handlers use every core (`H: Sync`); std and tokio use it.

use core::future::Future;
use core::pin::Pin;
use std::io;
use std::net::TcpStream;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use lambkin_core::deadline::{Clock, WithDeadline};
use lambkin_core::diagnostic::error_type;
use lambkin_core::driver::{self, Abort, Platform, Stop};
use lambkin_core::{
    Config, Context, Diagnostic, ErrorReport, Handler, Notice, Outcome, RuntimeApi, Session,
};

use crate::panic;
use crate::runtime::{RunError, Runtime};

/// How a transport opens a connection to the Runtime API: the one thing it must supply.
pub trait Connect {
    /// A connected byte stream (`embedded_io_adapters` wraps std, futures-io and tokio ones;
    /// [`lambkin_core::driver::Blocking`] makes a blocking one async).
    type Stream: embedded_io_async::Read + embedded_io_async::Write;
    /// The stream's calls complete on their first poll (see [`Platform::BLOCKING`]).
    const BLOCKING: bool = false;

    /// Opens a connection.
    fn connect(&mut self, api: &RuntimeApi<'_>) -> impl Future<Output = io::Result<Self::Stream>>;
}

/// The core driver's [`Platform`] for any [`Connect`]: handlers run inside the panic guard (and,
/// with feature `tracing`, the invocation's span), and notices go to [`crate::notice`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Guarded<C>(pub C);

impl<C: Connect> Platform for Guarded<C> {
    type Stream = C::Stream;
    type ConnectError = io::Error;
    const BLOCKING: bool = C::BLOCKING;

    fn connect(&mut self, api: &RuntimeApi<'_>) -> impl Future<Output = io::Result<C::Stream>> {
        self.0.connect(api)
    }

    async fn run<F: Future>(&mut self, ctx: &Context<'_>, f: F) -> Result<F::Output, Abort> {
        crate::trace_env::enter(ctx);
        // Entered on each poll of the handler, so a record finds its invocation on any worker.
        // Without a subscriber that takes INFO spans, the handler runs unwrapped: no cost.
        #[cfg(feature = "tracing")]
        if crate::logs::spans_wanted() {
            let f = tracing::Instrument::instrument(f, crate::logs::invoke_span(ctx));
            return panic::guarded(ctx, f).await;
        }
        panic::guarded(ctx, f).await
    }

    fn notice(&mut self, notice: &Notice) {
        crate::notice(notice);
    }

    /// A panic's report carries the frames its hook captured.
    fn aborted(&mut self, abort: Abort, ctx: &Context<'_>, out: &mut [u8]) -> Outcome {
        // Frames only for a panic: a timeout has none, and a backtrace left by a panic the
        // handler caught itself is not this abort's.
        let frames = panic::take_frames();
        let frames = if abort.error_type == error_type::PANIC {
            frames
        } else {
            Vec::new()
        };
        let message = abort.message.as_str();
        let d = Diagnostic::new(abort.error_type, &message).with_frames(&frames);
        Outcome::report(&d, ctx.config.task_root, out)
    }
}

/// A blocking connection with `TCP_NODELAY` (requests are small and answered one at a time).
pub fn connect_blocking(api: &RuntimeApi<'_>) -> io::Result<TcpStream> {
    let stream = TcpStream::connect((api.host(), api.port()))?;
    stream.set_nodelay(true)?;
    Ok(stream)
}

/// Milliseconds since the Unix epoch by the system clock (for [`Clock`] implementations).
pub fn epoch_ms() -> u64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
}

/// `handler` on `clock`, stopped `margin` before each invocation's deadline.
pub fn with_deadline<H: Handler, C: Clock>(
    handler: H,
    clock: C,
    margin: Duration,
) -> WithDeadline<H, C> {
    let margin_ms = u64::try_from(margin.as_millis()).unwrap_or(u64::MAX);
    WithDeadline::new(handler, clock, margin_ms)
}

impl Runtime {
    /// Runs the async `init` (catching a panic) and gives its handler; an error or panic is
    /// reported to `/init/error` first. Under SnapStart it then runs the checkpoint and restore
    /// ([`crate::snapstart`]). Call it before serving.
    pub async fn init<H, E, F>(&self, init: F) -> Result<H, RunError>
    where
        E: ErrorReport,
        F: AsyncFnOnce(&Config<'static>) -> Result<H, E>,
    {
        panic::install(self.config().runtime_api);
        match panic::catch_panic(init(self.config())).await {
            Ok(Ok(handler)) => {
                crate::snapstart::checkpoint_and_restore(self)?;
                Ok(handler)
            }
            Ok(Err(e)) => Err(self.init_failed(e.error_type(), &e)),
            Err(message) => Err(self.init_failed(error_type::PANIC, &message)),
        }
    }

    /// Init is over: from now on a panic is reported for the invocation it happens in. Worker
    /// pools call it once before their first worker starts.
    pub fn serving(&self) {
        panic::install(self.config().runtime_api);
        panic::initialized();
    }

    /// One worker: its own buffers, session and connections from `connect`, serving `handler`
    /// until the session stops.
    pub async fn worker<H: Handler, C: Connect>(&self, connect: C, handler: &H) -> Stop<io::Error> {
        let (mut rx, mut tx) = self.buffers().allocate();
        match Session::new(*self.config(), &mut rx, &mut tx) {
            Ok(mut session) => driver::run(&mut session, &mut Guarded(connect), handler).await,
            Err(e) => Stop::Session(e),
        }
    }

    /// [`Runtime::worker`] as one boxed future: the single worker, the wake set and the thread
    /// pool all poll this one copy of the session loop and handler, instead of each inlining
    /// its own into the binary. One allocation per worker, at start.
    #[inline(never)]
    pub(crate) fn boxed_worker<'a, H: Handler, C: Connect + 'a>(
        &'a self,
        connect: C,
        handler: &'a H,
    ) -> Pin<Box<dyn Future<Output = Stop<io::Error>> + 'a>> {
        Box::pin(self.worker(connect, handler))
    }

    /// Serves `handler` with one worker per `AWS_LAMBDA_MAX_CONCURRENCY`, as futures polled
    /// together on this task (one thread), each connecting with `connect(worker)`, until the
    /// first stops. Each worker has its own waker: a wake polls only the worker woken.
    pub async fn serve_futures<H, C>(
        &self,
        handler: &H,
        mut connect: impl FnMut(usize) -> C,
    ) -> RunError
    where
        H: Handler,
        C: Connect,
    {
        self.serving();
        let workers = usize::from(self.config().max_concurrency.max(1));
        if workers == 1 {
            return RunError::Stopped(self.boxed_worker(connect(0), handler).await);
        }
        // The first worker to stop ends them all (the others' sockets close as they are
        // dropped).
        let all = (0..workers)
            .map(|id| self.boxed_worker(connect(id), handler))
            .collect();
        RunError::Stopped(crate::wake::first_of(all).await)
    }
}
