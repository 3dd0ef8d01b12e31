//! Tag changes on resources (`aws.tag`, `Tag Change on Resource`).

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::Map;

/// Tags were added, changed or removed.
pub type TagChangeEvent<'a> = super::CloudWatchEvent<'a, TagChangeOnResource<'a>>;

/// The detail.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "kebab-case")]
pub struct TagChangeOnResource<'a> {
    /// The keys that changed.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub changed_tag_keys: Vec<&'a str>,
    /// `ec2`, …
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub service: &'a str,
    /// `instance`, …
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub resource_type: &'a str,
    /// The tags' version.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub version: Option<i64>,
    /// The tags now.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub tags: Map<'a, &'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
