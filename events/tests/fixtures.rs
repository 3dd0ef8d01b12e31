//! Every fixture in the root `fixtures/` decodes with its type, through core's in-place decoder.
//!
//! The file → type table is explicit; a file with no entry, or an entry with no file, fails.
#![cfg(feature = "all")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_alloc,
    clippy::std_instead_of_core
)]

mod common;

use std::collections::BTreeSet;

use common::{Check, EVENTS, HTTP, enc, subset, uncovered};
use lambkin_core::json::from_slice;
use lambkin_events as ev;

use Check::{Event, Response};

#[rustfmt::skip]
const EVENT_FIXTURES: &[(&str, Check)] = &[
    ("example-activemq-event.json", Event(|b| enc(from_slice::<ev::mq::ActiveMqEvent<'_>>(b)))),
    ("example-alb-lambda-target-request-headers-only.json", Event(|b| enc(from_slice::<ev::alb::AlbTargetGroupRequest<'_>>(b)))),
    ("example-alb-lambda-target-request-multivalue-headers.json", Event(|b| enc(from_slice::<ev::alb::AlbTargetGroupRequest<'_>>(b)))),
    ("example-alb-lambda-target-response.json", Response(|b| enc(from_slice::<ev::alb::AlbTargetGroupResponse<'_>>(b)))),
    ("example-apigw-console-request.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayProxyRequest<'_>>(b)))),
    ("example-apigw-console-test-request.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayProxyRequest<'_>>(b)))),
    ("example-apigw-custom-auth-request-type-request.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayCustomAuthorizerRequestTypeRequest<'_>>(b)))),
    ("example-apigw-custom-auth-request.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayCustomAuthorizerRequest<'_>>(b)))),
    ("example-apigw-custom-auth-response-with-condition.json", Response(|b| enc(from_slice::<ev::apigw::ApiGatewayCustomAuthorizerResponse<'_>>(b)))),
    ("example-apigw-custom-auth-response-with-single-value-action.json", Response(|b| enc(from_slice::<ev::apigw::ApiGatewayCustomAuthorizerResponse<'_>>(b)))),
    ("example-apigw-custom-auth-response-with-single-value-resource.json", Response(|b| enc(from_slice::<ev::apigw::ApiGatewayCustomAuthorizerResponse<'_>>(b)))),
    ("example-apigw-custom-auth-response.json", Response(|b| enc(from_slice::<ev::apigw::ApiGatewayCustomAuthorizerResponse<'_>>(b)))),
    ("example-apigw-request-catch-all.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayProxyRequest<'_>>(b)))),
    ("example-apigw-request-multi-value-parameters.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayProxyRequest<'_>>(b)))),
    ("example-apigw-request.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayProxyRequest<'_>>(b)))),
    ("example-apigw-response.json", Response(|b| enc(from_slice::<ev::apigw::ApiGatewayProxyResponse<'_>>(b)))),
    ("example-apigw-restapi-openapi-request.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayProxyRequest<'_>>(b)))),
    ("example-apigw-sam-http-request.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayV2HttpRequest<'_>>(b)))),
    ("example-apigw-sam-rest-request.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayProxyRequest<'_>>(b)))),
    ("example-apigw-v2-custom-authorizer-v1-request.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayCustomAuthorizerRequestTypeRequest<'_>>(b)))),
    ("example-apigw-v2-custom-authorizer-v2-request-without-cookies.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayV2CustomAuthorizerV2Request<'_>>(b)))),
    ("example-apigw-v2-custom-authorizer-v2-request-without-identity-source.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayV2CustomAuthorizerV2Request<'_>>(b)))),
    ("example-apigw-v2-custom-authorizer-v2-request.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayV2CustomAuthorizerV2Request<'_>>(b)))),
    ("example-apigw-v2-custom-authorizer-websocket-request.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayCustomAuthorizerRequestTypeRequest<'_>>(b)))),
    ("example-apigw-v2-request-iam.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayV2HttpRequest<'_>>(b)))),
    ("example-apigw-v2-request-jwt-authorizer.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayV2HttpRequest<'_>>(b)))),
    ("example-apigw-v2-request-lambda-authorizer.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayV2HttpRequest<'_>>(b)))),
    ("example-apigw-v2-request-multi-value-parameters.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayV2HttpRequest<'_>>(b)))),
    ("example-apigw-v2-request-no-authorizer.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayV2HttpRequest<'_>>(b)))),
    ("example-apigw-websocket-request-disconnect-route.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayWebsocketProxyRequest<'_>>(b)))),
    ("example-apigw-websocket-request-without-method.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayWebsocketProxyRequest<'_>>(b)))),
    ("example-apigw-websocket-request.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayWebsocketProxyRequest<'_>>(b)))),
    ("example-appsync-batchinvoke.json", Event(|b| enc(from_slice::<ev::appsync::AppSyncResolverTemplate<'_>>(b)))),
    ("example-appsync-direct-resolver.json", Event(|b| enc(from_slice::<ev::appsync::AppSyncDirectResolverEvent<'_>>(b)))),
    ("example-appsync-identity-cognito.json", Event(|b| enc(from_slice::<ev::appsync::AppSyncCognitoIdentity<'_>>(b)))),
    ("example-appsync-identity-iam.json", Event(|b| enc(from_slice::<ev::appsync::AppSyncIamIdentity<'_>>(b)))),
    ("example-appsync-invoke.json", Event(|b| enc(from_slice::<ev::appsync::AppSyncResolverTemplate<'_>>(b)))),
    ("example-appsync-lambda-auth-request.json", Event(|b| enc(from_slice::<ev::appsync::AppSyncLambdaAuthorizerRequest<'_>>(b)))),
    ("example-appsync-lambda-auth-response.json", Response(|b| enc(from_slice::<ev::appsync::AppSyncLambdaAuthorizerResponse<'_>>(b)))),
    ("example-autoscaling-event-launch-successful.json", Event(|b| enc(from_slice::<ev::eventbridge::autoscaling::AutoScalingEvent<'_>>(b)))),
    ("example-autoscaling-event-launch-unsuccessful.json", Event(|b| enc(from_slice::<ev::eventbridge::autoscaling::AutoScalingEvent<'_>>(b)))),
    ("example-autoscaling-event-lifecycle-action.json", Event(|b| enc(from_slice::<ev::eventbridge::autoscaling::AutoScalingEvent<'_>>(b)))),
    ("example-autoscaling-event-terminate-action.json", Event(|b| enc(from_slice::<ev::eventbridge::autoscaling::AutoScalingEvent<'_>>(b)))),
    ("example-autoscaling-event-terminate-successful.json", Event(|b| enc(from_slice::<ev::eventbridge::autoscaling::AutoScalingEvent<'_>>(b)))),
    ("example-autoscaling-event-terminate-unsuccessful.json", Event(|b| enc(from_slice::<ev::eventbridge::autoscaling::AutoScalingEvent<'_>>(b)))),
    ("example-bedrock-agent-runtime-event-without-parameters.json", Event(|b| enc(from_slice::<ev::bedrock_agent::AgentEvent<'_>>(b)))),
    ("example-bedrock-agent-runtime-event-without-request-body.json", Event(|b| enc(from_slice::<ev::bedrock_agent::AgentEvent<'_>>(b)))),
    ("example-bedrock-agent-runtime-event.json", Event(|b| enc(from_slice::<ev::bedrock_agent::AgentEvent<'_>>(b)))),
    ("example-clientvpn-connectionhandler-request.json", Event(|b| enc(from_slice::<ev::clientvpn::ClientVpnConnectionHandlerRequest<'_>>(b)))),
    ("example-cloudformation-custom-resource-create-request.json", Event(|b| enc(from_slice::<ev::cloudformation::CloudFormationCustomResourceRequest<'_>>(b)))),
    ("example-cloudformation-custom-resource-delete-request.json", Event(|b| enc(from_slice::<ev::cloudformation::CloudFormationCustomResourceRequest<'_>>(b)))),
    ("example-cloudformation-custom-resource-provider-create-request.json", Event(|b| enc(from_slice::<ev::cloudformation::CloudFormationCustomResourceRequest<'_>>(b)))),
    ("example-cloudformation-custom-resource-provider-delete-request.json", Event(|b| enc(from_slice::<ev::cloudformation::CloudFormationCustomResourceRequest<'_>>(b)))),
    ("example-cloudformation-custom-resource-provider-response.json", Response(|b| enc(from_slice::<ev::cloudformation::CloudFormationCustomResourceProviderResponse<'_>>(b)))),
    ("example-cloudformation-custom-resource-provider-update-request.json", Event(|b| enc(from_slice::<ev::cloudformation::CloudFormationCustomResourceRequest<'_>>(b)))),
    ("example-cloudformation-custom-resource-response.json", Response(|b| enc(from_slice::<ev::cloudformation::CloudFormationCustomResourceResponse<'_>>(b)))),
    ("example-cloudformation-custom-resource-update-request.json", Event(|b| enc(from_slice::<ev::cloudformation::CloudFormationCustomResourceRequest<'_>>(b)))),
    ("example-cloudwatch-alarm-composite-with-suppressor-alarm.json", Event(|b| enc(from_slice::<ev::cloudwatch_alarms::CloudWatchAlarm<'_>>(b)))),
    ("example-cloudwatch-alarm-composite.json", Event(|b| enc(from_slice::<ev::cloudwatch_alarms::CloudWatchAlarm<'_>>(b)))),
    ("example-cloudwatch-alarm-metric.json", Event(|b| enc(from_slice::<ev::cloudwatch_alarms::CloudWatchAlarm<'_>>(b)))),
    ("example-cloudwatch-alarm-sns-payload-multiple-metrics.json", Event(|b| enc(from_slice::<ev::sns::SnsEvent<'_>>(b)))),
    ("example-cloudwatch-alarm-sns-payload-single-metric.json", Event(|b| enc(from_slice::<ev::sns::SnsEvent<'_>>(b)))),
    ("example-cloudwatch-cloudtrail-assumed-role.json", Event(|b| enc(from_slice::<ev::cloudtrail::CloudTrailEvent<'_>>(b)))),
    ("example-cloudwatch-cloudtrail-unknown-federate.json", Event(|b| enc(from_slice::<ev::cloudtrail::CloudTrailEvent<'_>>(b)))),
    ("example-cloudwatch-cloudtrail-unknown-user-auth.json", Event(|b| enc(from_slice::<ev::cloudtrail::CloudTrailEvent<'_>>(b)))),
    ("example-cloudwatch_logs-event.json", Event(|b| enc(from_slice::<ev::cloudwatch_logs::LogsEvent<'_>>(b)))),
    ("example-code_commit-event.json", Event(|b| enc(from_slice::<ev::codecommit::CodeCommitEvent<'_>>(b)))),
    ("example-codebuild-phase-change.json", Event(|b| enc(from_slice::<ev::eventbridge::codebuild::CodeBuildEvent<'_>>(b)))),
    ("example-codebuild-state-change.json", Event(|b| enc(from_slice::<ev::eventbridge::codebuild::CodeBuildEvent<'_>>(b)))),
    ("example-codedeploy-deployment-event.json", Event(|b| enc(from_slice::<ev::eventbridge::codedeploy::CodeDeployEvent<'_>>(b)))),
    ("example-codedeploy-instance-event.json", Event(|b| enc(from_slice::<ev::eventbridge::codedeploy::CodeDeployEvent<'_>>(b)))),
    ("example-codedeploy-lifecycle-event.json", Event(|b| enc(from_slice::<ev::eventbridge::codedeploy::CodeDeployLifecycleEvent<'_>>(b)))),
    ("example-codepipeline-action-execution-stage-change-event.json", Event(|b| enc(from_slice::<ev::eventbridge::codepipeline::CodePipelineCloudWatchEvent<'_>>(b)))),
    ("example-codepipeline-execution-stage-change-event.json", Event(|b| enc(from_slice::<ev::eventbridge::codepipeline::CodePipelineCloudWatchEvent<'_>>(b)))),
    ("example-codepipeline-execution-state-change-event.json", Event(|b| enc(from_slice::<ev::eventbridge::codepipeline::CodePipelineCloudWatchEvent<'_>>(b)))),
    ("example-codepipeline_job-event.json", Event(|b| enc(from_slice::<ev::eventbridge::codepipeline::CodePipelineJobEvent<'_>>(b)))),
    ("example-cognito-event-userpools-create-auth-challenge-user-not-found.json", Event(|b| enc(from_slice::<ev::cognito::CreateAuthChallengeEvent<'_>>(b)))),
    ("example-cognito-event-userpools-create-auth-challenge.json", Event(|b| enc(from_slice::<ev::cognito::CreateAuthChallengeEvent<'_>>(b)))),
    ("example-cognito-event-userpools-custommessage.json", Event(|b| enc(from_slice::<ev::cognito::CustomMessageEvent<'_>>(b)))),
    ("example-cognito-event-userpools-define-auth-challenge-optional-response-fields.json", Event(|b| enc(from_slice::<ev::cognito::DefineAuthChallengeEvent<'_>>(b)))),
    ("example-cognito-event-userpools-define-auth-challenge-user-not-found.json", Event(|b| enc(from_slice::<ev::cognito::DefineAuthChallengeEvent<'_>>(b)))),
    ("example-cognito-event-userpools-define-auth-challenge.json", Event(|b| enc(from_slice::<ev::cognito::DefineAuthChallengeEvent<'_>>(b)))),
    ("example-cognito-event-userpools-migrateuser.json", Event(|b| enc(from_slice::<ev::cognito::MigrateUserEvent<'_>>(b)))),
    ("example-cognito-event-userpools-postauthentication.json", Event(|b| enc(from_slice::<ev::cognito::PostAuthenticationEvent<'_>>(b)))),
    ("example-cognito-event-userpools-postconfirmation.json", Event(|b| enc(from_slice::<ev::cognito::PostConfirmationEvent<'_>>(b)))),
    ("example-cognito-event-userpools-preauthentication.json", Event(|b| enc(from_slice::<ev::cognito::PreAuthenticationEvent<'_>>(b)))),
    ("example-cognito-event-userpools-presignup.json", Event(|b| enc(from_slice::<ev::cognito::PreSignUpEvent<'_>>(b)))),
    ("example-cognito-event-userpools-pretokengen-incoming.json", Event(|b| enc(from_slice::<ev::cognito::PreTokenGenEvent<'_>>(b)))),
    ("example-cognito-event-userpools-pretokengen-v2-incoming.json", Event(|b| enc(from_slice::<ev::cognito::PreTokenGenV2Event<'_>>(b)))),
    ("example-cognito-event-userpools-pretokengen-v2.json", Event(|b| enc(from_slice::<ev::cognito::PreTokenGenV2Event<'_>>(b)))),
    ("example-cognito-event-userpools-pretokengen.json", Event(|b| enc(from_slice::<ev::cognito::PreTokenGenEvent<'_>>(b)))),
    ("example-cognito-event-userpools-verify-auth-challenge-null-answer-correct.json", Event(|b| enc(from_slice::<ev::cognito::VerifyAuthChallengeEvent<'_>>(b)))),
    ("example-cognito-event-userpools-verify-auth-challenge-optional-answer-correct.json", Event(|b| enc(from_slice::<ev::cognito::VerifyAuthChallengeEvent<'_>>(b)))),
    ("example-cognito-event-userpools-verify-auth-challenge-user-not-found.json", Event(|b| enc(from_slice::<ev::cognito::VerifyAuthChallengeEvent<'_>>(b)))),
    ("example-cognito-event-userpools-verify-auth-challenge.json", Event(|b| enc(from_slice::<ev::cognito::VerifyAuthChallengeEvent<'_>>(b)))),
    ("example-cognito-event.json", Event(|b| enc(from_slice::<ev::cognito::CognitoSyncEvent<'_>>(b)))),
    ("example-config-event.json", Event(|b| enc(from_slice::<ev::config::ConfigEvent<'_>>(b)))),
    ("example-connect-event-without-queue.json", Event(|b| enc(from_slice::<ev::connect::ConnectEvent<'_>>(b)))),
    ("example-connect-event.json", Event(|b| enc(from_slice::<ev::connect::ConnectEvent<'_>>(b)))),
    ("example-documentdb-delete-event.json", Event(|b| enc(from_slice::<ev::documentdb::DocumentDbEvent<'_>>(b)))),
    ("example-documentdb-drop-database-event.json", Event(|b| enc(from_slice::<ev::documentdb::DocumentDbEvent<'_>>(b)))),
    ("example-documentdb-drop-event.json", Event(|b| enc(from_slice::<ev::documentdb::DocumentDbEvent<'_>>(b)))),
    ("example-documentdb-insert-event.json", Event(|b| enc(from_slice::<ev::documentdb::DocumentDbEvent<'_>>(b)))),
    ("example-documentdb-invalidate-event.json", Event(|b| enc(from_slice::<ev::documentdb::DocumentDbEvent<'_>>(b)))),
    ("example-documentdb-rename-event.json", Event(|b| enc(from_slice::<ev::documentdb::DocumentDbEvent<'_>>(b)))),
    ("example-documentdb-replace-event.json", Event(|b| enc(from_slice::<ev::documentdb::DocumentDbEvent<'_>>(b)))),
    ("example-documentdb-update-event.json", Event(|b| enc(from_slice::<ev::documentdb::DocumentDbEvent<'_>>(b)))),
    ("example-dynamodb-event-record-with-optional-fields.json", Event(|b| enc(from_slice::<ev::dynamodb::DynamoDbRecord<'_>>(b)))),
    ("example-dynamodb-event.json", Event(|b| enc(from_slice::<ev::dynamodb::DynamoDbEvent<'_>>(b)))),
    ("example-ecr-image-scan-event-with-missing-severities.json", Event(|b| enc(from_slice::<ev::eventbridge::ecr::EcrScanEvent<'_>>(b)))),
    ("example-ecr-image-scan-event.json", Event(|b| enc(from_slice::<ev::eventbridge::ecr::EcrScanEvent<'_>>(b)))),
    ("example-eventbridge-event-obj.json", Event(|b| enc(from_slice::<ev::eventbridge::CloudWatchEvent<'_>>(b)))),
    ("example-eventbridge-schedule.json", Event(|b| enc(from_slice::<ev::eventbridge::CloudWatchEvent<'_>>(b)))),
    ("example-firehose-event.json", Event(|b| enc(from_slice::<ev::firehose::FirehoseEvent<'_>>(b)))),
    ("example-iot-custom-auth-request.json", Event(|b| enc(from_slice::<ev::iot::IoTCustomAuthorizerRequest<'_>>(b)))),
    ("example-iot-custom-auth-response.json", Response(|b| enc(from_slice::<ev::iot::IoTCustomAuthorizerResponse<'_>>(b)))),
    ("example-iot_1_click-event.json", Event(|b| enc(from_slice::<ev::iot::IoTOneClickEvent<'_>>(b)))),
    ("example-iot_button-event.json", Event(|b| enc(from_slice::<ev::iot::IoTButtonEvent<'_>>(b)))),
    ("example-kafka-event.json", Event(|b| enc(from_slice::<ev::kafka::KafkaEvent<'_>>(b)))),
    ("example-kinesis-event-encrypted.json", Event(|b| enc(from_slice::<ev::kinesis::KinesisEvent<'_>>(b)))),
    ("example-kinesis-event.json", Event(|b| enc(from_slice::<ev::kinesis::KinesisEvent<'_>>(b)))),
    ("example-kinesis-firehose-event.json", Event(|b| enc(from_slice::<ev::firehose::FirehoseEvent<'_>>(b)))),
    ("example-kinesis-firehose-response.json", Response(|b| enc(from_slice::<ev::firehose::FirehoseResponse<'_>>(b)))),
    ("example-lex-event.json", Event(|b| enc(from_slice::<ev::lex::LexEvent<'_>>(b)))),
    ("example-lex-response.json", Response(|b| enc(from_slice::<ev::lex::LexResponse<'_>>(b)))),
    ("example-rabbitmq-event.json", Event(|b| enc(from_slice::<ev::mq::RabbitMqEvent<'_>>(b)))),
    ("example-s3-event-with-decoded.json", Event(|b| enc(from_slice::<ev::s3::S3Event<'_>>(b)))),
    ("example-s3-event.json", Event(|b| enc(from_slice::<ev::s3::S3Event<'_>>(b)))),
    ("example-s3-object-lambda-event-get-object-assumed-role.json", Event(|b| enc(from_slice::<ev::s3::S3ObjectLambdaEvent<'_>>(b)))),
    ("example-s3-object-lambda-event-get-object-iam.json", Event(|b| enc(from_slice::<ev::s3::S3ObjectLambdaEvent<'_>>(b)))),
    ("example-s3-object-lambda-event-head-object-iam.json", Event(|b| enc(from_slice::<ev::s3::S3ObjectLambdaEvent<'_>>(b)))),
    ("example-s3-object-lambda-event-list-objects-iam.json", Event(|b| enc(from_slice::<ev::s3::S3ObjectLambdaEvent<'_>>(b)))),
    ("example-s3-object-lambda-event-list-objects-v2-iam.json", Event(|b| enc(from_slice::<ev::s3::S3ObjectLambdaEvent<'_>>(b)))),
    ("example-secretsmanager-secret-rotation-event.json", Event(|b| enc(from_slice::<ev::secretsmanager::SecretsManagerSecretRotationEvent<'_>>(b)))),
    ("example-ses-event.json", Event(|b| enc(from_slice::<ev::ses::SimpleEmailEvent<'_>>(b)))),
    ("example-ses-lambda-event.json", Event(|b| enc(from_slice::<ev::ses::SimpleEmailEvent<'_>>(b)))),
    ("example-ses-s3-event.json", Event(|b| enc(from_slice::<ev::ses::SimpleEmailEvent<'_>>(b)))),
    ("example-ses-sns-event.json", Event(|b| enc(from_slice::<ev::ses::SimpleEmailEvent<'_>>(b)))),
    ("example-sns-event-obj.json", Event(|b| enc(from_slice::<ev::sns::SnsEvent<'_>>(b)))),
    ("example-sns-event-pascal-case.json", Event(|b| enc(from_slice::<ev::sns::SnsEvent<'_>>(b)))),
    ("example-sns-event.json", Event(|b| enc(from_slice::<ev::sns::SnsEvent<'_>>(b)))),
    ("example-sqs-api-event-obj.json", Event(|b| enc(from_slice::<ev::sqs::SqsApiEvent<'_>>(b)))),
    ("example-sqs-batch-response.json", Response(|b| enc(from_slice::<ev::BatchResponse<'_>>(b)))),
    ("example-sqs-event-obj.json", Event(|b| enc(from_slice::<ev::sqs::SqsEvent<'_>>(b)))),
    ("example-sqs-event.json", Event(|b| enc(from_slice::<ev::sqs::SqsEvent<'_>>(b)))),
];

#[rustfmt::skip]
const HTTP_FIXTURES: &[(&str, Check)] = &[
    ("alb_health_check.json", Event(|b| enc(from_slice::<ev::alb::AlbTargetGroupRequest<'_>>(b)))),
    ("alb_multi_value_request.json", Event(|b| enc(from_slice::<ev::alb::AlbTargetGroupRequest<'_>>(b)))),
    ("alb_multi_value_request_encoded_query_parameters.json", Event(|b| enc(from_slice::<ev::alb::AlbTargetGroupRequest<'_>>(b)))),
    ("alb_no_host.json", Event(|b| enc(from_slice::<ev::alb::AlbTargetGroupRequest<'_>>(b)))),
    ("alb_request.json", Event(|b| enc(from_slice::<ev::alb::AlbTargetGroupRequest<'_>>(b)))),
    ("alb_request_encoded_query_parameters.json", Event(|b| enc(from_slice::<ev::alb::AlbTargetGroupRequest<'_>>(b)))),
    ("apigw_multi_value_proxy_request.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayProxyRequest<'_>>(b)))),
    ("apigw_no_host.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayProxyRequest<'_>>(b)))),
    ("apigw_proxy_request.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayProxyRequest<'_>>(b)))),
    ("apigw_request_path_with_space.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayV2HttpRequest<'_>>(b)))),
    ("apigw_v2_proxy_request.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayV2HttpRequest<'_>>(b)))),
    ("apigw_v2_proxy_request_minimal.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayV2HttpRequest<'_>>(b)))),
    ("apigw_v2_proxy_request_with_stage_in_path.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayV2HttpRequest<'_>>(b)))),
    ("apigw_v2_sam_local.json", Event(|b| enc(from_slice::<ev::apigw::ApiGatewayV2HttpRequest<'_>>(b)))),
    ("lambda_function_url_request.json", Event(|b| enc(from_slice::<ev::lambda_url::LambdaFunctionUrlRequest<'_>>(b)))),
    // Not JSON: the binary body the HTTP adapter tests send.
    ("svg_logo.svg", Check::NotJson),
];

fn run(dir: &str, table: &[(&str, Check)]) -> usize {
    let on_disk: BTreeSet<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    let mapped: BTreeSet<String> = table.iter().map(|(f, _)| (*f).to_owned()).collect();
    let mut failures = Vec::new();
    for f in on_disk.difference(&mapped) {
        failures.push(format!("{f}: no type mapped"));
    }
    for f in mapped.difference(&on_disk) {
        failures.push(format!("{f}: mapped but not on disk"));
    }
    assert_eq!(mapped.len(), table.len(), "a file is mapped twice");
    let mut decoded = 0;
    let verbose = std::env::var_os("LAMBKIN_COVERAGE").is_some();
    for (file, check) in table {
        let Ok(bytes) = std::fs::read(format!("{dir}/{file}")) else {
            continue;
        };
        let (decode, is_response) = match check {
            Event(f) => (f, false),
            Response(f) => (f, true),
            Check::NotJson => {
                assert!(
                    serde_json::from_slice::<serde_json::Value>(&bytes).is_err(),
                    "{file} is JSON"
                );
                continue;
            }
        };
        let fixture: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let mut buf = bytes.clone();
        match decode(&mut buf) {
            Err(e) => failures.push(format!("{file}: {e}")),
            Ok(ours) => {
                decoded += 1;
                let r = if is_response {
                    if ours == fixture {
                        Ok(())
                    } else {
                        Err(format!("re-encoded:\n{ours}\nfixture:\n{fixture}"))
                    }
                } else {
                    subset(&ours, &fixture, "$")
                };
                if let Err(e) = r {
                    failures.push(format!("{file}: {e}"));
                }
                if verbose {
                    let mut missing = Vec::new();
                    uncovered(&ours, &fixture, "$", &mut missing);
                    if !missing.is_empty() {
                        eprintln!("{file}: not decoded: {}", missing.join(", "));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    decoded
}

#[test]
fn every_event_fixture_decodes() {
    let n = run(EVENTS, EVENT_FIXTURES);
    eprintln!("{n} event fixtures decoded");
}

#[test]
fn every_http_fixture_decodes() {
    let n = run(HTTP, HTTP_FIXTURES);
    eprintln!("{n} http fixtures decoded");
}
