//! AWS Trusted Advisor check refreshes (`aws.trustedadvisor`).

use serde::{Deserialize, Serialize};

use crate::{Map, Value};

/// A check item was refreshed.
pub type TrustedAdvisorEvent<'a> = super::CloudWatchEvent<'a, CheckItemRefreshNotification<'a>>;

/// The detail.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct CheckItemRefreshNotification<'a> {
    /// The check.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub check_name: &'a str,
    /// Its columns (names vary per check).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub check_item_detail: Map<'a, Value<'a>>,
    /// `OK`, `WARN`, `ERROR`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub status: &'a str,
    /// The resource, if any.
    #[serde(rename = "resource_id")]
    pub resource_id: Option<&'a str>,
    /// The check item.
    pub uuid: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
