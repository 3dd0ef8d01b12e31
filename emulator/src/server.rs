//! The Runtime API server: one thread accepts, one thread per connection serves requests in
//! order (HTTP/1.1 keep-alive, no pipelining needed by any runtime we know).

use std::io::{self, Read};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::ids::{self, percent_decode};
use crate::invocation::{
    ERROR_TYPE, ErrorReport, Invocation, Outcome, Pending, RequestRecord, outcome_of,
};
use crate::state::{Shared, Verdict};
use crate::wire::{self, Framing, ParseError, Request};

/// Lambda's limit for a buffered response.
pub const MAX_PAYLOAD: usize = 6_291_556;

/// Lambda's limit for a synchronous invocation's event (6 MB, a little below [`MAX_PAYLOAD`]).
pub const MAX_EVENT: usize = 6_291_456;

/// The Invoke API's 413 body for an event above [`MAX_EVENT`].
pub const EVENT_TOO_LARGE_BODY: &str = r#"{"errorMessage":"Request must be smaller than 6291456 bytes for the InvokeFunction operation","errorType":"RequestEntityTooLargeException"}"#;

/// The Runtime API's 413 body, byte for byte.
pub const TOO_LARGE_BODY: &str = r#"{"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).","errorType":"RequestEntityTooLarge"}"#;

/// Bodies above this are refused before they are read whole (streamed responses included).
const HARD_LIMIT: usize = 32 << 20;

const PREFIX: &str = "/2018-06-01/runtime/";
const EXTENSION_PREFIX: &str = "/2020-01-01/extension/";

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

struct Conn {
    shared: Arc<Shared>,
    arn: Arc<str>,
    /// Sent to extensions on registration.
    identity: Arc<str>,
    id: usize,
    stream: TcpStream,
}

impl Emulator {
    /// Binds and starts serving on background threads.
    pub fn start(config: Config) -> io::Result<Self> {
        let listener = TcpListener::bind(config.bind)?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::new(config.timeout, config.record_requests));
        let connections = Arc::new(Mutex::new(Vec::new()));
        let arn: Arc<str> = config.function_arn().into();
        let identity: Arc<str> = format!(
            r#"{{"functionName":"{}","functionVersion":"$LATEST","handler":"{}"}}"#,
            config.function_name, config.handler
        )
        .into();
        let (accept_shared, accept_conns) = (Arc::clone(&shared), Arc::clone(&connections));
        thread::Builder::new()
            .name("emulator-accept".into())
            .spawn(move || {
                let counter = AtomicUsize::new(0);
                for stream in listener.incoming() {
                    if accept_shared.is_shutdown() {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let _ = stream.set_nodelay(true);
                    if let Ok(clone) = stream.try_clone() {
                        accept_conns
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .push(clone);
                    }
                    let conn = Conn {
                        shared: Arc::clone(&accept_shared),
                        arn: Arc::clone(&arn),
                        identity: Arc::clone(&identity),
                        id: counter.fetch_add(1, Ordering::Relaxed),
                        stream,
                    };
                    let _ = thread::Builder::new()
                        .name("emulator-conn".into())
                        .spawn(move || conn.serve());
                }
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
    pub fn queued(&self) -> usize {
        self.shared.queued()
    }

    /// When the first `/next` of the current init arrived (the end of Lambda's init phase).
    pub fn first_next(&self) -> Option<Instant> {
        self.shared.first_next()
    }

    /// Starts a new init phase (a new function process): clears the init error and first `/next`.
    pub fn begin_init(&self) {
        self.shared.begin_init();
    }

    /// Ends every running invocation (the function died) with the outcome `f` gives its id.
    pub fn end_running(&self, f: impl FnMut(&str) -> Outcome) {
        self.shared.end_running(f);
    }

    /// Ends every queued invocation (init failed) with the outcome `f` gives its id.
    pub fn end_queued(&self, f: impl FnMut(&str) -> Outcome) {
        self.shared.end_queued(f);
    }

    /// Extensions registered in the current init.
    pub fn extensions(&self) -> usize {
        self.shared.extensions()
    }

    /// Lambda's shutdown phase begins: extensions subscribed to SHUTDOWN get the event.
    pub fn begin_shutdown(&self) {
        self.shared.begin_shutdown();
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

impl Conn {
    fn serve(mut self) {
        let mut buf = Vec::new();
        let mut chunk = vec![0u8; 256 << 10];
        loop {
            match wire::parse_request(&buf, HARD_LIMIT) {
                Ok(Some((request, used))) => {
                    buf.drain(..used);
                    let close = request.close;
                    if !self.handle(request) || close {
                        break;
                    }
                }
                Ok(None) => match self.stream.read(&mut chunk) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => buf.extend_from_slice(chunk.get(..n).unwrap_or_default()),
                },
                Err(e) => {
                    let status = if matches!(e, ParseError::TooLarge { .. }) {
                        413
                    } else {
                        400
                    };
                    let body = if status == 413 {
                        TOO_LARGE_BODY.to_owned()
                    } else {
                        error_json("InvalidRequest", &e.to_string())
                    };
                    let _ = self.reply(status, body.as_bytes(), true);
                    break;
                }
            }
        }
        let _ = self.stream.shutdown(Shutdown::Both);
    }

    /// Serves one request; `false` closes the connection.
    fn handle(&mut self, request: Request) -> bool {
        self.shared.record(RequestRecord {
            method: request.method.clone(),
            path: request.path.clone(),
            headers: request.headers.clone(),
            body: request.body.clone(),
            connection: self.id,
        });
        if let Some(route) = request.path.strip_prefix(EXTENSION_PREFIX) {
            return self.extension(route, &request);
        }
        let route = request.path.strip_prefix(PREFIX).unwrap_or("");
        let segments: Vec<&str> = route.split('/').collect();
        match (request.method.as_str(), segments.as_slice()) {
            ("GET", ["invocation", "next"]) => self.next(),
            ("POST", ["invocation", id, kind @ ("response" | "error")]) => {
                let id = percent_decode(id);
                self.answer(&id, kind == &"error", request)
            }
            ("POST", ["init", "error"]) => {
                let report = ErrorReport {
                    error_type: request.header(ERROR_TYPE).unwrap_or_default().to_owned(),
                    body: request.body,
                };
                if self.shared.init_error(report) {
                    self.accepted()
                } else {
                    self.reply(
                        403,
                        error_json("InvalidStateTransition", "init already ended").as_bytes(),
                        false,
                    )
                }
            }
            (
                _,
                ["invocation", "next"]
                | ["invocation", _, "response" | "error"]
                | ["init", "error"],
            ) => self.reply(
                405,
                error_json("MethodNotAllowed", "method not allowed").as_bytes(),
                false,
            ),
            _ => self.reply(
                404,
                error_json("NotFound", "no such route").as_bytes(),
                false,
            ),
        }
    }

    /// The Extensions API: registration during init, and `event/next`, which holds until the
    /// shutdown phase (then SHUTDOWN for subscribers, nothing for the rest).
    fn extension(&mut self, route: &str, request: &Request) -> bool {
        match (request.method.as_str(), route) {
            ("POST", "register") => {
                let Some(name) = request
                    .header("Lambda-Extension-Name")
                    .filter(|n| !n.is_empty())
                else {
                    let body = error_json("InvalidRequest", "missing Lambda-Extension-Name");
                    return self.reply(400, body.as_bytes(), false);
                };
                let events: Vec<String> =
                    serde_json::from_slice::<serde_json::Value>(&request.body)
                        .ok()
                        .and_then(|v| v.get("events").cloned())
                        .and_then(|e| serde_json::from_value(e).ok())
                        .unwrap_or_default();
                let id = ids::uuid();
                if !self
                    .shared
                    .register_extension(id.clone(), events.iter().any(|e| e == "SHUTDOWN"))
                {
                    let body = error_json(
                        "Extension.InvalidState",
                        &format!("{name} registered after init"),
                    );
                    return self.reply(403, body.as_bytes(), false);
                }
                let identity = Arc::clone(&self.identity);
                let headers = [
                    ("Content-Type", "application/json"),
                    ("Lambda-Extension-Identifier", id.as_str()),
                ];
                wire::write_response(
                    &mut self.stream,
                    200,
                    &headers,
                    identity.as_bytes(),
                    &Framing::default(),
                )
                .is_ok()
            }
            ("GET", "event/next") => {
                let id = request
                    .header("Lambda-Extension-Identifier")
                    .unwrap_or_default();
                match self.shared.wait_extension_event(id) {
                    None => {
                        let body = error_json(
                            "Extension.UnknownExtensionIdentifier",
                            "unknown extension identifier",
                        );
                        self.reply(403, body.as_bytes(), false)
                    }
                    Some(true) => {
                        let deadline = epoch_ms(Instant::now() + Duration::from_millis(500));
                        let body = format!(
                            r#"{{"eventType":"SHUTDOWN","shutdownReason":"spindown","deadlineMs":{deadline}}}"#
                        );
                        self.reply(200, body.as_bytes(), false)
                    }
                    Some(false) => false,
                }
            }
            _ => self.reply(
                404,
                error_json("NotFound", "no such route").as_bytes(),
                false,
            ),
        }
    }

    fn next(&mut self) -> bool {
        let Some((id, inv, fault)) = self.shared.take_next() else {
            return false;
        };
        if self.peer_closed() {
            // The runtime gave up on this poll (it restarted, say): keep the event for the next.
            self.shared.requeue(&id, inv);
            return false;
        }
        if let Some(delay) = fault.delay_next {
            thread::sleep(delay);
        }
        if let Some(status) = fault.next_status {
            self.shared.end(&id, Outcome::Rejected { status });
            let body = error_json("ServiceException", "injected failure");
            return self.reply(status, body.as_bytes(), false);
        }
        let deadline = self.shared.start(&id);
        let deadline_ms = fault
            .deadline_ms
            .clone()
            .unwrap_or_else(|| epoch_ms(deadline).to_string());
        let trace = ids::trace_id();
        let mut headers: Vec<(&str, &str)> = vec![("Content-Type", "application/json")];
        if !fault.omit_request_id {
            headers.push(("Lambda-Runtime-Aws-Request-Id", &id));
        }
        headers.push(("Lambda-Runtime-Deadline-Ms", &deadline_ms));
        headers.push(("Lambda-Runtime-Invoked-Function-Arn", &self.arn));
        headers.push(("Lambda-Runtime-Trace-Id", &trace));
        let optional = [
            ("Lambda-Runtime-Client-Context", &inv.client_context),
            ("Lambda-Runtime-Cognito-Identity", &inv.cognito_identity),
            ("Lambda-Runtime-Aws-Tenant-Id", &inv.tenant_id),
            ("Lambda-Runtime-Invocation-Id", &inv.invocation_id),
        ];
        headers.extend(
            optional
                .iter()
                .filter_map(|(k, v)| Some((*k, v.as_deref()?))),
        );
        let framing = Framing {
            chunked: fault.chunked,
            close: fault.connection_close,
            upper_case_headers: fault.upper_case_headers,
            extra_headers: fault.extra_headers,
            dribble: fault.dribble,
            truncate_body_at: fault.truncate_body_at,
        };
        let written = wire::write_response(&mut self.stream, 200, &headers, &inv.body, &framing);
        if written.is_err() {
            // The function never saw it: nothing lost, the next poll gets it.
            self.shared.requeue(&id, inv);
            return false;
        }
        !(fault.connection_close || fault.truncate_body_at.is_some())
    }

    fn answer(&mut self, id: &str, is_error: bool, request: Request) -> bool {
        let Some((fault, drop_now)) = self.shared.fault(id) else {
            return self.reply(
                400,
                error_json("InvalidRequestID", "unknown request id").as_bytes(),
                false,
            );
        };
        if drop_now {
            return false;
        }
        if let Some(status) = fault.response_status {
            self.shared.end(id, Outcome::Rejected { status });
            return self.reply(
                status,
                error_json("ServiceException", "injected failure").as_bytes(),
                false,
            );
        }
        let streamed = request
            .header("Lambda-Runtime-Function-Response-Mode")
            .is_some_and(|m| m.eq_ignore_ascii_case("streaming"));
        let too_large = !streamed && request.body.len() > MAX_PAYLOAD;
        let outcome = if too_large {
            let message =
                "Response payload size exceeded maximum allowed payload size (6291556 bytes).";
            Outcome::Error {
                error_type: "Function.ResponseSizeTooLarge".into(),
                body: error_json("Function.ResponseSizeTooLarge", message).into_bytes(),
                headers: request.headers,
            }
        } else {
            outcome_of(is_error, request)
        };
        match self.shared.answer(id, outcome) {
            Verdict::Accepted if too_large => self.reply(413, TOO_LARGE_BODY.as_bytes(), false),
            Verdict::Accepted => self.accepted(),
            Verdict::UnknownId => self.reply(
                400,
                error_json("InvalidRequestID", "unknown request id").as_bytes(),
                false,
            ),
            Verdict::WrongState => self.reply(
                403,
                error_json("InvalidStateTransition", "the invocation is not running").as_bytes(),
                false,
            ),
            Verdict::TimedOut => self.reply(
                410,
                error_json("InvocationTimedOut", "the invocation timed out").as_bytes(),
                false,
            ),
        }
    }

    /// Whether the client has closed its end, seen without blocking: a long poll can outlive
    /// the runtime that sent it.
    fn peer_closed(&self) -> bool {
        if self.stream.set_nonblocking(true).is_err() {
            return false;
        }
        let closed = matches!(self.stream.peek(&mut [0u8; 1]), Ok(0));
        let _ = self.stream.set_nonblocking(false);
        closed
    }

    fn accepted(&mut self) -> bool {
        self.reply(202, br#"{"status":"OK"}"#, false)
    }

    fn reply(&mut self, status: u16, body: &[u8], close: bool) -> bool {
        let headers = [("Content-Type", "application/json")];
        let framing = Framing {
            close,
            ..Framing::default()
        };
        wire::write_response(&mut self.stream, status, &headers, body, &framing).is_ok() && !close
    }
}

/// Lambda's error body.
pub fn error_json(error_type: &str, message: &str) -> String {
    let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    format!(
        r#"{{"errorMessage":"{}","errorType":"{}"}}"#,
        quote(message),
        quote(error_type)
    )
}

fn epoch_ms(at: Instant) -> u128 {
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
