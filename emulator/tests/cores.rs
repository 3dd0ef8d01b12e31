//! `AWS_LAMBDA_MAX_CONCURRENCY` uses every core where the transport promises it: real function
//! processes (`examples/cores`, `examples/tokio_main`) served by `lambkin-emulator serve`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod invoke_api;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

/// `lambkin-emulator serve` of an example; killed when dropped.
struct Served {
    child: Child,
    addr: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Builds and serves `example` with `features`, two workers and a timeout above the overlap
/// check's 10 s spin; returns once the Invoke API listens (its address is the line after
/// cargo's build output).
fn serve(example: &str, features: &str, env: &[String]) -> Served {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lambkin-emulator"));
    cmd.current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .args([
            "serve",
            "--port",
            "0",
            "--concurrency",
            "2",
            "--timeout",
            "30",
        ])
        .args(["--example", example, "--features", features]);
    for e in env {
        cmd.args(["--env", e]);
    }
    let mut child = cmd.stderr(Stdio::piped()).spawn().unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let addr = loop {
        let mut line = String::new();
        assert!(stderr.read_line(&mut line).unwrap() > 0, "emulator ended");
        if let Some(rest) = line.split("invoke with POST http://").nth(1) {
            break rest.split('/').next().unwrap().to_owned();
        }
    };
    // Keep draining the log so the child never blocks on a full pipe.
    std::thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
    Served { child, addr }
}

/// One Invoke API call over a fresh connection: the response body as JSON.
fn post(addr: &str, body: &str) -> Value {
    let (head, body) = invoke_api::invoke(addr, body);
    assert!(head.starts_with("HTTP/1.1 200 "), "{head}\n\n{body}");
    assert!(!head.contains("X-Amz-Function-Error"), "{head}\n\n{body}");
    serde_json::from_str(&body).unwrap()
}

/// `body` posted twice at once; the answers, sorted.
fn two_at_once(addr: &str, body: &'static str) -> Vec<String> {
    let calls: Vec<_> = (0..2)
        .map(|_| {
            let addr = addr.to_owned();
            std::thread::spawn(move || post(&addr, body))
        })
        .collect();
    let mut answers: Vec<String> = calls
        .into_iter()
        .map(|c| c.join().unwrap().to_string())
        .collect();
    answers.sort_unstable();
    answers
}

#[test]
fn two_cpu_bound_invocations_run_at_the_same_time_on_std_and_tokio() {
    // Each invocation spins, never yielding, until it sees the other (or 10 s pass). Only
    // invocations on different threads can both see each other.
    for transport in ["std", "tokio"] {
        let served = serve("cores", transport, &[]);
        let answers = two_at_once(&served.addr, r#"{"overlap":true}"#);
        assert_eq!(answers, [r#""overlapped""#; 2], "{transport}");
    }
    // smol keeps its workers on one thread, as documented: the first spins alone. This is what
    // the check above would see if a transport ran workers on one thread.
    let served = serve("cores", "smol", &[]);
    let answers = two_at_once(&served.addr, r#"{"overlap":true}"#);
    assert_eq!(answers, [r#""alone""#, r#""overlapped""#], "smol");
}

/// A keep-alive HTTP service answering `GET /greeting/NAME` with `Hello, NAME!`.
fn greeting_service() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut stream = stream;
                let mut line = String::new();
                while reader.read_line(&mut line).unwrap_or(0) > 0 {
                    let path = line.split(' ').nth(1).unwrap_or("").to_owned();
                    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {}
                    let body = format!("Hello, {}!", path.strip_prefix("/greeting/").unwrap());
                    let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", body.len());
                    if stream.write_all((head + &body).as_bytes()).is_err() {
                        return;
                    }
                    line.clear();
                }
            });
        }
    });
    url
}

#[test]
fn serve_inside_tokio_main_shares_main_s_client_across_worker_threads() {
    let url = greeting_service();
    let served = serve("tokio_main", "tokio", &[format!("GREETING_URL={url}")]);
    let answers = two_at_once(&served.addr, r#"{"firstName":"Ada"}"#);
    for a in answers {
        let a: Value = serde_json::from_str(&a).unwrap();
        assert_eq!(a["message"], json!("Hello, Ada!"), "{a}");
        // Run by lambkin's worker threads, not main's runtime threads.
        let thread = a["thread"].as_str().unwrap();
        assert!(thread.starts_with("lambkin-worker-"), "{a}");
    }
    // And again, one at a time, over the same client.
    let a = post(&served.addr, r#"{"firstName":"Grace"}"#);
    assert_eq!(a["message"], json!("Hello, Grace!"), "{a}");
}
