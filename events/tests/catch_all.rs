//! `catch-all-fields`: keys a type does not know are kept in its `other` field, at every level,
//! and written back, so a round trip loses nothing.
#![cfg(all(feature = "catch-all-fields", feature = "all"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_alloc,
    clippy::std_instead_of_core
)]

mod common;

use common::{EVENTS, enc, subset, uncovered};
use lambkin_core::json::from_slice;
use lambkin_events::apigw::ApiGatewayProxyRequest;
use lambkin_events::sqs::SqsEvent;
use lambkin_events::{Number, Value};
use serde_json::Value as J;

/// An SQS event with unknown keys at the top, in a record, and in a message attribute (a struct
/// inside a map inside a list), holding each kind of JSON value, escapes included.
const SQS_WITH_EXTRAS: &str = r#"{
  "Records": [{
    "messageId": "1",
    "body": "hi",
    "eventSource": "aws:sqs",
    "messageAttributes": {
      "a": {"stringValue": "v", "dataType": "String", "futureKey": [1, -2, 2.5, null, true]}
    },
    "newRecordKey": {"nested": {"deep": "say \"hi\"\n"}, "empty": {}},
    "nullKey": null
  }],
  "topLevelExtra": "x\u00e9y",
  "big": 18446744073709551615
}"#;

fn round_trip_both_ways(decoded: &J, fixture: &J) {
    subset(decoded, fixture, "$").unwrap();
    let mut missing = Vec::new();
    uncovered(decoded, fixture, "$", &mut missing);
    assert!(missing.is_empty(), "not kept: {missing:?}");
}

#[test]
fn unknown_keys_at_every_level_round_trip() {
    let fixture: J = serde_json::from_str(SQS_WITH_EXTRAS).unwrap();
    let mut buf = SQS_WITH_EXTRAS.as_bytes().to_vec();
    let e: SqsEvent<'_> = from_slice(&mut buf).unwrap();

    let top: Vec<&str> = e.other.iter().map(|(k, _)| k).collect();
    assert_eq!(top, ["topLevelExtra", "big"]);
    assert_eq!(e.other.get("topLevelExtra"), Some(&Value::String("xéy")));
    assert_eq!(
        e.other.get("big"),
        Some(&Value::Number(Number::U64(u64::MAX)))
    );

    let record = &e.records[0];
    assert_eq!(record.body, Some("hi"));
    let keys: Vec<&str> = record.other.iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["newRecordKey", "nullKey"]);
    assert_eq!(record.other.get("nullKey"), Some(&Value::Null));
    let attr = record.message_attributes.get("a").unwrap();
    assert_eq!(attr.data_type, "String");
    assert!(matches!(attr.other.get("futureKey"), Some(Value::Array(a)) if a.len() == 5));

    // Re-encoded (through core's encoder and serde_json's), it is the input again, with no key
    // lost and none invented; the keys the types know stay out of `other`.
    let ours = enc(Ok::<_, lambkin_core::json::DecodeError>(&e)).unwrap();
    round_trip_both_ways(&ours, &fixture);
    assert_eq!(
        ours["Records"][0]["newRecordKey"],
        fixture["Records"][0]["newRecordKey"]
    );
    assert_eq!(ours["big"], fixture["big"]);
}

/// The official crate's own catch-all fixture: `otherField` at the top and inside
/// `requestContext.identity`.
#[test]
fn official_catch_all_fixture_keeps_its_other_fields() {
    let bytes = std::fs::read(format!("{EVENTS}/example-apigw-request-catch-all.json")).unwrap();
    let fixture: J = serde_json::from_slice(&bytes).unwrap();
    let mut buf = bytes.clone();
    let e: ApiGatewayProxyRequest<'_> = from_slice(&mut buf).unwrap();
    assert_eq!(e.other.get("otherField"), Some(&Value::String("foobar")));
    assert_eq!(
        e.other.len(),
        1,
        "a known key landed in other: {:?}",
        e.other
    );
    let ours = enc(Ok::<_, lambkin_core::json::DecodeError>(&e)).unwrap();
    assert_eq!(ours["requestContext"]["identity"]["otherField"], 2345);
    round_trip_both_ways(&ours, &fixture);
}
