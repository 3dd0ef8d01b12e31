//! One log record as one line: Lambda's JSON shape or its text shape, the RFC 3339 timestamp,
//! and the event's fields. Pure formatting into a caller's buffer: no I/O, no clock.

use core::fmt;
use std::io::Write as _;

use lambkin_core::json::{escaped_len, write_escaped_str};
use tracing::Level;
use tracing::field::{Field, Visit};

/// How records are written: `AWS_LAMBDA_LOG_FORMAT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub(crate) enum Format {
    /// `timestamp\trequestId\tLEVEL\tmessage field=value…`, as Lambda's Node.js runtime writes
    /// its text logs.
    #[default]
    Text,
    /// One JSON object per line with `timestamp`, `level`, `requestId`, `tenantId`, `message`
    /// and the event's fields, as Lambda's managed runtimes write JSON logs.
    Json,
}

/// The invocation a record belongs to.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Ids<'a> {
    pub request_id: Option<&'a str>,
    pub tenant_id: Option<&'a str>,
}

/// Lambda's level names (tracing's, which Lambda shares except for FATAL).
pub(crate) fn level_name(level: Level) -> &'static str {
    match level {
        Level::TRACE => "TRACE",
        Level::DEBUG => "DEBUG",
        Level::INFO => "INFO",
        Level::WARN => "WARN",
        Level::ERROR => "ERROR",
    }
}

/// `ms` since the Unix epoch as RFC 3339 UTC with milliseconds: `2026-12-02T12:00:00.123Z`.
pub(crate) fn timestamp(ms: u64, out: &mut Vec<u8>) {
    let (days, rem) = (ms / 86_400_000, ms % 86_400_000);
    let (y, m, d) = civil_from_days(days);
    let (h, min, s, milli) = (
        rem / 3_600_000,
        rem / 60_000 % 60,
        rem / 1000 % 60,
        rem % 1000,
    );
    let _ = write!(
        out,
        "{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}.{milli:03}Z"
    );
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar (Howard
/// Hinnant's `civil_from_days`, for non-negative days: no clock crate for one date).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    (y, m, d)
}

/// The longest prefix of `s` of at most `max` bytes that ends on a char boundary.
pub(crate) fn truncate(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default()
}

/// Appends `s` JSON-escaped (core's one escaper), without quotes.
pub(crate) fn escaped(s: &str, out: &mut Vec<u8>) {
    let start = out.len();
    out.resize(start + escaped_len(s), 0);
    if let Some(tail) = out.get_mut(start..) {
        // The room was sized by `escaped_len`, so this cannot run short.
        let _ = write_escaped_str(s, tail);
    }
}

/// A `fmt::Write` that JSON-escapes into the buffer (for `Debug`/`Display` values).
struct Escaping<'b>(&'b mut Vec<u8>);

impl fmt::Write for Escaping<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        escaped(s, self.0);
        Ok(())
    }
}

/// A `fmt::Write` for text lines: newlines become `\n`, so a record stays one line.
struct OneLine<'b>(&'b mut Vec<u8>);

impl fmt::Write for OneLine<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for piece in s.split_inclusive(['\n', '\r']) {
            let (text, end) = match piece.as_bytes().last() {
                Some(b'\n') => (piece.get(..piece.len() - 1).unwrap_or_default(), "\\n"),
                Some(b'\r') => (piece.get(..piece.len() - 1).unwrap_or_default(), "\\r"),
                _ => (piece, ""),
            };
            self.0.extend_from_slice(text.as_bytes());
            self.0.extend_from_slice(end.as_bytes());
        }
        Ok(())
    }
}

/// The record's head: everything before the message.
pub(crate) fn head(format: Format, ms: u64, level: Level, ids: Ids<'_>, out: &mut Vec<u8>) {
    match format {
        Format::Json => {
            out.extend_from_slice(b"{\"timestamp\":\"");
            timestamp(ms, out);
            out.extend_from_slice(b"\",\"level\":\"");
            out.extend_from_slice(level_name(level).as_bytes());
            out.push(b'"');
            for (key, value) in [("requestId", ids.request_id), ("tenantId", ids.tenant_id)] {
                if let Some(v) = value {
                    let _ = write!(out, ",\"{key}\":\"");
                    escaped(v, out);
                    out.push(b'"');
                }
            }
        }
        Format::Text => {
            timestamp(ms, out);
            out.push(b'\t');
            if let Some(id) = ids.request_id {
                let _ = fmt::Write::write_str(&mut OneLine(out), id);
                out.push(b'\t');
            }
            out.extend_from_slice(level_name(level).as_bytes());
            out.push(b'\t');
        }
    }
}

/// Closes a record whose message went into `line` and whose other fields into `fields`.
pub(crate) fn finish(format: Format, line: &mut Vec<u8>, fields: &[u8]) {
    line.extend_from_slice(fields);
    if format == Format::Json {
        line.push(b'}');
    }
    line.push(b'\n');
}

/// A record with only a message (lambkin's own notices at init).
pub(crate) fn message_only(
    format: Format,
    ms: u64,
    level: Level,
    message: &dyn fmt::Display,
    out: &mut Vec<u8>,
) {
    head(format, ms, level, Ids::default(), out);
    let mut v = Fields::new(format, out, None);
    v.message(message);
    finish(format, out, &[]);
}

/// Writes an event's fields: the message into `line` (after the head), the others into
/// `fields`, so the message comes first in either format.
pub(crate) struct Fields<'b> {
    format: Format,
    line: &'b mut Vec<u8>,
    fields: Option<&'b mut Vec<u8>>,
}

impl<'b> Fields<'b> {
    /// `fields: None` writes every field into `line`.
    pub(crate) fn new(
        format: Format,
        line: &'b mut Vec<u8>,
        fields: Option<&'b mut Vec<u8>>,
    ) -> Self {
        Self {
            format,
            line,
            fields,
        }
    }

    fn message(&mut self, value: &dyn fmt::Display) {
        match self.format {
            Format::Json => {
                self.line.extend_from_slice(b",\"message\":\"");
                let _ = fmt::write(&mut Escaping(self.line), format_args!("{value}"));
                self.line.push(b'"');
            }
            Format::Text => {
                let _ = fmt::write(&mut OneLine(self.line), format_args!("{value}"));
            }
        }
    }

    /// Starts `name=` / `,"name":` in the fields buffer and gives it.
    fn key(&mut self, name: &str) -> &mut Vec<u8> {
        let out = match &mut self.fields {
            Some(f) => &mut **f,
            None => &mut *self.line,
        };
        match self.format {
            Format::Json => {
                out.extend_from_slice(b",\"");
                escaped(name, out);
                out.extend_from_slice(b"\":");
            }
            Format::Text => {
                out.push(b' ');
                let _ = fmt::Write::write_str(&mut OneLine(out), name);
                out.push(b'=');
            }
        }
        out
    }

    /// A value written as it is in JSON (numbers, booleans).
    fn raw(&mut self, field: &Field, value: fmt::Arguments<'_>) {
        let out = self.key(field.name());
        let _ = out.write_fmt(value);
    }

    /// A value written as a string: quoted and escaped in JSON, one line in text.
    fn text(&mut self, field: &Field, value: fmt::Arguments<'_>) {
        let format = self.format;
        let out = self.key(field.name());
        match format {
            Format::Json => {
                out.push(b'"');
                let _ = fmt::write(&mut Escaping(out), value);
                out.push(b'"');
            }
            Format::Text => {
                let _ = fmt::write(&mut OneLine(out), value);
            }
        }
    }
}

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        if field.name() == "message" {
            self.message(&format_args!("{value:?}"));
        } else {
            self.text(field, format_args!("{value:?}"));
        }
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.message(&value);
        } else {
            self.text(field, format_args!("{value}"));
        }
    }

    fn record_error(&mut self, field: &Field, value: &(dyn std::error::Error + 'static)) {
        self.text(field, format_args!("{value}"));
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.raw(field, format_args!("{value}"));
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.raw(field, format_args!("{value}"));
    }

    fn record_i128(&mut self, field: &Field, value: i128) {
        self.raw(field, format_args!("{value}"));
    }

    fn record_u128(&mut self, field: &Field, value: u128) {
        self.raw(field, format_args!("{value}"));
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        self.raw(field, format_args!("{value}"));
    }

    /// JSON has no NaN or infinities: those are written as strings.
    fn record_f64(&mut self, field: &Field, value: f64) {
        if value.is_finite() {
            self.raw(field, format_args!("{value}"));
        } else {
            self.text(field, format_args!("{value}"));
        }
    }
}
