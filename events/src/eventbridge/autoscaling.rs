//! EC2 Auto Scaling events.

use serde::{Deserialize, Serialize};

use crate::{Map, Timestamp};

/// An Auto Scaling event (`aws.autoscaling`).
pub type AutoScalingEvent<'a> = super::CloudWatchEvent<'a, AutoScalingDetail<'a>>;

/// The detail of launch/terminate results and lifecycle actions; fields not sent for a
/// `detail-type` are `None`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "PascalCase")]
pub struct AutoScalingDetail<'a> {
    /// Group.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub auto_scaling_group_name: &'a str,
    /// Instance.
    #[serde(rename = "EC2InstanceId")]
    pub ec2_instance_id: Option<&'a str>,
    /// `InProgress`, `Successful`, `Failed`.
    pub status_code: Option<&'a str>,
    /// Description.
    pub description: Option<&'a str>,
    /// Activity id.
    pub activity_id: Option<&'a str>,
    /// `Availability Zone`, `Subnet ID`.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub details: Map<'a, &'a str>,
    /// Request id.
    pub request_id: Option<&'a str>,
    /// Status message.
    pub status_message: Option<&'a str>,
    /// Start.
    #[serde(borrow)]
    pub start_time: Option<Timestamp<'a>>,
    /// End.
    #[serde(borrow)]
    pub end_time: Option<Timestamp<'a>>,
    /// Cause.
    pub cause: Option<&'a str>,
    /// Lifecycle action token.
    pub lifecycle_action_token: Option<&'a str>,
    /// Lifecycle hook.
    pub lifecycle_hook_name: Option<&'a str>,
    /// `autoscaling:EC2_INSTANCE_LAUNCHING`, …
    pub lifecycle_transition: Option<&'a str>,
    /// Hook metadata.
    pub notification_metadata: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
