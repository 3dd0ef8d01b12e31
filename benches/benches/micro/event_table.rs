//! Fixture file → decoder on each side, shared by the micro benchmark (`events.rs`) and the test
//! that checks both sides decode every fixture (`tests/event_table.rs`).

use ::aws_lambda_events as aws;
use lambkin_core::json::from_slice;
use lambkin_events as ev;
use serde::Deserialize;

/// Decodes the fixture in place with lambkin-events and drops the event.
pub type Ours = fn(&mut [u8]) -> Result<(), String>;
/// Decodes the fixture with `aws_lambda_events` + serde_json and drops the event.
pub type Theirs = fn(&[u8]) -> Result<(), String>;

fn ours<'a, T: Deserialize<'a>>(bytes: &'a mut [u8]) -> Result<(), String> {
    let event: T = from_slice(bytes).map_err(|e| format!("{e:?}"))?;
    core::hint::black_box(&event);
    Ok(())
}

fn theirs<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<(), String> {
    let event: T = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    core::hint::black_box(&event);
    Ok(())
}

/// CloudWatch Logs: also gunzips `awslogs.data` and decodes the log events, as
/// `aws_lambda_events` does while deserializing.
fn logs(bytes: &mut [u8]) -> Result<(), String> {
    let event: ev::cloudwatch_logs::LogsEvent<'_> =
        from_slice(bytes).map_err(|e| format!("{e:?}"))?;
    let mut json = event.awslogs.decompress().map_err(|e| format!("{e:?}"))?;
    ours::<ev::cloudwatch_logs::LogsData<'_>>(&mut json)
}

/// By fixture file; the type on each side is the one each crate's own tests decode it with.
#[rustfmt::skip]
pub const DECODERS: &[(&str, Ours, Theirs)] = &[
    ("example-sqs-event.json", |b| ours::<ev::sqs::SqsEvent<'_>>(b), |b| theirs::<aws::sqs::SqsEvent>(b)),
    ("example-sns-event.json", |b| ours::<ev::sns::SnsEvent<'_>>(b), |b| theirs::<aws::sns::SnsEvent>(b)),
    ("example-s3-event.json", |b| ours::<ev::s3::S3Event<'_>>(b), |b| theirs::<aws::s3::S3Event>(b)),
    ("example-apigw-request.json", |b| ours::<ev::apigw::ApiGatewayProxyRequest<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayProxyRequest>(b)),
    ("example-apigw-v2-request-jwt-authorizer.json", |b| ours::<ev::apigw::ApiGatewayV2HttpRequest<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayV2httpRequest>(b)),
    ("example-alb-lambda-target-request-multivalue-headers.json", |b| ours::<ev::alb::AlbTargetGroupRequest<'_>>(b), |b| theirs::<aws::alb::AlbTargetGroupRequest>(b)),
    ("example-dynamodb-event.json", |b| ours::<ev::dynamodb::DynamoDbEvent<'_>>(b), |b| theirs::<aws::dynamodb::Event>(b)),
    ("example-kinesis-event.json", |b| ours::<ev::kinesis::KinesisEvent<'_>>(b), |b| theirs::<aws::kinesis::KinesisEvent>(b)),
    ("example-eventbridge-event-obj.json", |b| ours::<ev::eventbridge::CloudWatchEvent<'_>>(b), |b| theirs::<aws::eventbridge::EventBridgeEvent>(b)),
    ("example-cloudwatch_logs-event.json", logs, |b| theirs::<aws::cloudwatch_logs::LogsEvent>(b)),
    ("example-cognito-event-userpools-pretokengen.json", |b| ours::<ev::cognito::PreTokenGenEvent<'_>>(b), |b| theirs::<aws::cognito::CognitoEventUserPoolsPreTokenGen>(b)),
    ("example-kafka-event.json", |b| ours::<ev::kafka::KafkaEvent<'_>>(b), |b| theirs::<aws::kafka::KafkaEvent>(b)),
    ("example-activemq-event.json", |b| ours::<ev::mq::ActiveMqEvent<'_>>(b), |b| theirs::<aws::activemq::ActiveMqEvent>(b)),
    ("example-alb-lambda-target-request-headers-only.json", |b| ours::<ev::alb::AlbTargetGroupRequest<'_>>(b), |b| theirs::<aws::alb::AlbTargetGroupRequest>(b)),
    ("example-alb-lambda-target-response.json", |b| ours::<ev::alb::AlbTargetGroupResponse<'_>>(b), |b| theirs::<aws::alb::AlbTargetGroupResponse>(b)),
    ("example-apigw-console-request.json", |b| ours::<ev::apigw::ApiGatewayProxyRequest<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayProxyRequest>(b)),
    ("example-apigw-console-test-request.json", |b| ours::<ev::apigw::ApiGatewayProxyRequest<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayProxyRequest>(b)),
    ("example-apigw-custom-auth-request-type-request.json", |b| ours::<ev::apigw::ApiGatewayCustomAuthorizerRequestTypeRequest<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayCustomAuthorizerRequestTypeRequest>(b)),
    ("example-apigw-custom-auth-request.json", |b| ours::<ev::apigw::ApiGatewayCustomAuthorizerRequest<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayCustomAuthorizerRequest>(b)),
    ("example-apigw-custom-auth-response-with-condition.json", |b| ours::<ev::apigw::ApiGatewayCustomAuthorizerResponse<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayCustomAuthorizerResponse>(b)),
    ("example-apigw-custom-auth-response-with-single-value-action.json", |b| ours::<ev::apigw::ApiGatewayCustomAuthorizerResponse<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayCustomAuthorizerResponse>(b)),
    ("example-apigw-custom-auth-response-with-single-value-resource.json", |b| ours::<ev::apigw::ApiGatewayCustomAuthorizerResponse<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayCustomAuthorizerResponse>(b)),
    ("example-apigw-custom-auth-response.json", |b| ours::<ev::apigw::ApiGatewayCustomAuthorizerResponse<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayCustomAuthorizerResponse>(b)),
    ("example-apigw-request-catch-all.json", |b| ours::<ev::apigw::ApiGatewayProxyRequest<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayProxyRequest>(b)),
    ("example-apigw-request-multi-value-parameters.json", |b| ours::<ev::apigw::ApiGatewayProxyRequest<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayProxyRequest>(b)),
    ("example-apigw-response.json", |b| ours::<ev::apigw::ApiGatewayProxyResponse<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayProxyResponse>(b)),
    ("example-apigw-restapi-openapi-request.json", |b| ours::<ev::apigw::ApiGatewayProxyRequest<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayProxyRequest>(b)),
    ("example-apigw-sam-http-request.json", |b| ours::<ev::apigw::ApiGatewayV2HttpRequest<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayV2httpRequest>(b)),
    ("example-apigw-sam-rest-request.json", |b| ours::<ev::apigw::ApiGatewayProxyRequest<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayProxyRequest>(b)),
    ("example-apigw-v2-custom-authorizer-v1-request.json", |b| ours::<ev::apigw::ApiGatewayCustomAuthorizerRequestTypeRequest<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayCustomAuthorizerRequestTypeRequest>(b)),
    ("example-apigw-v2-custom-authorizer-v2-request-without-cookies.json", |b| ours::<ev::apigw::ApiGatewayV2CustomAuthorizerV2Request<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayV2CustomAuthorizerV2Request>(b)),
    ("example-apigw-v2-custom-authorizer-v2-request-without-identity-source.json", |b| ours::<ev::apigw::ApiGatewayV2CustomAuthorizerV2Request<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayV2CustomAuthorizerV2Request>(b)),
    ("example-apigw-v2-custom-authorizer-v2-request.json", |b| ours::<ev::apigw::ApiGatewayV2CustomAuthorizerV2Request<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayV2CustomAuthorizerV2Request>(b)),
    ("example-apigw-v2-custom-authorizer-websocket-request.json", |b| ours::<ev::apigw::ApiGatewayCustomAuthorizerRequestTypeRequest<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayCustomAuthorizerRequestTypeRequest>(b)),
    ("example-apigw-v2-request-iam.json", |b| ours::<ev::apigw::ApiGatewayV2HttpRequest<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayV2httpRequest>(b)),
    ("example-apigw-v2-request-lambda-authorizer.json", |b| ours::<ev::apigw::ApiGatewayV2HttpRequest<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayV2httpRequest>(b)),
    ("example-apigw-v2-request-multi-value-parameters.json", |b| ours::<ev::apigw::ApiGatewayV2HttpRequest<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayV2httpRequest>(b)),
    ("example-apigw-v2-request-no-authorizer.json", |b| ours::<ev::apigw::ApiGatewayV2HttpRequest<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayV2httpRequest>(b)),
    ("example-apigw-websocket-request-disconnect-route.json", |b| ours::<ev::apigw::ApiGatewayWebsocketProxyRequest<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayWebsocketProxyRequest>(b)),
    ("example-apigw-websocket-request-without-method.json", |b| ours::<ev::apigw::ApiGatewayWebsocketProxyRequest<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayWebsocketProxyRequest>(b)),
    ("example-apigw-websocket-request.json", |b| ours::<ev::apigw::ApiGatewayWebsocketProxyRequest<'_>>(b), |b| theirs::<aws::apigw::ApiGatewayWebsocketProxyRequest>(b)),
    ("example-appsync-batchinvoke.json", |b| ours::<ev::appsync::AppSyncResolverTemplate<'_>>(b), |b| theirs::<aws::appsync::AppSyncResolverTemplate>(b)),
    ("example-appsync-direct-resolver.json", |b| ours::<ev::appsync::AppSyncDirectResolverEvent<'_>>(b), |b| theirs::<aws::appsync::AppSyncDirectResolverEvent>(b)),
    ("example-appsync-identity-cognito.json", |b| ours::<ev::appsync::AppSyncCognitoIdentity<'_>>(b), |b| theirs::<aws::appsync::AppSyncCognitoIdentity>(b)),
    ("example-appsync-identity-iam.json", |b| ours::<ev::appsync::AppSyncIamIdentity<'_>>(b), |b| theirs::<aws::appsync::AppSyncIamIdentity>(b)),
    ("example-appsync-invoke.json", |b| ours::<ev::appsync::AppSyncResolverTemplate<'_>>(b), |b| theirs::<aws::appsync::AppSyncResolverTemplate>(b)),
    ("example-appsync-lambda-auth-request.json", |b| ours::<ev::appsync::AppSyncLambdaAuthorizerRequest<'_>>(b), |b| theirs::<aws::appsync::AppSyncLambdaAuthorizerRequest>(b)),
    ("example-appsync-lambda-auth-response.json", |b| ours::<ev::appsync::AppSyncLambdaAuthorizerResponse<'_>>(b), |b| theirs::<aws::appsync::AppSyncLambdaAuthorizerResponse>(b)),
    ("example-autoscaling-event-launch-successful.json", |b| ours::<ev::eventbridge::autoscaling::AutoScalingEvent<'_>>(b), |b| theirs::<aws::autoscaling::AutoScalingEvent>(b)),
    ("example-autoscaling-event-launch-unsuccessful.json", |b| ours::<ev::eventbridge::autoscaling::AutoScalingEvent<'_>>(b), |b| theirs::<aws::autoscaling::AutoScalingEvent>(b)),
    ("example-autoscaling-event-lifecycle-action.json", |b| ours::<ev::eventbridge::autoscaling::AutoScalingEvent<'_>>(b), |b| theirs::<aws::autoscaling::AutoScalingEvent>(b)),
    ("example-autoscaling-event-terminate-action.json", |b| ours::<ev::eventbridge::autoscaling::AutoScalingEvent<'_>>(b), |b| theirs::<aws::autoscaling::AutoScalingEvent>(b)),
    ("example-autoscaling-event-terminate-successful.json", |b| ours::<ev::eventbridge::autoscaling::AutoScalingEvent<'_>>(b), |b| theirs::<aws::autoscaling::AutoScalingEvent>(b)),
    ("example-autoscaling-event-terminate-unsuccessful.json", |b| ours::<ev::eventbridge::autoscaling::AutoScalingEvent<'_>>(b), |b| theirs::<aws::autoscaling::AutoScalingEvent>(b)),
    ("example-bedrock-agent-runtime-event-without-parameters.json", |b| ours::<ev::bedrock_agent::AgentEvent<'_>>(b), |b| theirs::<aws::event::bedrock_agent_runtime::AgentEvent>(b)),
    ("example-bedrock-agent-runtime-event-without-request-body.json", |b| ours::<ev::bedrock_agent::AgentEvent<'_>>(b), |b| theirs::<aws::event::bedrock_agent_runtime::AgentEvent>(b)),
    ("example-bedrock-agent-runtime-event.json", |b| ours::<ev::bedrock_agent::AgentEvent<'_>>(b), |b| theirs::<aws::event::bedrock_agent_runtime::AgentEvent>(b)),
    ("example-clientvpn-connectionhandler-request.json", |b| ours::<ev::clientvpn::ClientVpnConnectionHandlerRequest<'_>>(b), |b| theirs::<aws::clientvpn::ClientVpnConnectionHandlerRequest>(b)),
    ("example-cloudformation-custom-resource-create-request.json", |b| ours::<ev::cloudformation::CloudFormationCustomResourceRequest<'_>>(b), |b| theirs::<aws::cloudformation::CloudFormationCustomResourceRequest>(b)),
    ("example-cloudformation-custom-resource-delete-request.json", |b| ours::<ev::cloudformation::CloudFormationCustomResourceRequest<'_>>(b), |b| theirs::<aws::cloudformation::CloudFormationCustomResourceRequest>(b)),
    ("example-cloudformation-custom-resource-provider-create-request.json", |b| ours::<ev::cloudformation::CloudFormationCustomResourceRequest<'_>>(b), |b| theirs::<aws::cloudformation::provider::CloudFormationCustomResourceRequest>(b)),
    ("example-cloudformation-custom-resource-provider-delete-request.json", |b| ours::<ev::cloudformation::CloudFormationCustomResourceRequest<'_>>(b), |b| theirs::<aws::cloudformation::provider::CloudFormationCustomResourceRequest>(b)),
    ("example-cloudformation-custom-resource-provider-response.json", |b| ours::<ev::cloudformation::CloudFormationCustomResourceProviderResponse<'_>>(b), |b| theirs::<aws::cloudformation::provider::CloudFormationCustomResourceResponse>(b)),
    ("example-cloudformation-custom-resource-provider-update-request.json", |b| ours::<ev::cloudformation::CloudFormationCustomResourceRequest<'_>>(b), |b| theirs::<aws::cloudformation::provider::CloudFormationCustomResourceRequest>(b)),
    ("example-cloudformation-custom-resource-response.json", |b| ours::<ev::cloudformation::CloudFormationCustomResourceResponse<'_>>(b), |b| theirs::<aws::cloudformation::CloudFormationCustomResourceResponse>(b)),
    ("example-cloudformation-custom-resource-update-request.json", |b| ours::<ev::cloudformation::CloudFormationCustomResourceRequest<'_>>(b), |b| theirs::<aws::cloudformation::CloudFormationCustomResourceRequest>(b)),
    ("example-cloudwatch-alarm-composite-with-suppressor-alarm.json", |b| ours::<ev::cloudwatch_alarms::CloudWatchAlarm<'_>>(b), |b| theirs::<aws::cloudwatch_alarms::CloudWatchCompositeAlarm>(b)),
    ("example-cloudwatch-alarm-composite.json", |b| ours::<ev::cloudwatch_alarms::CloudWatchAlarm<'_>>(b), |b| theirs::<aws::cloudwatch_alarms::CloudWatchCompositeAlarm>(b)),
    ("example-cloudwatch-alarm-metric.json", |b| ours::<ev::cloudwatch_alarms::CloudWatchAlarm<'_>>(b), |b| theirs::<aws::cloudwatch_alarms::CloudWatchMetricAlarm>(b)),
    ("example-cloudwatch-alarm-sns-payload-multiple-metrics.json", |b| ours::<ev::sns::SnsEvent<'_>>(b), |b| theirs::<aws::sns::SnsEvent>(b)),
    ("example-cloudwatch-alarm-sns-payload-single-metric.json", |b| ours::<ev::sns::SnsEvent<'_>>(b), |b| theirs::<aws::sns::SnsEvent>(b)),
    ("example-cloudwatch-cloudtrail-assumed-role.json", |b| ours::<ev::cloudtrail::CloudTrailEvent<'_>>(b), |b| theirs::<aws::cloudwatch_events::cloudtrail::AWSAPICall>(b)),
    ("example-cloudwatch-cloudtrail-unknown-federate.json", |b| ours::<ev::cloudtrail::CloudTrailEvent<'_>>(b), |b| theirs::<aws::cloudwatch_events::cloudtrail::AWSAPICall>(b)),
    ("example-cloudwatch-cloudtrail-unknown-user-auth.json", |b| ours::<ev::cloudtrail::CloudTrailEvent<'_>>(b), |b| theirs::<aws::cloudwatch_events::cloudtrail::AWSAPICall>(b)),
    ("example-code_commit-event.json", |b| ours::<ev::codecommit::CodeCommitEvent<'_>>(b), |b| theirs::<aws::code_commit::CodeCommitEvent>(b)),
    ("example-codebuild-phase-change.json", |b| ours::<ev::eventbridge::codebuild::CodeBuildEvent<'_>>(b), |b| theirs::<aws::codebuild::CodeBuildEvent>(b)),
    ("example-codebuild-state-change.json", |b| ours::<ev::eventbridge::codebuild::CodeBuildEvent<'_>>(b), |b| theirs::<aws::codebuild::CodeBuildEvent>(b)),
    ("example-codedeploy-deployment-event.json", |b| ours::<ev::eventbridge::codedeploy::CodeDeployEvent<'_>>(b), |b| theirs::<aws::codedeploy::CodeDeployEvent>(b)),
    ("example-codedeploy-instance-event.json", |b| ours::<ev::eventbridge::codedeploy::CodeDeployEvent<'_>>(b), |b| theirs::<aws::codedeploy::CodeDeployEvent>(b)),
    ("example-codedeploy-lifecycle-event.json", |b| ours::<ev::eventbridge::codedeploy::CodeDeployLifecycleEvent<'_>>(b), |b| theirs::<aws::codedeploy::CodeDeployLifecycleEvent>(b)),
    ("example-codepipeline-action-execution-stage-change-event.json", |b| ours::<ev::eventbridge::codepipeline::CodePipelineCloudWatchEvent<'_>>(b), |b| theirs::<aws::codepipeline_cloudwatch::CodePipelineCloudWatchEvent>(b)),
    ("example-codepipeline-execution-stage-change-event.json", |b| ours::<ev::eventbridge::codepipeline::CodePipelineCloudWatchEvent<'_>>(b), |b| theirs::<aws::codepipeline_cloudwatch::CodePipelineCloudWatchEvent>(b)),
    ("example-codepipeline-execution-state-change-event.json", |b| ours::<ev::eventbridge::codepipeline::CodePipelineCloudWatchEvent<'_>>(b), |b| theirs::<aws::codepipeline_cloudwatch::CodePipelineCloudWatchEvent>(b)),
    ("example-codepipeline_job-event.json", |b| ours::<ev::eventbridge::codepipeline::CodePipelineJobEvent<'_>>(b), |b| theirs::<aws::codepipeline_job::CodePipelineJobEvent>(b)),
    ("example-cognito-event-userpools-create-auth-challenge-user-not-found.json", |b| ours::<ev::cognito::CreateAuthChallengeEvent<'_>>(b), |b| theirs::<aws::cognito::CognitoEventUserPoolsCreateAuthChallenge>(b)),
    ("example-cognito-event-userpools-create-auth-challenge.json", |b| ours::<ev::cognito::CreateAuthChallengeEvent<'_>>(b), |b| theirs::<aws::cognito::CognitoEventUserPoolsCreateAuthChallenge>(b)),
    ("example-cognito-event-userpools-custommessage.json", |b| ours::<ev::cognito::CustomMessageEvent<'_>>(b), |b| theirs::<aws::cognito::CognitoEventUserPoolsCustomMessage>(b)),
    ("example-cognito-event-userpools-define-auth-challenge-optional-response-fields.json", |b| ours::<ev::cognito::DefineAuthChallengeEvent<'_>>(b), |b| theirs::<aws::cognito::CognitoEventUserPoolsDefineAuthChallenge>(b)),
    ("example-cognito-event-userpools-define-auth-challenge-user-not-found.json", |b| ours::<ev::cognito::DefineAuthChallengeEvent<'_>>(b), |b| theirs::<aws::cognito::CognitoEventUserPoolsDefineAuthChallenge>(b)),
    ("example-cognito-event-userpools-define-auth-challenge.json", |b| ours::<ev::cognito::DefineAuthChallengeEvent<'_>>(b), |b| theirs::<aws::cognito::CognitoEventUserPoolsDefineAuthChallenge>(b)),
    ("example-cognito-event-userpools-migrateuser.json", |b| ours::<ev::cognito::MigrateUserEvent<'_>>(b), |b| theirs::<aws::cognito::CognitoEventUserPoolsMigrateUser>(b)),
    ("example-cognito-event-userpools-postauthentication.json", |b| ours::<ev::cognito::PostAuthenticationEvent<'_>>(b), |b| theirs::<aws::cognito::CognitoEventUserPoolsPostAuthentication>(b)),
    ("example-cognito-event-userpools-postconfirmation.json", |b| ours::<ev::cognito::PostConfirmationEvent<'_>>(b), |b| theirs::<aws::cognito::CognitoEventUserPoolsPostConfirmation>(b)),
    ("example-cognito-event-userpools-preauthentication.json", |b| ours::<ev::cognito::PreAuthenticationEvent<'_>>(b), |b| theirs::<aws::cognito::CognitoEventUserPoolsPreAuthentication>(b)),
    ("example-cognito-event-userpools-presignup.json", |b| ours::<ev::cognito::PreSignUpEvent<'_>>(b), |b| theirs::<aws::cognito::CognitoEventUserPoolsPreSignup>(b)),
    ("example-cognito-event-userpools-pretokengen-incoming.json", |b| ours::<ev::cognito::PreTokenGenEvent<'_>>(b), |b| theirs::<aws::cognito::CognitoEventUserPoolsPreTokenGen>(b)),
    ("example-cognito-event-userpools-pretokengen-v2-incoming.json", |b| ours::<ev::cognito::PreTokenGenV2Event<'_>>(b), |b| theirs::<aws::cognito::CognitoEventUserPoolsPreTokenGenV2>(b)),
    ("example-cognito-event-userpools-pretokengen-v2.json", |b| ours::<ev::cognito::PreTokenGenV2Event<'_>>(b), |b| theirs::<aws::cognito::CognitoEventUserPoolsPreTokenGenV2>(b)),
    ("example-cognito-event-userpools-verify-auth-challenge-null-answer-correct.json", |b| ours::<ev::cognito::VerifyAuthChallengeEvent<'_>>(b), |b| theirs::<aws::cognito::CognitoEventUserPoolsVerifyAuthChallenge>(b)),
    ("example-cognito-event-userpools-verify-auth-challenge-optional-answer-correct.json", |b| ours::<ev::cognito::VerifyAuthChallengeEvent<'_>>(b), |b| theirs::<aws::cognito::CognitoEventUserPoolsVerifyAuthChallenge>(b)),
    ("example-cognito-event-userpools-verify-auth-challenge-user-not-found.json", |b| ours::<ev::cognito::VerifyAuthChallengeEvent<'_>>(b), |b| theirs::<aws::cognito::CognitoEventUserPoolsVerifyAuthChallenge>(b)),
    ("example-cognito-event-userpools-verify-auth-challenge.json", |b| ours::<ev::cognito::VerifyAuthChallengeEvent<'_>>(b), |b| theirs::<aws::cognito::CognitoEventUserPoolsVerifyAuthChallenge>(b)),
    ("example-cognito-event.json", |b| ours::<ev::cognito::CognitoSyncEvent<'_>>(b), |b| theirs::<aws::cognito::CognitoEvent>(b)),
    ("example-config-event.json", |b| ours::<ev::config::ConfigEvent<'_>>(b), |b| theirs::<aws::config::ConfigEvent>(b)),
    ("example-connect-event-without-queue.json", |b| ours::<ev::connect::ConnectEvent<'_>>(b), |b| theirs::<aws::connect::ConnectEvent>(b)),
    ("example-connect-event.json", |b| ours::<ev::connect::ConnectEvent<'_>>(b), |b| theirs::<aws::connect::ConnectEvent>(b)),
    ("example-documentdb-delete-event.json", |b| ours::<ev::documentdb::DocumentDbEvent<'_>>(b), |b| theirs::<aws::documentdb::DocumentDbEvent>(b)),
    ("example-documentdb-drop-database-event.json", |b| ours::<ev::documentdb::DocumentDbEvent<'_>>(b), |b| theirs::<aws::documentdb::DocumentDbEvent>(b)),
    ("example-documentdb-drop-event.json", |b| ours::<ev::documentdb::DocumentDbEvent<'_>>(b), |b| theirs::<aws::documentdb::DocumentDbEvent>(b)),
    ("example-documentdb-insert-event.json", |b| ours::<ev::documentdb::DocumentDbEvent<'_>>(b), |b| theirs::<aws::documentdb::DocumentDbEvent>(b)),
    ("example-documentdb-invalidate-event.json", |b| ours::<ev::documentdb::DocumentDbEvent<'_>>(b), |b| theirs::<aws::documentdb::DocumentDbEvent>(b)),
    ("example-documentdb-rename-event.json", |b| ours::<ev::documentdb::DocumentDbEvent<'_>>(b), |b| theirs::<aws::documentdb::DocumentDbEvent>(b)),
    ("example-documentdb-replace-event.json", |b| ours::<ev::documentdb::DocumentDbEvent<'_>>(b), |b| theirs::<aws::documentdb::DocumentDbEvent>(b)),
    ("example-documentdb-update-event.json", |b| ours::<ev::documentdb::DocumentDbEvent<'_>>(b), |b| theirs::<aws::documentdb::DocumentDbEvent>(b)),
    ("example-dynamodb-event-record-with-optional-fields.json", |b| ours::<ev::dynamodb::DynamoDbRecord<'_>>(b), |b| theirs::<aws::dynamodb::EventRecord>(b)),
    ("example-ecr-image-scan-event-with-missing-severities.json", |b| ours::<ev::eventbridge::ecr::EcrScanEvent<'_>>(b), |b| theirs::<aws::ecr_scan::EcrScanEvent>(b)),
    ("example-ecr-image-scan-event.json", |b| ours::<ev::eventbridge::ecr::EcrScanEvent<'_>>(b), |b| theirs::<aws::ecr_scan::EcrScanEvent>(b)),
    ("example-eventbridge-schedule.json", |b| ours::<ev::eventbridge::CloudWatchEvent<'_>>(b), |b| theirs::<aws::eventbridge::EventBridgeEvent>(b)),
    ("example-firehose-event.json", |b| ours::<ev::firehose::FirehoseEvent<'_>>(b), |b| theirs::<aws::firehose::KinesisFirehoseEvent>(b)),
    ("example-iot-custom-auth-request.json", |b| ours::<ev::iot::IoTCustomAuthorizerRequest<'_>>(b), |b| theirs::<aws::iot::IoTCoreCustomAuthorizerRequest>(b)),
    ("example-iot-custom-auth-response.json", |b| ours::<ev::iot::IoTCustomAuthorizerResponse<'_>>(b), |b| theirs::<aws::iot::IoTCoreCustomAuthorizerResponse>(b)),
    ("example-iot_1_click-event.json", |b| ours::<ev::iot::IoTOneClickEvent<'_>>(b), |b| theirs::<aws::iot_1_click::IoTOneClickEvent>(b)),
    ("example-iot_button-event.json", |b| ours::<ev::iot::IoTButtonEvent<'_>>(b), |b| theirs::<aws::iot_button::IoTButtonEvent>(b)),
    ("example-kinesis-event-encrypted.json", |b| ours::<ev::kinesis::KinesisEvent<'_>>(b), |b| theirs::<aws::kinesis::KinesisEvent>(b)),
    ("example-kinesis-firehose-event.json", |b| ours::<ev::firehose::FirehoseEvent<'_>>(b), |b| theirs::<aws::firehose::KinesisFirehoseEvent>(b)),
    ("example-kinesis-firehose-response.json", |b| ours::<ev::firehose::FirehoseResponse<'_>>(b), |b| theirs::<aws::firehose::KinesisFirehoseResponse>(b)),
    ("example-lex-event.json", |b| ours::<ev::lex::LexEvent<'_>>(b), |b| theirs::<aws::lex::LexEvent>(b)),
    ("example-lex-response.json", |b| ours::<ev::lex::LexResponse<'_>>(b), |b| theirs::<aws::lex::LexResponse>(b)),
    ("example-rabbitmq-event.json", |b| ours::<ev::mq::RabbitMqEvent<'_>>(b), |b| theirs::<aws::rabbitmq::RabbitMqEvent>(b)),
    ("example-s3-event-with-decoded.json", |b| ours::<ev::s3::S3Event<'_>>(b), |b| theirs::<aws::s3::S3Event>(b)),
    ("example-s3-object-lambda-event-get-object-assumed-role.json", |b| ours::<ev::s3::S3ObjectLambdaEvent<'_>>(b), |b| theirs::<aws::s3::object_lambda::S3ObjectLambdaEvent>(b)),
    ("example-s3-object-lambda-event-get-object-iam.json", |b| ours::<ev::s3::S3ObjectLambdaEvent<'_>>(b), |b| theirs::<aws::s3::object_lambda::S3ObjectLambdaEvent>(b)),
    ("example-s3-object-lambda-event-head-object-iam.json", |b| ours::<ev::s3::S3ObjectLambdaEvent<'_>>(b), |b| theirs::<aws::s3::object_lambda::S3ObjectLambdaEvent>(b)),
    ("example-s3-object-lambda-event-list-objects-iam.json", |b| ours::<ev::s3::S3ObjectLambdaEvent<'_>>(b), |b| theirs::<aws::s3::object_lambda::S3ObjectLambdaEvent>(b)),
    ("example-s3-object-lambda-event-list-objects-v2-iam.json", |b| ours::<ev::s3::S3ObjectLambdaEvent<'_>>(b), |b| theirs::<aws::s3::object_lambda::S3ObjectLambdaEvent>(b)),
    ("example-secretsmanager-secret-rotation-event.json", |b| ours::<ev::secretsmanager::SecretsManagerSecretRotationEvent<'_>>(b), |b| theirs::<aws::secretsmanager::SecretsManagerSecretRotationEvent>(b)),
    ("example-ses-event.json", |b| ours::<ev::ses::SimpleEmailEvent<'_>>(b), |b| theirs::<aws::ses::SimpleEmailEvent>(b)),
    ("example-ses-lambda-event.json", |b| ours::<ev::ses::SimpleEmailEvent<'_>>(b), |b| theirs::<aws::ses::SimpleEmailEvent>(b)),
    ("example-ses-s3-event.json", |b| ours::<ev::ses::SimpleEmailEvent<'_>>(b), |b| theirs::<aws::ses::SimpleEmailEvent>(b)),
    ("example-ses-sns-event.json", |b| ours::<ev::ses::SimpleEmailEvent<'_>>(b), |b| theirs::<aws::ses::SimpleEmailEvent>(b)),
    ("example-sns-event-obj.json", |b| ours::<ev::sns::SnsEvent<'_>>(b), |b| theirs::<aws::sns::SnsEvent>(b)),
    ("example-sns-event-pascal-case.json", |b| ours::<ev::sns::SnsEvent<'_>>(b), |b| theirs::<aws::sns::SnsEvent>(b)),
    ("example-sqs-batch-response.json", |b| ours::<ev::BatchResponse<'_>>(b), |b| theirs::<aws::sqs::SqsBatchResponse>(b)),
    ("example-sqs-event-obj.json", |b| ours::<ev::sqs::SqsEvent<'_>>(b), |b| theirs::<aws::sqs::SqsEvent>(b)),
];

/// The decoders for `file`.
pub fn decoders(file: &str) -> Option<(Ours, Theirs)> {
    DECODERS
        .iter()
        .find(|(f, _, _)| *f == file)
        .map(|&(_, o, t)| (o, t))
}
