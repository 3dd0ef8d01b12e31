//! AWS Lambda extensions on lambkin: the Extensions API loop and a Telemetry API listener.
//!
//! An [`Extension`] registers with the Extensions API, optionally subscribes to the Telemetry
//! API with a destination it listens on (HTTP, or newline-delimited JSON over TCP), then loops
//! on `event/next`, handing each INVOKE and SHUTDOWN to the events processor and every decoded
//! telemetry [`Record`] to the telemetry processor; [`Extension::run`] returns after SHUTDOWN.
//!
//! The protocol is lambkin-core's sans-I/O [`Session`](lambkin_core::extension::Session),
//! [`Listener`](lambkin_core::extension::telemetry::Listener),
//! [`Lines`](lambkin_core::extension::telemetry::Lines) and
//! [`records`](lambkin_core::extension::telemetry::records): this crate only moves bytes. The
//! listener is bound once, before subscribing, and serves every connection Lambda opens; a
//! record type this version does not know reaches the processor as [`Body::Other`] and never
//! rejects its batch.
//!
//! An extension that gives up says why, as the Extensions API asks: a listener it cannot bind
//! or a refused subscription goes to `init/error` ([`LISTENER_FAILED`], [`SUBSCRIBE_FAILED`]),
//! an events processor's error to `exit/error` ([`PROCESSOR_FAILED`]); then the run returns
//! the error.
//!
//! On std (smol and tokio: `with_async_events_processor` and `smol::run` / `tokio::run`):
//!
//! ```no_run
//! use lambkin_extension::{Body, Extension, NextEvent};
//!
//! # #[cfg(not(feature = "std"))]
//! # fn main() {}
//! # #[cfg(feature = "std")]
//! fn main() -> Result<(), lambkin_extension::Error> {
//!     Extension::new()
//!         .with_events_processor(|event: NextEvent| {
//!             if let NextEvent::Shutdown(s) = event {
//!                 eprintln!("shutting down: {:?}", s.reason);
//!             }
//!             Ok(())
//!         })
//!         .with_telemetry_processor(|record: &lambkin_extension::Record<'_>| {
//!             if let Body::Function(line) = &record.body {
//!                 eprintln!("function said {line:?}");
//!             }
//!         })
//!         .run()
//! }
//! ```
#![forbid(unsafe_code)]

#[cfg(feature = "std")]
mod api;
mod builder;
mod listener;
#[cfg(any(feature = "smol", feature = "tokio"))]
mod nonblocking;
#[cfg(feature = "smol")]
pub mod smol;
#[cfg(feature = "tokio")]
pub mod tokio;

#[cfg(feature = "std")]
pub use builder::Registered;
pub use builder::{DEFAULT_PORT, Destination, Extension, Telemetry};
pub use lambkin_core::extension::ShutdownReason;
pub use lambkin_core::extension::telemetry::{
    Api, Body, Buffering, Log, Platform, Record, Schema, Types,
};

/// What processors and [`Extension::run`] fail with: any error, as in the official crate.
pub type Error = Box<dyn core::error::Error + Send + Sync + 'static>;

/// An event from `event/next`, owned.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum NextEvent {
    /// The function is being invoked.
    Invoke(InvokeEvent),
    /// The sandbox is shutting down: the last event.
    Shutdown(ShutdownEvent),
}

/// An INVOKE event.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct InvokeEvent {
    /// `requestId`.
    pub request_id: String,
    /// `deadlineMs`, epoch ms (0 if absent).
    pub deadline_ms: u64,
    /// `invokedFunctionArn`.
    pub invoked_function_arn: String,
    /// `tracing.value` (the X-Ray trace header), if any.
    pub trace_id: Option<String>,
}

/// A SHUTDOWN event.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ShutdownEvent {
    /// Why, read case-insensitively.
    pub reason: ShutdownReason,
    /// `shutdownReason` as sent.
    pub reason_text: String,
    /// `deadlineMs`: when the sandbox is killed, epoch ms (0 if absent).
    pub deadline_ms: u64,
}

impl NextEvent {
    fn from_core(event: &lambkin_core::extension::Event<'_>) -> Option<Self> {
        use lambkin_core::extension::Event;
        match event {
            Event::Invoke(i) => Some(Self::Invoke(InvokeEvent {
                request_id: i.request_id.to_owned(),
                deadline_ms: i.deadline.map_or(0, |d| d.raw()),
                invoked_function_arn: i.invoked_function_arn.to_owned(),
                trace_id: i.tracing.map(|t| t.value.to_owned()),
            })),
            Event::Shutdown(s) => Some(Self::Shutdown(ShutdownEvent {
                reason: s.reason,
                reason_text: s.reason_text.to_owned(),
                deadline_ms: s.deadline.map_or(0, |d| d.raw()),
            })),
            _ => None,
        }
    }
}

/// The error an answer that was not the one wanted stands for.
/// The `errorType` reported on `init/error` when the telemetry listener cannot be bound.
pub const LISTENER_FAILED: &str = "Extension.ListenerFailed";
/// The `errorType` reported on `init/error` when the Telemetry (or Logs) API refuses the
/// subscription.
pub const SUBSCRIBE_FAILED: &str = "Extension.SubscribeFailed";
/// The `errorType` reported on `exit/error` when the events processor fails.
pub const PROCESSOR_FAILED: &str = "Extension.ProcessorFailed";

/// The error as `give_up` returns it: `error`, and why reporting it failed, if it did.
pub(crate) fn reported(error: Error, report: Result<(), Error>) -> Error {
    match report {
        Ok(()) => error,
        Err(r) => format!("{error} (reporting it to the Extensions API failed too: {r})").into(),
    }
}

pub(crate) fn refusal(event: &lambkin_core::extension::Event<'_>) -> Error {
    match event {
        lambkin_core::extension::Event::Failed(e) => Box::new(*e),
        lambkin_core::extension::Event::Rejected(r) => format!(
            "Extensions API refused the request: {} {}: {}",
            r.status,
            r.error_type.unwrap_or("(no errorType)"),
            r.error_message.unwrap_or("")
        )
        .into(),
        other => format!("unexpected Extensions API answer: {other:?}").into(),
    }
}
