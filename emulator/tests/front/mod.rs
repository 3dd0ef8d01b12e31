//! A client for `lambkin-emulator serve --http` tests: the served process, and HTTP written by
//! hand over a real socket (so every byte on the wire is the test's).
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

/// A running `serve`, killed on drop; its stderr is kept for the REPORT lines.
pub struct Served {
    child: Child,
    pub addr: String,
    /// The Invoke API's address, with `--port`.
    pub invoke: Option<String>,
    log: Arc<Mutex<String>>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    /// The `serve` process's id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Everything it logged so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// The REPORT lines, once there are `n`.
    pub fn reports(&self, n: usize) -> Vec<String> {
        self.settle(
            |log| {
                log.lines()
                    .filter(|l| l.starts_with("REPORT RequestId: "))
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            },
            |reports| reports.len() >= n,
        )
    }

    /// Whether the log has `needle`, waiting for it up to 10 s.
    pub fn logged(&self, needle: &str) -> bool {
        self.settle(|log| log.contains(needle), |&found| found)
    }

    /// `read` of the log once `done` accepts it, or after 10 s: the log is read on another
    /// thread, so a line written before a response may be read after it.
    fn settle<T>(&self, read: impl Fn(&str) -> T, done: impl Fn(&T) -> bool) -> T {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            let got = read(&self.log.lock().unwrap());
            if done(&got) || std::time::Instant::now() > deadline {
                return got;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn connect(&self) -> Conn {
        let stream = TcpStream::connect(&self.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        Conn {
            reader: BufReader::new(stream.try_clone().unwrap()),
            stream,
        }
    }
}

/// `serve` with `args` (ports, shape, then the function), from the repository root so that
/// `--example` builds there; waits for the front end's announcement.
pub fn serve(args: &[&str]) -> Served {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut child = Command::new(env!("CARGO_BIN_EXE_lambkin-emulator"))
        .current_dir(root)
        .arg("serve")
        .args(args)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let address = |line: &str| {
        let rest = line.split("http://").nth(1)?;
        Some(rest.split('/').next()?.to_owned())
    };
    let (mut addr, mut invoke, mut seen) = (None, None, String::new());
    while addr.is_none() {
        let mut line = String::new();
        if stderr.read_line(&mut line).unwrap() == 0 {
            panic!("serve ended before announcing the front end:\n{seen}");
        }
        if line.contains("HTTP front end") {
            addr = address(&line);
        } else if line.contains("functions/function/invocations") {
            invoke = address(&line);
        }
        seen.push_str(&line);
    }
    let log = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&log);
    // Keep reading the log so the child never blocks on a full pipe.
    std::thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            let mut log = sink.lock().unwrap();
            log.push_str(&line);
            log.push('\n');
        }
    });
    Served {
        child,
        addr: addr.unwrap(),
        invoke,
        log,
    }
}

/// One client connection, for as many requests as it stays open.
pub struct Conn {
    stream: TcpStream,
    reader: BufReader<TcpStream>,
}

/// A response: status, headers, body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
}

impl Conn {
    pub fn send(&mut self, bytes: &[u8]) {
        self.stream.write_all(bytes).unwrap();
    }

    /// Reads one response (its body by Content-Length; none for HEAD).
    pub fn read(&mut self, head_only: bool) -> Reply {
        let mut line = String::new();
        self.reader.read_line(&mut line).unwrap();
        let status = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("status line {line:?}"));
        let mut headers = Vec::new();
        loop {
            let mut line = String::new();
            self.reader.read_line(&mut line).unwrap();
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            let (n, v) = line.split_once(':').unwrap();
            headers.push((n.to_owned(), v.trim().to_owned()));
        }
        let mut reply = Reply {
            status,
            headers,
            body: Vec::new(),
        };
        let length: usize = reply
            .header("content-length")
            .map_or(0, |n| n.parse().unwrap());
        if !head_only {
            reply.body = vec![0; length];
            self.reader.read_exact(&mut reply.body).unwrap();
        }
        reply
    }

    pub fn exchange(&mut self, request: &[u8]) -> Reply {
        self.send(request);
        self.read(request.starts_with(b"HEAD "))
    }

    /// Whether the server has closed the connection.
    pub fn closed(&mut self) -> bool {
        let mut byte = [0u8; 1];
        matches!(self.reader.read(&mut byte), Ok(0))
    }
}
