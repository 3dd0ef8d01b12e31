//! The awkward parts: escapes, JSON in strings, base64, gzip, DynamoDB values, timestamps.
#![cfg(feature = "all")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_alloc,
    clippy::std_instead_of_core
)]

mod common;

use common::EVENTS;
use lambkin_core::json::from_slice;
use lambkin_events::{self as ev, decode_json_str};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{EVENTS}/{name}")).unwrap()
}

#[test]
fn escaped_strings_are_unescaped_and_borrowed() {
    let text = r#"{"Records":[{"messageId":"m\u00e9\ud83d\ude00","body":"line1\nline2 \"q\" \\ \/","eventSource":"aws:sqs","attributes":{"k\"ey":"v\tal"}}]}"#;
    let owned: serde_json::Value = serde_json::from_str(text).unwrap();
    let mut buf = text.as_bytes().to_vec();
    let range = buf.as_ptr_range();
    let event: ev::sqs::SqsEvent<'_> = from_slice(&mut buf).unwrap();
    let m = &event.records[0];
    assert_eq!(m.message_id, owned["Records"][0]["messageId"].as_str());
    assert_eq!(m.message_id, Some("mé😀"));
    assert_eq!(m.body, owned["Records"][0]["body"].as_str());
    assert_eq!(m.attributes.get("k\"ey"), Some(&"v\tal"));
    // Borrowed from the buffer, not copied.
    assert!(range.contains(&m.body.unwrap().as_ptr()));
}

#[test]
fn json_inside_sqs_and_sns_strings() {
    #[derive(serde::Deserialize)]
    struct Body<'a> {
        a: &'a str,
        b: u32,
    }
    let mut buf = fixture("example-sqs-event-obj.json");
    let event: ev::sqs::SqsEvent<'_> = from_slice(&mut buf).unwrap();
    let mut scratch = [0u8; 256];
    let body: Body<'_> = decode_json_str(event.records[0].body.unwrap(), &mut scratch).unwrap();
    assert_eq!((body.a, body.b), ("Test", 123));

    let mut buf = fixture("example-cloudwatch-alarm-sns-payload-multiple-metrics.json");
    let event: ev::sns::SnsEvent<'_> = from_slice(&mut buf).unwrap();
    let mut scratch = vec![0u8; 4096];
    let alarm: ev::cloudwatch_alarms::CloudWatchAlarmSnsPayload<'_> =
        decode_json_str(event.records[0].sns.message, &mut scratch).unwrap();
    assert_eq!(alarm.new_state_value, "ALARM");
    assert_eq!(alarm.old_state_value, "INSUFFICIENT_DATA");
    assert!(alarm.trigger.get("Metrics").is_some());

    let mut buf = fixture("example-config-event.json");
    let config: ev::config::ConfigEvent<'_> = from_slice(&mut buf).unwrap();
    let invoking: ev::Value<'_> = decode_json_str(config.invoking_event, &mut scratch).unwrap();
    assert_eq!(
        invoking.get("messageType").and_then(ev::Value::as_str),
        Some("ConfigurationSnapshotDeliveryCompleted")
    );
}

#[test]
fn base64_payloads() {
    let mut buf = fixture("example-kinesis-event.json");
    let event: ev::kinesis::KinesisEvent<'_> = from_slice(&mut buf).unwrap();
    let mut out = [0u8; 64];
    let data = ev::decode_base64(event.records[0].kinesis.data, &mut out).unwrap();
    assert_eq!(data, b"Hello World");

    let text = r#"{"httpMethod":"POST","path":"/","requestContext":{"elb":{"targetGroupArn":"x"}},"body":"aGk=","isBase64Encoded":true}"#;
    let mut buf = text.as_bytes().to_vec();
    let req: ev::alb::AlbTargetGroupRequest<'_> = from_slice(&mut buf).unwrap();
    assert_eq!(req.body(), ev::Body::Base64("aGk="));
    assert_eq!(req.body().decode_into(&mut out).unwrap(), b"hi");
}

#[cfg(feature = "cloudwatch-logs-gzip")]
#[test]
fn cloudwatch_logs_decompress() {
    let mut buf = fixture("example-cloudwatch_logs-event.json");
    let event: ev::cloudwatch_logs::LogsEvent<'_> = from_slice(&mut buf).unwrap();
    let mut json = event.awslogs.decompress().unwrap();
    let data: ev::cloudwatch_logs::LogsData<'_> = from_slice(&mut json).unwrap();
    assert_eq!(data.message_type, "DATA_MESSAGE");
    assert!(!data.log_events.is_empty());
    let bad = ev::cloudwatch_logs::AwsLogs {
        data: "aGk=",
        #[cfg(feature = "catch-all-fields")]
        other: ev::Map::new(),
    };
    assert!(bad.decompress().is_err());
}

#[test]
fn dynamodb_attribute_values() {
    use ev::dynamodb::AttributeValue as A;
    let mut buf = fixture("example-dynamodb-event.json");
    let event: ev::dynamodb::DynamoDbEvent<'_> = from_slice(&mut buf).unwrap();
    let image = &event.records[0].dynamodb.new_image;
    assert_eq!(image.get("val"), Some(&A::S("data")));
    assert_eq!(image.get("asdf1"), Some(&A::B("AAEqQQ==")));
    assert_eq!(
        image.get("asdf2"),
        Some(&A::BS(vec!["AAEqQQ==", "QSoBAA=="]))
    );

    let text = r#"{"M":{"n":{"N":"1.5"},"l":{"L":[{"NULL":true},{"BOOL":false},{"SS":["a"]}]}}}"#;
    let mut buf = text.as_bytes().to_vec();
    let v: A<'_> = from_slice(&mut buf).unwrap();
    let A::M(m) = &v else { panic!("{v:?}") };
    assert_eq!(m.get("n"), Some(&A::N("1.5")));
    assert_eq!(
        m.get("l"),
        Some(&A::L(vec![A::Null(true), A::Bool(false), A::SS(vec!["a"])]))
    );
    assert_eq!(serde_json::to_string(&v).unwrap(), text);
}

#[test]
fn timestamps() {
    let mut buf = fixture("example-s3-event.json");
    let event: ev::s3::S3Event<'_> = from_slice(&mut buf).unwrap();
    assert_eq!(event.records[0].event_time.unix_millis(), Some(123));
    let mut buf = fixture("example-sns-event.json");
    let event: ev::sns::SnsEvent<'_> = from_slice(&mut buf).unwrap();
    assert_eq!(
        event.records[0].sns.timestamp.unix_millis(),
        Some(1_439_920_952_111)
    );
}

#[test]
fn eventbridge_detail_is_generic() {
    // `Default`: an event without `detail`, or with a `null` one, decodes to the default.
    #[derive(serde::Deserialize, Default)]
    struct Ec2State<'a> {
        #[serde(rename = "instance-id")]
        instance_id: &'a str,
        state: &'a str,
    }
    let mut buf = fixture("example-eventbridge-event-obj.json");
    let e: ev::eventbridge::CloudWatchEvent<'_, Ec2State<'_>> = from_slice(&mut buf).unwrap();
    assert_eq!(
        (e.detail.instance_id, e.detail.state),
        ("i-abcd1111", "pending")
    );
    assert_eq!(e.source, "aws.ec2");
}
