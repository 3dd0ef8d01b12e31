//! Streamed responses as users see them: `lambkin-emulator invoke` printing chunks as they
//! come, `serve --port` answering the Invoke API with a chunked body (errors as trailers),
//! `serve --http` sending an HTTP integration response to curl, and memory that stays flat
//! while 50 MB go through. The function is `fixtures/streamer.py`, a raw-socket Runtime API
//! client that streams what its event asks for; a gate file holds its second chunk back until
//! the test has seen the first, so a test fails if the emulator buffers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]
mod front;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use base64::Engine as _;
use front::serve;
use serde_json::{Value, json};

const STREAMER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/streamer.py");
const ERROR: &str = r#"{"errorType": "Function.StreamFailed", "errorMessage": "failed at 2"}"#;

/// A path that does not exist yet, removed on drop; creating it opens the function's gate.
struct Gate(PathBuf);

impl Gate {
    fn new() -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        Self(std::env::temp_dir().join(format!("lambkin-gate-{}-{n}", std::process::id())))
    }
    fn open(&self) {
        std::fs::write(&self.0, b"").unwrap();
    }
    fn path(&self) -> String {
        self.0.to_string_lossy().into_owned()
    }
}

impl Drop for Gate {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Reads from `from` until the bytes read end with `want`.
fn read_until(from: &mut impl Read, got: &mut Vec<u8>, want: &[u8]) {
    while !got.ends_with(want) {
        let mut byte = [0u8; 1];
        let n = from.read(&mut byte).unwrap();
        assert!(
            n > 0,
            "ended before {want:?}: {}",
            String::from_utf8_lossy(got)
        );
        got.push(byte[0]);
    }
}

fn invoke(event: &Value) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lambkin-emulator"));
    cmd.args(["invoke", "--timeout", "60", "--event", &event.to_string()])
        .args(["--", "python3", STREAMER])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

#[test]
fn invoke_prints_each_chunk_as_it_comes_and_the_time_to_first_byte() {
    let gate = Gate::new();
    let event = json!({"chunks": ["first\n", "second\n"], "gate": gate.path()});
    let mut child = invoke(&event).spawn().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut got = Vec::new();
    read_until(&mut stdout, &mut got, b"first\n");
    gate.open();
    stdout.read_to_end(&mut got).unwrap();
    let out = child.wait_with_output().unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    assert_eq!(got, b"first\nsecond\n\n");
    let line = log
        .lines()
        .find(|l| l.starts_with("STREAM RequestId: "))
        .expect(&log);
    assert!(
        line.contains("\tChunks: 2\tBytes: 13\tTime To First Byte: "),
        "{line}"
    );

    // An error after two chunks: the chunks, then the error, and a failing exit.
    let event = json!({"chunks": ["a\n", "b\n", "c\n"], "failAt": 2});
    let out = invoke(&event).output().unwrap();
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("a\nb\n{ERROR}\n")
    );
}

/// A chunked HTTP response read by hand: the head, then one chunk per call.
struct Chunked {
    reader: BufReader<TcpStream>,
    head: String,
}

impl Chunked {
    fn post(addr: &str, path: &str, body: &str) -> Self {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        write!(
            stream,
            "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut head = String::new();
        while !head.ends_with("\r\n\r\n") {
            assert!(reader.read_line(&mut head).unwrap() > 0, "{head}");
        }
        Self { reader, head }
    }

    /// The next chunk's data; `None` after the last (its trailers in `trailers`).
    fn chunk(&mut self, trailers: &mut Vec<String>) -> Option<Vec<u8>> {
        let mut line = String::new();
        self.reader.read_line(&mut line).unwrap();
        let size = usize::from_str_radix(line.trim_end(), 16).expect(&line);
        if size == 0 {
            loop {
                let mut field = String::new();
                self.reader.read_line(&mut field).unwrap();
                if field == "\r\n" {
                    return None;
                }
                trailers.push(field.trim_end().to_owned());
            }
        }
        let mut data = vec![0; size + 2];
        self.reader.read_exact(&mut data).unwrap();
        assert_eq!(&data[size..], b"\r\n");
        data.truncate(size);
        Some(data)
    }
}

const INVOKE: &str = "/2015-03-31/functions/function/invocations";

#[test]
fn serve_answers_the_invoke_api_with_a_chunked_body_and_errors_as_trailers() {
    let served = serve(&["--port", "0", "--http", "0", "--", "python3", STREAMER]);
    let addr = served.invoke.clone().unwrap();
    let gate = Gate::new();
    let event = json!({"chunks": ["one", "two"], "gate": gate.path()});
    let mut response = Chunked::post(&addr, INVOKE, &event.to_string());
    let head = response.head.to_ascii_lowercase();
    assert!(head.starts_with("http/1.1 200 ok\r\n"), "{head}");
    assert!(head.contains("transfer-encoding: chunked\r\n"), "{head}");
    assert!(
        head.contains("content-type: application/octet-stream\r\n"),
        "{head}"
    );
    assert!(
        head.contains(
            "trailer: lambda-runtime-function-error-type, lambda-runtime-function-error-body\r\n"
        ),
        "{head}"
    );
    let mut trailers = Vec::new();
    assert_eq!(response.chunk(&mut trailers).unwrap(), b"one");
    gate.open();
    assert_eq!(response.chunk(&mut trailers).unwrap(), b"two");
    assert_eq!(response.chunk(&mut trailers), None);
    assert!(trailers.is_empty(), "{trailers:?}");

    // An HTTP integration response goes through as the function sent it, prelude included.
    let event = json!({"prelude": {"statusCode": 202}, "chunks": ["p"]});
    let mut response = Chunked::post(&addr, INVOKE, &event.to_string());
    let head = response.head.to_ascii_lowercase();
    assert!(
        head.contains("content-type: application/vnd.awslambda.http-integration-response\r\n"),
        "{head}"
    );
    let mut body = Vec::new();
    while let Some(data) = response.chunk(&mut trailers) {
        body.extend_from_slice(&data);
    }
    assert_eq!(body, b"{\"statusCode\": 202}\0\0\0\0\0\0\0\0p");

    let event = json!({"chunks": ["a", "b", "c"], "failAt": 2});
    let mut response = Chunked::post(&addr, INVOKE, &event.to_string());
    let mut body = Vec::new();
    while let Some(data) = response.chunk(&mut trailers) {
        body.extend_from_slice(&data);
    }
    // The error is in the trailers, never in the body.
    assert_eq!(body, b"ab");
    assert_eq!(
        trailers[0],
        "Lambda-Runtime-Function-Error-Type: Function.StreamFailed"
    );
    let encoded = trailers[1]
        .strip_prefix("Lambda-Runtime-Function-Error-Body: ")
        .unwrap();
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .unwrap();
    assert_eq!(String::from_utf8(decoded).unwrap(), ERROR);
}

fn curl(addr: &str, body: &Value) -> std::process::Child {
    Command::new("curl")
        .args(["-sS", "-N", "-i", "-H", "Content-Type: application/json"])
        .args(["--data-binary", &body.to_string()])
        .arg(format!("http://{addr}/stream"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("curl")
}

#[test]
fn serve_http_streams_an_http_integration_response_to_curl() {
    let served = serve(&[
        "--http",
        "0",
        "--http-shape",
        "url",
        "--",
        "python3",
        STREAMER,
    ]);
    let gate = Gate::new();
    let prelude = json!({
        "statusCode": 201,
        "headers": {"content-type": "text/plain", "x-custom": "yes"},
        "cookies": ["a=1; Path=/", "b=2"],
    });
    let request = json!({"prelude": prelude, "chunks": ["first|", "second"], "gate": gate.path()});
    let mut child = curl(&served.addr, &request);
    let mut stdout = child.stdout.take().unwrap();
    let mut got = Vec::new();
    read_until(&mut stdout, &mut got, b"first|");
    gate.open();
    stdout.read_to_end(&mut got).unwrap();
    assert!(child.wait().unwrap().success());
    let text = String::from_utf8(got).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let head = head.to_ascii_lowercase();
    assert!(head.starts_with("http/1.1 201 created\r\n"), "{head}");
    for line in [
        "content-type: text/plain",
        "x-custom: yes",
        "set-cookie: a=1; path=/",
        "set-cookie: b=2",
        "transfer-encoding: chunked",
    ] {
        assert!(head.lines().any(|l| l == line), "{line} in {head}");
    }
    assert_eq!(body, "first|second");

    // A prelude that is not JSON is the function URL's failure answer, and says why.
    let out = curl(
        &served.addr,
        &json!({"rawPrelude": "nope", "chunks": ["x"]}),
    )
    .wait_with_output()
    .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(out.starts_with("HTTP/1.1 502 "), "{out}");
    assert!(out.ends_with("\r\n\r\nInternal Server Error"), "{out}");
    assert!(
        served.logged("unusable HTTP integration response"),
        "{}",
        served.log()
    );

    // Failing after the head: the body is cut off, so curl reports a transfer error.
    let request = json!({"prelude": {"statusCode": 200}, "chunks": ["a", "b"], "failAt": 3});
    let out = curl(&served.addr, &request).wait_with_output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).ends_with("\r\n\r\na"));
}

/// Peak resident memory of process `pid`, KiB.
fn peak_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn fifty_megabytes_stream_through_serve_in_flat_memory() {
    let served = serve(&[
        "--port",
        "0",
        "--http",
        "0",
        "--timeout",
        "120",
        "--no-stream-limit",
        "--",
        "python3",
        STREAMER,
    ]);
    let addr = served.invoke.clone().unwrap();
    let size = 50 << 20;
    let mut response = Chunked::post(&addr, INVOKE, &json!({"bytes": size}).to_string());
    let (mut total, mut trailers) = (0, Vec::new());
    while let Some(data) = response.chunk(&mut trailers) {
        total += data.len();
    }
    assert_eq!(total, size);
    let peak = peak_kib(served.pid());
    eprintln!("serve's peak RSS while streaming 50 MiB: {peak} KiB");
    // Holding the stream would take 50 MiB; forwarding takes the queue (1 MiB) and buffers.
    assert!(peak < 24 << 10, "serve peaked at {peak} KiB");
}
