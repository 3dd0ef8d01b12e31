#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_alloc
)]

use super::head::{Framing, HeadScan, parse_head, parse_head_by_line};
use super::*;
extern crate std;
use std::vec::Vec;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Expect {
    /// status, body, close, overflow
    Ok(u16, &'static [u8], bool, bool),
    Err(HttpError),
    /// Complete only at EOF, with `truncated` set.
    Truncated(u16, &'static [u8]),
}

const CASES: &[(&[u8], Expect)] = &[
    (
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
        Expect::Ok(200, b"hello", false, false),
    ),
    (
        b"HTTP/1.1 202 Accepted\r\ncontent-length: 16\r\n\r\n{\"status\":\"OK\"}\n",
        Expect::Ok(202, b"{\"status\":\"OK\"}\n", false, false),
    ),
    (
        b"HTTP/1.1 200 OK\r\nCONTENT-LENGTH: 2\r\nCONNECTION: Close\r\n\r\nhi",
        Expect::Ok(200, b"hi", true, false),
    ),
    (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n1\r\n!\r\n0\r\nX-Trailer: t\r\n\r\n",
        Expect::Ok(200, b"hello!", false, false),
    ),
    (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 99\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
        Expect::Ok(200, b"abc", false, false),
    ),
    (
        b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n",
        Expect::Ok(204, b"", false, false),
    ),
    (
        b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\n\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi",
        Expect::Ok(200, b"hi", false, false),
    ),
    // httparse skips empty lines before the status line and takes bare LF line ends.
    (
        b"\r\n\nHTTP/1.1 204 No Content\n\n",
        Expect::Ok(204, b"", false, false),
    ),
    (
        b"HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx",
        Expect::Ok(200, b"x", true, false),
    ),
    // Larger than the 128-byte test buffer: read through, discarded, head kept.
    (
        b"HTTP/1.1 200 OK\r\nContent-Length: 200\r\n\r\n01234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789",
        Expect::Ok(200, b"", false, true),
    ),
    (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n64\r\n0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789\r\n64\r\n0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789\r\n0\r\n\r\n",
        Expect::Ok(200, b"", false, true),
    ),
    (
        b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
        Expect::Truncated(200, b"short"),
    ),
    (b"HTTP/1.1 200 OK\r\n\r\nuntil close", Expect::Truncated(200, b"until close")),
    (b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n", Expect::Err(HttpError::BadContentLength)),
    (
        b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        Expect::Err(HttpError::BadContentLength),
    ),
    (
        b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        Expect::Err(HttpError::BadContentLength),
    ),
    (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
        Expect::Err(HttpError::UnsupportedTransferEncoding),
    ),
    (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        Expect::Err(HttpError::BadChunk),
    ),
    (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n",
        Expect::Err(HttpError::BadChunk),
    ),
    (b"HTTP/1.1 2x0 OK\r\n\r\n", Expect::Err(HttpError::MalformedHead)),
    (b"SSH-2.0-OpenSSH\r\n\r\n", Expect::Err(HttpError::MalformedHead)),
    (b"HTTP/1.1 200 OK\r\nBad Header\r\n\r\n", Expect::Err(HttpError::MalformedHead)),
];

const CAP: usize = 128;

/// Feeds `input` in the given pieces, then EOF; returns the outcome.
fn feed(input: &[u8], cuts: &[usize]) -> Result<(Message, Vec<u8>), HttpError> {
    feed_cap(CAP, input, cuts)
}

/// [`feed`] into a buffer of `cap` bytes.
fn feed_cap(cap: usize, input: &[u8], cuts: &[usize]) -> Result<(Message, Vec<u8>), HttpError> {
    let mut rx = std::vec![0u8; cap];
    let mut inc = Incoming::new();
    let mut pos = 0;
    let mut bounds: Vec<usize> = cuts.to_vec();
    bounds.push(input.len());
    for end in bounds {
        while pos < end {
            let range = inc.recv_range(rx.len());
            assert!(!range.is_empty(), "no room to receive");
            let n = (end - pos).min(range.len());
            rx[range.start..range.start + n].copy_from_slice(&input[pos..pos + n]);
            pos += n;
            if let Progress::Complete(m) = inc.handle_recv(&mut rx, n)? {
                let body = rx[m.body.clone()].to_vec();
                return Ok((m, body));
            }
        }
    }
    match inc.handle_eof(&mut rx)? {
        Progress::Complete(m) => {
            let body = rx[m.body.clone()].to_vec();
            Ok((m, body))
        }
        Progress::Partial => unreachable!("eof always completes or fails"),
    }
}

fn check(input: &[u8], expect: &Expect, got: Result<(Message, Vec<u8>), HttpError>, how: &str) {
    match (expect, got) {
        (Expect::Ok(status, body, close, overflow), Ok((m, b))) => {
            assert_eq!(m.head.status, *status, "{how}");
            assert_eq!(&b[..], *body, "{how} {:?}", core::str::from_utf8(input));
            assert_eq!(m.head.close, *close, "{how}");
            assert_eq!(m.overflow, *overflow, "{how}");
            assert!(!m.truncated, "{how}");
        }
        (Expect::Truncated(status, body), Ok((m, b))) => {
            assert_eq!(m.head.status, *status, "{how}");
            assert_eq!(&b[..], *body, "{how} {:?}", core::str::from_utf8(input));
            let until_close = m.head.framing == Framing::UntilClose;
            assert!(m.truncated || until_close, "{how}");
        }
        (Expect::Err(e), Err(g)) => assert_eq!(*e, g, "{how}"),
        (e, g) => panic!(
            "{how}: {:?}\nexpected {e:?}\ngot {g:?}",
            core::str::from_utf8(input)
        ),
    }
}

#[test]
fn every_case_whole_split_and_dribbled() {
    for (input, expect) in CASES {
        check(input, expect, feed(input, &[]), "whole");
        for cut in 1..input.len() {
            check(input, expect, feed(input, &[cut]), "split");
        }
        let every: Vec<usize> = (1..input.len()).collect();
        check(input, expect, feed(input, &every), "dribbled");
    }
}

/// Heads with more headers than the fast path, at every split, read as they do in one piece.
#[test]
fn slow_path_heads_in_every_split() {
    let many: std::string::String = (0..FAST_PATH_HEADERS + 2)
        .map(|i| std::format!("X-{i}: v\r\n"))
        .collect();
    let cases = [
        (
            std::format!("HTTP/1.1 200 OK\r\n{many}Content-Length: 2\r\n\r\nhi"),
            Expect::Ok(200, b"hi", false, false),
        ),
        // The slow path ends a head at the first CRLF CRLF only: past a bare-LF empty line the
        // head is read on to it, and its bare-LF lines are malformed.
        (
            std::format!("HTTP/1.1 200 OK\r\n{many}Content-Length: 2\n\nhi\r\n\r\n"),
            Expect::Err(HttpError::MalformedHead),
        ),
        (
            std::format!("HTTP/1.1 200 OK\r\n{many}Content-Length: 2\n\nhi"),
            Expect::Err(HttpError::Truncated),
        ),
        // Nor does it skip empty lines before the status line, as httparse does.
        (
            std::format!("\r\n\r\nHTTP/1.1 200 OK\r\n{many}\r\n"),
            Expect::Err(HttpError::MalformedHead),
        ),
    ];
    for (input, expect) in &cases {
        let input = input.as_bytes();
        let cap = 1024;
        check(input, expect, feed_cap(cap, input, &[]), "whole");
        for cut in 1..input.len() {
            check(input, expect, feed_cap(cap, input, &[cut]), "split");
        }
        let every: Vec<usize> = (1..input.len()).collect();
        check(input, expect, feed_cap(cap, input, &every), "dribbled");
    }
}

/// Garbage is refused while it arrives, not only once the buffer is full or the peer closes:
/// a dribbled head is parsed at its first byte and whenever its size doubles.
#[test]
fn dribbled_garbage_is_refused_early() {
    for (input, bad_at) in [
        (&b"SSH-2.0-OpenSSH_9.6\r\n"[..], 0),
        (
            b"HTTP/1.1 200 OK\r\nBad Header: x\r\nX: y\r\nX: y\r\nX: y\r\nX: y\r\n",
            20,
        ),
    ] {
        let mut rx = [0u8; CAP];
        let mut inc = Incoming::new();
        let refused_after = (1..=input.len()).find(|&len| {
            rx[len - 1] = input[len - 1];
            inc.handle_recv(&mut rx, 1) == Err(HttpError::MalformedHead)
        });
        let limit = 2 * (bad_at + 1);
        assert!(
            refused_after.is_some_and(|n| n <= limit),
            "{:?}: refused after {refused_after:?} bytes, want at most {limit}",
            core::str::from_utf8(input)
        );
    }
}

/// A head dribbled one byte at a time is parsed where it ends, never after, and otherwise only
/// as its size doubles: O(log n) parses of at most n bytes, not one per line.
#[test]
fn dribbled_heads_are_parsed_where_they_end_and_rarely_otherwise() {
    let lines = |n: usize, end: &str| -> std::string::String {
        (0..n)
            .map(|i| std::format!("X-Filler-{i:03}: v{end}"))
            .collect()
    };
    let fast = std::format!("HTTP/1.1 200 OK\r\n{}\r\n", lines(40, "\r\n"));
    let bare_lf = std::format!("\n\r\nHTTP/1.1 200 OK\n{}\n", lines(40, "\n"));
    let slow = std::format!("HTTP/1.1 200 OK\r\n{}\r\n", lines(900, "\r\n"));
    // Past the fast path a bare-LF empty line ends nothing: the slow path reads on to CRLF CRLF.
    let slow_lf = std::format!(
        "HTTP/1.1 200 OK\r\n{}\n\nX\n\n\n\r\n\r\n",
        lines(900, "\r\n")
    );
    for (input, want) in [
        (&fast, Ok(fast.len())),
        (&bare_lf, Ok(bare_lf.len())),
        (&slow, Ok(slow.len())),
        (&slow_lf, Err(HttpError::MalformedHead)),
    ] {
        let input = input.as_bytes();
        let mut scan = HeadScan::new();
        let mut parses = 0;
        let mut got = None;
        for len in 1..=input.len() {
            let head = &input[..len];
            if !scan.due(head) {
                continue;
            }
            parses += 1;
            match parse_head(head) {
                Ok(None) => scan.incomplete(head),
                Ok(Some(h)) => {
                    assert_eq!(h.len, len, "parsed late");
                    got = Some(Ok(len));
                    break;
                }
                Err(e) => {
                    got = Some(Err(e));
                    break;
                }
            }
        }
        assert_eq!(got, Some(want), "{:?}", core::str::from_utf8(&input[..20]));
        // A parse for the first byte and each doubling, one at the end, one more on the slow path.
        let most = input.len().ilog2() + 4;
        assert!(parses <= most, "{parses} parses of {} bytes", input.len());
    }
}

#[test]
fn lambda_headers_any_case_first_wins() {
    let input = b"HTTP/1.1 200 OK\r\nlambda-runtime-aws-request-id: abc\r\nLAMBDA-RUNTIME-AWS-REQUEST-ID: other\r\nLambda-Runtime-Deadline-Ms:  42 \r\nContent-Length: 0\r\n\r\n";
    let head = parse_head(input).unwrap().unwrap();
    assert_eq!(&input[head.lambda.request_id.unwrap()], b"abc");
    assert_eq!(&input[head.lambda.deadline_ms.unwrap()], b"42");
    assert_eq!(head.lambda.trace_id, None);
}

#[test]
fn any_number_of_headers_parse_the_same_on_both_paths() {
    for extra in [0, FAST_PATH_HEADERS - 3, FAST_PATH_HEADERS, 200, 2000] {
        let mut input = Vec::from(&b"HTTP/1.1 200 OK\r\n"[..]);
        for i in 0..extra {
            input.extend_from_slice(std::format!("X-Extra-{i}: v\r\n").as_bytes());
        }
        input.extend_from_slice(b"Lambda-Runtime-Aws-Request-Id:  id \r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}");
        let head = parse_head(&input).unwrap().unwrap();
        assert_eq!(
            &input[head.lambda.request_id.clone().unwrap()],
            b"id",
            "{extra}"
        );
        assert_eq!(
            (head.len, head.close, head.framing),
            (input.len() - 2, true, Framing::Length(2))
        );
        assert_eq!(
            parse_head(&input[..input.len() - 3]),
            Ok(None),
            "{extra}: incomplete"
        );
        // The line-by-line path agrees with httparse wherever httparse can parse at all.
        if extra < FAST_PATH_HEADERS - 3 {
            assert_eq!(parse_head_by_line(&input), Ok(Some(head)));
        }
    }
}

#[test]
fn line_by_line_path_refuses_what_httparse_refuses() {
    let many: std::string::String = (0..FAST_PATH_HEADERS)
        .map(|i| std::format!("X-{i}: v\r\n"))
        .collect();
    for bad in [
        "HTTP/2.0 200 OK\r\n",
        "HTTP/1.1 20 OK\r\n",
        "HTTP/1.1 2000 OK\r\n",
        "HTTP/1.1 200 OK\r\nBad Name: v\r\n",
        "HTTP/1.1 200 OK\r\nNoColon\r\n",
        "HTTP/1.1 200 OK\r\n: empty\r\n",
        "HTTP/1.1 200 OK\r\nX: bare\rcr\r\n",
        "HTTP/1.1 200 OK\r\nX: lf\nonly\r\n",
    ] {
        let input = std::format!("{bad}{many}\r\n");
        assert_eq!(
            parse_head(input.as_bytes()),
            Err(HttpError::MalformedHead),
            "{bad:?}"
        );
    }
}

#[test]
fn head_larger_than_buffer_is_an_error_not_a_stall() {
    let input = [b"HTTP/1.1 200 OK\r\nX: ".as_slice(), &[b'a'; 200]].concat();
    assert_eq!(feed(&input, &[]).unwrap_err(), HttpError::HeadTooLarge);
}

#[test]
fn head_filling_the_buffer_before_a_body_is_an_error_not_a_stall() {
    // Found by fuzz/http_response: the overflow path kept the head and had no room left.
    for framing in ["Content-Length: 5\r\n", ""] {
        let head = std::format!("HTTP/1.1 200 OK\r\n{framing}X: ");
        let pad = CAP - head.len() - 4;
        let input = [head.as_bytes(), &[b'a'; CAP][..pad], b"\r\n\r\nhello"].concat();
        assert_eq!(parse_head(&input).unwrap().unwrap().len, CAP);
        for cuts in [&[][..], &[CAP - 1], &[CAP]] {
            let got = feed(&input, cuts).map(|(m, _)| m);
            assert_eq!(got, Err(HttpError::HeadTooLarge), "{framing:?} {cuts:?}");
        }
    }
}

#[test]
fn leftover_bytes_are_detected() {
    let two = b"HTTP/1.1 202 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n";
    let mut rx = [0u8; CAP];
    let mut inc = Incoming::new();
    rx[..two.len()].copy_from_slice(two);
    let Progress::Complete(first) = inc.handle_recv(&mut rx, two.len()).unwrap() else {
        panic!()
    };
    assert_eq!(&rx[first.body], b"ok");
    assert!(inc.has_leftover());
    inc.reset();
    assert!(!inc.has_leftover() && !inc.has_buffered());
}

#[test]
fn decimal() {
    const D: &[(&[u8], Option<usize>)] = &[
        (b"0", Some(0)),
        (b"6291556", Some(6_291_556)),
        (b"", None),
        (b"+1", None),
        (b"1 2", None),
        (b"99999999999999999999", None),
        (b"18446744073709551616", None),
    ];
    for (input, want) in D {
        assert_eq!(parse_decimal(input), *want, "{input:?}");
    }
}
