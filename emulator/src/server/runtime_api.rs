//! The Runtime API (2018-06-01): `invocation/next` (with the platform faults of [`Fault`]),
//! `invocation/{id}/response` (buffered; [`streaming`](super::streaming) serves streamed ones)
//! and `/error`, and `init/error`.
//!
//! [`Fault`]: crate::Fault

use std::thread;

use super::conn::Conn;
use super::{MAX_PAYLOAD, TOO_LARGE_BODY, epoch_ms, error_json};
use crate::ids::{self, percent_decode};
use crate::invocation::{ERROR_TYPE, ErrorReport, Outcome, outcome_of};
use crate::restore::Answer;
use crate::state::Verdict;
use crate::wire::{self, Framing, Request};

const PREFIX: &str = "/2018-06-01/runtime/";

impl Conn {
    /// Routes a request outside the Extensions API; `false` closes the connection.
    pub(super) fn runtime_api(&mut self, request: Request) -> bool {
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
                    self.error(403, "InvalidStateTransition", "init already ended")
                }
            }
            ("GET", ["restore", "next"]) => match self.shared.restore_next() {
                Answer::Accepted => {
                    wire::write_response(&mut self.stream, 200, &[], b"", &Framing::default())
                        .is_ok()
                }
                answer => self.restore_refused(&answer),
            },
            ("POST", ["restore", "error"]) => {
                let report = ErrorReport {
                    error_type: request
                        .header(ERROR_TYPE)
                        .unwrap_or("Runtime.AfterRestoreError")
                        .to_owned(),
                    body: request.body,
                };
                match self.shared.restore_error(report) {
                    Answer::Accepted => self.accepted(),
                    answer => self.restore_refused(&answer),
                }
            }
            (
                _,
                ["invocation", "next"]
                | ["invocation", _, "response" | "error"]
                | ["init", "error"],
            ) => self.error(405, "MethodNotAllowed", "method not allowed"),
            _ => self.error(404, "NotFound", "no such route"),
        }
    }

    fn restore_refused(&mut self, answer: &Answer) -> bool {
        if *answer == Answer::NotFound {
            return self.error(404, "NotFound", "not a SnapStart function");
        }
        self.error(403, "InvalidStateTransition", "not restoring")
    }

    /// `invocation/next`: waits for a queued invocation and delivers it, faults applied.
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
            return self.error(status, "ServiceException", "injected failure");
        }
        let deadline = self.shared.start(&id);
        let deadline_ms = fault
            .deadline_ms
            .clone()
            .unwrap_or_else(|| epoch_ms(deadline).to_string());
        let trace = ids::trace_id();
        self.shared
            .fan_out_invoke(&id, epoch_ms(deadline), &self.arn, &trace);
        self.shared.telemetry.emit(
            "platform.start",
            serde_json::json!({"requestId": &id, "version": "$LATEST",
                "tracing": {"type": "X-Amzn-Trace-Id", "value": &trace}}),
        );
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

    /// `invocation/{id}/response` or `/error`: the invocation's outcome, checked for its state
    /// and Lambda's size limit.
    fn answer(&mut self, id: &str, is_error: bool, request: Request) -> bool {
        let Some((fault, drop_now)) = self.shared.fault(id) else {
            return self.error(400, "InvalidRequestID", "unknown request id");
        };
        if drop_now {
            return false;
        }
        if let Some(status) = fault.response_status {
            self.shared.end(id, Outcome::Rejected { status });
            return self.error(status, "ServiceException", "injected failure");
        }
        let mode = request.header("Lambda-Runtime-Function-Response-Mode");
        let streamed = mode.is_some_and(|m| m.eq_ignore_ascii_case("streaming"));
        // Lambda knows two modes (`buffered` from Lambda Managed Instances); a streamed body
        // that arrives chunked was served by `streaming`, so this one has a length.
        if !is_error && mode.is_some_and(|m| !streamed && !m.eq_ignore_ascii_case("buffered")) {
            return self.error(
                400,
                "InvalidFunctionResponseMode",
                "Invalid function response mode",
            );
        }
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
            Verdict::Accepted if too_large => self.reply(413, TOO_LARGE_BODY.as_bytes()),
            verdict => self.verdict(verdict),
        }
    }

    /// The Runtime API's answer to a `/response` or `/error` judged `verdict`.
    pub(super) fn verdict(&mut self, verdict: Verdict) -> bool {
        match verdict {
            Verdict::Accepted => self.accepted(),
            Verdict::UnknownId => self.error(400, "InvalidRequestID", "unknown request id"),
            Verdict::WrongState => self.error(
                403,
                "InvalidStateTransition",
                "the invocation is not running",
            ),
            Verdict::TimedOut => self.error(410, "InvocationTimedOut", "the invocation timed out"),
        }
    }
}
