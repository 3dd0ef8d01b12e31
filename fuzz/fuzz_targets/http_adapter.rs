//! lambkin-http's adapter as a transport drives it: any event → `Handler::call` on an echo
//! service that reads every `RequestExt` accessor → `IntoBody::write_body`.
//!
//! Input: 1 flag byte (bit 0: pass-through on; bit 1: failures answered 500), then the event.
//!
//! Invariants:
//! - nothing panics, including the lazily decoded extensions (query and path parameters, stage
//!   variables, the typed request context, the raw path) on any event;
//! - the adapter serves exactly the events `lambkin_events::http::from_slice` converts, plus,
//!   with pass-through, any JSON of no known HTTP shape (lambda_http's rule); a refused event
//!   is reported with a `Runtime.` error type, or answered 500 when asked and its shape is
//!   known;
//! - a served event's reply is JSON serde_json reads: status 200 and the request body's bytes
//!   back (base64, as the echo answers `application/octet-stream`); with pass-through, the
//!   event itself (the echo answers it as `application/json`) when serde_json reads it, else
//!   `null`.
#![no_main]

use base64::Engine as _;
use lambkin_core::{Config, Context, ErrorReport, FromBody, Handler, IntoBody};
use lambkin_events::http::{HttpError, Options};
use lambkin_http::request::RequestContext;
use lambkin_http::{Adapter, Body, EventBytes, OnError, Request, RequestExt, Response, service_fn};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

async fn echo(req: Request) -> Result<Response<Body>, core::convert::Infallible> {
    // Every accessor, so every lazy decode runs on fuzzed input.
    // `request_context()` panics only on a hand-built request: never on one from an event.
    let _ = req.request_context();
    let _ = (
        req.raw_http_path(),
        req.query_string_parameters(),
        req.path_parameters(),
    );
    let _ = (
        req.stage_variables(),
        req.request_context_ref().map(|c| c.authorizer().is_some()),
    );
    let pass_through = matches!(req.request_context_ref(), Some(RequestContext::PassThrough));
    let bytes = req.body().to_vec();
    // Pass-through answers the event back as JSON text; HTTP requests get their bytes back.
    let (body, ct) = match (pass_through, String::from_utf8(bytes)) {
        (true, Ok(text)) => (Body::Text(text), "application/json"),
        (_, Ok(text)) => (Body::Binary(text.into_bytes()), "application/octet-stream"),
        (_, Err(e)) => (Body::Binary(e.into_bytes()), "application/octet-stream"),
    };
    let mut response = Response::new(body);
    response
        .headers_mut()
        .insert("content-type", http::HeaderValue::from_static(ct));
    Ok(response)
}

fn json(reply: &[u8]) -> Value {
    serde_json::from_slice(reply).expect("the reply is JSON")
}

fuzz_target!(|input: &[u8]| {
    let Some((&flags, event)) = input.split_first() else {
        return;
    };
    let pass_through = flags & 1 != 0;
    let on_error = if flags & 2 != 0 {
        OnError::InternalServerError
    } else {
        OnError::Report
    };
    let adapter = Adapter::new(service_fn(echo))
        .pass_through(pass_through)
        .on_error(on_error)
        .stage_in_path(true);
    let Ok(config) =
        Config::from_lookup(|k| (k == "AWS_LAMBDA_RUNTIME_API").then_some("127.0.0.1:1"))
    else {
        return;
    };
    let ctx = Context::new("id", &config);

    let mut oracle = event.to_vec();
    let expected = lambkin_events::http::from_slice_or_origin(&mut oracle, &Options::default())
        .map(|(req, _)| req.body().to_vec());

    let run = || {
        let mut buf = event.to_vec();
        lambkin_host::block_on(async {
            let ev = EventBytes::from_body(&mut buf).expect("EventBytes never refuses");
            match adapter.call(ev, &ctx).await {
                Ok(reply) => {
                    let mut tx = vec![0; event.len() * 2 + 4096];
                    let n = reply
                        .write_body(&mut tx)
                        .expect("the reply fits twice the event");
                    tx.truncate(n);
                    Ok(tx)
                }
                Err(e) => Err(e.error_type().to_owned()),
            }
        })
    };
    let outcome = run();
    // The same adapter again: its second invocation writes the event's copy into the
    // first one's buffer (free by then), and must answer the same.
    assert_eq!(run(), outcome, "a second invocation answers differently");

    // lambda_http's pass-through rule: any JSON of no known HTTP shape.
    let passes = |e: HttpError, origin: Option<lambkin_events::http::Origin>| {
        pass_through
            && origin.is_none()
            && (e == HttpError::UnknownShape
                || serde_json::from_slice::<serde::de::IgnoredAny>(event).is_ok())
    };
    match (expected, outcome) {
        (Ok(body), Ok(reply)) => {
            let reply = json(&reply);
            assert_eq!(reply["statusCode"], 200, "{reply}");
            let b64 = reply["body"].as_str().expect("a body");
            let got = base64::engine::general_purpose::STANDARD
                .decode(b64)
                .expect("base64 body");
            assert_eq!(got, body);
        }
        (Err((e, origin)), Ok(reply)) if passes(e, origin) => {
            // The echo answers the event as JSON text: the reply is the event as it came
            // (numbers beyond f64 included), or `null` when it is not JSON text.
            let text = std::str::from_utf8(event).is_ok();
            let valid = serde_json::from_slice::<serde::de::IgnoredAny>(event).is_ok();
            let want: &[u8] = if text && valid { event } else { b"null" };
            assert_eq!(reply, want);
        }
        (Err((e, origin)), Ok(reply)) => {
            let reply = json(&reply);
            assert!(
                origin.is_some() && on_error == OnError::InternalServerError,
                "{e}: {reply}"
            );
            assert_eq!(reply["statusCode"], 500, "{reply}");
        }
        (Err((e, origin)), Err(ty)) => {
            assert!(!passes(e, origin), "pass-through refused: {ty}");
            assert!(ty.starts_with("Runtime."), "{e}: {ty}");
            if e == HttpError::UnknownShape {
                assert_eq!(ty, "Runtime.UnknownHttpEvent");
            }
            assert!(
                origin.is_none() || on_error == OnError::Report,
                "{e}: not answered 500"
            );
        }
        (Ok(_), Err(ty)) => panic!("a convertible event was refused: {ty}"),
    }
});
