//! Error documents (`Diagnostic::encode`), string escaping, and the panic hook's complete
//! error report (`request::error_report`).
//!
//! Invariants, for arbitrary UTF-8 type, message (written in arbitrary pieces), stack frames
//! and buffer size:
//! 1. the output fits, is valid JSON with exactly `errorType`, `errorMessage` and (if any
//!    frames fit) `stackTrace`, and serde_json reads back the same strings after the
//!    documented truncation: type cut to 128 bytes; frames dropped from the end first, then
//!    the message cut and marked `…`, and the type cut only when nothing else is left;
//!    with room for everything, everything is there; the size report is exact;
//! 2. `escaped_len`/`write_escaped_str` agree, and the escape reads back as the input;
//! 3. the complete error report is one well-formed request for the right path (the request id
//!    percent-encoded), with a sanitized one-line error-type header and the diagnostic body.
#![no_main]

use std::fmt;

use arbitrary::Arbitrary;
use lambkin_core::RuntimeApi;
use lambkin_core::diagnostic::{Diagnostic, MAX_ERROR_TYPE, MIN_DIAGNOSTIC_LEN};
use lambkin_core::json::{EncodeError, escaped_len, write_escaped_str};
use lambkin_core::request::{MAX_ID_LEN, ReportTarget, error_report};
use lambkin_core::session::HEAD_ROOM;
use lambkin_core::xray;
use lambkin_emulator::wire;
use lambkin_fuzz::{error_type_header, pct_decode, prefix, sanitized};

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    size: u16,
    ty: &'a str,
    /// The message, as the pieces its `Display` writes one call at a time.
    pieces: Vec<&'a str>,
    frames: Vec<&'a str>,
    request_id: &'a str,
    invocation_id: Option<&'a str>,
    prefixed_api: bool,
}

struct Pieces<'a>(&'a [&'a str]);

impl fmt::Display for Pieces<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|p| f.write_str(p))
    }
}

const CUT: &str = "…";

fn check_document(d: &Diagnostic<'_>, message: &str, frames: &[&str], size: usize, full: usize) {
    let mut buf = vec![0u8; size];
    let n = match d.encode(&mut buf) {
        Ok(n) => n,
        Err(e) => {
            assert!(size < MIN_DIAGNOSTIC_LEN, "{size}: {e}");
            assert_eq!(e, EncodeError::BufferFull { needed: full });
            return;
        }
    };
    assert!(n <= size);
    let text = std::str::from_utf8(&buf[..n]).expect("UTF-8 output");
    let doc: serde_json::Value =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{size}: {e}: {text}"));
    let obj = doc.as_object().expect("an object");
    let ty = obj["errorType"].as_str().expect("errorType");
    let msg = obj["errorMessage"].as_str().expect("errorMessage");
    let got_frames: Vec<&str> = match obj.get("stackTrace") {
        Some(s) => s
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect(),
        None => Vec::new(),
    };
    assert_eq!(
        obj.len(),
        2 + usize::from(obj.contains_key("stackTrace")),
        "{text}"
    );
    assert!(
        obj.get("stackTrace").is_none() || !got_frames.is_empty(),
        "empty stackTrace"
    );
    let ty_sent = prefix(d.error_type, MAX_ERROR_TYPE);
    if size >= full {
        assert_eq!(n, full);
        assert_eq!((ty, msg, got_frames.as_slice()), (ty_sent, message, frames));
        return;
    }
    assert!(ty_sent.starts_with(ty), "type {ty:?} is not a prefix");
    assert!(frames.starts_with(&got_frames), "frames are not a prefix");
    if msg != message {
        // Cut: marked, a prefix, and no frames left.
        let kept = msg.strip_suffix(CUT).unwrap_or_else(|| {
            let no_room = size < MIN_DIAGNOSTIC_LEN + CUT.len();
            assert!(msg.is_empty() && no_room, "{size}: unmarked cut {msg:?}");
            ""
        });
        assert!(
            message.starts_with(kept),
            "{size}: message {msg:?} is not a prefix"
        );
        assert!(
            got_frames.is_empty(),
            "frames kept while the message was cut"
        );
    }
    if ty != ty_sent {
        assert!(
            msg.is_empty() || msg == CUT,
            "type cut while message text was kept"
        );
    }
}

/// The X-Ray cause of any diagnostic, in any room: nothing, or ASCII-only JSON of at most
/// 64 KiB whose type and message are prefixes of the real ones.
fn check_cause(d: &Diagnostic<'_>, ty: &str, message: &str, room: usize) {
    let mut out = vec![0u8; room];
    let n = xray::encode(d, "/var/task", &mut out);
    if n == 0 {
        return;
    }
    assert!(n <= xray::MAX_CAUSE.min(room));
    let text = std::str::from_utf8(&out[..n]).unwrap();
    assert!(text.bytes().all(|b| (0x20..0x7f).contains(&b)), "{text}");
    let doc: serde_json::Value = serde_json::from_str(text).unwrap();
    let exception = &doc["exceptions"][0];
    let (got_ty, got_msg) = (
        exception["type"].as_str().unwrap(),
        exception["message"].as_str().unwrap(),
    );
    assert!(ty.starts_with(got_ty), "{got_ty:?}");
    assert!(message.starts_with(got_msg), "{got_msg:?}");
}

fn check_escape(s: &str) {
    let n = escaped_len(s);
    let mut out = vec![0u8; n];
    assert_eq!(write_escaped_str(s, &mut out), Ok(n));
    let quoted = format!("\"{}\"", std::str::from_utf8(&out).unwrap());
    assert_eq!(serde_json::from_str::<String>(&quoted).unwrap(), s);
    if n > 0 {
        let short = write_escaped_str(s, &mut out[..n - 1]);
        assert_eq!(short, Err(EncodeError::BufferFull { needed: n }));
    }
}

libfuzzer_sys::fuzz_target!(|input: Input<'_>| {
    let message: String = input.pieces.concat();
    let pieces = Pieces(&input.pieces);
    let d = Diagnostic::new(input.ty, &pieces).with_stack_trace(&input.frames);
    let full = match d.encode(&mut []) {
        Err(EncodeError::BufferFull { needed }) => needed,
        other => panic!("{other:?}"),
    };
    let size = usize::from(input.size) % (full + 8);
    for s in [
        size,
        full,
        full - 1,
        MIN_DIAGNOSTIC_LEN,
        MIN_DIAGNOSTIC_LEN + CUT.len(),
    ] {
        check_document(&d, &message, &input.frames, s, full);
    }
    check_escape(input.ty);
    check_escape(&message);
    check_cause(&d, input.ty, &message, size);

    let api = RuntimeApi::parse(if input.prefixed_api {
        "http://[::]:9000/.rt"
    } else {
        "127.0.0.1:9001"
    })
    .unwrap();
    let target = ReportTarget::Invocation {
        request_id: input.request_id,
        invocation_id: input.invocation_id,
    };
    let mut out = vec![0u8; HEAD_ROOM + size];
    let ids_fit = input.request_id.len() <= MAX_ID_LEN
        && input.invocation_id.is_none_or(|i| i.len() <= MAX_ID_LEN);
    let Some(range) = error_report(&api, target, &d, "/var/task", &mut out) else {
        assert!(
            !ids_fit || size < MIN_DIAGNOSTIC_LEN,
            "report dropped with ids that fit"
        );
        return;
    };
    let bytes = &out[range];
    let (req, n) = match wire::parse_request(bytes, usize::MAX) {
        Ok(Some(r)) => r,
        other => panic!(
            "malformed error report ({other:?}): {}",
            String::from_utf8_lossy(bytes)
        ),
    };
    assert_eq!(n, bytes.len(), "one request, nothing after it");
    let path = req.path.strip_prefix(api.prefix()).unwrap();
    let id = path
        .strip_prefix("/2018-06-01/runtime/invocation/")
        .and_then(|p| p.strip_suffix("/error"))
        .unwrap_or_else(|| panic!("path {path}"));
    assert_eq!(pct_decode(id), input.request_id.as_bytes());
    let ty_header = error_type_header(input.ty, MAX_ERROR_TYPE);
    assert_eq!(
        req.header("lambda-runtime-function-error-type"),
        Some(ty_header.as_str())
    );
    let echo = input.invocation_id.map(sanitized);
    assert_eq!(req.header("lambda-runtime-invocation-id"), echo.as_deref());
    let doc: serde_json::Value = serde_json::from_slice(&req.body).expect("JSON body");
    assert!(prefix(input.ty, MAX_ERROR_TYPE).starts_with(doc["errorType"].as_str().unwrap()));
});
