//! ECR image scans.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

/// An image scan result (`aws.ecr`, `ECR Image Scan`).
pub type EcrScanEvent<'a> = super::CloudWatchEvent<'a, EcrScanEventDetail<'a>>;

/// The detail of a scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct EcrScanEventDetail<'a> {
    /// `COMPLETE`, `FAILED`.
    pub scan_status: &'a str,
    /// Repository.
    pub repository_name: &'a str,
    /// Findings by severity; severities with no findings may be absent.
    #[serde(default)]
    pub finding_severity_counts: EcrFindingSeverityCounts,
    /// Digest.
    pub image_digest: &'a str,
    /// Tags.
    #[serde(borrow, default)]
    pub image_tags: Vec<&'a str>,
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
