//! AWS Config custom rules.

use serde::{Deserialize, Serialize};

/// A Config rule evaluation request. `invokingEvent` and `ruleParameters` are JSON in strings;
/// decode them with [`decode_json_str`](crate::decode_json_str).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct ConfigEvent<'a> {
    /// Account.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub account_id: &'a str,
    /// Rule ARN.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub config_rule_arn: &'a str,
    /// Rule id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub config_rule_id: &'a str,
    /// Rule name.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub config_rule_name: &'a str,
    /// Whether the resource left the rule's scope.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub event_left_scope: bool,
    /// Role to use.
    pub execution_role_arn: Option<&'a str>,
    /// The configuration item or snapshot notification, JSON text.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub invoking_event: &'a str,
    /// Token for `PutEvaluations`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub result_token: &'a str,
    /// Rule parameters, JSON text.
    pub rule_parameters: Option<&'a str>,
    /// `1.0`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub version: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
