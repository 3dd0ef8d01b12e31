//! The TCP destination's framing: AWS documents TCP delivery as newline-delimited JSON
//! (NDJSON), so a line ends at `\n`. Whether a line carries one record or a whole batch is not
//! pinned down in the docs reachable here, so a line is handed to [`records`](super::records),
//! which reads either a lone record or an array.

use core::fmt;

/// A line that does not fit the buffer. [`Lines`] skips it to its end and goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum LineError {
    /// The line is longer than the buffer; it was dropped.
    TooLong,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("telemetry line longer than the buffer; dropped")
    }
}

impl core::error::Error for LineError {}

/// Splits a byte stream into lines in a caller-owned buffer, in any split:
///
/// 1. read into [`recv_buf`](Self::recv_buf), then [`handle_recv`](Self::handle_recv) (`0`
///    at the end of the stream);
/// 2. take lines with [`next_line`](Self::next_line) until it gives `None`.
///
/// Lines come without their `\n` (nor a `\r` before it); blank lines are skipped. At the end of
/// the stream, a last line with no `\n` is given too.
pub struct Lines<'b> {
    buf: &'b mut [u8],
    /// Start of the first line not given yet.
    start: usize,
    /// Searched for `\n` up to here.
    scanned: usize,
    filled: usize,
    /// Dropping a line too long until its end.
    skipping: bool,
    eof: bool,
}

impl<'b> Lines<'b> {
    /// A splitter reading into `buf`, which bounds the longest line.
    pub fn new(buf: &'b mut [u8]) -> Self {
        Self {
            buf,
            start: 0,
            scanned: 0,
            filled: 0,
            skipping: false,
            eof: false,
        }
    }

    /// Where to read into. Lines given are forgotten here, so the space they took is reused.
    pub fn recv_buf(&mut self) -> &mut [u8] {
        if self.start > 0 {
            self.buf.copy_within(self.start..self.filled, 0);
            self.filled -= self.start;
            self.scanned -= self.start;
            self.start = 0;
        }
        self.buf.get_mut(self.filled..).unwrap_or_default()
    }

    /// `n` bytes were read into [`recv_buf`](Self::recv_buf); `0` is the end of the stream.
    pub fn handle_recv(&mut self, n: usize) {
        if n == 0 {
            self.eof = true;
        }
        self.filled = self.filled.saturating_add(n).min(self.buf.len());
    }

    /// The stream ended and every line was given.
    pub fn is_finished(&self) -> bool {
        self.eof && self.start == self.filled
    }

    /// The next complete line, mutable so it can be decoded in place; `None` when more bytes
    /// are needed (or the stream is finished). `Err` once for each line too long to keep.
    pub fn next_line(&mut self) -> Option<Result<&mut [u8], LineError>> {
        loop {
            let pending = self.buf.get(self.scanned..self.filled).unwrap_or_default();
            let line = match pending.iter().position(|&b| b == b'\n') {
                Some(at) => {
                    let (start, end) = (self.start, self.scanned + at);
                    self.start = end + 1;
                    self.scanned = end + 1;
                    start..end
                }
                None if self.skipping => {
                    // Still inside the dropped line: forget what came of it.
                    self.start = self.filled;
                    self.scanned = self.filled;
                    if self.eof {
                        self.skipping = false;
                    }
                    return None;
                }
                None if self.eof && self.start < self.filled => {
                    let line = self.start..self.filled;
                    self.start = self.filled;
                    self.scanned = self.filled;
                    line
                }
                None => {
                    self.scanned = self.filled;
                    if self.start == 0 && self.filled >= self.buf.len() {
                        self.skipping = true;
                        self.start = self.filled;
                        self.scanned = self.filled;
                        return Some(Err(LineError::TooLong));
                    }
                    return None;
                }
            };
            if core::mem::take(&mut self.skipping) {
                // The end of the dropped line.
                continue;
            }
            let mut line = line;
            if line.end > line.start && self.buf.get(line.end - 1) == Some(&b'\r') {
                line.end -= 1;
            }
            let text = self.buf.get(line.clone()).unwrap_or_default();
            if text.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(Ok(self.buf.get_mut(line).unwrap_or_default()));
        }
    }
}
