//! Starting the runtime: configuration, buffers, workers, init errors, stopping.

use core::fmt;
use std::io;
use std::net::{Shutdown, TcpStream};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use lambkin_core::diagnostic::error_type;
use lambkin_core::driver::{self, Stop};
use lambkin_core::session::{self, HEAD_ROOM};
use lambkin_core::{Config, ConfigError, ErrorReport, Handler, RuntimeApi, Session};

use crate::exec::{self, StdPlatform};
use crate::{host, panic};

/// Lambda's payload limit for a buffered response, and the largest event it delivers.
const PAYLOAD_LIMIT: usize = 6_291_556;

/// Buffer sizes for each worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Buffers {
    /// Receive buffer: the largest event plus its head.
    pub rx: usize,
    /// Transmit buffer: the largest response plus the request head room.
    pub tx: usize,
}

impl Default for Buffers {
    /// Room for Lambda's 6 MB payloads. Pages are only resident once touched.
    fn default() -> Self {
        Self {
            rx: PAYLOAD_LIMIT + 64 * 1024,
            tx: PAYLOAD_LIMIT + HEAD_ROOM,
        }
    }
}

impl Buffers {
    /// One worker's receive and transmit buffers (zeroed pages: resident only once touched).
    pub(crate) fn allocate(&self) -> (Vec<u8>, Vec<u8>) {
        (vec![0u8; self.rx], vec![0u8; self.tx])
    }
}

/// Why the runtime stopped.
#[derive(Debug)]
#[non_exhaustive]
pub enum RunError {
    /// The environment is missing or has a bad value.
    Config(ConfigError),
    /// Initialization failed; it was reported to `/init/error`.
    Init,
    /// A worker stopped: the Runtime API answered 500, or could not be reached.
    Stopped(Stop<io::Error>),
    /// An async transport's executor could not start.
    Executor(io::Error),
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Config(e) => e.fmt(f),
            Self::Init => f.write_str("initialization failed (reported to /runtime/init/error)"),
            Self::Stopped(e) => e.fmt(f),
            Self::Executor(e) => write!(f, "the async executor could not start: {e}"),
        }
    }
}

impl std::error::Error for RunError {}

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

/// A configured runtime, before any handler runs.
#[derive(Debug, Clone, Copy)]
pub struct Runtime {
    config: Config<'static>,
    buffers: Buffers,
    /// Set by [`run_with_init`]: the first worker to stop ends the process at once instead of
    /// waiting for handlers still running on other workers (their connections are gone).
    exit_on_stop: bool,
}

impl Runtime {
    /// Reads the configuration from the process environment. A bad value is reported to
    /// `/init/error` when the Runtime API address itself is usable.
    pub fn from_env() -> Result<Self, RunError> {
        // One snapshot, leaked on purpose: it lives as long as the process and lets every
        // worker borrow the configuration without copies or `set_var`.
        let vars: &'static [(String, String)] = Vec::leak(
            std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
                .collect(),
        );
        let lookup = |name: &str| {
            vars.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        match Config::from_lookup(lookup) {
            Ok(config) => Ok(Self::new(config)),
            Err(e) => {
                if let Some(api) =
                    lookup("AWS_LAMBDA_RUNTIME_API").and_then(|v| RuntimeApi::parse(v).ok())
                {
                    report_init_error(api, error_type::INVALID_CONFIG, &e);
                }
                Err(RunError::Config(e))
            }
        }
    }

    /// A runtime for an explicit configuration (tests, embedding).
    pub fn new(config: Config<'static>) -> Self {
        Self {
            config,
            buffers: Buffers::default(),
            exit_on_stop: false,
        }
    }

    /// Uses other buffer sizes (the largest event and response change accordingly).
    pub fn with_buffers(mut self, buffers: Buffers) -> Self {
        self.buffers = buffers;
        self
    }

    /// The configuration.
    pub fn config(&self) -> &Config<'static> {
        &self.config
    }

    /// The buffer sizes each worker allocates.
    pub fn buffers(&self) -> Buffers {
        self.buffers
    }

    /// Runs `init`, then serves invocations with its handler until a fatal stop. An `init` error
    /// (or panic) is reported to `/init/error`.
    ///
    /// `init` is async so that one source builds on every transport; here it runs to
    /// completion on this thread before the first `/next`.
    pub fn run_with_init<H, E, F>(&self, init: F) -> RunError
    where
        H: Handler + Sync,
        E: ErrorReport,
        F: AsyncFnOnce(&Config<'static>) -> Result<H, E>,
    {
        panic::install(self.config.runtime_api);
        match exec::block_on(host::catch_panic(init(&self.config))) {
            Ok(Ok(handler)) => self.serve(&handler),
            Ok(Err(e)) => self.init_failed(e.error_type(), &e),
            Err(message) => self.init_failed(error_type::PANIC, &message),
        }
    }

    /// Serves invocations with `handler` until a fatal stop; returns why it stopped.
    pub fn serve<H: Handler + Sync>(&self, handler: &H) -> RunError {
        panic::install(self.config.runtime_api);
        panic::initialized();
        let workers = usize::from(self.config.max_concurrency.max(1));
        let shared = Shared::new(workers);
        if workers == 1 {
            return RunError::Stopped(self.worker(&shared, 0, handler));
        }
        let first = Mutex::new(None);
        std::thread::scope(|scope| {
            for id in 0..workers {
                let (shared, first) = (&shared, &first);
                let spawned = std::thread::Builder::new()
                    .name(format!("lambkin-worker-{id}"))
                    .spawn_scoped(scope, move || {
                        let stop = self.worker(shared, id, handler);
                        if self.exit_on_stop {
                            // A 500 means exit promptly; a slow handler elsewhere must not hold
                            // the process until it returns.
                            host::exit(&RunError::Stopped(stop));
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

    fn worker<H: Handler>(&self, shared: &Shared, id: usize, handler: &H) -> Stop<io::Error> {
        let (mut rx, mut tx) = self.buffers.allocate();
        let mut session = match Session::new(self.config, &mut rx, &mut tx) {
            Ok(s) => s,
            Err(e) => return Stop::Session(e),
        };
        driver::run(&mut session, &mut StdPlatform::new(shared, id), handler)
    }
}

/// Sends `/init/error` on its own connection with a short-lived session.
pub(crate) fn report_init_error(api: RuntimeApi<'static>, kind: &str, message: &dyn fmt::Display) {
    let Ok(config) =
        Config::from_lookup(|k| (k == "AWS_LAMBDA_RUNTIME_API").then_some(api.authority()))
    else {
        return;
    };
    let config = Config {
        runtime_api: api,
        ..config
    };
    let (mut rx, mut tx) = (vec![0u8; session::MIN_RX], vec![0u8; HEAD_ROOM + 64 * 1024]);
    let Ok(mut session) = Session::new(config, &mut rx, &mut tx) else {
        return;
    };
    session.fail_init(kind, message);
    let shared = Shared::new(1);
    let stop = driver::run(
        &mut session,
        &mut StdPlatform::new(&shared, 0),
        &driver::NoHandler,
    );
    if !matches!(stop, Stop::Session(session::Error::InitFailed)) {
        eprintln!("lambkin: could not report the init error: {stop}");
    }
}

/// Reads the environment and serves `handler`; on a fatal stop, prints why and exits 1.
pub fn run<H: Handler + Sync>(handler: H) -> ! {
    run_with_init(async |_| Ok::<_, core::convert::Infallible>(handler))
}

/// Like [`run`], with an init function whose error (or panic) goes to `/init/error`.
pub fn run_with_init<H, E, F>(init: F) -> !
where
    H: Handler + Sync,
    E: ErrorReport,
    F: AsyncFnOnce(&Config<'static>) -> Result<H, E>,
{
    let stop = match Runtime::from_env() {
        Ok(rt) => Runtime {
            exit_on_stop: true,
            ..rt
        }
        .run_with_init(init),
        Err(e) => e,
    };
    host::exit(&stop)
}
