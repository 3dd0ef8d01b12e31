//! [`StreamAdapter`]: a tower HTTP service whose response body goes to the client as it is
//! produced, through Lambda's response streaming (function URLs in `RESPONSE_STREAM` mode,
//! `InvokeWithResponseStream`, API Gateway's streamed proxy integration).

use core::fmt;
use core::future::poll_fn;
use core::pin::pin;

use bytes::{Buf, Bytes};
use http::HeaderMap;
use http::header::{CONTENT_TYPE, HeaderName, SET_COOKIE};
use lambkin_core::Handler;
use lambkin_core::stream::{HTTP_INTEGRATION, OCTET_STREAM, StreamBody, Streaming, Writer};
use lambkin_host::owned::{IntoReport, Report};
use tower_service::Service;

use crate::adapter::{BODY_ERROR, Served, failure, invalid_header};
use crate::{Adapter, EventBytes, Request};

/// A tower service taking [`Request`]s as a streaming [`Handler`]: what
/// [`run_with_streaming_response`](crate::run_with_streaming_response) runs, lambda_http's
/// `StreamAdapter`.
///
/// The request is built, and the service called, exactly as [`Adapter`] does it (extensions,
/// the trace header, [`OnError`](crate::OnError), pass-through); build an `Adapter` to change
/// those options and turn it into a stream adapter with [`Adapter::streaming`]. Then the
/// response goes out as a stream instead of being collected:
///
/// - First Lambda's HTTP-integration prelude, as its own chunk: the status, the headers (a
///   repeated header's values joined with `,`, as function URLs and HTTP APIs join them in a
///   buffered response; function URLs take one string per header) and the `Set-Cookie` values
///   as `cookies`. The client gets the status and headers before the body's first byte.
/// - Then the body, frame by frame: each data frame is written and flushed as one chunk
///   (frames over 64 KiB as several), so a body that yields slowly reaches the client as it
///   yields, and memory stays flat. Trailer frames are dropped: Lambda has no way to forward
///   HTTP trailers to the client.
/// - A body that fails ends the stream with the error trailers (`Function.ResponseBodyError`
///   and the error's text), never with the text in the body; the status has gone out by then,
///   so this holds whatever `OnError` says. A failure before the stream starts (no request,
///   the service's error, a response header that is not UTF-8) follows `OnError` as with
///   `Adapter`: reported to `/error`, or a streamed `500`.
/// - A pass-through event (no HTTP request; feature `pass-through`) has no client to take a
///   prelude: its response body streams alone, with the response's `Content-Type`.
#[derive(Clone)]
pub struct StreamAdapter<S> {
    adapter: Adapter<S>,
}

impl<S: fmt::Debug> fmt::Debug for StreamAdapter<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("StreamAdapter").field(&self.adapter).finish()
    }
}

impl<S> StreamAdapter<S> {
    /// `service` with [`Adapter::new`]'s defaults.
    pub fn new(service: S) -> Self {
        Adapter::new(service).streaming()
    }
}

impl<S> Adapter<S> {
    /// This adapter, with its options, streaming its responses; see [`StreamAdapter`].
    pub fn streaming(self) -> StreamAdapter<S> {
        StreamAdapter { adapter: self }
    }
}

impl<S, B> Handler for StreamAdapter<S>
where
    S: Service<Request, Response = http::Response<B>> + Clone,
    S::Error: IntoReport,
    B: http_body::Body,
    B::Error: fmt::Display,
{
    type Event<'a>
        = EventBytes<'a>
    where
        Self: 'a;
    type Output<'a>
        = Streaming<ResponseStream<B>>
    where
        Self: 'a;
    type Error = Report;

    async fn call<'a>(
        &'a self,
        event: EventBytes<'a>,
        ctx: &'a lambkin_core::Context<'a>,
    ) -> Result<Streaming<ResponseStream<B>>, Report> {
        let Served { origin, response } = self.adapter.serve(event.0, ctx).await;
        let raw = origin.is_none();
        let stream = response.and_then(|r| ResponseStream::new(r, Payload::Service, raw));
        match stream {
            Ok(stream) => Ok(Streaming(stream)),
            Err(report) => {
                let answer = self.adapter.recover(origin, report, ctx)?;
                ResponseStream::new(answer, Payload::Fixed, raw).map(Streaming)
            }
        }
    }
}

/// A service's response as [`StreamAdapter`] streams it: the prelude, then the body.
pub struct ResponseStream<B> {
    prelude: Prelude,
    /// No prelude: the body alone (a pass-through event's response).
    raw: bool,
    body: Payload<B>,
}

impl<B> fmt::Debug for ResponseStream<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseStream")
            .field("prelude", &self.prelude)
            .field("raw", &self.raw)
            .finish_non_exhaustive()
    }
}

/// The body to stream: the service's, or the adapter's own `500`.
enum Payload<B> {
    Service(B),
    Fixed(Bytes),
}

impl<B> ResponseStream<B> {
    /// The prelude of `response`'s parts, and its body as `payload` makes it.
    fn new<T>(
        response: http::Response<T>,
        payload: fn(T) -> Payload<B>,
        raw: bool,
    ) -> Result<Self, Report> {
        let (parts, body) = response.into_parts();
        Ok(Self {
            prelude: Prelude::of(parts.status, &parts.headers)?,
            raw,
            body: payload(body),
        })
    }
}

/// What Lambda's HTTP-integration prelude says, every value checked to be UTF-8 (a JSON
/// string cannot hold other bytes).
#[derive(Debug, PartialEq, Eq)]
struct Prelude {
    status: u16,
    /// A repeated header's values joined with `,`.
    headers: Vec<(HeaderName, String)>,
    /// The `Set-Cookie` values, apart: cookies cannot be comma-joined, and the prelude has a
    /// list for them.
    cookies: Vec<String>,
}

impl Prelude {
    fn of(status: http::StatusCode, map: &HeaderMap) -> Result<Self, Report> {
        let text = |name: &HeaderName, value: &http::HeaderValue| {
            std::str::from_utf8(value.as_bytes())
                .map(str::to_owned)
                .map_err(|_| invalid_header(name))
        };
        let mut headers = Vec::with_capacity(map.keys_len());
        let mut cookies = Vec::new();
        for name in map.keys() {
            let mut values = map.get_all(name).iter().map(|v| text(name, v));
            if name == SET_COOKIE {
                cookies = values.collect::<Result<_, _>>()?;
                continue;
            }
            let mut joined = values.next().transpose()?.unwrap_or_default();
            for value in values {
                joined.push(',');
                joined.push_str(&value?);
            }
            headers.push((name.clone(), joined));
        }
        Ok(Self {
            status: status.as_u16(),
            headers,
            cookies,
        })
    }
}

impl<B> StreamBody for ResponseStream<B>
where
    B: http_body::Body,
    B::Error: fmt::Display,
{
    type Error = Report;

    fn content_type(&self) -> &str {
        if !self.raw {
            return HTTP_INTEGRATION;
        }
        self.prelude
            .headers
            .iter()
            .find_map(|(name, value)| (name == CONTENT_TYPE).then_some(value.as_str()))
            .unwrap_or(OCTET_STREAM)
    }

    async fn write_to(self, out: &mut Writer<'_>) -> Result<(), Report> {
        // A failed write is remembered by the writer and decides the outcome (the stream is
        // then over), so the body stops at the first one and reports nothing itself.
        if !self.raw {
            let Prelude {
                status,
                headers,
                cookies,
            } = &self.prelude;
            let headers = headers.iter().map(|(n, v)| (n.as_str(), v.as_str()));
            let cookies = cookies.iter().map(String::as_str);
            // Its own chunk: the client has the status and headers before the body's first
            // byte (a server-sent event stream may wait long for it).
            if out.write_prelude(*status, headers, cookies).await.is_err()
                || out.flush().await.is_err()
            {
                return Ok(());
            }
        }
        match self.body {
            Payload::Service(body) => frames(body, out).await,
            Payload::Fixed(bytes) => {
                send(bytes, out).await;
                Ok(())
            }
        }
    }
}

/// Streams `body` frame by frame, each data frame flushed as its own chunk; a body error ends
/// the stream with it.
async fn frames<B>(body: B, out: &mut Writer<'_>) -> Result<(), Report>
where
    B: http_body::Body,
    B::Error: fmt::Display,
{
    let mut body = pin!(body);
    while let Some(frame) = poll_fn(|cx| body.as_mut().poll_frame(cx)).await {
        let frame = frame.map_err(|e| failure(BODY_ERROR, e))?;
        // Trailer frames are dropped: a streamed response's trailers are Lambda's own (the
        // error trailers), and nothing forwards the service's to the client.
        if let Ok(data) = frame.into_data()
            && !send(data, out).await
        {
            return Ok(());
        }
    }
    Ok(())
}

/// Writes all of `data` and flushes it as one chunk; false once the stream has failed.
async fn send(mut data: impl Buf, out: &mut Writer<'_>) -> bool {
    while data.has_remaining() {
        let chunk = data.chunk();
        let n = chunk.len();
        if n == 0 {
            // A `Buf` that claims more but shows nothing: no progress is possible.
            break;
        }
        if out.write_all(chunk).await.is_err() {
            return false;
        }
        data.advance(n);
    }
    out.flush().await.is_ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// (response headers, the prelude's headers and cookies, or the error message)
    type Case = (
        &'static [(&'static str, &'static [u8])],
        Result<
            (
                &'static [(&'static str, &'static str)],
                &'static [&'static str],
            ),
            &'static str,
        >,
    );

    #[test]
    fn prelude_joins_repeats_and_keeps_cookies_apart() {
        #[rustfmt::skip]
        const CASES: &[Case] = &[
            (&[], Ok((&[], &[]))),
            (&[("content-type", b"text/plain")], Ok((&[("content-type", "text/plain")], &[]))),
            (&[("x-a", b"1"), ("x-a", b"2"), ("x-a", b"3")], Ok((&[("x-a", "1,2,3")], &[]))),
            (&[("x-e", b"")], Ok((&[("x-e", "")], &[]))),
            (&[("set-cookie", b"a=1"), ("vary", b"accept"), ("set-cookie", b"b=2; Path=/")],
             Ok((&[("vary", "accept")], &["a=1", "b=2; Path=/"]))),
            // UTF-8 beyond ASCII goes out; other bytes cannot be a JSON string.
            (&[("x-name", "café".as_bytes())], Ok((&[("x-name", "café")], &[]))),
            (&[("x-name", b"caf\xe9")], Err("response header `x-name` is not UTF-8")),
            (&[("x-a", b"1"), ("x-a", b"\xff")], Err("response header `x-a` is not UTF-8")),
            (&[("set-cookie", b"a=\xff")], Err("response header `set-cookie` is not UTF-8")),
        ];
        for (input, want) in CASES {
            let mut map = HeaderMap::new();
            for (name, value) in *input {
                map.append(*name, http::HeaderValue::from_bytes(value).unwrap());
            }
            let got = Prelude::of(http::StatusCode::CREATED, &map);
            match (got, want) {
                (Ok(p), Ok((headers, cookies))) => {
                    assert_eq!(p.status, 201);
                    let h: Vec<_> = p
                        .headers
                        .iter()
                        .map(|(n, v)| (n.as_str(), v.as_str()))
                        .collect();
                    assert_eq!(h, *headers, "{input:?}");
                    assert_eq!(p.cookies, *cookies, "{input:?}");
                }
                (Err(e), Err(message)) => {
                    assert_eq!(
                        lambkin_core::ErrorReport::error_type(&e),
                        "Function.InvalidResponseHeader"
                    );
                    assert_eq!(e.to_string(), *message);
                }
                (got, want) => panic!("{input:?}: got {got:?}, want {want:?}"),
            }
        }
    }
}
