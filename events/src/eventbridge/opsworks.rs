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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    #[serde(borrow, default)]
    pub layer_ids: Vec<&'a str>,
    /// The OpsWorks instance.
    pub instance_id: &'a str,
    /// Its EC2 instance.
    pub ec2_instance_id: Option<&'a str>,
    /// `requested`, `booting`, `online`, …
    pub status: &'a str,
}

/// A command changed state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct CommandStateChange<'a> {
    /// The command.
    pub command_id: &'a str,
    /// The instance.
    pub instance_id: Option<&'a str>,
    /// `setup`, `configure`, `deploy`, …
    #[serde(rename = "type")]
    pub kind: Option<&'a str>,
    /// `successful`, `failed`, …
    pub status: &'a str,
}

/// A deployment changed state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct DeploymentStateChange<'a> {
    /// Seconds.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub duration: Option<i64>,
    /// The stack.
    pub stack_id: Option<&'a str>,
    /// The instances.
    #[serde(borrow, default)]
    pub instance_ids: Vec<&'a str>,
    /// The deployment.
    pub deployment_id: &'a str,
    /// `deploy`, …
    pub command: Option<&'a str>,
    /// Status.
    pub status: &'a str,
}

/// A service alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
}
