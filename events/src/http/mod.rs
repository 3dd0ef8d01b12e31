//! `http::Request` in, `http::Response` out: the adapter for HTTP-shaped events (feature `http`).
//!
//! ```text
//!  rx buffer ──from_slice (one decode)──▶ http::Request<RequestBody<'a>> + Origin
//!                                                │ the handler (axum, tower, plain fn)
//!  tx buffer ◀──json::to_slice── LambdaResponse ◀┴── Origin::encode_response(http::Response<B>)
//! ```
//!
//! [`from_slice`] decodes the invocation body once, with one union type that holds the fields of
//! every supported shape, works out the shape from what was present and builds the request; the
//! [`ToHttpRequest`] trait converts an event that was already decoded with its own type. The
//! [`Origin`] it returns remembers the shape (and whether the request carried multi-value
//! headers) so [`Origin::encode_response`] can answer in the same shape.
//!
//! | shape | request | response |
//! |---|---|---|
//! | API Gateway REST (payload 1.0) | `httpMethod`, `path` (+ stage), (multi-value) query and headers | `multiValueHeaders` (always accepted) |
//! | API Gateway WebSocket | as REST; method `GET` when absent | as REST |
//! | API Gateway HTTP API (2.0), function URL | `requestContext.http.method`, `rawPath`, `rawQueryString`, `cookies` → `Cookie` | `headers` (repeats comma-joined), `Set-Cookie` → `cookies` |
//! | ALB | `httpMethod`, `path`, query kept as encoded, (multi-value) headers | `multiValueHeaders` if the request had them, else `headers`; `statusDescription` |
//! | VPC Lattice V1 | `method`, `raw_path`, `query_string_parameters` kept as encoded, `headers` (repeats arrive comma-joined) | `headers` (repeats comma-joined, first `Set-Cookie` only); `statusDescription` |
//! | VPC Lattice V2 | `method`, `path`, multi-value `queryStringParameters` kept as encoded, multi-value `headers` | as V1 |
//!
//! # What allocates
//! `http` owns its parts, so the method (unless standard), the URI and every header are
//! copied. [`from_slice_sharing`] copies less: given one copy of the event made before the
//! decode (as `Bytes`), header values, and the host and path when they go into the URI as
//! they are, are slices of it; names AWS adds (`X-Forwarded-For`, `X-Amzn-Trace-Id`…) are
//! constants. The body is not copied: [`RequestBody`] borrows text bodies from the receive
//! buffer and owns only base64-decoded ones. Responses borrow header values and text bodies
//! from the `http::Response`; a base64 body, joined repeated headers and the ALB and VPC
//! Lattice status description go into a `String` the caller lends.
//!
//! # Example
//! ```
//! # #[cfg(feature = "apigw")] {
//! use lambkin_events::http::{Options, from_slice};
//!
//! let mut body = *br#"{"version":"2.0","rawPath":"/hi","rawQueryString":"a=1",
//!     "headers":{"host":"x.example"},"requestContext":{"http":{"method":"GET"},"stage":"$default"},
//!     "isBase64Encoded":false}"#;
//! let (request, origin) = from_slice(&mut body, &Options::default()).unwrap();
//! assert_eq!(request.uri(), "https://x.example/hi?a=1");
//!
//! let response = http::Response::builder().header("set-cookie", "s=1").body("ok").unwrap();
//! let mut scratch = String::new();
//! let out = origin.encode_response(&response, &mut scratch).unwrap();
//! let mut tx = [0u8; 256];
//! let n = lambkin_core::json::to_slice(&out, &mut tx).unwrap();
//! assert_eq!(&tx[..n], br#"{"statusCode":200,"cookies":["s=1"],"body":"ok"}"#);
//! # }
//! ```

mod headers;
mod request;
mod response;
mod share;
mod uri;

use alloc::vec::Vec;
use core::fmt;
use core::ops::Deref;

pub use request::{ToHttpRequest, from_slice, from_slice_or_origin, from_slice_sharing};
pub use response::{LambdaResponse, text_body};

/// The body of a converted request: borrowed text, or the decoded bytes of a base64 body.
///
/// Text stays `&str`, so a caller that wants a `String` need not check the UTF-8 again (the
/// decoder did). It derefs to its bytes, and two bodies are equal when their bytes are.
#[derive(Debug, Clone)]
pub enum RequestBody<'a> {
    /// A text body as sent (empty when the event had none).
    Text(&'a str),
    /// A base64 body, decoded.
    Binary(Vec<u8>),
}

impl Deref for RequestBody<'_> {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Self::Text(s) => s.as_bytes(),
            Self::Binary(b) => b,
        }
    }
}

impl AsRef<[u8]> for RequestBody<'_> {
    fn as_ref(&self) -> &[u8] {
        self
    }
}

impl Default for RequestBody<'_> {
    /// No body: empty text.
    fn default() -> Self {
        Self::Text("")
    }
}

impl PartialEq for RequestBody<'_> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for RequestBody<'_> {}

impl PartialEq<[u8]> for RequestBody<'_> {
    fn eq(&self, other: &[u8]) -> bool {
        **self == *other
    }
}

/// How requests are converted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Prefix the path with `/{stage}` for API Gateway requests from a named stage (not
    /// `$default`) whose path does not start with it, so the URI is the one the client used
    /// on the `execute-api` domain. On by default, as in `lambda_http`; turn it off behind a
    /// custom domain (where `lambda_http` reads `AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH`).
    pub stage_in_path: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            stage_in_path: true,
        }
    }
}

impl Options {
    /// Sets [`Options::stage_in_path`].
    #[must_use]
    pub const fn stage_in_path(mut self, on: bool) -> Self {
        self.stage_in_path = on;
        self
    }
}

/// Where a request came from, which decides the shape of the response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Origin {
    /// API Gateway REST API (payload 1.0).
    ApiGatewayRest {
        /// The request carried `multiValueHeaders` (the response uses them either way).
        multi_value_headers: bool,
    },
    /// API Gateway HTTP API (payload 2.0).
    ApiGatewayHttp,
    /// Lambda function URL (payload 2.0).
    LambdaFunctionUrl,
    /// API Gateway WebSocket API.
    ApiGatewayWebsocket {
        /// The request carried `multiValueHeaders` (the response uses them either way).
        multi_value_headers: bool,
    },
    /// Application Load Balancer.
    Alb {
        /// The target group has multi-value headers on; the response must use them.
        multi_value_headers: bool,
    },
    /// VPC Lattice, V1 event structure.
    VpcLatticeV1,
    /// VPC Lattice, V2 event structure.
    VpcLatticeV2,
}

/// A request or response could not be converted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum HttpError {
    /// The event did not decode as JSON of a supported shape.
    Decode(lambkin_core::json::DecodeError),
    /// The document is none of the supported HTTP shapes.
    UnknownShape,
    /// The method is not a valid HTTP token.
    InvalidMethod,
    /// The host, path or query could not form a URI.
    InvalidUri,
    /// A request header name or value is not valid HTTP.
    InvalidHeader,
    /// A response header value is not UTF-8, so it cannot be a JSON string for Lambda.
    NonTextHeaderValue,
    /// `isBase64Encoded` was set but the body is not base64.
    InvalidBase64,
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Decode(e) => write!(f, "HTTP event did not decode: {e}"),
            Self::UnknownShape => {
                f.write_str("not an API Gateway, ALB, function URL or VPC Lattice request")
            }
            Self::InvalidMethod => f.write_str("invalid HTTP method"),
            Self::InvalidUri => f.write_str("host, path or query do not form a valid URI"),
            Self::InvalidHeader => f.write_str("invalid request header name or value"),
            Self::NonTextHeaderValue => f.write_str("response header value is not UTF-8"),
            Self::InvalidBase64 => f.write_str("isBase64Encoded body is not valid base64"),
        }
    }
}

impl core::error::Error for HttpError {}

impl From<lambkin_core::json::DecodeError> for HttpError {
    fn from(e: lambkin_core::json::DecodeError) -> Self {
        Self::Decode(e)
    }
}
