//! The emulator's request parser (`lambkin_emulator::wire::parse_request`), a pure function.
//!
//! Invariants: never panics; the result does not depend on how much of the stream has
//! arrived: every prefix of a complete request is `Ok(None)`, and the request is self-delimiting
//! (bytes after it change nothing); the body respects `max_body`; and a parsed request
//! re-encoded canonically (no framing for no body, Content-Length, or chunked when it had
//! trailers) parses back to the same method, path, headers, body, trailers and connection
//! handling. A chunked body fed to the incremental decoder (the one streamed responses use) in
//! two pieces, split anywhere, gives the same body and trailers.
//!
//! Input: 1 byte picking `max_body` (and the split), then the bytes a client sent.
#![no_main]

use lambkin_emulator::stream::chunked::{Decoder, Frame};
use lambkin_emulator::wire::{Request, parse_request};

fn framing(name: &str) -> bool {
    name.eq_ignore_ascii_case("content-length") || name.eq_ignore_ascii_case("transfer-encoding")
}

fn encode(req: &Request) -> Vec<u8> {
    let has_connection = req
        .headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("connection"));
    // Without a Connection header, closing is what HTTP/1.0 means by default.
    let version = if req.close && !has_connection {
        "HTTP/1.0"
    } else {
        "HTTP/1.1"
    };
    let mut out = format!("{} {} {version}\r\n", req.method, req.path).into_bytes();
    for (k, v) in req.headers.iter().filter(|(k, _)| !framing(k)) {
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    if req.trailers.is_empty() && req.body.is_empty() {
        // No framing header for no body: a request without one has none, and one more header
        // than it arrived with could pass the parser's limit (128 headers, none framing).
        out.extend_from_slice(b"\r\n");
    } else if req.trailers.is_empty() {
        out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", req.body.len()).as_bytes());
        out.extend_from_slice(&req.body);
    } else {
        out.extend_from_slice(b"Transfer-Encoding: chunked\r\n\r\n");
        if !req.body.is_empty() {
            out.extend_from_slice(format!("{:x}\r\n", req.body.len()).as_bytes());
            out.extend_from_slice(&req.body);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"0\r\n");
        for (k, v) in &req.trailers {
            out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
        }
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// Decodes a chunked `body` fed as `body[..cut]` then the rest: its data and trailers.
fn dechunk_split(body: &[u8], cut: usize) -> (Vec<u8>, Vec<(String, String)>) {
    let mut decoder = Decoder::new();
    let (mut data, mut pending) = (Vec::new(), Vec::new());
    for piece in [&body[..cut], &body[cut..]] {
        pending.extend_from_slice(piece);
        loop {
            let (used, frame) = decoder.decode(&pending).expect("the parser accepted it");
            let done = frame == Frame::Done;
            if let Frame::Data(d) = frame {
                data.extend_from_slice(d);
            }
            pending.drain(..used);
            if done {
                return (data, decoder.trailers().to_vec());
            }
            if used == 0 || pending.is_empty() {
                break;
            }
        }
    }
    panic!("the parser found the end of a chunked body the decoder did not")
}

fn without_framing(r: &Request) -> Vec<(String, String)> {
    r.headers
        .iter()
        .filter(|(k, _)| !framing(k))
        .cloned()
        .collect()
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let max_body = [0, 16, 4096, 6_291_556, usize::MAX][usize::from(pick) % 5];
    let result = parse_request(bytes, max_body);
    let Ok(Some((req, n))) = result else {
        return;
    };
    assert!(
        n <= bytes.len() && req.body.len() <= max_body,
        "{n} {}",
        req.body.len()
    );
    // Self-delimiting: the request alone, and with other bytes after it, parse the same.
    assert_eq!(
        parse_request(&bytes[..n], max_body),
        Ok(Some((req.clone(), n)))
    );
    let mut more = bytes[..n].to_vec();
    more.extend_from_slice(b"GET /x HTTP/1.1\r\n\r\n");
    assert_eq!(parse_request(&more, max_body), Ok(Some((req.clone(), n))));
    // Every prefix is incomplete, never an error or another request. All of them for small
    // requests, a stride plus both ends for large ones, to keep the target fast.
    let step = (n / 512).max(1);
    for cut in (0..n).step_by(step).chain(n.saturating_sub(8)..n) {
        assert_eq!(
            parse_request(&bytes[..cut], max_body),
            Ok(None),
            "prefix of {cut}/{n} bytes"
        );
    }
    let chunked = req.headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        let mut slots = [httparse::EMPTY_HEADER; 128];
        let head = match httparse::Request::new(&mut slots).parse(&bytes[..n]) {
            Ok(httparse::Status::Complete(h)) => h,
            other => panic!("the head parsed before: {other:?}"),
        };
        let body = &bytes[head..n];
        let cut = usize::from(pick).wrapping_mul(131) % (body.len() + 1);
        assert_eq!(
            dechunk_split(body, cut),
            (req.body.clone(), req.trailers.clone()),
            "split at {cut}"
        );
    }
    // Canonical re-encoding parses back to the same request.
    let again = encode(&req);
    let back = match parse_request(&again, usize::MAX) {
        Ok(Some((r, m))) if m == again.len() => r,
        other => panic!("re-encoded request does not parse ({other:?}): {again:?}"),
    };
    assert_eq!((&back.method, &back.path), (&req.method, &req.path));
    assert_eq!(without_framing(&back), without_framing(&req));
    assert_eq!(
        (&back.body, &back.trailers, back.close),
        (&req.body, &req.trailers, req.close)
    );
});
