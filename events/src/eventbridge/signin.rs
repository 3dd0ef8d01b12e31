//! AWS console sign-ins, delivered through CloudTrail (`aws.signin`,
//! `AWS Console Sign In via CloudTrail`).

use serde::{Deserialize, Serialize};

use crate::{Map, Value};

/// A console sign-in.
pub type SignInEvent<'a> = super::CloudWatchEvent<'a, SignIn<'a>>;

/// The detail: a CloudTrail record.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignIn<'a> {
    /// Record version.
    pub event_version: Option<&'a str>,
    /// Who signed in.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub user_identity: Map<'a, Value<'a>>,
    /// When.
    pub event_time: Option<&'a str>,
    /// `signin.amazonaws.com`.
    pub event_source: Option<&'a str>,
    /// `ConsoleLogin`.
    pub event_name: Option<&'a str>,
    /// Region.
    pub aws_region: Option<&'a str>,
    /// Client address.
    #[serde(rename = "sourceIPAddress")]
    pub source_ip_address: Option<&'a str>,
    /// Browser.
    pub user_agent: Option<&'a str>,
    /// Request parameters (usually `null`).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub request_parameters: Value<'a>,
    /// `{"ConsoleLogin": "Success"}`.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub response_elements: Map<'a, Value<'a>>,
    /// `LoginTo`, `MobileVersion`, `MFAUsed`.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub additional_event_data: Map<'a, Value<'a>>,
    /// Record id.
    #[serde(rename = "eventID")]
    pub event_id: Option<&'a str>,
    /// `AwsConsoleSignIn`.
    pub event_type: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
