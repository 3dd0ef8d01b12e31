//! EventBridge / CloudWatch Events: the envelope, generic over its `detail`, and typed details
//! for the AWS sources that have a feature (Auto Scaling, CodeDeploy, CodePipeline, ECR scans
//! and image actions, CodeBuild, EC2, ECS container instances, EMR, GameLift, Glue, Health, KMS,
//! OpsWorks, Server Migration, Systems Manager, console sign-in, tag changes, Trusted Advisor).
//!
//! Amazon Macie has no typed detail: `aws_lambda_events`' `macie` types model Macie Classic
//! alerts (a service AWS retired in 2020), with one example's IP addresses and bucket names as
//! field names. Decode `aws.macie` events as [`CloudWatchEvent`] with its default [`Value`]
//! detail.

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
#[cfg(feature = "gamelift")]
pub mod gamelift;
#[cfg(feature = "glue")]
pub mod glue;
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
#[cfg(feature = "ssm")]
pub mod ssm;
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
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CloudWatchEvent<'a, D = Value<'a>> {
    /// `0`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<&'a str>,
    /// Event id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub id: &'a str,
    /// `EC2 Instance State-change Notification`, …
    #[serde(
        rename = "detail-type",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub detail_type: &'a str,
    /// `aws.ec2`, …
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub source: &'a str,
    /// Account.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub account: &'a str,
    /// When.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub time: Timestamp<'a>,
    /// Region.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub region: &'a str,
    /// ARNs involved.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub resources: Vec<&'a str>,
    /// The event-specific payload; its default when absent or `null` (`aws_lambda_events` has
    /// it as an `Option`).
    #[serde(
        default,
        deserialize_with = "crate::tolerant::or_default",
        bound(deserialize = "D: Deserialize<'de> + Default")
    )]
    pub detail: D,
}
