//! CloudTrail API call records (as EventBridge `AWS API Call via CloudTrail` details, or
//! records read from a trail).

use serde::{Deserialize, Serialize};

use crate::{Timestamp, Value};

/// One CloudTrail record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CloudTrailEvent<'a> {
    /// `1.08`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub event_version: &'a str,
    /// Who.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub user_identity: CloudTrailUserIdentity<'a>,
    /// When.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub event_time: Timestamp<'a>,
    /// Service (`sso.amazonaws.com`).
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub event_source: &'a str,
    /// API (`CreateBucket`).
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub event_name: &'a str,
    /// Region.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub aws_region: &'a str,
    /// Caller IP or service.
    #[serde(rename = "sourceIPAddress")]
    pub source_ip_address: Option<&'a str>,
    /// User agent.
    pub user_agent: Option<&'a str>,
    /// Request parameters (free-form, may be `null`).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub request_parameters: Value<'a>,
    /// Response elements (free-form, may be `null`).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub response_elements: Value<'a>,
    /// Extra data (free-form).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub additional_event_data: Value<'a>,
    /// Service event details (free-form).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub service_event_details: Value<'a>,
    /// Request id.
    #[serde(rename = "requestID")]
    pub request_id: Option<&'a str>,
    /// Event id.
    #[serde(rename = "eventID")]
    pub event_id: Option<&'a str>,
    /// Whether the call only read.
    pub read_only: Option<bool>,
    /// `AwsApiCall`, `AwsServiceEvent`, `AwsConsoleSignIn`.
    pub event_type: Option<&'a str>,
    /// Management event.
    pub management_event: Option<bool>,
    /// Recipient account.
    pub recipient_account_id: Option<&'a str>,
    /// `Management`, `Data`.
    pub event_category: Option<&'a str>,
    /// `"true"` when the session came from the console.
    pub session_credential_from_console: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `userIdentity`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CloudTrailUserIdentity<'a> {
    /// `AssumedRole`, `IAMUser`, `Root`, `Unknown`, …
    #[serde(
        rename = "type",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub identity_type: &'a str,
    /// Principal id.
    pub principal_id: Option<&'a str>,
    /// ARN.
    pub arn: Option<&'a str>,
    /// Account.
    pub account_id: Option<&'a str>,
    /// Access key.
    pub access_key_id: Option<&'a str>,
    /// User name.
    pub user_name: Option<&'a str>,
    /// Service acting for the user.
    pub invoked_by: Option<&'a str>,
    /// Session issuer, attributes, web identity data (free-form).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub session_context: Value<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
