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
use http::{HeaderMap, HeaderValue, Response};
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
        // Each header is one value (borrowed) or, repeated, several joined into the scratch;
        // the joined ones' ranges are kept here, in header order, for phase 2.
        let utf8 = |v: &'r HeaderValue| {
            core::str::from_utf8(v.as_bytes()).map_err(|_| HttpError::NonTextHeaderValue)
        };
        let mut joined: Vec<Range<usize>> = Vec::new();
        let mut multi: Map<'r, Vec<&'r str>> = Map::new();
        let mut cookies: Vec<&'r str> = Vec::new();
        for name in headers.keys() {
            let mut values = headers.get_all(name).iter();
            match layout {
                Layout::Multi => {
                    multi.push(name.as_str(), values.map(utf8).collect::<Result<_, _>>()?)
                }
                Layout::V2 if *name == SET_COOKIE => {
                    cookies = values.map(utf8).collect::<Result<_, _>>()?;
                }
                // Cookies cannot be comma-joined: keep the first, as `lambda_http` does (all
                // are checked all the same).
                _ if *name == SET_COOKIE => {
                    values.try_for_each(|v| utf8(v).map(drop))?;
                }
                _ => {
                    let first = values.next().map(utf8).transpose()?.unwrap_or_default();
                    let mut rest = values.peekable();
                    if rest.peek().is_some() {
                        let sep = if layout == Layout::V2 { "," } else { ", " };
                        let start = scratch.len();
                        scratch.push_str(first);
                        for v in rest {
                            scratch.push_str(sep);
                            scratch.push_str(utf8(v)?);
                        }
                        joined.push(start..scratch.len());
                    }
                }
            }
        }

        // Phase 2: slices (every value was checked to be UTF-8 in phase 1).
        let scratch: &'r str = scratch;
        let mut joined = joined.into_iter();
        let headers: Map<'r, &'r str> = if layout == Layout::Multi {
            Map::new()
        } else {
            headers
                .keys()
                .filter(|name| !(layout == Layout::V2 && *name == SET_COOKIE))
                .map(|name| {
                    let mut values = headers.get_all(name).iter();
                    let first = values.next().and_then(|v| utf8(v).ok());
                    let value = if *name != SET_COOKIE && values.next().is_some() {
                        joined.next().and_then(|r| scratch.get(r))
                    } else {
                        first
                    };
                    (name.as_str(), value.unwrap_or_default())
                })
                .collect()
        };
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Repeated headers per layout: joined (`,` for payload 2.0, `, ` for ALB and VPC
    /// Lattice), listed (multi-value), cookies apart (2.0) or the first only; a value that is
    /// not UTF-8 fails wherever it is among a name's values.
    #[test]
    fn repeated_headers_per_layout() {
        let mut response = Response::new("");
        let h = response.headers_mut();
        for (name, value) in [
            ("x-a", "1"),
            ("set-cookie", "c=1"),
            ("x-a", "2"),
            ("x-b", "3"),
            ("set-cookie", "d=2"),
        ] {
            h.append(name, HeaderValue::from_static(value));
        }
        let json = |origin: Origin| {
            let mut scratch = String::new();
            let out = origin.encode_response(&response, &mut scratch).unwrap();
            let mut tx = [0u8; 512];
            let n = lambkin_core::json::to_slice(&out, &mut tx).unwrap();
            String::from_utf8(tx.get(..n).unwrap().to_vec()).unwrap()
        };
        assert!(json(Origin::ApiGatewayHttp).starts_with(
            r#"{"statusCode":200,"headers":{"x-a":"1,2","x-b":"3"},"cookies":["c=1","d=2"]"#
        ));
        let alb = json(Origin::Alb {
            multi_value_headers: false,
        });
        assert!(alb.contains(r#""headers":{"x-a":"1, 2","set-cookie":"c=1","x-b":"3"}"#));
        let rest = json(Origin::ApiGatewayRest {
            multi_value_headers: false,
        });
        assert!(rest.contains(
            r#""multiValueHeaders":{"x-a":["1","2"],"set-cookie":["c=1","d=2"],"x-b":["3"]}"#
        ));
        for origin in [Origin::ApiGatewayHttp, Origin::VpcLatticeV1] {
            for name in ["x-a", "set-cookie"] {
                let mut bad = response.clone();
                bad.headers_mut()
                    .append(name, HeaderValue::from_bytes(b"\xff").unwrap());
                let mut scratch = String::new();
                assert_eq!(
                    origin.encode_response(&bad, &mut scratch).err(),
                    Some(HttpError::NonTextHeaderValue),
                    "{origin:?} {name}"
                );
            }
        }
    }
}
