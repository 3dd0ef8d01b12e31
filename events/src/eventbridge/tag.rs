//! Tag changes on resources (`aws.tag`, `Tag Change on Resource`).

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::Map;

/// Tags were added, changed or removed.
pub type TagChangeEvent<'a> = super::CloudWatchEvent<'a, TagChangeOnResource<'a>>;

/// The detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct TagChangeOnResource<'a> {
    /// The keys that changed.
    #[serde(borrow, default)]
    pub changed_tag_keys: Vec<&'a str>,
    /// `ec2`, …
    pub service: &'a str,
    /// `instance`, …
    pub resource_type: &'a str,
    /// The tags' version.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub version: Option<i64>,
    /// The tags now.
    #[serde(borrow, default)]
    pub tags: Map<'a, &'a str>,
}
