//! EC2 instance state changes (`aws.ec2`, `EC2 Instance State-change Notification`).

use serde::{Deserialize, Serialize};

/// An instance changed state.
pub type Ec2InstanceStateChangeEvent<'a> = super::CloudWatchEvent<'a, InstanceStateChange<'a>>;

/// The detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceStateChange<'a> {
    /// The instance.
    #[serde(rename = "instance-id")]
    pub instance_id: &'a str,
    /// `pending`, `running`, `stopping`, `stopped`, `shutting-down`, `terminated`.
    pub state: &'a str,
}
