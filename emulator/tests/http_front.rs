//! `lambkin-emulator serve --http` as users run it: the binary, the `echo` example as the
//! function (it returns the event unchanged), and HTTP written by hand over real sockets.
//!
//! With the payload 2.0 shapes, a reply without `statusCode` is a 200 whose body is the reply,
//! so echo shows exactly which event a request became. The other shapes need a `statusCode`,
//! so echo's reply is their 502. The unit tests in `src/front/` cover every rule in detail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use serde_json::{Value, json};

/// A running `serve`, killed on drop; its stderr is kept for the REPORT lines.
struct Served {
    child: Child,
    addr: String,
    /// The Invoke API's address, with `--port`.
    invoke: Option<String>,
    log: Arc<Mutex<String>>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    /// The REPORT lines, once there are `n` (the log is read on another thread, so a line
    /// written before a response may be read after it).
    fn reports(&self, n: usize) -> Vec<String> {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            let reports: Vec<String> = self
                .log
                .lock()
                .unwrap()
                .lines()
                .filter(|l| l.starts_with("REPORT RequestId: "))
                .map(str::to_owned)
                .collect();
            if reports.len() >= n || std::time::Instant::now() > deadline {
                return reports;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn connect(&self) -> Conn {
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
fn serve(args: &[&str]) -> Served {
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
struct Conn {
    stream: TcpStream,
    reader: BufReader<TcpStream>,
}

/// A response: status, headers, body.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
}

impl Conn {
    fn send(&mut self, bytes: &[u8]) {
        self.stream.write_all(bytes).unwrap();
    }

    /// Reads one response (its body by Content-Length; none for HEAD).
    fn read(&mut self, head_only: bool) -> Reply {
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

    fn exchange(&mut self, request: &[u8]) -> Reply {
        self.send(request);
        self.read(request.starts_with(b"HEAD "))
    }

    /// Whether the server has closed the connection.
    fn closed(&mut self) -> bool {
        let mut byte = [0u8; 1];
        matches!(self.reader.read(&mut byte), Ok(0))
    }
}

#[test]
fn apigw_v2_sends_the_request_as_the_event_over_one_kept_alive_connection() {
    let served = serve(&["--http", "0", "--example", "echo"]);
    // An idle connection (half a request head) holds no one up: each has its own thread.
    let mut idle = served.connect();
    idle.send(b"GET /waiting HTTP/1.1\r\nHost: x\r\n");

    let mut conn = served.connect();
    let reply = conn.exchange(
        b"GET /caf%C3%A9/a%20b?b=2&a=x%20y&b=3 HTTP/1.1\r\nHost: localhost\r\n\
          User-Agent: lambkin-test/1\r\nX-Multi: 1\r\nX-Multi: 2\r\nCookie: c1=v1; c2=v2\r\n\r\n",
    );
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert!(reply.header("apigw-requestid").is_some(), "{reply:?}");
    assert!(reply.header("date").unwrap().ends_with(" GMT"));
    let event = reply.json();
    assert_eq!(event["version"], "2.0");
    assert_eq!(event["rawPath"], "/café/a b");
    assert_eq!(event["rawQueryString"], "b=2&a=x%20y&b=3");
    assert_eq!(
        event["queryStringParameters"],
        json!({"a": "x y", "b": "2,3"})
    );
    assert_eq!(event["cookies"], json!(["c1=v1", "c2=v2"]));
    let headers = &event["headers"];
    assert_eq!(headers.get("cookie"), None);
    assert_eq!(headers["x-multi"], "1,2");
    assert_eq!(headers["host"], "localhost");
    assert_eq!(headers["x-forwarded-for"], "127.0.0.1");
    assert_eq!(headers["x-forwarded-proto"], "http");
    let http = &event["requestContext"]["http"];
    assert_eq!(
        (&http["method"], &http["path"], &http["sourceIp"]),
        (&json!("GET"), &json!("/café/a b"), &json!("127.0.0.1"))
    );
    assert_eq!(http["userAgent"], "lambkin-test/1");
    assert_eq!(event["requestContext"]["stage"], "$default");
    assert_eq!(
        (event.get("body"), &event["isBase64Encoded"]),
        (None, &json!(false))
    );

    // 1 MB of binary on the same connection, after curl's `Expect: 100-continue` handshake.
    let blob: Vec<u8> = (0..1 << 20).map(|i: u32| (i * 7 % 251) as u8).collect();
    conn.send(
        format!(
            "POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n\
             Content-Length: {}\r\nExpect: 100-continue\r\n\r\n",
            blob.len()
        )
        .as_bytes(),
    );
    let interim = conn.read(true);
    assert_eq!(interim.status, 100, "{interim:?}");
    conn.send(&blob);
    let reply = conn.read(false);
    assert_eq!(reply.status, 200);
    let event = reply.json();
    assert_eq!(event["requestContext"]["http"]["method"], "POST");
    assert_eq!(event["isBase64Encoded"], true);
    assert_eq!(event["headers"].get("expect"), None);
    let body = base64::engine::general_purpose::STANDARD
        .decode(event["body"].as_str().unwrap())
        .unwrap();
    assert!(body == blob, "the 1 MB body changed on the way");

    // A chunked text body, and the client's close: answered, then the connection ends.
    let reply = conn.exchange(
        b"PUT /t HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n\
          Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
    );
    assert_eq!(reply.header("connection"), Some("close"));
    let event = reply.json();
    assert_eq!(
        (&event["body"], &event["isBase64Encoded"]),
        (&json!("hello world"), &json!(false))
    );
    assert_eq!(event["headers"].get("transfer-encoding"), None);
    assert!(conn.closed());

    // Each request was one invocation with Lambda's lines; the idle client is still waiting.
    let reports = served.reports(3);
    assert_eq!(reports.len(), 3, "{reports:?}");
    idle.send(b"\r\n");
    assert_eq!(idle.read(false).status, 200);
}

#[test]
fn function_url_events_name_the_url_and_its_request_id_is_lambdas() {
    let served = serve(&["--http", "0", "--http-shape", "url", "--example", "echo"]);
    let reply = served.connect().exchange(
        b"POST /p%20q?x=1 HTTP/1.1\r\nHost: localhost\r\nCookie: a=1\r\n\
          Content-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"k\": 1}\n",
    );
    assert_eq!(reply.status, 200, "{reply:?}");
    let event = reply.json();
    assert_eq!(event["rawPath"], "/p%20q");
    assert_eq!(event["cookies"], json!(["a=1"]));
    assert_eq!(event["headers"]["cookie"], "a=1");
    assert_eq!(event["body"], "{\"k\": 1}\n");
    let rc = &event["requestContext"];
    let id = rc["apiId"].as_str().unwrap();
    assert_eq!(id.len(), 32);
    assert_eq!(
        rc["domainName"],
        format!("{id}.lambda-url.us-east-1.on.aws")
    );
    assert_eq!(rc["http"]["method"], "POST");
    // The request id is the invocation's, as in the REPORT line.
    let request_id = reply.header("x-amzn-requestid").unwrap();
    assert_eq!(rc["requestId"], request_id);
    let reports = served.reports(1);
    assert!(
        reports.iter().any(|r| r.contains(request_id)),
        "{request_id}: {reports:?}"
    );
}

#[test]
fn shapes_that_need_a_status_code_answer_echo_with_their_502() {
    let cases: [(&str, &str, &[u8]); 3] = [
        (
            "rest",
            "application/json",
            br#"{"message": "Internal server error"}"#,
        ),
        (
            "alb",
            "text/html",
            b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
              <center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n",
        ),
        ("lattice-v2", "text/plain", b"Bad Gateway"),
    ];
    for (shape, content_type, body) in cases {
        let served = serve(&["--http", "0", "--http-shape", shape, "--example", "echo"]);
        let reply = served
            .connect()
            .exchange(b"GET /x?y=1 HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assert_eq!(reply.status, 502, "{shape}: {reply:?}");
        assert_eq!(reply.header("content-type"), Some(content_type), "{shape}");
        assert_eq!(reply.body, body, "{shape}");
        // The function did run (and answered): one invocation, its REPORT line.
        assert_eq!(served.reports(1).len(), 1, "{shape}");
    }
}

#[test]
fn a_failing_function_and_unreadable_requests_get_the_services_answers() {
    // No such program: every invocation fails (Runtime.InvalidEntrypoint), no build needed.
    // The Invoke API runs beside the front end.
    let served = serve(&["--port", "0", "--http", "0", "--", "/nonexistent/function"]);
    let reply = served
        .connect()
        .exchange(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assert_eq!(reply.status, 500, "{reply:?}");
    assert_eq!(reply.body, br#"{"message":"Internal Server Error"}"#);

    let mut invoke = TcpStream::connect(served.invoke.as_deref().unwrap()).unwrap();
    invoke
        .write_all(
            b"POST /2015-03-31/functions/function/invocations HTTP/1.1\r\nHost: x\r\n\
              Content-Length: 2\r\nConnection: close\r\n\r\n{}",
        )
        .unwrap();
    let mut raw = String::new();
    invoke.read_to_string(&mut raw).unwrap();
    assert!(raw.contains("X-Amz-Function-Error: Unhandled"), "{raw}");

    // HEAD: the head of the same answer, no body.
    let mut conn = served.connect();
    let head = conn.exchange(b"HEAD / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assert_eq!(head.status, 500);
    assert_eq!(head.header("content-length"), Some("35"));
    assert!(head.body.is_empty());

    // Above 6 MB: refused from the head alone, before the body is sent.
    let too_big = conn.exchange(
        format!(
            "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: {}\r\n\r\n",
            lambkin_emulator::MAX_EVENT + 1
        )
        .as_bytes(),
    );
    assert_eq!(too_big.status, 413);
    assert_eq!(too_big.body, br#"{"message":"Request Entity Too Large"}"#);
    assert!(conn.closed());

    let mut conn = served.connect();
    let bad = conn.exchange(b"NOT HTTP AT ALL\r\n\r\n");
    assert_eq!(bad.status, 400);
    assert!(conn.closed());
}
