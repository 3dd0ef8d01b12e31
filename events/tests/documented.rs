//! Sources with no file in the root `fixtures/`, checked against AWS's documented examples
//! (`common::documented`): S3 Batch Operations and the HTTP API authorizer simple response.
#![cfg(feature = "all")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_alloc,
    clippy::std_instead_of_core
)]

mod common;

use common::documented::{
    APIGW_SIMPLE_RESPONSE, S3_BATCH_EVENT_V1, S3_BATCH_EVENT_V2, S3_BATCH_RESPONSE_V1,
    S3_BATCH_RESPONSE_V2,
};
use common::{enc, subset, uncovered};
use lambkin_core::json::from_slice;
use lambkin_events::apigw::ApiGatewayV2CustomAuthorizerSimpleResponse;
use lambkin_events::s3::{S3BatchJobEvent, S3BatchJobResponse, S3BatchJobResult};
use lambkin_events::{Map, Number, Value};
use serde_json::{Value as J, json};

/// Every field of `text` was decoded (nothing lost) and nothing decoded is not in `text`.
fn assert_covers<T: serde::Serialize>(decoded: &T, text: &str) {
    let ours = serde_json::to_value(decoded).unwrap();
    let input: J = serde_json::from_str(text).unwrap();
    subset(&ours, &input, "$").unwrap();
    let mut missing = Vec::new();
    uncovered(&ours, &input, "$", &mut missing);
    assert!(missing.is_empty(), "not decoded: {missing:?}");
}

/// Decodes `text` in place with `decode` (which re-encodes through core's and serde_json's
/// encoders, see `common::enc`) and checks the result equals `text` as a JSON value.
fn assert_round_trips(text: &str, decode: fn(&mut [u8]) -> Result<J, String>) {
    let mut buf = text.as_bytes().to_vec();
    let encoded = decode(&mut buf).unwrap();
    assert_eq!(encoded, serde_json::from_str::<J>(text).unwrap(), "{text}");
}

#[test]
fn s3_batch_event_schema_1_0() {
    let mut buf = S3_BATCH_EVENT_V1.as_bytes().to_vec();
    let e: S3BatchJobEvent<'_> = from_slice(&mut buf).unwrap();
    assert_eq!(e.invocation_schema_version, "1.0");
    assert_eq!(
        e.invocation_id,
        "YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo"
    );
    assert_eq!(e.job.id, "f3cc4f60-61f6-4a2b-8a21-d07600c373ce");
    assert_eq!(e.job.user_arguments, None);
    assert_eq!(e.tasks.len(), 1);
    let t = &e.tasks[0];
    assert_eq!(t.task_id, "dGFza2lkZ29lc2hlcmUK");
    assert_eq!(t.s3_key, "customerImage1.jpg");
    assert_eq!(t.s3_version_id, Some("1"));
    assert_eq!(
        t.s3_bucket_arn,
        Some("arn:aws:s3:us-east-1:0123456788:awsexamplebucket1")
    );
    assert_eq!(t.s3_bucket, None);
    assert_covers(&e, S3_BATCH_EVENT_V1);
}

#[test]
fn s3_batch_event_schema_2_0() {
    let mut buf = S3_BATCH_EVENT_V2.as_bytes().to_vec();
    let e: S3BatchJobEvent<'_> = from_slice(&mut buf).unwrap();
    assert_eq!(e.invocation_schema_version, "2.0");
    assert_eq!(
        e.invocation_id,
        "YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo"
    );
    assert_eq!(e.job.id, "f3cc4f60-61f6-4a2b-8a21-d07600c373ce");
    let args = e.job.user_arguments.as_ref().unwrap();
    assert_eq!(
        args.iter().collect::<Vec<_>>(),
        [("k1", &"v1"), ("k2", &"v2")]
    );
    assert_eq!(e.tasks.len(), 1);
    let t = &e.tasks[0];
    assert_eq!(t.task_id, "dGFza2lkZ29lc2hlcmUK");
    assert_eq!(t.s3_key, "customerImage1.jpg");
    assert_eq!(t.s3_version_id, None);
    assert_eq!(t.s3_bucket_arn, None);
    assert_eq!(t.s3_bucket, Some("amzn-s3-demo-bucket"));
    assert_covers(&e, S3_BATCH_EVENT_V2);
}

#[test]
fn s3_batch_responses_decode_and_round_trip() {
    let mut buf = S3_BATCH_RESPONSE_V1.as_bytes().to_vec();
    let r: S3BatchJobResponse<'_> = from_slice(&mut buf).unwrap();
    assert_eq!(r.invocation_schema_version, "1.0");
    assert_eq!(r.treat_missing_keys_as, Some("PermanentFailure"));
    assert_eq!(
        r.invocation_id,
        "YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo"
    );
    assert_eq!(
        r.results,
        [S3BatchJobResult {
            task_id: "dGFza2lkZ29lc2hlcmUK",
            result_code: "Succeeded",
            result_string: Some(r#"["Mary Major", "John Stiles"]"#),
            #[cfg(feature = "catch-all-fields")]
            other: Map::new(),
        }]
    );

    let mut buf = S3_BATCH_RESPONSE_V2.as_bytes().to_vec();
    let r: S3BatchJobResponse<'_> = from_slice(&mut buf).unwrap();
    assert_eq!(r.invocation_schema_version, "2.0");
    assert_eq!(r.treat_missing_keys_as, Some("PermanentFailure"));
    assert_eq!(r.results.len(), 1);
    assert_eq!(r.results[0].result_code, "TemporaryFailure");
    assert_eq!(
        r.results[0].result_string,
        Some("Retry request to Amazon S3 due to timeout.")
    );

    for text in [S3_BATCH_RESPONSE_V1, S3_BATCH_RESPONSE_V2] {
        assert_round_trips(text, |b| enc(from_slice::<S3BatchJobResponse<'_>>(b)));
    }
}

#[test]
fn s3_batch_response_built_from_the_event() {
    // The response borrows its echoed ids from the request's buffer.
    let mut buf = S3_BATCH_EVENT_V2.as_bytes().to_vec();
    let e: S3BatchJobEvent<'_> = from_slice(&mut buf).unwrap();
    let response = S3BatchJobResponse {
        invocation_schema_version: e.invocation_schema_version,
        treat_missing_keys_as: None,
        invocation_id: e.invocation_id,
        results: e
            .tasks
            .iter()
            .map(|t| S3BatchJobResult {
                task_id: t.task_id,
                result_code: "Succeeded",
                result_string: None,
                #[cfg(feature = "catch-all-fields")]
                other: Map::new(),
            })
            .collect(),
        #[cfg(feature = "catch-all-fields")]
        other: Map::new(),
    };
    assert_eq!(
        enc(Ok::<_, lambkin_core::json::DecodeError>(&response)).unwrap(),
        json!({
            "invocationSchemaVersion": "2.0",
            "invocationId": "YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo",
            "results": [{"taskId": "dGFza2lkZ29lc2hlcmUK", "resultCode": "Succeeded"}],
        })
    );
}

#[test]
fn apigw_simple_response_decodes_and_round_trips() {
    let mut buf = APIGW_SIMPLE_RESPONSE.as_bytes().to_vec();
    let r: ApiGatewayV2CustomAuthorizerSimpleResponse<'_> = from_slice(&mut buf).unwrap();
    assert!(r.is_authorized);
    let c = &r.context;
    assert_eq!(c.len(), 9);
    assert_eq!(c.get("exampleKey"), Some(&Value::String("exampleValue")));
    assert_eq!(c.get("quoted"), Some(&Value::String("say \"hi\"")));
    assert_eq!(c.get("count"), Some(&Value::Number(Number::U64(42))));
    assert_eq!(c.get("negative"), Some(&Value::Number(Number::I64(-7))));
    assert_eq!(c.get("ratio"), Some(&Value::Number(Number::F64(0.5))));
    assert_eq!(c.get("admin"), Some(&Value::Bool(false)));
    assert_eq!(c.get("nothing"), Some(&Value::Null));
    assert_eq!(
        c.get("roles"),
        Some(&Value::Array(vec![
            Value::String("reader"),
            Value::Number(Number::U64(2))
        ]))
    );
    let nested = c.get("nested").unwrap();
    assert_eq!(nested.get("tenant"), Some(&Value::String("t-1")));
    assert_eq!(nested.get("ids"), Some(&Value::Array(Vec::new())));

    for text in [APIGW_SIMPLE_RESPONSE, r#"{"isAuthorized": false}"#] {
        assert_round_trips(text, |b| {
            enc(from_slice::<ApiGatewayV2CustomAuthorizerSimpleResponse<'_>>(b))
        });
    }
}

#[test]
fn apigw_simple_response_built_by_a_handler() {
    let response = ApiGatewayV2CustomAuthorizerSimpleResponse {
        is_authorized: true,
        context: Map::from_iter([
            ("user", Value::String("alice")),
            ("level", Value::Number(Number::U64(3))),
        ]),
        #[cfg(feature = "catch-all-fields")]
        other: Map::new(),
    };
    assert_eq!(
        enc(Ok::<_, lambkin_core::json::DecodeError>(&response)).unwrap(),
        json!({"isAuthorized": true, "context": {"user": "alice", "level": 3}})
    );
    let deny = ApiGatewayV2CustomAuthorizerSimpleResponse {
        is_authorized: false,
        context: Map::new(),
        #[cfg(feature = "catch-all-fields")]
        other: Map::new(),
    };
    assert_eq!(
        serde_json::to_value(&deny).unwrap(),
        json!({"isAuthorized": false})
    );
}
