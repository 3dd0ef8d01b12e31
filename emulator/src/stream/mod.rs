//! Streamed responses (`Lambda-Runtime-Function-Response-Mode: streaming`): the pieces that
//! read them ([`chunked`], [`prelude`]), Lambda's limits on them, and what a caller sees of one
//! ([`Chunk`], [`Streamed`]).
//!
//! ```text
//!  function ──chunked POST──▶ Runtime API connection ──Chunk──▶ queue ──▶ Pending::next_chunk
//!                             (decoder, bucket, limit)          (≤ 1 MiB)   or Pending::wait
//! ```
//!
//! The connection thread decodes the body as it arrives and queues each chunk for the
//! invocation's caller; the queue holds at most [`QUEUE_BYTES`], so a slow caller stops the
//! reads and the function's writes block, as a slow client does on Lambda. A caller forwards
//! ([`Pending::next_chunk`](crate::Pending::next_chunk)) or collects
//! ([`Pending::wait`](crate::Pending::wait)); only collecting keeps the bytes.

mod bucket;
pub mod chunked;
pub mod prelude;

use std::time::{Duration, Instant};

pub(crate) use bucket::Bucket;
pub use bucket::{BURST, RATE};

/// Lambda's limit for a streamed response: 200 MiB. AWS documents "200 MB" (raised from 20 MB
/// on 2025-07-31) and states Lambda's payload limits in binary units (the 6 MB buffered limit
/// is 6 × 2^20 bytes plus framing), so the binary figure is the one Lambda enforces.
pub const MAX_STREAMED: u64 = 200 << 20;

/// The function error of a stream above [`MAX_STREAMED`].
pub const TOO_LARGE_TYPE: &str = "Function.ResponseSizeTooLarge";

/// A function chunk larger than this reaches the caller in pieces of this size, so that a
/// single huge chunk is forwarded as it arrives rather than held.
pub const PIECE: usize = 64 << 10;

/// Bytes queued for a caller at most before the function's connection stops being read.
pub const QUEUE_BYTES: usize = 1 << 20;

/// Per-chunk records kept at most in [`Streamed::chunks`] (counts go on).
pub const MAX_RECORDS: usize = 1 << 16;

/// One chunk of a streamed response, as the caller receives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// The chunk's data (a function chunk above [`PIECE`] bytes arrives in several).
    pub bytes: Vec<u8>,
    /// When the emulator read its last byte.
    pub at: Instant,
}

/// The length and arrival of one chunk, for [`Streamed::chunks`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunkRecord {
    /// Its length in bytes.
    pub len: usize,
    /// When the emulator read its last byte.
    pub at: Instant,
}

/// What the emulator saw of a streamed response, from
/// [`Pending::streamed`](crate::Pending::streamed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Streamed {
    /// The `/response` request's headers (its `Content-Type` among them).
    pub headers: Vec<(String, String)>,
    /// The chunks in order of arrival (the first [`MAX_RECORDS`]).
    pub chunks: Vec<ChunkRecord>,
    /// How many chunks arrived.
    pub count: usize,
    /// How many bytes arrived.
    pub bytes: u64,
    /// From the event's delivery to the first byte of the response.
    pub first_byte: Option<Duration>,
    /// The bytes, when [`Pending::wait`](crate::Pending::wait) collected them (empty when the
    /// caller forwarded them with [`Pending::next_chunk`](crate::Pending::next_chunk)).
    pub body: Vec<u8>,
}

impl Streamed {
    pub(crate) fn new(headers: Vec<(String, String)>) -> Self {
        Self {
            headers,
            ..Self::default()
        }
    }

    /// Counts a chunk that arrived at `at`, the event having been delivered at `delivered`.
    pub(crate) fn count(&mut self, len: usize, at: Instant, delivered: Option<Instant>) {
        if self.count == 0 {
            self.first_byte = delivered.map(|d| at.saturating_duration_since(d));
        }
        self.count += 1;
        self.bytes += len as u64;
        if self.chunks.len() < MAX_RECORDS {
            self.chunks.push(ChunkRecord { len, at });
        }
    }

    /// The `/response` request's `Content-Type`.
    pub fn content_type(&self) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
            .map(|(_, v)| v.trim())
    }

    /// Whether it starts with an HTTP integration prelude.
    pub fn has_prelude(&self) -> bool {
        self.content_type()
            .is_some_and(|t| t.eq_ignore_ascii_case(prelude::CONTENT_TYPE))
    }
}
