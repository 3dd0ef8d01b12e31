//! The X-Ray error cause Lambda takes in `Lambda-Runtime-Function-XRay-Error-Cause` with an
//! `/error` report: `{"working_directory":…,"exceptions":[{"type":…,"message":…,"stack":[…]}],
//! "paths":[…]}`, the shape the Runtime Interface Emulator's `error_cause.go` reads.
//!
//! It travels as a header value, so the encoding is ASCII only (other chars as `\uXXXX`), and
//! it is cropped to [`MAX_CAUSE`] as Lambda crops it: frames go first, then the message is cut.

use core::fmt::{self, Write as _};

use crate::diagnostic::{Diagnostic, truncate_error_type};
use crate::json::Out;

/// Largest cause sent (Lambda crops at 64 KiB).
pub const MAX_CAUSE: usize = 64 * 1024;

/// Longest message kept in a cause: the rest of the room is for frames.
const MAX_MESSAGE: usize = 16 * 1024;

/// The header carrying the cause.
pub const HEADER: &str = "Lambda-Runtime-Function-XRay-Error-Cause";

/// Encodes the cause of `diagnostic` into `out` (at most [`MAX_CAUSE`] bytes); `task_root` is
/// the function's directory (`LAMBDA_TASK_ROOT`). Returns the length, 0 when `out` cannot
/// hold even a cause without message and frames.
pub fn encode(diagnostic: &Diagnostic<'_>, task_root: &str, out: &mut [u8]) -> usize {
    let room = out.len().min(MAX_CAUSE);
    let out = out.get_mut(..room).unwrap_or_default();
    let mut w = Ascii {
        out: Out::new(out),
        room,
    };
    // Fixed text: 72 bytes with empty strings and no frames.
    const CLOSE: &str = "]}]";
    let tail = |paths: usize| CLOSE.len() + ",\"paths\":[".len() + paths + "]}".len();
    let ok = w.raw("{\"working_directory\":\"")
        && w.text(prefix(task_root, 1024), 4096, tail(0) + 60)
        && w.raw("\",\"exceptions\":[{\"type\":\"")
        && w.text(
            truncate_error_type(diagnostic.error_type),
            1024,
            tail(0) + 24,
        )
        && w.raw("\",\"message\":\"");
    if !ok {
        return 0;
    }
    let mut message = Limited {
        w: &mut w,
        budget: MAX_MESSAGE,
        keep: tail(0) + "\",\"stack\":[".len(),
    };
    // A cut message still ends cleanly: Limited drops whole escapes only.
    let _ = write!(message, "{}", diagnostic.error_message);
    w.raw("\",\"stack\":[");
    // Each frame kept must also leave room for its path in `paths`.
    let mut kept = 0usize;
    let mut paths_len = 0usize;
    while let Some(frame) = diagnostic.frame(kept) {
        let (label, path, line) = split_frame(frame);
        let new_path = !path.is_empty() && !seen_before(diagnostic, kept, path);
        let path_cost = if new_path { ascii_len(path) + 3 } else { 0 };
        let cost = ascii_len(label) + ascii_len(path) + 40 + path_cost;
        if w.left() < cost + tail(paths_len) {
            break;
        }
        if kept > 0 {
            w.raw(",");
        }
        w.raw("{\"label\":\"");
        w.escape(label);
        w.raw("\",\"path\":\"");
        w.escape(path);
        w.raw("\",\"line\":");
        let _ = write!(RawWrite(&mut w), "{line}");
        w.raw("}");
        paths_len += path_cost;
        kept += 1;
    }
    w.raw(CLOSE);
    w.raw(",\"paths\":[");
    let mut first = true;
    for i in 0..kept {
        let Some((_, path, _)) = diagnostic.frame(i).map(split_frame) else {
            break;
        };
        if path.is_empty() || seen_before(diagnostic, i, path) {
            continue;
        }
        if !first {
            w.raw(",");
        }
        first = false;
        w.raw("\"");
        w.escape(path);
        w.raw("\"");
    }
    w.raw("]}");
    w.out.finish().unwrap_or(0)
}

/// `label at path:line[:col]` → (label, path, line); a frame without ` at ` is all label.
pub fn split_frame(frame: &str) -> (&str, &str, u32) {
    let Some((label, at)) = frame.rsplit_once(" at ") else {
        return (frame, "", 0);
    };
    let number = |s: &str| s.parse::<u32>().ok();
    let Some((rest, last)) = at.rsplit_once(':').and_then(|(r, n)| Some((r, number(n)?))) else {
        return (label, at, 0);
    };
    // `path:line:col` when two numbers end it, else `path:line`.
    match rest
        .rsplit_once(':')
        .and_then(|(p, n)| Some((p, number(n)?)))
    {
        Some((path, line)) => (label, path, line),
        None => (label, rest, last),
    }
}

fn seen_before(diagnostic: &Diagnostic<'_>, i: usize, path: &str) -> bool {
    (0..i).any(|j| {
        diagnostic
            .frame(j)
            .is_some_and(|f| split_frame(f).1 == path)
    })
}

fn prefix(s: &str, max: usize) -> &str {
    crate::json::prefix(s, max)
}

/// Bytes `s` takes once escaped as ASCII JSON.
fn ascii_len(s: &str) -> usize {
    s.chars().map(|c| escape(c, &mut [0; 12]).len()).sum()
}

/// `c` as ASCII JSON string content.
fn escape(c: char, buf: &mut [u8; 12]) -> &str {
    let hex = |n: u16| {
        b"0123456789abcdef"
            .get(usize::from(n & 0xf))
            .copied()
            .unwrap_or(b'0')
    };
    let simple = match c {
        '"' => Some("\\\""),
        '\\' => Some("\\\\"),
        '\n' => Some("\\n"),
        '\r' => Some("\\r"),
        '\t' => Some("\\t"),
        ' '..='~' => None,
        _ => {
            let mut units = [0u16; 2];
            let mut n = 0;
            for unit in c.encode_utf16(&mut units).iter() {
                let hex = [
                    b'\\',
                    b'u',
                    hex(unit >> 12),
                    hex(unit >> 8),
                    hex(unit >> 4),
                    hex(*unit),
                ];
                if let Some(dst) = buf.get_mut(n..n + 6) {
                    dst.copy_from_slice(&hex);
                }
                n += 6;
            }
            return core::str::from_utf8(buf.get(..n).unwrap_or_default()).unwrap_or_default();
        }
    };
    match simple {
        Some(s) => s,
        None => c.encode_utf8(buf),
    }
}

/// An ASCII JSON writer with a hard byte budget.
struct Ascii<'b> {
    out: Out<'b>,
    room: usize,
}

impl Ascii<'_> {
    fn left(&self) -> usize {
        self.room.saturating_sub(self.out.len())
    }

    /// Fixed text; the budget already accounts for it.
    fn raw(&mut self, s: &str) -> bool {
        self.out.push_str(s);
        self.out.len() <= self.room
    }

    fn escape(&mut self, s: &str) {
        for c in s.chars() {
            self.out.push_str(escape(c, &mut [0; 12]));
        }
    }

    /// `s` escaped, cut to `max` bytes and to leave `keep` bytes; false if nothing fits.
    fn text(&mut self, s: &str, max: usize, keep: usize) -> bool {
        if self.left() < keep {
            return false;
        }
        let mut limited = Limited {
            w: self,
            budget: max,
            keep,
        };
        let _ = limited.write_str(s);
        true
    }
}

/// Escaped text until `budget` runs out or only `keep` bytes of room remain.
struct Limited<'w, 'b> {
    w: &'w mut Ascii<'b>,
    budget: usize,
    keep: usize,
}

impl fmt::Write for Limited<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for c in s.chars() {
            let mut buf = [0; 12];
            let e = escape(c, &mut buf);
            if e.len() > self.budget || self.w.left() < self.keep + e.len() {
                self.budget = 0;
                return Err(fmt::Error);
            }
            self.budget -= e.len();
            self.w.out.push_str(e);
        }
        Ok(())
    }
}

/// Plain ASCII (numbers) through `fmt`.
struct RawWrite<'w, 'b>(&'w mut Ascii<'b>);

impl fmt::Write for RawWrite<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.out.push_str(s);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    #![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]
    extern crate std;
    use std::format;
    use std::string::String;
    use std::vec;
    use std::vec::Vec;

    use super::*;

    fn cause(d: &Diagnostic<'_>, room: usize) -> Option<serde_json::Value> {
        let mut buf = vec![0u8; room];
        let n = encode(d, "/var/task", &mut buf);
        if n == 0 {
            return None;
        }
        assert!(n <= MAX_CAUSE);
        let text = core::str::from_utf8(&buf[..n]).unwrap();
        assert!(text.bytes().all(|b| (0x20..0x7f).contains(&b)), "{text}");
        Some(serde_json::from_str(text).unwrap())
    }

    #[test]
    fn frames_split_into_label_path_line() {
        let cases = [
            ("main", ("main", "", 0)),
            ("f at src/lib.rs:10:5", ("f", "src/lib.rs", 10)),
            ("f at src/lib.rs:10", ("f", "src/lib.rs", 10)),
            ("a at b at c.rs:3:1", ("a at b", "c.rs", 3)),
            ("f at C:/x.rs:7:2", ("f", "C:/x.rs", 7)),
            ("f at nowhere", ("f", "nowhere", 0)),
        ];
        for (frame, want) in cases {
            assert_eq!(split_frame(frame), want, "{frame}");
        }
    }

    #[test]
    fn a_cause_lists_the_exception_frames_and_unique_paths() {
        let frames = [
            "handler::fail at src/main.rs:10:5",
            "handler::call at src/main.rs:20:9",
            "lib::h\u{e9} at src/lib.rs:3:1",
            "<unknown>",
        ];
        let msg = "bad \"input\"\n\u{e9}\u{1F600}";
        let d = Diagnostic::new("Function.Bad", &msg).with_stack_trace(&frames);
        let doc = cause(&d, 4096).unwrap();
        assert_eq!(doc["working_directory"], "/var/task");
        let ex = &doc["exceptions"][0];
        assert_eq!(ex["type"], "Function.Bad");
        assert_eq!(ex["message"], msg);
        assert_eq!(ex["stack"][0]["label"], "handler::fail");
        assert_eq!(ex["stack"][0]["path"], "src/main.rs");
        assert_eq!(ex["stack"][0]["line"], 10);
        assert_eq!(ex["stack"][2]["label"], "lib::h\u{e9}");
        assert_eq!(ex["stack"][3]["label"], "<unknown>");
        assert_eq!(
            doc["paths"],
            serde_json::json!(["src/main.rs", "src/lib.rs"])
        );
    }

    #[test]
    fn huge_causes_are_cropped_to_64_kib_and_stay_valid() {
        let msg: String = "m\u{e9}\"".repeat(100_000);
        let frames: Vec<String> = (0..5000)
            .map(|i| format!("f{i} at src/file{}.rs:{i}:1", i % 7))
            .collect();
        let frames: Vec<&str> = frames.iter().map(String::as_str).collect();
        let d = Diagnostic::new("Function.Big", &msg).with_stack_trace(&frames);
        let doc = cause(&d, 1 << 20).unwrap();
        let ex = &doc["exceptions"][0];
        let kept = ex["message"].as_str().unwrap();
        assert!(msg.starts_with(kept) && !kept.is_empty());
        let stack = ex["stack"].as_array().unwrap();
        assert!(stack.len() > 100 && stack.len() < 5000, "{}", stack.len());
        assert_eq!(doc["paths"].as_array().unwrap().len(), 7);
    }

    #[test]
    fn a_report_gives_the_diagnostic_room_first_and_the_cause_what_is_left() {
        let msg = "m\u{e9}ssage";
        let d = Diagnostic::new("Function.X", &msg);
        let Err(crate::json::EncodeError::BufferFull { needed: full }) = d.encode(&mut []) else {
            panic!("measuring")
        };
        let mut with_cause = None;
        for room in 0..600 {
            let mut buf = vec![0u8; room];
            let (len, cause) = crate::handler::write_report(&d, "/var/task", &mut buf);
            let start = if cause > 0 { cause + 4 } else { 0 };
            if len > 0 {
                let doc: serde_json::Value =
                    serde_json::from_slice(&buf[start..start + len]).unwrap();
                assert!("Function.X".starts_with(doc["errorType"].as_str().unwrap()));
                if room >= full {
                    assert_eq!(doc["errorMessage"], msg, "cut at {room}");
                }
            }
            if cause > 0 {
                with_cause.get_or_insert(room);
                assert_eq!(&buf[cause..cause + 4], b"\r\n\r\n");
                let c: serde_json::Value = serde_json::from_slice(&buf[..cause]).unwrap();
                let kept = c["exceptions"][0]["message"].as_str().unwrap();
                assert!(msg.starts_with(kept), "{kept:?}");
                if room == 599 {
                    assert_eq!(kept, msg);
                }
            }
        }
        // Once the diagnostic is whole, a cause follows as soon as its own minimum fits.
        assert!(
            with_cause.is_some_and(|r| r > full && r < full + 200),
            "{with_cause:?}"
        );
    }

    #[test]
    fn every_room_gives_nothing_or_valid_json() {
        let frames = ["f at src/a.rs:1:1", "g at src/b.rs:2:2"];
        let msg = "a message \u{e9}";
        let d = Diagnostic::new("Function.X", &msg).with_stack_trace(&frames);
        let mut first = None;
        for room in 0..400 {
            if let Some(doc) = cause(&d, room) {
                first.get_or_insert(room);
                assert_eq!(doc["exceptions"][0]["type"], "Function.X");
            }
        }
        assert!(first.is_some_and(|r| r < 200), "{first:?}");
    }
}
