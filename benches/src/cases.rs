//! The event decoding benchmarks: one fixture per event source, by benchmark id.

/// Fixtures directory, the repository's `fixtures/events`.
pub const EVENTS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/events");

/// One measured fixture.
#[derive(Clone, Copy, Debug)]
pub struct EventCase {
    /// Benchmark id (`#[bench::<id>]` in `benches/micro/events.rs`).
    pub id: &'static str,
    /// The event source, for tables.
    pub label: &'static str,
    /// File in [`EVENTS_DIR`].
    pub file: &'static str,
}

/// In report order.
pub const EVENT_CASES: &[EventCase] = &[
    case("sqs", "SQS", "example-sqs-event.json"),
    case("sns", "SNS", "example-sns-event.json"),
    case("s3", "S3", "example-s3-event.json"),
    case(
        "apigw_v1",
        "API Gateway REST (v1)",
        "example-apigw-request.json",
    ),
    case(
        "apigw_v2",
        "API Gateway HTTP (v2)",
        "example-apigw-v2-request-jwt-authorizer.json",
    ),
    case(
        "alb",
        "ALB",
        "example-alb-lambda-target-request-multivalue-headers.json",
    ),
    case("dynamodb", "DynamoDB stream", "example-dynamodb-event.json"),
    case("kinesis", "Kinesis", "example-kinesis-event.json"),
    case(
        "eventbridge",
        "EventBridge",
        "example-eventbridge-event-obj.json",
    ),
    case(
        "cloudwatch_logs",
        "CloudWatch Logs (gunzipped)",
        "example-cloudwatch_logs-event.json",
    ),
    case(
        "cognito",
        "Cognito pre token generation",
        "example-cognito-event-userpools-pretokengen.json",
    ),
    case("kafka", "Kafka", "example-kafka-event.json"),
];

const fn case(id: &'static str, label: &'static str, file: &'static str) -> EventCase {
    EventCase { id, label, file }
}

/// The case with benchmark id `id`.
pub fn event_case(id: &str) -> Option<&'static EventCase> {
    EVENT_CASES.iter().find(|c| c.id == id)
}
