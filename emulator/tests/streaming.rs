//! Streamed responses through the Runtime API, from a raw-socket Runtime API client written
//! here (every byte on the wire is the test's), to a caller using the public Rust API:
//! chunks forwarded as they arrive (`Pending::next_chunk`) or collected (`Pending::wait`),
//! error trailers, broken framing, response modes, Lambda's pacing and size limit.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use lambkin_emulator::{Config, Emulator, Invocation, MAX_STREAMED, Outcome, Pending};

const WAIT: Duration = Duration::from_secs(30);

/// A Runtime API client over a raw socket.
struct Runtime {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Runtime {
    fn connect(emu: &Emulator) -> Self {
        let stream = TcpStream::connect(emu.address()).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        stream.set_nodelay(true).unwrap();
        Self {
            stream,
            buf: Vec::new(),
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        self.stream.write_all(bytes).unwrap();
    }

    /// One answer (Content-Length framed): status and body; `None` once the server closed.
    fn reply(&mut self) -> Option<(u16, String)> {
        loop {
            if let Some(end) = self.buf.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8(self.buf[..end].to_vec()).unwrap();
                let status = head.split(' ').nth(1).unwrap().parse().unwrap();
                let length: usize = head
                    .lines()
                    .find_map(|l| {
                        let (k, v) = l.split_once(':')?;
                        k.eq_ignore_ascii_case("content-length")
                            .then(|| v.trim().parse().unwrap())
                    })
                    .unwrap_or(0);
                if self.buf.len() >= end + 4 + length {
                    let body = String::from_utf8(self.buf[end + 4..end + 4 + length].to_vec());
                    self.buf.drain(..end + 4 + length);
                    return Some((status, body.unwrap()));
                }
            }
            let mut chunk = [0u8; 4096];
            match self.stream.read(&mut chunk) {
                Ok(0) | Err(_) => return None,
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
            }
        }
    }

    /// `GET /next`: the request id.
    fn next(&mut self) -> String {
        self.send(b"GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n");
        let mut head = String::new();
        // The id is in the head; the reply parser above drops headers, so read it here.
        loop {
            if let Some(end) = self.buf.windows(4).position(|w| w == b"\r\n\r\n") {
                head = String::from_utf8(self.buf[..end].to_vec()).unwrap();
                break;
            }
            let mut chunk = [0u8; 4096];
            let n = self.stream.read(&mut chunk).unwrap();
            assert!(n > 0, "closed: {head}");
            self.buf.extend_from_slice(&chunk[..n]);
        }
        let id = head
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case("lambda-runtime-aws-request-id")
                    .then(|| v.trim().to_owned())
            })
            .unwrap();
        assert_eq!(self.reply().unwrap().0, 200);
        id
    }
}

/// A streamed `/response` head, header names in odd cases (they are case-insensitive).
fn head(id: &str) -> Vec<u8> {
    format!(
        "POST /2018-06-01/runtime/invocation/{id}/response HTTP/1.1\r\nHost: x\r\n\
         lambda-runtime-function-response-mode: streaming\r\nTRANSFER-ENCODING: chunked\r\n\
         Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body\r\n\r\n"
    )
    .into_bytes()
}

fn chunk(data: &[u8]) -> Vec<u8> {
    let mut out = format!("{:x}\r\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\r\n");
    out
}

const END: &[u8] = b"0\r\n\r\n";

/// An emulator, an invocation, and a runtime that has taken it: (emulator, pending, runtime, id).
fn started(config: Config) -> (Emulator, Pending, Runtime, String) {
    let emu = Emulator::start(config).unwrap();
    let pending = emu.invoke(Invocation::new("{}"));
    let mut runtime = Runtime::connect(&emu);
    let id = runtime.next();
    (emu, pending, runtime, id)
}

fn unpaced() -> Config {
    Config {
        timeout: WAIT,
        stream_limit: false,
        ..Config::default()
    }
}

fn error_of(outcome: Outcome) -> (String, String) {
    match outcome {
        Outcome::Error {
            error_type, body, ..
        } => (error_type, String::from_utf8(body).unwrap()),
        other => panic!("not an error: {other:?}"),
    }
}

#[test]
fn one_chunk_is_forwarded_and_the_function_gets_202() {
    let (_emu, pending, mut runtime, id) = started(unpaced());
    runtime.send(&[head(&id), chunk(b"hello"), END.to_vec()].concat());
    let got = pending.next_chunk(WAIT).unwrap().unwrap();
    assert_eq!(got.bytes, b"hello");
    assert_eq!(pending.next_chunk(WAIT), Ok(None));
    assert_eq!(runtime.reply(), Some((202, r#"{"status":"OK"}"#.into())));
    // Forwarded bytes are not kept.
    assert!(matches!(pending.wait(WAIT), Ok(Outcome::Response { body, .. }) if body.is_empty()));
    let streamed = pending.streamed().unwrap();
    assert_eq!((streamed.count, streamed.bytes), (1, 5));
    assert_eq!(streamed.chunks[0].len, 5);
    assert!(streamed.first_byte.is_some() && streamed.body.is_empty());
}

#[test]
fn ten_thousand_small_chunks_arrive_as_ten_thousand() {
    let (_emu, pending, mut runtime, id) = started(unpaced());
    let mut want = Vec::new();
    let mut wire = head(&id);
    for i in 0..10_000 {
        let data = format!("chunk {i}\n");
        want.extend_from_slice(data.as_bytes());
        wire.extend_from_slice(&chunk(data.as_bytes()));
    }
    wire.extend_from_slice(END);
    let writer = thread::spawn(move || {
        runtime.send(&wire);
        runtime.reply()
    });
    let Ok(Outcome::Response { body, .. }) = pending.wait(WAIT) else {
        panic!("no response")
    };
    assert_eq!(body, want);
    assert_eq!(writer.join().unwrap().unwrap().0, 202);
    let streamed = pending.streamed().unwrap();
    assert_eq!(streamed.count, 10_000);
    assert_eq!(streamed.chunks[9_999].len, "chunk 9999\n".len());
    assert_eq!(streamed.body, want);
}

#[test]
fn a_request_dribbled_byte_by_byte_decodes_the_same() {
    let (_emu, pending, mut runtime, id) = started(unpaced());
    // Hex in either case, extensions, trailers: every byte its own write.
    let wire = [
        head(&id),
        b"A;ext=1\r\n0123456789\r\nb ; q=\"x\"\r\nabcdefghijk\r\n0\r\nX-Other: 1\r\n\r\n".to_vec(),
    ]
    .concat();
    let writer = thread::spawn(move || {
        for byte in &wire {
            runtime.send(std::slice::from_ref(byte));
        }
        runtime.reply()
    });
    let mut got = Vec::new();
    while let Some(c) = pending.next_chunk(WAIT).unwrap() {
        got.push(String::from_utf8(c.bytes).unwrap());
    }
    assert_eq!(got, ["0123456789", "abcdefghijk"]);
    assert_eq!(writer.join().unwrap().unwrap().0, 202);
    assert!(matches!(pending.wait(WAIT), Ok(Outcome::Response { .. })));
}

#[test]
fn a_chunk_above_64_kib_reaches_the_caller_in_pieces() {
    let (_emu, pending, mut runtime, id) = started(unpaced());
    let big = vec![b'z'; 200 << 10];
    runtime.send(&[head(&id), chunk(&big), END.to_vec()].concat());
    let mut sizes = Vec::new();
    while let Some(c) = pending.next_chunk(WAIT).unwrap() {
        sizes.push(c.bytes.len());
    }
    assert_eq!(sizes, [64 << 10, 64 << 10, 64 << 10, 8 << 10]);
    assert_eq!(runtime.reply().unwrap().0, 202);
}

#[test]
fn each_chunk_reaches_the_caller_before_the_function_sends_the_next() {
    let (_emu, pending, mut runtime, id) = started(unpaced());
    let (seen, saw) = mpsc::channel::<()>();
    let writer = thread::spawn(move || {
        runtime.send(&[head(&id), chunk(b"first")].concat());
        // An emulator that buffered the stream would never show the caller chunk 1.
        saw.recv_timeout(WAIT)
            .expect("the caller never saw chunk 1 while the function waited");
        runtime.send(&[chunk(b"second"), END.to_vec()].concat());
        runtime.reply()
    });
    assert_eq!(pending.next_chunk(WAIT).unwrap().unwrap().bytes, b"first");
    seen.send(()).unwrap();
    assert_eq!(pending.next_chunk(WAIT).unwrap().unwrap().bytes, b"second");
    assert_eq!(pending.next_chunk(WAIT), Ok(None));
    assert_eq!(writer.join().unwrap().unwrap().0, 202);
}

#[test]
fn error_trailers_after_k_chunks_end_the_invocation_as_that_error() {
    let (emu, pending, mut runtime, id) = started(unpaced());
    let error = r#"{"errorType":"Function.StreamFailed","errorMessage":"failed at 3"}"#;
    let trailers = format!(
        "0\r\nLambda-Runtime-Function-Error-Type: Function.StreamFailed\r\n\
         lambda-runtime-function-error-body: {}\r\n\r\n",
        base64(error.as_bytes())
    );
    let mut wire = head(&id);
    for i in 0..3 {
        wire.extend_from_slice(&chunk(format!("line {i}\n").as_bytes()));
    }
    wire.extend_from_slice(trailers.as_bytes());
    runtime.send(&wire);
    assert_eq!(runtime.reply().unwrap().0, 202);
    let (error_type, body) = error_of(pending.wait(WAIT).unwrap());
    assert_eq!(
        (error_type.as_str(), body.as_str()),
        ("Function.StreamFailed", error)
    );
    let streamed = pending.streamed().unwrap();
    assert_eq!(streamed.count, 3);
    assert_eq!(streamed.body, b"line 0\nline 1\nline 2\n");
    // The record keeps the trailers apart from the body.
    let record = emu.requests().pop().unwrap();
    assert_eq!(record.body, b"line 0\nline 1\nline 2\n");
    assert_eq!(record.trailers.len(), 2);
}

/// Bytes that arrived before the framing broke were forwarded, as Lambda forwards them.
#[test]
fn malformed_framing_is_a_truncated_response() {
    let cases: [(&[u8], &[u8]); 4] = [
        (b"zz\r\n", b"ok"),
        (b"3\r\nabcd\r\n", b"okabc"),
        (b"3;\n", b"ok"),
        (b"0\r\nnot a field\r\n\r\n", b"ok"),
    ];
    for (bad, forwarded) in cases {
        let (_emu, pending, mut runtime, id) = started(unpaced());
        runtime.send(&[head(&id), chunk(b"ok"), bad.to_vec()].concat());
        let (error_type, body) = error_of(pending.wait(WAIT).unwrap());
        assert_eq!(error_type, "Runtime.TruncatedResponse", "{bad:?}");
        assert!(body.contains("malformed chunked encoding"), "{body}");
        assert_eq!(pending.streamed().unwrap().body, forwarded);
        let (status, _) = runtime.reply().unwrap();
        assert_eq!(status, 400);
        assert_eq!(runtime.reply(), None, "the connection closes");
    }
}

#[test]
fn closing_mid_chunk_is_a_truncated_response() {
    let (_emu, pending, mut runtime, id) = started(unpaced());
    runtime.send(&[head(&id), chunk(b"whole"), b"a\r\nhalf".to_vec()].concat());
    runtime.stream.shutdown(Shutdown::Both).unwrap();
    let (error_type, _) = error_of(pending.wait(WAIT).unwrap());
    assert_eq!(error_type, "Runtime.TruncatedResponse");
    assert_eq!(pending.streamed().unwrap().body, b"wholehalf");
}

#[test]
fn response_modes_other_than_streaming_and_buffered_are_refused() {
    let (_emu, pending, mut runtime, id) = started(unpaced());
    let post = |mode: &str, body: &str| {
        format!(
            "POST /2018-06-01/runtime/invocation/{id}/response HTTP/1.1\r\nHost: x\r\n\
             Lambda-Runtime-Function-Response-Mode: {mode}\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
    };
    runtime.send(post("chunky", "{}").as_bytes());
    assert_eq!(
        runtime.reply(),
        Some((
            400,
            r#"{"errorMessage":"Invalid function response mode","errorType":"InvalidFunctionResponseMode"}"#
                .into()
        ))
    );
    // Still running: a buffered answer (LMI's explicit mode) is taken.
    runtime.send(post("BUFFERED", "\"ok\"").as_bytes());
    assert_eq!(runtime.reply().unwrap().0, 202);
    assert!(matches!(pending.wait(WAIT), Ok(Outcome::Response { body, .. }) if body == b"\"ok\""));
    assert_eq!(pending.streamed(), None);
}

#[test]
fn a_stream_for_an_unknown_or_ended_invocation_is_refused_and_the_connection_goes_on() {
    let (emu, pending, mut runtime, id) = started(unpaced());
    runtime.send(&[head("no-such-id"), chunk(b"lost"), END.to_vec()].concat());
    assert_eq!(runtime.reply().unwrap().0, 400);
    runtime.send(&[head(&id), chunk(b"kept"), END.to_vec()].concat());
    assert_eq!(runtime.reply().unwrap().0, 202);
    assert!(matches!(pending.wait(WAIT), Ok(Outcome::Response { body, .. }) if body == b"kept"));
    // A second response for the same invocation: 403, body read and dropped.
    runtime.send(&[head(&id), chunk(b"again"), END.to_vec()].concat());
    assert_eq!(runtime.reply().unwrap().0, 403);
    let next = emu.invoke(Invocation::new("{}"));
    let id = runtime.next();
    assert_eq!(id, next.request_id());
}

/// 8 MiB in 64 KiB chunks, forwarded: (arrival of the first chunk, of the last).
fn eight_mib(config: Config) -> Duration {
    let (_emu, pending, mut runtime, id) = started(config);
    let writer = thread::spawn(move || {
        runtime.send(&head(&id));
        let piece = chunk(&[b'x'; 64 << 10]);
        for _ in 0..128 {
            runtime.send(&piece);
        }
        runtime.send(END);
        runtime.reply()
    });
    let mut times = Vec::new();
    let mut bytes = 0;
    while let Some(c) = pending.next_chunk(WAIT).unwrap() {
        bytes += c.bytes.len();
        times.push(c.at);
    }
    assert_eq!(bytes, 8 << 20);
    assert_eq!(writer.join().unwrap().unwrap().0, 202);
    times[times.len() - 1].duration_since(times[0])
}

#[test]
fn lambda_paces_streams_after_six_mib_unless_told_not_to() {
    // 2 MiB above the 6 MiB burst at 2 MiB/s: at least a second from first to last chunk (a
    // lower bound the bucket guarantees, however loaded the machine).
    let paced = eight_mib(Config {
        timeout: WAIT,
        ..Config::default()
    });
    assert!(paced >= Duration::from_millis(950), "{paced:?}");
    // Unpaced it only has to arrive whole.
    eight_mib(unpaced());
}

#[test]
fn a_stream_above_200_mib_is_function_response_size_too_large() {
    let (_emu, pending, mut runtime, id) = started(Config {
        timeout: Duration::from_secs(120),
        ..unpaced()
    });
    let writer = thread::spawn(move || {
        runtime.send(&head(&id));
        let piece = chunk(&vec![b'y'; 1 << 20]);
        // The emulator stops reading past the limit: writing fails then.
        for _ in 0..=(MAX_STREAMED >> 20) {
            if runtime.stream.write_all(&piece).is_err() {
                return;
            }
        }
    });
    let mut forwarded = 0u64;
    while let Some(c) = pending.next_chunk(Duration::from_secs(120)).unwrap() {
        forwarded += c.bytes.len() as u64;
    }
    let (error_type, body) = error_of(pending.wait(WAIT).unwrap());
    assert_eq!(error_type, "Function.ResponseSizeTooLarge");
    assert!(body.contains("209715200 bytes"), "{body}");
    assert_eq!(forwarded, MAX_STREAMED);
    writer.join().unwrap();
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
