//! The event decoding benchmarks: every fixture in the repository's `fixtures/events` that both
//! lambkin-events and `aws_lambda_events` have a type for, by file name.

/// Fixtures directory, the repository's `fixtures/events`.
pub const EVENTS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/events");

/// The measured fixtures, in report order: one per common event source first (the first
/// [`SMOKE_CASES`], which CI's smoke run measures), then the rest by name. See [`bench_id`].
pub const EVENT_CASES: &[&str] = &[
    "example-sqs-event.json",
    "example-sns-event.json",
    "example-s3-event.json",
    "example-apigw-request.json",
    "example-apigw-v2-request-jwt-authorizer.json",
    "example-alb-lambda-target-request-multivalue-headers.json",
    "example-dynamodb-event.json",
    "example-kinesis-event.json",
    "example-eventbridge-schedule.json",
    "example-cloudwatch_logs-event.json",
    "example-cognito-event-userpools-pretokengen.json",
    "example-kafka-event.json",
    "example-activemq-event.json",
    "example-alb-lambda-target-request-headers-only.json",
    "example-alb-lambda-target-response.json",
    "example-apigw-console-request.json",
    "example-apigw-console-test-request.json",
    "example-apigw-custom-auth-request-type-request.json",
    "example-apigw-custom-auth-request.json",
    "example-apigw-custom-auth-response-with-condition.json",
    "example-apigw-custom-auth-response-with-single-value-action.json",
    "example-apigw-custom-auth-response-with-single-value-resource.json",
    "example-apigw-custom-auth-response.json",
    "example-apigw-request-catch-all.json",
    "example-apigw-request-multi-value-parameters.json",
    "example-apigw-response.json",
    "example-apigw-restapi-openapi-request.json",
    "example-apigw-sam-http-request.json",
    "example-apigw-sam-rest-request.json",
    "example-apigw-v2-custom-authorizer-v1-request.json",
    "example-apigw-v2-custom-authorizer-v2-request-without-cookies.json",
    "example-apigw-v2-custom-authorizer-v2-request-without-identity-source.json",
    "example-apigw-v2-custom-authorizer-v2-request.json",
    "example-apigw-v2-custom-authorizer-websocket-request.json",
    "example-apigw-v2-request-iam.json",
    "example-apigw-v2-request-lambda-authorizer.json",
    "example-apigw-v2-request-multi-value-parameters.json",
    "example-apigw-v2-request-no-authorizer.json",
    "example-apigw-websocket-request-disconnect-route.json",
    "example-apigw-websocket-request-without-method.json",
    "example-apigw-websocket-request.json",
    "example-appsync-batchinvoke.json",
    "example-appsync-direct-resolver.json",
    "example-appsync-identity-cognito.json",
    "example-appsync-identity-iam.json",
    "example-appsync-invoke.json",
    "example-appsync-lambda-auth-request.json",
    "example-appsync-lambda-auth-response.json",
    "example-autoscaling-event-launch-successful.json",
    "example-autoscaling-event-launch-unsuccessful.json",
    "example-autoscaling-event-lifecycle-action.json",
    "example-autoscaling-event-terminate-action.json",
    "example-autoscaling-event-terminate-successful.json",
    "example-autoscaling-event-terminate-unsuccessful.json",
    "example-bedrock-agent-runtime-event-without-parameters.json",
    "example-bedrock-agent-runtime-event-without-request-body.json",
    "example-bedrock-agent-runtime-event.json",
    "example-clientvpn-connectionhandler-request.json",
    "example-cloudformation-custom-resource-create-request.json",
    "example-cloudformation-custom-resource-delete-request.json",
    "example-cloudformation-custom-resource-provider-create-request.json",
    "example-cloudformation-custom-resource-provider-delete-request.json",
    "example-cloudformation-custom-resource-provider-response.json",
    "example-cloudformation-custom-resource-provider-update-request.json",
    "example-cloudformation-custom-resource-response.json",
    "example-cloudformation-custom-resource-update-request.json",
    "example-cloudwatch-alarm-composite-with-suppressor-alarm.json",
    "example-cloudwatch-alarm-composite.json",
    "example-cloudwatch-alarm-metric.json",
    "example-cloudwatch-alarm-sns-payload-multiple-metrics.json",
    "example-cloudwatch-alarm-sns-payload-single-metric.json",
    "example-cloudwatch-cloudtrail-assumed-role.json",
    "example-cloudwatch-cloudtrail-unknown-federate.json",
    "example-cloudwatch-cloudtrail-unknown-user-auth.json",
    "example-code_commit-event.json",
    "example-codebuild-phase-change.json",
    "example-codebuild-state-change.json",
    "example-codedeploy-deployment-event.json",
    "example-codedeploy-instance-event.json",
    "example-codedeploy-lifecycle-event.json",
    "example-codepipeline-action-execution-stage-change-event.json",
    "example-codepipeline-execution-stage-change-event.json",
    "example-codepipeline-execution-state-change-event.json",
    "example-codepipeline_job-event.json",
    "example-cognito-event-userpools-create-auth-challenge-user-not-found.json",
    "example-cognito-event-userpools-create-auth-challenge.json",
    "example-cognito-event-userpools-custommessage.json",
    "example-cognito-event-userpools-define-auth-challenge-optional-response-fields.json",
    "example-cognito-event-userpools-define-auth-challenge-user-not-found.json",
    "example-cognito-event-userpools-define-auth-challenge.json",
    "example-cognito-event-userpools-migrateuser.json",
    "example-cognito-event-userpools-postauthentication.json",
    "example-cognito-event-userpools-postconfirmation.json",
    "example-cognito-event-userpools-preauthentication.json",
    "example-cognito-event-userpools-presignup.json",
    "example-cognito-event-userpools-pretokengen-incoming.json",
    "example-cognito-event-userpools-pretokengen-v2-incoming.json",
    "example-cognito-event-userpools-pretokengen-v2.json",
    "example-cognito-event-userpools-verify-auth-challenge-null-answer-correct.json",
    "example-cognito-event-userpools-verify-auth-challenge-optional-answer-correct.json",
    "example-cognito-event-userpools-verify-auth-challenge-user-not-found.json",
    "example-cognito-event-userpools-verify-auth-challenge.json",
    "example-cognito-event.json",
    "example-config-event.json",
    "example-connect-event-without-queue.json",
    "example-connect-event.json",
    "example-documentdb-delete-event.json",
    "example-documentdb-drop-database-event.json",
    "example-documentdb-drop-event.json",
    "example-documentdb-insert-event.json",
    "example-documentdb-invalidate-event.json",
    "example-documentdb-rename-event.json",
    "example-documentdb-replace-event.json",
    "example-documentdb-update-event.json",
    "example-dynamodb-event-record-with-optional-fields.json",
    "example-ecr-image-scan-event-with-missing-severities.json",
    "example-ecr-image-scan-event.json",
    "example-eventbridge-event-obj.json",
    "example-firehose-event.json",
    "example-iot-custom-auth-request.json",
    "example-iot-custom-auth-response.json",
    "example-iot_1_click-event.json",
    "example-iot_button-event.json",
    "example-kinesis-event-encrypted.json",
    "example-kinesis-firehose-event.json",
    "example-kinesis-firehose-response.json",
    "example-lex-event.json",
    "example-lex-response.json",
    "example-rabbitmq-event.json",
    "example-s3-event-with-decoded.json",
    "example-s3-object-lambda-event-get-object-assumed-role.json",
    "example-s3-object-lambda-event-get-object-iam.json",
    "example-s3-object-lambda-event-head-object-iam.json",
    "example-s3-object-lambda-event-list-objects-iam.json",
    "example-s3-object-lambda-event-list-objects-v2-iam.json",
    "example-secretsmanager-secret-rotation-event.json",
    "example-ses-event.json",
    "example-ses-lambda-event.json",
    "example-ses-s3-event.json",
    "example-ses-sns-event.json",
    "example-sns-event-obj.json",
    "example-sns-event-pascal-case.json",
    "example-sqs-batch-response.json",
    "example-sqs-event-obj.json",
];

/// How many of [`EVENT_CASES`] (from the start) the smoke run measures.
pub const SMOKE_CASES: usize = 12;

/// Fixtures in `fixtures/events` left out, with why: `aws_lambda_events` has no type that
/// decodes them, so there is nothing to compare against.
pub const SKIPPED: &[(&str, &str)] = &[(
    "example-sqs-api-event-obj.json",
    "PascalCase keys: its `SqsApiEvent` expects camelCase, and `SqsApiEventObj` also parses each \
     body as JSON, a different job",
)];

/// The gungraun benchmark id of the fixture at `index` in [`EVENT_CASES`]: `smoke_<i>` for the
/// first [`SMOKE_CASES`], `rest_<i>` after them (numbered by gungraun's `iter`, from 0 in each).
pub fn bench_id(index: usize) -> String {
    match index.checked_sub(SMOKE_CASES) {
        None => format!("smoke_{index}"),
        Some(i) => format!("rest_{i}"),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::std_instead_of_alloc)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// Every fixture is measured or listed as skipped, once.
    #[test]
    fn every_fixture_is_accounted_for() {
        let on_disk: BTreeSet<String> = std::fs::read_dir(EVENTS_DIR)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        let mut listed = BTreeSet::new();
        for f in EVENT_CASES.iter().chain(SKIPPED.iter().map(|(f, _)| f)) {
            assert!(listed.insert((*f).to_owned()), "{f} is listed twice");
        }
        assert_eq!(on_disk, listed);
        assert!(SMOKE_CASES <= EVENT_CASES.len());
    }
}
