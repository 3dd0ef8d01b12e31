//! `detect` names the right source for every fixture, and the table covers every fixture.
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

use common::documented::{
    S3_BATCH_EVENT_V1, S3_BATCH_EVENT_V2, S3_BATCH_RESPONSE_V1, S3_BATCH_RESPONSE_V2,
};
use common::{EVENTS, HTTP};
use lambkin_core::json::from_slice;
use lambkin_events::{self as ev, Source, detect};

#[rustfmt::skip]
const CASES: &[(&str, &str, Source)] = &[
    ("events", "example-activemq-event.json", Source::ActiveMq),
    ("events", "example-alb-lambda-target-request-headers-only.json", Source::Alb),
    ("events", "example-alb-lambda-target-request-multivalue-headers.json", Source::Alb),
    ("events", "example-alb-lambda-target-response.json", Source::AlbResponse),
    ("events", "example-apigw-console-request.json", Source::ApiGatewayRest),
    ("events", "example-apigw-console-test-request.json", Source::ApiGatewayRest),
    ("events", "example-apigw-custom-auth-request-type-request.json", Source::ApiGatewayAuthorizerRequest),
    ("events", "example-apigw-custom-auth-request.json", Source::ApiGatewayAuthorizerToken),
    ("events", "example-apigw-custom-auth-response-with-condition.json", Source::ApiGatewayAuthorizerResponse),
    ("events", "example-apigw-custom-auth-response-with-single-value-action.json", Source::ApiGatewayAuthorizerResponse),
    ("events", "example-apigw-custom-auth-response-with-single-value-resource.json", Source::ApiGatewayAuthorizerResponse),
    ("events", "example-apigw-custom-auth-response.json", Source::ApiGatewayAuthorizerResponse),
    ("events", "example-apigw-request-catch-all.json", Source::ApiGatewayRest),
    ("events", "example-apigw-request-multi-value-parameters.json", Source::ApiGatewayRest),
    ("events", "example-apigw-request.json", Source::ApiGatewayRest),
    ("events", "example-apigw-response.json", Source::ApiGatewayResponse),
    ("events", "example-apigw-restapi-openapi-request.json", Source::ApiGatewayRest),
    ("events", "example-apigw-sam-http-request.json", Source::ApiGatewayHttp),
    ("events", "example-apigw-sam-rest-request.json", Source::ApiGatewayRest),
    ("events", "example-apigw-v2-custom-authorizer-v1-request.json", Source::ApiGatewayAuthorizerRequest),
    ("events", "example-apigw-v2-custom-authorizer-v2-request-without-cookies.json", Source::ApiGatewayAuthorizerV2),
    ("events", "example-apigw-v2-custom-authorizer-v2-request-without-identity-source.json", Source::ApiGatewayAuthorizerV2),
    ("events", "example-apigw-v2-custom-authorizer-v2-request.json", Source::ApiGatewayAuthorizerV2),
    ("events", "example-apigw-v2-custom-authorizer-websocket-request.json", Source::ApiGatewayAuthorizerRequest),
    ("events", "example-apigw-v2-request-iam.json", Source::ApiGatewayHttp),
    ("events", "example-apigw-v2-request-jwt-authorizer.json", Source::ApiGatewayHttp),
    ("events", "example-apigw-v2-request-lambda-authorizer.json", Source::ApiGatewayHttp),
    ("events", "example-apigw-v2-request-multi-value-parameters.json", Source::ApiGatewayHttp),
    ("events", "example-apigw-v2-request-no-authorizer.json", Source::ApiGatewayHttp),
    ("events", "example-apigw-websocket-request-disconnect-route.json", Source::ApiGatewayWebsocket),
    ("events", "example-apigw-websocket-request-without-method.json", Source::ApiGatewayWebsocket),
    ("events", "example-apigw-websocket-request.json", Source::ApiGatewayWebsocket),
    ("events", "example-appsync-batchinvoke.json", Source::AppSyncResolverTemplate),
    ("events", "example-appsync-direct-resolver.json", Source::AppSyncDirectResolver),
    ("events", "example-appsync-identity-cognito.json", Source::AppSyncCognitoIdentity),
    ("events", "example-appsync-identity-iam.json", Source::AppSyncIamIdentity),
    ("events", "example-appsync-invoke.json", Source::AppSyncResolverTemplate),
    ("events", "example-appsync-lambda-auth-request.json", Source::AppSyncAuthorizerRequest),
    ("events", "example-appsync-lambda-auth-response.json", Source::AppSyncAuthorizerResponse),
    ("events", "example-autoscaling-event-launch-successful.json", Source::AutoScaling),
    ("events", "example-autoscaling-event-launch-unsuccessful.json", Source::AutoScaling),
    ("events", "example-autoscaling-event-lifecycle-action.json", Source::AutoScaling),
    ("events", "example-autoscaling-event-terminate-action.json", Source::AutoScaling),
    ("events", "example-autoscaling-event-terminate-successful.json", Source::AutoScaling),
    ("events", "example-autoscaling-event-terminate-unsuccessful.json", Source::AutoScaling),
    ("events", "example-bedrock-agent-runtime-event-without-parameters.json", Source::BedrockAgent),
    ("events", "example-bedrock-agent-runtime-event-without-request-body.json", Source::BedrockAgent),
    ("events", "example-bedrock-agent-runtime-event.json", Source::BedrockAgent),
    ("events", "example-clientvpn-connectionhandler-request.json", Source::ClientVpn),
    ("events", "example-cloudformation-custom-resource-create-request.json", Source::CloudFormationRequest),
    ("events", "example-cloudformation-custom-resource-delete-request.json", Source::CloudFormationRequest),
    ("events", "example-cloudformation-custom-resource-provider-create-request.json", Source::CloudFormationRequest),
    ("events", "example-cloudformation-custom-resource-provider-delete-request.json", Source::CloudFormationRequest),
    ("events", "example-cloudformation-custom-resource-provider-response.json", Source::CloudFormationProviderResponse),
    ("events", "example-cloudformation-custom-resource-provider-update-request.json", Source::CloudFormationRequest),
    ("events", "example-cloudformation-custom-resource-response.json", Source::CloudFormationResponse),
    ("events", "example-cloudformation-custom-resource-update-request.json", Source::CloudFormationRequest),
    ("events", "example-cloudwatch-alarm-composite-with-suppressor-alarm.json", Source::CloudWatchAlarm),
    ("events", "example-cloudwatch-alarm-composite.json", Source::CloudWatchAlarm),
    ("events", "example-cloudwatch-alarm-metric.json", Source::CloudWatchAlarm),
    ("events", "example-cloudwatch-alarm-sns-payload-multiple-metrics.json", Source::Sns),
    ("events", "example-cloudwatch-alarm-sns-payload-single-metric.json", Source::Sns),
    ("events", "example-cloudwatch-cloudtrail-assumed-role.json", Source::CloudTrail),
    ("events", "example-cloudwatch-cloudtrail-unknown-federate.json", Source::CloudTrail),
    ("events", "example-cloudwatch-cloudtrail-unknown-user-auth.json", Source::CloudTrail),
    ("events", "example-cloudwatch_logs-event.json", Source::CloudWatchLogs),
    ("events", "example-code_commit-event.json", Source::CodeCommit),
    ("events", "example-codebuild-phase-change.json", Source::CodeBuild),
    ("events", "example-codebuild-state-change.json", Source::CodeBuild),
    ("events", "example-codedeploy-deployment-event.json", Source::CodeDeploy),
    ("events", "example-codedeploy-instance-event.json", Source::CodeDeploy),
    ("events", "example-codedeploy-lifecycle-event.json", Source::CodeDeployLifecycle),
    ("events", "example-codepipeline-action-execution-stage-change-event.json", Source::CodePipeline),
    ("events", "example-codepipeline-execution-stage-change-event.json", Source::CodePipeline),
    ("events", "example-codepipeline-execution-state-change-event.json", Source::CodePipeline),
    ("events", "example-codepipeline_job-event.json", Source::CodePipelineJob),
    ("events", "example-cognito-event-userpools-create-auth-challenge-user-not-found.json", Source::CognitoUserPool),
    ("events", "example-cognito-event-userpools-create-auth-challenge.json", Source::CognitoUserPool),
    ("events", "example-cognito-event-userpools-custommessage.json", Source::CognitoUserPool),
    ("events", "example-cognito-event-userpools-define-auth-challenge-optional-response-fields.json", Source::CognitoUserPool),
    ("events", "example-cognito-event-userpools-define-auth-challenge-user-not-found.json", Source::CognitoUserPool),
    ("events", "example-cognito-event-userpools-define-auth-challenge.json", Source::CognitoUserPool),
    ("events", "example-cognito-event-userpools-migrateuser.json", Source::CognitoUserPool),
    ("events", "example-cognito-event-userpools-postauthentication.json", Source::CognitoUserPool),
    ("events", "example-cognito-event-userpools-postconfirmation.json", Source::CognitoUserPool),
    ("events", "example-cognito-event-userpools-preauthentication.json", Source::CognitoUserPool),
    ("events", "example-cognito-event-userpools-presignup.json", Source::CognitoUserPool),
    ("events", "example-cognito-event-userpools-pretokengen-incoming.json", Source::CognitoUserPool),
    ("events", "example-cognito-event-userpools-pretokengen-v2-incoming.json", Source::CognitoUserPool),
    ("events", "example-cognito-event-userpools-pretokengen-v2.json", Source::CognitoUserPool),
    ("events", "example-cognito-event-userpools-pretokengen.json", Source::CognitoUserPool),
    ("events", "example-cognito-event-userpools-verify-auth-challenge-null-answer-correct.json", Source::CognitoUserPool),
    ("events", "example-cognito-event-userpools-verify-auth-challenge-optional-answer-correct.json", Source::CognitoUserPool),
    ("events", "example-cognito-event-userpools-verify-auth-challenge-user-not-found.json", Source::CognitoUserPool),
    ("events", "example-cognito-event-userpools-verify-auth-challenge.json", Source::CognitoUserPool),
    ("events", "example-cognito-event.json", Source::CognitoSync),
    ("events", "example-config-event.json", Source::Config),
    ("events", "example-connect-event-without-queue.json", Source::Connect),
    ("events", "example-connect-event.json", Source::Connect),
    ("events", "example-documentdb-delete-event.json", Source::DocumentDb),
    ("events", "example-documentdb-drop-database-event.json", Source::DocumentDb),
    ("events", "example-documentdb-drop-event.json", Source::DocumentDb),
    ("events", "example-documentdb-insert-event.json", Source::DocumentDb),
    ("events", "example-documentdb-invalidate-event.json", Source::DocumentDb),
    ("events", "example-documentdb-rename-event.json", Source::DocumentDb),
    ("events", "example-documentdb-replace-event.json", Source::DocumentDb),
    ("events", "example-documentdb-update-event.json", Source::DocumentDb),
    ("events", "example-dynamodb-event-record-with-optional-fields.json", Source::DynamoDbRecord),
    ("events", "example-dynamodb-event.json", Source::DynamoDb),
    ("events", "example-ecr-image-scan-event-with-missing-severities.json", Source::Ecr),
    ("events", "example-ecr-image-scan-event.json", Source::Ecr),
    // An EC2 state change: named by its own type since `ec2` has one.
    ("events", "example-eventbridge-event-obj.json", Source::Ec2InstanceStateChange),
    ("events", "example-eventbridge-schedule.json", Source::EventBridge),
    ("events", "example-firehose-event.json", Source::Firehose),
    ("events", "example-iot-custom-auth-request.json", Source::IoTCustomAuthorizerRequest),
    ("events", "example-iot-custom-auth-response.json", Source::IoTCustomAuthorizerResponse),
    ("events", "example-iot_1_click-event.json", Source::IoTOneClick),
    ("events", "example-iot_button-event.json", Source::IoTButton),
    ("events", "example-kafka-event.json", Source::Kafka),
    ("events", "example-kinesis-event-encrypted.json", Source::Kinesis),
    ("events", "example-kinesis-event.json", Source::Kinesis),
    ("events", "example-kinesis-firehose-event.json", Source::Firehose),
    ("events", "example-kinesis-firehose-response.json", Source::FirehoseResponse),
    ("events", "example-lex-event.json", Source::Lex),
    ("events", "example-lex-response.json", Source::LexResponse),
    ("events", "example-rabbitmq-event.json", Source::RabbitMq),
    ("events", "example-s3-event-with-decoded.json", Source::S3),
    ("events", "example-s3-event.json", Source::S3),
    ("events", "example-s3-object-lambda-event-get-object-assumed-role.json", Source::S3ObjectLambda),
    ("events", "example-s3-object-lambda-event-get-object-iam.json", Source::S3ObjectLambda),
    ("events", "example-s3-object-lambda-event-head-object-iam.json", Source::S3ObjectLambda),
    ("events", "example-s3-object-lambda-event-list-objects-iam.json", Source::S3ObjectLambda),
    ("events", "example-s3-object-lambda-event-list-objects-v2-iam.json", Source::S3ObjectLambda),
    ("events", "example-secretsmanager-secret-rotation-event.json", Source::SecretsManager),
    ("events", "example-ses-event.json", Source::Ses),
    ("events", "example-ses-lambda-event.json", Source::Ses),
    ("events", "example-ses-s3-event.json", Source::Ses),
    ("events", "example-ses-sns-event.json", Source::Ses),
    ("events", "example-sns-event-obj.json", Source::Sns),
    ("events", "example-sns-event-pascal-case.json", Source::Sns),
    ("events", "example-sns-event.json", Source::Sns),
    ("events", "example-sqs-api-event-obj.json", Source::SqsApi),
    ("events", "example-sqs-batch-response.json", Source::BatchResponse),
    ("events", "example-sqs-event-obj.json", Source::Sqs),
    ("events", "example-sqs-event.json", Source::Sqs),
    ("http", "alb_health_check.json", Source::Alb),
    ("http", "alb_multi_value_request.json", Source::Alb),
    ("http", "alb_multi_value_request_encoded_query_parameters.json", Source::Alb),
    ("http", "alb_no_host.json", Source::Alb),
    ("http", "alb_request.json", Source::Alb),
    ("http", "alb_request_encoded_query_parameters.json", Source::Alb),
    ("http", "apigw_multi_value_proxy_request.json", Source::ApiGatewayRest),
    ("http", "apigw_no_host.json", Source::ApiGatewayRest),
    ("http", "apigw_proxy_request.json", Source::ApiGatewayRest),
    ("http", "apigw_request_path_with_space.json", Source::ApiGatewayHttp),
    ("http", "apigw_v2_proxy_request.json", Source::ApiGatewayHttp),
    ("http", "apigw_v2_proxy_request_minimal.json", Source::ApiGatewayHttp),
    ("http", "apigw_v2_proxy_request_with_stage_in_path.json", Source::ApiGatewayHttp),
    ("http", "apigw_v2_sam_local.json", Source::ApiGatewayHttp),
    ("http", "lambda_function_url_request.json", Source::LambdaFunctionUrl),
];

#[test]
fn every_fixture_is_detected() {
    let mut failures = Vec::new();
    for (dir, file, want) in CASES {
        let path = format!("{}/{file}", if *dir == "http" { HTTP } else { EVENTS });
        let bytes = std::fs::read(&path).unwrap();
        let got = detect(&bytes);
        if got != Some(*want) {
            failures.push(format!("{file}: detected {got:?}, expected {want:?}"));
        }
    }
    let listed: BTreeSet<(&str, &str)> = CASES.iter().map(|(d, f, _)| (*d, *f)).collect();
    for (dir, name) in [("events", EVENTS), ("http", HTTP)] {
        for entry in std::fs::read_dir(name).unwrap() {
            let file = entry.unwrap().file_name().into_string().unwrap();
            if file.ends_with(".json") && !listed.contains(&(dir, file.as_str())) {
                failures.push(format!("{dir}/{file}: not in the detection table"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_prefix_is_rejected_or_stable() {
    // Truncated input is never a panic, and never a different source than a full document of
    // the same prefix could be: it is `None` unless brackets happen to balance.
    for (dir, file, _) in CASES {
        let path = format!("{}/{file}", if *dir == "http" { HTTP } else { EVENTS });
        let bytes = std::fs::read(&path).unwrap();
        for n in 0..bytes.len() {
            let _ = detect(&bytes[..n]);
        }
    }
}

/// An IoT custom authorizer request without `protocolData` (the key the fixture is detected
/// by): `token` and `signatureVerified` must be enough.
const IOT_REQUEST_WITHOUT_PROTOCOL_DATA: &str = r#"{
  "token": "aToken",
  "signatureVerified": true,
  "protocols": ["mqtt"],
  "connectionMetadata": {"id": "e56f08c3-c559-490f-aa9f-7e8427d0f57b"}
}"#;

#[test]
fn inline_events_are_detected_and_decode_as_named() {
    type Decode = fn(&mut [u8]) -> bool;
    #[rustfmt::skip]
    let cases: &[(&str, Option<Source>, Decode)] = &[
        (S3_BATCH_EVENT_V1, Some(Source::S3BatchJob), |b| from_slice::<ev::s3::S3BatchJobEvent<'_>>(b).is_ok()),
        (S3_BATCH_EVENT_V2, Some(Source::S3BatchJob), |b| from_slice::<ev::s3::S3BatchJobEvent<'_>>(b).is_ok()),
        (S3_BATCH_RESPONSE_V1, Some(Source::S3BatchJobResponse), |b| from_slice::<ev::s3::S3BatchJobResponse<'_>>(b).is_ok()),
        (S3_BATCH_RESPONSE_V2, Some(Source::S3BatchJobResponse), |b| from_slice::<ev::s3::S3BatchJobResponse<'_>>(b).is_ok()),
        (IOT_REQUEST_WITHOUT_PROTOCOL_DATA, Some(Source::IoTCustomAuthorizerRequest), |b| from_slice::<ev::iot::IoTCustomAuthorizerRequest<'_>>(b).is_ok()),
    ];
    for (text, want, decodes) in cases {
        assert_eq!(detect(text.as_bytes()), *want, "{text}");
        assert!(decodes(&mut text.as_bytes().to_vec()), "{text}");
    }
}
