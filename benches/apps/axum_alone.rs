//! The HTTP benchmark's app with no runtime at all: `benches/apps/axum_app.rs` called in a loop
//! on the request the benchmark's event describes, built in memory, as any runtime would have
//! to hand it over (built by `benches/src/subjects.rs` as a plain crate: axum, serde,
//! serde_json, tower-service; no Lambda runtime). What Valgrind counts per request here is a
//! floor under every runtime's figure for this app: the app's own work, plus the least a
//! request and its response can cost (a header map, a body, reading the answer).
//!
//! `axum-alone N` serves N requests and prints the last answer's body; it fails on any answer
//! that is not `201`.

#[path = "axum_app.rs"]
mod axum_app;

use std::future::Future;
use std::pin::pin;
use std::process::ExitCode;
use std::task::{Context, Poll, Waker};

use axum::body::{Body, Bytes};
use axum::http::header::{COOKIE, HeaderName, HeaderValue};
use axum::http::{HeaderMap, Method, Request, StatusCode, Uri};
use tower_service::Service;

const EVENT: &str = include_str!("../events/http_v2_1k.json");

/// The app's futures never wait (no I/O, no timers), so each is polled to the end here: a
/// runtime's scheduling is exactly what this binary leaves out.
fn ready<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

/// The request's parts from the event, as both runtimes build them: method, `https://` URL
/// on the `Host` header, every header, the cookies as one `Cookie` header, the body.
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
        headers.insert(name, HeaderValue::try_from(value).map_err(|e| e.to_string())?);
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
    let uri: Uri = format!("https://{host}{path}")
        .parse()
        .map_err(|e: axum::http::uri::InvalidUri| e.to_string())?;
    let body = Bytes::from(text(&event["body"]).ok_or("event: no body")?);
    Ok((method, uri, headers, body))
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
        let Ok(()) = ready(std::future::poll_fn(|cx| {
            Service::<Request<Body>>::poll_ready(&mut app, cx)
        }));
        let Ok(res) = ready(app.call(req));
        let status = res.status();
        match ready(axum::body::to_bytes(res.into_body(), usize::MAX)) {
            Ok(bytes) if status == StatusCode::CREATED => last = bytes,
            Ok(bytes) => {
                eprintln!("axum-alone: {status}: {}", String::from_utf8_lossy(&bytes));
                return ExitCode::FAILURE;
            }
            Err(e) => {
                eprintln!("axum-alone: reading the answer: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    println!("{}", String::from_utf8_lossy(&last));
    ExitCode::SUCCESS
}
