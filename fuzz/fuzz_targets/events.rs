//! lambkin-events: source detection and typed decoding on arbitrary bytes, serde_json the oracle.
//!
//! Input: the invocation body, as is.
//!
//! Invariants:
//! - `detect` never panics; when it names a source, decoding with that source's type (every
//!   `Source` has one in `decode_as`) never panics either, and is checked as below;
//! - for the named type and for a fixed set of representative types (SQS, API Gateway REST and
//!   HTTP, S3, DynamoDB streams and attribute values) whatever `detect` says: core's in-place
//!   decode agrees with serde's decode of serde_json's `Value` of the same bytes (both fail,
//!   or both succeed with equal values, so every borrowed string is serde_json's unescaped
//!   text), core never accepts what serde_json rejects, and a decoded event re-encodes to the
//!   same JSON through core's encoder as through serde_json's (see `oracle::check`);
//! - the helpers on decoded events hold: base64 payloads decode into a buffer of
//!   `decoded_len_estimate` bytes, to what the base64 crate decodes; JSON carried in a string
//!   decodes like serde_json reads it; CloudWatch Logs payloads gunzip and decode as
//!   serde_json reads them; timestamps parse without panicking.
#![no_main]

use base64::Engine as _;
use lambkin_events::{self as ev, Map, Source, Value, dynamodb};
use lambkin_fuzz::oracle::{self, Oracle};

/// Decodes a copy of `data` as `$t`, checks it against the oracle, and runs `$then` on it.
macro_rules! check {
    ($data:expr, $oracle:expr, $t:ty) => {
        check!($data, $oracle, $t, |_v: &$t| {})
    };
    ($data:expr, $oracle:expr, $t:ty, $then:expr) => {{
        let mut buf = $data.to_vec();
        if let Some(v) = oracle::check::<$t>(stringify!($t), $data, &mut buf, $oracle) {
            #[allow(clippy::redundant_closure_call)]
            ($then)(&v);
        }
    }};
}

fn base64_payload(text: &str) {
    let mut out = vec![0u8; ev::decoded_len_estimate(text)];
    let ours = ev::decode_base64(text, &mut out);
    let theirs = base64::engine::general_purpose::STANDARD.decode(text);
    match (ours, theirs) {
        (Ok(a), Ok(b)) => assert_eq!(a, b.as_slice(), "base64 payload"),
        (Err(ev::Base64Error::Invalid), Err(_)) => {}
        (a, b) => panic!("base64 {text:?}: ours {a:?}, base64 crate {b:?}"),
    }
}

/// JSON inside a string (an SQS body, an SNS message): decodes like serde_json reads it.
fn json_in_string(text: &str) {
    let mut scratch = vec![0u8; text.len()];
    let ours = ev::decode_json_str::<Value<'_>>(text, &mut scratch);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert_eq!(&serde_json::to_value(a).unwrap(), b, "JSON in a string"),
        (Err(_), Err(_)) => {}
        (Ok(_), Err(_)) if oracle::serde_depth_exemption(text.as_bytes()) => {}
        (a, b) => panic!("JSON in a string {text:?}: ours {a:?}, serde_json {b:?}"),
    }
    let mut short = vec![0u8; text.len().saturating_sub(1)];
    if !text.is_empty() {
        assert!(ev::decode_json_str::<Value<'_>>(text, &mut short).is_err());
    }
}

fn cloudwatch_logs(e: &ev::cloudwatch_logs::LogsEvent<'_>) {
    let Ok(json) = e.awslogs.decompress() else {
        return;
    };
    let o = Oracle::new(&json);
    check!(&json[..], o.as_ref(), ev::cloudwatch_logs::LogsData<'_>);
}

/// Decodes with the type `detect` named (the list in `Source`'s docs).
fn decode_as(source: Source, data: &[u8], o: Option<&Oracle>) {
    use ev::{
        alb, apigw, appsync, bedrock_agent, clientvpn, cloudformation, cloudtrail,
        cloudwatch_alarms, codecommit, cognito, config, connect, documentdb, eventbridge as eb,
        firehose, iot, kafka, kinesis, lex, mq, s3, secretsmanager, ses, sns, sqs,
    };
    match source {
        Source::Alb => check!(data, o, alb::AlbTargetGroupRequest<'_>),
        Source::AlbResponse => check!(data, o, alb::AlbTargetGroupResponse<'_>),
        Source::ApiGatewayRest => check!(data, o, apigw::ApiGatewayProxyRequest<'_>),
        Source::ApiGatewayHttp | Source::LambdaFunctionUrl => {
            check!(data, o, apigw::ApiGatewayV2HttpRequest<'_>)
        }
        Source::ApiGatewayWebsocket => check!(data, o, apigw::ApiGatewayWebsocketProxyRequest<'_>),
        Source::ApiGatewayAuthorizerToken => {
            check!(data, o, apigw::ApiGatewayCustomAuthorizerRequest<'_>)
        }
        Source::ApiGatewayAuthorizerRequest => {
            check!(
                data,
                o,
                apigw::ApiGatewayCustomAuthorizerRequestTypeRequest<'_>
            )
        }
        Source::ApiGatewayAuthorizerV2 => {
            check!(data, o, apigw::ApiGatewayV2CustomAuthorizerV2Request<'_>)
        }
        Source::ApiGatewayAuthorizerResponse => {
            check!(data, o, apigw::ApiGatewayCustomAuthorizerResponse<'_>)
        }
        Source::ApiGatewayResponse => {
            check!(data, o, apigw::ApiGatewayProxyResponse<'_>);
            check!(data, o, apigw::ApiGatewayV2HttpResponse<'_>);
        }
        Source::AppSyncDirectResolver => check!(data, o, appsync::AppSyncDirectResolverEvent<'_>),
        Source::AppSyncResolverTemplate => check!(data, o, appsync::AppSyncResolverTemplate<'_>),
        Source::AppSyncIamIdentity => check!(data, o, appsync::AppSyncIamIdentity<'_>),
        Source::AppSyncCognitoIdentity => check!(data, o, appsync::AppSyncCognitoIdentity<'_>),
        Source::AppSyncAuthorizerRequest => {
            check!(data, o, appsync::AppSyncLambdaAuthorizerRequest<'_>)
        }
        Source::AppSyncAuthorizerResponse => {
            check!(data, o, appsync::AppSyncLambdaAuthorizerResponse<'_>)
        }
        Source::AutoScaling => check!(data, o, eb::autoscaling::AutoScalingEvent<'_>),
        Source::BedrockAgent => check!(data, o, bedrock_agent::AgentEvent<'_>),
        Source::ClientVpn => check!(data, o, clientvpn::ClientVpnConnectionHandlerRequest<'_>),
        Source::CloudFormationRequest => {
            check!(
                data,
                o,
                cloudformation::CloudFormationCustomResourceRequest<'_>
            )
        }
        Source::CloudFormationResponse => {
            check!(
                data,
                o,
                cloudformation::CloudFormationCustomResourceResponse<'_>
            )
        }
        Source::CloudFormationProviderResponse => {
            check!(
                data,
                o,
                cloudformation::CloudFormationCustomResourceProviderResponse<'_>
            )
        }
        Source::CloudTrail => check!(data, o, cloudtrail::CloudTrailEvent<'_>),
        Source::CloudWatchAlarm => check!(data, o, cloudwatch_alarms::CloudWatchAlarm<'_>),
        Source::CloudWatchLogs => {
            check!(data, o, ev::cloudwatch_logs::LogsEvent<'_>, cloudwatch_logs)
        }
        Source::CodeBuild => check!(data, o, eb::codebuild::CodeBuildEvent<'_>),
        Source::CodeCommit => check!(data, o, codecommit::CodeCommitEvent<'_>),
        Source::CodeDeploy => check!(data, o, eb::codedeploy::CodeDeployEvent<'_>),
        Source::CodeDeployLifecycle => {
            check!(data, o, eb::codedeploy::CodeDeployLifecycleEvent<'_>)
        }
        Source::CodePipeline => check!(data, o, eb::codepipeline::CodePipelineCloudWatchEvent<'_>),
        Source::CodePipelineJob => check!(data, o, eb::codepipeline::CodePipelineJobEvent<'_>),
        Source::CognitoUserPool => {
            // The envelope with free-form request and response, then the trigger's own type.
            type Any<'a> = cognito::CognitoUserPoolEvent<'a, Value<'a>, Value<'a>>;
            check!(data, o, Any<'_>);
            check!(data, o, cognito::PreTokenGenV2Event<'_>);
            check!(data, o, cognito::DefineAuthChallengeEvent<'_>);
        }
        Source::CognitoSync => check!(data, o, cognito::CognitoSyncEvent<'_>),
        Source::Config => check!(
            data,
            o,
            config::ConfigEvent<'_>,
            |e: &config::ConfigEvent<'_>| json_in_string(e.invoking_event)
        ),
        Source::Connect => check!(data, o, connect::ConnectEvent<'_>),
        Source::DocumentDb => check!(data, o, documentdb::DocumentDbEvent<'_>),
        Source::DynamoDb => check!(data, o, dynamodb::DynamoDbEvent<'_>),
        Source::DynamoDbRecord => check!(data, o, dynamodb::DynamoDbRecord<'_>),
        Source::Ecr => check!(data, o, eb::ecr::EcrScanEvent<'_>),
        Source::EventBridge => check!(data, o, eb::CloudWatchEvent<'_>),
        Source::Firehose => check!(
            data,
            o,
            firehose::FirehoseEvent<'_>,
            |e: &firehose::FirehoseEvent<'_>| {
                e.records.iter().for_each(|r| base64_payload(r.data));
            }
        ),
        Source::FirehoseResponse => check!(data, o, firehose::FirehoseResponse<'_>),
        Source::IoTCustomAuthorizerRequest => check!(data, o, iot::IoTCustomAuthorizerRequest<'_>),
        Source::IoTCustomAuthorizerResponse => {
            check!(data, o, iot::IoTCustomAuthorizerResponse<'_>)
        }
        Source::IoTOneClick => check!(data, o, iot::IoTOneClickEvent<'_>),
        Source::IoTButton => check!(data, o, iot::IoTButtonEvent<'_>),
        Source::Kafka => check!(data, o, kafka::KafkaEvent<'_>),
        Source::Kinesis => check!(
            data,
            o,
            kinesis::KinesisEvent<'_>,
            |e: &kinesis::KinesisEvent<'_>| {
                e.records
                    .iter()
                    .for_each(|r| base64_payload(r.kinesis.data));
            }
        ),
        Source::Lex => check!(data, o, lex::LexEvent<'_>),
        Source::LexResponse => check!(data, o, lex::LexResponse<'_>),
        Source::ActiveMq => check!(data, o, mq::ActiveMqEvent<'_>),
        Source::RabbitMq => check!(data, o, mq::RabbitMqEvent<'_>),
        Source::S3 => check!(data, o, s3::S3Event<'_>),
        Source::S3ObjectLambda => check!(data, o, s3::S3ObjectLambdaEvent<'_>),
        Source::S3BatchJob => check!(data, o, s3::S3BatchJobEvent<'_>),
        Source::S3BatchJobResponse => check!(data, o, s3::S3BatchJobResponse<'_>),
        Source::SecretsManager => {
            check!(
                data,
                o,
                secretsmanager::SecretsManagerSecretRotationEvent<'_>
            )
        }
        Source::Ses => check!(data, o, ses::SimpleEmailEvent<'_>),
        Source::Sns => check!(data, o, sns::SnsEvent<'_>, |e: &sns::SnsEvent<'_>| {
            e.records.iter().for_each(|r| json_in_string(r.sns.message));
        }),
        Source::Sqs => check!(data, o, sqs::SqsEvent<'_>),
        Source::SqsApi => check!(data, o, sqs::SqsApiEvent<'_>),
        Source::BatchResponse => check!(data, o, ev::BatchResponse<'_>),
        Source::ChimeBot => check!(data, o, ev::chime_bot::ChimeBotEvent<'_>),
        Source::CognitoCustomEmailSender => check!(data, o, cognito::CustomEmailSenderEvent<'_>),
        Source::CognitoCustomSmsSender => check!(data, o, cognito::CustomSmsSenderEvent<'_>),
        Source::DynamoDbTimeWindow => check!(data, o, dynamodb::DynamoDbTimeWindowEvent<'_>),
        Source::EcrImageAction => {
            check!(data, o, eb::ecr_image_action::EcrImageActionEvent<'_>)
        }
        Source::Ec2InstanceStateChange => check!(data, o, eb::ec2::Ec2InstanceStateChangeEvent<'_>),
        Source::EcsContainerInstance => check!(data, o, eb::ecs::EcsContainerInstanceEvent<'_>),
        // One source, a type per `detail-type`: each is checked, whichever it is.
        Source::Emr => {
            check!(data, o, eb::emr::EmrAutoScalingPolicyEvent<'_>);
            check!(data, o, eb::emr::EmrClusterStateEvent<'_>);
            check!(data, o, eb::emr::EmrInstanceGroupEvent<'_>);
            check!(data, o, eb::emr::EmrStepStatusEvent<'_>);
        }
        Source::GameLift => {
            use eb::gamelift as g;
            check!(data, o, g::MatchmakingSearchingEvent<'_>);
            check!(data, o, g::PotentialMatchCreatedEvent<'_>);
            check!(data, o, g::AcceptMatchEvent<'_>);
            check!(data, o, g::AcceptMatchCompletedEvent<'_>);
            check!(data, o, g::MatchmakingSucceededEvent<'_>);
            check!(data, o, g::MatchmakingTimedOutEvent<'_>);
            check!(data, o, g::MatchmakingCancelledEvent<'_>);
            check!(data, o, g::MatchmakingFailedEvent<'_>);
        }
        Source::Glue => {
            check!(data, o, eb::glue::GlueJobRunStateChangeEvent<'_>);
            check!(data, o, eb::glue::GlueJobRunStatusEvent<'_>);
            check!(data, o, eb::glue::GlueCrawlerStartedEvent<'_>);
            check!(data, o, eb::glue::GlueCrawlerSucceededEvent<'_>);
            check!(data, o, eb::glue::GlueCrawlerFailedEvent<'_>);
            check!(data, o, eb::glue::GlueDataCatalogTableEvent<'_>);
            check!(data, o, eb::glue::GlueDataCatalogDatabaseEvent<'_>);
        }
        Source::Ssm => {
            use eb::ssm;
            check!(data, o, ssm::SsmAutomationStepEvent<'_>);
            check!(data, o, ssm::SsmAutomationExecutionEvent<'_>);
            check!(data, o, ssm::SsmComplianceEvent<'_>);
            check!(data, o, ssm::SsmMaintenanceWindowTargetEvent<'_>);
            check!(data, o, ssm::SsmMaintenanceWindowExecutionEvent<'_>);
            check!(data, o, ssm::SsmMaintenanceWindowTaskEvent<'_>);
            check!(data, o, ssm::SsmMaintenanceWindowTaskTargetEvent<'_>);
            check!(data, o, ssm::SsmMaintenanceWindowEvent<'_>);
            check!(data, o, ssm::SsmParameterStoreEvent<'_>);
            check!(data, o, ssm::SsmCommandEvent<'_>);
            check!(data, o, ssm::SsmCommandInvocationEvent<'_>);
            check!(data, o, ssm::SsmAssociationEvent<'_>);
            check!(data, o, ssm::SsmInstanceAssociationEvent<'_>);
        }
        Source::OpsWorks => {
            check!(data, o, eb::opsworks::OpsWorksInstanceEvent<'_>);
            check!(data, o, eb::opsworks::OpsWorksCommandEvent<'_>);
            check!(data, o, eb::opsworks::OpsWorksDeploymentEvent<'_>);
            check!(data, o, eb::opsworks::OpsWorksAlertEvent<'_>);
        }
        Source::Health => check!(data, o, eb::health::HealthEvent<'_>),
        Source::Kms => check!(data, o, eb::kms::KmsKeyEvent<'_>),
        Source::ServerMigration => {
            check!(data, o, eb::server_migration::ServerMigrationEvent<'_>)
        }
        Source::SignIn => check!(data, o, eb::signin::SignInEvent<'_>),
        Source::TagChange => check!(data, o, eb::tag::TagChangeEvent<'_>),
        Source::TrustedAdvisor => check!(data, o, eb::trusted_advisor::TrustedAdvisorEvent<'_>),
        Source::IoTCustomAuthorizerRequestDeprecated => {
            check!(data, o, ev::iot_deprecated::IoTCustomAuthorizerRequest<'_>)
        }
        Source::IoTPreProvisionHookRequest => {
            check!(
                data,
                o,
                ev::iot_preprovision_hook::IoTPreProvisionHookRequest<'_>
            )
        }
        Source::IoTPreProvisionHookResponse => {
            check!(
                data,
                o,
                ev::iot_preprovision_hook::IoTPreProvisionHookResponse<'_>
            )
        }
        Source::SelfManagedKafka => check!(data, o, kafka::SelfManagedKafkaEvent<'_>),
        Source::KinesisTimeWindow => check!(data, o, kinesis::KinesisTimeWindowEvent<'_>),
        Source::KinesisAnalyticsOutputDelivery => {
            check!(
                data,
                o,
                ev::kinesis_analytics::KinesisAnalyticsOutputDeliveryEvent<'_>
            )
        }
        Source::TimeWindowResponse => check!(data, o, ev::TimeWindowResponse<'_>),
        Source::VpcLatticeV1 => check!(data, o, ev::vpc_lattice::VpcLatticeRequestV1<'_>),
        Source::VpcLatticeV2 => check!(data, o, ev::vpc_lattice::VpcLatticeRequestV2<'_>),
        // `Source` is `#[non_exhaustive]`, so this arm cannot be left out: a source added
        // without a type here fails as soon as `detect` names it.
        other => panic!("decode_as: no type for {other:?}"),
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let detected = ev::detect(data);
    let o = Oracle::new(data);
    let o = o.as_ref();
    if let Some(source) = detected {
        decode_as(source, data, o);
    }

    // The representative sources, whatever `detect` said.
    check!(data, o, ev::sqs::SqsEvent<'_>, |e: &ev::sqs::SqsEvent<
        '_,
    >| {
        e.records
            .iter()
            .filter_map(|r| r.body)
            .for_each(json_in_string);
    });
    check!(data, o, ev::apigw::ApiGatewayProxyRequest<'_>);
    check!(data, o, ev::apigw::ApiGatewayV2HttpRequest<'_>);
    check!(data, o, ev::s3::S3Event<'_>, |e: &ev::s3::S3Event<'_>| {
        e.records.iter().for_each(|r| {
            let _ = r.event_time.unix_millis();
        });
    });
    check!(data, o, dynamodb::DynamoDbEvent<'_>);
    check!(data, o, Map<'_, dynamodb::AttributeValue<'_>>);
});
