//! Walking a batch (`[{"time","type","record"}, ...]`) one record at a time, in place.
//!
//! A small structural scanner finds each element's extent and the extent of its `time`,
//! `type` and `record` members without decoding anything; the pieces are then split off the
//! buffer as disjoint `&mut` slices and decoded by core's JSON codec in place, so the records
//! borrow from the buffer for as long as it lives and no record waits for the whole batch.
//! Scanning keeps no stack: nesting is counted, not recursed into.

use core::fmt;
use core::ops::Range;

use super::record::Platform;
use crate::json::{self, DecodeErrorKind};

/// A batch's element that could not be read. Only [`BatchError::Syntax`] ends the walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum BatchError {
    /// Not a JSON array or object where one was expected, or a value is cut short.
    Syntax,
    /// An element of the array is not an object; the walk goes on after it.
    NotAnObject,
    /// The envelope's `time` or `type` is not a string; the walk goes on after it.
    BadEnvelope(DecodeErrorKind),
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Syntax => f.write_str("telemetry batch is not well-formed JSON"),
            Self::NotAnObject => {
                f.write_str("telemetry batch holds a record that is not an object")
            }
            Self::BadEnvelope(k) => write!(f, "telemetry record's time or type unreadable: {k:?}"),
        }
    }
}

impl core::error::Error for BatchError {}

/// One record of a batch.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct Record<'a> {
    /// `time`, RFC 3339 (empty if absent).
    pub time: &'a str,
    /// `type`, e.g. `platform.report` or `function` (empty if absent).
    pub kind: &'a str,
    /// `record`, typed by `type`.
    pub body: Body<'a>,
}

/// A record's `record`, by its `type`.
// Typed platform records are a few hundred bytes; without alloc there is nothing to box them
// in, and records are handed out one at a time, never stored in bulk.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Body<'a> {
    /// A `platform.*` record this version knows.
    Platform(Platform<'a>),
    /// `function`: a line of the function's output.
    Function(Log<'a>),
    /// `extension`: a line of an extension's output.
    Extension(Log<'a>),
    /// A type this version does not know: the record's JSON text, as received.
    Other(&'a str),
    /// A known type whose record does not have the documented shape.
    Malformed(DecodeErrorKind),
}

/// A log line: text, or a JSON object when the function logs in JSON (`AWS_LAMBDA_LOG_FORMAT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Log<'a> {
    /// The line, unescaped.
    Text(&'a str),
    /// The object's JSON text, as received; decode it with [`json::from_slice`] if wanted.
    Json(&'a str),
}

/// The records of `batch`: an HTTP destination's JSON array, or a TCP line's single record (or
/// array). An iterator: nothing is allocated; an element that is no record gives an `Err` and
/// the walk goes on, while a batch that is not well-formed JSON ends it.
pub fn records(batch: &mut [u8]) -> Records<'_> {
    let start = skip_ws(batch, 0);
    let (array, at) = match batch.get(start) {
        Some(b'[') => (true, start + 1),
        _ => (false, start),
    };
    Records {
        rest: batch,
        at,
        array,
        first: true,
        done: false,
    }
}

/// The iterator [`records`] returns.
pub struct Records<'a> {
    /// The part of the batch not yet given out; `at` indexes it.
    rest: &'a mut [u8],
    at: usize,
    array: bool,
    first: bool,
    done: bool,
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<Record<'a>, BatchError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = self.step();
        // A bad element is skipped past; only a batch that cannot be framed ends the walk.
        if matches!(item, None | Some(Err(BatchError::Syntax))) {
            self.done = true;
        }
        item
    }
}

impl<'a> Records<'a> {
    fn step(&mut self) -> Option<Result<Record<'a>, BatchError>> {
        let buf: &[u8] = self.rest;
        let mut at = skip_ws(buf, self.at);
        if self.array {
            match buf.get(at) {
                Some(b']') if self.first => return self.end(at + 1),
                Some(b']') if !self.first => return self.end(at + 1),
                Some(b',') if !self.first => at = skip_ws(buf, at + 1),
                _ if self.first => {}
                _ => return Some(Err(BatchError::Syntax)),
            }
        } else if !self.first {
            return self.end(at);
        }
        self.first = false;
        let element = match value_end(buf, at) {
            Some(end) => at..end,
            None => return Some(Err(BatchError::Syntax)),
        };
        let members = envelope(buf, element.clone());
        // Hand the element's bytes out for good; the rest stays for the next records.
        let rest = core::mem::take(&mut self.rest);
        let Some((head, tail)) = rest.split_at_mut_checked(element.end) else {
            return Some(Err(BatchError::Syntax));
        };
        self.rest = tail;
        self.at = 0;
        let head = head.get_mut(element.start..).unwrap_or_default();
        Some(match members {
            Some(members) => decode(head, members),
            None => Err(BatchError::NotAnObject),
        })
    }

    /// The batch must end here (whitespace aside).
    fn end(&mut self, at: usize) -> Option<Result<Record<'a>, BatchError>> {
        if skip_ws(self.rest, at) == self.rest.len() {
            None
        } else {
            Some(Err(BatchError::Syntax))
        }
    }
}

/// Where `time`, `type` and `record` are in the element (empty ranges when absent).
type Members = [Range<usize>; 3];

fn decode(element: &mut [u8], members: Members) -> Result<Record<'_>, BatchError> {
    let [time, kind, record] = disjoint(element, members);
    fn text(s: &mut [u8]) -> Result<&str, BatchError> {
        if s.is_empty() {
            return Ok("");
        }
        json::from_slice::<&str>(s).map_err(|e| BatchError::BadEnvelope(e.kind()))
    }
    let time = text(time)?;
    let kind = text(kind)?;
    Ok(Record {
        time,
        kind,
        body: body(kind, record),
    })
}

fn body<'a>(kind: &str, record: &'a mut [u8]) -> Body<'a> {
    fn typed<'a, T: serde::Deserialize<'a>>(
        record: &'a mut [u8],
        f: impl FnOnce(T) -> Platform<'a>,
    ) -> Body<'a> {
        match json::from_slice::<T>(record) {
            Ok(v) => Body::Platform(f(v)),
            Err(e) => Body::Malformed(e.kind()),
        }
    }
    match kind {
        "function" => log(record).map_or_else(Body::Malformed, Body::Function),
        "extension" => log(record).map_or_else(Body::Malformed, Body::Extension),
        "platform.initStart" => typed(record, Platform::InitStart),
        "platform.initRuntimeDone" => typed(record, Platform::InitRuntimeDone),
        "platform.initReport" => typed(record, Platform::InitReport),
        "platform.start" => typed(record, Platform::Start),
        "platform.runtimeDone" => typed(record, Platform::RuntimeDone),
        "platform.report" => typed(record, Platform::Report),
        "platform.restoreStart" => typed(record, Platform::RestoreStart),
        "platform.restoreRuntimeDone" => typed(record, Platform::RestoreRuntimeDone),
        "platform.restoreReport" => typed(record, Platform::RestoreReport),
        "platform.extension" => typed(record, Platform::Extension),
        "platform.telemetrySubscription" => typed(record, Platform::TelemetrySubscription),
        "platform.logsDropped" => typed(record, Platform::LogsDropped),
        "platform.runtimeStart" => typed(record, Platform::RuntimeStart),
        "platform.end" => typed(record, Platform::End),
        "platform.fault" => Body::Platform(Platform::Fault(raw(record))),
        _ => Body::Other(raw(record)),
    }
}

/// A log record: a string (unescaped), or anything else kept as its JSON text.
fn log(record: &mut [u8]) -> Result<Log<'_>, DecodeErrorKind> {
    if record.first() == Some(&b'"') {
        json::from_slice::<&str>(record)
            .map(Log::Text)
            .map_err(|e| e.kind())
    } else {
        Ok(Log::Json(raw(record)))
    }
}

/// JSON text as received. The scanner accepted it, so it is ASCII framing around strings that
/// are UTF-8 or not: a record that is not UTF-8 reads as empty.
fn raw(record: &[u8]) -> &str {
    core::str::from_utf8(record).unwrap_or_default()
}

/// Splits `buf` into the three (disjoint, possibly empty) `ranges`, each its own `&mut`.
fn disjoint(buf: &mut [u8], ranges: Members) -> [&mut [u8]; 3] {
    let mut order = [0usize, 1, 2];
    order.sort_unstable_by_key(|&i| ranges.get(i).map_or(0, |r| r.start));
    let mut out: [&mut [u8]; 3] = [&mut [], &mut [], &mut []];
    let (mut rest, mut offset) = (buf, 0usize);
    for i in order {
        let Some(r) = ranges.get(i) else { continue };
        if r.is_empty() || r.start < offset {
            continue;
        }
        let taken = core::mem::take(&mut rest);
        let Some((_, tail)) = taken.split_at_mut_checked(r.start - offset) else {
            rest = &mut [];
            continue;
        };
        let Some((piece, tail)) = tail.split_at_mut_checked(r.len()) else {
            rest = &mut [];
            continue;
        };
        if let Some(slot) = out.get_mut(i) {
            *slot = piece;
        }
        rest = tail;
        offset = r.end;
    }
    out
}

fn skip_ws(buf: &[u8], mut at: usize) -> usize {
    while matches!(buf.get(at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        at += 1;
    }
    at
}

/// The end of the JSON value starting at `at`, or `None` if it is cut short or not a value.
/// Only the framing is checked (brackets balance, strings end); the codec checks the rest.
fn value_end(buf: &[u8], at: usize) -> Option<usize> {
    match buf.get(at)? {
        b'"' => string_end(buf, at),
        b'{' | b'[' => {
            // One counter for both kinds: `{]` is caught when the codec decodes the value.
            let mut depth = 0usize;
            let mut i = at;
            while let Some(&b) = buf.get(i) {
                match b {
                    b'"' => {
                        i = string_end(buf, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            None
        }
        _ => {
            // A scalar: up to the next delimiter.
            let len = buf
                .get(at..)?
                .iter()
                .position(|b| matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r'))
                .unwrap_or(buf.len() - at);
            (len > 0).then_some(at + len)
        }
    }
}

/// The end (past the closing quote) of the string starting at `at`.
fn string_end(buf: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    loop {
        match buf.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// The `time`, `type` and `record` members of the object at `element`, relative to its start;
/// `None` if it is not an object. Other members are skipped; the first of a name wins.
fn envelope(buf: &[u8], element: Range<usize>) -> Option<Members> {
    let obj = buf.get(element.clone())?;
    if obj.first() != Some(&b'{') {
        return None;
    }
    let mut members: Members = [0..0, 0..0, 0..0];
    let mut at = skip_ws(obj, 1);
    if obj.get(at) == Some(&b'}') {
        return Some(members);
    }
    loop {
        let key_end = string_end(obj, at).filter(|_| obj.get(at) == Some(&b'"'))?;
        let key = obj.get(at + 1..key_end - 1)?;
        at = skip_ws(obj, key_end);
        if obj.get(at) != Some(&b':') {
            return None;
        }
        at = skip_ws(obj, at + 1);
        let end = value_end(obj, at)?;
        let slot = match key {
            b"time" => members.get_mut(0),
            b"type" => members.get_mut(1),
            b"record" => members.get_mut(2),
            _ => None,
        };
        if let Some(slot) = slot.filter(|s| s.start == s.end) {
            *slot = at..end;
        }
        at = skip_ws(obj, end);
        match obj.get(at) {
            Some(b',') => at = skip_ws(obj, at + 1),
            Some(b'}') => return Some(members),
            _ => return None,
        }
    }
}
