//! The official `aws_lambda_events` structs work unchanged in a lambkin handler: core's decoder
//! (what `Handler::Event` goes through) reads each fixture into them exactly as serde_json does.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use ::aws_lambda_events as aws;
use lambkin_benches::cases::{EVENT_CASES, EVENTS_DIR};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Both decodes of `bytes` as `T`, compared as JSON values (not every official type is
/// `PartialEq`).
fn same<T: DeserializeOwned + Serialize>(file: &str, bytes: &[u8]) {
    let theirs: T = serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut buf = bytes.to_vec();
    let ours: T =
        lambkin_core::json::from_slice(&mut buf).unwrap_or_else(|e| panic!("{file}: {e}"));
    let (ours, theirs) = (serde_json::to_value(ours), serde_json::to_value(theirs));
    assert_eq!(ours.unwrap(), theirs.unwrap(), "{file}");
}

#[test]
fn official_event_types_decode_through_core_as_through_serde_json() {
    for case in EVENT_CASES {
        let bytes = std::fs::read(format!("{EVENTS_DIR}/{}", case.file)).unwrap();
        let check = match case.id {
            "sqs" => same::<aws::sqs::SqsEvent>,
            "sns" => same::<aws::sns::SnsEvent>,
            "s3" => same::<aws::s3::S3Event>,
            "apigw_v1" => same::<aws::apigw::ApiGatewayProxyRequest>,
            "apigw_v2" => same::<aws::apigw::ApiGatewayV2httpRequest>,
            "alb" => same::<aws::alb::AlbTargetGroupRequest>,
            "dynamodb" => same::<aws::dynamodb::Event>,
            "kinesis" => same::<aws::kinesis::KinesisEvent>,
            "eventbridge" => same::<aws::eventbridge::EventBridgeEvent<Value>>,
            "cloudwatch_logs" => same::<aws::cloudwatch_logs::LogsEvent>,
            "cognito" => same::<aws::cognito::CognitoEventUserPoolsPreTokenGen>,
            "kafka" => same::<aws::kafka::KafkaEvent>,
            other => panic!("no official type named for case {other}"),
        };
        check(case.file, &bytes);
    }
}
