//! The Extensions API client as a sans-I/O state machine.

use core::ops::Range;

use super::event::{self, Answer, Event};
use super::request::{self, Report};
use super::telemetry::{self, Subscription};
use super::{ExtensionError, Identifier};
use crate::config::RuntimeApi;
use crate::diagnostic::Diagnostic;
use crate::http::{HttpError, Incoming, Message, Progress};

/// What to register: the extension's name, the events it subscribes to, and whether Lambda
/// should include the account id in its answer. Nothing is subscribed to by default.
///
/// Lambda lets internal extensions (those in the function's own process) subscribe to INVOKE
/// only; an internal extension with no events still makes Lambda send the runtime SIGTERM.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Registration<'a> {
    name: &'a str,
    invoke: bool,
    shutdown: bool,
    account_id: bool,
}

impl<'a> Registration<'a> {
    /// A registration of `name` (`Lambda-Extension-Name`) with no events.
    pub const fn new(name: &'a str) -> Self {
        Self {
            name,
            invoke: false,
            shutdown: false,
            account_id: false,
        }
    }

    /// Subscribes to INVOKE events.
    pub const fn with_invoke(self) -> Self {
        Self {
            invoke: true,
            ..self
        }
    }

    /// Subscribes to SHUTDOWN events (external extensions only).
    pub const fn with_shutdown(self) -> Self {
        Self {
            shutdown: true,
            ..self
        }
    }

    /// Asks for `accountId` in the answer (`Lambda-Extension-Accept-Feature: accountId`).
    pub const fn with_account_id(self) -> Self {
        Self {
            account_id: true,
            ..self
        }
    }

    pub(super) const fn name(&self) -> &'a str {
        self.name
    }

    pub(super) const fn wants_account_id(&self) -> bool {
        self.account_id
    }

    pub(super) const fn body(&self) -> &'static str {
        match (self.invoke, self.shutdown) {
            (false, false) => r#"{"events":[]}"#,
            (true, false) => r#"{"events":["INVOKE"]}"#,
            (false, true) => r#"{"events":["SHUTDOWN"]}"#,
            (true, true) => r#"{"events":["INVOKE","SHUTDOWN"]}"#,
        }
    }
}

/// Which request is in flight, so its answer is read the right way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Request {
    Register,
    Next,
    Report,
    Subscribe,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Phase {
    /// Nothing asked yet.
    Idle,
    /// A request is in the transmit buffer at `range`.
    Send {
        request: Request,
        range: Range<usize>,
    },
    /// The request was sent; its answer is being read.
    Await { request: Request },
    /// The answer is in (or the exchange failed); it stays until the next request.
    Answered(Answer),
}

/// An Extensions API client for one connection's worth of exchanges.
///
/// Call order:
/// 1. Ask: [`register`](Self::register), then [`subscribe`](Self::subscribe) to telemetry
///    if wanted, [`next_event`](Self::next_event) as often as wanted, and [`init_error`](Self::init_error) or [`exit_error`](Self::exit_error) to
///    report a failure. One request at a time; each returns `Err` without effect if it cannot
///    be encoded or is out of order.
/// 2. [`poll_transmit`](Self::poll_transmit): if it gives bytes, write them all, then
///    [`handle_transmitted`](Self::handle_transmitted) (a write error:
///    [`handle_io_error`](Self::handle_io_error)).
/// 3. While [`is_awaiting`](Self::is_awaiting): read into [`recv_buf`](Self::recv_buf), then
///    [`handle_recv`](Self::handle_recv) (`0` is end of stream; a read error:
///    [`handle_io_error`](Self::handle_io_error)).
/// 4. [`poll_event`](Self::poll_event): the answer, typed, with its strings borrowed from the
///    receive buffer; or [`Event::Reconnect`] before step 2 when there is no connection
///    (connect, then [`handle_connected`](Self::handle_connected)). A new session has none.
///
/// The drivers in [`super::driver`] run steps 2 to 4. Phases:
///
/// | Phase    | `poll_transmit` | `poll_event`                | Leaves on                                   |
/// |----------|-----------------|-----------------------------|---------------------------------------------|
/// | Idle     | `None`          | `None`                      | a request → Send                            |
/// | Send     | the request¹    | `Reconnect` if disconnected | `handle_transmitted` → Await; I/O error → Answered(`Failed`) |
/// | Await    | `None`          | `None`                      | the answer completes, or fails → Answered; I/O error or a new connection → Answered(`Failed`) |
/// | Answered | `None`          | the answer (every call)     | a request → Send                            |
///
/// ¹ while connected. A connection is dropped (and `Reconnect` asked for before the next
/// request) when the peer closes it, says `Connection: close`, sends malformed HTTP or bytes
/// nobody asked for, or reading or writing fails. The session never blocks, reads a clock or
/// allocates.
pub struct Session<'b> {
    api: RuntimeApi<'b>,
    rx: &'b mut [u8],
    tx: &'b mut [u8],
    incoming: Incoming,
    phase: Phase,
    connected: bool,
    identifier: Option<Identifier>,
}

impl<'b> Session<'b> {
    /// A session for an extension yet to register. `rx` bounds the largest answer (an event
    /// is well under 1 KiB), `tx` the largest request (the name, or an error report).
    pub fn new(api: RuntimeApi<'b>, rx: &'b mut [u8], tx: &'b mut [u8]) -> Self {
        Self {
            api,
            rx,
            tx,
            incoming: Incoming::new(),
            phase: Phase::Idle,
            connected: false,
            identifier: None,
        }
    }

    /// A session for an extension registered already (on another connection, say): its
    /// `identifier` must be 1 to [`MAX_IDENTIFIER`](super::MAX_IDENTIFIER) bytes.
    pub fn with_identifier(
        api: RuntimeApi<'b>,
        identifier: &str,
        rx: &'b mut [u8],
        tx: &'b mut [u8],
    ) -> Result<Self, ExtensionError> {
        let mut session = Self::new(api, rx, tx);
        session.identifier = Some(valid_identifier(identifier.as_bytes())?);
        Ok(session)
    }

    /// The extension's identifier, once registered.
    pub fn identifier(&self) -> Option<&str> {
        self.identifier.as_deref()
    }

    /// Asks to register. Only once per session, and before anything else.
    pub fn register(&mut self, registration: &Registration<'_>) -> Result<(), ExtensionError> {
        self.check_ready(false)?;
        let api = self.api;
        let len = request::encode(self.tx, |w| request::register(w, &api, registration))?;
        self.send(Request::Register, 0..len);
        Ok(())
    }

    /// Asks for the next event (a long poll: Lambda answers when there is one).
    pub fn next_event(&mut self) -> Result<(), ExtensionError> {
        let id = self.check_ready(true)?;
        let api = self.api;
        let len = request::encode(self.tx, |w| request::next(w, &api, &id))?;
        self.send(Request::Next, 0..len);
        Ok(())
    }

    /// Asks to subscribe to the Telemetry API or the Logs API (`PUT /2022-07-01/telemetry`,
    /// `PUT /2020-08-15/logs`); answered with [`Event::Subscribed`] or [`Event::Rejected`]
    /// (`400 ValidationError`, say). The subscription is checked first: one Lambda would
    /// refuse is [`ExtensionError::InvalidSubscription`], and nothing is sent.
    pub fn subscribe(&mut self, subscription: &Subscription<'_>) -> Result<(), ExtensionError> {
        subscription
            .check()
            .map_err(ExtensionError::InvalidSubscription)?;
        let id = self.check_ready(true)?;
        let api = self.api;
        let len = request::encode(self.tx, |w| {
            telemetry::subscribe::request(w, &api, &id, subscription)
        })?;
        self.send(Request::Subscribe, 0..len);
        Ok(())
    }

    /// Asks to report that the extension's init failed (`POST /extension/init/error`).
    pub fn init_error(&mut self, diagnostic: &Diagnostic<'_>) -> Result<(), ExtensionError> {
        self.report(Report::Init, diagnostic)
    }

    /// Asks to report that the extension is exiting on an error (`POST /extension/exit/error`).
    pub fn exit_error(&mut self, diagnostic: &Diagnostic<'_>) -> Result<(), ExtensionError> {
        self.report(Report::Exit, diagnostic)
    }

    fn report(
        &mut self,
        report: Report,
        diagnostic: &Diagnostic<'_>,
    ) -> Result<(), ExtensionError> {
        let id = self.check_ready(true)?;
        let (api, ty, cap) = (self.api, diagnostic.error_type, self.tx.len());
        // The body goes after the longest head it could need (its length has at most as many
        // digits as the buffer's), then the head is written and moved to sit right before it.
        let room = request::measure(|w| request::report_head(w, &api, report, &id, ty, cap));
        let body = self
            .tx
            .get_mut(room..)
            .ok_or(ExtensionError::BufferTooSmall)?;
        let len = diagnostic
            .encode(body)
            .map_err(|_| ExtensionError::BufferTooSmall)?;
        let (head, _) = self.tx.split_at_mut(room);
        let n = request::encode(head, |w| {
            request::report_head(w, &api, report, &id, ty, len)
        })?;
        // n <= room: the head written is at most as long as the one measured.
        let start = room - n;
        head.copy_within(..n, start);
        self.send(Request::Report, start..room + len);
        Ok(())
    }

    /// No request in flight, a receive buffer to read the answer into, and registered (or
    /// not, for a registration). The identifier, copied so the request can borrow it.
    fn check_ready(&self, registered: bool) -> Result<Identifier, ExtensionError> {
        if matches!(self.phase, Phase::Send { .. } | Phase::Await { .. }) {
            return Err(ExtensionError::OutOfOrder);
        }
        if self.rx.is_empty() {
            return Err(ExtensionError::BufferTooSmall);
        }
        match (&self.identifier, registered) {
            (Some(id), true) => Ok(id.clone()),
            (None, false) => Ok(Identifier::new()),
            _ => Err(ExtensionError::OutOfOrder),
        }
    }

    fn send(&mut self, request: Request, range: Range<usize>) {
        self.phase = Phase::Send { request, range };
    }

    /// Bytes to send now, if any.
    #[must_use]
    pub fn poll_transmit(&self) -> Option<&[u8]> {
        match &self.phase {
            Phase::Send { range, .. } if self.connected => self.tx.get(range.clone()),
            _ => None,
        }
    }

    /// Everything [`poll_transmit`](Self::poll_transmit) gave was written.
    pub fn handle_transmitted(&mut self) {
        if let Phase::Send { request, .. } = self.phase {
            self.incoming.reset();
            self.phase = Phase::Await { request };
        }
    }

    /// A request was sent and its answer is not complete yet: read.
    pub fn is_awaiting(&self) -> bool {
        matches!(self.phase, Phase::Await { .. })
    }

    /// The answer to the last request, or a connection to make; `None` while there is
    /// nothing to say (no request yet, or one in flight). An answer stays until the next
    /// request, so calling this again gives it again.
    #[must_use]
    pub fn poll_event(&self) -> Option<Event<'_>> {
        match &self.phase {
            Phase::Send { .. } if !self.connected => Some(Event::Reconnect),
            Phase::Answered(answer) => {
                Some(answer.event(self.rx, self.identifier().unwrap_or_default()))
            }
            _ => None,
        }
    }

    /// A new connection is open. An answer awaited on the old one is lost:
    /// `Failed(Io(ConnectionReset))`.
    pub fn handle_connected(&mut self) {
        self.connected = true;
        self.incoming.reset();
        if self.is_awaiting() {
            self.fail(ExtensionError::Io(embedded_io::ErrorKind::ConnectionReset));
        }
    }

    /// Reading or writing failed: the connection is gone, and so is the exchange in flight.
    pub fn handle_io_error(&mut self, kind: embedded_io::ErrorKind) {
        self.connected = false;
        if matches!(self.phase, Phase::Send { .. } | Phase::Await { .. }) {
            self.fail(ExtensionError::Io(kind));
        }
    }

    /// Where to read received bytes into. Never empty while an answer is awaited.
    pub fn recv_buf(&mut self) -> &mut [u8] {
        let range = self.incoming.recv_range(self.rx.len());
        self.rx.get_mut(range).unwrap_or_default()
    }

    /// `n` bytes were read into [`recv_buf`](Self::recv_buf); `0` means the peer closed.
    pub fn handle_recv(&mut self, n: usize) {
        let Phase::Await { request } = self.phase else {
            // Bytes nobody asked for (the peer is out of step), or the end of an idle
            // connection: either way the next request needs a new one.
            self.connected = false;
            return;
        };
        let progress = if n == 0 {
            self.incoming.handle_eof(self.rx)
        } else {
            self.incoming.handle_recv(self.rx, n)
        };
        match progress {
            Ok(Progress::Partial) => {}
            Ok(Progress::Complete(msg)) => self.on_answer(request, &msg),
            Err(e) => {
                self.connected = false;
                self.fail(ExtensionError::Http(e));
            }
        }
    }

    fn fail(&mut self, error: ExtensionError) {
        self.phase = Phase::Answered(Answer::Failed(error));
    }

    fn on_answer(&mut self, request: Request, msg: &Message) {
        if msg.head.close || msg.truncated || self.incoming.has_leftover() {
            self.connected = false;
        }
        let status = msg.head.status;
        // An overflowed body holds only what fit: nothing to decode.
        let body = if msg.overflow { 0..0 } else { msg.body.clone() };
        let answer = if msg.truncated {
            Answer::Failed(ExtensionError::Http(HttpError::Truncated))
        } else if !(200..300).contains(&status) {
            event::decode_rejected(self.rx, body, status)
        } else {
            match request {
                Request::Register => {
                    let span = msg.head.lambda.extension_id.clone().unwrap_or(0..0);
                    match valid_identifier(self.rx.get(span).unwrap_or_default()) {
                        Ok(id) => {
                            self.identifier = Some(id);
                            event::decode_registered(self.rx, body)
                        }
                        Err(e) => Answer::Failed(e),
                    }
                }
                Request::Next if msg.overflow => Answer::Failed(ExtensionError::BufferTooSmall),
                Request::Next => event::decode_event(self.rx, body)
                    .unwrap_or_else(|kind| Answer::Failed(ExtensionError::BadEvent(kind))),
                Request::Report => Answer::ErrorReported,
                Request::Subscribe => Answer::Subscribed,
            }
        };
        self.phase = Phase::Answered(answer);
    }
}

/// A usable identifier: UTF-8, 1 to [`MAX_IDENTIFIER`](super::MAX_IDENTIFIER) bytes.
fn valid_identifier(bytes: &[u8]) -> Result<Identifier, ExtensionError> {
    core::str::from_utf8(bytes)
        .ok()
        .filter(|id| !id.is_empty())
        .and_then(|id| Identifier::try_from(id).ok())
        .ok_or(ExtensionError::MissingIdentifier)
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
