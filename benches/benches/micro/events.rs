//! Typed event decoding, fixture by fixture: lambkin-events (borrowed types, decoded in place by
//! core's decoder) against `aws_lambda_events` with serde_json (owned types), on the same bytes.
//!
//! The fixture is read from the repository's `fixtures/events` in the (unmeasured) setup. Both
//! sides decode and drop the event; the drop is measured too, since a handler pays for it.

use std::hint::black_box;

use ::aws_lambda_events as aws;
use gungraun::{library_benchmark, library_benchmark_group};
use lambkin_benches::cases::{EVENTS_DIR, event_case};
use lambkin_core::json::from_slice;
use lambkin_events as ev;
use serde::Deserialize;

/// The fixtures measured; each variant is the benchmark id of one entry of
/// `lambkin_benches::cases::EVENT_CASES`, which names its file.
#[derive(Clone, Copy, Debug)]
pub enum Case {
    Sqs,
    Sns,
    S3,
    ApigwV1,
    ApigwV2,
    Alb,
    Dynamodb,
    Kinesis,
    Eventbridge,
    CloudwatchLogs,
    Cognito,
    Kafka,
}

impl Case {
    fn id(self) -> &'static str {
        match self {
            Self::Sqs => "sqs",
            Self::Sns => "sns",
            Self::S3 => "s3",
            Self::ApigwV1 => "apigw_v1",
            Self::ApigwV2 => "apigw_v2",
            Self::Alb => "alb",
            Self::Dynamodb => "dynamodb",
            Self::Kinesis => "kinesis",
            Self::Eventbridge => "eventbridge",
            Self::CloudwatchLogs => "cloudwatch_logs",
            Self::Cognito => "cognito",
            Self::Kafka => "kafka",
        }
    }
}

fn load(case: Case) -> (Case, Vec<u8>) {
    let file = event_case(case.id())
        .expect("every Case is in EVENT_CASES")
        .file;
    let path = format!("{EVENTS_DIR}/{file}");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    (case, bytes)
}

fn ours<'a, T: Deserialize<'a>>(bytes: &'a mut [u8]) {
    let event: T = from_slice(bytes).expect("lambkin-events decodes the fixture");
    black_box(&event);
}

fn theirs<'a, T: Deserialize<'a>>(bytes: &'a [u8]) {
    let event: T = serde_json::from_slice(bytes).expect("aws_lambda_events decodes the fixture");
    black_box(&event);
}

// lambkin-events. CloudWatch Logs also decompresses `awslogs.data` and decodes the log events,
// as `aws_lambda_events` does while deserializing.
#[library_benchmark]
#[bench::sqs(args = (Case::Sqs), setup = load)]
#[bench::sns(args = (Case::Sns), setup = load)]
#[bench::s3(args = (Case::S3), setup = load)]
#[bench::apigw_v1(args = (Case::ApigwV1), setup = load)]
#[bench::apigw_v2(args = (Case::ApigwV2), setup = load)]
#[bench::alb(args = (Case::Alb), setup = load)]
#[bench::dynamodb(args = (Case::Dynamodb), setup = load)]
#[bench::kinesis(args = (Case::Kinesis), setup = load)]
#[bench::eventbridge(args = (Case::Eventbridge), setup = load)]
#[bench::cloudwatch_logs(args = (Case::CloudwatchLogs), setup = load)]
#[bench::cognito(args = (Case::Cognito), setup = load)]
#[bench::kafka(args = (Case::Kafka), setup = load)]
fn lambkin((case, mut bytes): (Case, Vec<u8>)) {
    let b = black_box(bytes.as_mut_slice());
    match case {
        Case::Sqs => ours::<ev::sqs::SqsEvent<'_>>(b),
        Case::Sns => ours::<ev::sns::SnsEvent<'_>>(b),
        Case::S3 => ours::<ev::s3::S3Event<'_>>(b),
        Case::ApigwV1 => ours::<ev::apigw::ApiGatewayProxyRequest<'_>>(b),
        Case::ApigwV2 => ours::<ev::apigw::ApiGatewayV2HttpRequest<'_>>(b),
        Case::Alb => ours::<ev::alb::AlbTargetGroupRequest<'_>>(b),
        Case::Dynamodb => ours::<ev::dynamodb::DynamoDbEvent<'_>>(b),
        Case::Kinesis => ours::<ev::kinesis::KinesisEvent<'_>>(b),
        Case::Eventbridge => ours::<ev::eventbridge::CloudWatchEvent<'_>>(b),
        Case::CloudwatchLogs => {
            let event: ev::cloudwatch_logs::LogsEvent<'_> = from_slice(b).expect("decodes");
            let mut json = event.awslogs.decompress().expect("gzip");
            ours::<ev::cloudwatch_logs::LogsData<'_>>(&mut json);
        }
        Case::Cognito => ours::<ev::cognito::PreTokenGenEvent<'_>>(b),
        Case::Kafka => ours::<ev::kafka::KafkaEvent<'_>>(b),
    }
}

// `aws_lambda_events` with `serde_json::from_slice`, the official runtime's path.
#[library_benchmark]
#[bench::sqs(args = (Case::Sqs), setup = load)]
#[bench::sns(args = (Case::Sns), setup = load)]
#[bench::s3(args = (Case::S3), setup = load)]
#[bench::apigw_v1(args = (Case::ApigwV1), setup = load)]
#[bench::apigw_v2(args = (Case::ApigwV2), setup = load)]
#[bench::alb(args = (Case::Alb), setup = load)]
#[bench::dynamodb(args = (Case::Dynamodb), setup = load)]
#[bench::kinesis(args = (Case::Kinesis), setup = load)]
#[bench::eventbridge(args = (Case::Eventbridge), setup = load)]
#[bench::cloudwatch_logs(args = (Case::CloudwatchLogs), setup = load)]
#[bench::cognito(args = (Case::Cognito), setup = load)]
#[bench::kafka(args = (Case::Kafka), setup = load)]
fn official((case, bytes): (Case, Vec<u8>)) {
    let b = black_box(bytes.as_slice());
    match case {
        Case::Sqs => theirs::<aws::sqs::SqsEvent>(b),
        Case::Sns => theirs::<aws::sns::SnsEvent>(b),
        Case::S3 => theirs::<aws::s3::S3Event>(b),
        Case::ApigwV1 => theirs::<aws::apigw::ApiGatewayProxyRequest>(b),
        Case::ApigwV2 => theirs::<aws::apigw::ApiGatewayV2httpRequest>(b),
        Case::Alb => theirs::<aws::alb::AlbTargetGroupRequest>(b),
        Case::Dynamodb => theirs::<aws::dynamodb::Event>(b),
        Case::Kinesis => theirs::<aws::kinesis::KinesisEvent>(b),
        Case::Eventbridge => theirs::<aws::eventbridge::EventBridgeEvent>(b),
        Case::CloudwatchLogs => theirs::<aws::cloudwatch_logs::LogsEvent>(b),
        Case::Cognito => theirs::<aws::cognito::CognitoEventUserPoolsPreTokenGen>(b),
        Case::Kafka => theirs::<aws::kafka::KafkaEvent>(b),
    }
}

library_benchmark_group!(
    name = events_group;
    benchmarks = lambkin, official
);
