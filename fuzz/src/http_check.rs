//! The `http_response` target: the core's incremental response reader (`core/src/http/`).
//!
//! Invariants:
//! 1. Split independence: the same bytes fed one at a time, as large reads, and in random
//!    reads give the same message (head, body bytes, overflow and truncation flags); a
//!    malformed response is an error in every split (only *which* head error may depend on
//!    when the head is parsed, a documented linear-time trade-off).
//! 2. Leftover is exact: bytes past the message are reported iff more than the message was fed.
//! 3. Never stuck: while the reader says `Partial`, the buffer has room for more.
//! 4. Bodies agree with an independent reference de-framer whenever the message fits.
//! 5. Heads with more headers than the httparse fast path (the line-by-line slow path) parse
//!    like the same head with few headers: padding a head moves its spans, nothing else.

use lambkin_core::__private::{Framing, Incoming, Message, Progress, parse_head};
use lambkin_core::http::{FAST_PATH_HEADERS, HttpError};

use crate::Rng;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Partial,
    Error(HttpError),
    Complete {
        msg: Box<Message>,
        body: Vec<u8>,
        leftover: bool,
    },
}

struct Run {
    outcome: Outcome,
    /// Stream bytes fed before the outcome.
    fed: usize,
}

fn feed(stream: &[u8], cap: usize, eof: bool, mut size: impl FnMut(usize) -> usize) -> Run {
    let mut rx = vec![0u8; cap];
    let mut inc = Incoming::new();
    let mut pos = 0;
    loop {
        let range = inc.recv_range(cap);
        let at_eof = pos == stream.len();
        let result = if at_eof {
            if !eof {
                return Run {
                    outcome: Outcome::Partial,
                    fed: pos,
                };
            }
            inc.handle_eof(&mut rx)
        } else {
            assert!(
                !range.is_empty(),
                "reader wants more but its buffer is full"
            );
            let n = size(stream.len() - pos).clamp(1, range.len());
            rx[range.start..range.start + n].copy_from_slice(&stream[pos..pos + n]);
            pos += n;
            inc.handle_recv(&mut rx, n)
        };
        let outcome = match result {
            Ok(Progress::Partial) => {
                assert!(!at_eof, "Partial after EOF");
                continue;
            }
            Ok(Progress::Complete(msg)) => {
                assert!(msg.body.start >= msg.head.len && msg.body.end <= cap);
                Outcome::Complete {
                    body: rx[msg.body.clone()].to_vec(),
                    leftover: inc.has_leftover(),
                    msg: Box::new(msg),
                }
            }
            Err(e) => Outcome::Error(e),
        };
        return Run { outcome, fed: pos };
    }
}

/// Errors whose kind depends on when the head is (re-)parsed.
fn head_class(o: &Outcome) -> bool {
    matches!(
        o,
        Outcome::Partial
            | Outcome::Error(
                HttpError::MalformedHead | HttpError::HeadTooLarge | HttpError::Truncated
            )
    )
}

fn same(reference: &Run, other: &Run, what: &str) {
    match (&reference.outcome, &other.outcome) {
        (
            Outcome::Complete {
                msg: a, body: ab, ..
            },
            Outcome::Complete {
                msg: b,
                body: bb,
                leftover,
            },
        ) => {
            assert_eq!(a, b, "{what}: message differs from byte-at-a-time");
            assert_eq!(ab, bb, "{what}: body differs from byte-at-a-time");
            assert_eq!(*leftover, other.fed > reference.fed, "{what}: leftover");
        }
        (a, b) if head_class(a) && head_class(b) => {}
        (a, b) => assert_eq!(a, b, "{what}: outcome differs from byte-at-a-time"),
    }
}

/// What a message should be, from the whole stream at once, with no buffer limit: interim 1xx
/// heads skipped, then the body de-framed by code independent of `Incoming`.
enum Reference {
    /// `need`: stream bytes up to the end of the message (interim heads included).
    Body {
        need: usize,
        body: Vec<u8>,
    },
    Truncated,
    Invalid,
}

fn reference(stream: &[u8], eof: bool) -> Option<Reference> {
    let mut rest = stream;
    let mut skipped = 0;
    let head = loop {
        match parse_head(rest) {
            Ok(Some(h)) if (100..200).contains(&h.status) => {
                rest = &rest[h.len..];
                skipped += h.len;
            }
            Ok(Some(h)) => break h,
            Ok(None) => return None,
            Err(_) => return Some(Reference::Invalid),
        }
    };
    let body = &rest[head.len..];
    let done = |b: &[u8], wire_len: usize| Reference::Body {
        need: skipped + head.len + wire_len,
        body: b.to_vec(),
    };
    Some(match head.framing {
        Framing::Length(n) if body.len() >= n => done(&body[..n], n),
        Framing::Length(_) if eof => Reference::Truncated,
        Framing::Length(_) => return None,
        Framing::UntilClose if eof => done(body, body.len()),
        Framing::UntilClose => return None,
        Framing::Chunked => {
            let mut out = Vec::new();
            let mut at = 0;
            loop {
                let (used, size) = match httparse::parse_chunk_size(&body[at..]) {
                    Ok(httparse::Status::Complete(c)) => c,
                    Ok(httparse::Status::Partial) if eof => return Some(Reference::Truncated),
                    Ok(httparse::Status::Partial) => return None,
                    Err(_) => return Some(Reference::Invalid),
                };
                at += used;
                if size == 0 {
                    break;
                }
                let size = size as usize;
                if body.len() < at + size + 2 {
                    return if eof {
                        Some(Reference::Truncated)
                    } else {
                        None
                    };
                }
                out.extend_from_slice(&body[at..at + size]);
                if &body[at + size..at + size + 2] != b"\r\n" {
                    return Some(Reference::Invalid);
                }
                at += size + 2;
            }
            // Trailer lines up to an empty one.
            loop {
                match body[at..].windows(2).position(|w| w == b"\r\n") {
                    Some(0) => break done(&out, at + 2),
                    Some(i) => at += i + 2,
                    None if eof => return Some(Reference::Truncated),
                    None => return None,
                }
            }
        }
    })
}

fn check_reference(run: &Run, stream: &[u8], cap: usize, eof: bool) {
    let Some(want) = reference(stream, eof) else {
        return;
    };
    match (want, &run.outcome) {
        (Reference::Body { need, body }, out) => {
            if let Outcome::Complete { msg, .. } = out {
                assert!(!msg.truncated, "complete per reference, read as truncated");
            }
            // Only messages with ample room are expected whole: chunk framing needs some too.
            if need + 64 > cap {
                return;
            }
            match out {
                Outcome::Complete { msg, body: got, .. } => {
                    assert!(!msg.overflow && !msg.truncated, "{msg:?}");
                    assert_eq!(got, &body, "body differs from the reference de-framing");
                }
                other => panic!("fits the buffer but reads as {other:?}"),
            }
        }
        (Reference::Truncated, Outcome::Complete { msg, .. }) => {
            assert!(msg.truncated, "reference says truncated: {msg:?}");
        }
        (Reference::Truncated, _) => {}
        (Reference::Invalid, out) => {
            assert!(
                !matches!(out, Outcome::Complete { .. }),
                "invalid framing read as {out:?}"
            );
        }
    }
}

/// Invariant 5: the head padded past the fast path's header count parses the same.
fn check_slow_path(stream: &[u8]) {
    let Ok(Some(head)) = parse_head(stream) else {
        return;
    };
    let head_bytes = &stream[..head.len];
    // Only CRLF heads: the slow path documents CRLF lines (httparse also takes bare LF).
    let Some(line_end) = head_bytes.windows(2).position(|w| w == b"\r\n") else {
        return;
    };
    if head_bytes.windows(4).position(|w| w == b"\r\n\r\n") != Some(head.len - 4)
        || head_bytes[..head.len - 2]
            .split(|&b| b == b'\n')
            .any(|l| l.last() != Some(&b'\r'))
    {
        return;
    }
    let pad = b"X-Pad: 0\r\n".repeat(FAST_PATH_HEADERS + 1);
    let mut padded = stream[..line_end + 2].to_vec();
    padded.extend_from_slice(&pad);
    padded.extend_from_slice(&stream[line_end + 2..]);
    let slow = parse_head(&padded);
    let Ok(Some(mut slow)) = slow else {
        panic!("slow path rejects a head the fast path takes: {slow:?}");
    };
    slow.len -= pad.len();
    for span in [
        &mut slow.lambda.request_id,
        &mut slow.lambda.deadline_ms,
        &mut slow.lambda.function_arn,
        &mut slow.lambda.trace_id,
        &mut slow.lambda.client_context,
        &mut slow.lambda.cognito_identity,
        &mut slow.lambda.tenant_id,
        &mut slow.lambda.invocation_id,
        &mut slow.lambda.extension_id,
    ]
    .into_iter()
    .flatten()
    {
        *span = span.start - pad.len()..span.end - pad.len();
    }
    assert_eq!(slow, head, "slow path parses the head differently");
}

/// Input: 2 bytes buffer size, 8 bytes split seed, 1 flag byte (bit 0: no EOF), then the
/// server's bytes.
pub fn run(data: &[u8]) {
    if data.len() < 11 {
        return;
    }
    let cap = 64 + (crate::le(&data[..2]) as usize % 8192);
    let mut rng = Rng::new(crate::le(&data[2..10]));
    let eof = data[10] & 1 == 0;
    let stream = &data[11..];
    let dribble = feed(stream, cap, eof, |_| 1);
    let whole = feed(stream, cap, eof, |left| left);
    let random = feed(stream, cap, eof, |left| rng.chunk(left));
    same(&dribble, &whole, "large reads");
    same(&dribble, &random, "random reads");
    check_reference(&dribble, stream, cap, eof);
    check_slow_path(stream);
}
