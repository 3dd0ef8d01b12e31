//! The sources with a fixture in the crate's own `fixtures/` (see its README): each file
//! decodes with its type, losing nothing and adding nothing; re-encodes to JSON equal in
//! meaning; and `detect` names its source. The file → type table is explicit; a file with no
//! entry, or an entry with no file, fails.
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

use common::{enc, subset, uncovered};
use lambkin_core::json::from_slice;
use lambkin_events::{self as ev, Source, detect};
use serde_json::Value as J;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");

type Decode = fn(&mut [u8]) -> Result<J, String>;

#[rustfmt::skip]
const FIXTURES: &[(&str, Option<Source>, Decode)] = &[
    ("example-chime-bot-event.json", Some(Source::ChimeBot), |b| enc(from_slice::<ev::chime_bot::ChimeBotEvent<'_>>(b))),
    // A policy document is part of a response, not an event: nothing to detect.
    ("example-ecs-container-instance-state-change.json", Some(Source::EcsContainerInstance), |b| enc(from_slice::<ev::eventbridge::ecs::EcsContainerInstanceEvent<'_>>(b))),
    ("example-eventbridge-ec2-instance-state-change.json", Some(Source::Ec2InstanceStateChange), |b| enc(from_slice::<ev::eventbridge::ec2::Ec2InstanceStateChangeEvent<'_>>(b))),
    ("example-eventbridge-emr-cluster-state-change.json", Some(Source::Emr), |b| enc(from_slice::<ev::eventbridge::emr::EmrClusterStateEvent<'_>>(b))),
    ("example-eventbridge-health.json", Some(Source::Health), |b| enc(from_slice::<ev::eventbridge::health::HealthEvent<'_>>(b))),
    ("example-eventbridge-kms-cmk-rotation.json", Some(Source::Kms), |b| enc(from_slice::<ev::eventbridge::kms::KmsKeyEvent<'_>>(b))),
    ("example-eventbridge-opsworks-instance-state-change.json", Some(Source::OpsWorks), |b| enc(from_slice::<ev::eventbridge::opsworks::OpsWorksInstanceEvent<'_>>(b))),
    ("example-eventbridge-server-migration.json", Some(Source::ServerMigration), |b| enc(from_slice::<ev::eventbridge::server_migration::ServerMigrationEvent<'_>>(b))),
    ("example-eventbridge-signin.json", Some(Source::SignIn), |b| enc(from_slice::<ev::eventbridge::signin::SignInEvent<'_>>(b))),
    ("example-eventbridge-tag-change.json", Some(Source::TagChange), |b| enc(from_slice::<ev::eventbridge::tag::TagChangeEvent<'_>>(b))),
    ("example-eventbridge-trusted-advisor.json", Some(Source::TrustedAdvisor), |b| enc(from_slice::<ev::eventbridge::trusted_advisor::TrustedAdvisorEvent<'_>>(b))),
    ("example-dynamodb-time-window-event.json", Some(Source::DynamoDbTimeWindow), |b| enc(from_slice::<ev::dynamodb::DynamoDbTimeWindowEvent<'_>>(b))),
    ("example-kinesis-time-window-event.json", Some(Source::KinesisTimeWindow), |b| enc(from_slice::<ev::kinesis::KinesisTimeWindowEvent<'_>>(b))),
    ("example-time-window-response.json", Some(Source::TimeWindowResponse), |b| enc(from_slice::<ev::TimeWindowResponse<'_>>(b))),
    ("example-iam-policy-document.json", None, |b| enc(from_slice::<ev::iam::IamPolicyDocument<'_>>(b))),
    ("example-iot-custom-auth-deprecated-request.json", Some(Source::IoTCustomAuthorizerRequestDeprecated), |b| enc(from_slice::<ev::iot_deprecated::IoTCustomAuthorizerRequest<'_>>(b))),
    ("example-cognito-custom-email-sender-event.json", Some(Source::CognitoCustomEmailSender), |b| enc(from_slice::<ev::cognito::CustomEmailSenderEvent<'_>>(b))),
    ("example-cognito-custom-sms-sender-event.json", Some(Source::CognitoCustomSmsSender), |b| enc(from_slice::<ev::cognito::CustomSmsSenderEvent<'_>>(b))),
    ("example-ecr-image-action-event.json", Some(Source::EcrImageAction), |b| enc(from_slice::<ev::eventbridge::ecr_image_action::EcrImageActionEvent<'_>>(b))),
    ("example-iot-preprovision-hook-request.json", Some(Source::IoTPreProvisionHookRequest), |b| enc(from_slice::<ev::iot_preprovision_hook::IoTPreProvisionHookRequest<'_>>(b))),
    ("example-iot-preprovision-hook-response.json", Some(Source::IoTPreProvisionHookResponse), |b| enc(from_slice::<ev::iot_preprovision_hook::IoTPreProvisionHookResponse<'_>>(b))),
    ("example-kinesis-analytics-output-delivery-event.json", Some(Source::KinesisAnalyticsOutputDelivery), |b| enc(from_slice::<ev::kinesis_analytics::KinesisAnalyticsOutputDeliveryEvent<'_>>(b))),
    // Same shape as a Firehose response: detected as one (see `Source`).
    ("example-kinesis-analytics-output-delivery-response.json", Some(Source::FirehoseResponse), |b| enc(from_slice::<ev::kinesis_analytics::KinesisAnalyticsOutputDeliveryResponse<'_>>(b))),
    ("example-self-managed-kafka-event.json", Some(Source::SelfManagedKafka), |b| enc(from_slice::<ev::kafka::SelfManagedKafkaEvent<'_>>(b))),
];

#[test]
fn every_fixture_decodes_round_trips_and_is_detected() {
    let mut failures = Vec::new();
    for (file, source, decode) in FIXTURES {
        let bytes = std::fs::read(format!("{DIR}/{file}")).unwrap();
        let fixture: J = serde_json::from_slice(&bytes).unwrap();
        if detect(&bytes) != *source {
            failures.push(format!(
                "{file}: detected {:?}, expected {source:?}",
                detect(&bytes)
            ));
        }
        let ours = match decode(&mut bytes.clone()) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{file}: {e}"));
                continue;
            }
        };
        // Equal in meaning: nothing decoded that the fixture lacks, nothing the fixture has
        // that was not decoded (an empty value standing for an absent one).
        if let Err(e) = subset(&ours, &fixture, "$") {
            failures.push(format!("{file}: {e}"));
        }
        let mut missing = Vec::new();
        uncovered(&ours, &fixture, "$", &mut missing);
        if !missing.is_empty() {
            failures.push(format!("{file}: not decoded: {missing:?}"));
        }
    }
    let listed: BTreeSet<&str> = FIXTURES.iter().map(|(f, _, _)| *f).collect();
    for entry in std::fs::read_dir(DIR).unwrap() {
        let file = entry.unwrap().file_name().into_string().unwrap();
        if file.ends_with(".json") && !listed.contains(file.as_str()) {
            failures.push(format!("{file}: not in the table"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Self-managed Kafka as some deliveries write it: `aws:SelfManagedKafka`, and the partition
/// as a string.
#[test]
fn self_managed_kafka_variants() {
    let text = std::fs::read_to_string(format!("{DIR}/example-self-managed-kafka-event.json"))
        .unwrap()
        .replace(r#""SelfManagedKafka""#, r#""aws:SelfManagedKafka""#)
        .replace(r#""partition": 0"#, r#""partition": "0""#);
    assert_eq!(detect(text.as_bytes()), Some(Source::SelfManagedKafka));
    let mut buf = text.into_bytes();
    let e: ev::kafka::SelfManagedKafkaEvent<'_> = from_slice(&mut buf).unwrap();
    let record = &e.records.get("mytopic-0").unwrap()[0];
    assert_eq!((record.partition, record.offset), (0, 15));
    assert_eq!(
        record.headers[0].get("headerKey").unwrap().as_slice(),
        b"headerValue"
    );
}

/// The account-takeover notification carries no code; an ECR delete of an untagged image no
/// tag. Both decode.
#[test]
fn documented_absences() {
    let text = std::fs::read_to_string(format!("{DIR}/example-cognito-custom-email-sender-event.json"))
        .unwrap()
        .replace("CustomEmailSender_SignUp", "CustomEmailSender_AccountTakeOverNotification")
        .replace(r#""code": "AYADeBgXyvl7tzzrcUNA1bS7CLYAgQACABVhd3MtY3J5cHRvLXB1YmxpYy1rZXkAREExRXhhbXBsZUtleQ==","#, "");
    assert_eq!(
        detect(text.as_bytes()),
        Some(Source::CognitoCustomEmailSender)
    );
    let mut buf = text.into_bytes();
    let e: ev::cognito::CustomEmailSenderEvent<'_> = from_slice(&mut buf).unwrap();
    assert_eq!(e.request.code, None);
    assert_eq!(e.request.kind, "customEmailSenderRequestV1");

    let text = std::fs::read_to_string(format!("{DIR}/example-ecr-image-action-event.json"))
        .unwrap()
        .replace(r#""action-type": "PUSH","#, r#""action-type": "DELETE""#)
        .replace(r#""image-tag": "latest""#, "");
    let mut buf = text.into_bytes();
    let e: ev::eventbridge::ecr_image_action::EcrImageActionEvent<'_> =
        from_slice(&mut buf).unwrap();
    assert_eq!(
        (e.detail.action_type, e.detail.image_tag),
        (Some("DELETE"), None)
    );
}
