//! AWS Health events (`aws.health`, `AWS Health Event`).

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::Map;

/// A Health event.
pub type HealthEvent<'a> = super::CloudWatchEvent<'a, HealthEventDetail<'a>>;

/// The detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthEventDetail<'a> {
    /// The event.
    pub event_arn: &'a str,
    /// `EC2`, `ELASTICLOADBALANCING`, …
    pub service: &'a str,
    /// `AWS_EC2_INSTANCE_STORE_DRIVE_PERFORMANCE_DEGRADED`, …
    pub event_type_code: &'a str,
    /// `issue`, `accountNotification`, `scheduledChange`.
    pub event_type_category: &'a str,
    /// Start (RFC 1123 text as sent).
    pub start_time: Option<&'a str>,
    /// End.
    pub end_time: Option<&'a str>,
    /// Descriptions by language.
    #[serde(borrow, default)]
    pub event_description: Vec<HealthEventDescription<'a>>,
    /// Affected resources.
    #[serde(borrow, default)]
    pub affected_entities: Vec<HealthEntity<'a>>,
}

/// A description.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthEventDescription<'a> {
    /// `en_US`.
    pub language: &'a str,
    /// The text.
    pub latest_description: &'a str,
}

/// An affected resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthEntity<'a> {
    /// The resource.
    pub entity_value: &'a str,
    /// Its tags.
    #[serde(borrow, default)]
    pub tags: Map<'a, &'a str>,
}
