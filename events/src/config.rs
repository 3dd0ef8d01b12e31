//! AWS Config custom rules.

use serde::{Deserialize, Serialize};

/// A Config rule evaluation request. `invokingEvent` and `ruleParameters` are JSON in strings;
/// decode them with [`decode_json_str`](crate::decode_json_str).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfigEvent<'a> {
    /// Account.
    pub account_id: &'a str,
    /// Rule ARN.
    pub config_rule_arn: &'a str,
    /// Rule id.
    pub config_rule_id: &'a str,
    /// Rule name.
    pub config_rule_name: &'a str,
    /// Whether the resource left the rule's scope.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub event_left_scope: bool,
    /// Role to use.
    pub execution_role_arn: Option<&'a str>,
    /// The configuration item or snapshot notification, JSON text.
    pub invoking_event: &'a str,
    /// Token for `PutEvaluations`.
    pub result_token: &'a str,
    /// Rule parameters, JSON text.
    pub rule_parameters: Option<&'a str>,
    /// `1.0`.
    pub version: &'a str,
}
