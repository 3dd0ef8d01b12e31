//! One connection to the Runtime API server: records each request, routes it to the Runtime
//! API or the Extensions API, and writes their JSON answers.

use std::net::TcpStream;
use std::sync::Arc;

use super::{TOO_LARGE_BODY, error_json, extensions_api, streaming};
use crate::connection::{Body, Refusal, Service};
use crate::invocation::RequestRecord;
use crate::state::Shared;
use crate::wire::{self, Framing, ParseError, Request};

/// Bodies above this are refused before they are read whole (streamed responses are not read
/// whole: [`streaming`] forwards them).
const HARD_LIMIT: usize = 32 << 20;

const JSON: [(&str, &str); 1] = [("Content-Type", "application/json")];

pub(super) struct Conn {
    pub(super) shared: Arc<Shared>,
    pub(super) arn: Arc<str>,
    /// Sent to extensions on registration.
    pub(super) identity: Arc<str>,
    /// Numbered from 0 in accept order, for [`RequestRecord::connection`].
    pub(super) id: usize,
    pub(super) stream: TcpStream,
    /// Pace streamed responses by Lambda's bandwidth model ([`Config::stream_limit`]).
    ///
    /// [`Config::stream_limit`]: super::Config::stream_limit
    pub(super) stream_limit: bool,
}

impl Service for Conn {
    const MAX_BODY: usize = HARD_LIMIT;
    const READ_CHUNK: usize = 256 << 10;

    fn stream(&mut self) -> &mut TcpStream {
        &mut self.stream
    }

    fn respond(&mut self, request: Request) -> bool {
        self.shared.record(RequestRecord {
            method: request.method.clone(),
            path: request.path.clone(),
            headers: request.headers.clone(),
            body: request.body.clone(),
            trailers: request.trailers.clone(),
            connection: self.id,
        });
        let path = request.path.split('?').next().unwrap_or_default();
        let telemetry = path.trim_end_matches('/') == "/2022-07-01/telemetry";
        if telemetry || path.trim_end_matches('/') == "/2020-08-15/logs" {
            return self.subscribe(&request, !telemetry);
        }
        match request.path.strip_prefix(extensions_api::PREFIX) {
            Some(route) => self.extensions_api(route, &request),
            None => self.runtime_api(request),
        }
    }

    fn streams(&self, head: &Request) -> bool {
        streaming::streamed_response(head).is_some()
    }

    fn respond_streamed(&mut self, head: Request, body: &mut Body<'_>) -> bool {
        match streaming::streamed_response(&head) {
            Some(id) => self.stream_response(&id, head, body),
            None => false,
        }
    }

    fn refuse(&self, error: &ParseError) -> Refusal {
        let (status, body) = match error {
            ParseError::TooLarge { .. } => (413, TOO_LARGE_BODY.to_owned()),
            e => (400, error_json("InvalidRequest", &e.to_string())),
        };
        Refusal {
            status,
            headers: &JSON,
            body,
        }
    }
}

impl Conn {
    /// Whether the client has closed its end, seen without blocking: a long poll can outlive
    /// the runtime that sent it.
    pub(super) fn peer_closed(&self) -> bool {
        if self.stream.set_nonblocking(true).is_err() {
            return false;
        }
        let closed = matches!(self.stream.peek(&mut [0u8; 1]), Ok(0));
        let _ = self.stream.set_nonblocking(false);
        closed
    }

    pub(super) fn accepted(&mut self) -> bool {
        self.reply(202, br#"{"status":"OK"}"#)
    }

    /// A JSON answer; `false` if it could not be written (the connection closes).
    pub(super) fn reply(&mut self, status: u16, body: &[u8]) -> bool {
        wire::write_response(&mut self.stream, status, &JSON, body, &Framing::default()).is_ok()
    }

    /// Lambda's error body as a JSON answer.
    pub(super) fn error(&mut self, status: u16, error_type: &str, message: &str) -> bool {
        self.reply(status, error_json(error_type, message).as_bytes())
    }
}
