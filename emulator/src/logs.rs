//! What Lambda's platform writes to the log about invocations: the `START`, `END` and `REPORT`
//! lines (from an invocation's [`Report`]) and timestamped platform messages, each written in
//! one piece.

use std::fmt::Write as _;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::invocation::Outcome;
use crate::server::error_json;
use crate::stream::Streamed;

/// One invocation's result and Lambda's figures for it.
#[derive(Clone, Debug)]
pub struct Report {
    /// The request id.
    pub request_id: String,
    /// How it ended.
    pub outcome: Outcome,
    /// Delivery to response.
    pub duration: Duration,
    /// The init phase, when this invocation was the first of a new process.
    pub init_duration: Option<Duration>,
    /// SnapStart: the restore (to the runtime's first `/next`), when this invocation was the
    /// first after it. Lambda bills it apart and reports no Init Duration then.
    pub restore_duration: Option<Duration>,
    /// The configured memory size, MB.
    pub memory_mb: u32,
    /// The process's peak resident memory, MiB rounded up.
    pub max_memory_used_mb: u64,
    /// The same, KiB (for growth too small for REPORT's whole MiB).
    pub max_memory_used_kib: u64,
    /// The function timeout.
    pub timeout: Duration,
    /// What was seen of a streamed response (its bytes only when collected).
    pub stream: Option<Streamed>,
}

impl Report {
    /// Whole milliseconds billed: the duration rounded up, plus the init phase on a cold
    /// start (Lambda bills a custom runtime's init; since August 2025 every runtime's).
    pub fn billed_ms(&self) -> u128 {
        let total = self.duration + self.init_duration.unwrap_or_default();
        total.as_micros().div_ceil(1000).max(1)
    }

    /// Lambda's `REPORT RequestId: …` line (tab-separated, as in CloudWatch Logs).
    pub fn report_line(&self) -> String {
        let mut line = format!(
            "REPORT RequestId: {}\tDuration: {:.2} ms\tBilled Duration: {} ms\tMemory Size: {} MB\tMax Memory Used: {} MB",
            self.request_id,
            ms(self.duration),
            self.billed_ms(),
            self.memory_mb,
            self.max_memory_used_mb,
        );
        if let Some(init) = self.init_duration {
            let _ = write!(line, "\tInit Duration: {:.2} ms", ms(init));
        }
        if let Some(restore) = self.restore_duration {
            let _ = write!(
                line,
                "\tRestore Duration: {:.2} ms\tBilled Restore Duration: {} ms",
                ms(restore),
                restore.as_micros().div_ceil(1000)
            );
        }
        match &self.outcome {
            Outcome::TimedOut => line.push_str("\tStatus: timeout"),
            Outcome::Error { error_type, .. }
                if error_type.starts_with("Runtime.") || error_type.starts_with("Extension.") =>
            {
                let _ = write!(line, "\tStatus: error\tError Type: {error_type}");
            }
            _ => {}
        }
        line
    }

    /// For a streamed response, the emulator's own line beside `REPORT`: `STREAM RequestId: …
    /// Chunks: N Bytes: B Time To First Byte: T ms` (tab-separated; no first byte, no figure).
    pub fn stream_line(&self) -> Option<String> {
        let s = self.stream.as_ref()?;
        let mut line = format!(
            "STREAM RequestId: {}\tChunks: {}\tBytes: {}",
            self.request_id, s.count, s.bytes
        );
        if let Some(ttfb) = s.first_byte {
            let _ = write!(line, "\tTime To First Byte: {:.2} ms", ms(ttfb));
        }
        Some(line)
    }

    /// Lambda's `END` and `REPORT` lines for this invocation, and the `STREAM` line of a
    /// streamed response.
    pub fn end_lines(&self) -> String {
        let mut lines = format!("END RequestId: {}\n{}", self.request_id, self.report_line());
        if let Some(stream) = self.stream_line() {
            lines.push('\n');
            lines.push_str(&stream);
        }
        lines
    }

    /// The payload an invoker receives: the response, or Lambda's error JSON.
    pub fn payload(&self) -> Vec<u8> {
        match &self.outcome {
            Outcome::Response { body, .. } | Outcome::Error { body, .. } => body.clone(),
            Outcome::TimedOut => error_json(
                "Sandbox.Timedout",
                &format!(
                    "RequestId: {} Error: {}",
                    self.request_id,
                    self.timeout_message()
                ),
            )
            .into_bytes(),
            Outcome::Rejected { status } => {
                error_json("Runtime.Unknown", &format!("injected status {status}")).into_bytes()
            }
        }
    }

    /// Whether the invoker sees a function error.
    pub fn is_error(&self) -> bool {
        !matches!(self.outcome, Outcome::Response { .. })
    }

    /// `Task timed out after 3.00 seconds`.
    pub fn timeout_message(&self) -> String {
        timed_out(self.timeout)
    }
}

/// Writes log lines to stderr in one `write`, so the function's own output (the same pipe)
/// cannot land inside a line.
pub fn log(lines: &str) {
    use std::io::Write as _;
    let mut text = String::with_capacity(lines.len() + 1);
    text.push_str(lines);
    text.push('\n');
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Lambda's `START` line.
pub fn start_line(request_id: &str) -> String {
    format!("START RequestId: {request_id} Version: $LATEST")
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A platform message as Lambda logs it, after a timestamp.
pub(crate) fn platform_line(message: &str) -> String {
    format!("{} {message}", timestamp())
}

/// Lambda's log line for an invocation that timed out.
pub(crate) fn timed_out_line(request_id: &str, timeout: Duration) -> String {
    platform_line(&format!("{request_id} {}", timed_out(timeout)))
}

/// `Task timed out after 3.00 seconds`.
fn timed_out(timeout: Duration) -> String {
    format!("Task timed out after {:.2} seconds", timeout.as_secs_f64())
}

/// An RFC 3339 UTC timestamp with milliseconds, as Lambda prefixes its log lines.
fn timestamp() -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let secs = now.as_secs();
    let (y, m, d) = crate::process::civil_from_days(secs / 86_400);
    let day = secs % 86_400;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        day / 3600,
        day / 60 % 60,
        day % 60,
        now.subsec_millis()
    )
}
