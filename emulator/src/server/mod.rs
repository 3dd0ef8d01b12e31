//! The Runtime API server and its public handle, [`Emulator`]: one thread accepts, one thread
//! per connection serves requests in order (the [`connection`] loop the Invoke API shares).
//! [`conn`] routes each request to the Runtime API ([`runtime_api`]) or the Extensions API
//! ([`extensions_api`]).

mod conn;
mod extensions_api;
mod runtime_api;
mod streaming;

use std::io;
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::agents::Registered;
use crate::connection;
use crate::ids;
use crate::invocation::{ErrorReport, Invocation, Outcome, Pending, RequestRecord, WaitError};
use crate::process::LineSink;
use crate::state::Shared;
use conn::Conn;
pub use streaming::MAX_RECORDED;

/// Lambda's limit for a buffered response.
pub const MAX_PAYLOAD: usize = 6_291_556;

/// The Runtime API's 413 body, byte for byte.
pub const TOO_LARGE_BODY: &str = r#"{"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).","errorType":"RequestEntityTooLarge"}"#;

/// How to run the emulator.
#[derive(Clone, Debug)]
pub struct Config {
    /// The function timeout: an invocation not answered this long after delivery times out.
    pub timeout: Duration,
    /// The function name (in the ARN).
    pub function_name: String,
    /// The region (in the ARN).
    pub region: String,
    /// Where to listen; port 0 picks a free one.
    pub bind: SocketAddr,
    /// Keep every request for [`Emulator::requests`]; turn off for long benchmark runs.
    pub record_requests: bool,
    /// The handler setting, reported to extensions on registration.
    pub handler: String,
    /// Pace streamed responses as Lambda does: the first 6 MiB uncapped, then 2 MiB/s
    /// ([`stream::BURST`](crate::stream::BURST), [`stream::RATE`](crate::stream::RATE)).
    /// On by default; `--no-stream-limit` turns it off.
    pub stream_limit: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(3),
            function_name: "function".into(),
            region: "us-east-1".into(),
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            record_requests: true,
            handler: "bootstrap".into(),
            stream_limit: true,
        }
    }
}

impl Config {
    /// The invoked function ARN Lambda would send.
    pub fn function_arn(&self) -> String {
        format!(
            "arn:aws:lambda:{}:000000000000:function:{}",
            self.region, self.function_name
        )
    }
}

/// A running Runtime API server. Dropping it shuts it down.
pub struct Emulator {
    shared: Arc<Shared>,
    config: Config,
    addr: SocketAddr,
    connections: Arc<Mutex<Vec<TcpStream>>>,
}

impl Emulator {
    /// Binds and starts serving on background threads.
    pub fn start(config: Config) -> io::Result<Self> {
        let listener = crate::connection::listen(config.bind)?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::new(config.timeout, config.record_requests));
        let _ = shared.telemetry.function.set(config.function_name.clone());
        let connections = Arc::new(Mutex::new(Vec::new()));
        let arn: Arc<str> = config.function_arn().into();
        let identity: Arc<str> = format!(
            r#"{{"functionName":"{}","functionVersion":"$LATEST","handler":"{}"}}"#,
            config.function_name, config.handler
        )
        .into();
        let (accept_shared, accept_conns) = (Arc::clone(&shared), Arc::clone(&connections));
        let stream_limit = config.stream_limit;
        thread::Builder::new()
            .name("emulator-accept".into())
            .spawn(move || {
                let mut counter = 0;
                let mut open = |stream: TcpStream| {
                    if accept_shared.is_shutdown() {
                        return None;
                    }
                    // Kept so that shutdown can close connections blocked in a long poll.
                    if let Ok(clone) = stream.try_clone() {
                        accept_conns
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .push(clone);
                    }
                    let id = counter;
                    counter += 1;
                    Some(Conn {
                        shared: Arc::clone(&accept_shared),
                        arn: Arc::clone(&arn),
                        identity: Arc::clone(&identity),
                        id,
                        stream,
                        stream_limit,
                    })
                };
                // A failed accept (or thread spawn) loses one connection, not the server.
                while connection::accept(&listener, "emulator-conn", &mut open).is_err()
                    && !accept_shared.is_shutdown()
                {}
            })?;
        Ok(Self {
            shared,
            config,
            addr,
            connections,
        })
    }
    /// The value for `AWS_LAMBDA_RUNTIME_API`: `host:port`.
    pub fn runtime_api(&self) -> String {
        self.addr.to_string()
    }

    /// The bound address.
    pub fn address(&self) -> SocketAddr {
        self.addr
    }

    /// The configuration it runs with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Queues an invocation for the next `/next`.
    pub fn invoke(&self, mut inv: Invocation) -> Pending {
        let id = inv.request_id.take().unwrap_or_else(ids::uuid);
        self.shared.enqueue(id.clone(), inv);
        Pending {
            shared: Arc::clone(&self.shared),
            id,
        }
    }

    /// How many invocations the emulator holds state for: queued, running, or ended while
    /// their [`Pending`] lives. It is back to 0 whenever nothing is in flight, however many
    /// invocations ran before.
    pub fn tracked(&self) -> usize {
        self.shared.tracked()
    }

    /// The error reported on `/init/error` in the current init, if any.
    pub fn init_error(&self) -> Option<ErrorReport> {
        self.shared.init_report()
    }

    /// Every request received so far (when [`Config::record_requests`]).
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.shared.records()
    }

    /// How many `/next` long polls are waiting right now.
    pub fn open_next_polls(&self) -> usize {
        self.shared.open_polls()
    }

    /// How many invocations wait for a `/next`.
    pub(crate) fn queued(&self) -> usize {
        self.shared.queued()
    }

    /// The end of Lambda's init phase in the current init: the runtime's first `/next`, once
    /// every extension has called `event/next` too.
    pub fn first_next(&self) -> Option<Instant> {
        self.shared.init_end()
    }

    /// Starts a new init phase (a new function process): clears the init error and first `/next`.
    pub fn begin_init(&self) {
        self.shared.begin_init(Vec::new(), false);
    }

    /// Starts a new init phase with external extensions of these names (each must register
    /// before init ends); `managed` for Lambda Managed Instances (SHUTDOWN only for them).
    pub fn begin_init_with_extensions(&self, names: Vec<String>, managed: bool) {
        self.shared.begin_init(names, managed);
    }

    /// SnapStart: serve `/runtime/restore/next` and `/runtime/restore/error`.
    pub fn set_snapstart(&self, on: bool) {
        self.shared.set_snapstart(on);
    }

    /// When the runtime called `/runtime/restore/next` in the current init (SnapStart).
    pub fn snapshot(&self) -> Option<Instant> {
        self.shared.snapshot()
    }

    /// What the runtime reported on `/runtime/restore/error` in the current init.
    pub fn restore_error(&self) -> Option<ErrorReport> {
        self.shared.restore_failure()
    }

    /// The sandbox was reset: its extensions (and their subscriptions) are gone.
    pub(crate) fn reset_extensions(&self) {
        self.shared.reset_extensions();
    }

    /// The error an extension reported on `extension/init/error` in the current init.
    pub fn extension_init_error(&self) -> Option<ErrorReport> {
        self.shared.extension_init_error()
    }

    /// Whether every external extension of the current init has registered.
    pub(crate) fn extensions_registered(&self) -> bool {
        self.shared.extensions_registered()
    }

    /// Waits until every extension that got the last INVOKE has called `event/next` again, at
    /// most until `until`: when the last one did, or `None` when none had one.
    pub fn extensions_done(&self, until: Instant) -> Result<Option<Instant>, WaitError> {
        self.shared.extensions_done(until)
    }

    /// Ends every running invocation (the function died) with the outcome `f` gives its id.
    pub(crate) fn end_running(&self, f: impl FnMut(&str) -> Outcome) {
        self.shared.end_running(f);
    }

    /// Ends every queued invocation (init failed) with the outcome `f` gives its id.
    pub(crate) fn end_queued(&self, f: impl FnMut(&str) -> Outcome) {
        self.shared.end_queued(f);
    }

    /// Extensions registered in the current init.
    pub fn extensions(&self) -> usize {
        let r = self.shared.registered();
        r.external + r.internal
    }

    /// Telemetry API subscriptions of the current init.
    pub(crate) fn telemetry(&self) -> &crate::telemetry::Hub {
        &self.shared.telemetry
    }

    /// Where a process's output lines go to become `category` records (`function` or
    /// `extension`) for telemetry subscribers.
    pub(crate) fn line_sink(&self, category: &'static str, json_logs: bool) -> LineSink {
        let shared = Arc::clone(&self.shared);
        Arc::new(move |line: &[u8]| shared.telemetry.emit_line(category, line, json_logs))
    }

    /// Extensions registered in the current init, by kind.
    pub fn registered(&self) -> Registered {
        self.shared.registered()
    }

    /// The external extensions done with the shutdown phase (they called next again).
    pub fn parked(&self) -> Vec<String> {
        self.shared.parked()
    }

    /// Lambda's shutdown phase begins: extensions subscribed to SHUTDOWN get the event, with a
    /// deadline `limit` from now.
    pub fn begin_shutdown(&self, limit: Duration) {
        self.shared.begin_shutdown(epoch_ms(Instant::now() + limit));
    }

    /// Stops serving: long polls return, connections close, waiters get `Shutdown`.
    pub fn shutdown(&self) {
        if self.shared.is_shutdown() {
            return;
        }
        self.shared.shutdown();
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        for stream in self
            .connections
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .drain(..)
        {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Lambda's error body.
pub(crate) fn error_json(error_type: &str, message: &str) -> String {
    let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    format!(
        r#"{{"errorMessage":"{}","errorType":"{}"}}"#,
        quote(message),
        quote(error_type)
    )
}

/// `at` as milliseconds since the epoch, for deadlines sent to the function.
pub(crate) fn epoch_ms(at: Instant) -> u128 {
    let now_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let ahead = at.saturating_duration_since(Instant::now());
    (now_epoch + ahead).as_millis()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_are_json() {
        assert_eq!(
            error_json("A.B", "say \"hi\""),
            r#"{"errorMessage":"say \"hi\"","errorType":"A.B"}"#
        );
    }
}
