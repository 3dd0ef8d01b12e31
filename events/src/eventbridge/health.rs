//! AWS Health events (`aws.health`, `AWS Health Event`).

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::Map;

/// A Health event.
pub type HealthEvent<'a> = super::CloudWatchEvent<'a, HealthEventDetail<'a>>;

/// The detail.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct HealthEventDetail<'a> {
    /// The event.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub event_arn: &'a str,
    /// `EC2`, `ELASTICLOADBALANCING`, …
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub service: &'a str,
    /// `AWS_EC2_INSTANCE_STORE_DRIVE_PERFORMANCE_DEGRADED`, …
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub event_type_code: &'a str,
    /// `issue`, `accountNotification`, `scheduledChange`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub event_type_category: &'a str,
    /// Start (RFC 1123 text as sent).
    pub start_time: Option<&'a str>,
    /// End.
    pub end_time: Option<&'a str>,
    /// Descriptions by language.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub event_description: Vec<HealthEventDescription<'a>>,
    /// Affected resources.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub affected_entities: Vec<HealthEntity<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A description.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct HealthEventDescription<'a> {
    /// `en_US`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub language: &'a str,
    /// The text.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub latest_description: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// An affected resource.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct HealthEntity<'a> {
    /// The resource.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub entity_value: &'a str,
    /// Its tags.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub tags: Map<'a, &'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
