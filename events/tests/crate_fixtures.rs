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
#[path = "common/tables.rs"]
mod tables;

use std::collections::BTreeSet;

use common::{enc, subset, uncovered};
use lambkin_core::json::from_slice;
use lambkin_events::{self as ev, Source, detect};
use serde_json::Value as J;
use tables::CRATE_FIXTURES;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");

#[test]
fn every_fixture_decodes_round_trips_and_is_detected() {
    let mut failures = Vec::new();
    for (file, source, decode) in CRATE_FIXTURES {
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
    let listed: BTreeSet<&str> = CRATE_FIXTURES.iter().map(|(f, _, _)| *f).collect();
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

/// The Glue details with no fixture, from the field sets AWS documents: a late job run (its
/// threshold a number or a string) and a Data Catalog table change.
#[test]
fn glue_run_status_and_catalog_changes() {
    for threshold in ["1", r#""1""#] {
        let text = format!(
            r#"{{"version":"0","id":"1","detail-type":"Glue Job Run Status","source":"aws.glue",
            "account":"123456789012","time":"2018-04-24T20:57:34Z","region":"us-east-1","resources":[],
            "detail":{{"jobName":"MyJob","severity":"INFO","notificationCondition":{{"NotifyDelayAfter":{threshold}}},
            "state":"RUNNING","jobRunId":"jr_1","message":"Job is taking more time than expected.",
            "startedOn":"2018-04-24T20:57:34.541Z"}}}}"#
        );
        assert_eq!(detect(text.as_bytes()), Some(Source::Glue));
        let mut buf = text.into_bytes();
        let e: ev::eventbridge::glue::GlueJobRunStatusEvent<'_> = from_slice(&mut buf).unwrap();
        let condition = e.detail.notification_condition.unwrap();
        assert_eq!(condition.notify_delay_after, Some(1.0));
        assert_eq!(e.detail.state, Some("RUNNING"));
    }
    let mut buf = br#"{"version":"0","id":"2","detail-type":"Glue Data Catalog Table State Change",
        "source":"aws.glue","account":"123456789012","time":"2019-01-16T18:16:01Z",
        "region":"eu-west-1","resources":["arn:aws:glue:eu-west-1:123456789012:table/d1/t1"],
        "detail":{"databaseName":"d1","changedPartitions":["[C.pdf, dir3]","[D.doc, dir4]"],
        "typeOfChange":"BatchCreatePartition","tableName":"t1"}}"#
        .to_vec();
    assert_eq!(detect(&buf), Some(Source::Glue));
    let e: ev::eventbridge::glue::GlueDataCatalogTableEvent<'_> = from_slice(&mut buf).unwrap();
    assert_eq!((e.detail.database_name, e.detail.table_name), ("d1", "t1"));
    assert_eq!(
        e.detail.changed_partitions,
        ["[C.pdf, dir3]", "[D.doc, dir4]"]
    );
}

/// GameLift's `MatchmakingSearching`, as documented (`estimatedWaitMillis` `NOT_AVAILABLE`) and
/// with a number there.
#[test]
fn gamelift_matchmaking_searching() {
    for wait in [r#""NOT_AVAILABLE""#, "1500"] {
        let text = format!(
            r#"{{"version":"0","id":"cc3d3ebe-1d90-48f8-b268-c96655b8f013",
            "detail-type":"GameLift Matchmaking Event","source":"aws.gamelift",
            "account":"123456789012","time":"2017-08-08T21:15:36.421Z","region":"us-west-2",
            "resources":["arn:aws:gamelift:us-west-2:123456789012:matchmakingconfiguration/SampleConfiguration"],
            "detail":{{"tickets":[{{"ticketId":"ticket-1","startTime":"2017-08-08T21:15:35.676Z",
            "players":[{{"playerId":"player-1"}}]}}],"estimatedWaitMillis":{wait},
            "type":"MatchmakingSearching","gameSessionInfo":{{"players":[{{"playerId":"player-1"}}]}}}}}}"#
        );
        assert_eq!(detect(text.as_bytes()), Some(Source::GameLift));
        let fixture: J = serde_json::from_str(&text).unwrap();
        let mut buf = text.into_bytes();
        let e: ev::eventbridge::gamelift::MatchmakingSearchingEvent<'_> =
            from_slice(&mut buf).unwrap();
        assert_eq!(e.detail.tickets[0].players[0].player_id, Some("player-1"));
        let ours = enc(Ok::<_, lambkin_core::json::DecodeError>(&e)).unwrap();
        assert_eq!(
            ours["detail"]["estimatedWaitMillis"],
            fixture["detail"]["estimatedWaitMillis"]
        );
        subset(&ours, &fixture, "$").unwrap();
    }
}
