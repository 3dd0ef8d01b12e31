//! The signatures [`detect`](super::detect) matches, as data: an ordered list of rules, each a
//! set of conditions that must all hold and the source they name. The first rule that holds
//! wins, so order settles the shapes that overlap; those are noted where they stand.

use super::Source;
use super::keys::{Keys, keys};
use super::scan::Found;
use crate::shape;

/// A string value [`scan`](super::scan::scan) notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    /// Top-level `source` (EventBridge).
    Source,
    /// Top-level `detail-type` (EventBridge).
    DetailType,
    /// Top-level `eventSource` (event source mappings without `Records`).
    EventSource,
    /// Top-level `triggerSource` (Cognito user pools).
    TriggerSource,
    /// Top-level `type` (API Gateway authorizers).
    Type,
    /// The first record's `eventSource` or `EventSource`.
    RecordSource,
}

/// One condition of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum When {
    /// The top-level object has every one of these keys (with a value other than `null`).
    Top(Keys),
    /// The top-level object lacks at least one of these keys.
    NotTop(Keys),
    /// The first element of `Records` has every one of these keys.
    Record(Keys),
    /// The field says this word (compared unescaped).
    Is(Field, &'static [u8]),
    /// The field begins with this word.
    Prefix(Field, &'static [u8]),
    /// The field is there and not empty.
    Present(Field),
}

/// What a rule that holds gives.
#[derive(Debug, Clone, Copy)]
pub(super) enum Then {
    /// This source.
    Is(Source),
    /// The HTTP shape `crate::shape::classify` gives (the `http` adapter's rule); when it gives
    /// none, the next rules are tried.
    Http,
    /// No source: the document claims a family (a `Records` array, an `eventSource`) whose
    /// member is unknown, so no later, looser rule may claim it.
    Unknown,
}

/// A rule: all of `when`, then `then`.
pub(super) type Rule = (&'static [When], Then);

use Field as F;
use Then::{Http, Is as To, Unknown};
use When::{Is, NotTop, Prefix, Present, Record, Top};

/// The rules, in order.
#[rustfmt::skip]
pub(super) const RULES: &[Rule] = &[
    // Stream and notification records: by the first record's `eventSource`, else by the key
    // that holds its payload (SNS writes `EventSource`, S3 test events carry none).
    // Tumbling windows: the stream's records, with the window beside them.
    (&[Top(keys![b"Records", b"window"]), Is(F::RecordSource, b"aws:kinesis")], To(Source::KinesisTimeWindow)),
    (&[Top(keys![b"Records", b"window"]), Is(F::RecordSource, b"aws:dynamodb")], To(Source::DynamoDbTimeWindow)),
    (&[Top(keys![b"Records"]), Is(F::RecordSource, b"aws:sqs")], To(Source::Sqs)),
    (&[Top(keys![b"Records"]), Is(F::RecordSource, b"aws:sns")], To(Source::Sns)),
    (&[Top(keys![b"Records"]), Is(F::RecordSource, b"aws:s3")], To(Source::S3)),
    (&[Top(keys![b"Records"]), Is(F::RecordSource, b"aws:kinesis")], To(Source::Kinesis)),
    (&[Top(keys![b"Records"]), Is(F::RecordSource, b"aws:dynamodb")], To(Source::DynamoDb)),
    (&[Top(keys![b"Records"]), Is(F::RecordSource, b"aws:ses")], To(Source::Ses)),
    (&[Top(keys![b"Records"]), Is(F::RecordSource, b"aws:codecommit")], To(Source::CodeCommit)),
    (&[Top(keys![b"Records"]), Record(keys![b"s3"])], To(Source::S3)),
    (&[Top(keys![b"Records"]), Record(keys![b"Sns"])], To(Source::Sns)),
    (&[Top(keys![b"Records"]), Record(keys![b"kinesis"])], To(Source::Kinesis)),
    (&[Top(keys![b"Records"]), Record(keys![b"dynamodb"])], To(Source::DynamoDb)),
    (&[Top(keys![b"Records"]), Record(keys![b"ses"])], To(Source::Ses)),
    (&[Top(keys![b"Records"]), Record(keys![b"codecommit"])], To(Source::CodeCommit)),
    (&[Top(keys![b"Records"])], Unknown),
    (&[Top(keys![b"Messages"])], To(Source::SqsApi)),
    (&[Top(keys![b"batchItemFailures", b"state"])], To(Source::TimeWindowResponse)),
    (&[Top(keys![b"batchItemFailures"])], To(Source::BatchResponse)),
    (&[Top(keys![b"invocationSchemaVersion", b"tasks"])], To(Source::S3BatchJob)),
    (&[Top(keys![b"treatMissingKeysAs"])], To(Source::S3BatchJobResponse)),
    (&[Top(keys![b"invocationSchemaVersion", b"results"])], To(Source::S3BatchJobResponse)),
    (&[Top(keys![b"awslogs"])], To(Source::CloudWatchLogs)),
    (&[Top(keys![b"CodePipeline.job"])], To(Source::CodePipelineJob)),
    (&[Top(keys![b"alarmData"])], To(Source::CloudWatchAlarm)),
    // EventBridge: by `source` for the services with their own type, else the envelope.
    (&[Top(keys![b"detail-type", b"detail"]), Is(F::Source, b"aws.autoscaling")], To(Source::AutoScaling)),
    (&[Top(keys![b"detail-type", b"detail"]), Is(F::Source, b"aws.codebuild")], To(Source::CodeBuild)),
    (&[Top(keys![b"detail-type", b"detail"]), Is(F::Source, b"aws.codedeploy")], To(Source::CodeDeploy)),
    (&[Top(keys![b"detail-type", b"detail"]), Is(F::Source, b"aws.codepipeline")], To(Source::CodePipeline)),
    (&[Top(keys![b"detail-type", b"detail"]), Is(F::Source, b"aws.ecr"), Is(F::DetailType, b"ECR Image Action")], To(Source::EcrImageAction)),
    (&[Top(keys![b"detail-type", b"detail"]), Is(F::Source, b"aws.ecr")], To(Source::Ecr)),
    (&[Top(keys![b"detail-type", b"detail"]), Is(F::Source, b"aws.ec2"), Is(F::DetailType, b"EC2 Instance State-change Notification")], To(Source::Ec2InstanceStateChange)),
    (&[Top(keys![b"detail-type", b"detail"]), Is(F::Source, b"aws.ecs"), Is(F::DetailType, b"ECS Container Instance State Change")], To(Source::EcsContainerInstance)),
    (&[Top(keys![b"detail-type", b"detail"]), Is(F::Source, b"aws.emr")], To(Source::Emr)),
    (&[Top(keys![b"detail-type", b"detail"]), Is(F::Source, b"aws.opsworks")], To(Source::OpsWorks)),
    (&[Top(keys![b"detail-type", b"detail"]), Is(F::Source, b"aws.gamelift")], To(Source::GameLift)),
    (&[Top(keys![b"detail-type", b"detail"]), Is(F::Source, b"aws.glue")], To(Source::Glue)),
    (&[Top(keys![b"detail-type", b"detail"]), Is(F::Source, b"aws.ssm")], To(Source::Ssm)),
    (&[Top(keys![b"detail-type", b"detail"]), Is(F::Source, b"aws.health")], To(Source::Health)),
    (&[Top(keys![b"detail-type", b"detail"]), Is(F::Source, b"aws.kms")], To(Source::Kms)),
    (&[Top(keys![b"detail-type", b"detail"]), Is(F::Source, b"aws.sms")], To(Source::ServerMigration)),
    (&[Top(keys![b"detail-type", b"detail"]), Is(F::Source, b"aws.signin")], To(Source::SignIn)),
    (&[Top(keys![b"detail-type", b"detail"]), Is(F::Source, b"aws.tag")], To(Source::TagChange)),
    (&[Top(keys![b"detail-type", b"detail"]), Is(F::Source, b"aws.trustedadvisor")], To(Source::TrustedAdvisor)),
    (&[Top(keys![b"detail-type", b"detail"])], To(Source::EventBridge)),
    (&[Top(keys![b"triggerSource", b"userPoolId"]), Prefix(F::TriggerSource, b"CustomEmailSender_")], To(Source::CognitoCustomEmailSender)),
    (&[Top(keys![b"triggerSource", b"userPoolId"]), Prefix(F::TriggerSource, b"CustomSMSSender_")], To(Source::CognitoCustomSmsSender)),
    (&[Top(keys![b"triggerSource", b"userPoolId"])], To(Source::CognitoUserPool)),
    (&[Top(keys![b"datasetRecords"])], To(Source::CognitoSync)),
    (&[Top(keys![b"RequestType", b"LogicalResourceId"])], To(Source::CloudFormationRequest)),
    (&[Top(keys![b"Status", b"PhysicalResourceId"])], To(Source::CloudFormationResponse)),
    // A provider-framework response may carry only `PhysicalResourceId`, or only `Data`.
    (&[Top(keys![b"PhysicalResourceId"])], To(Source::CloudFormationProviderResponse)),
    (&[Top(keys![b"NoEcho", b"Data"])], To(Source::CloudFormationProviderResponse)),
    (&[Top(keys![b"dynamodb"])], To(Source::DynamoDbRecord)),
    (&[Top(keys![b"eventVersion", b"userIdentity", b"eventName"])], To(Source::CloudTrail)),
    // Event source mappings without `Records` name themselves in `eventSource`; an HTTP
    // request never has one, but a `requestContext` beside it means the key is user data.
    (&[Is(F::EventSource, b"aws:kafka"), NotTop(keys![b"requestContext"])], To(Source::Kafka)),
    (&[Is(F::EventSource, b"SelfManagedKafka"), NotTop(keys![b"requestContext"])], To(Source::SelfManagedKafka)),
    (&[Is(F::EventSource, b"aws:SelfManagedKafka"), NotTop(keys![b"requestContext"])], To(Source::SelfManagedKafka)),
    (&[Is(F::EventSource, b"aws:mq"), NotTop(keys![b"requestContext"])], To(Source::ActiveMq)),
    (&[Is(F::EventSource, b"aws:rmq"), NotTop(keys![b"requestContext"])], To(Source::RabbitMq)),
    (&[Is(F::EventSource, b"aws:docdb"), NotTop(keys![b"requestContext"])], To(Source::DocumentDb)),
    (&[Present(F::EventSource), NotTop(keys![b"requestContext"])], Unknown),
    (&[Top(keys![b"Step", b"SecretId"])], To(Source::SecretsManager)),
    (&[Top(keys![b"configRuleId"])], To(Source::Config)),
    (&[Top(keys![b"Details", b"Name"])], To(Source::Connect)),
    (&[Top(keys![b"connection-id"])], To(Source::ClientVpn)),
    (&[Top(keys![b"Sender", b"Discussion"])], To(Source::ChimeBot)),
    (&[Top(keys![b"agent", b"actionGroup"])], To(Source::BedrockAgent)),
    (&[Top(keys![b"protocolData"])], To(Source::IoTCustomAuthorizerRequest)),
    (&[Top(keys![b"token", b"signatureVerified"])], To(Source::IoTCustomAuthorizerRequest)),
    // The first IoT request format: contexts at the top level, or the token's signature.
    (&[Top(keys![b"tokenSignature"])], To(Source::IoTCustomAuthorizerRequestDeprecated)),
    (&[Top(keys![b"mqttContext"])], To(Source::IoTCustomAuthorizerRequestDeprecated)),
    (&[Top(keys![b"tlsContext"])], To(Source::IoTCustomAuthorizerRequestDeprecated)),
    (&[Top(keys![b"httpContext"])], To(Source::IoTCustomAuthorizerRequestDeprecated)),
    (&[Top(keys![b"isAuthenticated", b"policyDocuments"])], To(Source::IoTCustomAuthorizerResponse)),
    (&[Top(keys![b"claimCertificateId", b"templateArn"])], To(Source::IoTPreProvisionHookRequest)),
    (&[Top(keys![b"allowProvisioning"])], To(Source::IoTPreProvisionHookResponse)),
    (&[Top(keys![b"deviceEvent"])], To(Source::IoTOneClick)),
    (&[Top(keys![b"serialNumber", b"clickType"])], To(Source::IoTButton)),
    (&[Top(keys![b"currentIntent"])], To(Source::Lex)),
    (&[Top(keys![b"dialogAction"])], To(Source::LexResponse)),
    (&[Top(keys![b"operation", b"payload"])], To(Source::AppSyncResolverTemplate)),
    (&[Top(keys![b"info", b"arguments"])], To(Source::AppSyncDirectResolver)),
    (&[Top(keys![b"info", b"identity"])], To(Source::AppSyncDirectResolver)),
    // Ambiguous: a body with only `isAuthorized` is an AppSync authorizer response or an HTTP
    // API simple authorizer response (`ApiGatewayV2CustomAuthorizerSimpleResponse`), the same
    // shape but for `context` and `resolverContext`. AppSync's is named: it is the one with
    // more fields, and the HTTP API's is a response a function returns, rarely one it receives.
    (&[Top(keys![b"isAuthorized"])], To(Source::AppSyncAuthorizerResponse)),
    (&[Top(keys![b"cognitoIdentityAuthType"])], To(Source::AppSyncIamIdentity)),
    (&[Top(keys![b"accountId", b"userArn"])], To(Source::AppSyncIamIdentity)),
    (&[Top(keys![b"sub", b"issuer"])], To(Source::AppSyncCognitoIdentity)),
    (&[Top(keys![b"invocationId", b"deliveryStreamArn"])], To(Source::Firehose)),
    (&[Top(keys![b"invocationId", b"applicationArn"])], To(Source::KinesisAnalyticsOutputDelivery)),
    // Ambiguous: a top-level `records` array alone is a Firehose transformation response; a
    // Kinesis Analytics output delivery response has the same shape (records of `recordId`
    // and `result`, without `data`) and is named as one.
    (&[Top(keys![b"records"])], To(Source::FirehoseResponse)),
    (&[Top(keys![b"xAmzRequestId"])], To(Source::S3ObjectLambda)),
    (&[Top(keys![b"DeploymentId", b"LifecycleEventHookExecutionId"])], To(Source::CodeDeployLifecycle)),
    (&[Top(keys![b"principalId", b"policyDocument"])], To(Source::ApiGatewayAuthorizerResponse)),
    (&[Is(F::Type, b"TOKEN")], To(Source::ApiGatewayAuthorizerToken)),
    (&[Is(F::Type, b"REQUEST"), Top(keys![b"routeArn"])], To(Source::ApiGatewayAuthorizerV2)),
    (&[Is(F::Type, b"REQUEST")], To(Source::ApiGatewayAuthorizerRequest)),
    (&[Top(keys![b"authorizationToken", b"requestContext"])], To(Source::AppSyncAuthorizerRequest)),
    (&[], Http),
    // Ambiguous: a VPC Lattice response has an ALB response's shape and is named as one.
    (&[Top(keys![b"statusCode", b"statusDescription"])], To(Source::AlbResponse)),
    (&[Top(keys![b"statusCode"])], To(Source::ApiGatewayResponse)),
];

impl When {
    /// Whether the condition holds for what the scan found.
    pub(super) fn holds(self, f: &Found<'_>) -> bool {
        match self {
            Self::Top(k) => f.top.has(k),
            Self::NotTop(k) => !f.top.has(k),
            Self::Record(k) => f.record.has(k),
            Self::Is(field, word) => f.field(field).is(word),
            Self::Prefix(field, word) => f.field(field).starts_with(word),
            Self::Present(field) => !f.field(field).is_empty(),
        }
    }
}

/// The first rule of [`RULES`] that holds, and what it gives.
pub(super) fn apply(f: &Found<'_>) -> Option<Source> {
    for (when, then) in RULES {
        if !when.iter().all(|w| w.holds(f)) {
            continue;
        }
        match then {
            Then::Is(source) => return Some(*source),
            Then::Unknown => return None,
            Then::Http => {
                if let Some(shape) = shape::classify(&f.http_marks()) {
                    return Some(Source::from(shape));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether every document that meets all of `conds` meets `c`.
    fn implied(conds: &[When], c: When) -> bool {
        conds.iter().any(|&d| match (d, c) {
            (When::Top(have), When::Top(want)) | (When::Record(have), When::Record(want)) => {
                have.has(want)
            }
            (When::Is(f, _) | When::Prefix(f, _), When::Present(g)) => f == g,
            (When::Is(f, word), When::Prefix(g, prefix)) => f == g && word.starts_with(prefix),
            _ => d == c,
        })
    }

    /// No rule is dead: none is preceded by a rule that holds whenever it does (an `Http` rule
    /// falls through when no shape matches, so it hides nothing).
    #[test]
    fn no_rule_is_shadowed() {
        for (i, (when, _)) in RULES.iter().enumerate() {
            for (j, (earlier, then)) in RULES.iter().take(i).enumerate() {
                if matches!(then, Then::Http) {
                    continue;
                }
                let shadowed = earlier.iter().all(|&c| implied(when, c));
                assert!(
                    !shadowed,
                    "rule {i} ({when:?}) is hidden by rule {j} ({earlier:?})"
                );
            }
        }
    }
}
