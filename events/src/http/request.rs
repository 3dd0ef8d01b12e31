//! Events → `http::Request`: every shape is first seen as a [`View`] of borrowed parts, then
//! built by one function, so the shapes differ only in where their parts come from.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write as _;

use http::header::{COOKIE, HOST, HeaderName, HeaderValue};
use http::uri::{Authority, Scheme};
use http::{HeaderMap, Method, Request, Uri};
use serde::Deserialize;
use serde::de::IgnoredAny;

use super::{HttpError, Options, Origin, RequestBody};
use crate::alb::AlbTargetGroupRequest;
use crate::apigw::{
    ApiGatewayProxyRequest, ApiGatewayV2HttpRequest, ApiGatewayWebsocketProxyRequest,
};
use crate::{Body, Map};

type Single<'a> = Map<'a, &'a str>;
type Multi<'a> = Map<'a, Vec<&'a str>>;

/// The query, in the form each shape carries it.
#[derive(Clone, Copy)]
enum Query<'e, 'a> {
    /// The query string as received (HTTP API, function URL).
    Raw(&'a str),
    /// Decoded names and values, to form-encode (REST, WebSocket).
    Decoded(Option<&'e Multi<'a>>, Option<&'e Single<'a>>),
    /// Names and values still percent-encoded as received, to join (ALB).
    Encoded(Option<&'e Multi<'a>>, Option<&'e Single<'a>>),
}

/// The parts of an HTTP-shaped event the request is built from.
struct View<'e, 'a> {
    /// `None` for WebSocket messages, which have no method; they become `GET`.
    method: Option<&'a str>,
    path: &'a str,
    /// API Gateway stage, for [`Options::stage_in_path`].
    stage: Option<&'a str>,
    /// `requestContext.domainName`, the host when there is no `Host` header.
    domain: Option<&'a str>,
    query: Query<'e, 'a>,
    headers: Option<&'e Single<'a>>,
    multi_headers: Option<&'e Multi<'a>>,
    /// HTTP API cookies, which are not among the headers.
    cookies: &'e [&'a str],
    body: Body<'a>,
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
        Ok((build(&view, options)?, origin))
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
        Ok((build(&view, options)?, origin))
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
            stage: rc.stage,
            domain: rc.domain_name,
            query: Query::Raw(self.raw_query_string.unwrap_or_default()),
            headers: self.headers.as_ref(),
            multi_headers: None,
            cookies: self.cookies.as_deref().unwrap_or_default(),
            body: self.body(),
        };
        Ok((build(&view, options)?, v2_origin(rc.domain_name)))
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
        Ok((build(&view, options)?, origin))
    }
}

fn v2_origin(domain: Option<&str>) -> Origin {
    if domain.is_some_and(|d| d.contains(".lambda-url.")) {
        Origin::LambdaFunctionUrl
    } else {
        Origin::ApiGatewayHttp
    }
}

/// The fields of every supported shape at once, so one decode serves them all.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AnyHttpEvent<'a> {
    version: Option<&'a str>,
    http_method: Option<&'a str>,
    path: Option<&'a str>,
    raw_path: Option<&'a str>,
    raw_query_string: Option<&'a str>,
    #[serde(borrow)]
    cookies: Option<Vec<&'a str>>,
    #[serde(borrow)]
    headers: Option<Single<'a>>,
    #[serde(borrow)]
    multi_value_headers: Option<Multi<'a>>,
    #[serde(borrow)]
    query_string_parameters: Option<Single<'a>>,
    #[serde(borrow)]
    multi_value_query_string_parameters: Option<Multi<'a>>,
    body: Option<&'a str>,
    #[serde(default)]
    is_base64_encoded: Option<bool>,
    #[serde(borrow, default)]
    request_context: AnyContext<'a>,
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
}

#[derive(Deserialize)]
struct AnyMethod<'a> {
    method: &'a str,
}

/// Decodes an API Gateway (REST, HTTP, WebSocket), ALB or function URL request in one pass
/// over `buf` (core's in-place decoder) and converts it.
///
/// The shape is told by what is present: `requestContext.elb` (ALB), then
/// `requestContext.connectionId` (WebSocket), then `requestContext.http`, `rawPath` or
/// version `2.0` (HTTP API; a function URL when the domain is a `lambda-url` one), then
/// `httpMethod` (REST).
pub fn from_slice<'a>(
    buf: &'a mut [u8],
    options: &Options,
) -> Result<(Request<RequestBody<'a>>, Origin), HttpError> {
    let ev: AnyHttpEvent<'a> = lambkin_core::json::from_slice(buf)?;
    let rc = &ev.request_context;
    let multi_value_headers = ev.multi_value_headers.is_some();
    let v1_query = (
        ev.multi_value_query_string_parameters.as_ref(),
        ev.query_string_parameters.as_ref(),
    );
    let mut view = View {
        method: ev.http_method,
        path: ev.path.unwrap_or_default(),
        stage: rc.stage,
        domain: rc.domain_name,
        query: Query::Decoded(v1_query.0, v1_query.1),
        headers: ev.headers.as_ref(),
        multi_headers: ev.multi_value_headers.as_ref(),
        cookies: &[],
        body: Body::new(ev.body, ev.is_base64_encoded.unwrap_or(false)),
    };
    let origin = if rc.elb.is_some() {
        view.stage = None;
        view.domain = None;
        view.query = Query::Encoded(v1_query.0, v1_query.1);
        Origin::Alb {
            multi_value_headers,
        }
    } else if rc.connection_id.is_some() {
        Origin::ApiGatewayWebsocket {
            multi_value_headers,
        }
    } else if rc.http.is_some() || ev.raw_path.is_some() || ev.version == Some("2.0") {
        view.method = Some(rc.http.as_ref().ok_or(HttpError::InvalidMethod)?.method);
        view.path = ev.raw_path.unwrap_or_default();
        view.query = Query::Raw(ev.raw_query_string.unwrap_or_default());
        view.multi_headers = None;
        view.cookies = ev.cookies.as_deref().unwrap_or_default();
        v2_origin(rc.domain_name)
    } else if ev.http_method.is_some() {
        Origin::ApiGatewayRest {
            multi_value_headers,
        }
    } else {
        return Err(HttpError::UnknownShape);
    };
    Ok((build(&view, options)?, origin))
}

fn build<'a>(
    view: &View<'_, 'a>,
    options: &Options,
) -> Result<Request<RequestBody<'a>>, HttpError> {
    let method = match view.method {
        Some(m) => Method::from_bytes(m.as_bytes()).map_err(|_| HttpError::InvalidMethod)?,
        None => Method::GET,
    };
    let headers = headers(view)?;
    let uri = uri(view, &headers, options)?;
    let body = match view.body {
        Body::Empty => Cow::Borrowed(&[][..]),
        Body::Text(s) => Cow::Borrowed(s.as_bytes()),
        Body::Base64(s) => {
            let mut out = alloc::vec![0; crate::decoded_len_estimate(s)];
            let n = crate::decode_base64(s, &mut out)
                .map_err(|_| HttpError::InvalidBase64)?
                .len();
            out.truncate(n);
            Cow::Owned(out)
        }
    };
    let mut request = Request::new(body);
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    *request.headers_mut() = headers;
    Ok(request)
}

fn header_name(name: &str) -> Result<HeaderName, HttpError> {
    HeaderName::from_bytes(name.as_bytes()).map_err(|_| HttpError::InvalidHeader)
}

fn header_value(value: &str) -> Result<HeaderValue, HttpError> {
    HeaderValue::from_bytes(value.as_bytes()).map_err(|_| HttpError::InvalidHeader)
}

/// Multi-value headers are the full set when present (API Gateway and ALB send the last value
/// of each in `headers`); a name only in `headers` is added, with its last value (names
/// compared case-insensitively), as when there are no multi-value headers. HTTP API cookies
/// become one `Cookie` header.
fn headers(view: &View<'_, '_>) -> Result<HeaderMap, HttpError> {
    let single = view.headers.map_or(0, Map::len);
    let multi = view.multi_headers.map_or(0, Map::len);
    let mut map = HeaderMap::with_capacity(single.max(multi) + 1);
    for (name, values) in view.multi_headers.into_iter().flat_map(Map::iter) {
        let name = header_name(name)?;
        for value in values {
            map.append(name.clone(), header_value(value)?);
        }
    }
    // The last value of each name first: checking `map` while inserting would let the first
    // of a repeated name win, since the first one inserted makes the name present.
    let mut last: HeaderMap<&str> = HeaderMap::with_capacity(single);
    for (name, value) in view.headers.into_iter().flat_map(Map::iter) {
        last.insert(header_name(name)?, value);
    }
    for (name, value) in last {
        if let Some(name) = name.filter(|n| !map.contains_key(n)) {
            map.insert(name, header_value(value)?);
        }
    }
    if let Some((first, rest)) = view.cookies.split_first() {
        let mut joined = String::from(*first);
        for c in rest {
            joined.push_str("; ");
            joined.push_str(c);
        }
        map.insert(COOKIE, header_value(&joined)?);
    }
    Ok(map)
}

/// `scheme://host/path?query` when the host is known (`Host`, else the domain name) and forms
/// a valid authority on its own, and the scheme (`X-Forwarded-Proto`, else https) a valid
/// scheme; `/path?query` otherwise.
fn uri(view: &View<'_, '_>, headers: &HeaderMap, options: &Options) -> Result<Uri, HttpError> {
    let mut pq = String::new();
    let stage = view.stage.filter(|s| {
        options.stage_in_path && *s != "$default" && !starts_with_segment(view.path, s)
    });
    if let Some(stage) = stage {
        pq.push('/');
        push_encoded(&mut pq, stage, PATH);
    }
    // An empty path is the stage root (`/prod`) or `/`, as in `lambda_http`.
    if !(view.path.starts_with('/') || view.path.is_empty() && stage.is_some()) {
        pq.push('/');
    }
    push_encoded(&mut pq, view.path, PATH);
    let query_start = pq.len();
    pq.push('?');
    match view.query {
        Query::Raw(q) => push_encoded(&mut pq, q, QUERY),
        Query::Decoded(multi, single) => push_pairs(&mut pq, multi, single, push_form),
        Query::Encoded(multi, single) => push_pairs(&mut pq, multi, single, |o, s| {
            push_encoded(o, s, QUERY);
        }),
    }
    if pq.len() == query_start + 1 {
        pq.truncate(query_start);
    }
    let host = headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .or(view.domain);
    if let Some(host) = host {
        let scheme = headers
            .get("x-forwarded-proto")
            .and_then(|h| h.to_str().ok())
            .unwrap_or("https");
        // Host names are case-insensitive; lower-case them as URL parsers do.
        let host = host.to_ascii_lowercase();
        // Each part must parse alone: pasted into one string, a Host of `a/b` or a scheme of
        // `https://b/c` would parse too, and move bytes of the header into the path. A Host
        // has no user info (RFC 9110), so `@` is refused as well.
        let authority = Authority::try_from(host.as_str())
            .ok()
            .filter(|a| !a.as_str().contains('@'));
        if let (Ok(scheme), Some(authority)) = (Scheme::try_from(scheme), authority)
            && let Ok(uri) = Uri::builder()
                .scheme(scheme)
                .authority(authority)
                .path_and_query(pq.as_str())
                .build()
        {
            return Ok(uri);
        }
    }
    Uri::try_from(pq).map_err(|_| HttpError::InvalidUri)
}

/// Whether `path` is `/{stage}` or starts with `/{stage}/`.
fn starts_with_segment(path: &str, stage: &str) -> bool {
    path.strip_prefix('/')
        .and_then(|p| p.strip_prefix(stage))
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// `name=value` pairs joined with `&`, from the multi-value map when it has entries.
fn push_pairs(
    out: &mut String,
    multi: Option<&Multi<'_>>,
    single: Option<&Single<'_>>,
    push: impl Fn(&mut String, &str),
) {
    let mut first = true;
    let mut pair = |out: &mut String, k: &str, v: &str| {
        if !core::mem::take(&mut first) {
            out.push('&');
        }
        push(out, k);
        out.push('=');
        push(out, v);
    };
    match (multi, single) {
        (Some(m), _) if !m.is_empty() => {
            for (k, vs) in m.iter() {
                for v in vs {
                    pair(out, k, v);
                }
            }
        }
        (_, Some(s)) => {
            for (k, v) in s.iter() {
                pair(out, k, v);
            }
        }
        _ => {}
    }
}

/// Bytes to percent-encode in a path: WHATWG's path set (controls, space, `"#<>?` `` ` `` `{}`,
/// non-ASCII). `%` is kept, so an already encoded path stays as it is.
const PATH: &[u8] = b" \"#<>?`{}";
/// In a query: WHATWG's query set (controls, space, `"#<>`, non-ASCII).
const QUERY: &[u8] = b" \"#<>";

fn push_encoded(out: &mut String, s: &str, set: &[u8]) {
    for &b in s.as_bytes() {
        if !(0x20..0x7F).contains(&b) || set.contains(&b) {
            push_pct(out, b);
        } else {
            out.push(char::from(b));
        }
    }
}

/// `application/x-www-form-urlencoded` (what `lambda_http` and browsers write).
fn push_form(out: &mut String, s: &str) {
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(b));
            }
            b' ' => out.push('+'),
            _ => push_pct(out, b),
        }
    }
}

fn push_pct(out: &mut String, b: u8) {
    // Writing to a String cannot fail.
    let _ = write!(out, "%{b:02X}");
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn encoding() {
        const CASES: &[(&str, &str, &str)] = &[
            (
                "/my/path-with space",
                "/my/path-with%20space",
                "%2Fmy%2Fpath-with+space",
            ),
            ("/a%2Fb?#", "/a%2Fb%3F%23", "%2Fa%252Fb%3F%23"),
            ("/é", "/%C3%A9", "%2F%C3%A9"),
            ("{x}", "%7Bx%7D", "%7Bx%7D"),
        ];
        for (input, path, form) in CASES {
            let mut p = String::new();
            push_encoded(&mut p, input, PATH);
            assert_eq!(p, *path);
            let mut f = String::new();
            push_form(&mut f, input);
            assert_eq!(f, *form);
        }
    }

    /// Found by the `events_http` fuzz target: a `Host` of `h/aws` put `/aws` in the path.
    #[test]
    fn host_and_scheme_stay_in_the_authority() {
        const CASES: &[(&str, Option<&str>, &str)] = &[
            ("x.example", None, "https://x.example/p?q=1"),
            (
                "X.Example:8443",
                Some("http"),
                "http://x.example:8443/p?q=1",
            ),
            ("id.lambda-url.eu-west-2.on/aws", None, "/p?q=1"),
            ("x.example?a=b", None, "/p?q=1"),
            ("x.example#f", None, "/p?q=1"),
            ("user@x.example", None, "/p?q=1"),
            ("x.example", Some("https://evil.example/x"), "/p?q=1"),
            ("x.example", Some("ht tp"), "/p?q=1"),
            ("", None, "/p?q=1"),
        ];
        for (host, proto, want) in CASES {
            let proto = proto.map_or(String::new(), |p| format!(r#","x-forwarded-proto":"{p}""#));
            let json = format!(
                r#"{{"rawPath":"/p","rawQueryString":"q=1","headers":{{"host":"{host}"{proto}}},
                "requestContext":{{"http":{{"method":"GET"}}}}}}"#
            );
            let mut buf = json.into_bytes();
            let (req, _) = from_slice(&mut buf, &Options::default()).unwrap();
            assert_eq!(req.uri(), *want, "host {host:?}, proto {proto:?}");
        }
    }

    /// Found by the `events_http` fuzz target: with multi-value headers present, the first of
    /// a name repeated in `headers` won; without them, the last.
    #[test]
    fn last_single_header_wins() {
        const CASES: &[(&str, &[&str])] = &[
            (
                r#""headers":{"Host":"a.example","host":"b.example"}"#,
                &["b.example"],
            ),
            (
                r#""headers":{"Host":"a.example","host":"b.example"},"multiValueHeaders":{"x":["1"]}"#,
                &["b.example"],
            ),
            (
                r#""headers":{"host":"a.example"},"multiValueHeaders":{"Host":["b.example","c.example"]}"#,
                &["b.example", "c.example"],
            ),
            (
                r#""headers":{"host":"a.example"},"multiValueHeaders":{"host":[]}"#,
                &["a.example"],
            ),
        ];
        for (fields, want) in CASES {
            let json = format!(r#"{{"httpMethod":"GET","path":"/",{fields}}}"#);
            let mut buf = json.into_bytes();
            let (req, _) = from_slice(&mut buf, &Options::default()).unwrap();
            let got: Vec<_> = req.headers().get_all(HOST).iter().collect();
            assert_eq!(got, *want, "{fields}");
        }
    }

    #[test]
    fn stage_prefix() {
        const CASES: &[(&str, &str, bool)] = &[
            ("/Prod/x", "Prod", true),
            ("/Prod", "Prod", true),
            ("/Production/x", "Prod", false),
            ("/x", "Prod", false),
        ];
        for (path, stage, want) in CASES {
            assert_eq!(starts_with_segment(path, stage), *want, "{path} {stage}");
        }
    }
}
