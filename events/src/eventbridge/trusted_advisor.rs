//! AWS Trusted Advisor check refreshes (`aws.trustedadvisor`).

use serde::{Deserialize, Serialize};

use crate::{Map, Value};

/// A check item was refreshed.
pub type TrustedAdvisorEvent<'a> = super::CloudWatchEvent<'a, CheckItemRefreshNotification<'a>>;

/// The detail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct CheckItemRefreshNotification<'a> {
    /// The check.
    pub check_name: &'a str,
    /// Its columns (names vary per check).
    #[serde(borrow, default)]
    pub check_item_detail: Map<'a, Value<'a>>,
    /// `OK`, `WARN`, `ERROR`.
    pub status: &'a str,
    /// The resource, if any.
    #[serde(rename = "resource_id")]
    pub resource_id: Option<&'a str>,
    /// The check item.
    pub uuid: Option<&'a str>,
}
