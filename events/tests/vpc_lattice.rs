//! VPC Lattice: both request structures and the response decode, detect and convert, on the
//! AWS documentation's examples (see `common/lattice.rs` for where each comes from), and agree
//! with the official `aws_lambda_events` types on the same bytes.
#![cfg(all(feature = "all", feature = "http"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_alloc,
    clippy::std_instead_of_core
)]

mod common;

use common::lattice::{RESPONSE, V1_REQUEST, V2_REQUEST};
use common::{enc, subset};
use lambda_http::aws_lambda_events::vpc_lattice as official;
use lambkin_core::json::from_slice;
use lambkin_events::http::{Options, Origin, ToHttpRequest, from_slice as http_from_slice};
use lambkin_events::vpc_lattice::{VpcLatticeRequestV1, VpcLatticeRequestV2, VpcLatticeResponse};
use lambkin_events::{Body, Source, detect};

const HOST: &str = "test-lambda-service-3908sdf9u3u.dkfjd93.vpc-lattice-svcs.us-east-2.on.aws";

#[test]
fn v2_decodes_every_field() {
    let mut buf = V2_REQUEST.as_bytes().to_vec();
    let r: VpcLatticeRequestV2<'_> = from_slice(&mut buf).unwrap();
    assert_eq!((r.version, r.path, r.method), ("2.0", "/newpath", "GET"));
    assert_eq!(r.headers.get("host").unwrap().as_slice(), [HOST]);
    assert_eq!(r.query_string_parameters.get("order-id").unwrap(), &["1"]);
    // The escaped quotes are unescaped in place.
    assert_eq!(r.body(), Body::Text(r#"{"message": "Hello from Lambda!"}"#));
    let c = &r.request_context;
    assert!(
        c.service_network_arn
            .ends_with("servicenetwork/sn-0bf3f2882e9cc805a")
    );
    assert!(c.service_arn.ends_with("service/svc-0a40eebed65f8d69c"));
    assert!(
        c.target_group_arn
            .ends_with("targetgroup/tg-6d0ecf831eec9f09")
    );
    assert_eq!((c.region, c.time_epoch), ("us-east-2", "1696331543569073"));
    let id = c.identity.as_ref().unwrap();
    assert_eq!(id.kind, Some("AWS_IAM"));
    assert_eq!(id.principal_org_id, Some("o-50dc6c495c0c9188"));
    assert_eq!(id.session_name, Some("057d00f8b51257ba3c853a0f248943cf"));
    assert_eq!(id.x509_san_dns, Some("example.com"));
    assert_eq!(id.x509_subject_cn, None);

    // Everything decoded is in the document, under its own name.
    let fixture: serde_json::Value = serde_json::from_str(V2_REQUEST).unwrap();
    let mut buf = V2_REQUEST.as_bytes().to_vec();
    let ours = enc(from_slice::<VpcLatticeRequestV2<'_>>(&mut buf)).unwrap();
    subset(&ours, &fixture, "$").unwrap();
    assert_eq!(detect(V2_REQUEST.as_bytes()), Some(Source::VpcLatticeV2));
}

#[test]
fn v1_decodes_every_field() {
    let mut buf = V1_REQUEST.as_bytes().to_vec();
    let r: VpcLatticeRequestV1<'_> = from_slice(&mut buf).unwrap();
    assert_eq!((r.raw_path, r.method), ("/testpath", "GET"));
    assert_eq!(r.headers.get("user_agent"), Some(&"curl/7.64.1"));
    assert_eq!(r.query_string_parameters.get("order-id"), Some(&"1"));
    assert_eq!(r.body(), Body::Base64("eyJ0ZXN0IjogImV2ZW50In0="));
    let mut out = [0u8; 32];
    let decoded = lambkin_events::decode_base64("eyJ0ZXN0IjogImV2ZW50In0=", &mut out).unwrap();
    assert_eq!(decoded, br#"{"test": "event"}"#);

    // V1 is a different document, not V2 with other names: the round trip is exact.
    let fixture: serde_json::Value = serde_json::from_str(V1_REQUEST).unwrap();
    let mut buf = V1_REQUEST.as_bytes().to_vec();
    let ours = enc(from_slice::<VpcLatticeRequestV1<'_>>(&mut buf)).unwrap();
    assert_eq!(ours, fixture);
    assert_eq!(detect(V1_REQUEST.as_bytes()), Some(Source::VpcLatticeV1));
}

#[test]
fn response_round_trips() {
    let fixture: serde_json::Value = serde_json::from_str(RESPONSE).unwrap();
    let mut buf = RESPONSE.as_bytes().to_vec();
    let ours = enc(from_slice::<VpcLatticeResponse<'_>>(&mut buf)).unwrap();
    assert_eq!(ours, fixture);
    // Same shape as an ALB response, so that is what detection says.
    assert_eq!(detect(RESPONSE.as_bytes()), Some(Source::AlbResponse));
}

#[test]
fn agrees_with_aws_lambda_events() {
    let mut buf = V2_REQUEST.as_bytes().to_vec();
    let ours: VpcLatticeRequestV2<'_> = from_slice(&mut buf).unwrap();
    let theirs: official::VpcLatticeRequestV2 = serde_json::from_str(V2_REQUEST).unwrap();
    assert_eq!(Some(ours.path), theirs.path.as_deref());
    assert_eq!(
        Some(ours.method),
        theirs.method.as_ref().map(|m| m.as_str())
    );
    assert_eq!(ours.body, theirs.body.as_deref());
    for (name, values) in ours.headers.iter() {
        let theirs: Vec<_> = theirs.headers.get_all(name).iter().collect();
        assert_eq!(values.len(), theirs.len(), "{name}");
        assert!(values.iter().zip(theirs).all(|(a, b)| b == a), "{name}");
    }
    let c = (&ours.request_context, &theirs.request_context);
    assert_eq!(c.0.target_group_arn, c.1.target_group_arn);
    assert_eq!(c.0.time_epoch, c.1.time_epoch);
    let id = c.1.identity.as_ref().unwrap();
    assert_eq!(
        c.0.identity.as_ref().unwrap().principal_org_id,
        id.principal_org_id.as_deref()
    );

    let mut buf = V1_REQUEST.as_bytes().to_vec();
    let ours: VpcLatticeRequestV1<'_> = from_slice(&mut buf).unwrap();
    let theirs: official::VpcLatticeRequestV1 = serde_json::from_str(V1_REQUEST).unwrap();
    assert_eq!(Some(ours.raw_path), theirs.raw_path.as_deref());
    assert_eq!(
        ours.query_string_parameters.get("order-id").copied(),
        theirs.query_string_parameters.first("order-id")
    );
    assert_eq!(ours.is_base64_encoded, theirs.is_base64_encoded);

    let mut buf = RESPONSE.as_bytes().to_vec();
    let ours: VpcLatticeResponse<'_> = from_slice(&mut buf).unwrap();
    let theirs: official::VpcLatticeResponse = serde_json::from_str(RESPONSE).unwrap();
    assert_eq!(ours.status_code, theirs.status_code);
    assert_eq!(ours.headers.len(), theirs.headers.len());
}

#[test]
fn http_adapter_converts_both_structures() {
    let cases: [(&str, Origin, &str, &[u8]); 2] = [
        (
            V2_REQUEST,
            Origin::VpcLatticeV2,
            "/newpath?order-id=1",
            br#"{"message": "Hello from Lambda!"}"#,
        ),
        (
            V1_REQUEST,
            Origin::VpcLatticeV1,
            "/testpath?order-id=1",
            br#"{"test": "event"}"#,
        ),
    ];
    for (json, want_origin, path, body) in cases {
        let mut buf = json.as_bytes().to_vec();
        let (req, origin) = http_from_slice(&mut buf, &Options::default()).unwrap();
        assert_eq!(origin, want_origin);
        assert_eq!(req.method(), http::Method::GET);
        assert_eq!(req.uri().to_string(), format!("https://{HOST}{path}"));
        assert_eq!(req.headers()["user_agent"], "curl/7.64.1");
        assert_eq!(req.headers().len(), 4);
        assert_eq!(req.body().as_ref(), body);

        // The typed path gives the same request.
        let mut buf = json.as_bytes().to_vec();
        let (typed, origin) = if want_origin == Origin::VpcLatticeV2 {
            from_slice::<VpcLatticeRequestV2<'_>>(&mut buf)
                .unwrap()
                .to_http_request(&Options::default())
        } else {
            from_slice::<VpcLatticeRequestV1<'_>>(&mut buf)
                .unwrap()
                .to_http_request(&Options::default())
        }
        .unwrap();
        assert_eq!(origin, want_origin);
        assert_eq!(
            (typed.method(), typed.uri(), typed.headers(), typed.body()),
            (req.method(), req.uri(), req.headers(), req.body())
        );

        // And the answer has VPC Lattice's shape.
        let response = http::Response::builder()
            .status(201)
            .header("content-type", "application/json")
            .header("x-trace", "a")
            .header("x-trace", "b")
            .body(r#"{"ok":true}"#)
            .unwrap();
        let mut scratch = String::new();
        let out = origin.encode_response(&response, &mut scratch).unwrap();
        let mut tx = [0u8; 512];
        let n = lambkin_core::json::to_slice(&out, &mut tx).unwrap();
        let sent: serde_json::Value = serde_json::from_slice(&tx[..n]).unwrap();
        assert_eq!(
            sent,
            serde_json::json!({
                "statusCode": 201, "statusDescription": "201 Created",
                "headers": {"content-type": "application/json", "x-trace": "a, b"},
                "body": "{\"ok\":true}", "isBase64Encoded": false,
            })
        );
        // Which decodes as the response type.
        let mut tx = tx[..n].to_vec();
        let back: VpcLatticeResponse<'_> = from_slice(&mut tx).unwrap();
        assert_eq!(back.status_description, Some("201 Created"));
    }
}
