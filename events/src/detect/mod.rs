//! Which event source a JSON document comes from, found in one pass over its bytes.
//!
//! [`detect`] scans the document once, without decoding or allocating, noting the top-level
//! keys, the keys of `requestContext` and of the first of `Records`, and a few string values
//! (`source`, `detail-type`, `eventSource`, `triggerSource`, `type`, `version`,
//! `requestContext.domainName`). It then walks an
//! ordered table of signatures (`rules::RULES`: each a few conditions on those, and the source
//! they name; the first that holds wins, and the shapes that overlap are settled by order and
//! documented there); the HTTP request shapes are told apart by the same rule the `http`
//! adapter's `from_slice` follows (`crate::shape`). Keys and values are read as
//! the typed decoders read them: unescaped, and a key whose value is `null` counts as absent.
//! Use it to route a function that receives several kinds of events, then decode the body with
//! the type [`Source`] names.

mod keys;
mod rules;
mod scan;

use scan::scan;

use crate::shape::HttpShape;

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
    /// `chime_bot::ChimeBotEvent`.
    ChimeBot,
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
    /// `cognito::CustomEmailSenderEvent` (`triggerSource` `CustomEmailSender_*`).
    CognitoCustomEmailSender,
    /// `cognito::CustomSmsSenderEvent` (`triggerSource` `CustomSMSSender_*`).
    CognitoCustomSmsSender,
    /// `config::ConfigEvent`.
    Config,
    /// `connect::ConnectEvent`.
    Connect,
    /// `documentdb::DocumentDbEvent`.
    DocumentDb,
    /// `dynamodb::DynamoDbEvent`.
    DynamoDb,
    /// `dynamodb::DynamoDbTimeWindowEvent` (a batch with a tumbling `window`).
    DynamoDbTimeWindow,
    /// `dynamodb::DynamoDbRecord` (one record, as Kinesis-routed tables deliver).
    DynamoDbRecord,
    /// `eventbridge::ecr::EcrScanEvent`.
    Ecr,
    /// `eventbridge::ecr_image_action::EcrImageActionEvent` (`aws.ecr`, `ECR Image Action`).
    EcrImageAction,
    /// `eventbridge::ec2::Ec2InstanceStateChangeEvent`.
    Ec2InstanceStateChange,
    /// `eventbridge::ecs::EcsContainerInstanceEvent`.
    EcsContainerInstance,
    /// `eventbridge::emr`: the type for its `detail-type` (`EmrClusterStateEvent`, …).
    Emr,
    /// `eventbridge::gamelift`: the type for its `detail.type` (`MatchmakingSearchingEvent`, …).
    GameLift,
    /// `eventbridge::glue`: the type for its `detail-type` (`GlueJobRunStateChangeEvent`, …; a
    /// crawler's also for its `detail.state`).
    Glue,
    /// `eventbridge::opsworks`: the type for its `detail-type` (`OpsWorksInstanceEvent`, …).
    OpsWorks,
    /// `eventbridge::health::HealthEvent`.
    Health,
    /// `eventbridge::kms::KmsKeyEvent`.
    Kms,
    /// `eventbridge::server_migration::ServerMigrationEvent`.
    ServerMigration,
    /// `eventbridge::ssm`: the type for its `detail-type` (`SsmParameterStoreEvent`, …).
    Ssm,
    /// `eventbridge::signin::SignInEvent`.
    SignIn,
    /// `eventbridge::tag::TagChangeEvent`.
    TagChange,
    /// `eventbridge::trusted_advisor::TrustedAdvisorEvent`.
    TrustedAdvisor,
    /// `eventbridge::CloudWatchEvent` (any other EventBridge event).
    EventBridge,
    /// `firehose::FirehoseEvent`.
    Firehose,
    /// `firehose::FirehoseResponse`.
    FirehoseResponse,
    /// `iot::IoTCustomAuthorizerRequest`.
    IoTCustomAuthorizerRequest,
    /// `iot_deprecated::IoTCustomAuthorizerRequest` (the first request format).
    IoTCustomAuthorizerRequestDeprecated,
    /// `iot::IoTCustomAuthorizerResponse`.
    IoTCustomAuthorizerResponse,
    /// `iot::IoTOneClickEvent`.
    IoTOneClick,
    /// `iot::IoTButtonEvent`.
    IoTButton,
    /// `iot_preprovision_hook::IoTPreProvisionHookRequest`.
    IoTPreProvisionHookRequest,
    /// `iot_preprovision_hook::IoTPreProvisionHookResponse`.
    IoTPreProvisionHookResponse,
    /// `kafka::KafkaEvent` (Amazon MSK).
    Kafka,
    /// `kafka::SelfManagedKafkaEvent` (`eventSource` `SelfManagedKafka`; the same type).
    SelfManagedKafka,
    /// `kinesis::KinesisEvent`.
    Kinesis,
    /// `kinesis::KinesisTimeWindowEvent` (a batch with a tumbling `window`).
    KinesisTimeWindow,
    /// `kinesis_analytics::KinesisAnalyticsOutputDeliveryEvent`. Its response has a Firehose
    /// response's shape and is detected as [`Source::FirehoseResponse`].
    KinesisAnalyticsOutputDelivery,
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
    /// `TimeWindowResponse` (`state` beside `batchItemFailures`).
    TimeWindowResponse,
    /// `vpc_lattice::VpcLatticeRequestV1`.
    VpcLatticeV1,
    /// `vpc_lattice::VpcLatticeRequestV2`.
    VpcLatticeV2,
}

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
    rules::apply(&scan(json)?)
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
