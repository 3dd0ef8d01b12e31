//! Response streaming, one source on every transport: `{"lines": N}` streams `line 0\n` …
//! `line N-1\n`, each line written and flushed as its own chunk. With `{"lines": N,
//! "failAt": K}` it fails after K lines with `Function.StreamFailed` / `failed at K`, which
//! reaches Lambda as HTTP trailers after the K lines (with K = 0 nothing was streamed yet, so
//! it is an ordinary `/error` report). `"width": W` pads each line with spaces to W bytes
//! (newline included), for large streams in few chunks. Memory stays flat whatever N is.
#![allow(clippy::std_instead_of_core)]

use core::fmt;

use lambkin::stream::{StreamBody, StreamError, Streaming, Writer};
use lambkin::{Context, ErrorReport, Handler};

#[derive(serde::Deserialize)]
struct Ask {
    lines: u64,
    #[serde(rename = "failAt")]
    fail_at: Option<u64>,
    width: Option<usize>,
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
            match self.0.width {
                Some(width) => padded(out, i, width).await?,
                None => writeln!(out, "line {i}").await?,
            }
            out.flush().await?;
        }
        Ok(())
    }
}

/// `line i`, spaces, and the newline: `width` bytes in all (more if `line i` is longer).
async fn padded(out: &mut Writer<'_>, i: u64, width: usize) -> Result<(), StreamError> {
    const SPACES: [u8; 256] = [b' '; 256];
    let mut text = [0u8; 32];
    let mut cursor = std::io::Cursor::new(&mut text[..]);
    let _ = std::io::Write::write_fmt(&mut cursor, format_args!("line {i}"));
    let len = usize::try_from(cursor.position()).unwrap_or(0);
    out.write_all(text.get(..len).unwrap_or_default()).await?;
    let mut pad = width.saturating_sub(len + 1);
    while pad > 0 {
        let n = pad.min(SPACES.len());
        out.write_all(SPACES.get(..n).unwrap_or_default()).await?;
        pad -= n;
    }
    out.write_all(b"\n").await
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
