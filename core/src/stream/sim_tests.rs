//! Streamed responses through the real driver and session, byte for byte on the wire: chunks,
//! the last chunk, the error trailers, the HTTP prelude, a dropped connection; on a platform
//! whose stream blocks (written from inside the writer) and on an async one (the flusher).

use core::cell::RefCell;
use core::fmt;
use std::rc::Rc;
use std::string::String;
use std::vec::Vec;
use std::{format, vec};

use super::super::*;
use super::sim::*;
use crate::driver::Stop;
use crate::handler::{ErrorReport, Handler};
use crate::stream::{Http, StreamBody, StreamError, Streaming, Writer};

#[derive(serde::Deserialize)]
struct Ask {
    lines: u32,
    #[serde(rename = "failAt")]
    fail_at: Option<u32>,
    #[serde(rename = "dropAt")]
    drop_at: Option<u32>,
    big: Option<usize>,
    http: Option<bool>,
    /// Wait forever before line K.
    stall: Option<u32>,
}

/// `{"lines": N}` streams `line i\n` per chunk; `failAt` fails, `dropAt` has the server drop
/// the connection, `big` writes that many bytes at once, `http` adds a prelude.
struct Lines(Option<Rc<RefCell<Sim>>>);

struct Body {
    ask: Ask,
    sim: Option<Rc<RefCell<Sim>>>,
}

#[derive(Debug)]
enum Fail {
    Stream(StreamError),
    At(u32),
}

impl From<StreamError> for Fail {
    fn from(e: StreamError) -> Self {
        Self::Stream(e)
    }
}

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Stream(e) => e.fmt(f),
            Self::At(k) => write!(f, "failed at {k}"),
        }
    }
}

impl ErrorReport for Fail {
    fn error_type(&self) -> &str {
        match self {
            Self::Stream(e) => e.error_type(),
            Self::At(_) => "Function.StreamFailed",
        }
    }
}

impl StreamBody for Body {
    type Error = Fail;

    async fn write_to(self, out: &mut Writer<'_>) -> Result<(), Fail> {
        if let Some(n) = self.ask.big {
            out.write_all(&vec![b'x'; n]).await?;
            return Ok(());
        }
        for i in 0..self.ask.lines {
            if self.ask.fail_at == Some(i) {
                return Err(Fail::At(i));
            }
            if self.ask.stall == Some(i) {
                STALLED.with(|s| s.set(true));
                core::future::pending::<()>().await;
            }
            if self.ask.drop_at == Some(i)
                && let Some(sim) = &self.sim
            {
                sim.borrow_mut().drop_connection();
            }
            writeln!(out, "line {i}").await?;
            out.flush().await?;
        }
        Ok(())
    }
}

enum Out {
    Raw(Streaming<Body>),
    Http(Streaming<Http<'static, Body>>),
}

impl crate::handler::IntoBody for Out {
    fn write_body(&self, _: &mut [u8]) -> Result<usize, crate::json::EncodeError> {
        Ok(0)
    }

    fn into_stream(self) -> Result<impl StreamBody, Self> {
        Ok(Either(self))
    }
}

/// Both kinds of stream behind one output type.
struct Either(Out);

impl StreamBody for Either {
    type Error = Fail;

    fn content_type(&self) -> &str {
        match &self.0 {
            Out::Raw(s) => s.0.content_type(),
            Out::Http(s) => s.0.content_type(),
        }
    }

    async fn write_to(self, out: &mut Writer<'_>) -> Result<(), Fail> {
        match self.0 {
            Out::Raw(s) => s.0.write_to(out).await,
            Out::Http(s) => s.0.write_to(out).await,
        }
    }
}

impl Handler for Lines {
    type Event<'a> = Ask;
    type Output<'a> = Out;
    type Error = Fail;

    async fn call<'a>(&'a self, ask: Ask, _: &'a Context<'a>) -> Result<Out, Fail> {
        let http = ask.http == Some(true);
        let body = Body {
            ask,
            sim: self.0.clone(),
        };
        Ok(if http {
            Out::Http(Streaming(Http {
                status: 201,
                headers: &[
                    ("content-type", "text/plain"),
                    ("x-note", "a \"quoted\" value"),
                ],
                cookies: &["session=1; Secure"],
                body,
            }))
        } else {
            Out::Raw(Streaming(body))
        })
    }
}

fn head(id: &str, content_type: &str) -> String {
    format!(
        "POST /2018-06-01/runtime/invocation/{id}/response HTTP/1.1\r\nHost: {API}\r\nUser-Agent: lambkin/{}\r\nContent-Type: {content_type}\r\nLambda-Runtime-Function-Response-Mode: streaming\r\nTransfer-Encoding: chunked\r\nTrailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body\r\n\r\n",
        env!("CARGO_PKG_VERSION")
    )
}

fn lines(range: core::ops::Range<u32>) -> String {
    range
        .map(|i| {
            let line = format!("line {i}\n");
            format!("{:x}\r\n{line}\r\n", line.len())
        })
        .collect()
}

const TX: usize = MIN_TX + 256 * 1024;

/// Runs one streamed invocation then a 500 on `/next`, on both platforms; the notices.
fn run(event: &str, want: Want, reply: &[u8], drop: bool) -> (Vec<Notice>, usize) {
    let mut results = Vec::new();
    for blocking in [false, true] {
        let script = [
            ex(Want::Exact(next_req()), &sim_event("s1", event)),
            ex(want.clone(), reply),
            end(),
        ];
        let script = if drop {
            vec![script[0].clone(), end()]
        } else {
            script.to_vec()
        };
        let sim = sim(&script, Split::At(7));
        let handler = Lines(Some(sim.clone()));
        let (stop, notices) = if blocking {
            drive_on::<_, true>(&sim, &handler, MIN_RX, TX, false)
        } else {
            drive_on::<_, false>(&sim, &handler, MIN_RX, TX, false)
        };
        assert!(
            matches!(stop, Stop::Session(Error::Status { status: 500, .. })),
            "{stop:?}"
        );
        assert!(
            sim.borrow().script.is_empty(),
            "blocking {blocking}: script not finished"
        );
        let connects = sim.borrow().connects();
        results.push((notices, connects));
    }
    assert_eq!(results[0], results[1], "both platforms tell the same story");
    results.remove(0)
}

fn sim_event(id: &str, body: &str) -> Vec<u8> {
    event(id, "", body)
}

#[test]
fn each_flush_is_a_chunk_and_the_connection_closes_after_the_answer() {
    let want = format!(
        "{}{}0\r\n\r\n",
        head("s1", "application/octet-stream"),
        lines(0..3)
    );
    let (notices, connects) = run(
        r#"{"lines":3}"#,
        Want::Exact(want.into_bytes()),
        ACCEPTED,
        false,
    );
    assert_eq!(notices, []);
    assert_eq!(
        connects, 2,
        "Lambda wants a new connection after a streamed response"
    );
}

#[test]
fn an_empty_stream_is_the_head_and_the_last_chunk() {
    let want = format!("{}0\r\n\r\n", head("s1", "application/octet-stream"));
    run(
        r#"{"lines":0}"#,
        Want::Exact(want.into_bytes()),
        ACCEPTED,
        false,
    );
}

#[test]
fn an_error_after_the_first_chunk_is_sent_as_trailers() {
    use base64::Engine as _;
    let doc = r#"{"errorType":"Function.StreamFailed","errorMessage":"failed at 2"}"#;
    let mut b64 = [0u8; 128];
    let n = base64::engine::general_purpose::STANDARD
        .encode_slice(doc, &mut b64)
        .unwrap();
    let b64 = core::str::from_utf8(&b64[..n]).unwrap();
    let want = format!(
        "{}{}0\r\nLambda-Runtime-Function-Error-Type: Function.StreamFailed\r\nLambda-Runtime-Function-Error-Body: {b64}\r\n\r\n",
        head("s1", "application/octet-stream"),
        lines(0..2)
    );
    let (notices, _) = run(
        r#"{"lines":5,"failAt":2}"#,
        Want::Exact(want.into_bytes()),
        ACCEPTED,
        false,
    );
    assert_eq!(notices, []);
}

#[test]
fn an_error_before_anything_was_sent_goes_to_error() {
    let want = Want::Error {
        id: "s1",
        kind: "Function.StreamFailed",
    };
    let (_, connects) = run(r#"{"lines":5,"failAt":0}"#, want, ACCEPTED, false);
    assert_eq!(connects, 1, "a buffered /error keeps the connection");
}

#[test]
fn a_large_write_goes_out_in_chunks_of_the_buffer() {
    let n = 150 * 1024;
    let chunk = |len: usize| format!("{len:x}\r\n{}\r\n", "x".repeat(len));
    let want = format!(
        "{}{}{}{}0\r\n\r\n",
        head("s1", "application/octet-stream"),
        chunk(64 * 1024),
        chunk(64 * 1024),
        chunk(n - 128 * 1024)
    );
    run(
        &format!(r#"{{"lines":0,"big":{n}}}"#),
        Want::Exact(want.into_bytes()),
        ACCEPTED,
        false,
    );
}

#[test]
fn the_http_prelude_comes_first() {
    let prelude = "{\"statusCode\":201,\"headers\":{\"content-type\":\"text/plain\",\"x-note\":\"a \\\"quoted\\\" value\"},\"cookies\":[\"session=1; Secure\"]}";
    // The prelude's JSON and its NUL bytes are chunks of their own, before the first line's.
    let want = format!(
        "{}{:x}\r\n{prelude}\r\n8\r\n\0\0\0\0\0\0\0\0\r\n{}0\r\n\r\n",
        head("s1", "application/vnd.awslambda.http-integration-response"),
        prelude.len(),
        lines(0..2)
    );
    run(
        r#"{"lines":2,"http":true}"#,
        Want::Exact(want.into_bytes()),
        ACCEPTED,
        false,
    );
}

#[test]
fn a_dropped_connection_ends_the_invocation_and_the_runtime_goes_on() {
    let (notices, connects) = run(r#"{"lines":5,"dropAt":2}"#, Want::Any, b"", true);
    assert_eq!(notices, [Notice::StreamBroken]);
    assert_eq!(connects, 2);
}

#[test]
fn a_rejected_stream_is_a_notice() {
    let want = format!(
        "{}{}0\r\n\r\n",
        head("s1", "application/octet-stream"),
        lines(0..1)
    );
    let reply = reply(
        "413 Request Entity Too Large",
        r#"{"errorType":"RequestEntityTooLarge","errorMessage":"too large"}"#,
    );
    let (notices, connects) = run(
        r#"{"lines":1}"#,
        Want::Exact(want.into_bytes()),
        &reply,
        false,
    );
    assert_eq!(
        notices,
        [Notice::Status {
            endpoint: Endpoint::Response,
            status: 413
        }]
    );
    assert_eq!(connects, 2);
}

std::thread_local! {
    /// The body has reached its stall.
    static STALLED: core::cell::Cell<bool> = const { core::cell::Cell::new(false) };
}

/// A clock 1 s before the sim's deadline whose timers run out when the body stalls (the sim
/// never waits, so time passes only when nothing else can happen).
struct Late;

impl crate::deadline::Clock for Late {
    fn now_epoch_ms(&self) -> u64 {
        1_700_000_000_000 - 1000
    }

    async fn sleep_ms(&self, _: u64) {
        core::future::poll_fn(|_| {
            if STALLED.with(|s| s.replace(false)) {
                core::task::Poll::Ready(())
            } else {
                core::task::Poll::Pending
            }
        })
        .await;
    }
}

#[test]
fn a_deadline_mid_stream_ends_it_with_timeout_trailers() {
    use base64::Engine as _;
    let doc = r#"{"errorType":"Function.Timeout","errorMessage":"the handler did not finish in 900 ms, 100 ms before the invocation deadline; it was stopped"}"#;
    let mut b64 = [0u8; 512];
    let n = base64::engine::general_purpose::STANDARD
        .encode_slice(doc, &mut b64)
        .unwrap();
    let b64 = core::str::from_utf8(&b64[..n]).unwrap();
    let want = format!(
        "{}{}0\r\nLambda-Runtime-Function-Error-Type: Function.Timeout\r\nLambda-Runtime-Function-Error-Body: {b64}\r\n\r\n",
        head("s1", "application/octet-stream"),
        lines(0..2)
    );
    let script = [
        ex(
            Want::Exact(next_req()),
            &sim_event("s1", r#"{"lines":5,"stall":2}"#),
        ),
        ex(Want::Exact(want.into_bytes()), ACCEPTED),
        end(),
    ];
    for blocking in [false, true] {
        let sim = sim(&script, Split::At(7));
        let handler = crate::deadline::WithDeadline::new(Lines(None), Late, 100);
        let (stop, notices) = if blocking {
            drive_on::<_, true>(&sim, &handler, MIN_RX, TX, false)
        } else {
            drive_on::<_, false>(&sim, &handler, MIN_RX, TX, false)
        };
        assert!(
            matches!(stop, Stop::Session(Error::Status { status: 500, .. })),
            "{stop:?}"
        );
        assert!(sim.borrow().script.is_empty(), "blocking {blocking}");
        assert_eq!(notices, []);
    }
}

/// Items of a `futures_core::Stream`, handed out one per poll.
struct Items(std::vec::IntoIter<Result<&'static str, Fail>>);

impl futures_core::Stream for Items {
    type Item = Result<&'static str, Fail>;

    fn poll_next(
        mut self: core::pin::Pin<&mut Self>,
        _: &mut core::task::Context<'_>,
    ) -> core::task::Poll<Option<Self::Item>> {
        core::task::Poll::Ready(self.0.next())
    }
}

/// Streams the items of a `futures_core::Stream`, one chunk each.
struct FromStream;

impl Handler for FromStream {
    type Event<'a> = crate::handler::Raw<'a>;
    type Output<'a> = Streaming<crate::stream::Chunks<Items>>;
    type Error = Fail;

    async fn call<'a>(
        &'a self,
        _: crate::handler::Raw<'a>,
        _: &'a Context<'a>,
    ) -> Result<Self::Output<'a>, Fail> {
        let items = vec![Ok("ab"), Ok("cde"), Err(Fail::At(2))];
        Ok(Streaming(crate::stream::Chunks(Items(items.into_iter()))))
    }
}

#[test]
fn a_stream_of_chunks_sends_one_chunk_per_item_and_its_error_as_trailers() {
    use base64::Engine as _;
    let doc = r#"{"errorType":"Function.StreamFailed","errorMessage":"failed at 2"}"#;
    let mut b64 = [0u8; 128];
    let n = base64::engine::general_purpose::STANDARD
        .encode_slice(doc, &mut b64)
        .unwrap();
    let b64 = core::str::from_utf8(&b64[..n]).unwrap();
    let want = format!(
        "{}2\r\nab\r\n3\r\ncde\r\n0\r\nLambda-Runtime-Function-Error-Type: Function.StreamFailed\r\nLambda-Runtime-Function-Error-Body: {b64}\r\n\r\n",
        head("s1", "application/octet-stream"),
    );
    let script = [
        ex(Want::Exact(next_req()), &sim_event("s1", "{}")),
        ex(Want::Exact(want.into_bytes()), ACCEPTED),
        end(),
    ];
    for blocking in [false, true] {
        let sim = sim(&script, Split::At(7));
        let (stop, notices) = if blocking {
            drive_on::<_, true>(&sim, &FromStream, MIN_RX, TX, false)
        } else {
            drive_on::<_, false>(&sim, &FromStream, MIN_RX, TX, false)
        };
        assert!(
            matches!(stop, Stop::Session(Error::Status { status: 500, .. })),
            "{stop:?}"
        );
        assert!(sim.borrow().script.is_empty(), "blocking {blocking}");
        assert_eq!(notices, []);
    }
}
