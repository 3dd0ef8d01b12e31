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
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub trigger_source: &'a str,
    /// Region.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub region: &'a str,
    /// User pool.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub user_pool_id: &'a str,
    /// User name.
    pub user_name: Option<&'a str>,
    /// Caller.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
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
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `callerContext`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct CallerContext<'a> {
    /// SDK version.
    pub aws_sdk_version: Option<&'a str>,
    /// App client.
    pub client_id: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A string → string map that may be `null` or absent.
pub type Attributes<'a> = Map<'a, &'a str>;

/// A Cognito Sync trigger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct CognitoSyncEvent<'a> {
    /// Dataset.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub dataset_name: &'a str,
    /// `SyncTrigger`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub event_type: &'a str,
    /// Region.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub region: &'a str,
    /// Identity.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub identity_id: &'a str,
    /// Changed records.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub dataset_records: Map<'a, CognitoDatasetRecord<'a>>,
    /// Pool.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub identity_pool_id: &'a str,
    /// Version.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub version: i64,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A changed dataset record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct CognitoDatasetRecord<'a> {
    /// New value.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub new_value: &'a str,
    /// Old value.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub old_value: &'a str,
    /// `replace`, `remove`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub op: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
