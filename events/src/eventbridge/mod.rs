//! EventBridge / CloudWatch Events: the envelope, generic over its `detail`, and typed details
//! for the AWS sources that have a feature (Auto Scaling, CodeDeploy, CodePipeline, ECR
//! scans and image actions, CodeBuild, EC2, ECS container instances, EMR, Health, KMS, OpsWorks, Server Migration, console sign-in,
//! tag changes, Trusted Advisor).

#[cfg(feature = "autoscaling")]
pub mod autoscaling;
#[cfg(feature = "codebuild")]
pub mod codebuild;
#[cfg(feature = "codedeploy")]
pub mod codedeploy;
#[cfg(feature = "codepipeline")]
pub mod codepipeline;
#[cfg(feature = "ec2")]
pub mod ec2;
#[cfg(feature = "ecr")]
pub mod ecr;
#[cfg(feature = "ecr-image-action")]
pub mod ecr_image_action;
#[cfg(feature = "ecs")]
pub mod ecs;
#[cfg(feature = "emr")]
pub mod emr;
#[cfg(feature = "health")]
pub mod health;
#[cfg(feature = "kms")]
pub mod kms;
#[cfg(feature = "opsworks")]
pub mod opsworks;
#[cfg(feature = "server-migration")]
pub mod server_migration;
#[cfg(feature = "signin")]
pub mod signin;
#[cfg(feature = "tag")]
pub mod tag;
#[cfg(feature = "trusted-advisor")]
pub mod trusted_advisor;

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::{Timestamp, Value};

/// An EventBridge event. `D` is the `detail` type: a typed struct from this crate or your own,
/// or the default free-form [`Value`].
///
/// To route on `source`/`detail-type` before choosing `D`, decode the envelope with
/// `D = serde::de::IgnoredAny` first (on a copy: decoding unescapes in place).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CloudWatchEvent<'a, D = Value<'a>> {
    /// `0`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<&'a str>,
    /// Event id.
    pub id: &'a str,
    /// `EC2 Instance State-change Notification`, …
    #[serde(rename = "detail-type")]
    pub detail_type: &'a str,
    /// `aws.ec2`, …
    pub source: &'a str,
    /// Account.
    pub account: &'a str,
    /// When.
    #[serde(borrow)]
    pub time: Timestamp<'a>,
    /// Region.
    pub region: &'a str,
    /// ARNs involved.
    #[serde(borrow, default)]
    pub resources: Vec<&'a str>,
    /// The event-specific payload.
    pub detail: D,
}
