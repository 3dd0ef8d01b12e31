//! Regression tests of the request conversion, most of them found by the `events_http` fuzz
//! target (its other invariants live there).

use super::*;
use alloc::format;
use alloc::string::String;
use http::header::HOST;

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

/// Found by the `events_http` fuzz target: a list in an ALB event's `headers` made the
/// whole map read as absent, so the request lost every header instead of being refused.
#[test]
fn lists_only_in_vpc_lattice_v2_maps() {
    const CASES: &[(&str, bool)] = &[
        (
            r#""requestContext":{"elb":{}},"headers":{"a":"1","b":["2"]}"#,
            false,
        ),
        (
            r#""requestContext":{"elb":{}},"queryStringParameters":{"q":["2"]}"#,
            false,
        ),
        (r#""headers":{"b":["2"]}"#, false),
        // Also when the shape has another flaw (no HTTP API method here): decode errors first.
        (r#""version":"2.0","headers":{"b":["2"]}"#, false),
        (
            r#""requestContext":{"http":{"method":"GET"}},"queryStringParameters":{"q":["1"]}"#,
            false,
        ),
        (
            r#""raw_path":"/","method":"GET","headers":{"b":["2"]}"#,
            false,
        ),
        (
            r#""requestContext":{"serviceNetworkArn":"arn"},"method":"GET","headers":{"a":"1","b":["2"]},"queryStringParameters":{"q":["1"]}"#,
            true,
        ),
    ];
    for (fields, ok) in CASES {
        let json = format!(r#"{{"httpMethod":"GET","path":"/",{fields}}}"#);
        let mut buf = json.into_bytes();
        match from_slice(&mut buf, &Options::default()) {
            Ok((req, _)) => {
                assert!(ok, "{fields} accepted");
                assert_eq!(req.headers()["b"], "2", "{fields}");
                assert_eq!(req.uri().query(), Some("q=1"), "{fields}");
            }
            Err(HttpError::Decode(e)) => {
                assert!(!ok, "{fields}: {e}");
                assert!(
                    alloc::format!("{e}").contains("found a list in"),
                    "{fields}: {e}"
                );
            }
            Err(e) => panic!("{fields}: {e:?}"),
        }
    }
}

/// Found by the `events_http` fuzz target: a VPC Lattice V1 event carrying API Gateway's
/// `requestContext.stage` got `/Prod` put before its path (and could take multi-value headers),
/// where the event's own type, which has no such fields, did not.
#[test]
fn vpc_lattice_v1_ignores_other_shapes_fields() {
    const CASES: &[&str] = &[
        r#""requestContext":{"stage":"Prod"}"#,
        r#""requestContext":{"stage":"Prod","domainName":"api.example"}"#,
        r#""multiValueHeaders":{"x":["1","2"]}"#,
        r#""requestContext":{"stage":"Prod","http":{"method":"PUT"}},"multiValueHeaders":{"x":["1"]}"#,
    ];
    let opts = Options::default();
    for fields in CASES {
        let json =
            format!(r#"{{"raw_path":"/p/a%20b","method":"POST","headers":{{"x":"0"}},{fields}}}"#);
        let mut buf = json.clone().into_bytes();
        let (req, origin) = from_slice(&mut buf, &opts).unwrap();
        assert_eq!(origin, Origin::VpcLatticeV1, "{fields}");
        assert_eq!(req.uri(), "/p/a%20b", "{fields}");
        assert_eq!(req.method(), http::Method::POST, "{fields}");
        let x: Vec<_> = req.headers().get_all("x").iter().collect();
        assert_eq!(x, ["0"], "{fields}");
        let mut buf = json.into_bytes();
        let typed: crate::vpc_lattice::VpcLatticeRequestV1<'_> =
            lambkin_core::json::from_slice(&mut buf).unwrap();
        let (typed, _) = typed.to_http_request(&opts).unwrap();
        assert_eq!(typed.uri(), req.uri(), "{fields}");
        assert_eq!(typed.headers(), req.headers(), "{fields}");
    }
}

/// A REST API's `path` is the resource path, which never holds the stage: `/Prod` on stage
/// `Prod` is the resource `/Prod`, at `/Prod/Prod` (as lambda_http has it). An HTTP API's
/// `rawPath` is the URL's path, so there `/Prod` is the stage root.
#[test]
fn stage_root_is_raw_paths_only() {
    const CASES: &[(&str, &str)] = &[
        (
            r#"{"httpMethod":"GET","path":"/Prod","headers":{"host":"x.example"},"requestContext":{"stage":"Prod"}}"#,
            "https://x.example/Prod/Prod",
        ),
        (
            r#"{"httpMethod":"GET","path":"/Prod/a","headers":{"host":"x.example"},"requestContext":{"stage":"Prod"}}"#,
            "https://x.example/Prod/a",
        ),
        (
            r#"{"version":"2.0","rawPath":"/Prod","headers":{"host":"x.example"},"requestContext":{"stage":"Prod","http":{"method":"GET"}}}"#,
            "https://x.example/Prod",
        ),
    ];
    let opts = Options::default();
    for (json, want) in CASES {
        let mut buf = json.as_bytes().to_vec();
        let (req, origin) = from_slice(&mut buf, &opts).unwrap();
        assert_eq!(req.uri(), *want, "{json}");
        let mut buf = json.as_bytes().to_vec();
        let typed = match origin {
            Origin::ApiGatewayHttp => lambkin_core::json::from_slice::<
                crate::apigw::ApiGatewayV2HttpRequest<'_>,
            >(&mut buf)
            .unwrap()
            .to_http_request(&opts),
            _ => {
                lambkin_core::json::from_slice::<crate::apigw::ApiGatewayProxyRequest<'_>>(&mut buf)
                    .unwrap()
                    .to_http_request(&opts)
            }
        };
        assert_eq!(typed.unwrap().0.uri(), *want, "{json}");
    }
}

/// `from_slice_sharing` builds the same request as `from_slice`, with the header values, host
/// and path that need no rewriting sliced out of the copy; escaped values, a host in capitals,
/// an encoded path, a stage prefix, a query and joined cookies are made as before.
#[test]
fn sharing_changes_nothing_but_copies() {
    const EVENTS: &[&str] = &[
        r#"{"version":"2.0","rawPath":"/users/7","rawQueryString":"","cookies":["a=1","b=2"],
            "headers":{"host":"x.example","x-forwarded-for":"203.0.113.7","x-q":"say \"hi\"",
            "X-Amzn-Trace-Id":"Root=1"},"requestContext":{"http":{"method":"POST"},"stage":"$default"},
            "body":"{\"a\":1}"}"#,
        r#"{"version":"2.0","rawPath":"/a b","rawQueryString":"q=1","headers":{"host":"X.Example"},
            "requestContext":{"http":{"method":"GET"},"stage":"prod"}}"#,
        r#"{"httpMethod":"GET","path":"/p","headers":{"Host":"a.example","host":"b.example"},
            "multiValueHeaders":{"x":["1","2"]},"queryStringParameters":{"k":"v w"},
            "requestContext":{"stage":"Prod","domainName":"d.example"}}"#,
        r#"{"httpMethod":"GET","path":"/p","requestContext":{"elb":{}},"headers":{"x":"\u0041"}}"#,
        r#"{"raw_path":"/r","method":"GET","headers":{"host":"h"}}"#,
        r#"{"version":"2.0","rawPath":"/u","headers":{"host":"user@x.example"},
            "requestContext":{"http":{"method":"GET"},"stage":"$default"}}"#,
        r#"{"version":"2.0","rawPath":"/u","headers":{"host":"User@X.example"},
            "requestContext":{"http":{"method":"GET"},"stage":"$default"}}"#,
    ];
    let opts = Options::default();
    for json in EVENTS {
        let mut plain = json.as_bytes().to_vec();
        let (want, want_origin) = from_slice(&mut plain, &opts).unwrap();
        let mut buf = json.as_bytes().to_vec();
        let text = Bytes::copy_from_slice(&buf);
        let (got, origin) = from_slice_sharing(&mut buf, &text, &opts).unwrap();
        assert_eq!(origin, want_origin, "{json}");
        assert_eq!(got.method(), want.method(), "{json}");
        assert_eq!(got.uri(), want.uri(), "{json}");
        assert_eq!(got.headers(), want.headers(), "{json}");
        assert_eq!(got.body(), want.body(), "{json}");
        // A host with user info never goes into the URI.
        if json.contains('@') {
            assert_eq!(got.uri(), "/u", "{json}");
        }
    }
    // The first event's plain values and its path are slices of the copy.
    let mut buf = EVENTS[0].as_bytes().to_vec();
    let text = Bytes::copy_from_slice(&buf);
    let (req, _) = from_slice_sharing(&mut buf, &text, &opts).unwrap();
    let inside = |b: &[u8]| text.as_ptr_range().contains(&b.as_ptr());
    assert!(inside(req.headers()["x-forwarded-for"].as_bytes()));
    assert!(inside(req.uri().path().as_bytes()));
    assert!(!inside(req.headers()["x-q"].as_bytes()));
    assert_eq!(req.headers()["x-q"], "say \"hi\"");
}
