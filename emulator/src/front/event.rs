//! An HTTP request → the Lambda event each [`Shape`] sends (the rules are tabled in the
//! [`front`](super) docs). Every shape starts from the same [`Parts`] (method, path and query as
//! sent, headers less the hop-by-hop ones plus the proxy's `X-Forwarded-*`, the body as text
//! or base64), then lays them out as its service does.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::SystemTime;

use serde_json::{Map, Value, json};

use super::text::{
    base64_encode, decode_form, decode_path, epoch_ms, epoch_us, gateway_time, is_textual,
};
use super::{ACCOUNT, Shape, Site};
use crate::MAX_EVENT;
use crate::ids;
use crate::wire::Request;

/// The stage of the REST shape's events.
pub(super) const REST_STAGE: &str = "prod";

/// Headers about one hop, which no proxy forwards; `Expect` is answered by the front itself.
const HOP_BY_HOP: &[&str] = &[
    "connection",
    "expect",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

/// Why a request makes no event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Refused {
    /// The request target is neither a path nor an absolute URL.
    Target,
    /// The event would exceed Lambda's invocation payload limit.
    TooLarge,
}

/// What the front knows about a request besides the request itself.
pub(crate) struct Inbound<'a> {
    /// The client.
    pub(crate) peer: SocketAddr,
    /// The port the client connected to.
    pub(crate) local_port: u16,
    /// When the request arrived.
    pub(crate) now: SystemTime,
    /// `requestContext.requestId`.
    pub(crate) request_id: &'a str,
}

/// How the body travels.
enum Body {
    Empty,
    Text(String),
    Base64(String),
}

/// The request, taken apart once for every shape.
struct Parts<'r> {
    method: &'r str,
    path: &'r str,
    query: &'r str,
    headers: Vec<(String, String)>,
    body: Body,
    source_ip: String,
    user_agent: String,
}

/// The event for `request` in the site's shape, as JSON.
pub(crate) fn build(site: &Site, request: &Request, inbound: &Inbound) -> Result<Vec<u8>, Refused> {
    let parts = parts(site.shape, request, inbound)?;
    let event = match site.shape {
        Shape::ApiGatewayV2 | Shape::FunctionUrl => v2(site, &parts, inbound),
        Shape::Rest => rest(site, &parts, inbound),
        Shape::Alb => alb(site, &parts),
        Shape::LatticeV2 => lattice(site, &parts, inbound),
    };
    let bytes = serde_json::to_vec(&event).map_err(|_| Refused::TooLarge)?;
    if bytes.len() > MAX_EVENT {
        return Err(Refused::TooLarge);
    }
    Ok(bytes)
}

/// Path and query of the target: origin form (`/p?q`), or absolute form (`http://h/p?q`, as
/// sent to proxies).
fn split_target(target: &str) -> Option<(&str, &str)> {
    let origin = if target.starts_with('/') {
        target
    } else {
        let rest = ["http://", "https://"].iter().find_map(|scheme| {
            let head = target.get(..scheme.len())?;
            head.eq_ignore_ascii_case(scheme)
                .then(|| target.get(scheme.len()..))
                .flatten()
        })?;
        // The authority ends at the path or the query.
        rest.find(['/', '?'])
            .and_then(|at| rest.get(at..))
            .unwrap_or("/")
    };
    // A fragment is never sent; if one is, it is not part of the resource.
    let origin = origin.split('#').next().unwrap_or_default();
    let (path, query) = origin.split_once('?').unwrap_or((origin, ""));
    Some((if path.is_empty() { "/" } else { path }, query))
}

fn parts<'r>(shape: Shape, request: &'r Request, inbound: &Inbound) -> Result<Parts<'r>, Refused> {
    let (path, query) = split_target(&request.path).ok_or(Refused::Target)?;
    let mut headers: Vec<(String, String)> = request
        .headers
        .iter()
        .filter(|(name, _)| !HOP_BY_HOP.iter().any(|h| name.eq_ignore_ascii_case(h)))
        .cloned()
        .collect();
    let source_ip = inbound.peer.ip().to_canonical().to_string();
    forwarded(shape, &mut headers, &source_ip, inbound.local_port);
    let content_type = request.header("content-type");
    let body = if request.body.is_empty() {
        Body::Empty
    } else {
        // REST APIs pass bodies as text unless told of binary types; the others base64 any
        // type that is not textual. Bytes that are not UTF-8 are base64 everywhere: lossless.
        let text = shape == Shape::Rest || is_textual(content_type);
        match std::str::from_utf8(&request.body) {
            Ok(s) if text => Body::Text(s.to_owned()),
            _ => Body::Base64(base64_encode(&request.body)),
        }
    };
    Ok(Parts {
        method: &request.method,
        path,
        query,
        headers,
        body,
        source_ip,
        user_agent: request.header("user-agent").unwrap_or_default().to_owned(),
    })
}

/// The headers a proxy adds: the client appended to `X-Forwarded-For`, the port and scheme
/// it used (plain HTTP here), and a trace id unless the client sent one. VPC Lattice adds
/// only `X-Forwarded-For`.
fn forwarded(shape: Shape, headers: &mut Vec<(String, String)>, peer: &str, port: u16) {
    let mut take = |name: &str| {
        let mut values = Vec::new();
        headers.retain(|(n, v)| {
            let hit = n.eq_ignore_ascii_case(name);
            if hit {
                values.push(v.clone());
            }
            !hit
        });
        values
    };
    let mut chain = take("x-forwarded-for");
    chain.push(peer.to_owned());
    if shape != Shape::LatticeV2 {
        take("x-forwarded-port");
        take("x-forwarded-proto");
    }
    headers.push(("X-Forwarded-For".into(), chain.join(", ")));
    if shape == Shape::LatticeV2 {
        return;
    }
    headers.push(("X-Forwarded-Port".into(), port.to_string()));
    headers.push(("X-Forwarded-Proto".into(), "http".into()));
    if !headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("x-amzn-trace-id"))
    {
        let trace = ids::trace_id();
        let root = trace.split(';').next().unwrap_or_default().to_owned();
        headers.push(("X-Amzn-Trace-Id".into(), root));
    }
}

/// Values grouped by name in order of first appearance (names compared exactly).
fn group(items: impl Iterator<Item = (String, String)>) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (name, value) in items {
        match index.get(&name).and_then(|&i| out.get_mut(i)) {
            Some((_, values)) => values.push(value),
            None => {
                index.insert(name.clone(), out.len());
                out.push((name, vec![value]));
            }
        }
    }
    out
}

fn lower_headers(parts: &Parts) -> Vec<(String, Vec<String>)> {
    group(
        parts
            .headers
            .iter()
            .map(|(n, v)| (n.to_ascii_lowercase(), v.clone())),
    )
}

/// `name=value` pairs of a query as sent; a name without `=` has an empty value.
fn pairs(query: &str) -> impl Iterator<Item = (&str, &str)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
}

fn decoded_query(query: &str) -> Vec<(String, Vec<String>)> {
    group(pairs(query).map(|(k, v)| (decode_form(k), decode_form(v))))
}

fn raw_query(query: &str) -> Vec<(String, Vec<String>)> {
    group(pairs(query).map(|(k, v)| (k.to_owned(), v.to_owned())))
}

/// `{name: f(values)}`.
fn object(groups: &[(String, Vec<String>)], f: impl Fn(&[String]) -> Value) -> Value {
    let map: Map<String, Value> = groups.iter().map(|(k, vs)| (k.clone(), f(vs))).collect();
    Value::Object(map)
}

fn last(values: &[String]) -> Value {
    Value::from(values.last().cloned().unwrap_or_default())
}

fn every(values: &[String]) -> Value {
    Value::from(values.to_vec())
}

fn joined(values: &[String]) -> Value {
    Value::from(values.join(","))
}

/// `object`, or `null` when there is nothing (REST's absent maps).
fn object_or_null(groups: &[(String, Vec<String>)], f: impl Fn(&[String]) -> Value) -> Value {
    if groups.is_empty() {
        Value::Null
    } else {
        object(groups, f)
    }
}

/// Adds `body` and `isBase64Encoded`; `empty` is what an empty body is written as (`None`:
/// left out).
fn put_body(event: &mut Value, body: &Body, empty: Option<Value>) {
    let (value, base64) = match body {
        Body::Empty => (empty, false),
        Body::Text(t) => (Some(Value::from(t.as_str())), false),
        Body::Base64(b) => (Some(Value::from(b.as_str())), true),
    };
    if let Some(map) = event.as_object_mut() {
        if let Some(value) = value {
            map.insert("body".into(), value);
        }
        map.insert("isBase64Encoded".into(), Value::from(base64));
    }
}

/// API Gateway HTTP API payload 2.0, and the function URL's copy of it.
fn v2(site: &Site, parts: &Parts, inbound: &Inbound) -> Value {
    let url = site.shape == Shape::FunctionUrl;
    let mut headers = lower_headers(parts);
    let cookies: Vec<String> = headers
        .iter()
        .filter(|(n, _)| n == "cookie")
        .flat_map(|(_, vs)| vs.iter().flat_map(|v| v.split(';')))
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect();
    if !url {
        headers.retain(|(n, _)| n != "cookie");
    }
    // The HTTP API decodes the path; function URLs pass it as sent.
    let path = if url {
        parts.path.to_owned()
    } else {
        decode_path(parts.path)
    };
    let query = decoded_query(parts.query);
    let mut event = json!({
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": parts.query,
        "headers": object(&headers, joined),
        "requestContext": {
            "accountId": if url { "anonymous" } else { ACCOUNT },
            "apiId": site.api_id,
            "domainName": site.domain(),
            "domainPrefix": site.api_id,
            "http": {
                "method": parts.method,
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": parts.source_ip,
                "userAgent": parts.user_agent,
            },
            "requestId": inbound.request_id,
            "routeKey": "$default",
            "stage": "$default",
            "time": gateway_time(inbound.now),
            "timeEpoch": epoch_ms(inbound.now),
        },
    });
    if let Some(map) = event.as_object_mut() {
        if !cookies.is_empty() {
            map.insert("cookies".into(), Value::from(cookies));
        }
        if !query.is_empty() {
            map.insert("queryStringParameters".into(), object(&query, joined));
        }
    }
    put_body(&mut event, &parts.body, None);
    event
}

/// API Gateway REST API payload 1.0 (Lambda proxy integration) behind the usual pair of
/// resources, `ANY /` and `ANY /{proxy+}`, on stage `prod`, reached as through a custom domain
/// (the path carries no stage).
fn rest(site: &Site, parts: &Parts, inbound: &Inbound) -> Value {
    let headers = group(parts.headers.iter().cloned());
    let query = decoded_query(parts.query);
    let proxy = parts.path.strip_prefix('/').filter(|p| !p.is_empty());
    let resource = if proxy.is_some() { "/{proxy+}" } else { "/" };
    let mut event = json!({
        "resource": resource,
        "path": parts.path,
        "httpMethod": parts.method,
        "headers": object(&headers, last),
        "multiValueHeaders": object(&headers, every),
        "queryStringParameters": object_or_null(&query, last),
        "multiValueQueryStringParameters": object_or_null(&query, every),
        "pathParameters": proxy.map(|p| json!({ "proxy": p })),
        "stageVariables": null,
        "requestContext": {
            "accountId": ACCOUNT,
            "apiId": site.api_id,
            "domainName": site.domain(),
            "domainPrefix": site.api_id,
            "extendedRequestId": ids::token(16, ids::LOWER_ALNUM),
            "httpMethod": parts.method,
            "identity": {
                "accessKey": null,
                "accountId": null,
                "caller": null,
                "cognitoAuthenticationProvider": null,
                "cognitoAuthenticationType": null,
                "cognitoIdentityId": null,
                "cognitoIdentityPoolId": null,
                "principalOrgId": null,
                "sourceIp": parts.source_ip,
                "user": null,
                "userAgent": parts.user_agent,
                "userArn": null,
            },
            "path": parts.path,
            "protocol": "HTTP/1.1",
            "requestId": inbound.request_id,
            "requestTime": gateway_time(inbound.now),
            "requestTimeEpoch": epoch_ms(inbound.now),
            "resourceId": ids::token(6, ids::LOWER_ALNUM),
            "resourcePath": resource,
            "stage": REST_STAGE,
        },
    });
    put_body(&mut event, &parts.body, Some(Value::Null));
    event
}

/// An ALB target group with multi-value headers off: the last value of each header and query
/// parameter, the query as sent (ALB does not decode it).
fn alb(site: &Site, parts: &Parts) -> Value {
    let mut event = json!({
        "requestContext": { "elb": { "targetGroupArn": site.target_group_arn() } },
        "httpMethod": parts.method,
        "path": parts.path,
        "queryStringParameters": object(&raw_query(parts.query), last),
        "headers": object(&lower_headers(parts), last),
    });
    put_body(&mut event, &parts.body, Some(Value::from("")));
    event
}

/// VPC Lattice, event structure V2: every header and query value in lists, the query as sent.
/// The caller is unauthenticated (no auth policy), so `identity` names only its VPC.
fn lattice(site: &Site, parts: &Parts, inbound: &Inbound) -> Value {
    let mut event = json!({
        "version": "2.0",
        "path": parts.path,
        "method": parts.method,
        "headers": object(&lower_headers(parts), every),
        "queryStringParameters": object(&raw_query(parts.query), every),
        "requestContext": {
            "serviceNetworkArn": site.lattice_arn("servicenetwork/sn"),
            "serviceArn": site.lattice_arn("service/svc"),
            "targetGroupArn": site.lattice_arn("targetgroup/tg"),
            "identity": { "sourceVpcArn": site.vpc_arn() },
            "region": site.region,
            "timeEpoch": epoch_us(inbound.now).to_string(),
        },
    });
    put_body(&mut event, &parts.body, None);
    event
}

#[cfg(test)]
#[path = "event_tests.rs"]
mod tests;
