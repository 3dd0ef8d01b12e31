//! Cognito user-pool Lambda triggers, and Cognito Sync.
//!
//! Every trigger shares one envelope, [`CognitoUserPoolEvent`], generic over its `request` and
//! `response`; the aliases name each trigger. A handler returns the same event with `response`
//! filled in, so every type here serializes as well as deserializes.

mod auth;
#[cfg(any(
    feature = "cognito-custom-email-sender",
    feature = "cognito-custom-sms-sender"
))]
mod sender;
mod triggers;

pub use auth::*;
#[cfg(any(
    feature = "cognito-custom-email-sender",
    feature = "cognito-custom-sms-sender"
))]
pub use sender::*;
pub use triggers::*;

use serde::{Deserialize, Serialize};

use crate::Map;

/// The envelope of every user-pool trigger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CognitoUserPoolEvent<'a, Req, Resp> {
    /// Trigger version.
    pub version: Option<&'a str>,
    /// `PreSignUp_SignUp`, `TokenGeneration_HostedAuth`, …
    pub trigger_source: &'a str,
    /// Region.
    pub region: &'a str,
    /// User pool.
    pub user_pool_id: &'a str,
    /// User name.
    pub user_name: Option<&'a str>,
    /// Caller.
    #[serde(borrow, default)]
    pub caller_context: CallerContext<'a>,
    /// Trigger-specific input.
    pub request: Req,
    /// Trigger-specific output, to fill in; absent or `null` in some triggers' events (the
    /// custom sender triggers carry none), then the default.
    #[serde(
        default,
        deserialize_with = "crate::tolerant::or_default",
        bound(deserialize = "Resp: Deserialize<'de> + Default")
    )]
    pub response: Resp,
}

/// `callerContext`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallerContext<'a> {
    /// SDK version.
    pub aws_sdk_version: Option<&'a str>,
    /// App client.
    pub client_id: Option<&'a str>,
}

/// A string → string map that may be `null` or absent.
pub type Attributes<'a> = Map<'a, &'a str>;

/// A Cognito Sync trigger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CognitoSyncEvent<'a> {
    /// Dataset.
    pub dataset_name: &'a str,
    /// `SyncTrigger`.
    pub event_type: &'a str,
    /// Region.
    pub region: &'a str,
    /// Identity.
    pub identity_id: &'a str,
    /// Changed records.
    #[serde(borrow)]
    pub dataset_records: Map<'a, CognitoDatasetRecord<'a>>,
    /// Pool.
    pub identity_pool_id: &'a str,
    /// Version.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub version: i64,
}

/// A changed dataset record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CognitoDatasetRecord<'a> {
    /// New value.
    pub new_value: &'a str,
    /// Old value.
    pub old_value: &'a str,
    /// `replace`, `remove`.
    pub op: &'a str,
}
