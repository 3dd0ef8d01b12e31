//! CodeCommit repository triggers.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

/// A trigger delivery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeCommitEvent<'a> {
    /// The records.
    #[serde(rename = "Records", borrow)]
    pub records: Vec<CodeCommitRecord<'a>>,
}

/// One record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeCommitRecord<'a> {
    /// Event id.
    pub event_id: &'a str,
    /// Version.
    pub event_version: Option<&'a str>,
    /// When (`2018-01-26T15:58:33.475+0000`).
    pub event_time: &'a str,
    /// Trigger name.
    pub event_trigger_name: Option<&'a str>,
    /// Part number.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub event_part_number: Option<u64>,
    /// The pushed references.
    #[serde(borrow)]
    pub codecommit: CodeCommitCodeCommit<'a>,
    /// Event name.
    pub event_name: Option<&'a str>,
    /// Trigger config id.
    pub event_trigger_config_id: Option<&'a str>,
    /// Repository ARN.
    #[serde(rename = "eventSourceARN")]
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
}

/// `codecommit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeCommitCodeCommit<'a> {
    /// References.
    #[serde(borrow)]
    pub references: Vec<CodeCommitReference<'a>>,
}

/// A pushed reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeCommitReference<'a> {
    /// Commit id.
    pub commit: &'a str,
    /// `refs/heads/master`.
    #[serde(rename = "ref")]
    pub reference: &'a str,
    /// Whether the reference was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<bool>,
}
