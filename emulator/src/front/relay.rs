//! A streamed reply on its way to the HTTP client. An HTTP integration response (`url` and
//! `rest`, the services that stream) is sent as it arrives: the prelude's status, headers and
//! cookies as soon as the prelude is complete, then each chunk of the payload as an HTTP chunk.
//! Any other streamed reply is collected and converted whole, as a buffered one is.
//!
//! An error after the head was sent cannot change the status: the response is cut off (no
//! terminating chunk, connection closed), as a proxy does when its upstream fails mid-body,
//! so the client sees it incomplete. A prelude that is missing, too long or not JSON, or has
//! no usable `statusCode`, is the shape's failure answer (and a log line saying why).

use std::io::{self, Write};

use super::Shape;
use super::reply::{self, Canned, Response};
use crate::invocation::{Outcome, Pending};
use crate::logs::{Report, log};
use crate::stream::Chunk;
use crate::stream::prelude::{Parsed, Prelude};

enum State {
    /// No chunk yet.
    Waiting,
    /// Reading the prelude.
    Prelude(Prelude),
    /// Collecting a reply to convert whole.
    Collect(Vec<u8>),
    /// The head is sent; chunks follow.
    Sending,
    /// The prelude is unusable (why); the rest is dropped.
    Failed(String),
}

/// Turns a streamed reply's chunks into the HTTP response as they arrive.
pub(crate) struct Relay<'a, W: Write> {
    shape: Shape,
    out: &'a mut W,
    head_only: bool,
    close: bool,
    /// Adds the headers every response of the front carries (`Date`, request ids).
    decorate: &'a dyn Fn(&mut Response),
    state: State,
}

impl<'a, W: Write> Relay<'a, W> {
    pub(crate) fn new(
        shape: Shape,
        out: &'a mut W,
        (head_only, close): (bool, bool),
        decorate: &'a dyn Fn(&mut Response),
    ) -> Self {
        Self {
            shape,
            out,
            head_only,
            close,
            decorate,
            state: State::Waiting,
        }
    }

    /// One chunk of the function's stream.
    pub(crate) fn chunk(&mut self, pending: &Pending, chunk: Chunk) -> io::Result<()> {
        if let State::Waiting = self.state {
            let prelude = pending.streamed().is_some_and(|s| s.has_prelude());
            self.state = if prelude && matches!(self.shape, Shape::FunctionUrl | Shape::Rest) {
                State::Prelude(Prelude::new())
            } else {
                State::Collect(Vec::new())
            };
        }
        match &mut self.state {
            State::Prelude(prelude) => match prelude.feed(&chunk.bytes) {
                Ok(None) => Ok(()),
                Ok(Some(Parsed { fields, payload_at })) => {
                    match reply::structured(self.shape, &fields, Some(Vec::new())) {
                        Some(mut response) => {
                            (self.decorate)(&mut response);
                            self.out.write_all(&response.chunked_head(self.close))?;
                            self.state = State::Sending;
                            self.send(chunk.bytes.get(payload_at..).unwrap_or_default())
                        }
                        None => {
                            let why = "the prelude has no usable statusCode, headers or cookies";
                            self.state = State::Failed(why.into());
                            Ok(())
                        }
                    }
                }
                Err(e) => {
                    self.state = State::Failed(e.to_string());
                    Ok(())
                }
            },
            State::Collect(all) => {
                all.extend_from_slice(&chunk.bytes);
                Ok(())
            }
            State::Sending => self.send(&chunk.bytes),
            State::Waiting | State::Failed(_) => Ok(()),
        }
    }

    fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        if bytes.is_empty() || self.head_only {
            return Ok(());
        }
        write!(self.out, "{:x}\r\n", bytes.len())?;
        self.out.write_all(bytes)?;
        self.out.write_all(b"\r\n")?;
        self.out.flush()
    }

    /// The invocation ended: ends the response (or sends it whole, when nothing was sent).
    /// `Ok(false)` when the connection must close.
    pub(crate) fn finish(self, report: &Report) -> io::Result<bool> {
        let response = match self.state {
            State::Sending if report.is_error() => {
                log(&format!(
                    "lambkin-emulator: {} failed after its response began; response cut off",
                    report.request_id
                ));
                self.out.flush()?;
                return Ok(false);
            }
            State::Sending => {
                if !self.head_only {
                    self.out.write_all(b"0\r\n\r\n")?;
                }
                self.out.flush()?;
                return Ok(!self.close);
            }
            State::Prelude(p) => unusable(self.shape, &p.finish().to_string()),
            State::Failed(why) => unusable(self.shape, &why),
            State::Collect(body) => match &report.outcome {
                Outcome::Response { headers, .. } => reply::convert(self.shape, &body, headers),
                _ => Canned::Failed.response(self.shape),
            },
            State::Waiting => match &report.outcome {
                Outcome::Response { body, headers } => reply::convert(self.shape, body, headers),
                _ => Canned::Failed.response(self.shape),
            },
        };
        let mut response = response;
        (self.decorate)(&mut response);
        self.out
            .write_all(&response.encode(self.head_only, self.close))?;
        self.out.flush()?;
        Ok(!self.close)
    }
}

/// The failure answer to an HTTP integration response without a usable prelude, logged.
fn unusable(shape: Shape, why: &str) -> Response {
    log(&format!(
        "lambkin-emulator: unusable HTTP integration response: {why}"
    ));
    Canned::Failed.response(shape)
}
