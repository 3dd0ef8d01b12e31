//! Amazon EMR events (`aws.emr`); the detail type follows `detail-type`.

use serde::{Deserialize, Serialize};

/// `EMR Auto Scaling Policy State Change`.
pub type EmrAutoScalingPolicyEvent<'a> =
    super::CloudWatchEvent<'a, AutoScalingPolicyStateChange<'a>>;
/// `EMR Cluster State Change`.
pub type EmrClusterStateEvent<'a> = super::CloudWatchEvent<'a, ClusterStateChange<'a>>;
/// `EMR Instance Group State Change`.
pub type EmrInstanceGroupEvent<'a> = super::CloudWatchEvent<'a, InstanceGroupStateChange<'a>>;
/// `EMR Step Status Change`.
pub type EmrStepStatusEvent<'a> = super::CloudWatchEvent<'a, StepStatusChange<'a>>;

/// An automatic scaling policy changed state.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct AutoScalingPolicyStateChange<'a> {
    /// The instance group.
    pub resource_id: Option<&'a str>,
    /// The cluster.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub cluster_id: &'a str,
    /// `ATTACHED`, `FAILED`, …
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub state: &'a str,
    /// Text.
    pub message: Option<&'a str>,
    /// `INSTANCE_GROUP`.
    pub scaling_resource_type: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A cluster changed state.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct ClusterStateChange<'a> {
    /// `INFO`, `WARN`, `CRITICAL`.
    pub severity: Option<&'a str>,
    /// JSON text (`{"code":"…","message":"…"}`); decode with
    /// [`decode_json_str`](crate::decode_json_str).
    pub state_change_reason: Option<&'a str>,
    /// Cluster name.
    pub name: Option<&'a str>,
    /// The cluster.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub cluster_id: &'a str,
    /// `STARTING`, `RUNNING`, `TERMINATED`, …
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub state: &'a str,
    /// Text.
    pub message: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// An instance group changed state. Counts come as strings.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct InstanceGroupStateChange<'a> {
    /// `ON_DEMAND`, `SPOT`.
    pub market: Option<&'a str>,
    /// Severity.
    pub severity: Option<&'a str>,
    /// Instances asked for.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub requested_instance_count: Option<u64>,
    /// EC2 type.
    pub instance_type: Option<&'a str>,
    /// `MASTER`, `CORE`, `TASK`.
    pub instance_group_type: Option<&'a str>,
    /// The group.
    pub instance_group_id: Option<&'a str>,
    /// The cluster.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub cluster_id: &'a str,
    /// Instances running.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub running_instance_count: Option<u64>,
    /// State.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub state: &'a str,
    /// Text.
    pub message: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A step changed status.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct StepStatusChange<'a> {
    /// Severity.
    pub severity: Option<&'a str>,
    /// `CONTINUE`, `TERMINATE_CLUSTER`, …
    pub action_on_failure: Option<&'a str>,
    /// The step.
    pub step_id: Option<&'a str>,
    /// Step name.
    pub name: Option<&'a str>,
    /// The cluster.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub cluster_id: &'a str,
    /// `PENDING`, `RUNNING`, `COMPLETED`, …
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub state: &'a str,
    /// Text.
    pub message: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
