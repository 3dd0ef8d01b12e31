//! The Extensions API (`2020-01-01`) as a sans-I/O state machine, and drivers that run it.
//!
//! An extension registers (`POST /extension/register`), then asks for events in a loop
//! (`GET /extension/event/next`, a long poll answered with an INVOKE or SHUTDOWN event), and
//! may report a failed init or exit (`POST /extension/{init,exit}/error`). [`Session`] encodes
//! those requests into a caller-owned transmit buffer and reads the answers, in any split, from
//! a caller-owned receive buffer, like the Runtime API [`crate::Session`]:
//!
//! ```text
//!  register / next_event / init_error / exit_error      (the caller asks)
//!        ▼
//!  poll_transmit ─▶ write ─▶ handle_transmitted
//!  recv_buf ◀─ read ─▶ handle_recv(n)                   (any split; 0 = closed)
//!        ▼
//!  poll_event: Registered · Subscribed · Invoke · Shutdown · ErrorReported · Rejected
//!              · Failed · Reconnect
//! ```
//!
//! [`telemetry`] holds the rest of an observability extension's protocol: the Telemetry and
//! Logs API subscriptions ([`Session::subscribe`]) and the receiving side (the listener's HTTP
//! request reader, the TCP destination's line splitter, and the zero-copy batch decoder).
//!
//! [`driver::exchange`] (blocking, embedded-io) and [`driver::exchange_async`] run one such
//! exchange over a stream; the session itself never blocks, reads a clock or allocates.
//!
//! The runtime needs two exchanges for graceful shutdown: Lambda sends SIGTERM before shutting
//! a sandbox down only when an extension is registered, so a runtime that wants a shutdown hook
//! [`register`]s an internal extension with no events during init and then calls
//! [`next_event`] once, which ends the extension's init and never returns an event (it has
//! subscribed to none). Both run over any blocking embedded-io stream with one caller buffer.

use core::fmt;

use crate::config::RuntimeApi;
use crate::http::HttpError;
use crate::json::DecodeErrorKind;

pub mod driver;
mod event;
mod request;
mod session;
pub mod telemetry;

#[cfg(test)]
mod driver_tests;

pub use event::{Event, Invoke, Registered, Rejected, Shutdown, ShutdownReason, Tracing};
pub use session::{Registration, Session};

/// What the extension is called unless the user names it: internal extension names must be
/// unique within a function.
pub const DEFAULT_NAME: &str = "lambkin-graceful-shutdown";

/// Longest extension identifier kept (Lambda's are UUIDs).
pub const MAX_IDENTIFIER: usize = 128;

/// Why an Extensions API exchange failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum ExtensionError {
    /// Reading or writing the stream failed.
    Io(#[cfg_attr(feature = "defmt", defmt(Debug2Format))] embedded_io::ErrorKind),
    /// The answer is not well-formed HTTP, or the connection ended before it was complete.
    Http(HttpError),
    /// The API answered with this non-2xx status (the drivers' wrappers; the session reports
    /// it as [`Event::Rejected`], with the answer's `errorType`).
    Status(u16),
    /// The registration answer carries no usable `Lambda-Extension-Identifier`, or one given
    /// to [`Session::with_identifier`] is empty or longer than [`MAX_IDENTIFIER`].
    MissingIdentifier,
    /// A request does not fit the transmit buffer, the receive buffer is empty, or an event
    /// is larger than the receive buffer.
    BufferTooSmall,
    /// An `event/next` answer is not an event: not JSON, a field of the wrong type, no
    /// `eventType`, or one other than INVOKE and SHUTDOWN (`UnknownVariant`).
    BadEvent(DecodeErrorKind),
    /// A request was asked for while another was in flight, an event or error report before
    /// registration, or a second registration.
    OutOfOrder,
    /// A subscription Lambda would refuse; nothing was sent.
    InvalidSubscription(telemetry::SubscriptionError),
}

impl fmt::Display for ExtensionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io(kind) => write!(f, "Extensions API connection failed: {kind:?}"),
            Self::Http(e) => write!(f, "Extensions API answered malformed HTTP: {e}"),
            Self::Status(s) => write!(f, "Extensions API answered status {s}"),
            Self::MissingIdentifier => {
                f.write_str("registration answer has no Lambda-Extension-Identifier")
            }
            Self::BufferTooSmall => f.write_str("buffer too small for an Extensions API exchange"),
            Self::BadEvent(kind) => write!(f, "Extensions API sent an unreadable event: {kind:?}"),
            Self::OutOfOrder => f.write_str("Extensions API request out of order"),
            Self::InvalidSubscription(e) => write!(f, "invalid telemetry subscription: {e}"),
        }
    }
}

impl core::error::Error for ExtensionError {}

/// A registered extension's identifier.
pub type Identifier = heapless::String<MAX_IDENTIFIER>;

/// Registers an internal extension named `name` with no events, over a connected `stream`.
///
/// `buf` holds the request, then the answer after it.
pub fn register<S: embedded_io::Read + embedded_io::Write>(
    stream: &mut S,
    api: &RuntimeApi<'_>,
    name: &str,
    buf: &mut [u8],
) -> Result<Identifier, ExtensionError> {
    let registration = Registration::new(name);
    let (tx, rx) = split(buf, request::register_len(api, &registration))?;
    let mut session = Session::new(*api, rx, tx);
    session.handle_connected();
    session.register(&registration)?;
    match driver::exchange(&mut session, stream) {
        Some(Event::Registered(r)) => {
            Identifier::try_from(r.identifier).map_err(|_| ExtensionError::MissingIdentifier)
        }
        other => Err(failure(other)),
    }
}

/// Calls `event/next` for the extension `id`, over a connected `stream`. With no events
/// subscribed, Lambda never answers: this returns only when the connection ends (the sandbox
/// shuts down) or on an error; `Ok` if an event came.
pub fn next_event<S: embedded_io::Read + embedded_io::Write>(
    stream: &mut S,
    api: &RuntimeApi<'_>,
    id: &str,
    buf: &mut [u8],
) -> Result<(), ExtensionError> {
    let (tx, rx) = split(buf, request::next_len(api, id))?;
    let mut session = Session::with_identifier(*api, id, rx, tx)?;
    session.handle_connected();
    session.next_event()?;
    match driver::exchange(&mut session, stream) {
        Some(Event::Invoke(_) | Event::Shutdown(_)) => Ok(()),
        other => Err(failure(other)),
    }
}

/// The request goes at the start of `buf`, the answer in the rest (which must not be empty).
fn split(buf: &mut [u8], request: usize) -> Result<(&mut [u8], &mut [u8]), ExtensionError> {
    match buf.split_at_mut_checked(request) {
        Some((tx, rx)) if !rx.is_empty() => Ok((tx, rx)),
        _ => Err(ExtensionError::BufferTooSmall),
    }
}

/// The error an exchange that gave no wanted event ended with.
fn failure(event: Option<Event<'_>>) -> ExtensionError {
    match event {
        Some(Event::Failed(e)) => e,
        Some(Event::Rejected(r)) => ExtensionError::Status(r.status),
        _ => ExtensionError::OutOfOrder,
    }
}
