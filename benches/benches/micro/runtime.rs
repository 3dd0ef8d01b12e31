//! The core's hot path, piece by piece: response head parsing, context extraction from a
//! `/next` response, diagnostic encoding, and one whole session turn.
//!
//! Setup functions (not measured) build a session and move it to the state the benchmark
//! starts from; buffers are leaked so the session can borrow them for `'static`.

use std::hint::black_box;

use gungraun::{library_benchmark, library_benchmark_group};
// The response reader is crate-private; the core lends it to its own benchmarks.
use lambkin_core::__private::{Incoming, Progress, parse_head};
use lambkin_core::diagnostic::error_type;
use lambkin_core::session::{Event, Session};
use lambkin_core::{Config, Diagnostic, Outcome};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// A `/next` answer as Lambda sends it (header values from the Runtime API documentation).
fn next_response(extra_headers: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\n\
         Content-Type: application/json\r\n\
         Lambda-Runtime-Aws-Request-Id: 8476a536-e9f4-11e8-9739-2dfe598c3fcd\r\n\
         Lambda-Runtime-Deadline-Ms: 1542409706888\r\n\
         Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-2:123456789012:function:custom-runtime\r\n\
         Lambda-Runtime-Trace-Id: Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1\r\n\
         {extra_headers}\
         Date: Fri, 16 Nov 2018 22:48:26 GMT\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

const HELLO: &str = r#"{"firstName":"Ada"}"#;

/// The client context and Cognito identity headers mobile SDK invocations carry.
const MOBILE: &str = "Lambda-Runtime-Client-Context: {\"client\":{\"installation_id\":\"i-1\",\"app_title\":\"Bench\",\"app_version_name\":\"1.0\",\"app_version_code\":\"1\",\"app_package_name\":\"com.example.bench\"},\"custom\":{\"k\":\"v\"},\"env\":{\"platform\":\"Android\"}}\r\n\
     Lambda-Runtime-Cognito-Identity: {\"cognitoIdentityId\":\"us-east-1:1a2b3c4d-1111-2222-3333-444455556666\",\"cognitoIdentityPoolId\":\"us-east-1:aaaabbbb-cccc-dddd-eeee-ffff00001111\"}\r\n";

/// Real Lambda's answer to `/response`.
const ACCEPTED: &[u8] =
    b"HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nDate: Fri, 16 Nov 2018 22:48:26 GMT\r\nContent-Length: 16\r\n\r\n{\"status\":\"OK\"}\n";

fn head_of(kind: &str) -> Vec<u8> {
    match kind {
        "next" => next_response("", HELLO),
        "next_mobile" => next_response(MOBILE, HELLO),
        _ => ACCEPTED.to_vec(),
    }
}

#[library_benchmark]
#[bench::next(args = ("next"), setup = head_of)]
#[bench::next_mobile(args = ("next_mobile"), setup = head_of)]
#[bench::accepted(args = ("accepted"), setup = head_of)]
fn head_parse(bytes: Vec<u8>) -> Option<usize> {
    let head = parse_head(black_box(&bytes)).ok().flatten();
    black_box(head).map(|h| h.len)
}

/// Size of the head the read-split benchmarks feed: many headers, well past the fast path.
const BIG_HEAD: usize = 16 * 1024;

/// A `BIG_HEAD`-byte `/next` answer with an empty body (about 500 headers: the line-by-line slow
/// path), a 64 KiB receive buffer, and how many bytes each read delivers.
fn big_head(read: usize) -> (Vec<u8>, Vec<u8>, usize) {
    let mut extra = String::new();
    let mut i = 0;
    // Filler headers up to the size, then one padded to land on it exactly.
    let base = next_response("", "").len();
    while base + extra.len() + 40 < BIG_HEAD {
        extra.push_str(&format!("X-Amzn-Filler-{i:04}: value-{i:04}\r\n"));
        i += 1;
    }
    let pad = BIG_HEAD - base - extra.len() - "X-Pad: \r\n".len();
    extra.push_str(&format!("X-Pad: {}\r\n", "p".repeat(pad)));
    let head = next_response(&extra, "");
    assert_eq!(head.len(), BIG_HEAD, "head size");
    (head, vec![0u8; 64 * 1024], read)
}

// Response head parsing under a read split: the same 16 KiB head in one read, and dribbled one
// byte at a time (each read copied in and handed to the reader, as a socket read would). The
// reader must stay linear in the bytes received however they are split.
#[library_benchmark]
#[bench::one_read(args = (usize::MAX), setup = big_head)]
#[bench::dribbled(args = (1), setup = big_head)]
fn head_split((head, mut rx, read): (Vec<u8>, Vec<u8>, usize)) -> usize {
    let mut incoming = Incoming::new();
    let mut pos = 0;
    while pos < head.len() {
        let range = incoming.recv_range(rx.len());
        let n = read.min(head.len() - pos).min(range.len());
        rx[range.start..range.start + n].copy_from_slice(black_box(&head[pos..pos + n]));
        pos += n;
        match incoming.handle_recv(&mut rx, n) {
            Ok(Progress::Complete(m)) => return black_box(m).head.len,
            Ok(Progress::Partial) => {}
            Err(_) => return 0,
        }
    }
    0
}

fn leak(len: usize) -> &'static mut [u8] {
    Box::leak(vec![0u8; len].into_boxed_slice())
}

/// A connected session whose `GET /next` went out: the next bytes it wants are the answer.
fn awaiting_next() -> Session<'static> {
    let config =
        Config::from_lookup(|k| (k == "AWS_LAMBDA_RUNTIME_API").then_some("127.0.0.1:9001"))
            .expect("config");
    let mut s = Session::new(config, leak(1 << 16), leak(1 << 16)).expect("session");
    assert_eq!(s.poll_event(), Some(Event::Reconnect));
    s.handle_connected();
    assert!(s.poll_transmit().is_some());
    s.handle_transmitted();
    s
}

/// Copies `bytes` where a socket read would put them and tells the session.
fn feed(s: &mut Session<'_>, bytes: &[u8]) {
    let buf = s.recv_buf();
    let n = bytes.len().min(buf.len());
    buf[..n].copy_from_slice(&bytes[..n]);
    s.handle_recv(n);
}

/// A session with an event received and parsed, ready for [`Session::invocation`].
fn invoking(extra_headers: &str) -> (Session<'static>, Vec<u8>) {
    let mut s = awaiting_next();
    feed(&mut s, &next_response(extra_headers, HELLO));
    assert_eq!(s.poll_event(), Some(Event::Invocation));
    (s, vec![0u8; 4096])
}

// Context extraction: the `Context` the handler gets, from the parsed head (spans into the
// receive buffer, the deadline as a number). `mobile` also decodes the client context and
// Cognito identity JSON, which only handlers that ask for them pay for.
#[library_benchmark]
#[bench::lambda_headers(args = (""), setup = invoking)]
#[bench::mobile(args = (MOBILE), setup = invoking)]
fn context((mut s, mut scratch): (Session<'static>, Vec<u8>)) -> usize {
    let inv = s.invocation().expect("invoking");
    let ctx = black_box(&inv.context);
    let mut n = ctx.request_id.len() + ctx.deadline.map_or(0, |d| d.raw() as usize);
    if ctx.client_context_json.is_some() {
        let (a, b) = scratch.split_at_mut(2048);
        let client = ctx.client_context(a).and_then(Result::ok);
        let cognito = ctx.cognito_identity(b).and_then(Result::ok);
        n += black_box(client).map_or(0, |c| c.client.is_some() as usize);
        n += black_box(cognito).map_or(0, |c| c.identity_id.map_or(0, str::len));
    }
    n
}

struct Message;

impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "order {} not found in table \"orders\"\n(retry later)",
            42
        )
    }
}

const FRAMES: &[&str] = &[
    "app::orders::load (src/orders.rs:88)",
    "app::handler::call (src/handler.rs:21)",
    "lambkin_core::driver::run (core/src/driver.rs:160)",
];

fn out_buffer(frames: bool) -> (Vec<u8>, bool) {
    (vec![0u8; 4096], frames)
}

// Diagnostic encoding: the `/error` document, message streamed through the JSON escaper.
#[library_benchmark]
#[bench::message(args = (false), setup = out_buffer)]
#[bench::with_stack_trace(args = (true), setup = out_buffer)]
fn diagnostic((mut out, frames): (Vec<u8>, bool)) -> usize {
    let mut d = Diagnostic::new("Function.NotFound", &Message);
    if frames {
        d = d.with_stack_trace(FRAMES);
    }
    black_box(d).encode(black_box(&mut out)).unwrap_or(0)
}

/// The README's hello function, as `examples/hello.rs` has it.
#[derive(serde::Deserialize)]
struct Request<'a> {
    #[serde(rename = "firstName", borrow)]
    first_name: Option<&'a str>,
}

struct Greeting<'a>(&'a str);

impl Serialize for Greeting<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(1))?;
        map.serialize_entry("message", &format_args!("Hello, {}!", self.0))?;
        map.end()
    }
}

fn turn_setup() -> (Session<'static>, Vec<u8>) {
    (awaiting_next(), next_response("", HELLO))
}

// One invocation in the steady state: the `/next` answer arrives, the event is decoded, the
// hello handler runs, the `/response` request goes out, Lambda's 202 arrives and the next
// `GET /next` is ready. Copying the received bytes into the buffer (what `read` would do) is
// counted.
#[library_benchmark]
#[bench::hello(setup = turn_setup)]
fn session_turn((mut s, next): (Session<'static>, Vec<u8>)) -> usize {
    feed(&mut s, black_box(&next));
    assert!(s.poll_transmit().is_none());
    assert_eq!(s.poll_event(), Some(Event::Invocation));
    let inv = s.invocation().expect("invoking");
    let len = match lambkin_core::json::from_slice::<Request<'_>>(inv.body) {
        Ok(req) => {
            let greeting = Greeting(req.first_name.unwrap_or("world"));
            lambkin_core::json::to_slice(&greeting, inv.out).ok()
        }
        Err(_) => None,
    };
    s.complete(match len {
        Some(len) => Outcome::Response(len),
        None => Outcome::failed(error_type::INVALID_EVENT, "bad event"),
    });
    let sent = black_box(s.poll_transmit().expect("response")).len();
    s.handle_transmitted();
    feed(&mut s, black_box(ACCEPTED));
    sent + black_box(s.poll_transmit().expect("next GET")).len()
}

library_benchmark_group!(
    name = runtime_group;
    benchmarks = head_parse, head_split, context, diagnostic, session_turn
);
