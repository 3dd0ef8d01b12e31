//! Which event source a JSON document comes from, found in one pass over its bytes.
//!
//! [`detect`] scans the document once, without decoding or allocating, noting the top-level
//! keys, the keys of `requestContext` and of the first of `Records`, and a few string values
//! (`source`, `eventSource`, `type`, `version`, `requestContext.domainName`). It then matches
//! those against each source's signature; the HTTP request shapes are told apart by the same
//! rule the `http` adapter's `from_slice` follows (`crate::shape`). Keys and values are read as
//! the typed decoders read them: unescaped, and a key whose value is `null` counts as absent.
//! Use it to route a function that receives several kinds of events, then decode the body with
//! the type [`Source`] names.

mod keys;
mod scan;

use keys::keys;
use scan::scan;

use crate::shape::{self, HttpShape};

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
    /// `lambda_url::LambdaFunctionUrlRequest` (a v2 request from a function URL domain,
    /// `<url-id>.lambda-url.<region>.on.aws`).
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

/// A first record's `eventSource` (or `EventSource`).
const RECORD_SOURCES: &[(&[u8], Source)] = &[
    (b"aws:sqs", Source::Sqs),
    (b"aws:sns", Source::Sns),
    (b"aws:s3", Source::S3),
    (b"aws:kinesis", Source::Kinesis),
    (b"aws:dynamodb", Source::DynamoDb),
    (b"aws:ses", Source::Ses),
    (b"aws:codecommit", Source::CodeCommit),
];

/// An EventBridge event's `source`, for the services with their own type.
const EVENTBRIDGE_SOURCES: &[(&[u8], Source)] = &[
    (b"aws.autoscaling", Source::AutoScaling),
    (b"aws.codebuild", Source::CodeBuild),
    (b"aws.codedeploy", Source::CodeDeploy),
    (b"aws.codepipeline", Source::CodePipeline),
    (b"aws.ecr", Source::Ecr),
];

/// A top-level `eventSource` (events without `Records`).
const EVENT_SOURCES: &[(&[u8], Source)] = &[
    (b"aws:kafka", Source::Kafka),
    (b"SelfManagedKafka", Source::Kafka),
    (b"aws:mq", Source::ActiveMq),
    (b"aws:rmq", Source::RabbitMq),
    (b"aws:docdb", Source::DocumentDb),
];

impl From<HttpShape> for Source {
    fn from(shape: HttpShape) -> Self {
        match shape {
            HttpShape::Alb => Self::Alb,
            HttpShape::VpcLatticeV2 => Self::VpcLatticeV2,
            HttpShape::VpcLatticeV1 => Self::VpcLatticeV1,
            HttpShape::ApiGatewayWebsocket => Self::ApiGatewayWebsocket,
            HttpShape::ApiGatewayHttp => Self::ApiGatewayHttp,
            HttpShape::LambdaFunctionUrl => Self::LambdaFunctionUrl,
            HttpShape::ApiGatewayRest => Self::ApiGatewayRest,
        }
    }
}

/// Works out which event source (or response type) `json` is, in one pass over its bytes.
///
/// Returns `None` for malformed JSON (unbalanced brackets or an unterminated string) and for
/// documents that match no known signature. This is a router, not a validator: decode with the
/// named type to validate.
///
/// Keys and values are read as the typed decoders read them: unescaped, and a key whose value
/// is `null` is absent. HTTP requests are told apart by the rule the `http` feature's
/// `http::from_slice` follows, so the two name the same shape.
pub fn detect(json: &[u8]) -> Option<Source> {
    let f = scan(json)?;
    let t = f.top;
    Some(if t.has(keys![b"Records"]) {
        let r = f.record;
        match f.record_source.pick(RECORD_SOURCES) {
            Some(source) => source,
            _ if r.has(keys![b"s3"]) => Source::S3,
            _ if r.has(keys![b"Sns"]) => Source::Sns,
            _ if r.has(keys![b"kinesis"]) => Source::Kinesis,
            _ if r.has(keys![b"dynamodb"]) => Source::DynamoDb,
            _ if r.has(keys![b"ses"]) => Source::Ses,
            _ if r.has(keys![b"codecommit"]) => Source::CodeCommit,
            _ => return None,
        }
    } else if t.has(keys![b"Messages"]) {
        Source::SqsApi
    } else if t.has(keys![b"batchItemFailures"]) {
        Source::BatchResponse
    } else if t.has(keys![b"invocationSchemaVersion", b"tasks"]) {
        Source::S3BatchJob
    } else if t.has(keys![b"treatMissingKeysAs"])
        || t.has(keys![b"invocationSchemaVersion", b"results"])
    {
        Source::S3BatchJobResponse
    } else if t.has(keys![b"awslogs"]) {
        Source::CloudWatchLogs
    } else if t.has(keys![b"CodePipeline.job"]) {
        Source::CodePipelineJob
    } else if t.has(keys![b"alarmData"]) {
        Source::CloudWatchAlarm
    } else if t.has(keys![b"detail-type", b"detail"]) {
        f.source
            .pick(EVENTBRIDGE_SOURCES)
            .unwrap_or(Source::EventBridge)
    } else if t.has(keys![b"triggerSource", b"userPoolId"]) {
        Source::CognitoUserPool
    } else if t.has(keys![b"datasetRecords"]) {
        Source::CognitoSync
    } else if t.has(keys![b"RequestType", b"LogicalResourceId"]) {
        Source::CloudFormationRequest
    } else if t.has(keys![b"Status", b"PhysicalResourceId"]) {
        Source::CloudFormationResponse
    } else if t.has(keys![b"PhysicalResourceId"]) || t.has(keys![b"NoEcho", b"Data"]) {
        Source::CloudFormationProviderResponse
    } else if t.has(keys![b"dynamodb"]) {
        Source::DynamoDbRecord
    } else if t.has(keys![b"eventVersion", b"userIdentity", b"eventName"]) {
        Source::CloudTrail
    } else if !f.event_source.is_empty() && !t.has(keys![b"requestContext"]) {
        f.event_source.pick(EVENT_SOURCES)?
    } else if t.has(keys![b"Step", b"SecretId"]) {
        Source::SecretsManager
    } else if t.has(keys![b"configRuleId"]) {
        Source::Config
    } else if t.has(keys![b"Details", b"Name"]) {
        Source::Connect
    } else if t.has(keys![b"connection-id"]) {
        Source::ClientVpn
    } else if t.has(keys![b"agent", b"actionGroup"]) {
        Source::BedrockAgent
    } else if t.has(keys![b"protocolData"]) || t.has(keys![b"token", b"signatureVerified"]) {
        Source::IoTCustomAuthorizerRequest
    } else if t.has(keys![b"isAuthenticated", b"policyDocuments"]) {
        Source::IoTCustomAuthorizerResponse
    } else if t.has(keys![b"deviceEvent"]) {
        Source::IoTOneClick
    } else if t.has(keys![b"serialNumber", b"clickType"]) {
        Source::IoTButton
    } else if t.has(keys![b"currentIntent"]) {
        Source::Lex
    } else if t.has(keys![b"dialogAction"]) {
        Source::LexResponse
    } else if t.has(keys![b"operation", b"payload"]) {
        Source::AppSyncResolverTemplate
    } else if t.has(keys![b"info"]) && (t.has(keys![b"arguments"]) || t.has(keys![b"identity"])) {
        Source::AppSyncDirectResolver
    } else if t.has(keys![b"isAuthorized"]) {
        Source::AppSyncAuthorizerResponse
    } else if t.has(keys![b"cognitoIdentityAuthType"]) || t.has(keys![b"accountId", b"userArn"]) {
        Source::AppSyncIamIdentity
    } else if t.has(keys![b"sub", b"issuer"]) {
        Source::AppSyncCognitoIdentity
    } else if t.has(keys![b"invocationId", b"deliveryStreamArn"]) {
        Source::Firehose
    } else if t.has(keys![b"records"]) {
        Source::FirehoseResponse
    } else if t.has(keys![b"xAmzRequestId"]) {
        Source::S3ObjectLambda
    } else if t.has(keys![b"DeploymentId", b"LifecycleEventHookExecutionId"]) {
        Source::CodeDeployLifecycle
    } else if t.has(keys![b"principalId", b"policyDocument"]) {
        Source::ApiGatewayAuthorizerResponse
    } else if f.kind.is(b"TOKEN") {
        Source::ApiGatewayAuthorizerToken
    } else if f.kind.is(b"REQUEST") {
        if t.has(keys![b"routeArn"]) {
            Source::ApiGatewayAuthorizerV2
        } else {
            Source::ApiGatewayAuthorizerRequest
        }
    } else if t.has(keys![b"authorizationToken", b"requestContext"]) {
        Source::AppSyncAuthorizerRequest
    } else if let Some(shape) = shape::classify(&f.http_marks()) {
        Source::from(shape)
    } else if t.has(keys![b"statusCode"]) {
        if t.has(keys![b"statusDescription"]) {
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
            // Keys and values are read unescaped, as the decoders read them.
            (br#"{"Records":[{"eventSource":"aws:s\u0071s"}]}"#, Some(Source::Sqs)),
            (br#"{"Rec\u006frds":[{"Ev\u0065ntSource":"aws:sns"}]}"#, Some(Source::Sns)),
            (br#"{"detail-type":"x","detail":{},"s\u006furce":"aws.ecr"}"#, Some(Source::Ecr)),
            (br#"{"version":"2\u002e0","httpMethod":"GET"}"#, Some(Source::ApiGatewayHttp)),
            (br#"{"version":"2.0\u0000","httpMethod":"GET"}"#, Some(Source::ApiGatewayRest)),
            (br#"{"type":"T\u004fKEN","authorizationToken":"a"}"#, Some(Source::ApiGatewayAuthorizerToken)),
            // A key whose value is `null` is absent.
            (br#"{"Records":null,"Messages":[]}"#, Some(Source::SqsApi)),
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
