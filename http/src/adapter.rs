//! [`Adapter`]: a tower HTTP service as a lambkin [`Handler`].

use core::fmt;
use core::future::poll_fn;
use core::pin::pin;

use bytes::{Buf, BufMut, Bytes};
use lambkin_core::json::EncodeError;
use lambkin_core::{FromBody, Handler, IntoBody};
use lambkin_events::http::{HttpError, Options, Origin};
use lambkin_host::owned::{Diagnostic, IntoReport, Report, SharedConfig};
use tower_service::Service;

use crate::Request;
use crate::request::{Built, build};
use crate::source::Spare;

/// What happens when a request cannot be served: the event is not a valid HTTP request, the
/// service fails, or its response body cannot be read or sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum OnError {
    /// Report the failure to Lambda's `/error` (the default, as lambda_http does): the
    /// invocation counts as an error in Lambda's metrics, and API Gateway, ALB or the function
    /// URL answer the client 502.
    #[default]
    Report,
    /// Answer `500 Internal Server Error` in the request's shape and log the failure to stderr
    /// (CloudWatch). An event whose shape is unknown still goes to `/error`: there is no shape
    /// to answer in.
    InternalServerError,
}

/// A tower service taking [`Request`]s as a [`Handler`]: what [`run`](crate::run) runs.
///
/// Build one to run it with the facade's transport (`lambkin::run(Adapter::new(router))`) or to
/// change its options.
#[derive(Clone)]
pub struct Adapter<S> {
    service: S,
    config: SharedConfig,
    options: Options,
    on_error: OnError,
    pass_through: bool,
    /// The buffer of the last event's copy, for the next.
    spare: Spare,
}

impl<S: fmt::Debug> fmt::Debug for Adapter<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Adapter")
            .field("service", &self.service)
            .field("options", &self.options)
            .field("on_error", &self.on_error)
            .field("pass_through", &self.pass_through)
            .finish_non_exhaustive()
    }
}

/// The conversion options the environment asks for: `AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH`
/// set (to any value, as lambda_http reads it) keeps the stage out of the path.
pub(crate) fn env_options() -> Options {
    let ignore = std::env::var_os("AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH").is_some();
    Options::default().stage_in_path(!ignore)
}

impl<S> Adapter<S> {
    /// `service` with the defaults: errors reported to `/error`, the stage prefix as
    /// `AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH` says, pass-through as the crate feature says.
    pub fn new(service: S) -> Self {
        Self {
            service,
            config: SharedConfig::default(),
            options: env_options(),
            on_error: OnError::default(),
            pass_through: cfg!(feature = "pass-through"),
            spare: Spare::default(),
        }
    }

    /// Sets what a failure becomes; see [`OnError`].
    #[must_use]
    pub fn on_error(mut self, on_error: OnError) -> Self {
        self.on_error = on_error;
        self
    }

    /// Whether API Gateway's stage is put in front of the path (overrides the environment).
    #[must_use]
    pub fn stage_in_path(mut self, on: bool) -> Self {
        self.options = self.options.stage_in_path(on);
        self
    }

    /// Whether events that are not HTTP requests reach the service as `POST /events` with the
    /// event as a JSON body (overrides the `pass-through` feature).
    #[must_use]
    pub fn pass_through(mut self, on: bool) -> Self {
        self.pass_through = on;
        self
    }
}

/// The invocation body, decoded by the adapter itself (so a bad event can still be answered).
#[derive(Debug)]
pub struct EventBytes<'a>(pub(crate) &'a mut [u8]);

impl<'a> FromBody<'a> for EventBytes<'a> {
    fn from_body(body: &'a mut [u8]) -> Result<Self, lambkin_core::json::DecodeError> {
        Ok(Self(body))
    }
}

/// The service's response, collected, and the shape to answer in (`None`: pass-through).
#[derive(Debug)]
pub struct Reply {
    origin: Option<Origin>,
    response: http::Response<Bytes>,
}

impl Reply {
    /// The collected response.
    pub fn response(&self) -> &http::Response<Bytes> {
        &self.response
    }
}

impl IntoBody for Reply {
    fn write_body(&self, out: &mut [u8]) -> Result<usize, EncodeError> {
        match self.origin {
            Some(origin) => {
                let mut scratch = String::new();
                let shaped = origin
                    .encode_response(&self.response, &mut scratch)
                    .map_err(<EncodeError as serde::ser::Error>::custom)?;
                lambkin_core::json::to_slice(&shaped, out)
            }
            // lambda_http's rule: a text body (text as the HTTP shapes decide: not one with a
            // binary content type or a content encoding) that is JSON is the response;
            // anything else `null`. The JSON goes out as the service wrote it.
            None => {
                let body = self.response.body();
                let json = lambkin_events::http::text_body(self.response.headers(), body)
                    .and_then(|t| serde_json::from_str::<serde::de::IgnoredAny>(t).ok())
                    .is_some();
                let bytes: &[u8] = if json { body } else { b"null" };
                lambkin_core::Raw(bytes).write_body(out)
            }
        }
    }
}

/// Why a request was not served, as Lambda's `/error` reports it.
pub(crate) fn failure(error_type: &str, message: impl fmt::Display) -> Report {
    Diagnostic::new(error_type, message.to_string()).into_report()
}

/// The `errorType` of a response body that failed while it was read.
pub(crate) const BODY_ERROR: &str = "Function.ResponseBodyError";

/// A response header value that is not UTF-8: UTF-8 beyond ASCII is sent (a JSON string holds
/// it, and lambda_http sends it); other bytes cannot be put in the response JSON or prelude.
/// Checked before anything is sent, so a bad header is the service's failure.
pub(crate) fn invalid_header(name: &http::HeaderName) -> Report {
    failure(
        "Function.InvalidResponseHeader",
        format_args!("response header `{name}` is not UTF-8"),
    )
}

/// What serving one event gave, before the response body is read: the service's response or
/// why there is none, and the shape to answer in (`None`: pass-through).
pub(crate) struct Served<B> {
    pub(crate) origin: Option<Origin>,
    pub(crate) response: Result<http::Response<B>, Report>,
}

impl<S> Adapter<S> {
    /// Builds the request from the event in `event` (with the trace header and the Lambda
    /// context) and calls a clone of the service once it is ready: everything an invocation
    /// does before the response body is read, the same for buffered and streamed responses.
    pub(crate) async fn serve<B>(
        &self,
        event: &mut [u8],
        ctx: &lambkin_core::Context<'_>,
    ) -> Served<B>
    where
        S: Service<Request, Response = http::Response<B>> + Clone,
        S::Error: IntoReport,
    {
        let Built {
            mut request,
            origin,
        } = match build(
            event,
            &self.options,
            self.pass_through,
            ctx.trace_id,
            &self.spare,
        ) {
            Ok(built) => built,
            Err((e, origin)) => {
                return Served {
                    origin,
                    response: Err(failure(request_error_type(e), e)),
                };
            }
        };
        request.extensions_mut().insert(self.config.context(ctx));

        let mut service = self.service.clone();
        let response = async {
            poll_fn(|cx| service.poll_ready(cx))
                .await
                .map_err(IntoReport::into_report)?;
            service.call(request).await.map_err(IntoReport::into_report)
        };
        Served {
            origin,
            response: response.await,
        }
    }

    /// What a failure becomes: with [`OnError::InternalServerError`] and a known shape, the
    /// `500` response to answer (the failure logged to stderr); else the report for `/error`.
    pub(crate) fn recover(
        &self,
        origin: Option<Origin>,
        report: Report,
        ctx: &lambkin_core::Context<'_>,
    ) -> Result<http::Response<Bytes>, Report> {
        match (self.on_error, origin) {
            (OnError::InternalServerError, Some(_)) => {
                std::eprintln!(
                    "lambkin-http: invocation {}: answered 500: {}: {report}",
                    ctx.request_id,
                    lambkin_core::ErrorReport::error_type(&report)
                );
                let mut response =
                    http::Response::new(Bytes::from_static(b"Internal Server Error"));
                *response.status_mut() = http::StatusCode::INTERNAL_SERVER_ERROR;
                response.headers_mut().insert(
                    http::header::CONTENT_TYPE,
                    http::HeaderValue::from_static("text/plain"),
                );
                Ok(response)
            }
            _ => Err(report),
        }
    }
}

impl<S, B> Handler for Adapter<S>
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
        = Reply
    where
        Self: 'a;
    type Error = Report;

    async fn call<'a>(
        &'a self,
        event: EventBytes<'a>,
        ctx: &'a lambkin_core::Context<'a>,
    ) -> Result<Reply, Report> {
        let Served { origin, response } = self.serve(event.0, ctx).await;
        let collected = async {
            let (parts, body) = response?.into_parts();
            let bytes = to_bytes(body).await.map_err(|e| failure(BODY_ERROR, e))?;
            if let Some(name) = parts
                .headers
                .iter()
                .find_map(|(n, v)| std::str::from_utf8(v.as_bytes()).is_err().then_some(n))
            {
                return Err(invalid_header(name));
            }
            Ok(http::Response::from_parts(parts, bytes))
        };
        let response = match collected.await {
            Ok(response) => response,
            Err(report) => self.recover(origin, report, ctx)?,
        };
        Ok(Reply { origin, response })
    }
}

/// The body's data frames as one `Bytes`, as `BodyExt::collect` then `to_bytes` give them
/// (trailers dropped), without a list of frames: a body of one frame (axum's `Json`, a
/// `String`, `Full`) is that frame, not copied; several are joined.
async fn to_bytes<B: http_body::Body>(body: B) -> Result<Bytes, B::Error> {
    let mut body = pin!(body);
    let mut first = Bytes::new();
    let mut joined: Option<Vec<u8>> = None;
    while let Some(frame) = poll_fn(|cx| body.as_mut().poll_frame(cx)).await {
        let Ok(mut data) = frame?.into_data() else {
            continue;
        };
        if !data.has_remaining() {
            continue;
        }
        match &mut joined {
            Some(all) => all.put(data),
            None if first.is_empty() => first = data.copy_to_bytes(data.remaining()),
            None => {
                let mut all = Vec::with_capacity(first.len() + data.remaining());
                all.extend_from_slice(&first);
                all.put(data);
                joined = Some(all);
            }
        }
    }
    Ok(joined.map_or(first, Bytes::from))
}

/// The `errorType` of an event that did not become a request.
fn request_error_type(e: HttpError) -> &'static str {
    match e {
        HttpError::UnknownShape => "Runtime.UnknownHttpEvent",
        HttpError::InvalidBase64 => "Runtime.InvalidBase64Body",
        _ => "Runtime.InvalidHttpEvent",
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// `event` through `adapter`: the response bytes, or the error type reported.
    fn invoke<S, B>(adapter: &Adapter<S>, event: &[u8]) -> Result<Vec<u8>, String>
    where
        S: Service<Request, Response = http::Response<B>> + Clone,
        S::Error: IntoReport,
        B: http_body::Body,
        B::Error: fmt::Display,
    {
        let config = lambkin_core::Config::from_lookup(|var| {
            (var == "AWS_LAMBDA_RUNTIME_API").then_some("127.0.0.1:9001")
        })
        .unwrap();
        let ctx = lambkin_core::Context::new("req-1", &config);
        let mut event = event.to_vec();
        let event = EventBytes::from_body(&mut event).unwrap();
        let reply = lambkin_host::block_on(adapter.call(event, &ctx))
            .map_err(|r| lambkin_core::ErrorReport::error_type(&r).to_owned())?;
        let mut out = vec![0u8; 1024];
        let n = reply.write_body(&mut out).unwrap();
        Ok(out.get(..n).unwrap().to_vec())
    }

    /// A service answering `body` with these headers.
    fn answering(
        headers: &'static [(&'static str, &'static [u8])],
        body: &'static str,
    ) -> Adapter<
        impl Service<Request, Response = http::Response<String>, Error = core::convert::Infallible>
        + Clone,
    > {
        Adapter::new(crate::service_fn(move |_req| async move {
            let mut response = http::Response::builder();
            for (name, value) in headers {
                response = response.header(*name, http::HeaderValue::from_bytes(value).unwrap());
            }
            Ok::<_, core::convert::Infallible>(response.body(body.to_owned()).unwrap())
        }))
    }

    const HTTP_API: &[u8] = br#"{"version":"2.0","rawPath":"/","headers":{"host":"x.example"},
        "requestContext":{"http":{"method":"GET"},"stage":"$default"}}"#;

    /// UTF-8 beyond ASCII is sent as it is (as lambda_http sends it); bytes that are not UTF-8
    /// cannot be a JSON string, so the invocation fails.
    #[test]
    fn header_values_must_be_utf8() {
        const UTF8: &[(&str, &[u8])] =
            &[("x-name", "attachment; filename=\"café.txt\"".as_bytes())];
        let sent = invoke(&answering(UTF8, ""), HTTP_API).unwrap();
        let sent: serde_json::Value = serde_json::from_slice(&sent).unwrap();
        assert_eq!(
            sent["headers"]["x-name"],
            "attachment; filename=\"café.txt\""
        );
        let latin1 = answering(&[("x-name", b"caf\xe9")], "");
        assert_eq!(
            invoke(&latin1, HTTP_API).unwrap_err(),
            "Function.InvalidResponseHeader"
        );
    }

    /// Pass-through answers with a JSON body only when it is text (as lambda_http decides
    /// by the content type and encoding), else `null`.
    #[test]
    fn pass_through_answers_json_text_only() {
        const JSON: &str = r#"{"ok": true}"#;
        /// (response headers, body, the invocation's response)
        type Case = (
            &'static [(&'static str, &'static [u8])],
            &'static str,
            &'static str,
        );
        #[rustfmt::skip]
        const CASES: &[Case] = &[
            (&[("content-type", b"application/json")], JSON, JSON),
            (&[], JSON, JSON),
            (&[("content-type", b"text/plain")], JSON, JSON),
            (&[("content-type", b"text/plain")], "hello", "null"),
            (&[("content-type", b"application/octet-stream")], JSON, "null"),
            (&[("content-type", b"application/json"), ("content-encoding", b"gzip")], JSON, "null"),
            (&[], "", "null"),
        ];
        for (headers, body, want) in CASES {
            let adapter = answering(headers, body).pass_through(true);
            let out = invoke(&adapter, br#"{"firstName":"Ana"}"#).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), *want, "{headers:?} {body}");
        }
    }

    /// One frame is passed on as it is; several are joined; empty data and trailer frames
    /// add nothing; an error ends it.
    /// The buffer of the event's copy is reused only when no request holds a part of it: a
    /// header value (a slice of the copy) a service keeps from one invocation still reads the
    /// same after the next ones, which reuse one buffer among themselves.
    #[test]
    fn kept_header_values_survive_later_invocations() {
        use std::sync::{Arc, Mutex};
        let seen: Arc<Mutex<Vec<http::HeaderValue>>> = Arc::default();
        let record = seen.clone();
        let adapter = Adapter::new(crate::service_fn(move |req: Request| {
            let record = record.clone();
            async move {
                let value = req.headers()["x-v"].clone();
                let answer = value.to_str().unwrap().to_owned();
                record.lock().unwrap().push(value);
                Ok::<_, core::convert::Infallible>(http::Response::new(answer))
            }
        }));
        let event = |v: &str| {
            format!(
                r#"{{"version":"2.0","rawPath":"/","headers":{{"host":"x.example","x-v":"{v}"}},
                "requestContext":{{"http":{{"method":"GET"}},"stage":"$default"}}}}"#
            )
        };
        let first = invoke(&adapter, event("first").as_bytes()).unwrap();
        assert!(String::from_utf8(first).unwrap().contains("first"));
        // Only the first value is kept; the others are dropped after each invocation.
        let kept = seen.lock().unwrap().pop().unwrap();
        let mut at = Vec::new();
        for v in ["secnd", "third", "forth"] {
            let out = invoke(&adapter, event(v).as_bytes()).unwrap();
            assert!(String::from_utf8(out).unwrap().contains(v));
            let value = seen.lock().unwrap().pop().unwrap();
            assert_eq!(value, v);
            at.push(value.as_bytes().as_ptr());
        }
        assert_eq!(kept, "first");
        assert_ne!(kept.as_bytes().as_ptr(), at[0], "a held buffer was reused");
        assert_eq!(
            (at[1], at[2]),
            (at[0], at[0]),
            "a free buffer was not reused"
        );
    }

    #[test]
    fn to_bytes_joins_frames() {
        use http_body::Frame;
        type Frames = Vec<Result<Frame<Bytes>, &'static str>>;
        let collect = |frames: Frames| {
            let body = http_body_util::StreamBody::new(futures_util::stream::iter(frames));
            lambkin_host::block_on(to_bytes(body))
        };
        let one = Bytes::from_static(b"hello");
        let got = collect(vec![Ok(Frame::data(one.clone()))]).unwrap();
        assert_eq!(got.as_ptr(), one.as_ptr());
        let mut trailers = http::HeaderMap::new();
        trailers.insert("x-t", http::HeaderValue::from_static("1"));
        let got = collect(vec![
            Ok(Frame::data(Bytes::new())),
            Ok(Frame::data(Bytes::from_static(b"ab"))),
            Ok(Frame::data(Bytes::from_static(b"c"))),
            Ok(Frame::trailers(trailers)),
            Ok(Frame::data(Bytes::from_static(b"d"))),
        ]);
        assert_eq!(got.unwrap(), "abcd");
        assert_eq!(collect(vec![]).unwrap(), "");
        let failed = collect(vec![Ok(Frame::data(one)), Err("broken")]);
        assert_eq!(failed.unwrap_err(), "broken");
    }

    /// Pass-through takes any JSON document that is no HTTP request, as lambda_http does, not
    /// only objects the HTTP decoder reads: arrays, scalars, and events whose fields collide
    /// with HTTP fields in type. A broken HTTP request (its shape known) is still refused.
    #[test]
    fn pass_through_takes_any_json() {
        let echo = Adapter::new(crate::service_fn(|req: Request| async move {
            let body = match req.body() {
                crate::Body::Text(t) => t.clone(),
                _ => String::new(),
            };
            let seen = serde_json::json!({"method": req.method().as_str(), "uri": req.uri().to_string(), "body": body});
            Ok::<_, core::convert::Infallible>(http::Response::new(seen.to_string()))
        }))
        .pass_through(true);
        const EVENTS: &[&str] = &[
            "[1,2,3]",
            r#""just a string""#,
            "42",
            "null",
            r#"{"version":2,"triggerSource":"PreSignUp_SignUp"}"#,
            r#"{"headers":["a"]}"#,
        ];
        for event in EVENTS {
            let out = invoke(&echo, event.as_bytes()).unwrap();
            let seen: serde_json::Value = serde_json::from_slice(&out).unwrap();
            assert_eq!(seen["method"], "POST", "{event}");
            assert_eq!(seen["uri"], "/events", "{event}");
            assert_eq!(seen["body"], *event, "{event}");
        }
        let bad_base64 = br#"{"version":"2.0","rawPath":"/","requestContext":{"http":{"method":"GET"}},"body":"@@","isBase64Encoded":true}"#;
        assert_eq!(
            invoke(&echo, bad_base64).unwrap_err(),
            "Runtime.InvalidBase64Body"
        );
    }
}
