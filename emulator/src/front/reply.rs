//! The function's reply → the HTTP response each [`Shape`]'s service sends, and the answers
//! the front makes itself (function failed, request too large, request malformed). The rules
//! are tabled in the [`front`](super) docs.

use std::io::Write as _;

use serde_json::{Map, Value};

use super::Shape;
use super::text::base64_decode;
use crate::stream::prelude::{CONTENT_TYPE, Prelude};

/// A whole HTTP response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) reason: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Response {
    fn new(status: u16, headers: Vec<(String, String)>, body: Vec<u8>) -> Self {
        Self {
            status,
            reason: reason(status).to_owned(),
            headers,
            body,
        }
    }

    /// The first header named `name` (ASCII case-insensitive).
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The bytes on the wire. `head_only` for a `HEAD` request (the length is still the
    /// body's); 204 and 304 carry neither a body nor a length.
    pub(crate) fn encode(&self, head_only: bool, close: bool) -> Vec<u8> {
        let bodiless = matches!(self.status, 204 | 304);
        let length = format!("Content-Length: {}\r\n", self.body.len());
        let framing = if bodiless { "" } else { length.as_str() };
        let mut out = self.head(framing, close);
        if !bodiless && !head_only {
            out.extend_from_slice(&self.body);
        }
        out
    }

    /// The head, its body to follow chunked as it arrives (none for 204 and 304).
    pub(crate) fn chunked_head(&self, close: bool) -> Vec<u8> {
        let bodiless = matches!(self.status, 204 | 304);
        self.head(
            if bodiless {
                ""
            } else {
                "Transfer-Encoding: chunked\r\n"
            },
            close,
        )
    }

    fn head(&self, framing: &str, close: bool) -> Vec<u8> {
        let mut out = Vec::with_capacity(256 + self.body.len());
        // Writing to a Vec cannot fail.
        let _ = write!(out, "HTTP/1.1 {} {}\r\n", self.status, self.reason);
        for (name, value) in &self.headers {
            let _ = write!(out, "{name}: {value}\r\n");
        }
        if close {
            out.extend_from_slice(b"Connection: close\r\n");
        }
        out.extend_from_slice(framing.as_bytes());
        out.extend_from_slice(b"\r\n");
        out
    }
}

/// Answers the front makes without the function's say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Canned {
    /// The invocation failed: an error, a timeout, a crash, or a reply that is no response.
    Failed,
    /// The request body, or the event made of it, is above Lambda's limit.
    TooLarge,
    /// The request is not HTTP the front can read.
    BadRequest,
}

const JSON: &[(&str, &str)] = &[("Content-Type", "application/json")];
const HTML: &[(&str, &str)] = &[("Content-Type", "text/html")];
const TEXT: &[(&str, &str)] = &[("Content-Type", "text/plain")];

/// ALB's error page for `status`.
macro_rules! alb_page {
    ($status:literal) => {
        concat!(
            "<html>\r\n<head><title>",
            $status,
            "</title></head>\r\n<body>\r\n<center><h1>",
            $status,
            "</h1></center>\r\n</body>\r\n</html>\r\n"
        )
    };
}

impl Canned {
    /// Status, headers and body for `shape`.
    pub(crate) fn parts(
        self,
        shape: Shape,
    ) -> (u16, &'static [(&'static str, &'static str)], &'static str) {
        use Shape::*;
        match (self, shape) {
            (Self::Failed, ApiGatewayV2) => (500, JSON, r#"{"message":"Internal Server Error"}"#),
            (Self::Failed, Rest) => (502, JSON, r#"{"message": "Internal server error"}"#),
            (Self::Failed, FunctionUrl) => (502, TEXT, "Internal Server Error"),
            (Self::Failed, Alb) => (502, HTML, alb_page!("502 Bad Gateway")),
            (Self::Failed, LatticeV2) => (502, TEXT, "Bad Gateway"),
            (Self::TooLarge, ApiGatewayV2 | Rest | FunctionUrl) => {
                (413, JSON, r#"{"message":"Request Entity Too Large"}"#)
            }
            (Self::TooLarge, Alb) => (413, HTML, alb_page!("413 Request Entity Too Large")),
            (Self::TooLarge, LatticeV2) => (413, TEXT, "Request Entity Too Large"),
            (Self::BadRequest, ApiGatewayV2 | Rest | FunctionUrl) => {
                (400, JSON, r#"{"message":"Bad Request"}"#)
            }
            (Self::BadRequest, Alb) => (400, HTML, alb_page!("400 Bad Request")),
            (Self::BadRequest, LatticeV2) => (400, TEXT, "Bad Request"),
        }
    }

    pub(crate) fn response(self, shape: Shape) -> Response {
        let (status, headers, body) = self.parts(shape);
        let headers = headers
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect();
        Response::new(status, headers, body.as_bytes().to_vec())
    }
}

/// The response `shape`'s service makes of the function's reply. `sent` are the headers the
/// function's `/response` request carried: a streamed reply for a function URL or REST API
/// starts with a JSON prelude (status, headers, cookies) and eight NUL bytes.
pub(crate) fn convert(shape: Shape, reply: &[u8], sent: &[(String, String)]) -> Response {
    let streamed = sent.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("content-type") && v.trim().eq_ignore_ascii_case(CONTENT_TYPE)
    });
    if streamed && matches!(shape, Shape::FunctionUrl | Shape::Rest) {
        return prelude(shape, reply).unwrap_or_else(|| Canned::Failed.response(shape));
    }
    let doc: Option<Value> = serde_json::from_slice(reply).ok();
    let proper = doc
        .as_ref()
        .and_then(Value::as_object)
        .filter(|m| m.contains_key("statusCode"));
    match (shape, proper, doc.is_some()) {
        (_, Some(map), _) => structured(shape, map, None),
        // Payload 2.0's format inference: any other JSON is a 200 with the reply as body.
        (Shape::ApiGatewayV2 | Shape::FunctionUrl, None, true) => Some(Response::new(
            200,
            vec![("Content-Type".into(), "application/json".into())],
            reply.to_vec(),
        )),
        _ => None,
    }
    .unwrap_or_else(|| Canned::Failed.response(shape))
}

/// A streamed reply: the prelude gives status and headers, the rest is the body.
fn prelude(shape: Shape, reply: &[u8]) -> Option<Response> {
    let parsed = Prelude::new().feed(reply).ok()??;
    // The prelude names no body; the stream is it.
    let body = reply.get(parsed.payload_at..)?.to_vec();
    structured(shape, &parsed.fields, Some(body))
}

/// A reply with `statusCode`; `None` when it is malformed.
pub(crate) fn structured(
    shape: Shape,
    map: &Map<String, Value>,
    streamed: Option<Vec<u8>>,
) -> Option<Response> {
    let status = map
        .get("statusCode")
        .and_then(Value::as_u64)
        .and_then(|s| u16::try_from(s).ok())
        .filter(|s| (200..=599).contains(s))?;
    let mut headers = Vec::new();
    let pairs = |key: &str| -> Option<Vec<(String, Value)>> {
        match map.get(key) {
            None | Some(Value::Null) => Some(Vec::new()),
            Some(Value::Object(m)) => Some(m.iter().map(|(k, v)| (k.clone(), v.clone())).collect()),
            Some(_) => None,
        }
    };
    let single = pairs("headers")?;
    let multi: Vec<(String, Vec<String>)> = pairs("multiValueHeaders")?
        .into_iter()
        .map(|(k, v)| {
            let values = match v {
                Value::Array(vs) => vs.iter().filter_map(scalar).collect(),
                other => scalar(&other).into_iter().collect(),
            };
            (k, values)
        })
        .collect();
    let flat_single = single
        .iter()
        .filter_map(|(k, v)| Some((k.clone(), scalar(v)?)));
    match shape {
        Shape::ApiGatewayV2 | Shape::FunctionUrl | Shape::LatticeV2 => headers.extend(flat_single),
        // ALB reads the map its target group is set up for; a reply carries one or the other.
        Shape::Alb if map.get("multiValueHeaders").is_some_and(Value::is_object) => {
            headers.extend(flatten(multi));
        }
        Shape::Alb => headers.extend(flat_single),
        // REST merges both; a pair in both appears once.
        Shape::Rest => {
            let extra: Vec<(String, String)> = flat_single
                .filter(|(k, v)| {
                    !multi
                        .iter()
                        .any(|(mk, mvs)| mk.eq_ignore_ascii_case(k) && mvs.contains(v))
                })
                .collect();
            headers.extend(flatten(multi));
            headers.extend(extra);
        }
    }
    if matches!(shape, Shape::ApiGatewayV2 | Shape::FunctionUrl) {
        match map.get("cookies") {
            None | Some(Value::Null) => {}
            Some(Value::Array(cookies)) => headers.extend(
                cookies
                    .iter()
                    .filter_map(scalar)
                    .map(|c| ("Set-Cookie".to_owned(), c)),
            ),
            Some(_) => return None,
        }
    }
    headers.retain(|(n, v)| valid_header(n, v));
    let api_gateway = matches!(
        shape,
        Shape::ApiGatewayV2 | Shape::FunctionUrl | Shape::Rest
    );
    if api_gateway
        && !headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
    {
        headers.push(("Content-Type".into(), "application/json".into()));
    }
    let body = match streamed {
        Some(body) => body,
        None => body(map)?,
    };
    let mut response = Response::new(status, headers, body);
    if let Some(reason) =
        description(map, status).filter(|_| matches!(shape, Shape::Alb | Shape::LatticeV2))
    {
        response.reason = reason;
    }
    Some(response)
}

/// `body`, base64-decoded when `isBase64Encoded` is `true`; `None` when malformed.
fn body(map: &Map<String, Value>) -> Option<Vec<u8>> {
    let base64 = match map.get("isBase64Encoded") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return None,
    };
    match map.get("body") {
        None | Some(Value::Null) => Some(Vec::new()),
        Some(Value::String(s)) if base64 => base64_decode(s),
        Some(Value::String(s)) => Some(s.clone().into_bytes()),
        Some(_) => None,
    }
}

/// ALB's and VPC Lattice's `statusDescription` (`"200 OK"`) as the reason phrase, when it
/// names the same status and is printable.
fn description(map: &Map<String, Value>, status: u16) -> Option<String> {
    let text = map.get("statusDescription")?.as_str()?;
    let (code, phrase) = text.split_once(' ')?;
    let printable = phrase
        .bytes()
        .all(|b| b == b'\t' || (0x20..0x7F).contains(&b));
    (code == status.to_string() && printable).then(|| phrase.to_owned())
}

fn flatten(groups: Vec<(String, Vec<String>)>) -> impl Iterator<Item = (String, String)> {
    groups
        .into_iter()
        .flat_map(|(k, vs)| vs.into_iter().map(move |v| (k.clone(), v)))
}

/// A header value from JSON: strings, numbers and booleans as written.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A header the front can send: a token for a name, no control characters in the value, and
/// not one of the framing headers the front writes itself.
fn valid_header(name: &str, value: &str) -> bool {
    const FRAMING: &[&str] = &[
        "content-length",
        "transfer-encoding",
        "connection",
        "keep-alive",
    ];
    let tchar = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
    !name.is_empty()
        && name.bytes().all(tchar)
        && value
            .bytes()
            .all(|b| b == b'\t' || (b >= 0x20 && b != 0x7F))
        && !FRAMING.iter().any(|f| name.eq_ignore_ascii_case(f))
}

/// The reason phrase of `status` (empty for codes without one: HTTP allows it).
pub(crate) fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        207 => "Multi-Status",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Request Entity Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        418 => "I'm a teapot",
        421 => "Misdirected Request",
        422 => "Unprocessable Entity",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

#[cfg(test)]
#[path = "reply_tests.rs"]
mod tests;
