//! A long-serving emulator holds state only for invocations in flight (or whose `Pending` is
//! still held), from a raw Runtime API client over a real socket.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use lambkin_emulator::{Config, Emulator, Invocation, Outcome};

const WAIT: Duration = Duration::from_secs(10);

/// A keep-alive Runtime API client: `(status, request id, body)` of each answer.
struct Runtime(BufReader<TcpStream>);

impl Runtime {
    fn new(emu: &Emulator) -> Self {
        let stream = TcpStream::connect(emu.address()).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        Self(BufReader::new(stream))
    }

    fn send(&mut self, method: &str, path: &str, body: &[u8]) -> (u16, String, Vec<u8>) {
        let mut request = format!(
            "{method} /2018-06-01/runtime/{path} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        // One write: a second small one would wait on the delayed ACK.
        request.extend_from_slice(body);
        self.0.get_mut().write_all(&request).unwrap();
        let (mut status, mut id, mut length) = (0, String::new(), 0);
        loop {
            let mut line = String::new();
            assert!(self.0.read_line(&mut line).unwrap() > 0, "closed");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if status == 0 {
                status = line.split(' ').nth(1).unwrap().parse().unwrap();
            } else if let Some((k, v)) = line.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    length = v.trim().parse().unwrap();
                } else if k.eq_ignore_ascii_case("lambda-runtime-aws-request-id") {
                    v.trim().clone_into(&mut id);
                }
            }
        }
        let mut body = vec![0; length];
        self.0.read_exact(&mut body).unwrap();
        (status, id, body)
    }

    /// Takes the next event and answers it with its own bytes.
    fn echo_one(&mut self) -> String {
        let (status, id, event) = self.send("GET", "invocation/next", b"");
        assert_eq!(status, 200);
        let (status, _, _) = self.send("POST", &format!("invocation/{id}/response"), &event);
        assert_eq!(status, 202);
        id
    }
}

#[test]
fn state_is_held_only_while_an_invocation_is_in_flight() {
    let emu = Emulator::start(Config {
        record_requests: false,
        ..Config::default()
    })
    .unwrap();
    let mut runtime = Runtime::new(&emu);
    for i in 0..2_000 {
        let event = format!("{{\"i\":{i}}}");
        let pending = emu.invoke(Invocation::new(event.clone()));
        assert_eq!(emu.tracked(), 1);
        runtime.echo_one();
        let Ok(Outcome::Response { body, .. }) = pending.wait(WAIT) else {
            panic!("invocation {i}")
        };
        assert_eq!(body, event.as_bytes());
        // Timing stays readable while the caller holds its Pending.
        assert!(pending.timing().is_some());
    }
    assert_eq!(emu.tracked(), 0, "2,000 invocations ran; none is in flight");

    // Nobody waits for this one (an asynchronous invoke): it is still delivered and answered,
    // and its state goes once it ends.
    drop(emu.invoke(Invocation::new("{\"async\":true}")));
    assert_eq!(emu.tracked(), 1);
    runtime.echo_one();
    assert_eq!(emu.tracked(), 0);
}

#[test]
fn a_late_answer_is_told_410_after_its_caller_has_gone() {
    let emu = Emulator::start(Config {
        timeout: Duration::from_millis(200),
        ..Config::default()
    })
    .unwrap();
    let mut runtime = Runtime::new(&emu);
    let pending = emu.invoke(Invocation::new("{}"));
    let (_, id, _) = runtime.send("GET", "invocation/next", b"");
    assert_eq!(pending.wait(WAIT), Ok(Outcome::TimedOut));
    drop(pending);
    assert_eq!(emu.tracked(), 0);
    let late = runtime.send("POST", &format!("invocation/{id}/response"), b"{}");
    assert_eq!(late.0, 410, "{}", String::from_utf8_lossy(&late.2));
    let unknown = runtime.send("POST", "invocation/never-was/response", b"{}");
    assert_eq!(unknown.0, 400);
}
