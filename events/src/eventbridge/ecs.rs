//! Amazon ECS container instance state changes (`aws.ecs`,
//! `ECS Container Instance State Change`).

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::{Timestamp, Value};

/// A container instance changed state.
pub type EcsContainerInstanceEvent<'a> = super::CloudWatchEvent<'a, EcsContainerInstanceDetail<'a>>;

/// The detail.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EcsContainerInstanceDetail<'a> {
    /// Whether the agent is connected.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub agent_connected: bool,
    /// Capabilities (`{"name": …}`, some with a `value`).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub attributes: Vec<Value<'a>>,
    /// The cluster.
    pub cluster_arn: Option<&'a str>,
    /// The instance.
    pub container_instance_arn: Option<&'a str>,
    /// Its EC2 instance.
    pub ec2_instance_id: Option<&'a str>,
    /// Resources registered.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub registered_resources: Vec<EcsResource<'a>>,
    /// Resources left.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub remaining_resources: Vec<EcsResource<'a>>,
    /// `ACTIVE`, `DRAINING`, …
    pub status: Option<&'a str>,
    /// Detail version.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub version: Option<i64>,
    /// Agent and Docker versions.
    #[serde(borrow, default)]
    pub version_info: Option<EcsVersionInfo<'a>>,
    /// When.
    #[serde(borrow, default)]
    pub updated_at: Option<Timestamp<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A resource (`CPU`, `MEMORY`, `PORTS`, …).
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct EcsResource<'a> {
    /// Name.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub name: &'a str,
    /// `INTEGER`, `STRINGSET`, …
    #[serde(rename = "type")]
    pub kind: Option<&'a str>,
    /// The amount (`INTEGER`).
    #[serde(
        default,
        deserialize_with = "crate::tolerant::opt_num",
        skip_serializing_if = "Option::is_none"
    )]
    pub integer_value: Option<i64>,
    /// The values (`STRINGSET`).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub string_set_value: Option<Vec<&'a str>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `versionInfo`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct EcsVersionInfo<'a> {
    /// Agent commit.
    pub agent_hash: Option<&'a str>,
    /// Agent version.
    pub agent_version: Option<&'a str>,
    /// Docker version.
    pub docker_version: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
