//! What the Extensions API answers: the public, borrowed [`Event`]s, and their decoding.
//!
//! An answer's JSON body is decoded once, in place (core's codec unescapes strings inside the
//! receive buffer), when it completes; the session keeps the byte ranges of its strings and
//! hands out `&str`s borrowed from the buffer on every [`Session::poll_event`](super::Session).

use core::ops::Range;

use serde::Deserialize;

use super::ExtensionError;
use crate::context::Deadline;
use crate::json::{self, DecodeErrorKind};

/// What the session has to say. See [`Session`](super::Session) for the call order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Event<'s> {
    /// The registration was accepted.
    Registered(Registered<'s>),
    /// `event/next` answered with an INVOKE event.
    Invoke(Invoke<'s>),
    /// `event/next` answered with a SHUTDOWN event: the sandbox is shutting down.
    Shutdown(Shutdown<'s>),
    /// An `init/error` or `exit/error` report was accepted.
    ErrorReported,
    /// A Telemetry or Logs API subscription was accepted.
    Subscribed,
    /// The API refused the request (a non-2xx status).
    Rejected(Rejected<'s>),
    /// A request is waiting and there is no connection: connect, then call
    /// [`handle_connected`](super::Session::handle_connected).
    Reconnect,
    /// The exchange failed; the request may be asked for again.
    Failed(ExtensionError),
}

/// A successful registration, with what Lambda says about the function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct Registered<'s> {
    /// `Lambda-Extension-Identifier`, which every later request carries.
    pub identifier: &'s str,
    /// `functionName` (absent when the body is not the documented JSON).
    pub function_name: Option<&'s str>,
    /// `functionVersion`.
    pub function_version: Option<&'s str>,
    /// `handler`.
    pub handler: Option<&'s str>,
    /// `accountId`, sent only when the registration asked for it.
    pub account_id: Option<&'s str>,
}

/// An INVOKE event: the function is being invoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct Invoke<'s> {
    /// `requestId` (empty if absent).
    pub request_id: &'s str,
    /// `deadlineMs`, the invocation's deadline in epoch ms.
    pub deadline: Option<Deadline>,
    /// `invokedFunctionArn` (empty if absent).
    pub invoked_function_arn: &'s str,
    /// `tracing`, omitted by Lambda when there is none.
    pub tracing: Option<Tracing<'s>>,
}

/// The `tracing` object of an INVOKE event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct Tracing<'s> {
    /// `type`, `X-Amzn-Trace-Id` today.
    pub kind: &'s str,
    /// `value`, e.g. `Root=1-…;Parent=…;Sampled=1`.
    pub value: &'s str,
}

/// A SHUTDOWN event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct Shutdown<'s> {
    /// Why, read case-insensitively from `shutdownReason`.
    pub reason: ShutdownReason,
    /// `shutdownReason` as sent (empty if absent).
    pub reason_text: &'s str,
    /// `deadlineMs`: when the sandbox is killed, in epoch ms.
    pub deadline: Option<Deadline>,
}

/// Why the sandbox shuts down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum ShutdownReason {
    /// `SPINDOWN`: the sandbox was idle (the local emulator sends `spindown`).
    Spindown,
    /// `TIMEOUT`: an invocation or init timed out.
    Timeout,
    /// `FAILURE`: the runtime or an extension failed.
    Failure,
    /// Absent, or a reason this version does not know.
    Other,
}

impl ShutdownReason {
    fn parse(text: &str) -> Self {
        [
            ("spindown", Self::Spindown),
            ("timeout", Self::Timeout),
            ("failure", Self::Failure),
        ]
        .into_iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(text))
        .map_or(Self::Other, |(_, reason)| reason)
    }
}

/// A refused request: the status and, when the body is Lambda's error JSON, its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct Rejected<'s> {
    /// The HTTP status.
    pub status: u16,
    /// `errorType`, e.g. `Extension.RegistrationClosed`.
    pub error_type: Option<&'s str>,
    /// `errorMessage`.
    pub error_message: Option<&'s str>,
}

/// Byte range of a decoded string inside the receive buffer.
type Span = Range<usize>;

/// A decoded answer, as ranges into the receive buffer (the session cannot hold borrows of its
/// own buffer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Answer {
    Registered([Option<Span>; 4]),
    Invoke {
        request_id: Span,
        deadline: Option<u64>,
        arn: Span,
        tracing: Option<(Span, Span)>,
    },
    Shutdown {
        reason: Span,
        deadline: Option<u64>,
    },
    ErrorReported,
    Subscribed,
    Rejected {
        status: u16,
        error_type: Option<Span>,
        error_message: Option<Span>,
    },
    Failed(ExtensionError),
}

impl Answer {
    /// The event, its strings borrowed from `rx`.
    pub(super) fn event<'s>(&self, rx: &'s [u8], identifier: &'s str) -> Event<'s> {
        let text = |span: &Span| text(rx, span);
        let opt = |span: &Option<Span>| span.as_ref().map(text);
        match self {
            Self::Registered([name, version, handler, account]) => Event::Registered(Registered {
                identifier,
                function_name: opt(name),
                function_version: opt(version),
                handler: opt(handler),
                account_id: opt(account),
            }),
            Self::Invoke {
                request_id,
                deadline,
                arn,
                tracing,
            } => Event::Invoke(Invoke {
                request_id: text(request_id),
                deadline: deadline.map(Deadline::from_raw),
                invoked_function_arn: text(arn),
                tracing: tracing.as_ref().map(|(kind, value)| Tracing {
                    kind: text(kind),
                    value: text(value),
                }),
            }),
            Self::Shutdown { reason, deadline } => Event::Shutdown(Shutdown {
                reason: ShutdownReason::parse(text(reason)),
                reason_text: text(reason),
                deadline: deadline.map(Deadline::from_raw),
            }),
            Self::ErrorReported => Event::ErrorReported,
            Self::Subscribed => Event::Subscribed,
            Self::Rejected {
                status,
                error_type,
                error_message,
            } => Event::Rejected(Rejected {
                status: *status,
                error_type: opt(error_type),
                error_message: opt(error_message),
            }),
            Self::Failed(e) => Event::Failed(*e),
        }
    }
}

/// A span recorded at decode time; it was UTF-8 then and the buffer has not changed since.
fn text<'s>(rx: &'s [u8], span: &Span) -> &'s str {
    rx.get(span.clone())
        .and_then(|b| core::str::from_utf8(b).ok())
        .unwrap_or_default()
}

/// Where `s`, decoded from the `len` bytes at address `base`, lies, offset by `at`. A string
/// the decoder did not borrow from the buffer (none today) reads as empty.
fn span(base: usize, len: usize, at: usize, s: &str) -> Span {
    (s.as_ptr() as usize)
        .checked_sub(base)
        .filter(|start| start.saturating_add(s.len()) <= len)
        .map_or(0..0, |start| at + start..at + start + s.len())
}

/// Decodes the JSON in `rx[body]` as `T`, then maps its strings to spans with `f`.
fn decode<'a, T: Deserialize<'a>, R>(
    rx: &'a mut [u8],
    body: Span,
    f: impl FnOnce(T, &dyn Fn(&str) -> Span) -> R,
) -> Result<R, DecodeErrorKind> {
    let at = body.start;
    let bytes = rx.get_mut(body).ok_or(DecodeErrorKind::Eof)?;
    let (base, len) = (bytes.as_ptr() as usize, bytes.len());
    let value = json::from_slice::<T>(bytes).map_err(|e| e.kind())?;
    Ok(f(value, &|s| span(base, len, at, s)))
}

#[derive(Deserialize)]
struct WireEvent<'a> {
    #[serde(rename = "eventType", borrow)]
    event_type: &'a str,
    #[serde(rename = "deadlineMs", default)]
    deadline_ms: Option<u64>,
    #[serde(rename = "requestId", borrow, default)]
    request_id: Option<&'a str>,
    #[serde(rename = "invokedFunctionArn", borrow, default)]
    invoked_function_arn: Option<&'a str>,
    #[serde(borrow, default)]
    tracing: Option<WireTracing<'a>>,
    #[serde(rename = "shutdownReason", borrow, default)]
    shutdown_reason: Option<&'a str>,
}

#[derive(Deserialize)]
struct WireTracing<'a> {
    #[serde(rename = "type", borrow, default)]
    kind: Option<&'a str>,
    #[serde(borrow, default)]
    value: Option<&'a str>,
}

/// An `event/next` answer's body: INVOKE or SHUTDOWN (either case), or why not.
pub(super) fn decode_event(rx: &mut [u8], body: Span) -> Result<Answer, DecodeErrorKind> {
    decode(rx, body, |e: WireEvent<'_>, span| {
        let span = |s: Option<&str>| s.map_or(0..0, span);
        if e.event_type.eq_ignore_ascii_case("INVOKE") {
            Ok(Answer::Invoke {
                request_id: span(e.request_id),
                deadline: e.deadline_ms,
                arn: span(e.invoked_function_arn),
                tracing: e.tracing.map(|t| (span(t.kind), span(t.value))),
            })
        } else if e.event_type.eq_ignore_ascii_case("SHUTDOWN") {
            Ok(Answer::Shutdown {
                reason: span(e.shutdown_reason),
                deadline: e.deadline_ms,
            })
        } else {
            Err(DecodeErrorKind::UnknownVariant)
        }
    })?
}

#[derive(Deserialize)]
struct WireRegistered<'a> {
    #[serde(rename = "functionName", borrow, default)]
    function_name: Option<&'a str>,
    #[serde(rename = "functionVersion", borrow, default)]
    function_version: Option<&'a str>,
    #[serde(borrow, default)]
    handler: Option<&'a str>,
    #[serde(rename = "accountId", borrow, default)]
    account_id: Option<&'a str>,
}

/// A registration answer's body. It only informs, so a body that is not the documented JSON
/// gives no fields rather than failing a registration Lambda accepted.
pub(super) fn decode_registered(rx: &mut [u8], body: Span) -> Answer {
    let fields = decode(rx, body, |r: WireRegistered<'_>, span| {
        [r.function_name, r.function_version, r.handler, r.account_id].map(|s| s.map(span))
    });
    Answer::Registered(fields.unwrap_or_default())
}

#[derive(Deserialize)]
struct WireError<'a> {
    #[serde(rename = "errorType", borrow, default)]
    error_type: Option<&'a str>,
    #[serde(rename = "errorMessage", borrow, default)]
    error_message: Option<&'a str>,
}

/// A refusal's body, Lambda's `{"errorType","errorMessage"}` when it is that.
pub(super) fn decode_rejected(rx: &mut [u8], body: Span, status: u16) -> Answer {
    let (error_type, error_message) = decode(rx, body, |e: WireError<'_>, span| {
        (e.error_type.map(span), e.error_message.map(span))
    })
    .unwrap_or_default();
    Answer::Rejected {
        status,
        error_type,
        error_message,
    }
}
