//! CloudWatch alarm state changes: the Lambda-action event, and the message of alarms that
//! notify through SNS (JSON inside the SNS `Message`).

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::{Map, Value};

/// An alarm state change delivered to a Lambda alarm action (metric or composite alarm).
/// Through EventBridge the envelope fields (`id`, `detail-type`, `resources`) are also set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CloudWatchAlarm<'a> {
    /// EventBridge version.
    pub version: Option<&'a str>,
    /// EventBridge id.
    pub id: Option<&'a str>,
    /// EventBridge detail type.
    #[serde(rename = "detail-type")]
    pub detail_type: Option<&'a str>,
    /// `aws.cloudwatch`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub source: &'a str,
    /// Alarm ARN.
    pub alarm_arn: Option<&'a str>,
    /// Account (alarm action).
    pub account_id: Option<&'a str>,
    /// Account (EventBridge).
    pub account: Option<&'a str>,
    /// When (CloudWatch's own format, e.g. `2023-08-04T12:36:15.490+0000`).
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub time: &'a str,
    /// Region.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub region: &'a str,
    /// EventBridge resources.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub resources: Vec<&'a str>,
    /// The alarm.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub alarm_data: CloudWatchAlarmData<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `alarmData`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CloudWatchAlarmData<'a> {
    /// Name.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub alarm_name: &'a str,
    /// New state.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub state: CloudWatchAlarmState<'a>,
    /// Previous state.
    #[serde(borrow)]
    pub previous_state: Option<CloudWatchAlarmState<'a>>,
    /// Metric or composite configuration (free-form: it differs by alarm kind).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub configuration: Value<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// An alarm state.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct CloudWatchAlarmState<'a> {
    /// `OK`, `ALARM`, `INSUFFICIENT_DATA`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub value: &'a str,
    /// Reason.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub reason: &'a str,
    /// JSON in a string; decode with [`decode_json_str`](crate::decode_json_str).
    pub reason_data: Option<&'a str>,
    /// When.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub timestamp: &'a str,
    /// What suppressed the actions (composite alarms).
    pub actions_suppressed_by: Option<&'a str>,
    /// Why.
    pub actions_suppressed_reason: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The JSON of an alarm notification carried in an SNS `Message`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CloudWatchAlarmSnsPayload<'a> {
    /// Name.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub alarm_name: &'a str,
    /// Description.
    pub alarm_description: Option<&'a str>,
    /// Account.
    #[serde(
        rename = "AWSAccountId",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub aws_account_id: &'a str,
    /// New state.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub new_state_value: &'a str,
    /// Why.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub new_state_reason: &'a str,
    /// When.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub state_change_time: &'a str,
    /// Region.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub region: &'a str,
    /// Alarm ARN.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub alarm_arn: &'a str,
    /// Old state.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub old_state_value: &'a str,
    /// The trigger (metric, thresholds, expressions).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub trigger: Map<'a, Value<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
