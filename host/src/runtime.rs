//! The configured runtime: configuration from the environment, buffers, why it stopped, and
//! reporting an init error.

use core::fmt;
use std::io;
use std::net::TcpStream;

use embedded_io_adapters::std::FromStd;
use lambkin_core::diagnostic::error_type;
use lambkin_core::driver::{self, Blocking, Stop};
use lambkin_core::session::{self, HEAD_ROOM};
use lambkin_core::{Config, ConfigError, RuntimeApi, Session};

use crate::exec::block_on;
use crate::serve::{Connect, Guarded, connect_blocking};

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
    pub fn allocate(&self) -> (Vec<u8>, Vec<u8>) {
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
    /// SnapStart: `/runtime/restore/next` could not be reached or answered badly.
    Restore(io::Error),
    /// SnapStart: an after-restore hook failed; it was reported to `/runtime/restore/error`.
    RestoreHook,
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Config(e) => e.fmt(f),
            Self::Init => f.write_str("initialization failed (reported to /runtime/init/error)"),
            Self::Stopped(e) => e.fmt(f),
            Self::Executor(e) => write!(f, "the async executor could not start: {e}"),
            Self::Restore(e) => write!(f, "SnapStart restore failed: {e}"),
            Self::RestoreHook => {
                f.write_str("an after-restore hook failed (reported to /runtime/restore/error)")
            }
        }
    }
}

impl std::error::Error for RunError {}

/// A configured runtime, before any handler runs.
#[derive(Debug, Clone, Copy)]
pub struct Runtime {
    config: Config<'static>,
    buffers: Buffers,
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

    pub(crate) fn init_failed(&self, kind: &str, message: &dyn fmt::Display) -> RunError {
        report_init_error(self.config.runtime_api, kind, message);
        RunError::Init
    }
}

/// Plain blocking connections, for the one-off init error report.
struct Plain;

impl Connect for Plain {
    type Stream = Blocking<FromStd<TcpStream>>;
    const BLOCKING: bool = true;

    async fn connect(&mut self, api: &RuntimeApi<'_>) -> io::Result<Self::Stream> {
        Ok(Blocking(FromStd::new(connect_blocking(api)?)))
    }
}

/// Sends `/init/error` on its own connection with a short-lived session.
fn report_init_error(api: RuntimeApi<'static>, kind: &str, message: &dyn fmt::Display) {
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
    let stop = block_on(driver::run(
        &mut session,
        &mut Guarded(Plain),
        &driver::NoHandler,
    ));
    if !matches!(stop, Stop::Session(session::Error::InitFailed)) {
        crate::warn(&format_args!("could not report the init error: {stop}"));
    }
}
