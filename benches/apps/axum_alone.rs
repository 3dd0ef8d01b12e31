//! The HTTP benchmark's app with no runtime at all: `benches/apps/axum_app.rs` called in a loop
//! on the request the benchmark's event describes, built in memory, as any runtime would have
//! to hand it over (built by `benches/src/subjects.rs` as a plain crate: axum, serde,
//! serde_json, tower-service; no Lambda runtime). What Valgrind counts per request here is a
//! floor under every runtime's figure for this app: the app's own work, plus the least a
//! request and its response can cost (a header map, a body, reading the answer's frames).
//! Left out on purpose, as runtime work the app reads none of: the request's extensions (the
//! Lambda and request contexts) and the invocation's `X-Amzn-Trace-Id`.
//!
//! `axum-alone N` serves N requests and prints the last answer's body; it fails on any answer
//! that is not `201`.

#[path = "axum_app.rs"]
mod axum_app;

use std::future::Future;
use std::pin::pin;
use std::process::ExitCode;
use std::task::{Context, Poll, Waker};

use axum::Router;
use axum::body::{Body, Bytes, HttpBody};
use axum::http::header::{COOKIE, HeaderName, HeaderValue};
use axum::http::{HeaderMap, Method, Request, StatusCode, Uri};
use tower_service::Service;

const EVENT: &str = include_str!("../events/http_v2_1k.json");

/// The app's futures never wait (no I/O, no timers), so each is polled to the end here: a
/// runtime's scheduling is exactly what this binary leaves out. One that stays pending could
/// never be woken (the waker does nothing), so it is an error, not a spin.
fn ready<F: Future>(f: F) -> Result<F::Output, String> {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..1_000 {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return Ok(v);
        }
    }
    Err("the app's future is still pending: it waits for something only a runtime wakes".into())
}

/// The answer's body, read frame by frame as a runtime reads it (no list of frames to collect
/// into): one data frame is kept as it is, more are joined.
fn read_body(body: Body) -> Result<Bytes, String> {
    let mut body = pin!(body);
    let mut first: Option<Bytes> = None;
    let mut joined = Vec::new();
    while let Some(frame) = ready(std::future::poll_fn(|cx| body.as_mut().poll_frame(cx)))? {
        let Ok(data) = frame.map_err(|e| e.to_string())?.into_data() else {
            continue; // trailers: not part of the body
        };
        match first.take() {
            None if joined.is_empty() => first = Some(data),
            kept => {
                joined.extend_from_slice(&kept.unwrap_or_default());
                joined.extend_from_slice(&data);
            }
        }
    }
    Ok(first.unwrap_or_else(|| Bytes::from(joined)))
}

/// The request's parts from the event, as both runtimes build them: method, `https://` URL
/// on the `Host` header with the query, every header, the cookies as one `Cookie` header, the
/// body. A named stage (which the runtimes may put in the path) or a base64 body (which they
/// decode) is refused rather than built differently.
fn parts() -> Result<(Method, Uri, HeaderMap, Bytes), String> {
    let event: serde_json::Value = serde_json::from_str(EVENT).map_err(|e| e.to_string())?;
    let text = |v: &serde_json::Value| v.as_str().map(str::to_owned);
    let method = event["requestContext"]["http"]["method"]
        .as_str()
        .and_then(|m| m.parse().ok())
        .ok_or("event: no method")?;
    let mut headers = HeaderMap::new();
    for (name, value) in event["headers"].as_object().ok_or("event: no headers")? {
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|e| e.to_string())?;
        let value = text(value).ok_or("event: a header value is not text")?;
        headers.insert(
            name,
            HeaderValue::try_from(value).map_err(|e| e.to_string())?,
        );
    }
    let cookies: Vec<String> = event["cookies"]
        .as_array()
        .map(|c| c.iter().filter_map(text).collect())
        .unwrap_or_default();
    if !cookies.is_empty() {
        let joined = HeaderValue::try_from(cookies.join("; ")).map_err(|e| e.to_string())?;
        headers.insert(COOKIE, joined);
    }
    let host = headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .ok_or("event: no host")?;
    let path = event["rawPath"].as_str().ok_or("event: no rawPath")?;
    let query = match event["rawQueryString"].as_str().unwrap_or_default() {
        "" => String::new(),
        q => format!("?{q}"),
    };
    match event["requestContext"]["stage"].as_str() {
        None | Some("$default") => {}
        Some(stage) => return Err(format!("event: stage {stage:?} is not built here")),
    }
    if event["isBase64Encoded"].as_bool() == Some(true) {
        return Err("event: a base64 body is not built here".into());
    }
    let uri: Uri = format!("https://{host}{path}{query}")
        .parse()
        .map_err(|e: axum::http::uri::InvalidUri| e.to_string())?;
    let body = Bytes::from(text(&event["body"]).ok_or("event: no body")?);
    Ok((method, uri, headers, body))
}

/// One request through the app, to the end of its answer, which must be `201`.
fn serve(app: &mut Router, req: Request<Body>) -> Result<Bytes, String> {
    // Always ready (a `Router` is), but asked, as a runtime must.
    let Ok(()) = ready(std::future::poll_fn(|cx| {
        Service::<Request<Body>>::poll_ready(app, cx)
    }))?;
    let Ok(res) = ready(app.call(req))?;
    let status = res.status();
    let body = read_body(res.into_body())?;
    if status != StatusCode::CREATED {
        return Err(format!("{status}: {}", String::from_utf8_lossy(&body)));
    }
    Ok(body)
}

fn main() -> ExitCode {
    let n: usize = match std::env::args().nth(1).map(|a| a.parse()) {
        Some(Ok(n)) => n,
        _ => {
            eprintln!("usage: axum-alone REQUESTS");
            return ExitCode::FAILURE;
        }
    };
    let (method, uri, headers, body) = match parts() {
        Ok(parts) => parts,
        Err(e) => {
            eprintln!("axum-alone: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut app = axum_app::app();
    let mut last = Bytes::new();
    for _ in 0..n {
        // A clone of `Bytes` counts a reference: the body is not copied, which no runtime
        // can beat.
        let mut req = Request::new(Body::from(body.clone()));
        *req.method_mut() = method.clone();
        *req.uri_mut() = uri.clone();
        *req.headers_mut() = headers.clone();
        // Always ready (a `Router` is), but asked, as a runtime must.
        match serve(&mut app, req) {
            Ok(bytes) => last = bytes,
            Err(e) => {
                eprintln!("axum-alone: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    println!("{}", String::from_utf8_lossy(&last));
    ExitCode::SUCCESS
}
