//! `http::Response` → the response shape of the request's [`Origin`].
//!
//! Two phases: the strings that do not exist in the response (a base64 body, a joined repeated
//! header, the ALB and VPC Lattice status line) are first written into the caller's scratch `String`, noting
//! their ranges; then the response type is built from slices of the `http::Response` and of
//! the scratch.

use alloc::string::String;
use alloc::vec::Vec;
use core::ops::Range;

use http::header::{CONTENT_ENCODING, CONTENT_TYPE, SET_COOKIE};
use http::{HeaderMap, Response};
use serde::{Serialize, Serializer};

use super::{HttpError, Origin};
use crate::Map;
use crate::alb::AlbTargetGroupResponse;
use crate::apigw::{ApiGatewayProxyResponse, ApiGatewayV2HttpResponse};
use crate::vpc_lattice::VpcLatticeResponse;

/// A response in the shape its request's source expects; serialize it (with
/// `lambkin_core::json::to_slice`) as the invocation response.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum LambdaResponse<'r> {
    /// REST and WebSocket APIs.
    ApiGateway(ApiGatewayProxyResponse<'r>),
    /// HTTP APIs and function URLs.
    ApiGatewayV2(ApiGatewayV2HttpResponse<'r>),
    /// ALB.
    Alb(AlbTargetGroupResponse<'r>),
    /// VPC Lattice (both event structures).
    VpcLattice(VpcLatticeResponse<'r>),
}

impl Serialize for LambdaResponse<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::ApiGateway(r) => r.serialize(serializer),
            Self::ApiGatewayV2(r) => r.serialize(serializer),
            Self::Alb(r) => r.serialize(serializer),
            Self::VpcLattice(r) => r.serialize(serializer),
        }
    }
}

/// Content types sent as text (as `lambda_http` decides); anything else is base64.
const TEXT_PREFIXES: &[&str] = &[
    "text",
    "application/json",
    "application/javascript",
    "application/xml",
    "application/yaml",
];
const TEXT_SUFFIXES: &[&str] = &["+xml", "+yaml", "+json"];

/// The body as text when a response with these headers goes out as text (`isBase64Encoded`
/// false), as [`Origin::encode_response`] and `lambda_http` decide: no `Content-Encoding`, a
/// textual (or no) `Content-Type` or `x-lambda-http-content-encoding: text`, and valid UTF-8
/// (other bytes, whatever the charset, go out as base64 and so arrive unchanged). `None`: the
/// body goes out as base64.
pub fn text_body<'b>(headers: &HeaderMap, body: &'b [u8]) -> Option<&'b str> {
    if headers.contains_key(CONTENT_ENCODING) {
        return None;
    }
    let textual = match headers.get(CONTENT_TYPE) {
        None => true,
        Some(ct) => {
            let ct = ct.to_str().unwrap_or_default();
            let essence = ct.split(';').next().unwrap_or_default().trim();
            TEXT_PREFIXES.iter().any(|p| ct.starts_with(p))
                || TEXT_SUFFIXES.iter().any(|s| essence.ends_with(s))
                || headers
                    .get("x-lambda-http-content-encoding")
                    .is_some_and(|v| v == "text")
        }
    };
    if textual {
        core::str::from_utf8(body).ok()
    } else {
        None
    }
}

/// A string of the response: borrowed from the `http::Response`, or a range of the scratch.
#[derive(Clone)]
enum Part<'r> {
    Borrowed(&'r str),
    Scratch(Range<usize>),
}

impl<'r> Part<'r> {
    fn get(&self, scratch: &'r str) -> &'r str {
        match self {
            Self::Borrowed(s) => s,
            Self::Scratch(r) => scratch.get(r.clone()).unwrap_or_default(),
        }
    }
}

fn push(scratch: &mut String, s: &str) -> Part<'static> {
    let start = scratch.len();
    scratch.push_str(s);
    Part::Scratch(start..scratch.len())
}

/// How headers are laid out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// `multiValueHeaders` (REST, WebSocket, and ALB when the request had them).
    Multi,
    /// `headers` (ALB without multi-value headers, VPC Lattice), repeats joined with `, `; only
    /// the first `Set-Cookie` fits.
    Single,
    /// `headers`, repeats joined with `,`, and `Set-Cookie` in `cookies` (payload 2.0).
    V2,
}

impl Origin {
    /// Converts `response` to the shape this request's source expects.
    ///
    /// Header values and text bodies are borrowed; a base64 body, joined repeated headers and
    /// the ALB and VPC Lattice status description are written into `scratch` (cleared first).
    /// Fails only when a header value is not UTF-8 (HTTP allows such bytes, but no JSON string
    /// holds them); UTF-8 beyond ASCII (`filename="café.txt"`) goes out as it is, as
    /// `lambda_http` sends it.
    pub fn encode_response<'r, B: AsRef<[u8]>>(
        self,
        response: &'r Response<B>,
        scratch: &'r mut String,
    ) -> Result<LambdaResponse<'r>, HttpError> {
        // `with_description`: ALB and VPC Lattice answer with a status line (`200 OK`).
        let (layout, with_description) = match self {
            // REST and WebSocket APIs accept `multiValueHeaders` in every response, whatever
            // the request carried; `headers` alone would lose repeated `Set-Cookie`s.
            Self::ApiGatewayRest { .. } | Self::ApiGatewayWebsocket { .. } => {
                (Layout::Multi, false)
            }
            Self::Alb {
                multi_value_headers,
            } => (
                if multi_value_headers {
                    Layout::Multi
                } else {
                    Layout::Single
                },
                true,
            ),
            Self::ApiGatewayHttp | Self::LambdaFunctionUrl => (Layout::V2, false),
            Self::VpcLatticeV1 | Self::VpcLatticeV2 => (Layout::Single, true),
        };
        let status = response.status();
        let headers = response.headers();
        let bytes = response.body().as_ref();

        // Phase 1: everything that needs the scratch.
        scratch.clear();
        let description = with_description.then(|| {
            let start = scratch.len();
            scratch.push_str(status.as_str());
            scratch.push(' ');
            scratch.push_str(status.canonical_reason().unwrap_or_default());
            Part::Scratch(start..scratch.len())
        });
        let text = text_body(headers, bytes);
        let body = match text {
            Some(t) => Part::Borrowed(t),
            None => {
                use base64::Engine as _;
                let start = scratch.len();
                base64::engine::general_purpose::STANDARD.encode_string(bytes, scratch);
                Part::Scratch(start..scratch.len())
            }
        };
        let mut single: Vec<(&'r str, Part<'r>)> = Vec::new();
        let mut multi: Map<'r, Vec<&'r str>> = Map::new();
        let mut cookies: Vec<&'r str> = Vec::new();
        for name in headers.keys() {
            let all = headers
                .get_all(name)
                .iter()
                .map(|v| {
                    core::str::from_utf8(v.as_bytes()).map_err(|_| HttpError::NonTextHeaderValue)
                })
                .collect::<Result<Vec<&'r str>, _>>()?;
            match layout {
                Layout::Multi => multi.push(name.as_str(), all),
                Layout::V2 if *name == SET_COOKIE => cookies = all,
                _ if all.len() == 1 || *name == SET_COOKIE => {
                    // Cookies cannot be comma-joined: keep the first, as `lambda_http` does.
                    if let Some(first) = all.first() {
                        single.push((name.as_str(), Part::Borrowed(first)));
                    }
                }
                _ => {
                    let sep = if layout == Layout::V2 { "," } else { ", " };
                    let joined = all.join(sep);
                    single.push((name.as_str(), push(scratch, &joined)));
                }
            }
        }

        // Phase 2: slices.
        let scratch: &'r str = scratch;
        let headers: Map<'r, &'r str> = single.iter().map(|(k, v)| (*k, v.get(scratch))).collect();
        let body = Some(body.get(scratch));
        let is_base64_encoded = text.is_none();
        let status_code = status.as_u16();
        Ok(match self {
            Self::ApiGatewayHttp | Self::LambdaFunctionUrl => {
                LambdaResponse::ApiGatewayV2(ApiGatewayV2HttpResponse {
                    status_code,
                    headers,
                    cookies,
                    body,
                    is_base64_encoded,
                    #[cfg(feature = "catch-all-fields")]
                    other: Map::new(),
                })
            }
            Self::Alb { .. } => LambdaResponse::Alb(AlbTargetGroupResponse {
                status_code,
                status_description: description.map(|d| d.get(scratch)),
                headers,
                multi_value_headers: multi,
                body,
                is_base64_encoded,
                #[cfg(feature = "catch-all-fields")]
                other: Map::new(),
            }),
            Self::VpcLatticeV1 | Self::VpcLatticeV2 => {
                LambdaResponse::VpcLattice(VpcLatticeResponse {
                    status_code,
                    status_description: description.map(|d| d.get(scratch)),
                    headers,
                    body,
                    is_base64_encoded,
                    #[cfg(feature = "catch-all-fields")]
                    other: Map::new(),
                })
            }
            Self::ApiGatewayRest { .. } | Self::ApiGatewayWebsocket { .. } => {
                LambdaResponse::ApiGateway(ApiGatewayProxyResponse {
                    status_code,
                    headers,
                    multi_value_headers: multi,
                    body,
                    is_base64_encoded,
                    #[cfg(feature = "catch-all-fields")]
                    other: Map::new(),
                })
            }
        })
    }
}
