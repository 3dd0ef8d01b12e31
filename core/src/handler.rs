//! The one trait a Lambda function implements, and how events and responses cross it.

use core::convert::Infallible;
use core::fmt;
use core::future::Future;

use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::diagnostic::{self, Diagnostic, MAX_ERROR_TYPE, StackTrace, error_type};
use crate::json::{self, DecodeError, EncodeError};
use crate::session::Invocation;
use crate::stream::{self, StreamBody};

/// A Lambda function.
///
/// `Event<'a>` is decoded from the receive buffer and may borrow from it (`&'a str` fields, no
/// copies); `Output<'a>` is serialized into the transmit buffer and may borrow from the event.
/// Any `serde` type works for both (JSON); [`Raw`] passes bytes through untouched.
///
/// `call` returns a future so the same handler runs on every transport. A handler that never
/// awaits costs nothing extra: the blocking transport polls it once. The handler is shared by
/// reference across concurrent invocations (`AWS_LAMBDA_MAX_CONCURRENCY`), so state lives
/// behind `&self` (atomics, locks, or clients that are already shareable).
///
/// ```
/// use lambkin_core::{Context, Handler};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Deserialize)]
/// struct Request<'a> {
///     #[serde(rename = "firstName")]
///     first_name: Option<&'a str>,
/// }
///
/// #[derive(Serialize)]
/// struct Response<'a> {
///     name: &'a str,
/// }
///
/// struct Echo;
///
/// impl Handler for Echo {
///     type Event<'a> = Request<'a>;
///     type Output<'a> = Response<'a>;
///     type Error = core::convert::Infallible;
///
///     async fn call<'a>(&'a self, event: Request<'a>, _ctx: &'a Context<'a>) -> Result<Response<'a>, Self::Error> {
///         Ok(Response { name: event.first_name.unwrap_or("world") })
///     }
/// }
/// ```
pub trait Handler {
    /// The event type.
    type Event<'a>: FromBody<'a>
    where
        Self: 'a;
    /// The response type.
    type Output<'a>: IntoBody
    where
        Self: 'a;
    /// The error type; reported to Lambda's `/error` with its [`ErrorReport::error_type`].
    type Error: ErrorReport;

    /// Handles one invocation.
    fn call<'a>(
        &'a self,
        event: Self::Event<'a>,
        ctx: &'a Context<'a>,
    ) -> impl Future<Output = Result<Self::Output<'a>, Self::Error>>;
}

/// Decoding an event from the invocation body.
pub trait FromBody<'a>: Sized {
    /// Decodes `body`, which it may rewrite in place (JSON unescaping) and borrow from.
    fn from_body(body: &'a mut [u8]) -> Result<Self, DecodeError>;
}

impl<'a, T: Deserialize<'a>> FromBody<'a> for T {
    fn from_body(body: &'a mut [u8]) -> Result<Self, DecodeError> {
        json::from_slice(body)
    }
}

/// Encoding a response into the transmit buffer.
pub trait IntoBody {
    /// Writes the body into `out`, returning its length, or how much room it needs. Bytes of
    /// `out` past the length are scratch: the session sends only the length.
    fn write_body(&self, out: &mut [u8]) -> Result<usize, EncodeError>;

    /// The body to stream instead, for [`Streaming`](crate::stream::Streaming) outputs; every
    /// other output gives itself back and is buffered.
    fn into_stream(self) -> Result<impl StreamBody, Self>
    where
        Self: Sized,
    {
        Err::<NotStreamed, Self>(self)
    }
}

/// The stream type of outputs that are not streamed (never constructed).
#[derive(Debug)]
pub enum NotStreamed {}

impl StreamBody for NotStreamed {
    type Error = Infallible;

    async fn write_to(self, _: &mut crate::stream::Writer<'_>) -> Result<(), Infallible> {
        match self {}
    }
}

impl<B: StreamBody> IntoBody for crate::stream::Streaming<B> {
    /// A stream has no buffered form: the driver streams it through [`IntoBody::into_stream`].
    fn write_body(&self, _: &mut [u8]) -> Result<usize, EncodeError> {
        Ok(0)
    }

    fn into_stream(self) -> Result<impl StreamBody, Self> {
        Ok::<B, Self>(self.0)
    }
}

impl<T: Serialize + ?Sized> IntoBody for T {
    fn write_body(&self, out: &mut [u8]) -> Result<usize, EncodeError> {
        json::to_slice(self, out)
    }
}

/// The invocation body as bytes, not decoded; as an output, bytes sent as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Raw<'a>(pub &'a [u8]);

impl<'a> FromBody<'a> for Raw<'a> {
    fn from_body(body: &'a mut [u8]) -> Result<Self, DecodeError> {
        Ok(Raw(body))
    }
}

impl IntoBody for Raw<'_> {
    fn write_body(&self, out: &mut [u8]) -> Result<usize, EncodeError> {
        let dst = out.get_mut(..self.0.len()).ok_or(EncodeError::BufferFull {
            needed: self.0.len(),
        })?;
        dst.copy_from_slice(self.0);
        Ok(self.0.len())
    }
}

/// What a handler error tells Lambda: an `errorType` (`Function.Xxx` by convention) and, through
/// `Display`, the `errorMessage`.
pub trait ErrorReport: fmt::Display {
    /// The `errorType`; defaults to [`error_type::FUNCTION`].
    fn error_type(&self) -> &str {
        error_type::FUNCTION
    }

    /// The stack frames the error carries (a captured backtrace), innermost first; sent as
    /// `stackTrace` and in the X-Ray error cause. None by default.
    fn stack_trace(&self) -> Option<&dyn StackTrace> {
        None
    }
}

impl ErrorReport for Infallible {}
impl ErrorReport for &str {}
impl ErrorReport for fmt::Error {}
impl ErrorReport for DecodeError {}
impl ErrorReport for EncodeError {}

#[cfg(feature = "alloc")]
impl ErrorReport for alloc::string::String {}

#[cfg(feature = "alloc")]
impl ErrorReport for alloc::boxed::Box<dyn core::error::Error + Send + Sync> {}

/// A ready-made handler error: an error type of your choosing and any message.
///
/// `Failure::new("Function.NotFound", format_args!("no item {id}"))` needs no allocation.
#[derive(Debug, Clone, Copy)]
pub struct Failure<M> {
    /// The `errorType`.
    pub error_type: &'static str,
    /// The `errorMessage`.
    pub message: M,
}

impl<M: fmt::Display> Failure<M> {
    /// A failure of type `error_type`.
    pub const fn new(error_type: &'static str, message: M) -> Self {
        Self {
            error_type,
            message,
        }
    }
}

impl<M: fmt::Display> fmt::Display for Failure<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message.fmt(f)
    }
}

impl<M: fmt::Display> ErrorReport for Failure<M> {
    fn error_type(&self) -> &str {
        self.error_type
    }
}

/// Longest `errorMessage` an [`Outcome::Failed`] carries.
pub const MAX_FAILURE_MESSAGE: usize = 512;

/// How one invocation ended, once the handler's borrows are over; the session takes it through
/// [`Session::complete`](crate::Session::complete).
// Inline strings because core has no allocator; one lives briefly per invocation.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// A response of this many bytes is at the start of the `out` buffer.
    Response(usize),
    /// A diagnostic of `len` bytes is in `out`: at its start when `cause` is 0, else after an
    /// X-Ray error cause of `cause` bytes and a blank line (`[cause]\r\n\r\n[diagnostic]`,
    /// so the cause ends the request head the session writes in front of it).
    Error {
        /// The `errorType`, also sent as a header.
        error_type: heapless::String<MAX_ERROR_TYPE>,
        /// Length of the diagnostic JSON.
        len: usize,
        /// Length of the X-Ray cause JSON in front of it, 0 for none (see [`crate::xray`]).
        cause: usize,
    },
    /// The invocation failed outside the handler's control (a panic, a timeout): `out` holds
    /// nothing useful, and the session writes the diagnostic itself.
    Failed {
        /// The `errorType`.
        error_type: heapless::String<MAX_ERROR_TYPE>,
        /// The `errorMessage`.
        message: heapless::String<MAX_FAILURE_MESSAGE>,
    },
    /// The response was streamed and ended (its last chunk or its error trailers are sent):
    /// only Lambda's answer is left to read.
    Streamed,
    /// The connection failed during a streamed response: the invocation is over and the
    /// connection is given up.
    StreamBroken,
}

impl Outcome {
    /// A handler error: a diagnostic of `len` bytes is at the start of `out`, reported as
    /// `error_type` (truncated to [`MAX_ERROR_TYPE`] bytes).
    pub fn error(error_type: &str, len: usize) -> Self {
        Self::Error {
            error_type: diagnostic::truncated(error_type),
            len,
            cause: 0,
        }
    }

    /// Writes `diagnostic` and its X-Ray cause (for a function in `task_root`) into `out`: the
    /// outcome of a failed invocation. See [`Outcome::Error`] for the layout.
    pub fn report(diagnostic: &Diagnostic<'_>, task_root: &str, out: &mut [u8]) -> Self {
        let (len, cause) = write_report(diagnostic, task_root, out);
        Self::Error {
            error_type: diagnostic::truncated(diagnostic.error_type),
            len,
            cause,
        }
    }

    /// A failure the session reports as `error_type` with `message` (both truncated to fit).
    pub fn failed(error_type: &str, message: &str) -> Self {
        Self::Failed {
            error_type: diagnostic::truncated(error_type),
            message: diagnostic::truncated(message),
        }
    }
}

/// Ends a request head's X-Ray cause header and the head.
const BLANK: &[u8] = b"\r\n\r\n";

/// Lays out `[cause]\r\n\r\n[diagnostic]` in `out`, or only the diagnostic when no cause
/// fits beside it: the diagnostic is the report and gets the room it needs first. Returns the
/// diagnostic's length and the cause's (0 when left out).
pub(crate) fn write_report(d: &Diagnostic<'_>, task_root: &str, out: &mut [u8]) -> (usize, usize) {
    let full = match d.encode(&mut []) {
        Err(EncodeError::BufferFull { needed }) => needed,
        _ => 0,
    };
    let cause_room = out.len().saturating_sub(full + BLANK.len());
    let cause = out
        .get_mut(..cause_room)
        .map_or(0, |o| crate::xray::encode(d, task_root, o));
    let start = match out.get_mut(cause..cause + BLANK.len()) {
        Some(blank) if cause > 0 => {
            blank.copy_from_slice(BLANK);
            cause + BLANK.len()
        }
        _ => 0,
    };
    let len = out.get_mut(start..).map_or(0, |o| d.encode(o).unwrap_or(0));
    (len, if start > 0 { cause } else { 0 })
}

/// Decodes the event, calls the handler, and encodes its response or error into `inv.out`, or
/// streams a [`Streaming`](crate::stream::Streaming) response on `io`'s connection.
///
/// Every transport runs this future (inside its panic and deadline guards); it is the only
/// place events and responses are converted.
pub async fn invoke<H: Handler, S: embedded_io_async::Write>(
    handler: &H,
    inv: Invocation<'_>,
    io: stream::Io<'_, S>,
) -> Outcome {
    let Invocation { context, body, out } = inv;
    let event = match H::Event::from_body(body) {
        Ok(event) => event,
        Err(e) => {
            let name = core::any::type_name::<H::Event<'_>>();
            return error(
                out,
                context.config.task_root,
                error_type::INVALID_EVENT,
                &format_args!("could not decode the event as {name}: {e}"),
            );
        }
    };
    match handler.call(event, &context).await {
        Ok(output) => match output.into_stream() {
            Ok(body) => stream::respond(body, io, &context, out).await,
            Err(output) => match output.write_body(out) {
                Ok(len) => Outcome::Response(len),
                Err(e) => error(
                    out,
                    context.config.task_root,
                    error_type::INVALID_RESPONSE,
                    &format_args!("could not encode the response: {e}"),
                ),
            },
        },
        Err(e) => {
            let d = Diagnostic::new(e.error_type(), &e);
            let d = match e.stack_trace() {
                Some(frames) => d.with_frames(frames),
                None => d,
            };
            Outcome::report(&d, context.config.task_root, out)
        }
    }
}

fn error(out: &mut [u8], task_root: &str, kind: &str, message: &dyn fmt::Display) -> Outcome {
    Outcome::report(&Diagnostic::new(kind, message), task_root, out)
}
