//! CodeDeploy state-change events and lifecycle hooks.

use serde::{Deserialize, Serialize};

/// A CodeDeploy deployment or instance state change (`aws.codedeploy`).
pub type CodeDeployEvent<'a> = super::CloudWatchEvent<'a, CodeDeployEventDetail<'a>>;

/// The detail of a CodeDeploy state change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeDeployEventDetail<'a> {
    /// Instance group.
    pub instance_group_id: Option<&'a str>,
    /// Instance (instance events).
    pub instance_id: Option<&'a str>,
    /// Region.
    pub region: Option<&'a str>,
    /// Application.
    pub application: &'a str,
    /// Deployment.
    pub deployment_id: &'a str,
    /// `START`, `SUCCESS`, `FAILURE`, …
    pub state: &'a str,
    /// Deployment group.
    pub deployment_group: &'a str,
}

/// A lifecycle hook invocation; report back with `PutLifecycleEventHookExecutionStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CodeDeployLifecycleEvent<'a> {
    /// Deployment.
    pub deployment_id: &'a str,
    /// Execution id.
    pub lifecycle_event_hook_execution_id: &'a str,
}
