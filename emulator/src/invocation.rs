//! What a caller hands the emulator (an [`Invocation`], perhaps with a [`Fault`]) and what it
//! gets back (an [`Outcome`] through a [`Pending`]).

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::ids;
use crate::state::Shared;
use crate::stream::{Chunk, Streamed};
use crate::wire::Request;

/// One event to deliver through `/next`.
#[derive(Clone, Debug, Default)]
pub struct Invocation {
    /// The event payload, sent as the `/next` body.
    pub body: Vec<u8>,
    /// The request id; a fresh UUID when `None`.
    pub request_id: Option<String>,
    /// `Lambda-Runtime-Client-Context`, sent as given.
    pub client_context: Option<String>,
    /// `Lambda-Runtime-Cognito-Identity`, sent as given.
    pub cognito_identity: Option<String>,
    /// `Lambda-Runtime-Aws-Tenant-Id`.
    pub tenant_id: Option<String>,
    /// `Lambda-Runtime-Invocation-Id`.
    pub invocation_id: Option<String>,
    /// What to do wrong while serving it.
    pub fault: Fault,
}

impl Invocation {
    /// An invocation of `body` with a fresh id and no fault.
    pub fn new(body: impl Into<Vec<u8>>) -> Self {
        Self {
            body: body.into(),
            ..Self::default()
        }
    }
}

/// Faults the emulator injects while serving one invocation, for tests.
#[derive(Clone, Debug, Default)]
pub struct Fault {
    /// Send the `/next` body chunked.
    pub chunked: bool,
    /// Send `Connection: close` with the `/next` response and close the connection after it.
    pub connection_close: bool,
    /// Send the `/next` header names in upper case.
    pub upper_case_headers: bool,
    /// Add this many extra headers to the `/next` response.
    pub extra_headers: usize,
    /// Leave out `Lambda-Runtime-Aws-Request-Id`: the runtime cannot answer, so it times out.
    pub omit_request_id: bool,
    /// Send only this many body bytes of the event, then close the connection.
    pub truncate_body_at: Option<usize>,
    /// Write the `/next` response one byte at a time.
    pub dribble: bool,
    /// Wait this long before answering the `/next` that picks the invocation up.
    pub delay_next: Option<Duration>,
    /// Answer the `/next` that would deliver the invocation with this status (and a Lambda error
    /// body) instead; the invocation ends as [`Outcome::Rejected`].
    pub next_status: Option<u16>,
    /// Answer the invocation's `/response` or `/error` with this status instead of 202; the
    /// invocation ends as [`Outcome::Rejected`].
    pub response_status: Option<u16>,
    /// Close the connection, without answering, on the first `/response` or `/error` for the
    /// invocation; a retry is served normally.
    pub drop_mid_response: bool,
    /// Send this raw `Lambda-Runtime-Deadline-Ms` value instead of the real deadline.
    pub deadline_ms: Option<String>,
}

/// How an invocation ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The function answered on `/response`.
    Response {
        /// The response body (de-chunked when streamed).
        body: Vec<u8>,
        /// The request's headers.
        headers: Vec<(String, String)>,
    },
    /// The function reported an error on `/error` (or in a streamed response's trailers), or the
    /// emulator ended it (crash, out of memory).
    Error {
        /// The error type, as Lambda would report it (`Runtime.Unknown` for an invalid one).
        error_type: String,
        /// The error body: Lambda's `{"errorMessage":…,"errorType":…}` JSON.
        body: Vec<u8>,
        /// The request's headers (empty when the emulator ended the invocation).
        headers: Vec<(String, String)>,
    },
    /// No answer before the deadline.
    TimedOut,
    /// A fault answered the invocation's `/next` or `/response` with this status.
    Rejected {
        /// The injected status.
        status: u16,
    },
}

/// Why [`Pending::wait`] returned without an outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WaitError {
    /// The wait's own time ran out before the invocation ended (it may still end later).
    Elapsed,
    /// The outcome was already taken by an earlier `wait`.
    Collected,
    /// The emulator shut down first.
    Shutdown,
}

impl fmt::Display for WaitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Elapsed => "the invocation did not end in time",
            Self::Collected => "the outcome was already collected",
            Self::Shutdown => "the emulator shut down",
        })
    }
}

impl std::error::Error for WaitError {}

/// An error reported on `/runtime/init/error`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorReport {
    /// `Lambda-Runtime-Function-Error-Type` (as sent).
    pub error_type: String,
    /// The body as sent.
    pub body: Vec<u8>,
}

/// One request the emulator received, in arrival order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestRecord {
    /// The method.
    pub method: String,
    /// The path as sent.
    pub path: String,
    /// The headers.
    pub headers: Vec<(String, String)>,
    /// The body (de-chunked; of a streamed response, the first
    /// [`MAX_RECORDED`](crate::MAX_RECORDED) bytes).
    pub body: Vec<u8>,
    /// The trailer fields of a chunked body.
    pub trailers: Vec<(String, String)>,
    /// Which connection carried it: connections are numbered from 0 in accept order.
    pub connection: usize,
}

/// Timings of an ended invocation, for `REPORT` lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timing {
    /// When the `/next` response carrying it was written.
    pub delivered: Instant,
    /// When it ended.
    pub ended: Instant,
}

impl Timing {
    /// The billed part: from delivery to the end.
    pub fn duration(&self) -> Duration {
        self.ended.saturating_duration_since(self.delivered)
    }
}

/// A queued or running invocation; [`wait`](Self::wait) for its outcome.
pub struct Pending {
    pub(crate) shared: Arc<Shared>,
    pub(crate) id: String,
}

impl Pending {
    /// The request id the function sees.
    pub fn request_id(&self) -> &str {
        &self.id
    }

    /// Waits up to `timeout` for the outcome and takes it. A streamed response is collected
    /// meanwhile: its bytes are the body of [`Outcome::Response`] (and of
    /// [`Streamed::body`], which keeps them also when the stream ended in an error).
    pub fn wait(&self, timeout: Duration) -> Result<Outcome, WaitError> {
        self.shared.wait(&self.id, timeout)
    }

    /// The next chunk of a streamed response as it arrives, waiting up to `timeout`: the
    /// forwarding path, which keeps nothing. `Ok(None)` once the invocation has ended and every
    /// chunk was taken (at once for a response that did not stream); then [`wait`](Self::wait)
    /// gives the outcome, without the forwarded bytes.
    pub fn next_chunk(&self, timeout: Duration) -> Result<Option<Chunk>, WaitError> {
        self.shared.next_chunk(&self.id, timeout)
    }

    /// What the emulator saw of the response, if the function streamed it (once its
    /// `/response` began): headers, chunk sizes and arrival times, time to first byte.
    pub fn streamed(&self) -> Option<Streamed> {
        self.shared.streamed(&self.id)
    }

    /// Delivery and end times, once the invocation was delivered and has ended.
    pub fn timing(&self) -> Option<Timing> {
        self.shared.timing(&self.id)
    }
}

/// The emulator keeps an invocation's state while its `Pending` lives (or until it ends, if
/// that is later), so a long-serving emulator holds only what is in flight.
impl Drop for Pending {
    fn drop(&mut self) {
        self.shared.forget(&self.id);
    }
}

impl fmt::Debug for Pending {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pending")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

pub(crate) const ERROR_TYPE: &str = "Lambda-Runtime-Function-Error-Type";
/// The trailer with a streamed response's error, base64.
pub(crate) const ERROR_BODY: &str = "Lambda-Runtime-Function-Error-Body";

/// What a `/response` or `/error` request says happened.
pub(crate) fn outcome_of(is_error: bool, request: Request) -> Outcome {
    if is_error {
        let error_type = lambda_error_type(request.header(ERROR_TYPE));
        return Outcome::Error {
            error_type,
            body: request.body,
            headers: request.headers,
        };
    }
    // A streamed response reports a mid-stream failure in its trailers.
    if let Some(kind) = request.trailer(ERROR_TYPE) {
        let body = request
            .trailer(ERROR_BODY)
            .map(|b| ids::base64_decode(b).unwrap_or_else(|| b.as_bytes().to_vec()))
            .unwrap_or_default();
        return Outcome::Error {
            error_type: lambda_error_type(Some(kind)),
            body,
            headers: request.headers,
        };
    }
    Outcome::Response {
        body: request.body,
        headers: request.headers,
    }
}

/// Lambda keeps an error type of the form `Category.Reason` and reports anything else (the
/// official runtime's `unhandled`, a missing header) as `Runtime.Unknown`.
fn lambda_error_type(sent: Option<&str>) -> String {
    let word = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphanumeric());
    match sent.and_then(|s| s.split_once('.')) {
        Some((a, b)) if word(a) && word(b) => sent.unwrap_or_default().to_owned(),
        _ => "Runtime.Unknown".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_types_follow_lambda() {
        let cases = [
            (Some("Function.Unhandled"), "Function.Unhandled"),
            (Some("Runtime.ExitError"), "Runtime.ExitError"),
            (Some("unhandled"), "Runtime.Unknown"),
            (Some("A.b.c"), "Runtime.Unknown"),
            (Some(".x"), "Runtime.Unknown"),
            (None, "Runtime.Unknown"),
        ];
        for (sent, want) in cases {
            assert_eq!(lambda_error_type(sent), want, "{sent:?}");
        }
    }
}
