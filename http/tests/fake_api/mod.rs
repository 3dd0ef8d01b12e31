//! A tiny Runtime API over a real socket: it hands out the given events on `/next`, reads each
//! `/response` or `/error` as it arrives on the wire (chunk by chunk, trailers included),
//! answers 202, and answers the `/next` after the last event with 500 to stop the runtime.
//!
//! A gate proves a body streams: the event's query names the gate's address, the service's
//! body waits on it before its second data frame, and the server opens it only once the first
//! data chunk has arrived. A runtime that buffered the body would never open it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Every socket wait fails after this long: a guard against a hung test, not a pass criterion.
pub const GUARD: Duration = Duration::from_secs(30);

/// One request the runtime posted, as it came off the wire.
#[derive(Debug, Clone, Default)]
pub struct Posted {
    /// `POST /2018-06-01/runtime/invocation/{id}/response HTTP/1.1`
    pub request_line: String,
    /// Header names lower-cased, in order.
    pub headers: Vec<(String, String)>,
    /// Each chunk's payload, in order; a `Content-Length` body is one chunk.
    pub chunks: Vec<Vec<u8>>,
    /// The trailers after the last chunk, names lower-cased.
    pub trailers: Vec<(String, String)>,
}

impl Posted {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find(&self.headers, name)
    }

    /// The first value of trailer `name` (case-insensitive).
    pub fn trailer(&self, name: &str) -> Option<&str> {
        find(&self.trailers, name)
    }

    /// The whole body.
    pub fn body(&self) -> Vec<u8> {
        self.chunks.concat()
    }
}

fn find<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// A running fake Runtime API.
pub struct FakeApi {
    /// What `AWS_LAMBDA_RUNTIME_API` is set to.
    pub address: String,
    /// Where the service's body waits to be let through (see the module docs).
    pub gate: SocketAddr,
    posted: mpsc::Receiver<Posted>,
}

impl FakeApi {
    /// Serves `events` (JSON, with `{gate}` replaced by the gate's address) as invocations
    /// `req-0`, `req-1`, …, then stops the runtime.
    pub fn start(events: &[&str]) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let gate = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap().to_string();
        let gate_addr = gate.local_addr().unwrap();
        let events = events
            .iter()
            .map(|e| e.replace("{gate}", &gate_addr.to_string()))
            .enumerate()
            .collect();
        let state = Arc::new(State {
            events: Mutex::new(events),
            gate: Mutex::new(Some(gate)),
        });
        let (tx, posted) = mpsc::channel();
        thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { return };
                let (state, tx) = (Arc::clone(&state), tx.clone());
                thread::spawn(move || connection(conn, &state, &tx));
            }
        });
        Self {
            address,
            gate: gate_addr,
            posted,
        }
    }

    /// The next request the runtime posted.
    pub fn next_posted(&self) -> Posted {
        self.posted
            .recv_timeout(GUARD)
            .expect("the runtime posts a response")
    }
}

struct State {
    /// Each event with its invocation's number.
    events: Mutex<std::collections::VecDeque<(usize, String)>>,
    /// Taken by the first streamed response that reaches its first data chunk.
    gate: Mutex<Option<TcpListener>>,
}

/// Serves one connection's requests until the runtime closes it.
fn connection(conn: TcpStream, state: &State, posted: &mpsc::Sender<Posted>) {
    conn.set_read_timeout(Some(GUARD)).unwrap();
    let mut writer = conn.try_clone().unwrap();
    let mut reader = BufReader::new(conn);
    loop {
        let Some((request_line, headers)) = head(&mut reader) else {
            return;
        };
        if request_line.starts_with("GET ") && request_line.contains("/invocation/next ") {
            let next = state.events.lock().unwrap().pop_front();
            let answer = match next {
                Some((served, event)) => {
                    let deadline = SystemTime::now().duration_since(UNIX_EPOCH).unwrap()
                        + Duration::from_secs(300);
                    let id = format!("req-{served}");
                    format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                         Lambda-Runtime-Aws-Request-Id: {id}\r\n\
                         Lambda-Runtime-Deadline-Ms: {}\r\n\
                         Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:f\r\n\
                         Content-Length: {}\r\n\r\n{event}",
                        deadline.as_millis(),
                        event.len()
                    )
                }
                None => "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n".into(),
            };
            if writer.write_all(answer.as_bytes()).is_err() {
                return;
            }
            continue;
        }
        let mut post = Posted {
            request_line,
            headers,
            ..Posted::default()
        };
        let chunked = post
            .header("transfer-encoding")
            .is_some_and(|te| te.eq_ignore_ascii_case("chunked"));
        if chunked {
            read_chunked(&mut reader, &mut post, state);
        } else {
            let len: usize = post
                .header("content-length")
                .unwrap_or("0")
                .parse()
                .unwrap();
            let mut body = vec![0; len];
            reader.read_exact(&mut body).unwrap();
            post.chunks.push(body);
        }
        let ok = br#"{"status":"OK"}"#;
        let answer = format!(
            "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            ok.len()
        );
        posted.send(post).unwrap();
        if writer.write_all(answer.as_bytes()).is_err() || writer.write_all(ok).is_err() {
            return;
        }
    }
}

/// A request line and its headers; `None` at the end of the connection.
fn head(reader: &mut impl BufRead) -> Option<(String, Vec<(String, String)>)> {
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).ok()? == 0 {
        return None;
    }
    Some((request_line.trim_end().to_owned(), fields(reader)))
}

/// Header (or trailer) lines up to the blank line, names lower-cased.
fn fields(reader: &mut impl BufRead) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            return fields;
        }
        let (name, value) = line.split_once(':').expect("a header line has a colon");
        fields.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
}

/// A chunked body, chunk by chunk, then its trailers. After the first data chunk of an
/// HTTP-integration stream (the prelude is the chunk before it), the gate opens.
fn read_chunked(reader: &mut impl BufRead, post: &mut Posted, state: &State) {
    let prelude = post
        .header("content-type")
        .is_some_and(|t| t == "application/vnd.awslambda.http-integration-response");
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let size = line.trim_end().split(';').next().unwrap_or_default();
        let size = usize::from_str_radix(size, 16).expect("a chunk size line");
        if size == 0 {
            post.trailers = fields(reader);
            return;
        }
        let mut chunk = vec![0; size + 2];
        reader.read_exact(&mut chunk).unwrap();
        assert_eq!(chunk.split_off(size), b"\r\n", "a chunk ends with CRLF");
        post.chunks.push(chunk);
        if post.chunks.len() == if prelude { 2 } else { 1 } {
            open_gate(state);
        }
    }
}

/// Lets the waiting body through, if a body is waiting: the first connection to the gate gets
/// one byte.
fn open_gate(state: &State) {
    let Some(gate) = state.gate.lock().unwrap().take() else {
        return;
    };
    thread::spawn(move || {
        if let Ok((mut conn, _)) = gate.accept() {
            let _ = conn.write_all(b"!");
        }
    });
}
