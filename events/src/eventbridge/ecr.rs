//! ECR image scans.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

/// An image scan result (`aws.ecr`, `ECR Image Scan`).
pub type EcrScanEvent<'a> = super::CloudWatchEvent<'a, EcrScanEventDetail<'a>>;

/// The detail of a scan.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "kebab-case")]
pub struct EcrScanEventDetail<'a> {
    /// `COMPLETE`, `FAILED`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub scan_status: &'a str,
    /// Repository.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub repository_name: &'a str,
    /// Findings by severity; severities with no findings may be absent.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub finding_severity_counts: EcrFindingSeverityCounts,
    /// Digest.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub image_digest: &'a str,
    /// Tags.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub image_tags: Vec<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Finding counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub struct EcrFindingSeverityCounts {
    /// Critical.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub critical: Option<u64>,
    /// High.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub high: Option<u64>,
    /// Medium.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub medium: Option<u64>,
    /// Low.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub low: Option<u64>,
    /// Informational.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub informational: Option<u64>,
    /// Undefined.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub undefined: Option<u64>,
}
