//! AWS OpsWorks Stacks events (`aws.opsworks`); the detail type follows `detail-type`.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

/// `OpsWorks Instance State Change`.
pub type OpsWorksInstanceEvent<'a> = super::CloudWatchEvent<'a, InstanceStateChange<'a>>;
/// `OpsWorks Command State Change`.
pub type OpsWorksCommandEvent<'a> = super::CloudWatchEvent<'a, CommandStateChange<'a>>;
/// `OpsWorks Deployment State Change`.
pub type OpsWorksDeploymentEvent<'a> = super::CloudWatchEvent<'a, DeploymentStateChange<'a>>;
/// `OpsWorks Alert`.
pub type OpsWorksAlertEvent<'a> = super::CloudWatchEvent<'a, Alert<'a>>;

/// An instance changed state.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "kebab-case")]
pub struct InstanceStateChange<'a> {
    /// `user`, `auto-scaling`, …
    #[serde(rename = "initiated_by")]
    pub initiated_by: Option<&'a str>,
    /// Host name.
    pub hostname: Option<&'a str>,
    /// The stack.
    pub stack_id: Option<&'a str>,
    /// Its layers.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub layer_ids: Vec<&'a str>,
    /// The OpsWorks instance.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub instance_id: &'a str,
    /// Its EC2 instance.
    pub ec2_instance_id: Option<&'a str>,
    /// `requested`, `booting`, `online`, …
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub status: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A command changed state.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "kebab-case")]
pub struct CommandStateChange<'a> {
    /// The command.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub command_id: &'a str,
    /// The instance.
    pub instance_id: Option<&'a str>,
    /// `setup`, `configure`, `deploy`, …
    #[serde(rename = "type")]
    pub kind: Option<&'a str>,
    /// `successful`, `failed`, …
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub status: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A deployment changed state.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "kebab-case")]
pub struct DeploymentStateChange<'a> {
    /// Seconds.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub duration: Option<i64>,
    /// The stack.
    pub stack_id: Option<&'a str>,
    /// The instances.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub instance_ids: Vec<&'a str>,
    /// The deployment.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub deployment_id: &'a str,
    /// `deploy`, …
    pub command: Option<&'a str>,
    /// Status.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub status: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A service alert.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "kebab-case")]
pub struct Alert<'a> {
    /// The stack.
    pub stack_id: Option<&'a str>,
    /// The instance.
    pub instance_id: Option<&'a str>,
    /// `InstanceStop`, …
    #[serde(rename = "type")]
    pub kind: Option<&'a str>,
    /// Text.
    pub message: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
