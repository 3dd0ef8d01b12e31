//! The one pass over the bytes: the keys of the levels that matter and a few string values.

use super::keys::{Keys, keys};
use super::rules::Field;
use crate::shape::HttpMarks;
use crate::text::Text;

/// What one pass found. A key counts only with a value other than `null`, as the typed
/// decoders read a `null` field as an absent one. Keys and values are compared unescaped.
#[derive(Default)]
pub(super) struct Found<'a> {
    /// The keys of the top-level object.
    pub(super) top: Keys,
    /// The keys of the first element of `Records`.
    pub(super) record: Keys,
    /// The keys of `requestContext`.
    pub(super) context: Keys,
    /// Top-level `source`.
    pub(super) source: Text<'a>,
    /// Top-level `detail-type`.
    pub(super) detail_type: Text<'a>,
    /// Top-level `eventSource`.
    pub(super) event_source: Text<'a>,
    /// Top-level `triggerSource`.
    pub(super) trigger_source: Text<'a>,
    /// Top-level `type`.
    pub(super) kind: Text<'a>,
    /// Top-level `version`.
    pub(super) version: Text<'a>,
    /// `eventSource` (or `EventSource`) of the first record.
    pub(super) record_source: Text<'a>,
    /// `requestContext.domainName`.
    pub(super) domain: Text<'a>,
}

impl<'a> Found<'a> {
    /// Where the string value of `key` at `at` goes, if it is one noted.
    fn value_of(&mut self, at: At, key: Text<'_>) -> Option<&mut Text<'a>> {
        match at {
            At::Top if key.is(b"source") => Some(&mut self.source),
            At::Top if key.is(b"detail-type") => Some(&mut self.detail_type),
            At::Top if key.is(b"eventSource") => Some(&mut self.event_source),
            At::Top if key.is(b"triggerSource") => Some(&mut self.trigger_source),
            At::Top if key.is(b"type") => Some(&mut self.kind),
            At::Top if key.is(b"version") => Some(&mut self.version),
            At::FirstRecord if key.is(b"eventSource") || key.is(b"EventSource") => {
                Some(&mut self.record_source)
            }
            At::Context if key.is(b"domainName") => Some(&mut self.domain),
            _ => None,
        }
    }

    /// The string value a rule reads.
    pub(super) const fn field(&self, field: Field) -> Text<'a> {
        match field {
            Field::Source => self.source,
            Field::DetailType => self.detail_type,
            Field::EventSource => self.event_source,
            Field::TriggerSource => self.trigger_source,
            Field::Type => self.kind,
            Field::RecordSource => self.record_source,
        }
    }

    /// What tells the HTTP shapes apart, for [`crate::shape::classify`].
    pub(super) fn http_marks(&self) -> HttpMarks<'a> {
        let (top, context) = (self.top, self.context);
        HttpMarks {
            elb: context.has(keys![b"elb"]),
            service_network_arn: context.has(keys![b"serviceNetworkArn"]),
            v1_raw_path: top.has(keys![b"raw_path"]),
            connection_id: context.has(keys![b"connectionId"]),
            context_http: context.has(keys![b"http"]),
            raw_path: top.has(keys![b"rawPath"]),
            http_method: top.has(keys![b"httpMethod"]),
            version: self.version,
            domain: self.domain,
        }
    }
}

/// Where the scanner is, for the levels that matter.
#[derive(Clone, Copy, PartialEq, Eq)]
enum At {
    /// The top-level object.
    Top,
    /// The `Records` array.
    RecordsArray,
    /// The first element of `Records`.
    FirstRecord,
    /// `requestContext`.
    Context,
    /// Anywhere else.
    Other,
}

/// Deepest nesting tracked; deeper input is skipped as "other".
const STACK: usize = 8;

/// Scans `json` once; `None` when brackets do not balance or a string is unterminated.
pub(super) fn scan(json: &[u8]) -> Option<Found<'_>> {
    let mut found = Found::default();
    let mut stack = [At::Other; STACK];
    let mut depth = 0usize;
    let mut records_seen = 0usize;
    // The last key read at the current level, if the next value belongs to it.
    let mut key = Text::default();
    let mut i = 0;
    while let Some(&b) = json.get(i) {
        match b {
            b'{' | b'[' => {
                let here = if depth == 0 {
                    None
                } else {
                    stack.get(depth - 1).copied()
                };
                let at = match (here, b) {
                    (None, b'{') => At::Top,
                    (Some(At::Top), b'[') if key.is(b"Records") => At::RecordsArray,
                    (Some(At::Top), b'{') if key.is(b"requestContext") => At::Context,
                    (Some(At::RecordsArray), b'{') => {
                        records_seen += 1;
                        if records_seen == 1 {
                            At::FirstRecord
                        } else {
                            At::Other
                        }
                    }
                    _ => At::Other,
                };
                if let Some(slot) = stack.get_mut(depth) {
                    *slot = at;
                }
                depth += 1;
                key = Text::default();
                i += 1;
            }
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                key = Text::default();
                i += 1;
            }
            b'"' => {
                let start = i + 1;
                let mut j = start;
                let mut escaped = false;
                loop {
                    match json.get(j)? {
                        b'"' => break,
                        b'\\' => {
                            escaped = true;
                            j += 2;
                        }
                        _ => j += 1,
                    }
                }
                let s = Text::raw(json.get(start..j)?, escaped);
                i = j + 1;
                while json.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                let at = if depth == 0 {
                    At::Other
                } else {
                    stack.get(depth - 1).copied().unwrap_or(At::Other)
                };
                if json.get(i) == Some(&b':') {
                    key = s;
                    i += 1;
                    let set = match at {
                        At::Top => Some(&mut found.top),
                        At::FirstRecord => Some(&mut found.record),
                        At::Context => Some(&mut found.context),
                        _ => None,
                    };
                    if let Some(set) = set.filter(|_| !null_at(json, i)) {
                        set.add(s);
                    }
                } else {
                    if let Some(slot) = found.value_of(at, key) {
                        *slot = s;
                    }
                    key = Text::default();
                }
            }
            b',' => {
                key = Text::default();
                i += 1;
            }
            _ => i += 1,
        }
    }
    (depth == 0).then_some(found)
}

/// Whether the value starting at `i` (after any whitespace) is `null`.
fn null_at(json: &[u8], mut i: usize) -> bool {
    while json.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    json.get(i..).is_some_and(|rest| rest.starts_with(b"null"))
}
