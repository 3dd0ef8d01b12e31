//! lambkin-events `http` adapter: API Gateway / ALB / function URL JSON → `http::Request`, and
//! `http::Response` → the response JSON of the request's origin.
//!
//! Input: 1 flag byte (bit 0: `stage_in_path` off; bits 1-3: the origin to answer for when the
//! request is refused), the event JSON, then optionally `\n@@@@\n` and a response written as
//! `STATUS\nname: value\n…\n\nbody` (header lines HTTP would refuse are dropped).
//!
//! Invariants:
//! - `from_slice` never panics; it fails to decode exactly when serde_json fails to read the
//!   same fields (bar one depth level, and flaws in fields serde_json only skips), and
//!   otherwise succeeds unless the method, a header, the URI or a base64 body is invalid;
//! - on success the origin follows the documented shape rules, and the request agrees with the
//!   JSON: method; path (stage-prefixed as documented) and query mean the same bytes once
//!   percent-decoded, REST/WebSocket query pairs form-decode to the JSON's, nothing a URI may
//!   not hold is left unencoded; the authority is the lower-cased `Host` (or domain name) and
//!   the scheme `X-Forwarded-Proto` or https; every header value is the JSON's (multi-value
//!   lists in full, else the last single value; HTTP API cookies joined into `Cookie`); the
//!   body is the text, or the base64-decoded bytes;
//! - converting the event decoded with its own type (`ToHttpRequest`) gives the same request;
//! - VPC Lattice events (which the serde oracle does not model) come out with the Lattice
//!   origin the precedence gives, and convert as their own type converts;
//! - the response converts unless a header value is not UTF-8, serializes (core's
//!   encoder) to JSON serde_json parses and that equals serde_json's own encoding, with the
//!   status, every header (in the origin's layout) and the body's bytes (text or base64).
#![no_main]

use std::collections::BTreeMap;

use base64::Engine as _;
use http::{HeaderName, HeaderValue, Request, Response, StatusCode};
use lambkin_events::http::{self as adapter, HttpError, Options, Origin, ToHttpRequest};
use lambkin_events::{alb, apigw, vpc_lattice};
use lambkin_fuzz::http_event::{HttpEvent, form_pairs, must_encode, pct_decode};
use lambkin_fuzz::oracle::{encode, serde_depth_exemption, struct_from_array};
use serde::de::IgnoredAny;
use serde_json::Value;

const ORIGINS: [Origin; 8] = [
    Origin::ApiGatewayRest {
        multi_value_headers: false,
    },
    Origin::ApiGatewayRest {
        multi_value_headers: true,
    },
    Origin::ApiGatewayHttp,
    Origin::LambdaFunctionUrl,
    Origin::ApiGatewayWebsocket {
        multi_value_headers: true,
    },
    Origin::Alb {
        multi_value_headers: false,
    },
    Origin::Alb {
        multi_value_headers: true,
    },
    Origin::VpcLatticeV2,
];

fn b64(s: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::STANDARD.decode(s).ok()
}

/// The origin the documented rules give, and the method the request must carry.
fn expected_shape(ev: &HttpEvent) -> Option<(Origin, Option<&str>)> {
    let rc = &ev.request_context;
    let multi_value_headers = ev.multi_value_headers.is_some();
    let v1 = ev.http_method.as_deref().or(Some("GET"));
    Some(if rc.elb.is_some() {
        (
            Origin::Alb {
                multi_value_headers,
            },
            v1,
        )
    } else if rc.connection_id.is_some() {
        (
            Origin::ApiGatewayWebsocket {
                multi_value_headers,
            },
            v1,
        )
    } else if rc.http.is_some() || ev.raw_path.is_some() || ev.version.as_deref() == Some("2.0") {
        let url = rc
            .domain_name
            .as_deref()
            .is_some_and(|d| d.contains(".lambda-url."));
        let origin = if url {
            Origin::LambdaFunctionUrl
        } else {
            Origin::ApiGatewayHttp
        };
        (origin, rc.http.as_ref().map(|h| h.method.as_str()))
    } else if ev.http_method.is_some() {
        (
            Origin::ApiGatewayRest {
                multi_value_headers,
            },
            v1,
        )
    } else {
        return None;
    })
}

/// The VPC Lattice shape the adapter's precedence gives (after ALB, before the others), which
/// the serde oracle does not model: for these only the typed conversion is the reference. Read
/// with serde's skipping of other fields, as the adapter reads it (a `Value` would refuse a
/// lone surrogate elsewhere in the document, which both skip).
fn lattice_origin(json: &[u8]) -> Option<Origin> {
    #[derive(serde::Deserialize)]
    struct Probe {
        #[serde(rename = "requestContext")]
        rc: Option<ProbeContext>,
        raw_path: Option<IgnoredAny>,
    }
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct ProbeContext {
        elb: Option<IgnoredAny>,
        service_network_arn: Option<IgnoredAny>,
    }
    let p: Probe = serde_json::from_slice(json).ok()?;
    let (elb, v2) = p.rc.map_or((false, false), |rc| {
        (rc.elb.is_some(), rc.service_network_arn.is_some())
    });
    match (elb, v2, p.raw_path.is_some()) {
        (true, _, _) => None,
        (false, true, _) => Some(Origin::VpcLatticeV2),
        (false, false, true) => Some(Origin::VpcLatticeV1),
        _ => None,
    }
}

/// Header values per lower-cased name: multi-value lists in full, then the last single value of
/// names they lack, then HTTP API cookies as one `Cookie`.
fn expected_headers(ev: &HttpEvent, v2: bool) -> BTreeMap<String, Vec<String>> {
    let mut want: BTreeMap<String, Vec<String>> = BTreeMap::new();
    if !v2 {
        for (k, vs) in ev.multi_value_headers.iter().flat_map(|m| m.iter()) {
            if !vs.is_empty() {
                want.entry(k.to_ascii_lowercase())
                    .or_default()
                    .extend(vs.iter().cloned());
            }
        }
    }
    let from_multi: Vec<String> = want.keys().cloned().collect();
    for (k, v) in ev.headers.iter().flat_map(|m| m.iter()) {
        let k = k.to_ascii_lowercase();
        if !from_multi.contains(&k) {
            want.insert(k, vec![v.clone()]);
        }
    }
    if let Some(c) = ev.cookies.as_ref().filter(|c| v2 && !c.is_empty()) {
        want.insert("cookie".into(), vec![c.join("; ")]);
    }
    want
}

fn check_request(
    req: &Request<adapter::RequestBody<'_>>,
    origin: Origin,
    ev: &HttpEvent,
    opts: &Options,
) {
    let (want_origin, want_method) = expected_shape(ev).expect("a shape was recognized");
    assert_eq!(origin, want_origin);
    assert_eq!(Some(req.method().as_str()), want_method, "method");
    let v2 = matches!(origin, Origin::ApiGatewayHttp | Origin::LambdaFunctionUrl);
    let alb = matches!(origin, Origin::Alb { .. });
    let rc = &ev.request_context;

    // Headers, compared as lists per name.
    let want = expected_headers(ev, v2);
    let mut got: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, v) in req.headers() {
        let v = String::from_utf8(v.as_bytes().to_vec()).expect("values come from JSON strings");
        got.entry(k.as_str().to_owned()).or_default().push(v);
    }
    assert_eq!(got, want, "headers");

    // Path: the stage prefix when documented, then the path; same bytes once decoded.
    let path = if v2 {
        ev.raw_path.as_deref()
    } else {
        ev.path.as_deref()
    }
    .unwrap_or_default();
    let stage = rc.stage.as_deref().filter(|s| {
        let own = path.strip_prefix('/').and_then(|p| p.strip_prefix(*s));
        !alb && opts.stage_in_path
            && *s != "$default"
            && !own.is_some_and(|r| r.starts_with('/') || v2 && r.is_empty())
    });
    let mut raw = String::new();
    if let Some(s) = stage {
        raw = format!("/{s}");
    }
    if !(path.starts_with('/') || path.is_empty() && stage.is_some()) {
        raw.push('/');
    }
    raw.push_str(path);
    let uri = req.uri();
    assert_eq!(
        pct_decode(uri.path()),
        pct_decode(&raw),
        "path {:?} for {raw:?}",
        uri.path()
    );
    assert!(
        !uri.path().bytes().any(|b| must_encode(b, false)),
        "unencoded path {uri}"
    );

    // Query.
    let query = uri.query().unwrap_or_default();
    assert!(
        !query.bytes().any(|b| must_encode(b, true)),
        "unencoded query {uri}"
    );
    let pairs = |multi: &Option<lambkin_fuzz::http_event::Entries<Vec<String>>>,
                 single: &Option<lambkin_fuzz::http_event::Entries<String>>| {
        match (multi, single) {
            (Some(m), _) if !m.0.is_empty() => m
                .iter()
                .flat_map(|(k, vs)| vs.iter().map(move |v| (k.to_owned(), v.clone())))
                .collect(),
            (_, Some(s)) => s.iter().map(|(k, v)| (k.to_owned(), v.clone())).collect(),
            _ => Vec::new(),
        }
    };
    let want_pairs: Vec<(String, String)> = pairs(
        &ev.multi_value_query_string_parameters,
        &ev.query_string_parameters,
    );
    if v2 {
        let q = ev.raw_query_string.as_deref().unwrap_or_default();
        assert_eq!(pct_decode(query), pct_decode(q), "raw query");
    } else if alb {
        let joined: Vec<String> = want_pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(
            pct_decode(query),
            pct_decode(&joined.join("&")),
            "ALB query"
        );
    } else if want_pairs.is_empty() {
        assert_eq!(uri.query(), None);
    } else {
        let want: Vec<_> = want_pairs
            .iter()
            .map(|(k, v)| (k.clone().into_bytes(), v.clone().into_bytes()))
            .collect();
        assert_eq!(form_pairs(query), want, "form query");
    }

    // Authority and scheme.
    if let Some(authority) = uri.authority() {
        let host = req
            .headers()
            .get(http::header::HOST)
            .and_then(|h| h.to_str().ok());
        let host = host
            .or(if alb { None } else { rc.domain_name.as_deref() })
            .expect("a host");
        assert_eq!(authority.as_str(), host.to_ascii_lowercase(), "authority");
        let proto = req
            .headers()
            .get("x-forwarded-proto")
            .and_then(|h| h.to_str().ok());
        assert_eq!(uri.scheme_str(), Some(proto.unwrap_or("https")), "scheme");
    }

    // Body.
    let body = ev.body.as_deref();
    let want_body = match (body, ev.is_base64_encoded.unwrap_or(false)) {
        (None, _) => Vec::new(),
        (Some(b), true) => b64(b).expect("accepted base64"),
        (Some(b), false) => b.as_bytes().to_vec(),
    };
    assert_eq!(req.body().as_ref(), want_body.as_slice(), "body");
}

/// Why a well-read event may still be refused.
fn check_refusal(e: HttpError, ev: &HttpEvent) {
    let v2 = matches!(
        expected_shape(ev),
        Some((Origin::ApiGatewayHttp | Origin::LambdaFunctionUrl, _))
    );
    match e {
        HttpError::UnknownShape => assert!(expected_shape(ev).is_none()),
        HttpError::InvalidMethod => {
            let m = expected_shape(ev).and_then(|(_, m)| m);
            assert!(
                m.is_none_or(|m| http::Method::from_bytes(m.as_bytes()).is_err()),
                "method {m:?}"
            );
        }
        HttpError::InvalidHeader => {
            let single = || ev.headers.iter().flat_map(|m| m.iter());
            let multi = || {
                ev.multi_value_headers
                    .iter()
                    .filter(|_| !v2)
                    .flat_map(|m| m.iter())
            };
            let bad_name = |k: &str| HeaderName::from_bytes(k.as_bytes()).is_err();
            let bad_value = |v: &str| HeaderValue::from_str(v).is_err();
            let bad = single().any(|(k, v)| bad_name(k) || bad_value(v))
                || multi().any(|(k, vs)| bad_name(k) || vs.iter().any(|v| bad_value(v)))
                || ev
                    .cookies
                    .iter()
                    .filter(|_| v2)
                    .any(|c| bad_value(&c.join("; ")));
            assert!(bad, "InvalidHeader without an invalid header");
        }
        HttpError::InvalidBase64 => {
            assert!(
                ev.is_base64_encoded == Some(true) && ev.body.as_deref().and_then(b64).is_none()
            );
        }
        HttpError::InvalidUri => {}
        e => panic!("unexpected refusal {e:?}"),
    }
}

/// The same event decoded with its own type converts to the same request.
fn check_typed(
    json: &[u8],
    origin: Origin,
    opts: &Options,
    req: &Request<adapter::RequestBody<'_>>,
) {
    fn same<'a, T: serde::Deserialize<'a> + ToHttpRequest<'a>>(
        buf: &'a mut [u8],
        opts: &Options,
        origin: Origin,
        req: &Request<adapter::RequestBody<'_>>,
    ) {
        let Ok(ev) = lambkin_core::json::from_slice::<T>(buf) else {
            return;
        };
        let (r, o) = ev
            .to_http_request(opts)
            .expect("converts as from_slice did");
        assert_eq!(o, origin, "typed origin");
        assert_eq!(
            (r.method(), r.uri(), r.headers()),
            (req.method(), req.uri(), req.headers())
        );
        assert_eq!(r.body(), req.body(), "typed body");
    }
    let mut buf = json.to_vec();
    match origin {
        Origin::ApiGatewayRest { .. } => {
            same::<apigw::ApiGatewayProxyRequest<'_>>(&mut buf, opts, origin, req)
        }
        Origin::ApiGatewayWebsocket { .. } => {
            same::<apigw::ApiGatewayWebsocketProxyRequest<'_>>(&mut buf, opts, origin, req)
        }
        Origin::ApiGatewayHttp | Origin::LambdaFunctionUrl => {
            same::<apigw::ApiGatewayV2HttpRequest<'_>>(&mut buf, opts, origin, req)
        }
        Origin::Alb { .. } => same::<alb::AlbTargetGroupRequest<'_>>(&mut buf, opts, origin, req),
        Origin::VpcLatticeV1 => {
            same::<vpc_lattice::VpcLatticeRequestV1<'_>>(&mut buf, opts, origin, req)
        }
        Origin::VpcLatticeV2 => {
            same::<vpc_lattice::VpcLatticeRequestV2<'_>>(&mut buf, opts, origin, req)
        }
        _ => {}
    }
}

/// `STATUS\nname: value\n…\n\nbody`, dropping lines HTTP refuses.
fn parse_response(spec: &[u8]) -> Response<Vec<u8>> {
    let (head, body) = match spec.windows(2).position(|w| w == b"\n\n") {
        Some(i) => (&spec[..i], spec[i + 2..].to_vec()),
        None => (spec, Vec::new()),
    };
    let mut lines = head.split(|&b| b == b'\n');
    let status = lines
        .next()
        .and_then(|l| std::str::from_utf8(l).ok())
        .and_then(|l| l.trim().parse::<u16>().ok())
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::OK);
    let mut response = Response::new(body);
    *response.status_mut() = status;
    for line in lines {
        let Some(i) = line.iter().position(|&b| b == b':') else {
            continue;
        };
        let value = line[i + 1..].strip_prefix(b" ").unwrap_or(&line[i + 1..]);
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(&line[..i]),
            HeaderValue::from_bytes(value),
        ) {
            response.headers_mut().append(n, v);
        }
    }
    response
}

fn check_response(origin: Origin, response: &Response<Vec<u8>>) {
    let mut scratch = String::from("left over");
    let utf8 = |v: &HeaderValue| std::str::from_utf8(v.as_bytes()).is_ok();
    let out = match origin.encode_response(response, &mut scratch) {
        Ok(out) => out,
        Err(HttpError::NonTextHeaderValue) => {
            assert!(
                !response.headers().values().all(utf8),
                "refused UTF-8 headers"
            );
            return;
        }
        Err(e) => panic!("response refused: {e:?}"),
    };
    let json: Value = serde_json::from_slice(&encode(&out)).expect("the response is JSON");
    assert_eq!(
        json,
        serde_json::to_value(&out).unwrap(),
        "encoders disagree"
    );
    assert_eq!(json["statusCode"], response.status().as_u16());
    let body = json["body"].as_str().expect("a body");
    let bytes = if json["isBase64Encoded"] == true {
        b64(body).expect("base64 body")
    } else {
        body.as_bytes().to_vec()
    };
    assert_eq!(bytes, *response.body(), "body bytes");

    let (multi, cookies, alb) = match origin {
        Origin::ApiGatewayRest { .. } | Origin::ApiGatewayWebsocket { .. } => (true, false, false),
        Origin::Alb {
            multi_value_headers,
        } => (multi_value_headers, false, true),
        // A VPC Lattice response is an ALB one without multi-value headers.
        Origin::VpcLatticeV1 | Origin::VpcLatticeV2 => (false, false, true),
        _ => (false, true, false),
    };
    let values = |n: &HeaderName| {
        response
            .headers()
            .get_all(n)
            .iter()
            .map(|v| std::str::from_utf8(v.as_bytes()).unwrap())
            .collect::<Vec<_>>()
    };
    if alb {
        let s = response.status();
        let want = format!(
            "{} {}",
            s.as_str(),
            s.canonical_reason().unwrap_or_default()
        );
        assert_eq!(json["statusDescription"], want.as_str());
    }
    for name in response.headers().keys() {
        let all = values(name);
        let n = name.as_str();
        if multi {
            assert_eq!(json["multiValueHeaders"][n], serde_json::json!(all), "{n}");
        } else if cookies && name == http::header::SET_COOKIE {
            assert_eq!(json["cookies"], serde_json::json!(all));
        } else if name == http::header::SET_COOKIE {
            assert_eq!(json["headers"][n], all[0], "first cookie");
        } else {
            let sep = if cookies { "," } else { ", " };
            assert_eq!(json["headers"][n], all.join(sep).as_str(), "{n}");
        }
    }
    let count = |k: &str| {
        json.get(k)
            .and_then(Value::as_object)
            .map_or(0, |m| m.len())
    };
    let names = response.headers().keys_len();
    let cookie_names =
        usize::from(cookies && response.headers().contains_key(http::header::SET_COOKIE));
    assert_eq!(
        count("headers") + count("multiValueHeaders") + cookie_names,
        names,
        "header count"
    );
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let sep = b"\n@@@@\n";
    let (json, spec) = match rest.windows(sep.len()).position(|w| w == sep) {
        Some(i) => (&rest[..i], Some(&rest[i + sep.len()..])),
        None => (rest, None),
    };
    let opts = Options::default().stage_in_path(flags & 1 == 0);
    if let Some(lattice) = lattice_origin(json) {
        let mut buf = json.to_vec();
        if let Ok((req, origin)) = adapter::from_slice(&mut buf, &opts) {
            assert_eq!(origin, lattice, "VPC Lattice shape");
            check_typed(json, origin, &opts, &req);
        }
        if let Some(spec) = spec {
            check_response(lattice, &parse_response(spec));
        }
        return;
    }
    let oracle = serde_json::from_slice::<HttpEvent>(json);
    let strict = serde_json::from_slice::<Value>(json).is_ok();

    let mut buf = json.to_vec();
    let converted = adapter::from_slice(&mut buf, &opts);
    let origin = match (&converted, &oracle) {
        (Ok((req, origin)), Ok(ev)) => {
            check_request(req, *origin, ev, &opts);
            check_typed(json, *origin, &opts, req);
            Some(*origin)
        }
        (Ok(_), Err(e)) => {
            assert!(
                serde_depth_exemption(json),
                "accepted what serde_json refuses: {e}"
            );
            None
        }
        (Err(HttpError::Decode(_)), Err(_)) => None,
        (Err(HttpError::Decode(e)), Ok(_)) if struct_from_array(e) => None,
        // serde_json skips unread fields without checking UTF-8 or surrogate escapes; core
        // checks everything (so refuses more), which its `Value` reading tells apart.
        (Err(HttpError::Decode(_)), Ok(_)) if !strict || serde_depth_exemption(json) => None,
        (Err(e), Ok(ev)) => {
            check_refusal(*e, ev);
            None
        }
        (Err(_), Err(_)) if serde_depth_exemption(json) => None,
        (Err(e), Err(o)) => panic!("{e:?} on input serde_json refuses ({o})"),
    };

    if let Some(spec) = spec {
        let origin = origin.unwrap_or(ORIGINS[usize::from(flags >> 1 & 7) % ORIGINS.len()]);
        check_response(origin, &parse_response(spec));
    }
});
