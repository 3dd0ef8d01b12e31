//! A streamed `invocation/{id}/response` (`Lambda-Runtime-Function-Response-Mode: streaming`,
//! chunked): each chunk goes to the invocation's caller as it arrives, paced by Lambda's
//! bandwidth model, up to Lambda's size limit; the trailers say whether it ended in an error.
//!
//! | what the function does | the invocation | the function gets |
//! |---|---|---|
//! | ends with `0` and no error trailers | a response (the streamed bytes) | 202 |
//! | ends with `Lambda-Runtime-Function-Error-Type` / `-Body` trailers | that error, body base64-decoded | 202 |
//! | malformed framing | `Runtime.TruncatedResponse` | 400, connection closed |
//! | closes before the `0` chunk | `Runtime.TruncatedResponse` | (gone) |
//! | sends more than [`MAX_STREAMED`] | `Function.ResponseSizeTooLarge` | 413, connection closed |
//!
//! A stream for an unknown, ended or timed-out invocation is answered at once (400, 403, 410)
//! and its body read to the end and dropped, so the function can read the answer.

use std::thread;
use std::time::Instant;

use super::conn::Conn;
use super::error_json;
use crate::connection::{Body, BodyError, Piece};
use crate::ids::percent_decode;
use crate::invocation::{Outcome, RequestRecord, outcome_of};
use crate::state::Verdict;
use crate::stream::chunked::ChunkError;
use crate::stream::{Bucket, Chunk, MAX_STREAMED, PIECE, TOO_LARGE_TYPE};
use crate::wire::Request;

/// Bytes of a streamed body kept in its [`RequestRecord`].
pub const MAX_RECORDED: usize = 1 << 20;

const MODE: &str = "Lambda-Runtime-Function-Response-Mode";

/// The request id of a `POST …/invocation/{id}/response` that asks to stream.
pub(super) fn streamed_response(head: &Request) -> Option<String> {
    let route = head.path.strip_prefix("/2018-06-01/runtime/invocation/")?;
    let id = route.strip_suffix("/response")?;
    let streaming = head
        .header(MODE)
        .is_some_and(|m| m.eq_ignore_ascii_case("streaming"));
    (head.method == "POST" && streaming && !id.contains('/')).then(|| percent_decode(id))
}

/// How reading the body ended.
enum End {
    /// Read to its end.
    Done,
    /// Malformed framing.
    Framing(ChunkError),
    /// The function closed first.
    Closed,
    /// Above [`MAX_STREAMED`].
    TooLarge,
}

impl Conn {
    /// Serves a streamed `/response`, recorded before the function gets its answer (so a test
    /// that saw the answer finds the record).
    pub(super) fn stream_response(&mut self, id: &str, head: Request, body: &mut Body<'_>) -> bool {
        let mut kept = Vec::new();
        let early = self.stream_early(id, &head, body);
        let open = match early {
            Some(open) => open,
            None => self.stream_to_caller(id, &head, body, &mut kept),
        };
        if early.is_some() {
            self.record_stream(&head, kept, body);
        }
        open
    }

    fn record_stream(&self, head: &Request, kept: Vec<u8>, body: &Body<'_>) {
        self.shared.record(RequestRecord {
            method: head.method.clone(),
            path: head.path.clone(),
            headers: head.headers.clone(),
            body: kept,
            trailers: body.trailers().to_vec(),
            connection: self.id,
        });
    }

    /// A stream refused before it began (unknown id, a fault, not running): answered at once,
    /// its body dropped. `None` when it may begin.
    fn stream_early(&mut self, id: &str, head: &Request, body: &mut Body<'_>) -> Option<bool> {
        let Some((fault, drop_now)) = self.shared.fault(id) else {
            self.error(400, "InvalidRequestID", "unknown request id");
            return Some(self.discard(body));
        };
        if drop_now {
            return Some(false);
        }
        if let Some(status) = fault.response_status {
            self.shared.end(id, Outcome::Rejected { status });
            self.error(status, "ServiceException", "injected failure");
            return Some(self.discard(body));
        }
        let verdict = self.shared.begin_stream(id, head.headers.clone());
        if verdict != Verdict::Accepted {
            self.verdict(verdict);
            return Some(self.discard(body));
        }
        None
    }

    fn stream_to_caller(
        &mut self,
        id: &str,
        head: &Request,
        body: &mut Body<'_>,
        kept: &mut Vec<u8>,
    ) -> bool {
        let mut bucket = self.stream_limit.then(|| Bucket::new(Instant::now()));
        let mut piece = Vec::new();
        // Once the invocation stops running (a timeout), the rest is read and dropped.
        let mut forwarding = true;
        let mut total = 0u64;
        let recording = self.shared.recording();
        let end = loop {
            let data = match body.next(&mut self.stream) {
                Ok(Piece::Data(data)) => data,
                Ok(Piece::ChunkEnd) => {
                    forwarding = forwarding && self.forward(id, &mut piece, bucket.as_mut());
                    continue;
                }
                Ok(Piece::Done) => break End::Done,
                Err(BodyError::Framing(e)) => break End::Framing(e),
                Err(BodyError::Closed) => break End::Closed,
            };
            total += data.len() as u64;
            if total > MAX_STREAMED {
                break End::TooLarge;
            }
            if recording {
                let room = MAX_RECORDED.saturating_sub(kept.len()).min(data.len());
                kept.extend_from_slice(data.get(..room).unwrap_or_default());
            }
            // A long chunk goes on in pieces of at most PIECE bytes as they arrive.
            let mut rest = data;
            while forwarding && !rest.is_empty() {
                let (now, later) = rest.split_at(rest.len().min(PIECE - piece.len()));
                piece.extend_from_slice(now);
                rest = later;
                if piece.len() >= PIECE {
                    forwarding = self.forward(id, &mut piece, bucket.as_mut());
                }
            }
        };
        if forwarding && !piece.is_empty() {
            self.forward(id, &mut piece, bucket.as_mut());
        }
        let ended = |error_type: &str, message: &str| Outcome::Error {
            error_type: error_type.into(),
            body: error_json(error_type, message).into_bytes(),
            headers: head.headers.clone(),
        };
        self.record_stream(head, std::mem::take(kept), body);
        match end {
            End::Done => {
                let request = Request {
                    headers: head.headers.clone(),
                    trailers: body.trailers().to_vec(),
                    ..Request::default()
                };
                let verdict = self.shared.answer(id, outcome_of(false, request));
                self.verdict(verdict)
            }
            End::Framing(e) => {
                let message = format!("malformed chunked encoding: {e}");
                let outcome = ended("Runtime.TruncatedResponse", &message);
                self.shared.answer(id, outcome);
                self.error(400, "InvalidChunkedEncoding", &message);
                false
            }
            End::Closed => {
                let message = "the runtime closed the connection before the response ended";
                self.shared
                    .answer(id, ended("Runtime.TruncatedResponse", message));
                false
            }
            End::TooLarge => {
                let message = format!(
                    "Response payload size exceeded maximum allowed payload size ({MAX_STREAMED} bytes)."
                );
                self.shared.answer(id, ended(TOO_LARGE_TYPE, &message));
                self.error(413, "RequestEntityTooLarge", &message);
                false
            }
        }
    }

    /// Hands `piece` to the caller (after the bucket's wait); `false` when the invocation no
    /// longer runs.
    fn forward(&self, id: &str, piece: &mut Vec<u8>, bucket: Option<&mut Bucket>) -> bool {
        if piece.is_empty() {
            return true;
        }
        if let Some(bucket) = bucket {
            thread::sleep(bucket.take(piece.len(), Instant::now()));
        }
        let chunk = Chunk {
            bytes: std::mem::take(piece),
            at: Instant::now(),
        };
        self.shared.push_chunk(id, chunk)
    }

    /// Reads the rest of a body that is not wanted; whether the connection can go on.
    fn discard(&mut self, body: &mut Body<'_>) -> bool {
        let mut total = 0u64;
        loop {
            match body.next(&mut self.stream) {
                Ok(Piece::Done) => return true,
                Ok(Piece::Data(d)) => total += d.len() as u64,
                Ok(Piece::ChunkEnd) => {}
                Err(_) => return false,
            }
            if total > MAX_STREAMED {
                return false;
            }
        }
    }
}
