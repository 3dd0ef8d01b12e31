//! Pass-through against lambda_http's `pass_through` feature: an event that is no HTTP request
//! reaches the service as `POST /events` with the event JSON as its body, and the service's
//! answer becomes the invocation's response: a JSON text body is that JSON, anything else
//! `null`. Differences must be listed in `KNOWN`, as in `lambda_http.rs`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_core,
    clippy::std_instead_of_alloc
)]

mod common;

use axum::Router;
use axum::body::Bytes;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use common::Outcome;
use common::events::EVENTS;
use serde_json::Value;

/// Events that are no HTTP request: fixtures of other sources, and documents a direct
/// invocation may send (any JSON value).
#[rustfmt::skip]
const FILES: &[&str] = &[
    "example-sqs-event.json", "example-sns-event.json", "example-s3-event.json",
    "example-dynamodb-event.json", "example-kinesis-event.json", "example-eventbridge-event-obj.json",
    "example-cloudwatch_logs-event.json", "example-cognito-event.json",
    "example-apigw-custom-auth-request.json",
    // Authorizer requests carry an HTTP request's fields (`httpMethod`, `rawPath`, headers):
    // both adapters take some of them for HTTP requests.
    "example-apigw-custom-auth-request-type-request.json",
    "example-apigw-v2-custom-authorizer-v1-request.json",
    "example-apigw-v2-custom-authorizer-v2-request.json",
    "example-apigw-v2-custom-authorizer-websocket-request.json",
];
const DOCUMENTS: &[&str] = &[
    r#"{"firstName":"Ana"}"#,
    "{}",
    r#"{"nested":{"a":[1,2,{"b":null}]},"text":"caf\u00e9 \"q\""}"#,
    "  {\"padded\": true}\n",
    "[1,2,3]",
    r#""just a string""#,
    "42",
    "null",
];

/// The answers the service gives: (name, content type, content encoding, body); `echo`
/// answers with the request it received.
type Answer = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    &'static [u8],
);
#[rustfmt::skip]
const ANSWERS: &[Answer] = &[
    ("echo", None, None, b""),
    ("json", Some("application/json"), None, br#"{"ok":true,"list":[1,2.5,"x"]}"#),
    ("json-text-plain", Some("text/plain"), None, br#"{"ok":true}"#),
    ("json-string", Some("application/json"), None, br#""caf\u00e9""#),
    ("json-padded", Some("application/json"), None, b" [1, 2] \n"),
    ("not-json", Some("text/plain"), None, b"hello"),
    ("empty", None, None, b""),
    ("json-binary", Some("application/octet-stream"), None, br#"{"ok":true}"#),
    ("json-gzip", Some("application/json"), Some("gzip"), br#"{"ok":true}"#),
    ("huge-number", Some("application/json"), None, b"1e400"),
];

/// Where lambkin differs from lambda_http on purpose: (event, answer, field, reason); `*`
/// matches any event or answer.
#[rustfmt::skip]
const KNOWN: &[(&str, &str, &str, &str)] = &[
    ("*", "echo", "echo.body bytes", "lambkin passes the invocation body byte for byte; lambda_http the JSON value's own text, without the whitespace around it"),
    ("*", "huge-number", "response", "lambkin sends the service's JSON text as written; lambda_http re-reads it as serde_json values, where 1e400 does not fit, and sends null"),
    // Authorizer payloads, which no HTTP app should get, read by two different shape rules.
    ("example-apigw-v2-custom-authorizer-v1-request.json", "echo", "echo.method", "both `httpMethod` and `requestContext.http`: lambkin's rule (requestContext.http first) reads an HTTP API request, lambda_http (REST decode first) a REST one"),
    ("example-apigw-v2-custom-authorizer-v1-request.json", "echo", "echo.uri", "same"),
    ("example-apigw-v2-custom-authorizer-v2-request.json", "echo", "echo.uri", "`rawPath`, version 2.0: lambkin reads an HTTP API request; lambda_http's type refuses the `identitySource` list and passes it through"),
    ("example-apigw-v2-custom-authorizer-v2-request.json", "echo", "echo.headers", "same"),
    ("example-apigw-v2-custom-authorizer-v2-request.json", "echo", "echo.body", "same"),
];

/// The app for one answer: every request gets it.
fn app(answer: &'static Answer) -> Router {
    let (name, content_type, encoding, body) = *answer;
    if name == "echo" {
        return Router::new().fallback(echo);
    }
    Router::new().fallback(move || async move {
        let mut response = Response::new(axum::body::Body::from(Bytes::from_static(body)));
        let headers = response.headers_mut();
        if let Some(ct) = content_type {
            headers.insert(header::CONTENT_TYPE, ct.parse().unwrap());
        }
        if let Some(ce) = encoding {
            headers.insert(header::CONTENT_ENCODING, ce.parse().unwrap());
        }
        response
    })
}

/// The request as received, with the body as text (a pass-through body is the event JSON).
async fn echo(request: axum::extract::Request) -> impl IntoResponse {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(n, v)| (n.to_string(), String::from_utf8_lossy(v.as_bytes()).into()))
        .collect();
    axum::Json(serde_json::json!({
        "method": parts.method.as_str(),
        "uri": parts.uri.to_string(),
        "headers": headers,
        "body": String::from_utf8_lossy(&body),
    }))
}

/// The fields of `v` to compare, with the echoed event body parsed (its bytes are listed
/// apart: lambda_http passes on the JSON value's own text, without surrounding whitespace).
fn fields(v: &Value, answer: &str) -> Vec<(&'static str, String)> {
    if answer != "echo" || v.get("uri").is_none() {
        return vec![("response", v.to_string())];
    }
    let body = v["body"].as_str().unwrap_or_default();
    vec![
        ("echo.method", v["method"].to_string()),
        (
            "echo.uri",
            format!(
                "{:?}",
                common::uri_key(v["uri"].as_str().unwrap_or_default())
            ),
        ),
        ("echo.headers", v["headers"].to_string()),
        (
            "echo.body",
            serde_json::from_str::<Value>(body)
                .map_or_else(|e| format!("not JSON: {e}"), |b| b.to_string()),
        ),
        ("echo.body bytes", format!("{body:?}")),
    ]
}

#[test]
fn pass_through_answers_like_lambda_http() {
    let rt = common::runtime();
    let mut out = vec![0u8; 1 << 16];
    let mut events: Vec<(String, Vec<u8>)> = FILES
        .iter()
        .map(|f| {
            (
                (*f).to_owned(),
                std::fs::read(format!("{EVENTS}/{f}")).unwrap(),
            )
        })
        .collect();
    events.extend(
        DOCUMENTS
            .iter()
            .map(|d| ((*d).to_owned(), d.as_bytes().to_vec())),
    );

    let mut diffs: Vec<(String, String, &'static str, String)> = Vec::new();
    let (mut cases, mut same) = (0, 0);
    for (event_name, event) in &events {
        for answer in ANSWERS {
            cases += 1;
            let app = app(answer);
            let theirs = common::lambda_http(&rt, app.clone(), event);
            let adapter = lambkin_http::Adapter::new(app).pass_through(true);
            let ours = common::lambkin(&rt, &adapter, event, &mut out);
            let found: Vec<(&'static str, String)> = match (&ours, &theirs) {
                (Outcome::Answer(a, _), Outcome::Answer(b, _)) => {
                    // The echo is the body of an HTTP-shaped answer when the event was read
                    // as an HTTP request; compare the documents whole then.
                    let text = |v: &Value| match v.get("body").and_then(Value::as_str) {
                        Some(body) if v.get("statusCode").is_some() => {
                            serde_json::from_str(body).unwrap_or(Value::Null)
                        }
                        _ => v.clone(),
                    };
                    let (fa, fb) = (fields(&text(a), answer.0), fields(&text(b), answer.0));
                    fa.into_iter()
                        .zip(fb)
                        .filter(|(x, y)| x.1 != y.1)
                        .map(|((field, x), (_, y))| {
                            (field, format!("lambkin {x} | lambda_http {y}"))
                        })
                        .collect()
                }
                (Outcome::Error(_), Outcome::Error(_)) => vec![],
                (a, b) => vec![(
                    "outcome",
                    format!("lambkin {} | lambda_http {}", a.summary(), b.summary()),
                )],
            };
            if found.is_empty() {
                same += 1;
            }
            for (field, detail) in found {
                diffs.push((event_name.clone(), answer.0.to_owned(), field, detail));
            }
        }
    }
    let matches = |pattern: &str, text: &str| pattern == "*" || pattern == text;
    let known = |(e, a, f, _): &(String, String, &str, String)| {
        KNOWN
            .iter()
            .any(|(ke, ka, kf, _)| matches(ke, e) && matches(ka, a) && kf == f)
    };
    let unexplained: Vec<String> = diffs
        .iter()
        .filter(|d| !known(d))
        .map(|(e, a, f, detail)| {
            format!(
                "{e} × {a} [{f}]: {}",
                detail.chars().take(400).collect::<String>()
            )
        })
        .collect();
    let gone: Vec<String> = KNOWN
        .iter()
        .filter(|(ke, ka, kf, _)| {
            !diffs
                .iter()
                .any(|(e, a, f, _)| matches(ke, e) && matches(ka, a) && kf == f)
        })
        .map(|(e, a, f, why)| format!("{e} × {a} [{f}]: {why}"))
        .collect();
    eprintln!(
        "lambda_http pass-through parity: {cases} cases, {same} identical in meaning, {} with \
         known differences",
        cases - same
    );
    assert!(
        unexplained.is_empty(),
        "differences from lambda_http not in KNOWN:\n{}",
        unexplained.join("\n")
    );
    assert!(
        gone.is_empty(),
        "known differences that no longer happen:\n{}",
        gone.join("\n")
    );
}
