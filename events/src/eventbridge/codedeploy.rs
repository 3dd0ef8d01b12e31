//! CodeDeploy state-change events and lifecycle hooks.

use serde::{Deserialize, Serialize};

/// A CodeDeploy deployment or instance state change (`aws.codedeploy`).
pub type CodeDeployEvent<'a> = super::CloudWatchEvent<'a, CodeDeployEventDetail<'a>>;

/// The detail of a CodeDeploy state change.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct CodeDeployEventDetail<'a> {
    /// Instance group.
    pub instance_group_id: Option<&'a str>,
    /// Instance (instance events).
    pub instance_id: Option<&'a str>,
    /// Region.
    pub region: Option<&'a str>,
    /// Application.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub application: &'a str,
    /// Deployment.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub deployment_id: &'a str,
    /// `START`, `SUCCESS`, `FAILURE`, …
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub state: &'a str,
    /// Deployment group.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub deployment_group: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A lifecycle hook invocation; report back with `PutLifecycleEventHookExecutionStatus`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "PascalCase")]
pub struct CodeDeployLifecycleEvent<'a> {
    /// Deployment.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub deployment_id: &'a str,
    /// Execution id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub lifecycle_event_hook_execution_id: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
