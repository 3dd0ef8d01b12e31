//! lambkin-http against lambda_http, end to end: one axum app behind both adapters, every
//! HTTP fixture and a generated matrix of requests (each source lambda_http supports × body,
//! header, query and cookie variants × response routes), compared as the platform reads the
//! answer: status, the headers the source applies, cookies, body bytes, `isBase64Encoded`.
//!
//! A difference must be listed in `KNOWN` with its reason; an unlisted one fails, and so does
//! a listed one that no longer happens. lambkin must never panic.
//!
//! The summary line counts events, each identical in meaning, or one where lambda_http
//! panicked, or one that differs only as `KNOWN` says; "byte-identical" counts identical JSON
//! documents (none so far: lambda_http also writes the fields a source ignores, such as
//! `"headers":{}` beside `multiValueHeaders`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_core,
    clippy::std_instead_of_alloc
)]

mod common;

use std::collections::BTreeMap;

use common::Outcome;
use common::app::{ECHO, app};
use common::events::{Case, Kind, fixtures, generated};
use serde_json::Value;

/// Where lambkin-http answers differently from lambda_http on purpose: (case pattern, field,
/// reason). A case is `fixture <source> <file> <route>` or `gen <source> <variant> <route>`;
/// `*` matches any text. `echo.*` fields are the request as the app saw it: the request-side
/// differences of events/tests/http_adapter.rs, seen end to end. `panic`: lambda_http
/// panicked where lambkin answered (or reported the invocation as failed).
#[rustfmt::skip]
const KNOWN: &[(&str, &str, &str)] = &[
    // Requests: where both `headers` and `multiValueHeaders` are present, lambda_http lets the
    // single value replace the list; lambkin keeps the list (what `multiValueHeaders` is for).
    ("fixture alb-multi alb_multi_value_request.json /echo", "echo.headers", "single `cookie` replaces the multi-value list in lambda_http"),
    ("fixture alb-multi alb_multi_value_request_encoded_query_parameters.json /echo", "echo.headers", "same"),
    ("fixture rest example-apigw-request-multi-value-parameters.json /echo", "echo.headers", "same: `headername` loses a value"),
    ("gen rest multi-headers /echo", "echo.headers", "same: repeated request headers keep only their last value"),
    ("gen websocket multi-headers /echo", "echo.headers", "same"),
    // The fixture's two maps disagree (host, x-forwarded-for): lambkin reads `multiValueHeaders`,
    // lambda_http `headers`, so the URI's host differs too.
    ("fixture websocket example-apigw-websocket-request.json /echo", "echo.headers", "single-value map wins in lambda_http"),
    ("fixture websocket example-apigw-websocket-request.json /echo", "echo.uri", "host from the other map"),
    // ALB in multi-value mode sends only `multiValueHeaders`: lambda_http looks for Host in
    // `headers` only and so builds a relative URI; lambkin finds it.
    ("fixture alb-multi example-alb-lambda-target-request-multivalue-headers.json /echo", "echo.uri", "lambda_http misses Host in multi-value mode"),
    ("gen alb-multi * /echo", "echo.uri", "same"),
    // `cookies: []`: lambda_http adds an empty `cookie` header; lambkin adds none.
    ("fixture http-api apigw_v2_sam_local.json /echo", "echo.headers", "empty cookie header in lambda_http"),
    ("fixture http-api example-apigw-sam-http-request.json /echo", "echo.headers", "same"),
    // An HTTP API on a named stage sends the URL's path, stage included: `rawPath` `/prod` is
    // the stage root. lambda_http only sees `/prod/…` as prefixed and makes it `/prod/prod`.
    ("gen http-api stage-root /echo", "echo.uri", "lambda_http doubles the stage of the stage root"),
    // Responses: lambda_http puts only the first value of a repeated header in `headers` (its
    // comment says it joins them); lambkin joins them, with `,` for payload 2.0 and `, ` for
    // ALB and VPC Lattice (Set-Cookie aside: `cookies`, or the first one, in both).
    ("* http-api * /repeat", "headers", "lambda_http drops repeated values"),
    ("* function-url * /repeat", "headers", "same"),
    ("* alb-single * /repeat", "headers", "same"),
    ("* lattice * /repeat", "headers", "same"),
    // A text body that is not UTF-8: lambkin sends its bytes in base64; lambda_http decodes it
    // with the charset (ISO-8859-1 becomes UTF-8 text under a header still saying latin-1) or
    // replaces the bytes with U+FFFD.
    ("* /latin1", "body", "lambda_http transcodes to UTF-8"),
    ("* /latin1", "isBase64Encoded", "lambkin sends the bytes as base64"),
    ("* /bad-utf8", "body", "lambda_http replaces invalid UTF-8"),
    ("* /bad-utf8", "isBase64Encoded", "lambkin sends the bytes as base64"),
    // lambda_http panics (an `unwrap` or `expect` on what the event said).
    ("gen * bad-host *", "panic", "invalid Host: lambda_http's Url::parse unwrap; lambkin builds a URI without it"),
    ("gen * bad-base64 *", "panic", "bad base64 body: lambda_http's expect; lambkin reports Runtime.InvalidBase64Body"),
    ("fixture rest example-apigw-console-request.json *", "panic", "Host `…{dns_suffix}`: lambda_http fails to build the request"),
];

/// One difference: the case, the field, and what each side said.
struct Diff {
    case: String,
    field: &'static str,
    detail: String,
}

/// `*` matches any run of characters; everything else itself.
fn glob(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, rest)) => {
            let Some(text) = text.strip_prefix(head) else {
                return false;
            };
            (0..=text.len()).any(|i| text.is_char_boundary(i) && glob(rest, &text[i..]))
        }
    }
}

/// The response headers as `kind` applies them (names lower-cased, values in order).
fn platform_headers(v: &Value, kind: Kind) -> BTreeMap<String, Vec<String>> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut add = |field: &str, merge: bool| {
        for (name, values) in v[field].as_object().into_iter().flatten() {
            let list = map.entry(name.to_ascii_lowercase()).or_default();
            let values: Vec<&str> = match values {
                Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                other => other.as_str().into_iter().collect(),
            };
            for value in values {
                // API Gateway merges the two maps; a pair in both counts once.
                if !(merge && list.iter().any(|x| x == value)) {
                    list.push(value.to_owned());
                }
            }
        }
    };
    match kind {
        Kind::Rest | Kind::RestSingle | Kind::WebSocket => {
            add("multiValueHeaders", false);
            add("headers", true);
        }
        Kind::AlbMulti => add("multiValueHeaders", false),
        Kind::HttpApi | Kind::FunctionUrl | Kind::AlbSingle | Kind::Lattice => {
            add("headers", false);
        }
    }
    map
}

/// The body's bytes as the client receives them.
fn body_bytes(v: &Value) -> Vec<u8> {
    let body = v["body"].as_str().unwrap_or_default();
    if v["isBase64Encoded"].as_bool().unwrap_or(false) {
        common::b64_decode(body).unwrap_or_else(|| b"<invalid base64>".to_vec())
    } else {
        body.as_bytes().to_vec()
    }
}

/// The differences between two answers to `case`, as the platform reads them.
fn compare(case: &Case, ours: &Value, theirs: &Value) -> Vec<(&'static str, String)> {
    let mut diffs = Vec::new();
    let mut check = |field: &'static str, a: String, b: String| {
        if a != b {
            diffs.push((field, format!("lambkin {a} | lambda_http {b}")));
        }
    };
    check(
        "status",
        ours["statusCode"].to_string(),
        theirs["statusCode"].to_string(),
    );
    if matches!(case.kind, Kind::AlbSingle | Kind::AlbMulti) {
        check(
            "statusDescription",
            ours["statusDescription"].to_string(),
            theirs["statusDescription"].to_string(),
        );
    }
    let b64 = |v: &Value| v["isBase64Encoded"].as_bool().unwrap_or(false).to_string();
    check("isBase64Encoded", b64(ours), b64(theirs));
    let headers = |v: &Value| {
        let mut h = platform_headers(v, case.kind);
        // The echo's length follows what it echoes; the echo's fields are compared instead.
        if case.route == ECHO {
            h.remove("content-length");
        }
        format!("{h:?}")
    };
    check("headers", headers(ours), headers(theirs));
    if matches!(case.kind, Kind::HttpApi | Kind::FunctionUrl) {
        let cookies =
            |v: &Value| format!("{:?}", v["cookies"].as_array().cloned().unwrap_or_default());
        check("cookies", cookies(ours), cookies(theirs));
    }
    let (a, b) = (body_bytes(ours), body_bytes(theirs));
    let echoes = (
        serde_json::from_slice::<Value>(&a),
        serde_json::from_slice::<Value>(&b),
    );
    match echoes {
        (Ok(a), Ok(b)) if case.route == ECHO => {
            check(
                "echo.method",
                a["method"].to_string(),
                b["method"].to_string(),
            );
            let uri = |v: &Value| {
                format!(
                    "{:?}",
                    common::uri_key(v["uri"].as_str().unwrap_or_default())
                )
            };
            check("echo.uri", uri(&a), uri(&b));
            check(
                "echo.headers",
                a["headers"].to_string(),
                b["headers"].to_string(),
            );
            if a["body"] != b["body"] {
                let body = |v: &Value| {
                    v["body"]
                        .as_str()
                        .unwrap_or_default()
                        .chars()
                        .take(200)
                        .collect()
                };
                check("echo.body", body(&a), body(&b));
            }
        }
        _ => {
            if a != b {
                let show = |x: &[u8]| {
                    format!(
                        "{} bytes {:?}",
                        x.len(),
                        String::from_utf8_lossy(&x[..x.len().min(40)])
                    )
                };
                check("body", show(&a), show(&b));
            }
        }
    }
    diffs
}

#[test]
fn lambkin_http_answers_like_lambda_http() {
    let rt = common::runtime();
    let app = app();
    let adapter = lambkin_http::Adapter::new(app.clone()).pass_through(false);
    let mut out = vec![0u8; 1 << 16];
    let cases: Vec<Case> = fixtures().into_iter().chain(generated()).collect();

    let (mut same, mut bytes_same, mut panics, mut known_events) = (0, 0, 0, 0);
    let mut diffs: Vec<Diff> = Vec::new();
    let mut lambkin_panics = Vec::new();
    for case in &cases {
        let theirs = common::lambda_http(&rt, app.clone(), &case.event);
        let ours = common::lambkin(&rt, &adapter, &case.event, &mut out);
        let found: Vec<(&'static str, String)> = match (&ours, &theirs) {
            (Outcome::Panic(m), _) => {
                lambkin_panics.push(format!("{}: {m}", case.name));
                continue;
            }
            (_, Outcome::Panic(m)) => {
                panics += 1;
                let ours = ours.summary();
                vec![(
                    "panic",
                    format!("lambkin {ours} | lambda_http panicked: {m}"),
                )]
            }
            (Outcome::Answer(a, ab), Outcome::Answer(b, bb)) => {
                if ab == bb {
                    bytes_same += 1;
                }
                compare(case, a, b)
            }
            // Both failed the invocation: the client gets the same 502.
            (Outcome::Error(_), Outcome::Error(_)) => vec![],
            (a, b) => vec![(
                "outcome",
                format!("lambkin {} | lambda_http {}", a.summary(), b.summary()),
            )],
        };
        if found.is_empty() {
            same += 1;
        } else if found.iter().all(|(f, _)| *f != "panic") {
            known_events += 1;
        }
        diffs.extend(found.into_iter().map(|(field, detail)| Diff {
            case: case.name.clone(),
            field,
            detail,
        }));
    }
    assert!(
        lambkin_panics.is_empty(),
        "lambkin panicked:\n{}",
        lambkin_panics.join("\n")
    );

    let known = |d: &Diff| {
        KNOWN
            .iter()
            .any(|(c, f, _)| *f == d.field && glob(c, &d.case))
    };
    let unexplained: Vec<String> = diffs
        .iter()
        .filter(|d| !known(d))
        .map(|d| {
            let detail: String = d.detail.chars().take(600).collect();
            format!("{} [{}]: {detail}", d.case, d.field)
        })
        .collect();
    let gone: Vec<String> = KNOWN
        .iter()
        .filter(|(c, f, _)| !diffs.iter().any(|d| d.field == *f && glob(c, &d.case)))
        .map(|(c, f, why)| format!("{c} [{f}]: {why}"))
        .collect();
    eprintln!(
        "lambda_http parity: {} events, {same} identical in meaning, {bytes_same} byte-identical, \
         {panics} lambda_http panics, {known_events} known differences",
        cases.len()
    );
    assert!(
        unexplained.is_empty(),
        "{} differences from lambda_http not in KNOWN:\n{}",
        unexplained.len(),
        unexplained.join("\n")
    );
    assert!(
        gone.is_empty(),
        "known differences that no longer happen:\n{}",
        gone.join("\n")
    );
}

#[test]
fn glob_matches() {
    const CASES: &[(&str, &str, bool)] = &[
        ("gen * bad-host *", "gen rest bad-host /echo", true),
        ("gen * bad-host *", "gen rest plain /echo", false),
        ("fixture a.json /echo", "fixture a.json /echo", true),
        ("fixture a.json /echo", "fixture a.json /echo2", false),
        ("*", "", true),
        ("a*b*c", "aXbYc", true),
        ("a*b*c", "aXcYb", false),
    ];
    for (pattern, text, want) in CASES {
        assert_eq!(glob(pattern, text), *want, "{pattern} ~ {text}");
    }
}
