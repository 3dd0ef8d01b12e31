//! Response streaming, one source on every transport: `{"lines": N}` streams `line 0\n` …
//! `line N-1\n`, each line written and flushed as its own chunk. With `{"lines": N,
//! "failAt": K}` it fails after K lines with `Function.StreamFailed` / `failed at K`, which
//! reaches Lambda as HTTP trailers after the K lines (with K = 0 nothing was streamed yet, so
//! it is an ordinary `/error` report). Memory stays flat whatever N is.
#![allow(clippy::std_instead_of_core)]

use core::fmt;

use lambkin::stream::{StreamBody, StreamError, Streaming, Writer};
use lambkin::{Context, ErrorReport, Handler};

#[derive(serde::Deserialize)]
struct Ask {
    lines: u64,
    #[serde(rename = "failAt")]
    fail_at: Option<u64>,
}

struct Lines(Ask);

#[derive(Debug)]
enum Failed {
    At(u64),
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

impl StreamBody for Lines {
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

struct Stream;

impl Handler for Stream {
    type Event<'a> = Ask;
    type Output<'a> = Streaming<Lines>;
    type Error = core::convert::Infallible;

    async fn call<'a>(
        &'a self,
        ask: Ask,
        _: &'a Context<'a>,
    ) -> Result<Streaming<Lines>, Self::Error> {
        Ok(Streaming(Lines(ask)))
    }
}

fn main() {
    lambkin::run(Stream)
}
