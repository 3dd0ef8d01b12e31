//! Streamed responses on every transport, as the emulator sees them: chunks as the handler
//! flushes them, the error after the first chunk as trailers (never in the body), the HTTP
//! prelude, and a connection lost mid-stream that ends the invocation while the runtime goes on.

use core::fmt;
use std::time::Duration;

use lambkin_core::stream::{Http, StreamBody, StreamError, Streaming, Writer};
use lambkin_core::{Context, ErrorReport, Handler};
use lambkin_emulator::{Fault, Invocation, Outcome};
use serde_json::Value;

use crate::{Rig, Transport, WAIT, with_fault};

/// The event: how many lines, where to fail, whether to use the HTTP prelude.
#[derive(serde::Deserialize)]
pub struct Ask {
    lines: u32,
    #[serde(rename = "failAt")]
    fail_at: Option<u32>,
    http: Option<bool>,
}

/// `{"lines": N}` streams `line i\n` per chunk; `failAt` fails with `Function.StreamFailed`;
/// `http` puts the prelude first.
pub struct Lines;

/// The lines, written and flushed one by one.
pub struct Body(Ask);

/// Why the body stopped.
#[derive(Debug)]
pub enum Failed {
    /// Asked to fail before this line.
    At(u32),
    /// A write failed.
    Stream(StreamError),
}

impl From<StreamError> for Failed {
    fn from(e: StreamError) -> Self {
        Self::Stream(e)
    }
}

impl fmt::Display for Failed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::At(k) => write!(f, "failed at {k}"),
            Self::Stream(e) => e.fmt(f),
        }
    }
}

impl ErrorReport for Failed {
    fn error_type(&self) -> &str {
        match self {
            Self::At(_) => "Function.StreamFailed",
            Self::Stream(e) => e.error_type(),
        }
    }
}

impl StreamBody for Body {
    type Error = Failed;

    async fn write_to(self, out: &mut Writer<'_>) -> Result<(), Failed> {
        for i in 0..self.0.lines {
            if self.0.fail_at == Some(i) {
                return Err(Failed::At(i));
            }
            writeln!(out, "line {i}").await?;
            out.flush().await?;
        }
        Ok(())
    }
}

/// A raw stream or one behind the HTTP prelude: one output type for both.
pub enum Out {
    /// `application/octet-stream`.
    Raw(Body),
    /// Behind a 201 prelude with one header and one cookie.
    Http(Body),
}

impl StreamBody for Out {
    type Error = Failed;

    fn content_type(&self) -> &str {
        match self {
            Out::Raw(_) => lambkin_core::stream::OCTET_STREAM,
            Out::Http(_) => lambkin_core::stream::HTTP_INTEGRATION,
        }
    }

    async fn write_to(self, out: &mut Writer<'_>) -> Result<(), Failed> {
        match self {
            Out::Raw(body) => body.write_to(out).await,
            Out::Http(body) => {
                let http = Http {
                    status: 201,
                    headers: &[("content-type", "text/plain")],
                    cookies: &["a=1"],
                    body,
                };
                http.write_to(out).await
            }
        }
    }
}

impl Handler for Lines {
    type Event<'a> = Ask;
    type Output<'a> = Streaming<Out>;
    type Error = core::convert::Infallible;

    async fn call<'a>(
        &'a self,
        ask: Ask,
        _: &'a Context<'a>,
    ) -> Result<Streaming<Out>, Self::Error> {
        Ok(Streaming(if ask.http == Some(true) {
            Out::Http(Body(ask))
        } else {
            Out::Raw(Body(ask))
        }))
    }
}

fn rig<T: Transport>() -> Rig {
    Rig::with(1, WAIT, |rt| T::serve(rt, &Lines))
}

fn text(lines: core::ops::Range<u32>) -> String {
    lines.map(|i| format!("line {i}\n")).collect()
}

/// Invokes `event`; the outcome and what the emulator saw of the stream.
fn streamed(rig: &Rig, event: &str) -> (Outcome, lambkin_emulator::Streamed) {
    let pending = rig.emu.invoke(Invocation::new(event));
    let outcome = pending.wait(WAIT).expect("invocation finished");
    let seen = pending.streamed().expect("the response was streamed");
    (outcome, seen)
}

/// One line, one chunk.
pub fn stream_of_one_chunk<T: Transport>() {
    let rig = rig::<T>();
    let (outcome, seen) = streamed(&rig, r#"{"lines":1}"#);
    match outcome {
        Outcome::Response { body, .. } => assert_eq!(body, b"line 0\n", "{}", T::NAME),
        other => panic!("{}: {other:?}", T::NAME),
    }
    assert_eq!(seen.count, 1, "{}", T::NAME);
    assert_eq!(seen.content_type(), Some("application/octet-stream"));
    rig.stop();
}

/// 10,000 flushes arrive as 10,000 chunks, in order.
pub fn stream_of_ten_thousand_chunks<T: Transport>() {
    let rig = rig::<T>();
    let (outcome, seen) = streamed(&rig, r#"{"lines":10000}"#);
    let want = text(0..10_000);
    match outcome {
        Outcome::Response { body, .. } => assert!(body == want.as_bytes(), "{}", T::NAME),
        other => panic!("{}: {other:?}", T::NAME),
    }
    assert_eq!(seen.count, 10_000, "{}", T::NAME);
    assert_eq!(seen.bytes, want.len() as u64, "{}", T::NAME);
    rig.stop();
}

/// An error after K chunks reaches Lambda as the trailers, after the K chunks, and the body
/// carries only the lines; then the next invocation streams as usual.
pub fn stream_error_is_sent_as_trailers<T: Transport>() {
    let rig = rig::<T>();
    let pending = rig.emu.invoke(Invocation::new(r#"{"lines":5,"failAt":3}"#));
    let outcome = pending.wait(WAIT).expect("invocation finished");
    let Outcome::Error {
        error_type, body, ..
    } = outcome
    else {
        panic!("{}: {outcome:?}", T::NAME);
    };
    assert_eq!(error_type, "Function.StreamFailed", "{}", T::NAME);
    let doc: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(doc["errorMessage"], "failed at 3", "{}", T::NAME);
    let seen = pending.streamed().unwrap();
    assert_eq!(
        seen.body,
        text(0..3).as_bytes(),
        "{}: only the lines",
        T::NAME
    );
    let request = rig
        .emu
        .requests()
        .into_iter()
        .rfind(|r| r.path.ends_with("/response"))
        .unwrap();
    let trailer = |name: &str| {
        request
            .trailers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    assert_eq!(
        trailer("Lambda-Runtime-Function-Error-Type").as_deref(),
        Some("Function.StreamFailed"),
        "{}: {:?}",
        T::NAME,
        request.trailers
    );
    assert!(trailer("Lambda-Runtime-Function-Error-Body").is_some());
    let (again, _) = streamed(&rig, r#"{"lines":2}"#);
    assert!(
        matches!(again, Outcome::Response { .. }),
        "{}: {again:?}",
        T::NAME
    );
    rig.stop();
}

/// The prelude travels first, with the content type Lambda's HTTP integration reads.
pub fn stream_with_the_http_prelude<T: Transport>() {
    let rig = rig::<T>();
    let (outcome, seen) = streamed(&rig, r#"{"lines":2,"http":true}"#);
    assert!(seen.has_prelude(), "{}: {:?}", T::NAME, seen.headers);
    let Outcome::Response { body, .. } = outcome else {
        panic!("{}: {outcome:?}", T::NAME);
    };
    let prelude =
        br#"{"statusCode":201,"headers":{"content-type":"text/plain"},"cookies":["a=1"]}"#;
    let mut want = prelude.to_vec();
    want.extend_from_slice(&[0; 8]);
    want.extend_from_slice(text(0..2).as_bytes());
    assert_eq!(body, want, "{}", T::NAME);
    rig.stop();
}

/// The Runtime API drops the connection as the stream begins: the invocation is lost to
/// Lambda's timeout, as on AWS, and the runtime takes the next event on a new connection.
pub fn stream_cut_off_ends_the_invocation_and_the_runtime_goes_on<T: Transport>() {
    let rig = Rig::with(1, Duration::from_secs(2), |rt| T::serve(rt, &Lines));
    let fault = Fault {
        drop_mid_response: true,
        ..Fault::default()
    };
    let cut = rig.invoke(with_fault(r#"{"lines":50}"#, fault));
    assert!(matches!(cut, Outcome::TimedOut), "{}: {cut:?}", T::NAME);
    let (next, _) = streamed(&rig, r#"{"lines":2}"#);
    match next {
        Outcome::Response { body, .. } => assert_eq!(body, text(0..2).as_bytes()),
        other => panic!("{}: {other:?}", T::NAME),
    }
    rig.stop();
}

/// The Runtime API refuses the stream as it begins (a 413, say) and reads the rest to drop it:
/// the invocation ends with that answer and the runtime takes the next event.
pub fn stream_refused_mid_way_and_the_runtime_goes_on<T: Transport>() {
    let rig = rig::<T>();
    let fault = Fault {
        response_status: Some(413),
        ..Fault::default()
    };
    let refused = rig.invoke(with_fault(r#"{"lines":1000}"#, fault));
    assert!(
        matches!(refused, Outcome::Rejected { status: 413 }),
        "{}: {refused:?}",
        T::NAME
    );
    let (next, _) = streamed(&rig, r#"{"lines":2}"#);
    match next {
        Outcome::Response { body, .. } => assert_eq!(body, text(0..2).as_bytes()),
        other => panic!("{}: {other:?}", T::NAME),
    }
    rig.stop();
}
