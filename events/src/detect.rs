//! Which event source a JSON document comes from, found in one pass over its bytes.
//!
//! [`detect`] scans the document once, without decoding or allocating, noting the top-level
//! keys, the keys of `requestContext` and of the first of `Records`, and a few string values
//! (`source`, `eventSource`, `type`, `version`). It then matches those against each source's
//! signature. Use it to route a function that receives several kinds of events, then decode the
//! body with the type [`Source`] names.

/// An event source (or response type) and the type that decodes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Source {
    /// `alb::AlbTargetGroupRequest`.
    Alb,
    /// `alb::AlbTargetGroupResponse`. A `vpc_lattice::VpcLatticeResponse` has the same shape
    /// and is detected as this.
    AlbResponse,
    /// `apigw::ApiGatewayProxyRequest` (REST, payload 1.0).
    ApiGatewayRest,
    /// `apigw::ApiGatewayV2HttpRequest` (HTTP API, payload 2.0; also function URLs).
    ApiGatewayHttp,
    /// `lambda_url::LambdaFunctionUrlRequest` (a v2 request from a `lambda-url` domain).
    LambdaFunctionUrl,
    /// `apigw::ApiGatewayWebsocketProxyRequest`.
    ApiGatewayWebsocket,
    /// `apigw::ApiGatewayCustomAuthorizerRequest` (TOKEN).
    ApiGatewayAuthorizerToken,
    /// `apigw::ApiGatewayCustomAuthorizerRequestTypeRequest` (REQUEST, payload 1.0).
    ApiGatewayAuthorizerRequest,
    /// `apigw::ApiGatewayV2CustomAuthorizerV2Request`.
    ApiGatewayAuthorizerV2,
    /// `apigw::ApiGatewayCustomAuthorizerResponse`.
    ApiGatewayAuthorizerResponse,
    /// `apigw::ApiGatewayProxyResponse` / `ApiGatewayV2HttpResponse`.
    ApiGatewayResponse,
    /// `appsync::AppSyncDirectResolverEvent`.
    AppSyncDirectResolver,
    /// `appsync::AppSyncResolverTemplate`.
    AppSyncResolverTemplate,
    /// `appsync::AppSyncIamIdentity`.
    AppSyncIamIdentity,
    /// `appsync::AppSyncCognitoIdentity`.
    AppSyncCognitoIdentity,
    /// `appsync::AppSyncLambdaAuthorizerRequest`.
    AppSyncAuthorizerRequest,
    /// `appsync::AppSyncLambdaAuthorizerResponse`.
    AppSyncAuthorizerResponse,
    /// `eventbridge::autoscaling::AutoScalingEvent`.
    AutoScaling,
    /// `bedrock_agent::AgentEvent`.
    BedrockAgent,
    /// `clientvpn::ClientVpnConnectionHandlerRequest`.
    ClientVpn,
    /// `cloudformation::CloudFormationCustomResourceRequest`.
    CloudFormationRequest,
    /// `cloudformation::CloudFormationCustomResourceResponse`.
    CloudFormationResponse,
    /// `cloudformation::CloudFormationCustomResourceProviderResponse`.
    CloudFormationProviderResponse,
    /// `cloudtrail::CloudTrailEvent`.
    CloudTrail,
    /// `cloudwatch_alarms::CloudWatchAlarm`.
    CloudWatchAlarm,
    /// `cloudwatch_logs::LogsEvent`.
    CloudWatchLogs,
    /// `eventbridge::codebuild::CodeBuildEvent`.
    CodeBuild,
    /// `codecommit::CodeCommitEvent`.
    CodeCommit,
    /// `eventbridge::codedeploy::CodeDeployEvent`.
    CodeDeploy,
    /// `eventbridge::codedeploy::CodeDeployLifecycleEvent`.
    CodeDeployLifecycle,
    /// `eventbridge::codepipeline::CodePipelineCloudWatchEvent`.
    CodePipeline,
    /// `eventbridge::codepipeline::CodePipelineJobEvent`.
    CodePipelineJob,
    /// `cognito::CognitoUserPoolEvent` (see `triggerSource` for the alias).
    CognitoUserPool,
    /// `cognito::CognitoSyncEvent`.
    CognitoSync,
    /// `config::ConfigEvent`.
    Config,
    /// `connect::ConnectEvent`.
    Connect,
    /// `documentdb::DocumentDbEvent`.
    DocumentDb,
    /// `dynamodb::DynamoDbEvent`.
    DynamoDb,
    /// `dynamodb::DynamoDbRecord` (one record, as Kinesis-routed tables deliver).
    DynamoDbRecord,
    /// `eventbridge::ecr::EcrScanEvent`.
    Ecr,
    /// `eventbridge::CloudWatchEvent` (any other EventBridge event).
    EventBridge,
    /// `firehose::FirehoseEvent`.
    Firehose,
    /// `firehose::FirehoseResponse`.
    FirehoseResponse,
    /// `iot::IoTCustomAuthorizerRequest`.
    IoTCustomAuthorizerRequest,
    /// `iot::IoTCustomAuthorizerResponse`.
    IoTCustomAuthorizerResponse,
    /// `iot::IoTOneClickEvent`.
    IoTOneClick,
    /// `iot::IoTButtonEvent`.
    IoTButton,
    /// `kafka::KafkaEvent`.
    Kafka,
    /// `kinesis::KinesisEvent`.
    Kinesis,
    /// `lex::LexEvent`.
    Lex,
    /// `lex::LexResponse`.
    LexResponse,
    /// `mq::ActiveMqEvent`.
    ActiveMq,
    /// `mq::RabbitMqEvent`.
    RabbitMq,
    /// `s3::S3Event`.
    S3,
    /// `s3::S3ObjectLambdaEvent`.
    S3ObjectLambda,
    /// `s3::S3BatchJobEvent`.
    S3BatchJob,
    /// `s3::S3BatchJobResponse`.
    S3BatchJobResponse,
    /// `secretsmanager::SecretsManagerSecretRotationEvent`.
    SecretsManager,
    /// `ses::SimpleEmailEvent`.
    Ses,
    /// `sns::SnsEvent`.
    Sns,
    /// `sqs::SqsEvent`.
    Sqs,
    /// `sqs::SqsApiEvent`.
    SqsApi,
    /// `BatchResponse`.
    BatchResponse,
    /// `vpc_lattice::VpcLatticeRequestV1`.
    VpcLatticeV1,
    /// `vpc_lattice::VpcLatticeRequestV2`.
    VpcLatticeV2,
}

/// Keys [`detect`] looks for; anything else is ignored.
const KEYS: &[&[u8]] = &[
    b"Records",
    b"Messages",
    b"batchItemFailures",
    b"awslogs",
    b"CodePipeline.job",
    b"detail-type",
    b"detail",
    b"source",
    b"alarmData",
    b"eventVersion",
    b"userIdentity",
    b"eventName",
    b"eventSource",
    b"triggerSource",
    b"userPoolId",
    b"datasetRecords",
    b"RequestType",
    b"LogicalResourceId",
    b"Status",
    b"PhysicalResourceId",
    b"Step",
    b"SecretId",
    b"configRuleId",
    b"Details",
    b"Name",
    b"connection-id",
    b"agent",
    b"actionGroup",
    b"token",
    b"signatureVerified",
    b"protocolData",
    b"isAuthenticated",
    b"policyDocuments",
    b"deviceEvent",
    b"serialNumber",
    b"clickType",
    b"currentIntent",
    b"dialogAction",
    b"operation",
    b"payload",
    b"info",
    b"authorizationToken",
    b"requestContext",
    b"methodArn",
    b"isAuthorized",
    b"cognitoIdentityAuthType",
    b"sub",
    b"issuer",
    b"invocationId",
    b"deliveryStreamArn",
    b"records",
    b"xAmzRequestId",
    b"DeploymentId",
    b"LifecycleEventHookExecutionId",
    b"type",
    b"principalId",
    b"policyDocument",
    b"routeKey",
    b"rawPath",
    b"httpMethod",
    b"statusCode",
    b"statusDescription",
    b"version",
    b"dynamodb",
    b"userArn",
    b"s3",
    b"Sns",
    b"kinesis",
    b"ses",
    b"codecommit",
    b"elb",
    b"connectionId",
    b"routeArn",
    b"NoEcho",
    b"Data",
    b"domainName",
    b"accountId",
    b"arguments",
    b"identity",
    b"serviceNetworkArn",
    b"raw_path",
    b"invocationSchemaVersion",
    b"tasks",
    b"results",
    b"treatMissingKeysAs",
];

/// A set of [`KEYS`] indices.
#[derive(Clone, Copy, Default)]
struct Keys(u128);

impl Keys {
    fn add(&mut self, key: &[u8]) {
        if let Some(i) = KEYS.iter().position(|k| *k == key) {
            self.0 |= 1 << i;
        }
    }

    fn has(self, key: &[u8]) -> bool {
        KEYS.iter()
            .position(|k| *k == key)
            .is_some_and(|i| self.0 & (1 << i) != 0)
    }
}

/// What one pass found.
#[derive(Default)]
struct Found<'a> {
    top: Keys,
    record: Keys,
    context: Keys,
    source: &'a [u8],
    event_source: &'a [u8],
    kind: &'a [u8],
    version: &'a [u8],
    record_source: &'a [u8],
    domain: &'a [u8],
}

/// Where the scanner is, for the levels that matter.
#[derive(Clone, Copy, PartialEq, Eq)]
enum At {
    /// The top-level object.
    Top,
    /// The `Records` array.
    RecordsArray,
    /// The first element of `Records`.
    FirstRecord,
    /// `requestContext`.
    Context,
    /// Anywhere else.
    Other,
}

/// Deepest nesting tracked; deeper input is skipped as "other".
const STACK: usize = 8;

fn scan(json: &[u8]) -> Option<Found<'_>> {
    let mut found = Found::default();
    let mut stack = [At::Other; STACK];
    let mut depth = 0usize;
    let mut records_seen = 0usize;
    // The last key read at the current level, if the next value belongs to it.
    let mut key: &[u8] = b"";
    let mut i = 0;
    while let Some(&b) = json.get(i) {
        match b {
            b'{' | b'[' => {
                let here = if depth == 0 {
                    None
                } else {
                    stack.get(depth - 1).copied()
                };
                let at = match (here, b) {
                    (None, b'{') => At::Top,
                    (Some(At::Top), b'[') if key == b"Records" => At::RecordsArray,
                    (Some(At::Top), b'{') if key == b"requestContext" => At::Context,
                    (Some(At::RecordsArray), b'{') => {
                        records_seen += 1;
                        if records_seen == 1 {
                            At::FirstRecord
                        } else {
                            At::Other
                        }
                    }
                    _ => At::Other,
                };
                if let Some(slot) = stack.get_mut(depth) {
                    *slot = at;
                }
                depth += 1;
                key = b"";
                i += 1;
            }
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                key = b"";
                i += 1;
            }
            b'"' => {
                let start = i + 1;
                let mut j = start;
                loop {
                    match json.get(j)? {
                        b'"' => break,
                        b'\\' => j += 2,
                        _ => j += 1,
                    }
                }
                let s = json.get(start..j)?;
                i = j + 1;
                while json.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                let at = if depth == 0 {
                    At::Other
                } else {
                    stack.get(depth - 1).copied().unwrap_or(At::Other)
                };
                if json.get(i) == Some(&b':') {
                    key = s;
                    match at {
                        At::Top => found.top.add(s),
                        At::FirstRecord => found.record.add(s),
                        At::Context => found.context.add(s),
                        _ => {}
                    }
                    i += 1;
                } else {
                    match (at, key) {
                        (At::Top, b"source") => found.source = s,
                        (At::Top, b"eventSource") => found.event_source = s,
                        (At::Top, b"type") => found.kind = s,
                        (At::Top, b"version") => found.version = s,
                        (At::FirstRecord, b"eventSource" | b"EventSource") => {
                            found.record_source = s
                        }
                        (At::Context, b"domainName") => found.domain = s,
                        _ => {}
                    }
                    key = b"";
                }
            }
            b',' => {
                key = b"";
                i += 1;
            }
            _ => i += 1,
        }
    }
    (depth == 0).then_some(found)
}

/// Works out which event source (or response type) `json` is, in one pass over its bytes.
///
/// Returns `None` for malformed JSON (unbalanced brackets or an unterminated string) and for
/// documents that match no known signature. This is a router, not a validator: decode with the
/// named type to validate.
pub fn detect(json: &[u8]) -> Option<Source> {
    let f = scan(json)?;
    let t = f.top;
    let all = |keys: &[&[u8]]| keys.iter().all(|k| t.has(k));
    Some(if t.has(b"Records") {
        let r = f.record;
        match f.record_source {
            b"aws:sqs" => Source::Sqs,
            b"aws:sns" => Source::Sns,
            b"aws:s3" => Source::S3,
            b"aws:kinesis" => Source::Kinesis,
            b"aws:dynamodb" => Source::DynamoDb,
            b"aws:ses" => Source::Ses,
            b"aws:codecommit" => Source::CodeCommit,
            _ if r.has(b"s3") => Source::S3,
            _ if r.has(b"Sns") => Source::Sns,
            _ if r.has(b"kinesis") => Source::Kinesis,
            _ if r.has(b"dynamodb") => Source::DynamoDb,
            _ if r.has(b"ses") => Source::Ses,
            _ if r.has(b"codecommit") => Source::CodeCommit,
            _ => return None,
        }
    } else if t.has(b"Messages") {
        Source::SqsApi
    } else if t.has(b"batchItemFailures") {
        Source::BatchResponse
    } else if all(&[b"invocationSchemaVersion", b"tasks"]) {
        Source::S3BatchJob
    } else if t.has(b"treatMissingKeysAs") || all(&[b"invocationSchemaVersion", b"results"]) {
        Source::S3BatchJobResponse
    } else if t.has(b"awslogs") {
        Source::CloudWatchLogs
    } else if t.has(b"CodePipeline.job") {
        Source::CodePipelineJob
    } else if t.has(b"alarmData") {
        Source::CloudWatchAlarm
    } else if all(&[b"detail-type", b"detail"]) {
        match f.source {
            b"aws.autoscaling" => Source::AutoScaling,
            b"aws.codebuild" => Source::CodeBuild,
            b"aws.codedeploy" => Source::CodeDeploy,
            b"aws.codepipeline" => Source::CodePipeline,
            b"aws.ecr" => Source::Ecr,
            _ => Source::EventBridge,
        }
    } else if t.has(b"triggerSource") && t.has(b"userPoolId") {
        Source::CognitoUserPool
    } else if t.has(b"datasetRecords") {
        Source::CognitoSync
    } else if all(&[b"RequestType", b"LogicalResourceId"]) {
        Source::CloudFormationRequest
    } else if all(&[b"Status", b"PhysicalResourceId"]) {
        Source::CloudFormationResponse
    } else if t.has(b"PhysicalResourceId") || (t.has(b"NoEcho") && t.has(b"Data")) {
        Source::CloudFormationProviderResponse
    } else if t.has(b"dynamodb") {
        Source::DynamoDbRecord
    } else if all(&[b"eventVersion", b"userIdentity", b"eventName"]) {
        Source::CloudTrail
    } else if !f.event_source.is_empty() && !t.has(b"requestContext") {
        match f.event_source {
            b"aws:kafka" | b"SelfManagedKafka" => Source::Kafka,
            b"aws:mq" => Source::ActiveMq,
            b"aws:rmq" => Source::RabbitMq,
            b"aws:docdb" => Source::DocumentDb,
            _ => return None,
        }
    } else if all(&[b"Step", b"SecretId"]) {
        Source::SecretsManager
    } else if t.has(b"configRuleId") {
        Source::Config
    } else if all(&[b"Details", b"Name"]) {
        Source::Connect
    } else if t.has(b"connection-id") {
        Source::ClientVpn
    } else if all(&[b"agent", b"actionGroup"]) {
        Source::BedrockAgent
    } else if t.has(b"protocolData") || (t.has(b"token") && t.has(b"signatureVerified")) {
        Source::IoTCustomAuthorizerRequest
    } else if t.has(b"isAuthenticated") && t.has(b"policyDocuments") {
        Source::IoTCustomAuthorizerResponse
    } else if t.has(b"deviceEvent") {
        Source::IoTOneClick
    } else if all(&[b"serialNumber", b"clickType"]) {
        Source::IoTButton
    } else if t.has(b"currentIntent") {
        Source::Lex
    } else if t.has(b"dialogAction") {
        Source::LexResponse
    } else if all(&[b"operation", b"payload"]) {
        Source::AppSyncResolverTemplate
    } else if t.has(b"info") && (t.has(b"arguments") || t.has(b"identity")) {
        Source::AppSyncDirectResolver
    } else if t.has(b"isAuthorized") {
        Source::AppSyncAuthorizerResponse
    } else if t.has(b"cognitoIdentityAuthType") || all(&[b"accountId", b"userArn"]) {
        Source::AppSyncIamIdentity
    } else if all(&[b"sub", b"issuer"]) {
        Source::AppSyncCognitoIdentity
    } else if all(&[b"invocationId", b"deliveryStreamArn"]) {
        Source::Firehose
    } else if t.has(b"records") {
        Source::FirehoseResponse
    } else if t.has(b"xAmzRequestId") {
        Source::S3ObjectLambda
    } else if all(&[b"DeploymentId", b"LifecycleEventHookExecutionId"]) {
        Source::CodeDeployLifecycle
    } else if all(&[b"principalId", b"policyDocument"]) {
        Source::ApiGatewayAuthorizerResponse
    } else if f.kind == b"TOKEN" {
        Source::ApiGatewayAuthorizerToken
    } else if f.kind == b"REQUEST" {
        if t.has(b"routeArn") {
            Source::ApiGatewayAuthorizerV2
        } else {
            Source::ApiGatewayAuthorizerRequest
        }
    } else if t.has(b"authorizationToken") && t.has(b"requestContext") {
        Source::AppSyncAuthorizerRequest
    } else if t.has(b"requestContext") {
        let c = f.context;
        if c.has(b"elb") {
            Source::Alb
        } else if c.has(b"serviceNetworkArn") {
            Source::VpcLatticeV2
        } else if c.has(b"connectionId") {
            Source::ApiGatewayWebsocket
        } else if t.has(b"rawPath") || f.version == b"2.0" {
            if f.domain.windows(11).any(|w| w == b".lambda-url") {
                Source::LambdaFunctionUrl
            } else {
                Source::ApiGatewayHttp
            }
        } else {
            Source::ApiGatewayRest
        }
    } else if t.has(b"raw_path") {
        Source::VpcLatticeV1
    } else if t.has(b"statusCode") {
        if t.has(b"statusDescription") {
            Source::AlbResponse
        } else {
            Source::ApiGatewayResponse
        }
    } else {
        return None;
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fit_the_set() {
        assert!(KEYS.len() <= 128);
    }

    #[test]
    fn table() {
        const CASES: &[(&[u8], Option<Source>)] = &[
            (br#"{"Records":[{"eventSource":"aws:sqs"}]}"#, Some(Source::Sqs)),
            (br#"{"Records":[{"x":1},{"eventSource":"aws:sqs"}]}"#, None),
            (br#"{"a":{"Records":[]}, "statusCode": 200}"#, Some(Source::ApiGatewayResponse)),
            (br#"{"type":"TOKEN","authorizationToken":"a\"b","methodArn":"x"}"#, Some(Source::ApiGatewayAuthorizerToken)),
            (br#"{"requestContext":{"elb":{}},"httpMethod":"GET"}"#, Some(Source::Alb)),
            (br#"{"requestContext":{"domainName":"x.lambda-url.eu-west-2.on.aws"},"rawPath":"/"}"#, Some(Source::LambdaFunctionUrl)),
            (br#"{"raw_path":"/","method":"GET","headers":{}}"#, Some(Source::VpcLatticeV1)),
            (br#"{"version":"2.0","requestContext":{"serviceNetworkArn":"a","targetGroupArn":"b"}}"#, Some(Source::VpcLatticeV2)),
            (br#"{"token":"t","signatureVerified":false,"protocols":["mqtt"]}"#, Some(Source::IoTCustomAuthorizerRequest)),
            (br#"{"invocationSchemaVersion":"1.0","invocationId":"i","job":{"id":"j"},"tasks":[]}"#, Some(Source::S3BatchJob)),
            (br#"{"invocationSchemaVersion":"1.0","invocationId":"i","results":[]}"#, Some(Source::S3BatchJobResponse)),
            (br#"{"requestContext":{}"#, None),
            (br#"{"a":"unterminated}"#, None),
            (b"]", None),
            (b"", None),
            (br#"[1,2]"#, None),
        ];
        for (json, want) in CASES {
            assert_eq!(
                detect(json),
                *want,
                "{}",
                core::str::from_utf8(json).unwrap_or("?")
            );
        }
    }
}
