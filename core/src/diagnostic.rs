//! The error document Lambda expects on `/error` and `/init/error`:
//! `{"errorType":"Function.Xxx","errorMessage":"...","stackTrace":["..."]}`.
//!
//! [`Diagnostic::encode`] always produces valid JSON that fits the caller's buffer: when the
//! buffer is small it drops stack frames first, then cuts the message (marked with `…`),
//! and only for tiny buffers the error type. An error report must never fail for lack of room.

use core::fmt::{self, Display, Write as _};

use crate::json::{EncodeError, EscapeWriter, LimitedEscapeWriter, Out, escaped_len, prefix};

/// Longest error type sent (bytes); longer ones are cut at a char boundary. Lambda echoes the
/// type in a response header, so it has to stay short.
pub const MAX_ERROR_TYPE: usize = 128;

/// Error types the runtime itself reports, following Lambda's `Function.Xxx` (the function's
/// code failed) and `Runtime.Xxx` (the runtime could not run it) convention.
pub mod error_type {
    /// A handler error that names no type of its own.
    pub const FUNCTION: &str = "Function.Unhandled";
    /// The handler panicked.
    pub const PANIC: &str = "Function.Panic";
    /// The event could not be decoded into the handler's event type (the name Lambda's
    /// Python runtime uses).
    pub const INVALID_EVENT: &str = "Runtime.UnmarshalError";
    /// The handler's response could not be encoded, or did not fit the send buffer.
    pub const INVALID_RESPONSE: &str = "Runtime.MarshalError";
    /// The response exceeds what Lambda accepts (Lambda's own name for it).
    pub const RESPONSE_TOO_LARGE: &str = "Function.ResponseSizeTooLarge";
    /// A streamed response could not be framed or sent.
    pub const STREAM: &str = "Runtime.StreamError";
    /// The event is larger than the receive buffer.
    pub const EVENT_TOO_LARGE: &str = "Runtime.EventTooLarge";
    /// The Runtime API connection closed before the whole event arrived.
    pub const TRUNCATED_EVENT: &str = "Runtime.TruncatedEvent";
    /// Initialization (the function's setup code) failed.
    pub const INIT: &str = "Runtime.InitError";
    /// The environment Lambda provides is missing or malformed.
    pub const INVALID_CONFIG: &str = "Runtime.InvalidConfig";
    /// The handler did not finish before the invocation deadline minus the margin chosen with
    /// [`crate::deadline::WithDeadline`].
    pub const TIMEOUT: &str = "Function.Timeout";
}

const OPEN: &str = r#"{"errorType":""#;
const MESSAGE: &str = r#"","errorMessage":""#;
const STACK: &str = r#"","stackTrace":["#;
const CLOSE: &str = r#""}"#;
/// Marks a cut message.
const CUT: &str = "…";
/// `{"errorType":"","errorMessage":""}`: the least `encode` can produce.
pub const MIN_DIAGNOSTIC_LEN: usize = OPEN.len() + MESSAGE.len() + CLOSE.len();

/// Stack frames an error carries, one line of text each, innermost first (where the error
/// happened, then its callers), as Lambda's other runtimes list them.
///
/// Indexed rather than iterated so a report can be walked twice (once to measure, once to
/// write) without allocating.
pub trait StackTrace {
    /// Frame `i`, or `None` past the last.
    fn frame(&self, i: usize) -> Option<&str>;
}

impl<S: AsRef<str>> StackTrace for [S] {
    fn frame(&self, i: usize) -> Option<&str> {
        self.get(i).map(AsRef::as_ref)
    }
}

#[cfg(feature = "alloc")]
impl<S: AsRef<str>> StackTrace for alloc::vec::Vec<S> {
    fn frame(&self, i: usize) -> Option<&str> {
        self.get(i).map(AsRef::as_ref)
    }
}

/// No frames.
const NO_FRAMES: &[&str] = &[];

/// Where a diagnostic's frames come from.
#[derive(Clone, Copy)]
enum Frames<'a> {
    List(&'a [&'a str]),
    Trace(&'a dyn StackTrace),
}

impl<'a> Frames<'a> {
    fn get(self, i: usize) -> Option<&'a str> {
        match self {
            Self::List(list) => list.get(i).copied(),
            Self::Trace(trace) => trace.frame(i),
        }
    }

    fn iter(self) -> impl Iterator<Item = &'a str> {
        (0..).map_while(move |i| self.get(i))
    }
}

/// An error report for Lambda.
#[derive(Clone, Copy)]
pub struct Diagnostic<'a> {
    /// `errorType`, e.g. `Function.NotFound`; also sent, cut by [`truncate_error_type`] and
    /// with control characters replaced, as the `Lambda-Runtime-Function-Error-Type` header.
    pub error_type: &'a str,
    /// `errorMessage`, streamed (escaped) straight into the output.
    pub error_message: &'a dyn Display,
    /// `stackTrace` frames; the field is omitted when there are none.
    frames: Frames<'a>,
}

impl fmt::Debug for Diagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Diagnostic")
            .field("error_type", &self.error_type)
            .field("error_message", &format_args!("{}", self.error_message))
            .field("stack_trace", &StackList(self.frames))
            .finish()
    }
}

struct StackList<'a>(Frames<'a>);

impl fmt::Debug for StackList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.iter()).finish()
    }
}

impl<'a> Diagnostic<'a> {
    /// A report without a stack trace.
    pub const fn new(error_type: &'a str, error_message: &'a dyn Display) -> Self {
        Self {
            error_type,
            error_message,
            frames: Frames::List(NO_FRAMES),
        }
    }

    /// Adds stack frames (innermost first).
    pub const fn with_stack_trace(self, frames: &'a [&'a str]) -> Self {
        Self {
            frames: Frames::List(frames),
            ..self
        }
    }

    /// Adds the frames of a [`StackTrace`] (an error's own, or a panic's backtrace).
    pub const fn with_frames(self, frames: &'a dyn StackTrace) -> Self {
        Self {
            frames: Frames::Trace(frames),
            ..self
        }
    }

    /// Frame `i` of the stack trace.
    pub fn frame(&self, i: usize) -> Option<&'a str> {
        self.frames.get(i)
    }

    /// Encodes into `out`, cutting to fit: stack frames are dropped from the end first, then
    /// the message is cut (never inside a char or an escape) and ends in `…`, then, only when
    /// `out` is smaller than the type itself, the type is cut (unmarked: it is a token).
    /// The result is always valid JSON.
    ///
    /// Fails with [`EncodeError::BufferFull`] (`needed` is the size of the complete document)
    /// only when `out` is shorter than [`MIN_DIAGNOSTIC_LEN`]. Bytes of `out` past the returned
    /// length may be overwritten.
    pub fn encode(&self, out: &mut [u8]) -> Result<usize, EncodeError> {
        let ty = truncate_error_type(self.error_type);
        let ty_len = escaped_len(ty);
        let msg_len = self.message_len();
        let base = MIN_DIAGNOSTIC_LEN
            .saturating_add(ty_len)
            .saturating_add(msg_len);
        let full = base.saturating_add(stack_len(self.frames));
        let room = out.len();
        if room < MIN_DIAGNOSTIC_LEN {
            return Err(EncodeError::BufferFull { needed: full });
        }
        let mut w = Out::new(out);
        if base <= room {
            let frames = self.frames_fitting(room - base);
            self.write(&mut w, ty, usize::MAX, msg_len, false, frames);
        } else if let Some(msg_room) = room.checked_sub(base - msg_len + CUT.len()) {
            self.write(&mut w, ty, usize::MAX, msg_room, true, 0);
        } else {
            let cut = msg_len > 0 && room >= MIN_DIAGNOSTIC_LEN + CUT.len();
            let ty_room = room - MIN_DIAGNOSTIC_LEN - if cut { CUT.len() } else { 0 };
            self.write(&mut w, ty, ty_room, 0, cut, 0);
        }
        w.finish()
    }

    /// Escaped length of the message, counted without storing it.
    fn message_len(&self) -> usize {
        let mut count = Out::new(&mut []);
        // Errors from the message's Display only shorten what we count.
        let _ = write!(EscapeWriter(&mut count), "{}", self.error_message);
        count.len()
    }

    /// How many leading frames fit in `room` bytes beyond the document without a stack.
    fn frames_fitting(&self, room: usize) -> usize {
        let mut used = 0usize;
        let mut k = 0;
        for (i, frame) in self.frames.iter().enumerate() {
            // `,"stackTrace":[` and `]` come with the first frame, a comma with the others.
            let fixed = if i == 0 { STACK.len() } else { 1 };
            used = used.saturating_add(fixed + escaped_len(frame) + 2);
            if used > room {
                break;
            }
            k = i + 1;
        }
        k
    }

    /// Writes the document with the type cut to `ty_room` escaped bytes, the message to
    /// `msg_room` (plus `…` if `mark`), and the first `frames` frames.
    fn write(
        &self,
        w: &mut Out<'_>,
        ty: &str,
        ty_room: usize,
        msg_room: usize,
        mark: bool,
        frames: usize,
    ) {
        w.push_str(OPEN);
        let _ = LimitedEscapeWriter {
            out: &mut *w,
            room: ty_room,
            cut: false,
        }
        .write_str(ty);
        w.push_str(MESSAGE);
        let mut msg = LimitedEscapeWriter {
            out: &mut *w,
            room: msg_room,
            cut: false,
        };
        let _ = write!(msg, "{}", self.error_message);
        if mark {
            w.push_str(CUT);
        }
        if frames == 0 {
            w.push_str(CLOSE);
            return;
        }
        w.push_str(STACK);
        for (i, frame) in self.frames.iter().take(frames).enumerate() {
            if i > 0 {
                w.push_str(",");
            }
            w.push_str("\"");
            EscapeWriter(&mut *w).push(frame);
            w.push_str("\"");
        }
        w.push_str("]}");
    }
}

/// Extra bytes a non-empty stack adds to the document.
fn stack_len(frames: Frames<'_>) -> usize {
    let (count, quoted) = frames.iter().fold((0usize, 0usize), |(n, len), f| {
        (n + 1, len.saturating_add(escaped_len(f)).saturating_add(2))
    });
    if count == 0 {
        return 0;
    }
    // `","stackTrace":[` and `]}` replace `"}`; commas go between frames.
    (STACK.len())
        .saturating_add(quoted)
        .saturating_add(count - 1)
}

/// `t` cut to [`MAX_ERROR_TYPE`] bytes at a char boundary.
pub fn truncate_error_type(t: &str) -> &str {
    prefix(t, MAX_ERROR_TYPE)
}

/// `s` cut to `N` bytes at a char boundary, as an inline string.
pub(crate) fn truncated<const N: usize>(s: &str) -> heapless::String<N> {
    // Cannot fail: the prefix is at most N bytes.
    heapless::String::try_from(prefix(s, N)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]
    #![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]
    use std::string::String;
    use std::vec::Vec;
    use std::{format, vec};

    use super::*;

    fn awkward() -> String {
        let mut s: String = (0u8..0x20).map(char::from).collect();
        s.push_str("\"quoted\" \\ back/slash é€😀\u{2028}");
        s
    }

    /// Every output size from below the minimum to past the full length; a stride keeps the
    /// 100 KB cases fast while still covering every size near both ends.
    fn sizes(full: usize) -> impl Iterator<Item = usize> {
        (0..full + 3).filter(move |&n| n < 300 || n + 150 > full || n % 4999 == 0)
    }

    fn check(ty: &str, message: &str, frames: &[&str]) {
        let d = Diagnostic::new(ty, &message).with_stack_trace(frames);
        let full = match d.encode(&mut []) {
            Err(EncodeError::BufferFull { needed }) => needed,
            other => panic!("{other:?}"),
        };
        let ty_sent = truncate_error_type(ty);
        let mut buf = vec![0u8; full + 2];
        for size in sizes(full) {
            let out = buf.get_mut(..size).unwrap();
            let n = match d.encode(out) {
                Ok(n) => n,
                Err(e) => {
                    assert!(size < MIN_DIAGNOSTIC_LEN, "{size}: {e}");
                    assert_eq!(e, EncodeError::BufferFull { needed: full });
                    continue;
                }
            };
            assert!(n <= size);
            let text = core::str::from_utf8(out.get(..n).unwrap()).unwrap();
            let doc: serde_json::Value =
                serde_json::from_str(text).unwrap_or_else(|e| panic!("{size}: {e}: {text}"));
            let got_ty = doc["errorType"].as_str().unwrap();
            let got_msg = doc["errorMessage"].as_str().unwrap();
            let got_frames: Vec<&str> = doc
                .get("stackTrace")
                .map(|s| {
                    s.as_array()
                        .unwrap()
                        .iter()
                        .map(|f| f.as_str().unwrap())
                        .collect()
                })
                .unwrap_or_default();
            assert_eq!(
                doc.as_object().unwrap().len(),
                2 + usize::from(!got_frames.is_empty())
            );
            if size >= full {
                assert_eq!(n, full);
                assert_eq!(
                    (got_ty, got_msg, got_frames.as_slice()),
                    (ty_sent, message, frames)
                );
                continue;
            }
            assert!(ty_sent.starts_with(got_ty), "{size}: {got_ty:?}");
            assert!(frames.starts_with(&got_frames));
            if got_msg != message && !(got_msg.is_empty() && size < MIN_DIAGNOSTIC_LEN + CUT.len())
            {
                let prefix = got_msg
                    .strip_suffix('…')
                    .unwrap_or_else(|| panic!("{size}: unmarked {got_msg:?}"));
                assert!(message.starts_with(prefix), "{size}");
                assert!(got_frames.is_empty());
            }
            if got_ty != ty_sent {
                assert!(got_msg.is_empty() || got_msg == "…");
            }
            // Cutting uses the room: nothing more than one escape or char is wasted.
            assert!(
                n + 6 >= size || !got_frames.is_empty() || got_msg == message,
                "{size}: {n}: {text}"
            );
        }
    }

    #[test]
    fn always_valid_json_that_fits() {
        let long = awkward().repeat(100_000 / awkward().len());
        let multibyte = "é€😀".repeat(12_000);
        let awkward = awkward();
        let messages = [
            "",
            "plain",
            "\"",
            "\n",
            awkward.as_str(),
            long.as_str(),
            multibyte.as_str(),
        ];
        let long_type = format!("Function.{}", "Xé".repeat(100));
        let types = [
            long_type.as_str(),
            "Function.Error",
            "",
            "Runtime.\"odd\"\n",
        ];
        let frames: &[&[&str]] = &[&[], &["main", "handler \"x\" at src/lib.rs:10", "é\n"]];
        for message in messages {
            // The 100 KB messages take long in debug builds; two types suffice for them.
            let types = if message.len() > 1000 {
                &types[..1]
            } else {
                &types[..]
            };
            for &ty in types {
                for frames in frames {
                    check(ty, message, frames);
                }
            }
        }
    }

    #[test]
    fn exact_documents() {
        let cases: &[(&str, &str, &[&str], &str)] = &[
            (
                "Function.X",
                "boom",
                &[],
                r#"{"errorType":"Function.X","errorMessage":"boom"}"#,
            ),
            (
                "T",
                "a\"b\n",
                &["f1", "f\\2"],
                r#"{"errorType":"T","errorMessage":"a\"b\n","stackTrace":["f1","f\\2"]}"#,
            ),
            ("", "", &[], r#"{"errorType":"","errorMessage":""}"#),
        ];
        for (ty, msg, frames, expected) in cases {
            let mut buf = [0u8; 256];
            let n = Diagnostic::new(ty, msg)
                .with_stack_trace(frames)
                .encode(&mut buf)
                .unwrap();
            assert_eq!(core::str::from_utf8(buf.get(..n).unwrap()), Ok(*expected));
        }
        // A cut message: 41 bytes hold the type, 3 message bytes and the mark.
        let mut buf = [0u8; 41];
        let n = Diagnostic::new("T", &"abcdefgh").encode(&mut buf).unwrap();
        assert_eq!(
            core::str::from_utf8(buf.get(..n).unwrap()),
            Ok(r#"{"errorType":"T","errorMessage":"abc…"}"#)
        );
        // An escape is never split: `\n` needs two bytes, only one is left.
        let mut buf = [0u8; 41];
        let n = Diagnostic::new("T", &"ab\ncdef").encode(&mut buf).unwrap();
        assert_eq!(
            core::str::from_utf8(buf.get(..n).unwrap()),
            Ok(r#"{"errorType":"T","errorMessage":"ab…"}"#)
        );
    }

    #[test]
    fn cuts_at_char_boundaries() {
        // A limit inside a multi-byte char backs off to the boundary before it.
        const CASES: &[(&str, &str)] = &[
            ("short", "short"),
            ("abcdef", "abcde"),
            ("ééé", "éé"),
            ("ab😀", "ab"),
            ("", ""),
        ];
        for (s, want) in CASES {
            assert_eq!(truncated::<5>(s).as_str(), *want, "{s:?}");
        }
        assert_eq!(truncate_error_type(&"é".repeat(100)).len(), MAX_ERROR_TYPE);
        assert_eq!(truncate_error_type(&"é".repeat(100)), "é".repeat(64));
        // The runtime's own types go into the header untouched.
        for t in [
            error_type::FUNCTION,
            error_type::PANIC,
            error_type::INVALID_EVENT,
            error_type::INVALID_RESPONSE,
            error_type::RESPONSE_TOO_LARGE,
            error_type::EVENT_TOO_LARGE,
            error_type::TRUNCATED_EVENT,
            error_type::INIT,
            error_type::INVALID_CONFIG,
        ] {
            assert_eq!(truncate_error_type(t), t);
            assert!(t.bytes().all(|b| b.is_ascii_graphic()), "{t}");
        }
    }
}
