//! `detect` and `http::from_slice` name the same HTTP shape (they share one classifier): on
//! every fixture, on the VPC Lattice payloads, and on awkward documents where the two once
//! disagreed.
#![cfg(all(feature = "all", feature = "http"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_alloc,
    clippy::std_instead_of_core
)]

mod common;

use std::collections::BTreeSet;

use common::lattice::{RESPONSE, V1_REQUEST, V2_REQUEST};
use common::{EVENTS, HTTP};
use lambkin_events::http::{HttpError, Options, Origin, from_slice};
use lambkin_events::{Source, detect};

/// `detect`'s names for the HTTP request shapes.
const HTTP_SOURCES: [Source; 7] = [
    Source::Alb,
    Source::ApiGatewayRest,
    Source::ApiGatewayHttp,
    Source::LambdaFunctionUrl,
    Source::ApiGatewayWebsocket,
    Source::VpcLatticeV1,
    Source::VpcLatticeV2,
];

/// The source `detect` names for a request `from_slice` gives `origin`.
fn source_of(origin: Origin) -> Source {
    match origin {
        Origin::Alb { .. } => Source::Alb,
        Origin::ApiGatewayRest { .. } => Source::ApiGatewayRest,
        Origin::ApiGatewayHttp => Source::ApiGatewayHttp,
        Origin::LambdaFunctionUrl => Source::LambdaFunctionUrl,
        Origin::ApiGatewayWebsocket { .. } => Source::ApiGatewayWebsocket,
        Origin::VpcLatticeV1 => Source::VpcLatticeV1,
        Origin::VpcLatticeV2 => Source::VpcLatticeV2,
        o => panic!("no source for {o:?}"),
    }
}

/// The HTTP shape each side names: `detect`'s source if it is an HTTP request one, and the
/// source of `from_slice`'s origin (or its error).
fn both(json: &[u8]) -> (Option<Source>, Result<Source, HttpError>) {
    let detected = detect(json).filter(|s| HTTP_SOURCES.contains(s));
    let mut buf = json.to_vec();
    let converted = from_slice(&mut buf, &Options::default()).map(|(_, o)| source_of(o));
    (detected, converted)
}

/// Fixtures `from_slice` converts as a request of the shape given but that `detect` names more
/// precisely: Lambda authorizer events carry the request they authorize, and a Bedrock agent
/// event an `httpMethod` (REST needs no more).
#[rustfmt::skip]
const NAMED_MORE_PRECISELY: &[(&str, Source, Source)] = &[
    ("example-apigw-custom-auth-request-type-request.json", Source::ApiGatewayAuthorizerRequest, Source::ApiGatewayRest),
    ("example-apigw-v2-custom-authorizer-v1-request.json", Source::ApiGatewayAuthorizerRequest, Source::ApiGatewayHttp),
    ("example-apigw-v2-custom-authorizer-v2-request-without-cookies.json", Source::ApiGatewayAuthorizerV2, Source::ApiGatewayHttp),
    ("example-apigw-v2-custom-authorizer-v2-request-without-identity-source.json", Source::ApiGatewayAuthorizerV2, Source::ApiGatewayHttp),
    ("example-apigw-v2-custom-authorizer-v2-request.json", Source::ApiGatewayAuthorizerV2, Source::ApiGatewayHttp),
    ("example-apigw-v2-custom-authorizer-websocket-request.json", Source::ApiGatewayAuthorizerRequest, Source::ApiGatewayWebsocket),
    ("example-bedrock-agent-runtime-event-without-parameters.json", Source::BedrockAgent, Source::ApiGatewayRest),
    ("example-bedrock-agent-runtime-event-without-request-body.json", Source::BedrockAgent, Source::ApiGatewayRest),
    ("example-bedrock-agent-runtime-event.json", Source::BedrockAgent, Source::ApiGatewayRest),
];

#[test]
fn every_fixture_gets_one_shape_from_both() {
    let mut docs: Vec<(String, Vec<u8>)> = Vec::new();
    for dir in [EVENTS, HTTP] {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|f| f.ends_with(".json"))
            .collect();
        files.sort();
        for file in files {
            let bytes = std::fs::read(format!("{dir}/{file}")).unwrap();
            docs.push((file, bytes));
        }
    }
    for (name, text) in [
        ("lattice V1", V1_REQUEST),
        ("lattice V2", V2_REQUEST),
        ("lattice response", RESPONSE),
    ] {
        docs.push((name.to_owned(), text.as_bytes().to_vec()));
    }

    let mut failures = Vec::new();
    let mut shapes = BTreeSet::new();
    let mut more_precise = BTreeSet::new();
    for (name, bytes) in &docs {
        let (detected, converted) = both(bytes);
        match (detected, converted) {
            (Some(d), Ok(c)) if d == c => {
                shapes.insert(format!("{d:?}"));
            }
            (None, Ok(c)) => {
                let named = detect(bytes);
                if NAMED_MORE_PRECISELY.contains(&(name.as_str(), named.unwrap(), c)) {
                    more_precise.insert(name.as_str());
                } else {
                    failures.push(format!("{name}: detect {named:?}, from_slice {c:?}"));
                }
            }
            (None, Err(_)) => {}
            (d, c) => failures.push(format!("{name}: detect {d:?}, from_slice {c:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every shape is among the fixtures, and every listed exception was met.
    let all: BTreeSet<_> = HTTP_SOURCES.iter().map(|s| format!("{s:?}")).collect();
    assert_eq!(shapes, all);
    assert_eq!(
        more_precise.len(),
        NAMED_MORE_PRECISELY.len(),
        "{more_precise:?}"
    );
}

/// Documents the two readers once told apart differently (the comment says how), and the
/// precedence between shapes. `None`: no HTTP request shape, which `from_slice` refuses as
/// `UnknownShape`.
#[rustfmt::skip]
const AWKWARD: &[(&str, Option<Source>)] = &[
    // Function URL domains: the `lambda-url` label between dots, compared as sent.
    (r#"{"version":"2.0","rawPath":"/","requestContext":{"http":{"method":"GET"},"domainName":"abc.lambda-url.us-east-1.on.aws"}}"#, Some(Source::LambdaFunctionUrl)),
    (r#"{"version":"2.0","rawPath":"/","requestContext":{"http":{"method":"GET"},"domainName":"abc.execute-api.us-east-1.amazonaws.com"}}"#, Some(Source::ApiGatewayHttp)),
    // detect said function URL for these two.
    (r#"{"version":"2.0","rawPath":"/","requestContext":{"http":{"method":"GET"},"domainName":"api.lambda-urls.example.com"}}"#, Some(Source::ApiGatewayHttp)),
    (r#"{"version":"2.0","rawPath":"/","requestContext":{"http":{"method":"GET"},"domainName":"abc.lambda-url"}}"#, Some(Source::ApiGatewayHttp)),
    (r#"{"version":"2.0","rawPath":"/","requestContext":{"http":{"method":"GET"},"domainName":"ABC.LAMBDA-URL.US-EAST-1.ON.AWS"}}"#, Some(Source::ApiGatewayHttp)),
    // Precedence: ALB, VPC Lattice V2, VPC Lattice V1, WebSocket, payload 2.0, REST.
    (r#"{"httpMethod":"GET","method":"GET","path":"/","raw_path":"/","requestContext":{"elb":{},"serviceNetworkArn":"a"}}"#, Some(Source::Alb)),
    (r#"{"method":"GET","path":"/","raw_path":"/","requestContext":{"serviceNetworkArn":"a","connectionId":"c"}}"#, Some(Source::VpcLatticeV2)),
    // detect said REST (any requestContext came first).
    (r#"{"raw_path":"/p","method":"POST","requestContext":{"stage":"Prod","http":{"method":"PUT"}}}"#, Some(Source::VpcLatticeV1)),
    (r#"{"rawPath":"/","requestContext":{"connectionId":"c","http":{"method":"GET"}}}"#, Some(Source::ApiGatewayWebsocket)),
    // detect said REST: it did not look at `requestContext.http`.
    (r#"{"requestContext":{"http":{"method":"GET"}}}"#, Some(Source::ApiGatewayHttp)),
    (r#"{"version":"2.0","httpMethod":"GET","requestContext":{"http":{"method":"GET"}}}"#, Some(Source::ApiGatewayHttp)),
    // detect said nothing: it required a requestContext.
    (r#"{"httpMethod":"GET","path":"/"}"#, Some(Source::ApiGatewayRest)),
    // `null` is absent; detect said ALB, WebSocket, HTTP API, VPC Lattice V1 and V2.
    (r#"{"httpMethod":"GET","path":"/","requestContext":{"elb":null}}"#, Some(Source::ApiGatewayRest)),
    (r#"{"httpMethod":"GET","path":"/","requestContext":{"elb" :  null ,"connectionId":null}}"#, Some(Source::ApiGatewayRest)),
    (r#"{"httpMethod":"GET","path":"/","rawPath":null,"requestContext":{"http":null}}"#, Some(Source::ApiGatewayRest)),
    (r#"{"httpMethod":"GET","path":"/","raw_path":null,"requestContext":{"serviceNetworkArn":null}}"#, Some(Source::ApiGatewayRest)),
    // Escaped keys and values read as the decoders read them; detect compared the raw bytes
    // (and said nothing, HTTP API and REST).
    (r#"{"raw\u005fpath":"/p","method":"GET"}"#, Some(Source::VpcLatticeV1)),
    (r#"{"version":"2.0","rawPath":"/","requestContext":{"http":{"method":"GET"},"domainName":"abc\u002elambda-url.us-east-1.on.aws"}}"#, Some(Source::LambdaFunctionUrl)),
    (r#"{"httpMethod":"GET","request\u0043ontext":{"\u0065lb":{}}}"#, Some(Source::Alb)),
    // No HTTP request: detect said REST for the first.
    (r#"{"requestContext":{"stage":"prod"}}"#, None),
    (r#"{"version":"1.0","requestContext":{"domainName":"abc.lambda-url.us-east-1.on.aws"}}"#, None),
    (r#"{"httpMethod":null,"path":"/"}"#, None),
];

#[test]
fn awkward_documents_get_one_shape_from_both() {
    for (json, want) in AWKWARD {
        let (detected, converted) = both(json.as_bytes());
        assert_eq!(detected, *want, "detect: {json}");
        match (want, converted) {
            (Some(want), Ok(got)) => assert_eq!(got, *want, "from_slice: {json}"),
            (None, Err(HttpError::UnknownShape)) => {}
            (_, got) => panic!("from_slice: {json}: {got:?}"),
        }
    }
}
