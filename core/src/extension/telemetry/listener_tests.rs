//! The listener's request reader and the TCP line splitter, in every split, and over a real
//! socket.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

extern crate std;

use std::string::String;
use std::vec::Vec;
use std::{format, vec};

use super::*;

const BATCH: &str = r#"[{"time":"t","type":"function","record":"hello\n"}]"#;

fn post(body: &str) -> String {
    format!(
        "POST / HTTP/1.1\r\nHost: sandbox.localdomain:8080\r\nUser-Agent: Go-http-client/1.1\r\nContent-Length: {}\r\nContent-Type: application/json\r\nAccept-Encoding: gzip\r\n\r\n{body}",
        body.len()
    )
}

fn chunked(body: &str) -> String {
    let (a, b) = body.split_at(body.len() / 2);
    format!(
        "POST /t HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n{:x};ext=1\r\n{a}\r\n{:x}\r\n{b}\r\n0\r\nX-Trailer: y\r\n\r\n",
        a.len(),
        b.len()
    )
}

/// What one connection carrying `stream` gives: each request's (method, path, body, close)
/// then how it ended, with the first read `first` bytes long and later ones `step`.
fn run(stream: &[u8], cap: usize, first: usize, step: usize) -> Vec<String> {
    let mut buf = vec![0u8; cap];
    let mut l = Listener::new(&mut buf);
    let mut out = Vec::new();
    let mut rest = stream;
    let mut want = first;
    loop {
        let dst = l.recv_buf();
        let n = want.min(rest.len()).min(dst.len());
        dst[..n].copy_from_slice(&rest[..n]);
        rest = &rest[n..];
        want = step;
        let mut progress = l.handle_recv(n);
        while let Ok(Progress::Complete) = progress {
            let r = l.request().unwrap();
            out.push(format!(
                "{} {} {} {}",
                r.method,
                r.path,
                String::from_utf8_lossy(r.body),
                r.close
            ));
            let kinds: Vec<String> = records(l.body_mut())
                .map(|r| format!("{:?}", r.map(|r| r.body)))
                .collect();
            out.push(kinds.join(";"));
            progress = l.next_request();
        }
        match progress {
            Ok(Progress::Partial) => {}
            Ok(Progress::Closed) => {
                out.push("closed".into());
                return out;
            }
            Ok(Progress::Complete) => unreachable!(),
            Err(e) => {
                out.push(format!("error {e:?}"));
                return out;
            }
        }
    }
}

#[test]
fn requests_read_the_same_in_every_split_and_back_to_back() {
    let one = post(BATCH);
    let stream = format!("{one}{}{}", chunked(BATCH), post(""));
    let want = run(stream.as_bytes(), 512, stream.len(), usize::MAX);
    let text = r#"Function(Text("hello\n"))"#;
    assert_eq!(
        want,
        [
            format!("POST / {BATCH} false"),
            format!("Ok({text})"),
            format!("POST /t {BATCH} false"),
            format!("Ok({text})"),
            "POST /  false".into(),
            "Err(Syntax)".into(),
            "closed".into(),
        ]
    );
    for first in 1..=stream.len() {
        assert_eq!(
            run(stream.as_bytes(), 512, first, usize::MAX),
            want,
            "first {first}"
        );
    }
    for step in [1, 2, 3, 7, 64] {
        assert_eq!(run(stream.as_bytes(), 512, step, step), want, "step {step}");
    }
    // A buffer just big enough for one request at a time still reads them all.
    let tight = one.len().max(chunked(BATCH).len());
    assert_eq!(run(stream.as_bytes(), tight, 1, 5), want);
}

#[test]
fn bad_and_oversized_requests_are_clear_errors() {
    let cases: Vec<(String, usize, ListenerError)> = vec![
        ("GARBAGE\r\n\r\n".into(), 256, ListenerError::MalformedHead),
        (post(&"x".repeat(300)), 256, ListenerError::BodyTooLarge),
        (
            format!("POST / HTTP/1.1\r\nX: {}\r\n\r\n", "h".repeat(300)),
            256,
            ListenerError::HeadTooLarge,
        ),
        (
            "POST / HTTP/1.1\r\nContent-Length: 2x\r\n\r\n".into(),
            256,
            ListenerError::BadContentLength,
        ),
        (
            "POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n".into(),
            256,
            ListenerError::BadContentLength,
        ),
        (
            "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n".into(),
            256,
            ListenerError::BadContentLength,
        ),
        (
            "POST / HTTP/1.1\r\nContent-Length: 9999999999999999999\r\n\r\n".into(),
            256,
            ListenerError::BodyTooLarge,
        ),
        (
            "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n".into(),
            256,
            ListenerError::UnsupportedTransferEncoding,
        ),
        (
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".into(),
            256,
            ListenerError::BadChunk,
        ),
        (
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX".into(),
            256,
            ListenerError::BadChunk,
        ),
        (
            format!(
                "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n200\r\n{}",
                "c".repeat(300)
            ),
            256,
            ListenerError::BodyTooLarge,
        ),
        (
            "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc".into(),
            256,
            ListenerError::Truncated,
        ),
        ("POST / HTT".into(), 256, ListenerError::Truncated),
    ];
    for (stream, cap, want) in cases {
        for step in [1, 4, usize::MAX] {
            let got = run(stream.as_bytes(), cap, step, step);
            assert_eq!(
                got.last().unwrap(),
                &format!("error {want:?}"),
                "{stream:.50} step {step}"
            );
        }
        let answer = String::from_utf8(want.response().to_vec()).unwrap();
        assert!(answer.starts_with("HTTP/1.1 4") || answer.starts_with("HTTP/1.1 5"));
        assert!(answer.ends_with("Connection: close\r\n\r\n"), "{answer}");
    }
    // After an error the listener stays failed and takes no more bytes.
    let mut buf = [0u8; 64];
    let mut l = Listener::new(&mut buf);
    l.recv_buf()[..4].copy_from_slice(b"X\r\n\r");
    assert_eq!(l.handle_recv(4), Ok(Progress::Partial));
    l.recv_buf()[..1].copy_from_slice(b"\n");
    assert_eq!(l.handle_recv(1), Err(ListenerError::MalformedHead));
    assert!(l.recv_buf().is_empty());
    assert_eq!(l.handle_recv(0), Err(ListenerError::MalformedHead));
    assert_eq!(l.request(), None);
    assert!(l.body_mut().is_empty());
}

#[test]
fn connection_close_is_reported() {
    let stream = "POST / HTTP/1.1\r\nConnection: keep-alive, close\r\nContent-Length: 2\r\n\r\n[]";
    assert_eq!(run(stream.as_bytes(), 256, 3, 3)[0], "POST / [] true");
    let stream = "POST / HTTP/1.0\r\nContent-Length: 2\r\n\r\n[]";
    assert_eq!(run(stream.as_bytes(), 256, 3, 3)[0], "POST / [] true");
}

/// Every line `stream` gives with reads of `step` bytes, then the end.
fn lines(stream: &[u8], cap: usize, step: usize) -> Vec<String> {
    let mut buf = vec![0u8; cap];
    let mut l = Lines::new(&mut buf);
    let mut out = Vec::new();
    let mut rest = stream;
    while !l.is_finished() {
        let dst = l.recv_buf();
        let n = step.min(rest.len()).min(dst.len());
        dst[..n].copy_from_slice(&rest[..n]);
        rest = &rest[n..];
        l.handle_recv(n);
        while let Some(line) = l.next_line() {
            out.push(match line {
                Ok(line) => {
                    let kinds: Vec<&str> = records(line)
                        .filter_map(Result::ok)
                        .map(|r| r.kind)
                        .collect();
                    kinds.join(",")
                }
                Err(e) => format!("{e:?}"),
            });
        }
    }
    out
}

#[test]
fn tcp_lines_split_the_same_in_every_split() {
    let rec = |kind: &str| format!(r#"{{"time":"t","type":"{kind}","record":"a\nb"}}"#);
    let stream = format!(
        "{}\n{}\r\n\n  \n{}\n{}",
        rec("function"),
        rec("extension"),
        rec("platform.fault"),
        rec("function")
    );
    let want = ["function", "extension", "platform.fault", "function"];
    for step in 1..=stream.len() {
        assert_eq!(lines(stream.as_bytes(), 128, step), want, "step {step}");
    }
    // A line longer than the buffer is dropped, once, and the next ones still come.
    let long = format!("{}\n{}\n", rec(&"x".repeat(200)), rec("function"));
    for step in [1, 3, 64, 1000] {
        assert_eq!(
            lines(long.as_bytes(), 96, step),
            ["TooLong", "function"],
            "step {step}"
        );
    }
    // The end of the stream in the middle of a dropped line drops it; nothing is left.
    let cut = rec(&"y".repeat(200));
    assert_eq!(lines(cut.as_bytes(), 96, 7), ["TooLong"]);
}

#[test]
fn a_real_socket_carries_batches_on_one_kept_alive_connection() {
    use std::io::{Read, Write};
    use std::net::{TcpListener, TcpStream};

    let server = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = server.local_addr().unwrap();
    let client = std::thread::spawn(move || {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_nodelay(true).unwrap();
        let mut answers = Vec::new();
        for request in [post(BATCH), chunked(BATCH)] {
            // Dribbled, so the reader sees many partial reads.
            for piece in request.as_bytes().chunks(5) {
                s.write_all(piece).unwrap();
                s.flush().unwrap();
            }
            let mut answer = vec![0u8; Listener::OK.len()];
            s.read_exact(&mut answer).unwrap();
            answers.push(answer);
        }
        answers
    });
    let (mut conn, _) = server.accept().unwrap();
    let mut buf = [0u8; 1024];
    let mut l = Listener::new(&mut buf);
    let mut seen = Vec::new();
    loop {
        let n = conn.read(l.recv_buf()).unwrap();
        let mut progress = l.handle_recv(n).unwrap();
        while progress == Progress::Complete {
            for r in records(l.body_mut()) {
                seen.push(format!("{:?}", r.unwrap().body));
            }
            conn.write_all(Listener::OK).unwrap();
            progress = l.next_request().unwrap();
        }
        if progress == Progress::Closed {
            break;
        }
    }
    let answers = client.join().unwrap();
    assert_eq!(answers, [Listener::OK, Listener::OK]);
    assert_eq!(seen, [r#"Function(Text("hello\n"))"#; 2]);
}
