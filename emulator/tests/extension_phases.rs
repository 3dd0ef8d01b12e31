//! When Lambda's phases begin and end with external extensions: the caller has its response
//! as soon as the runtime gives it, while END and REPORT wait for the extensions to finish
//! their post-response work; an extension working past the timeout times the invocation out.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

const FUNCTION: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/misbehave.py");
const EXTENSION: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/extension.py");
/// Far longer than anything here should take, short enough to fail rather than hang.
const PATIENCE: Duration = Duration::from_secs(30);

/// A fresh directory with the extension fixture under each of `names`, and the path of the
/// file that releases a `hold` extension.
fn extensions(test: &str, names: &[&str]) -> (PathBuf, PathBuf) {
    let root = std::env::temp_dir().join(format!("lambkin-phase-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let dir = root.join("extensions");
    std::fs::create_dir_all(&dir).unwrap();
    for name in names {
        std::os::unix::fs::symlink(EXTENSION, dir.join(name)).unwrap();
    }
    (dir, root.join("release"))
}

/// `serve --port 0` with the extensions: the child, its address, and its log lines.
struct Served {
    child: Child,
    addr: String,
    log: Receiver<String>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(dir: &Path, release: &Path, extra: &[&str]) -> Served {
    serve_command(dir, release, extra, &["python3", FUNCTION])
}

fn serve_command(dir: &Path, release: &Path, extra: &[&str], command: &[&str]) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lambkin-emulator"))
        .args([
            "serve",
            "--port",
            "0",
            "--extensions",
            dir.to_str().unwrap(),
        ])
        .args(["--env", &format!("EXT_RELEASE={}", release.display())])
        .args(extra)
        .arg("--")
        .args(command)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .expect(&line)
        .to_owned();
    let (send, log) = channel();
    std::thread::spawn(move || {
        for line in stderr.lines() {
            let Ok(line) = line else { break };
            if send.send(line).is_err() {
                break;
            }
        }
    });
    Served { child, addr, log }
}

impl Served {
    /// One synchronous invocation: the status line and the body, read by its Content-Length
    /// as a client does (the connection may stay open).
    fn invoke(&self, body: &str) -> (String, String) {
        invoke(&self.addr, body)
    }

    /// The next log line starting with `prefix`, waiting at most [`PATIENCE`].
    fn line(&self, prefix: &str) -> String {
        loop {
            let line = self.log.recv_timeout(PATIENCE).expect(prefix);
            if line.starts_with(prefix) {
                return line;
            }
        }
    }

    /// Whether a log line starting with `prefix` has been written already.
    fn logged(&self, prefix: &str) -> bool {
        self.log.try_iter().any(|l| l.starts_with(prefix))
    }
}

/// One synchronous invocation: the status line and the body, read by its Content-Length
/// as a client does (the connection may stay open).
fn invoke(addr: &str, body: &str) -> (String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        s,
        "POST /2015-03-31/functions/function/invocations HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut reader = BufReader::new(s);
    let mut status = String::new();
    reader.read_line(&mut status).expect("a response in time");
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line.trim().is_empty() {
            break;
        }
        let header = line.split_once(':');
        if let Some((_, value)) = header.filter(|(n, _)| n.eq_ignore_ascii_case("content-length")) {
            length = value.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    (status.trim().to_owned(), String::from_utf8(body).unwrap())
}

fn field(report: &str, name: &str) -> Option<f64> {
    let rest = report.split(&format!("{name}: ")).nth(1)?;
    rest.split(' ').next()?.parse().ok()
}

#[test]
fn the_caller_is_answered_before_the_extensions_finish() {
    let (dir, release) = extensions("answer", &["hold"]);
    let served = serve(&dir, &release, &[]);
    // The extension holds until released: the answer must come without it.
    let (status, body) = served.invoke(r#"{"action":"echo","n":1}"#);
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(
        body.contains(r#""n": 1"#) || body.contains(r#""n":1"#),
        "{body}"
    );
    // The invocation is not over while the extension works: no REPORT yet.
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        !served.logged("REPORT"),
        "REPORT came before the extension was done"
    );
    std::fs::write(&release, "").unwrap();
    let report = served.line("REPORT");
    assert!(!report.contains("Status:"), "{report}");
    assert!(field(&report, "Duration").unwrap() >= 200.0, "{report}");
    // The next invocation runs once the extension asked for its next event.
    let (status, body) = served.invoke(r#"{"action":"echo","n":2}"#);
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(body.contains('2'), "{body}");
    let report = served.line("REPORT");
    assert!(!report.contains("Status:"), "{report}");
}

#[test]
fn an_extension_working_past_the_timeout_times_the_invocation_out() {
    let (dir, release) = extensions("overtime", &["hold"]);
    let served = serve(&dir, &release, &["--timeout", "1"]);
    // The runtime answered in time: so does the caller.
    let (status, body) = served.invoke(r#"{"action":"echo","n":1}"#);
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(body.contains('1'), "{body}");
    // The extension never finished: Lambda reports the timeout and resets the sandbox.
    let report = served.line("REPORT");
    assert!(report.contains("Status: timeout"), "{report}");
    assert_eq!(field(&report, "Duration"), Some(1000.0), "{report}");
    std::fs::write(&release, "").unwrap();
    let (status, body) = served.invoke(r#"{"action":"echo","n":2}"#);
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(body.contains('2'), "{body}");
    let report = served.line("REPORT");
    assert!(report.contains("Init Duration"), "a new sandbox: {report}");
    assert!(!report.contains("Status:"), "{report}");
}

#[test]
fn the_runtime_starts_once_every_extension_has_registered() {
    let (dir, release) = extensions("order", &["alpha", "gate"]);
    // The runtime leaves a mark as it starts.
    let mark = release.with_file_name("runtime-started");
    let script = format!("touch '{}' && exec python3 '{FUNCTION}'", mark.display());
    let served = serve_command(&dir, &release, &[], &["sh", "-c", &script]);
    let addr = served.addr.clone();
    let caller = std::thread::spawn(move || invoke(&addr, r#"{"action":"echo","n":7}"#));
    // `gate` has not registered: Extension init goes on, Runtime init has not begun.
    std::thread::sleep(Duration::from_millis(500));
    assert!(!mark.exists(), "the runtime started before gate registered");
    std::fs::write(&release, "").unwrap();
    let (status, body) = caller.join().unwrap();
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(body.contains('7'), "{body}");
    assert!(mark.exists());
    let report = served.line("REPORT");
    // Init covers both: the extensions' and the runtime's.
    assert!(
        field(&report, "Init Duration").unwrap() >= 500.0,
        "{report}"
    );
}

#[test]
fn an_extension_that_never_registers_fails_the_init_at_its_limit() {
    let (dir, release) = extensions("never", &["gate"]);
    let mark = release.with_file_name("runtime-started");
    let script = format!("touch '{}' && exec python3 '{FUNCTION}'", mark.display());
    let served = serve_command(&dir, &release, &[], &["sh", "-c", &script]);
    let (status, body) = served.invoke(r#"{"action":"echo"}"#);
    assert_eq!(status, "HTTP/1.1 200 OK");
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["errorType"], "Runtime.Unknown", "{body}");
    assert!(
        body["errorMessage"]
            .as_str()
            .unwrap()
            .contains("Init timed out"),
        "{body}"
    );
    let report = served.line("REPORT");
    assert!(report.contains("Status: error"), "{report}");
    assert!(!mark.exists(), "the runtime never started");
}

/// An extension's last lines, written as it exits at SHUTDOWN, all reach the output before the
/// emulator exits (its output relays are waited for).
#[test]
fn an_extension_s_last_lines_are_not_lost() {
    let (dir, _) = extensions("chatty", &["chatty"]);
    let out = Command::new(env!("CARGO_BIN_EXE_lambkin-emulator"))
        .args(["invoke", "--extensions", dir.to_str().unwrap()])
        .args(["--event", r#"{"action":"echo","say":"hi"}"#])
        .args(["--", "python3", FUNCTION])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines = stderr
        .lines()
        .filter(|l| l.starts_with("chatty line "))
        .count();
    assert_eq!(lines, 2000);
    assert!(stderr.contains("chatty shutting down"));
}
