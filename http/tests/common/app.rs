//! The axum app both adapters serve: `/echo` (and every unknown path) answers with what it
//! received; the other routes each answer with one response shape worth comparing.

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Bytes;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{AppendHeaders, Html, IntoResponse, Json, Response};
use axum::routing::{MethodRouter, any};
use serde_json::{Value, json};

/// The routes other than the echo, by path. Each answers whatever the method.
pub const ROUTES: &[&str] = &[
    "/cookies",
    "/repeat",
    "/binary",
    "/empty",
    "/html",
    "/json",
    "/big",
    "/gzip",
    "/teapot",
    "/unknown-status",
    "/latin1",
    "/bad-utf8",
    "/forced-text",
    "/empty-binary",
    "/utf8-header",
    "/latin1-header",
];

/// The echo route's path; any path no route takes is echoed too.
pub const ECHO: &str = "/echo";

/// The size of `/big`'s body (under Lambda's 6 MB response limit once in JSON).
pub const BIG: usize = 5 * 1024 * 1024;

/// The app. Each route answers at `/route` and at `/{stage}/route`: API Gateway REST and
/// WebSocket requests get their stage put in front of the path. (Not `nest`, which would hand
/// the echo a URI without the stage.)
pub fn app() -> Router {
    let routes: [(&str, MethodRouter); 17] = [
        (ECHO, any(echo)),
        ("/cookies", any(cookies)),
        ("/repeat", any(repeat)),
        ("/binary", any(binary)),
        ("/empty", any(empty)),
        ("/html", any(html)),
        ("/json", any(json_body)),
        ("/big", any(big)),
        ("/gzip", any(gzip)),
        ("/teapot", any(teapot)),
        ("/unknown-status", any(unknown_status)),
        ("/latin1", any(latin1)),
        ("/bad-utf8", any(bad_utf8)),
        ("/forced-text", any(forced_text)),
        ("/empty-binary", any(empty_binary)),
        ("/utf8-header", any(utf8_header)),
        ("/latin1-header", any(latin1_header)),
    ];
    let mut app = Router::new();
    for (path, route) in routes {
        app = app
            .route(&format!("/{{stage}}{path}"), route.clone())
            .route(path, route);
    }
    app.fallback(echo)
}

/// The request as received: method, URI, every header value in order (names sorted), and the
/// body's bytes in base64, so binary bodies survive the JSON. A body over 64 KiB is echoed as
/// its length and an FNV-1a digest instead: base64 of 5 MB, twice, would take seconds in a
/// debug build.
async fn echo(request: Request) -> Json<Value> {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let mut headers: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (name, value) in &parts.headers {
        let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
        headers.entry(name.as_str()).or_default().push(value);
    }
    let body = if body.len() <= 64 * 1024 {
        super::b64(&body)
    } else {
        let digest = body.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
        });
        format!("{} bytes, fnv1a {digest:016x}", body.len())
    };
    Json(json!({
        "method": parts.method.as_str(),
        "uri": parts.uri.to_string(),
        "headers": headers,
        "body": body,
    }))
}

async fn cookies() -> impl IntoResponse {
    (
        AppendHeaders([
            (
                header::SET_COOKIE,
                "session=abc123; Path=/; HttpOnly; Secure",
            ),
            (
                header::SET_COOKIE,
                "theme=dark; Expires=Wed, 21 Oct 2015 07:28:00 GMT",
            ),
            (header::SET_COOKIE, "empty="),
        ]),
        "cookies set",
    )
}

async fn repeat() -> impl IntoResponse {
    let multi = HeaderName::from_static("x-multi");
    (
        AppendHeaders([
            (multi.clone(), "one"),
            (multi.clone(), "two, with a comma"),
            (multi, "three"),
            (header::VARY, "accept"),
            (header::VARY, "origin"),
            (header::CACHE_CONTROL, "no-store"),
        ]),
        "repeated headers",
    )
}

async fn binary() -> impl IntoResponse {
    let bytes: Vec<u8> = (0..=255).collect();
    ([(header::CONTENT_TYPE, "application/octet-stream")], bytes)
}

async fn empty() {}

async fn html() -> Html<&'static str> {
    Html("<!doctype html><p class=\"x\">h\u{e9}llo \u{2713} \u{1f980}</p>\n")
}

async fn json_body() -> Json<Value> {
    Json(
        json!({"ok": true, "quote": "say \"hi\"", "unicode": "\u{e9}\u{1f980}", "n": [1, 2.5, null]}),
    )
}

async fn big() -> impl IntoResponse {
    // Printable and not one repeated byte, so an offset slip shows.
    let body = "abcdefghijklmnopqrstuvwxyz".repeat(BIG / 26 + 1);
    ([(header::CONTENT_TYPE, "text/plain")], body)
}

async fn gzip() -> impl IntoResponse {
    // A gzip member's header and some deflate bytes: not text, whatever the content type says.
    const GZ: &[u8] = &[
        0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00,
    ];
    (
        [
            (header::CONTENT_TYPE, "text/plain"),
            (header::CONTENT_ENCODING, "gzip"),
        ],
        Bytes::from_static(GZ),
    )
}

async fn teapot() -> Response {
    (
        StatusCode::IM_A_TEAPOT,
        Json(json!({"error": "short and stout"})),
    )
        .into_response()
}

async fn unknown_status() -> Response {
    // No canonical reason phrase: ALB's status line is then `599 `.
    let status = StatusCode::from_u16(599).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, "odd").into_response()
}

async fn latin1() -> impl IntoResponse {
    // "café" in ISO-8859-1: text, but not UTF-8.
    (
        [(header::CONTENT_TYPE, "text/plain; charset=iso-8859-1")],
        Bytes::from_static(b"caf\xe9"),
    )
}

async fn bad_utf8() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain")],
        Bytes::from_static(b"ok \xff\xfe end"),
    )
}

async fn forced_text() -> impl IntoResponse {
    // The escape hatch both adapters read: text whatever the content type says.
    (
        [
            (header::CONTENT_TYPE, "application/octet-stream"),
            (
                HeaderName::from_static("x-lambda-http-content-encoding"),
                "text",
            ),
        ],
        "plain text after all",
    )
}

async fn empty_binary() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/octet-stream")],
        Bytes::new(),
    )
}

async fn utf8_header() -> impl IntoResponse {
    // Not visible ASCII (obs-text), but UTF-8: a JSON string can carry it.
    let value = HeaderValue::from_bytes("attachment; filename=\"caf\u{e9}.txt\"".as_bytes())
        .unwrap_or(HeaderValue::from_static("attachment"));
    ([(header::CONTENT_DISPOSITION, value)], "utf-8 header")
}

async fn latin1_header() -> impl IntoResponse {
    // obs-text that is not UTF-8: no JSON string holds these bytes.
    let value = HeaderValue::from_bytes(b"caf\xe9").unwrap_or(HeaderValue::from_static("x"));
    (
        [(HeaderName::from_static("x-latin1"), value)],
        "latin-1 header",
    )
}
