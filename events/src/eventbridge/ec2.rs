//! EC2 instance state changes (`aws.ec2`, `EC2 Instance State-change Notification`).

use serde::{Deserialize, Serialize};

/// An instance changed state.
pub type Ec2InstanceStateChangeEvent<'a> = super::CloudWatchEvent<'a, InstanceStateChange<'a>>;

/// The detail.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
pub struct InstanceStateChange<'a> {
    /// The instance.
    #[serde(
        rename = "instance-id",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub instance_id: &'a str,
    /// `pending`, `running`, `stopping`, `stopped`, `shutting-down`, `terminated`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub state: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
