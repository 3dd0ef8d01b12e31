//! Shared by the lambda_http comparisons: the axum app both adapters serve, and one call
//! through each adapter, in process, as the invocation's JSON answer.
#![allow(dead_code)]

pub mod app;
pub mod events;

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use lambkin_core::json::EncodeError;
use lambkin_core::{FromBody, Handler, IntoBody};
use serde_json::Value;

/// What one adapter made of one event.
#[derive(Debug)]
pub enum Outcome {
    /// The invocation's response document (parsed by serde_json), and its exact bytes.
    Answer(Value, Vec<u8>),
    /// The adapter reported the invocation as failed (lambkin: `/error` with this type).
    Error(String),
    /// The adapter panicked (lambda_http on some inputs), with the panic message.
    Panic(String),
}

impl Outcome {
    /// One line for a failure message.
    pub fn summary(&self) -> String {
        match self {
            Self::Answer(v, _) => format!("answered {}", v["statusCode"]),
            Self::Error(e) => format!("reported {e}"),
            Self::Panic(m) => format!("panicked: {m}"),
        }
    }
}

thread_local! {
    /// Set while a panic is expected, so the hook stays quiet.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// `f`, with a panic caught and its message returned instead of printed: lambda_http panics
/// on some inputs, and dozens of backtraces would bury the test's own output.
fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.map_err(|p| {
        p.downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default()
    })
}

/// The invocation's X-Ray trace header, given to both adapters: each puts it on the request
/// in place of the caller's `X-Amzn-Trace-Id`.
pub const TRACE_ID: &str =
    "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

/// A current-thread runtime: both adapters' futures run on it (axum needs no reactor).
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("tokio runtime")
}

/// `event` through lambda_http's own adapter (`Adapter::from(app)`), as lambda_runtime would
/// call it: the payload decoded with serde_json, a default context but for the trace id. A
/// response lambda_runtime could not serialize (lambda_runtime then reports an error) is an
/// [`Outcome::Error`].
pub fn lambda_http<S>(rt: &tokio::runtime::Runtime, app: S, event: &[u8]) -> Outcome
where
    S: tower::Service<
            lambda_http::Request,
            Response = http::Response<axum::body::Body>,
            Error = std::convert::Infallible,
        > + Send,
    S::Future: Send + 'static,
{
    use lambda_http::{Context, LambdaEvent};
    use tower::ServiceExt as _;
    let payload: lambda_http::request::LambdaRequest = match serde_json::from_slice(event) {
        Ok(p) => p,
        Err(e) => return Outcome::Error(format!("payload did not decode: {e}")),
    };
    let adapter = lambda_http::Adapter::from(app);
    let mut context = Context::default();
    context.xray_trace_id = Some(TRACE_ID.to_owned());
    // The request is built inside `call` (not the future), so the whole call is guarded.
    let answer = quietly(|| rt.block_on(adapter.oneshot(LambdaEvent::new(payload, context))));
    match answer {
        Ok(Ok(response)) => match serde_json::to_vec(&response) {
            Ok(bytes) => Outcome::Answer(serde_json::from_slice(&bytes).expect("JSON"), bytes),
            Err(e) => Outcome::Error(format!("response did not serialize: {e}")),
        },
        Ok(Err(infallible)) => match infallible {},
        Err(message) => Outcome::Panic(message),
    }
}

/// The configuration the lambkin adapter is called with (only the Runtime API is required).
pub fn config() -> lambkin_core::Config<'static> {
    lambkin_core::Config::from_lookup(|var| match var {
        "AWS_LAMBDA_RUNTIME_API" => Some("127.0.0.1:9001"),
        "AWS_LAMBDA_FUNCTION_NAME" => Some("parity"),
        _ => None,
    })
    .expect("config")
}

/// `event` through lambkin-http's [`lambkin_http::Adapter`] as a `lambkin_core::Handler`,
/// encoded as a transport would send it to `/response`; `out` is the transmit buffer, grown
/// when the encoder says it needs more.
pub fn lambkin(
    rt: &tokio::runtime::Runtime,
    adapter: &lambkin_http::Adapter<axum::Router>,
    event: &[u8],
    out: &mut Vec<u8>,
) -> Outcome {
    let config = config();
    let mut buf = event.to_vec();
    let reply = quietly(|| {
        let mut ctx = lambkin_core::Context::new("req-id", &config);
        ctx.trace_id = Some(TRACE_ID);
        let bytes =
            lambkin_http::EventBytes::from_body(&mut buf).expect("EventBytes takes any bytes");
        rt.block_on(Handler::call(adapter, bytes, &ctx))
    });
    let reply = match reply {
        Ok(Ok(reply)) => reply,
        Ok(Err(report)) => {
            return Outcome::Error(lambkin_core::ErrorReport::error_type(&report).to_owned());
        }
        // lambkin must never panic; the caller fails on this.
        Err(message) => return Outcome::Panic(message),
    };
    loop {
        match IntoBody::write_body(&reply, out) {
            Ok(n) => {
                let bytes = out.get(..n).expect("within the buffer").to_vec();
                // Pass-through sends the service's JSON text as it is, which may hold what
                // serde_json cannot (`1e400`): shown as a string, for the caller to compare.
                let json = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                    Value::String(format!("{e}: {}", String::from_utf8_lossy(&bytes)))
                });
                return Outcome::Answer(json, bytes);
            }
            Err(EncodeError::BufferFull { needed }) => out.resize(needed.max(out.len() * 2), 0),
            Err(e) => return Outcome::Error(format!("encode: {e}")),
        }
    }
}

/// A URI with its query as decoded pairs, ordered by name only (lambda_http builds REST and
/// ALB queries from a `HashMap`, so the order of names is random; values of one name keep
/// their order).
pub fn uri_key(uri: &str) -> (String, Vec<(String, String)>) {
    let (base, q) = uri.split_once('?').unwrap_or((uri, ""));
    let dec = |s: &str| {
        let s = s.replace('+', " ");
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            match (b[i], s.get(i + 1..i + 3).map(|h| u8::from_str_radix(h, 16))) {
                (b'%', Some(Ok(byte))) => {
                    out.push(byte);
                    i += 3;
                }
                (c, _) => {
                    out.push(c);
                    i += 1;
                }
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    let mut pairs: Vec<(String, String)> = q
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (dec(k), dec(v))
        })
        .collect();
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    (base.to_owned(), pairs)
}

/// Standard base64, as Lambda's `isBase64Encoded` bodies are.
pub fn b64_decode(s: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(s).ok()
}

/// Standard base64 encoding.
pub fn b64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
