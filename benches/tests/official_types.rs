//! The official `aws_lambda_events` structs work unchanged in a lambkin handler: core's decoder
//! (what `Handler::Event` goes through) reads each fixture into them exactly as serde_json does.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use ::aws_lambda_events as aws;
use lambkin_benches::cases::{EVENT_CASES, EVENTS_DIR, SMOKE_CASES};
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
    // One fixture per common source: the first of the benchmark's cases.
    for file in EVENT_CASES.iter().take(SMOKE_CASES) {
        let bytes = std::fs::read(format!("{EVENTS_DIR}/{file}")).unwrap();
        let check = match file
            .trim_start_matches("example-")
            .trim_end_matches(".json")
        {
            "sqs-event" => same::<aws::sqs::SqsEvent>,
            "sns-event" => same::<aws::sns::SnsEvent>,
            "s3-event" => same::<aws::s3::S3Event>,
            "apigw-request" => same::<aws::apigw::ApiGatewayProxyRequest>,
            "apigw-v2-request-jwt-authorizer" => same::<aws::apigw::ApiGatewayV2httpRequest>,
            "alb-lambda-target-request-multivalue-headers" => {
                same::<aws::alb::AlbTargetGroupRequest>
            }
            "dynamodb-event" => same::<aws::dynamodb::Event>,
            "kinesis-event" => same::<aws::kinesis::KinesisEvent>,
            "eventbridge-schedule" => same::<aws::eventbridge::EventBridgeEvent<Value>>,
            "cloudwatch_logs-event" => same::<aws::cloudwatch_logs::LogsEvent>,
            "cognito-event-userpools-pretokengen" => {
                same::<aws::cognito::CognitoEventUserPoolsPreTokenGen>
            }
            "kafka-event" => same::<aws::kafka::KafkaEvent>,
            other => panic!("no official type named for {other}"),
        };
        check(file, &bytes);
    }
}
