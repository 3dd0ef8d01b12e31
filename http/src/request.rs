//! The request a service receives: built from the event in one pass, with lambda_http's
//! extensions, and [`from_str`] to build it in a unit test.

use aws_lambda_events::alb::AlbTargetGroupRequestContext;
use aws_lambda_events::apigw::{
    ApiGatewayProxyRequestContext, ApiGatewayRequestAuthorizer, ApiGatewayV2httpRequestContext,
    ApiGatewayWebsocketProxyRequestContext,
};
use aws_lambda_events::vpc_lattice::VpcLatticeRequestV2Context;
use http::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use lambkin_events::http::{HttpError, Options, Origin, RequestBody};
use serde::{Deserialize, Serialize};

use crate::source::{Source, Spare};
use crate::{Body, Request};

/// The typed request context of each source, as lambda_http's `RequestContext`; read it with
/// [`RequestExt::request_context_ref`](crate::RequestExt::request_context_ref).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum RequestContext {
    /// API Gateway REST API (payload 1.0).
    ApiGatewayV1(ApiGatewayProxyRequestContext),
    /// API Gateway HTTP API (payload 2.0) and Lambda function URLs.
    ApiGatewayV2(ApiGatewayV2httpRequestContext),
    /// Application Load Balancer.
    Alb(AlbTargetGroupRequestContext),
    /// API Gateway WebSocket API.
    WebSocket(ApiGatewayWebsocketProxyRequestContext),
    /// VPC Lattice, V2 event structure.
    VpcLattice(VpcLatticeRequestV2Context),
    /// VPC Lattice, V1 event structure, which carries no request context (not a lambda_http
    /// source).
    VpcLatticeV1,
    /// An event that is not an HTTP request (feature `pass-through`).
    PassThrough,
}

impl RequestContext {
    /// The API Gateway authorizer's output (REST, HTTP and WebSocket APIs).
    pub fn authorizer(&self) -> Option<&ApiGatewayRequestAuthorizer> {
        match self {
            Self::ApiGatewayV1(ag) => Some(&ag.authorizer),
            Self::ApiGatewayV2(ag) => ag.authorizer.as_ref(),
            Self::WebSocket(ag) => Some(&ag.authorizer),
            _ => None,
        }
    }
}

/// The shared handle the request's extensions hold (extensions must be `Clone`).
#[derive(Debug, Clone)]
pub(crate) struct SourceRef(pub(crate) Source);

/// The header the invocation's trace replaces. A constant: a name given as a string is parsed
/// and hashed on every insert.
static TRACE_HEADER: HeaderName = HeaderName::from_static("x-amzn-trace-id");

/// The path of a pass-through request, as lambda_http's.
pub(crate) const PASS_THROUGH_PATH: &str = "/events";

/// Why an event did not become a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestError {
    /// The event is not an HTTP request of a supported shape, or is malformed; see the cause.
    Event(HttpError),
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Event(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for RequestError {}

/// What [`build`] made of an event: the request, and the origin its response answers
/// (`None`: pass-through).
pub(crate) struct Built {
    pub(crate) request: Request,
    pub(crate) origin: Option<Origin>,
}

/// Builds the request a service receives from the event bytes in `buf` (rewritten in place).
///
/// With `pass_through`, an event of no HTTP shape becomes `POST /events` with the event JSON as
/// its body, as in lambda_http: any JSON document (an array, a string, an event whose fields
/// are not what the HTTP shapes' fields of the same name hold, like Cognito's numeric
/// `version`). Any other conversion failure is returned, with the origin when the shape was
/// known (so the caller can answer 500 in it). `trace_id`, the invocation's trace header,
/// replaces the caller's `X-Amzn-Trace-Id` (lambda_http's rule).
pub(crate) fn build(
    buf: &mut [u8],
    options: &Options,
    pass_through: bool,
    trace_id: Option<&str>,
    spare: &Spare,
) -> Result<Built, (HttpError, Option<Origin>)> {
    let text = Source::new(buf, trace_id, spare);
    match lambkin_events::http::from_slice_sharing(buf, text.text(), options) {
        Ok((req, origin)) => {
            let (parts, body) = req.into_parts();
            let body = body_of(body);
            let mut request = Request::from_parts(parts, body);
            let source = text.with_origin(Some(origin));
            if let Some(trace) = source
                .trace_id()
                .and_then(|t| HeaderValue::from_maybe_shared(t).ok())
            {
                request.headers_mut().insert(TRACE_HEADER.clone(), trace);
            }
            request.extensions_mut().insert(SourceRef(source));
            Ok(Built {
                request,
                origin: Some(origin),
            })
        }
        Err((e, None))
            if pass_through
                && (e == HttpError::UnknownShape
                    || serde_json::from_slice::<serde::de::IgnoredAny>(text.event()).is_ok()) =>
        {
            let body = match String::from_utf8(text.event().to_vec()) {
                Ok(s) => Body::Text(s),
                Err(e) => Body::Binary(e.into_bytes()),
            };
            let mut request = Request::new(body);
            *request.method_mut() = http::Method::POST;
            *request.uri_mut() = http::Uri::from_static(PASS_THROUGH_PATH);
            let source = text.with_origin(None);
            let headers = request.headers_mut();
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            if let Some(trace) = source
                .trace_id()
                .and_then(|t| HeaderValue::from_maybe_shared(t).ok())
            {
                headers.insert(TRACE_HEADER.clone(), trace);
            }
            request.extensions_mut().insert(SourceRef(source));
            Ok(Built {
                request,
                origin: None,
            })
        }
        Err(e) => Err(e),
    }
}

/// The body as lambda_http gives it: base64 bodies (decoded, so owned) as `Binary`, text as
/// `Text`, none as `Empty`.
fn body_of(body: RequestBody<'_>) -> Body {
    match body {
        RequestBody::Binary(bytes) => Body::Binary(bytes),
        RequestBody::Text("") => Body::Empty,
        RequestBody::Text(s) => Body::Text(s.to_owned()),
    }
}

/// Builds the request a service would receive for the event JSON `s`, as
/// `lambda_http::request::from_str` does: for unit tests without a server.
///
/// The request carries the same extensions as in production (query and path parameters, stage
/// variables, the typed request context, the raw path) and a default Lambda context; stage
/// prefixes follow `AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH`.
///
/// ```
/// use lambkin_http::{RequestExt, request::from_str};
///
/// let req = from_str(r#"{"version":"2.0","rawPath":"/users/7","rawQueryString":"x=1",
///     "headers":{"host":"api.example"},"pathParameters":{"id":"7"},
///     "requestContext":{"http":{"method":"GET"},"stage":"$default"},"isBase64Encoded":false}"#)
/// .unwrap();
/// assert_eq!(req.uri(), "https://api.example/users/7?x=1");
/// assert_eq!(req.path_parameters_ref().and_then(|p| p.first("id")), Some("7"));
/// assert_eq!(req.query_string_parameters_ref().and_then(|q| q.first("x")), Some("1"));
/// ```
pub fn from_str(s: &str) -> Result<Request, RequestError> {
    from_slice(s.as_bytes())
}

/// [`from_str`] for bytes (a fixture read with `std::fs::read`).
pub fn from_slice(s: &[u8]) -> Result<Request, RequestError> {
    let mut buf = s.to_vec();
    let options = crate::adapter::env_options();
    let spare = Spare::default();
    let built = build(
        &mut buf,
        &options,
        cfg!(feature = "pass-through"),
        None,
        &spare,
    )
    .map_err(|(e, _)| RequestError::Event(e))?;
    let mut request = built.request;
    request
        .extensions_mut()
        .insert(lambkin_host::owned::Context::default());
    Ok(request)
}
