//! CodeCommit repository triggers.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

/// A trigger delivery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
pub struct CodeCommitEvent<'a> {
    /// The records.
    #[serde(rename = "Records", borrow)]
    pub records: Vec<CodeCommitRecord<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// One record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct CodeCommitRecord<'a> {
    /// Event id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub event_id: &'a str,
    /// Version.
    pub event_version: Option<&'a str>,
    /// When (`2018-01-26T15:58:33.475+0000`).
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub event_time: &'a str,
    /// Trigger name.
    pub event_trigger_name: Option<&'a str>,
    /// Part number.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub event_part_number: Option<u64>,
    /// The pushed references.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub codecommit: CodeCommitCodeCommit<'a>,
    /// Event name.
    pub event_name: Option<&'a str>,
    /// Trigger config id.
    pub event_trigger_config_id: Option<&'a str>,
    /// Repository ARN.
    #[serde(
        rename = "eventSourceARN",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub event_source_arn: &'a str,
    /// Who pushed.
    #[serde(rename = "userIdentityARN")]
    pub user_identity_arn: Option<&'a str>,
    /// `aws:codecommit`.
    pub event_source: Option<&'a str>,
    /// Region.
    pub aws_region: Option<&'a str>,
    /// Total parts.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub event_total_parts: Option<u64>,
    /// Custom data configured on the trigger.
    pub custom_data: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `codecommit`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
pub struct CodeCommitCodeCommit<'a> {
    /// References.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub references: Vec<CodeCommitReference<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A pushed reference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
pub struct CodeCommitReference<'a> {
    /// Commit id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub commit: &'a str,
    /// `refs/heads/master`.
    #[serde(
        rename = "ref",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub reference: &'a str,
    /// Whether the reference was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<bool>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
