//! The Runtime API client as a sans-I/O state machine.

use core::fmt;

use crate::config::Config;
use crate::context::{Context, Deadline};
use crate::diagnostic::{Diagnostic, error_type};
use crate::handler::Outcome;
use crate::http::{self, HttpError, Incoming, Message, Progress, Span};
use crate::request::{self, Endpoint, MAX_ID_LEN, Post};

/// Bytes at the start of the transmit buffer reserved for a request head. The response body is
/// written after it, so the head can be put right in front of the body without moving it.
pub const HEAD_ROOM: usize = 3072;

/// Smallest receive buffer a session accepts (a `/next` head with all context headers).
pub const MIN_RX: usize = 4096;

/// Smallest transmit buffer: head room plus room for an error report.
pub const MIN_TX: usize = HEAD_ROOM + 512;

/// How many failed exchanges in a row (bad heads, closed connections, refused `/next`) the
/// session tolerates before giving up instead of spinning.
const MAX_FAILURES: u8 = 5;

/// Something the transport must do, or learn, next. See [`Session`] for the call order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Event {
    /// An event is ready: call [`Session::invocation`], run the handler, then complete it.
    Invocation,
    /// Open a new connection, then call [`Session::handle_connected`].
    Reconnect,
    /// Something worth logging happened; the session carries on.
    Notice(Notice),
    /// The runtime must stop: exit the process non-zero.
    Fatal(Error),
}

/// A recoverable surprise, for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Notice {
    /// The Runtime API answered with a status the session logs and moves past.
    Status {
        /// The endpoint called.
        endpoint: Endpoint,
        /// The HTTP status.
        status: u16,
    },
    /// An event came without a usable request id; it cannot be answered and was skipped.
    MissingRequestId,
    /// An event was larger than the receive buffer; it was reported to `/error`.
    EventTooLarge,
    /// The connection closed before the event was complete; reported to `/error`.
    TruncatedEvent,
    /// The response could not be read; the connection is replaced.
    BadResponse(HttpError),
    /// The connection closed while a request was outstanding; the request is retried.
    ConnectionLost(Endpoint),
    /// A request could not be delivered after a retry and was dropped.
    Undelivered(Endpoint),
    /// The connection failed during a streamed response; the invocation ended there.
    StreamBroken,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Status { endpoint, status } => {
                write!(f, "Runtime API answered {status} on {endpoint}")
            }
            Self::MissingRequestId => f.write_str("event without a valid request id skipped"),
            Self::EventTooLarge => {
                f.write_str("event larger than the receive buffer reported as an error")
            }
            Self::TruncatedEvent => {
                f.write_str("event cut short by the connection reported as an error")
            }
            Self::BadResponse(e) => write!(f, "unreadable Runtime API response: {e}"),
            Self::ConnectionLost(e) => write!(f, "connection lost during {e}, retrying"),
            Self::Undelivered(e) => write!(f, "request to {e} dropped after a retry"),
            Self::StreamBroken => {
                f.write_str("connection lost during a streamed response; the invocation ended")
            }
        }
    }
}

/// Why the runtime must stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Error {
    /// The Runtime API answered 5xx: the container is unhealthy and the process must exit.
    Status {
        /// The endpoint called.
        endpoint: Endpoint,
        /// The HTTP status.
        status: u16,
    },
    /// The Runtime API kept failing (bad responses, refused polls, dropped connections).
    Unreliable(Notice),
    /// The function's initialization failed and was reported to `/init/error`.
    InitFailed,
    /// A buffer given to [`Session::new`] is smaller than [`MIN_RX`] or [`MIN_TX`].
    BufferTooSmall,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Status { endpoint, status } => {
                write!(f, "Runtime API answered {status} on {endpoint}")
            }
            Self::Unreliable(n) => write!(f, "Runtime API keeps failing: {n}"),
            Self::InitFailed => {
                f.write_str("initialization failed (reported to /runtime/init/error)")
            }
            Self::BufferTooSmall => f.write_str("session buffers are too small"),
        }
    }
}

impl core::error::Error for Error {}

/// Where the session is in its exchanges; the table on [`Session`] gives the transitions.
// One per session; the event's spans live inline because there is no allocator to box them.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
enum Phase {
    /// `GET /next` is to be sent.
    Next,
    /// `GET /next` was sent; its answer is being read.
    AwaitNext,
    /// An event is in the receive buffer, waiting for the handler.
    Invoking(Message),
    /// A POST is in the transmit buffer at `range`.
    Post {
        endpoint: Endpoint,
        range: Span,
        retried: bool,
    },
    /// The POST was sent; its answer is being read (`range` is kept to send it again).
    AwaitAck {
        endpoint: Endpoint,
        range: Span,
        retried: bool,
    },
    /// Nothing more will be sent.
    Stopped(Error),
}

/// The Runtime API client for one connection's worth of invocations.
///
/// Call order, as a loop ([`crate::driver::run`] is exactly this):
/// 1. [`poll_transmit`](Self::poll_transmit): if it gives bytes, write them all, then
///    [`handle_transmitted`](Self::handle_transmitted) (a write error:
///    [`handle_disconnected`](Self::handle_disconnected)).
/// 2. Otherwise [`poll_event`](Self::poll_event): [`Event::Reconnect`] → connect, then
///    [`handle_connected`](Self::handle_connected); [`Event::Invocation`] →
///    [`invocation`](Self::invocation), run the handler, then [`complete`](Self::complete) with
///    its [`Outcome`]; [`Event::Notice`] → log; [`Event::Fatal`] → stop.
/// 3. On `None`: read into [`recv_buf`](Self::recv_buf), then
///    [`handle_recv`](Self::handle_recv) (`0` is end of stream; a read error:
///    [`handle_disconnected`](Self::handle_disconnected)).
///
/// The phases and what moves the session between them (while it is not connected,
/// `poll_event` gives [`Event::Reconnect`] first, whatever the phase):
///
/// | phase | `poll_transmit` | `poll_event` | next |
/// |---|---|---|---|
/// | `Next` | `GET /next` | `None` | transmitted → `AwaitNext`; disconnected → `Next` on a new connection |
/// | `AwaitNext` | — | `None`: read | an event → `Invoking`; a non-200 or an event without a request id → `Next` (a notice); an event too large or cut short → `Post` of its `/error`; connection lost → `Next` (a notice); 5xx → `Stopped` |
/// | `Invoking` | — | [`Event::Invocation`] | [`complete`](Self::complete) → `Post` of `/response` or `/error` |
/// | `Post` | the POST | `None` | transmitted → `AwaitAck`; disconnected → `Post` again once, then `Next` ([`Notice::Undelivered`]) |
/// | `AwaitAck` | — | `None`: read | any answer below 500 → `Next` (a notice unless 2xx); 5xx → `Stopped`; lost → as for `Post` |
/// | `Stopped` | — | [`Event::Fatal`] | — |
///
/// [`fail_init`](Self::fail_init) puts the `/init/error` POST in place before the first `/next`;
/// its answer (or a second failure to deliver it) stops the session with [`Error::InitFailed`].
/// Five failed exchanges in a row stop it with [`Error::Unreliable`].
///
/// The session never blocks, reads a clock or allocates; both buffers belong to the caller.
pub struct Session<'b> {
    config: Config<'b>,
    rx: &'b mut [u8],
    tx: &'b mut [u8],
    incoming: Incoming,
    phase: Phase,
    connected: bool,
    notice: Option<Notice>,
    failures: u8,
    /// `GET /next` never changes: it is encoded once, at the start of the transmit buffer.
    next_len: usize,
    /// A streamed response was sent: Lambda wants the connection closed after its answer.
    close_after_ack: bool,
}

impl<'b> Session<'b> {
    /// A session over caller-owned buffers. `rx` bounds the largest event (plus its head), `tx`
    /// the largest response (plus [`HEAD_ROOM`]).
    pub fn new(config: Config<'b>, rx: &'b mut [u8], tx: &'b mut [u8]) -> Result<Self, Error> {
        if rx.len() < MIN_RX || tx.len() < MIN_TX {
            return Err(Error::BufferTooSmall);
        }
        let next_len = request::next(&config.runtime_api, tx).map_err(|_| Error::BufferTooSmall)?;
        Ok(Self {
            next_len,
            config,
            rx,
            tx,
            incoming: Incoming::new(),
            phase: Phase::Next,
            connected: false,
            notice: None,
            failures: 0,
            close_after_ack: false,
        })
    }

    /// The configuration this session runs with.
    pub fn config(&self) -> &Config<'b> {
        &self.config
    }

    /// Bytes to send now, if any.
    #[must_use]
    pub fn poll_transmit(&mut self) -> Option<&[u8]> {
        if !self.connected {
            return None;
        }
        match &self.phase {
            Phase::Next => self.tx.get(..self.next_len),
            Phase::Post { range, .. } => self.tx.get(range.clone()),
            _ => None,
        }
    }

    /// Everything [`poll_transmit`](Self::poll_transmit) gave was written.
    pub fn handle_transmitted(&mut self) {
        self.incoming.reset();
        self.phase = match core::mem::replace(&mut self.phase, Phase::Next) {
            Phase::Next => Phase::AwaitNext,
            Phase::Post {
                endpoint,
                range,
                retried,
            } => Phase::AwaitAck {
                endpoint,
                range,
                retried,
            },
            other => other,
        };
    }

    /// What to do next when there is nothing to transmit.
    #[must_use]
    pub fn poll_event(&mut self) -> Option<Event> {
        if let Some(n) = self.notice.take() {
            return Some(Event::Notice(n));
        }
        match &self.phase {
            Phase::Stopped(e) => Some(Event::Fatal(*e)),
            _ if !self.connected => Some(Event::Reconnect),
            Phase::Invoking(_) => Some(Event::Invocation),
            _ => None,
        }
    }

    /// A new connection is open.
    pub fn handle_connected(&mut self) {
        self.connected = true;
        self.close_after_ack = false;
        self.incoming.reset();
    }

    /// Where to read received bytes into. Never empty while a response is awaited.
    pub fn recv_buf(&mut self) -> &mut [u8] {
        let range = self.incoming.recv_range(self.rx.len());
        self.rx.get_mut(range).unwrap_or_default()
    }

    /// `n` bytes were read into [`recv_buf`](Self::recv_buf); `0` means the peer closed.
    pub fn handle_recv(&mut self, n: usize) {
        if !matches!(self.phase, Phase::AwaitNext | Phase::AwaitAck { .. }) {
            // Bytes nobody asked for: the exchange is out of step; start over on a new connection.
            if n == 0 || self.incoming.has_buffered() {
                self.connected = false;
            }
            return;
        }
        let progress = if n == 0 {
            self.incoming.handle_eof(self.rx)
        } else {
            self.incoming.handle_recv(self.rx, n)
        };
        match progress {
            Ok(Progress::Partial) => {}
            Ok(Progress::Complete(msg)) => self.on_message(msg),
            Err(HttpError::Truncated) => self.handle_disconnected(),
            Err(e) => {
                self.connected = false;
                self.retry_or_drop(Notice::BadResponse(e));
            }
        }
    }

    /// The connection failed (read or write error, or closed before a response began).
    pub fn handle_disconnected(&mut self) {
        self.connected = false;
        let endpoint = match &self.phase {
            Phase::AwaitNext => Endpoint::Next,
            Phase::AwaitAck { endpoint, .. } | Phase::Post { endpoint, .. } => *endpoint,
            _ => return,
        };
        self.retry_or_drop(Notice::ConnectionLost(endpoint));
    }

    /// After a broken exchange: send the same request again once, then give up on it.
    fn retry_or_drop(&mut self, notice: Notice) {
        if self.count_failure(notice) {
            return;
        }
        self.phase = match core::mem::replace(&mut self.phase, Phase::Next) {
            Phase::AwaitAck {
                endpoint,
                range,
                retried: false,
            }
            | Phase::Post {
                endpoint,
                range,
                retried: false,
            } => {
                self.notice = Some(notice);
                Phase::Post {
                    endpoint,
                    range,
                    retried: true,
                }
            }
            Phase::AwaitAck { endpoint, .. } | Phase::Post { endpoint, .. } => {
                self.notice = Some(Notice::Undelivered(endpoint));
                if endpoint == Endpoint::InitError {
                    Phase::Stopped(Error::InitFailed)
                } else {
                    Phase::Next
                }
            }
            Phase::Stopped(e) => Phase::Stopped(e),
            _ => {
                self.notice = Some(notice);
                Phase::Next
            }
        };
    }

    /// Counts a failed exchange; true if that was one too many and the session stopped.
    fn count_failure(&mut self, notice: Notice) -> bool {
        self.failures = self.failures.saturating_add(1);
        if self.failures >= MAX_FAILURES {
            self.phase = Phase::Stopped(Error::Unreliable(notice));
            return true;
        }
        false
    }

    fn on_message(&mut self, msg: Message) {
        if msg.head.close || msg.truncated || self.incoming.has_leftover() || self.close_after_ack {
            self.connected = false;
        }
        let status = msg.head.status;
        let endpoint = match &self.phase {
            Phase::AwaitAck { endpoint, .. } => *endpoint,
            _ => Endpoint::Next,
        };
        if status >= 500 {
            // The Runtime API's rule: a 500 means the container is broken; exit promptly.
            self.phase = Phase::Stopped(Error::Status { endpoint, status });
            return;
        }
        if endpoint != Endpoint::Next {
            self.failures = 0;
            let accepted = (200..300).contains(&status);
            if !accepted {
                self.notice = Some(Notice::Status { endpoint, status });
            }
            self.phase = if endpoint == Endpoint::InitError {
                Phase::Stopped(Error::InitFailed)
            } else {
                Phase::Next
            };
            return;
        }
        if status != 200 {
            let notice = Notice::Status { endpoint, status };
            if !self.count_failure(notice) {
                self.notice = Some(notice);
                self.phase = Phase::Next;
            }
            return;
        }
        self.failures = 0;
        if id(self.rx, msg.head.lambda.request_id.clone()).is_none() {
            self.notice = Some(Notice::MissingRequestId);
            self.phase = Phase::Next;
            return;
        }
        let problem = if msg.overflow {
            Some((
                Notice::EventTooLarge,
                error_type::EVENT_TOO_LARGE,
                "event larger than the receive buffer",
            ))
        } else if msg.truncated {
            Some((
                Notice::TruncatedEvent,
                error_type::TRUNCATED_EVENT,
                "event cut short by the Runtime API connection",
            ))
        } else {
            None
        };
        self.phase = Phase::Invoking(msg);
        if let Some((notice, kind, text)) = problem {
            self.notice = Some(notice);
            self.fail(kind, &text);
        }
    }

    /// The pending invocation: its context and body (both in the receive buffer; the body is
    /// mutable so JSON can be unescaped in place) and the space for the response.
    pub fn invocation(&mut self) -> Option<Invocation<'_>> {
        let Phase::Invoking(msg) = &self.phase else {
            return None;
        };
        let (head, rest) = self.rx.split_at_mut(msg.body.start.min(self.rx.len()));
        let body = rest.get_mut(..msg.body.len()).unwrap_or_default();
        let lambda = &msg.head.lambda;
        let head: &[u8] = head;
        let deadline = text(head, lambda.deadline_ms.clone())
            .and_then(|d| http::parse_decimal(d.as_bytes()))
            .map(|d| Deadline::from_raw(d as u64));
        let context = Context {
            request_id: text(head, lambda.request_id.clone()).unwrap_or_default(),
            deadline,
            invoked_function_arn: text(head, lambda.function_arn.clone()).unwrap_or_default(),
            trace_id: text(head, lambda.trace_id.clone()),
            client_context_json: text(head, lambda.client_context.clone()),
            cognito_identity_json: text(head, lambda.cognito_identity.clone()),
            tenant_id: text(head, lambda.tenant_id.clone()),
            invocation_id: id(head, lambda.invocation_id.clone()),
            config: &self.config,
        };
        let out = self.tx.get_mut(HEAD_ROOM..).unwrap_or_default();
        Some(Invocation { context, body, out })
    }

    /// The invocation from [`invocation`](Self::invocation) ended: its response, its error, or
    /// a failure the session writes a diagnostic for goes out next. Ignored when no invocation
    /// is pending.
    pub fn complete(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Response(len) => self.post(Endpoint::Response, None, len, 0),
            Outcome::Error {
                error_type,
                len,
                cause,
            } => self.post(Endpoint::Error, Some(&error_type), len, cause),
            Outcome::Failed {
                error_type,
                message,
            } => self.fail(&error_type, &message.as_str()),
            // Sent already: read Lambda's answer, then close (SPEC C.2). The request cannot be
            // sent again, so it counts as retried.
            Outcome::Streamed if matches!(self.phase, Phase::Invoking(_)) => {
                // As `handle_transmitted` does for a buffered POST: the event is done with.
                self.incoming.reset();
                self.close_after_ack = true;
                self.phase = Phase::AwaitAck {
                    endpoint: Endpoint::Response,
                    range: 0..0,
                    retried: true,
                };
            }
            Outcome::StreamBroken if matches!(self.phase, Phase::Invoking(_)) => {
                self.connected = false;
                self.notice = Some(Notice::StreamBroken);
                self.phase = Phase::Next;
            }
            Outcome::Streamed | Outcome::StreamBroken => {}
        }
    }

    /// Reports an error the session writes itself (decode-time problems, [`Outcome::Failed`]).
    fn fail(&mut self, error_type: &str, message: &dyn fmt::Display) {
        let (len, cause) = self.write_report(error_type, message);
        self.post(Endpoint::Error, Some(error_type), len, cause);
    }

    /// Reports a failed initialization to `/init/error`; the session then stops with
    /// [`Error::InitFailed`]. Call before any invocation.
    pub fn fail_init(&mut self, error_type: &str, message: &dyn fmt::Display) {
        let (len, cause) = self.write_report(error_type, message);
        self.phase = Phase::Next;
        self.post(Endpoint::InitError, Some(error_type), len, cause);
    }

    /// Writes a diagnostic and its X-Ray cause after the head room; their lengths.
    fn write_report(&mut self, error_type: &str, message: &dyn fmt::Display) -> (usize, usize) {
        let out = self.tx.get_mut(HEAD_ROOM..).unwrap_or_default();
        let d = Diagnostic::new(error_type, message);
        crate::handler::write_report(&d, self.config.task_root, out)
    }

    /// Queues a POST of the `len` body bytes after the head room, or, with an X-Ray cause of
    /// `cause` bytes, of the cause as the head's last header and the body after its blank line.
    fn post(&mut self, endpoint: Endpoint, error_type: Option<&str>, len: usize, cause: usize) {
        let (request_id, invocation_id) = match &self.phase {
            Phase::Invoking(msg) => (
                msg.head.lambda.request_id.clone(),
                msg.head.lambda.invocation_id.clone(),
            ),
            _ if endpoint == Endpoint::InitError => (None, None),
            _ => return,
        };
        let (room, body) = self.tx.split_at_mut(HEAD_ROOM);
        // The cause and its blank line, if any, come before the body (see Outcome::Error).
        let before = if cause > 0 { cause + 4 } else { 0 };
        let len = len.min(body.len().saturating_sub(before));
        let post = Post {
            endpoint,
            request_id: id(self.rx, request_id).unwrap_or_default(),
            invocation_id: id(self.rx, invocation_id),
            error_type,
            content_length: len,
            xray_cause: cause > 0,
            streamed: None,
        };
        // The head is written after `GET /next`, then moved to sit right before the body.
        let scratch = room.get_mut(self.next_len..).unwrap_or_default();
        let range = match request::post_head(&self.config.runtime_api, &post, scratch) {
            // n fits after the GET, so the moved head cannot reach into it.
            Ok(n) => {
                let start = HEAD_ROOM - n;
                room.copy_within(self.next_len..self.next_len + n, start);
                start..HEAD_ROOM + before + len
            }
            // Unreachable with ids bounded by MAX_ID_LEN; skip rather than send a broken head.
            Err(_) => {
                self.notice = Some(Notice::Undelivered(endpoint));
                self.phase = Phase::Next;
                return;
            }
        };
        self.phase = Phase::Post {
            endpoint,
            range,
            retried: false,
        };
    }
}

fn text(buf: &[u8], span: Option<Span>) -> Option<&str> {
    core::str::from_utf8(buf.get(span?)?).ok()
}

/// A header value usable as an id: present, UTF-8, not empty, at most [`MAX_ID_LEN`] bytes.
fn id(buf: &[u8], span: Option<Span>) -> Option<&str> {
    text(buf, span).filter(|s| !s.is_empty() && s.len() <= MAX_ID_LEN)
}

/// One invocation handed to the handler.
pub struct Invocation<'s> {
    /// What Lambda says about the invocation.
    pub context: Context<'s>,
    /// The event payload, writable so it can be decoded in place.
    pub body: &'s mut [u8],
    /// Where the response (or diagnostic) goes.
    pub out: &'s mut [u8],
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
