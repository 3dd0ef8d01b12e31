//! Events → `http::Request`: every shape is first seen as a [`View`] of borrowed parts, then
//! built by one function, so the shapes differ only in where their parts come from.

use alloc::vec::Vec;
use core::fmt;
use core::marker::PhantomData;

use bytes::Bytes;

use http::{Method, Request};
use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};

use super::headers::headers;
use super::share::Shared;
use super::uri::uri;
use super::{HttpError, Options, Origin, RequestBody};
use crate::alb::AlbTargetGroupRequest;
use crate::apigw::{
    ApiGatewayProxyRequest, ApiGatewayV2HttpRequest, ApiGatewayWebsocketProxyRequest,
};
use crate::shape::{HttpMarks, HttpShape, classify, v2_shape};
use crate::text::Text;
use crate::vpc_lattice::{VpcLatticeRequestV1, VpcLatticeRequestV2};
use crate::{Body, Map, OneOrMany};

pub(super) type Single<'a> = Map<'a, &'a str>;
pub(super) type Multi<'a> = Map<'a, Vec<&'a str>>;

/// The query, in the form each shape carries it.
#[derive(Clone, Copy)]
pub(super) enum Query<'e, 'a> {
    /// The query string as received (HTTP API, function URL).
    Raw(&'a str),
    /// Decoded names and values, to form-encode (REST, WebSocket).
    Decoded(Option<&'e Multi<'a>>, Option<&'e Single<'a>>),
    /// Names and values still percent-encoded as received, to join (ALB, VPC Lattice).
    Encoded(Option<&'e Multi<'a>>, Option<&'e Single<'a>>),
}

/// The parts of an HTTP-shaped event the request is built from.
pub(super) struct View<'e, 'a> {
    /// `None` for WebSocket messages, which have no method; they become `GET`.
    pub(super) method: Option<&'a str>,
    pub(super) path: &'a str,
    /// The path is the URL's path as sent (payload 2.0 `rawPath`), which on a named stage
    /// starts with it: `/prod` is the stage root. REST and WebSocket APIs give the resource
    /// path, which never holds the stage: there `/prod` is a resource.
    pub(super) path_is_raw: bool,
    /// API Gateway stage, for [`Options::stage_in_path`].
    pub(super) stage: Option<&'a str>,
    /// `requestContext.domainName`, the host when there is no `Host` header.
    pub(super) domain: Option<&'a str>,
    pub(super) query: Query<'e, 'a>,
    pub(super) headers: Option<&'e Single<'a>>,
    pub(super) multi_headers: Option<&'e Multi<'a>>,
    /// HTTP API cookies, which are not among the headers.
    pub(super) cookies: &'e [&'a str],
    pub(super) body: Body<'a>,
}

/// Events that convert to an `http::Request`.
pub trait ToHttpRequest<'a> {
    /// The request, and where it came from (for [`Origin::encode_response`]).
    fn to_http_request(
        &self,
        options: &Options,
    ) -> Result<(Request<RequestBody<'a>>, Origin), HttpError>;
}

impl<'a> ToHttpRequest<'a> for ApiGatewayProxyRequest<'a> {
    fn to_http_request(
        &self,
        options: &Options,
    ) -> Result<(Request<RequestBody<'a>>, Origin), HttpError> {
        let view = View {
            method: Some(self.http_method),
            path: self.path.unwrap_or_default(),
            path_is_raw: false,
            stage: self.request_context.stage,
            domain: self.request_context.domain_name,
            query: Query::Decoded(
                self.multi_value_query_string_parameters.as_ref(),
                self.query_string_parameters.as_ref(),
            ),
            headers: self.headers.as_ref(),
            multi_headers: self.multi_value_headers.as_ref(),
            cookies: &[],
            body: self.body(),
        };
        let origin = Origin::ApiGatewayRest {
            multi_value_headers: self.multi_value_headers.is_some(),
        };
        Ok((build(&view, options, None)?, origin))
    }
}

impl<'a> ToHttpRequest<'a> for ApiGatewayWebsocketProxyRequest<'a> {
    fn to_http_request(
        &self,
        options: &Options,
    ) -> Result<(Request<RequestBody<'a>>, Origin), HttpError> {
        let view = View {
            method: self.http_method,
            path: self.path.unwrap_or_default(),
            path_is_raw: false,
            stage: self.request_context.stage,
            domain: self.request_context.domain_name,
            query: Query::Decoded(
                self.multi_value_query_string_parameters.as_ref(),
                self.query_string_parameters.as_ref(),
            ),
            headers: self.headers.as_ref(),
            multi_headers: self.multi_value_headers.as_ref(),
            cookies: &[],
            body: self.body(),
        };
        let origin = Origin::ApiGatewayWebsocket {
            multi_value_headers: self.multi_value_headers.is_some(),
        };
        Ok((build(&view, options, None)?, origin))
    }
}

impl<'a> ToHttpRequest<'a> for ApiGatewayV2HttpRequest<'a> {
    fn to_http_request(
        &self,
        options: &Options,
    ) -> Result<(Request<RequestBody<'a>>, Origin), HttpError> {
        let rc = &self.request_context;
        let view = View {
            method: Some(rc.http.method),
            path: self.raw_path.unwrap_or_default(),
            path_is_raw: true,
            stage: rc.stage,
            domain: rc.domain_name,
            query: Query::Raw(self.raw_query_string.unwrap_or_default()),
            headers: self.headers.as_ref(),
            multi_headers: None,
            cookies: self.cookies.as_deref().unwrap_or_default(),
            body: self.body(),
        };
        let shape = v2_shape(Text::plain(rc.domain_name.unwrap_or_default().as_bytes()));
        Ok((build(&view, options, None)?, origin(shape, false)))
    }
}

impl<'a> ToHttpRequest<'a> for AlbTargetGroupRequest<'a> {
    fn to_http_request(
        &self,
        options: &Options,
    ) -> Result<(Request<RequestBody<'a>>, Origin), HttpError> {
        let view = View {
            method: Some(self.http_method),
            path: self.path,
            path_is_raw: false,
            stage: None,
            domain: None,
            query: Query::Encoded(
                self.multi_value_query_string_parameters.as_ref(),
                self.query_string_parameters.as_ref(),
            ),
            headers: self.headers.as_ref(),
            multi_headers: self.multi_value_headers.as_ref(),
            cookies: &[],
            body: self.body(),
        };
        let origin = Origin::Alb {
            multi_value_headers: self.multi_value_headers.is_some(),
        };
        Ok((build(&view, options, None)?, origin))
    }
}

impl<'a> ToHttpRequest<'a> for VpcLatticeRequestV1<'a> {
    fn to_http_request(
        &self,
        options: &Options,
    ) -> Result<(Request<RequestBody<'a>>, Origin), HttpError> {
        let view = View {
            method: Some(self.method),
            path: self.raw_path,
            path_is_raw: false,
            stage: None,
            domain: None,
            query: Query::Encoded(None, Some(&self.query_string_parameters)),
            headers: Some(&self.headers),
            multi_headers: None,
            cookies: &[],
            body: self.body(),
        };
        Ok((build(&view, options, None)?, Origin::VpcLatticeV1))
    }
}

impl<'a> ToHttpRequest<'a> for VpcLatticeRequestV2<'a> {
    fn to_http_request(
        &self,
        options: &Options,
    ) -> Result<(Request<RequestBody<'a>>, Origin), HttpError> {
        let view = View {
            method: Some(self.method),
            path: self.path,
            path_is_raw: false,
            stage: None,
            domain: None,
            query: Query::Encoded(Some(&self.query_string_parameters), None),
            headers: None,
            multi_headers: Some(&self.headers),
            cookies: &[],
            body: self.body(),
        };
        Ok((build(&view, options, None)?, Origin::VpcLatticeV2))
    }
}

/// The origin of a request of `shape`; `multi_value_headers` matters only where the origin
/// records it.
fn origin(shape: HttpShape, multi_value_headers: bool) -> Origin {
    match shape {
        HttpShape::Alb => Origin::Alb {
            multi_value_headers,
        },
        HttpShape::VpcLatticeV2 => Origin::VpcLatticeV2,
        HttpShape::VpcLatticeV1 => Origin::VpcLatticeV1,
        HttpShape::ApiGatewayWebsocket => Origin::ApiGatewayWebsocket {
            multi_value_headers,
        },
        HttpShape::ApiGatewayHttp => Origin::ApiGatewayHttp,
        HttpShape::LambdaFunctionUrl => Origin::LambdaFunctionUrl,
        HttpShape::ApiGatewayRest => Origin::ApiGatewayRest {
            multi_value_headers,
        },
    }
}

/// The fields of every supported shape at once, so one decode serves them all.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AnyHttpEvent<'a> {
    version: Option<&'a str>,
    http_method: Option<&'a str>,
    /// VPC Lattice (both structures).
    method: Option<&'a str>,
    path: Option<&'a str>,
    raw_path: Option<&'a str>,
    raw_query_string: Option<&'a str>,
    #[serde(borrow)]
    cookies: Option<Vec<&'a str>>,
    #[serde(borrow)]
    headers: Option<Strings<'a>>,
    #[serde(borrow)]
    multi_value_headers: Option<Multi<'a>>,
    #[serde(borrow)]
    query_string_parameters: Option<Strings<'a>>,
    #[serde(borrow)]
    multi_value_query_string_parameters: Option<Multi<'a>>,
    body: Option<&'a str>,
    #[serde(default)]
    is_base64_encoded: Option<bool>,
    #[serde(borrow, default)]
    request_context: AnyContext<'a>,
    /// VPC Lattice V1 writes its keys in snake_case.
    #[serde(rename = "raw_path")]
    v1_raw_path: Option<&'a str>,
    #[serde(rename = "query_string_parameters", borrow)]
    v1_query: Option<Single<'a>>,
    #[serde(rename = "is_base64_encoded")]
    v1_is_base64_encoded: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct AnyContext<'a> {
    stage: Option<&'a str>,
    domain_name: Option<&'a str>,
    connection_id: Option<&'a str>,
    #[serde(borrow)]
    http: Option<AnyMethod<'a>>,
    elb: Option<IgnoredAny>,
    /// VPC Lattice V2.
    service_network_arn: Option<IgnoredAny>,
}

#[derive(Deserialize)]
struct AnyMethod<'a> {
    method: &'a str,
}

/// A header or query map: one string per name (most shapes) or a list (VPC Lattice V2).
enum Strings<'a> {
    Single(Single<'a>),
    Multi(Multi<'a>),
}

impl<'a> Strings<'a> {
    fn single(&self) -> Option<&Single<'a>> {
        match self {
            Self::Single(m) => Some(m),
            Self::Multi(_) => None,
        }
    }

    fn multi(&self) -> Option<&Multi<'a>> {
        match self {
            Self::Multi(m) => Some(m),
            Self::Single(_) => None,
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Strings<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);

        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Strings<'a>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of strings or of arrays of strings")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut single = Single::new();
                let mut multi: Option<Multi<'a>> = None;
                while let Some((k, v)) = access.next_entry::<&'de str, OneOrMany<'de>>()? {
                    match (&mut multi, v) {
                        (None, OneOrMany::One(s)) => {
                            if single.is_empty() {
                                // Room for a browser's request headers (most of these maps)
                                // at once, not grown step by step; none for an empty map.
                                single.reserve(16);
                            }
                            single.push(k, s);
                        }
                        (Some(m), OneOrMany::One(s)) => m.push(k, alloc::vec![s]),
                        (Some(m), OneOrMany::Many(vs)) => m.push(k, vs),
                        // The first list: the map is a multi-value one (in practice this is
                        // its first entry, so nothing is moved).
                        (None, OneOrMany::Many(vs)) => {
                            let mut m: Multi<'a> =
                                single.iter().map(|(k, v)| (k, alloc::vec![*v])).collect();
                            m.push(k, vs);
                            multi = Some(m);
                        }
                    }
                }
                Ok(match multi {
                    Some(m) => Strings::Multi(m),
                    None => Strings::Single(single),
                })
            }
        }

        deserializer.deserialize_map(V(PhantomData))
    }
}

/// Decodes an API Gateway (REST, HTTP, WebSocket), ALB, function URL or VPC Lattice request in
/// one pass over `buf` (core's in-place decoder) and converts it.
///
/// The shape is told by what is present (a `null` field is absent), by the rule
/// [`detect`](crate::detect()) follows too: `requestContext.elb` (ALB), then
/// `requestContext.serviceNetworkArn` (VPC Lattice V2), then `raw_path` (VPC Lattice V1), then
/// `requestContext.connectionId` (WebSocket), then `requestContext.http`, `rawPath` or
/// version `2.0` (HTTP API; a function URL when the domain is `<url-id>.lambda-url.<region>…`),
/// then `httpMethod` (REST).
pub fn from_slice<'a>(
    buf: &'a mut [u8],
    options: &Options,
) -> Result<(Request<RequestBody<'a>>, Origin), HttpError> {
    from_slice_or_origin(buf, options).map_err(|(e, _)| e)
}

/// [`from_slice`], which on failure also says where the request came from when its shape was
/// known (a bad base64 body or header in an otherwise recognised event), so the caller can
/// still answer in that shape (a 500, say).
pub fn from_slice_or_origin<'a>(
    buf: &'a mut [u8],
    options: &Options,
) -> Result<(Request<RequestBody<'a>>, Origin), (HttpError, Option<Origin>)> {
    decode(buf, None, options)
}

/// [`from_slice_or_origin`], with `text`, a copy of `buf` made before this call: header
/// values, and the host and path where the URI is made of them as they are, become slices of
/// `text` (which counts a reference) instead of copies of their own. Strings that had JSON
/// escapes are copied as before; a `text` that is not such a copy costs copies, never wrong
/// bytes.
pub fn from_slice_sharing<'a>(
    buf: &'a mut [u8],
    text: &Bytes,
    options: &Options,
) -> Result<(Request<RequestBody<'a>>, Origin), (HttpError, Option<Origin>)> {
    let shared = Shared::new(text, buf);
    decode(buf, Some(shared), options)
}

fn decode<'a>(
    buf: &'a mut [u8],
    shared: Option<Shared<'_>>,
    options: &Options,
) -> Result<(Request<RequestBody<'a>>, Origin), (HttpError, Option<Origin>)> {
    let ev: AnyHttpEvent<'a> = lambkin_core::json::from_slice(buf).map_err(|e| (e.into(), None))?;
    let multi = ev.multi_value_headers.is_some();
    convert(ev, shared, options).map_err(|(e, shape)| (e, shape.map(|s| origin(s, multi))))
}

/// The conversion proper; fails with the shape when it was known.
fn convert<'a>(
    ev: AnyHttpEvent<'a>,
    shared: Option<Shared<'_>>,
    options: &Options,
) -> Result<(Request<RequestBody<'a>>, Origin), (HttpError, Option<HttpShape>)> {
    let rc = &ev.request_context;
    let shape = classify(&HttpMarks {
        elb: rc.elb.is_some(),
        service_network_arn: rc.service_network_arn.is_some(),
        v1_raw_path: ev.v1_raw_path.is_some(),
        connection_id: rc.connection_id.is_some(),
        context_http: rc.http.is_some(),
        raw_path: ev.raw_path.is_some(),
        http_method: ev.http_method.is_some(),
        version: Text::plain(ev.version.unwrap_or_default().as_bytes()),
        domain: Text::plain(rc.domain_name.unwrap_or_default().as_bytes()),
    });
    let query = ev.query_string_parameters.as_ref();
    let v1_query = (
        ev.multi_value_query_string_parameters.as_ref(),
        query.and_then(Strings::single),
    );
    let headers = ev.headers.as_ref();
    // Refused before any shape rule: a malformed field is a decode error, whatever else is off.
    if shape != Some(HttpShape::VpcLatticeV2) {
        lists_refused("headers", headers).map_err(|e| (e, None))?;
        lists_refused("queryStringParameters", query).map_err(|e| (e, None))?;
    }
    let shape = shape.ok_or((HttpError::UnknownShape, None))?;
    let known = |e: HttpError| (e, Some(shape));
    let mut view = View {
        method: ev.http_method,
        path: ev.path.unwrap_or_default(),
        path_is_raw: false,
        stage: rc.stage,
        domain: rc.domain_name,
        query: Query::Decoded(v1_query.0, v1_query.1),
        headers: headers.and_then(Strings::single),
        multi_headers: ev.multi_value_headers.as_ref(),
        cookies: &[],
        body: Body::new(ev.body, ev.is_base64_encoded.unwrap_or(false)),
    };
    match shape {
        HttpShape::Alb => {
            view.stage = None;
            view.domain = None;
            view.query = Query::Encoded(v1_query.0, v1_query.1);
        }
        HttpShape::VpcLatticeV2 => {
            view.method = Some(ev.method.ok_or(known(HttpError::InvalidMethod))?);
            view.stage = None;
            view.domain = None;
            view.query = Query::Encoded(query.and_then(Strings::multi), v1_query.1);
            view.multi_headers = headers.and_then(Strings::multi);
        }
        HttpShape::VpcLatticeV1 => {
            view.method = Some(ev.method.ok_or(known(HttpError::InvalidMethod))?);
            view.path = ev.v1_raw_path.unwrap_or_default();
            // Lattice has no stage, API domain or multi-value headers: fields of those names
            // belong to other shapes and must not reach the URI or the headers.
            view.stage = None;
            view.domain = None;
            view.multi_headers = None;
            view.query = Query::Encoded(None, ev.v1_query.as_ref());
            view.body = Body::new(ev.body, ev.v1_is_base64_encoded.unwrap_or(false));
        }
        HttpShape::ApiGatewayHttp | HttpShape::LambdaFunctionUrl => {
            view.method = Some(
                rc.http
                    .as_ref()
                    .ok_or(known(HttpError::InvalidMethod))?
                    .method,
            );
            view.path = ev.raw_path.unwrap_or_default();
            view.path_is_raw = true;
            view.query = Query::Raw(ev.raw_query_string.unwrap_or_default());
            view.multi_headers = None;
            view.cookies = ev.cookies.as_deref().unwrap_or_default();
        }
        HttpShape::ApiGatewayWebsocket | HttpShape::ApiGatewayRest => {}
    }
    let origin = origin(shape, ev.multi_value_headers.is_some());
    Ok((build(&view, options, shared).map_err(known)?, origin))
}

/// Only VPC Lattice V2 has lists in `headers` and `queryStringParameters`; in any other shape
/// a list is malformed input, refused as serde would refuse it, not read as an absent map.
fn lists_refused(field: &str, map: Option<&Strings<'_>>) -> Result<(), HttpError> {
    match map {
        Some(Strings::Multi(_)) => Err(HttpError::Decode(serde::de::Error::custom(format_args!(
            "found a list in `{field}`"
        )))),
        _ => Ok(()),
    }
}

fn build<'a>(
    view: &View<'_, 'a>,
    options: &Options,
    shared: Option<Shared<'_>>,
) -> Result<Request<RequestBody<'a>>, HttpError> {
    let method = match view.method {
        Some(m) => Method::from_bytes(m.as_bytes()).map_err(|_| HttpError::InvalidMethod)?,
        None => Method::GET,
    };
    let headers = headers(view, shared)?;
    let uri = uri(view, &headers, options, shared)?;
    let body = match view.body {
        Body::Empty => RequestBody::Text(""),
        Body::Text(s) => RequestBody::Text(s),
        Body::Base64(s) => {
            let mut out = alloc::vec![0; crate::decoded_len_estimate(s)];
            let n = crate::decode_base64(s, &mut out)
                .map_err(|_| HttpError::InvalidBase64)?
                .len();
            out.truncate(n);
            RequestBody::Binary(out)
        }
    };
    let mut request = Request::new(body);
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    *request.headers_mut() = headers;
    Ok(request)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
#[path = "request_tests.rs"]
mod tests;
