//! Reads one JSON file, detects its event source in one pass, decodes it with that type, and
//! prints the source and a short summary. Exits non-zero when it cannot.
//!
//! `tests/decode_example.rs` includes this file as a module and calls `run`.
//!
//! `cargo run -p lambkin-events --features all --example decode -- event.json`

use core::fmt::Debug;
use std::ffi::OsStr;
use std::io::Write;
use std::process::ExitCode;

use lambkin_core::json::{DecodeError, from_slice};
use lambkin_events::{self as ev, Source, detect};

/// The first `max` characters of `value`'s `Debug` form.
fn summary<T: Debug>(value: &T, max: usize) -> String {
    let text = format!("{value:?}");
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

/// Decodes `body` as the type for `source` and summarizes it.
fn decode(source: Source, body: &mut [u8]) -> Result<String, DecodeError> {
    use ev::{apigw as gw, eventbridge as eb};
    fn s<T: Debug>(v: T) -> String {
        summary(&v, 240)
    }
    Ok(match source {
        Source::Alb => s(from_slice::<ev::alb::AlbTargetGroupRequest<'_>>(body)?),
        Source::AlbResponse => s(from_slice::<ev::alb::AlbTargetGroupResponse<'_>>(body)?),
        Source::ApiGatewayRest => s(from_slice::<gw::ApiGatewayProxyRequest<'_>>(body)?),
        Source::ApiGatewayHttp => s(from_slice::<gw::ApiGatewayV2HttpRequest<'_>>(body)?),
        Source::LambdaFunctionUrl => s(from_slice::<ev::lambda_url::LambdaFunctionUrlRequest<'_>>(
            body,
        )?),
        Source::ApiGatewayWebsocket => {
            s(from_slice::<gw::ApiGatewayWebsocketProxyRequest<'_>>(body)?)
        }
        Source::ApiGatewayAuthorizerToken => s(from_slice::<
            gw::ApiGatewayCustomAuthorizerRequest<'_>,
        >(body)?),
        Source::ApiGatewayAuthorizerRequest => s(from_slice::<
            gw::ApiGatewayCustomAuthorizerRequestTypeRequest<'_>,
        >(body)?),
        Source::ApiGatewayAuthorizerV2 => s(from_slice::<
            gw::ApiGatewayV2CustomAuthorizerV2Request<'_>,
        >(body)?),
        Source::ApiGatewayAuthorizerResponse => s(from_slice::<
            gw::ApiGatewayCustomAuthorizerResponse<'_>,
        >(body)?),
        Source::ApiGatewayResponse => s(from_slice::<gw::ApiGatewayProxyResponse<'_>>(body)?),
        Source::AppSyncDirectResolver => s(from_slice::<
            ev::appsync::AppSyncDirectResolverEvent<'_>,
        >(body)?),
        Source::AppSyncResolverTemplate => s(
            from_slice::<ev::appsync::AppSyncResolverTemplate<'_>>(body)?,
        ),
        Source::AppSyncIamIdentity => s(from_slice::<ev::appsync::AppSyncIamIdentity<'_>>(body)?),
        Source::AppSyncCognitoIdentity => {
            s(from_slice::<ev::appsync::AppSyncCognitoIdentity<'_>>(body)?)
        }
        Source::AppSyncAuthorizerRequest => {
            s(from_slice::<ev::appsync::AppSyncLambdaAuthorizerRequest<'_>>(body)?)
        }
        Source::AppSyncAuthorizerResponse => s(from_slice::<
            ev::appsync::AppSyncLambdaAuthorizerResponse<'_>,
        >(body)?),
        Source::AutoScaling => s(from_slice::<eb::autoscaling::AutoScalingEvent<'_>>(body)?),
        Source::BedrockAgent => s(from_slice::<ev::bedrock_agent::AgentEvent<'_>>(body)?),
        Source::ClientVpn => s(from_slice::<
            ev::clientvpn::ClientVpnConnectionHandlerRequest<'_>,
        >(body)?),
        Source::CloudFormationRequest => s(from_slice::<
            ev::cloudformation::CloudFormationCustomResourceRequest<'_>,
        >(body)?),
        Source::CloudFormationResponse => s(from_slice::<
            ev::cloudformation::CloudFormationCustomResourceResponse<'_>,
        >(body)?),
        Source::CloudFormationProviderResponse => s(from_slice::<
            ev::cloudformation::CloudFormationCustomResourceProviderResponse<'_>,
        >(body)?),
        Source::CloudTrail => s(from_slice::<ev::cloudtrail::CloudTrailEvent<'_>>(body)?),
        Source::CloudWatchAlarm => s(from_slice::<ev::cloudwatch_alarms::CloudWatchAlarm<'_>>(
            body,
        )?),
        Source::CloudWatchLogs => s(from_slice::<ev::cloudwatch_logs::LogsEvent<'_>>(body)?),
        Source::CodeBuild => s(from_slice::<eb::codebuild::CodeBuildEvent<'_>>(body)?),
        Source::CodeCommit => s(from_slice::<ev::codecommit::CodeCommitEvent<'_>>(body)?),
        Source::CodeDeploy => s(from_slice::<eb::codedeploy::CodeDeployEvent<'_>>(body)?),
        Source::CodeDeployLifecycle => s(
            from_slice::<eb::codedeploy::CodeDeployLifecycleEvent<'_>>(body)?,
        ),
        Source::CodePipeline => s(from_slice::<
            eb::codepipeline::CodePipelineCloudWatchEvent<'_>,
        >(body)?),
        Source::CodePipelineJob => s(from_slice::<eb::codepipeline::CodePipelineJobEvent<'_>>(
            body,
        )?),
        Source::CognitoUserPool => s(from_slice::<
            ev::cognito::CognitoUserPoolEvent<'_, ev::Value<'_>, ev::Value<'_>>,
        >(body)?),
        Source::CognitoSync => s(from_slice::<ev::cognito::CognitoSyncEvent<'_>>(body)?),
        Source::Config => s(from_slice::<ev::config::ConfigEvent<'_>>(body)?),
        Source::Connect => s(from_slice::<ev::connect::ConnectEvent<'_>>(body)?),
        Source::DocumentDb => s(from_slice::<ev::documentdb::DocumentDbEvent<'_>>(body)?),
        Source::DynamoDb => s(from_slice::<ev::dynamodb::DynamoDbEvent<'_>>(body)?),
        Source::DynamoDbRecord => s(from_slice::<ev::dynamodb::DynamoDbRecord<'_>>(body)?),
        Source::Ecr => s(from_slice::<eb::ecr::EcrScanEvent<'_>>(body)?),
        Source::EventBridge => s(from_slice::<eb::CloudWatchEvent<'_>>(body)?),
        Source::Firehose => s(from_slice::<ev::firehose::FirehoseEvent<'_>>(body)?),
        Source::FirehoseResponse => s(from_slice::<ev::firehose::FirehoseResponse<'_>>(body)?),
        Source::IoTCustomAuthorizerRequest => {
            s(from_slice::<ev::iot::IoTCustomAuthorizerRequest<'_>>(body)?)
        }
        Source::IoTCustomAuthorizerResponse => s(from_slice::<
            ev::iot::IoTCustomAuthorizerResponse<'_>,
        >(body)?),
        Source::IoTOneClick => s(from_slice::<ev::iot::IoTOneClickEvent<'_>>(body)?),
        Source::IoTButton => s(from_slice::<ev::iot::IoTButtonEvent<'_>>(body)?),
        Source::Kafka => s(from_slice::<ev::kafka::KafkaEvent<'_>>(body)?),
        Source::Kinesis => s(from_slice::<ev::kinesis::KinesisEvent<'_>>(body)?),
        Source::Lex => s(from_slice::<ev::lex::LexEvent<'_>>(body)?),
        Source::LexResponse => s(from_slice::<ev::lex::LexResponse<'_>>(body)?),
        Source::ActiveMq => s(from_slice::<ev::mq::ActiveMqEvent<'_>>(body)?),
        Source::RabbitMq => s(from_slice::<ev::mq::RabbitMqEvent<'_>>(body)?),
        Source::S3 => s(from_slice::<ev::s3::S3Event<'_>>(body)?),
        Source::S3ObjectLambda => s(from_slice::<ev::s3::S3ObjectLambdaEvent<'_>>(body)?),
        Source::S3BatchJob => s(from_slice::<ev::s3::S3BatchJobEvent<'_>>(body)?),
        Source::S3BatchJobResponse => s(from_slice::<ev::s3::S3BatchJobResponse<'_>>(body)?),
        Source::SecretsManager => s(from_slice::<
            ev::secretsmanager::SecretsManagerSecretRotationEvent<'_>,
        >(body)?),
        Source::Ses => s(from_slice::<ev::ses::SimpleEmailEvent<'_>>(body)?),
        Source::Sns => s(from_slice::<ev::sns::SnsEvent<'_>>(body)?),
        Source::Sqs => s(from_slice::<ev::sqs::SqsEvent<'_>>(body)?),
        Source::SqsApi => s(from_slice::<ev::sqs::SqsApiEvent<'_>>(body)?),
        Source::BatchResponse => s(from_slice::<ev::BatchResponse<'_>>(body)?),
        Source::VpcLatticeV1 => s(from_slice::<ev::vpc_lattice::VpcLatticeRequestV1<'_>>(
            body,
        )?),
        Source::VpcLatticeV2 => s(from_slice::<ev::vpc_lattice::VpcLatticeRequestV2<'_>>(
            body,
        )?),
        _ => String::from("(no decoder in this example)"),
    })
}

/// Runs the example on `path` (`None`: no argument), printing to `out` and `err`; returns the
/// exit status: 0 decoded, 1 not an event or not decodable, 2 usage or unreadable file.
///
/// Output that cannot be written is dropped: the status still tells what happened.
pub(crate) fn run(path: Option<&OsStr>, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(path) = path else {
        let _ = writeln!(err, "usage: decode FILE.json");
        return 2;
    };
    let name = path.to_string_lossy();
    let mut body = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(err, "{name}: {e}");
            return 2;
        }
    };
    let Some(source) = detect(&body) else {
        let _ = writeln!(err, "{name}: not a known event source");
        return 1;
    };
    match decode(source, &mut body) {
        Ok(summary) => {
            let _ = writeln!(out, "{source:?}: {summary}");
            0
        }
        Err(e) => {
            let _ = writeln!(err, "{name}: detected {source:?} but could not decode: {e}");
            1
        }
    }
}

fn main() -> ExitCode {
    let path = std::env::args_os().nth(1);
    let status = run(
        path.as_deref(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(status)
}
