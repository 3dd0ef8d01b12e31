//! AWS Systems Manager events (`aws.ssm`), as `aws_lambda_events` 1.x types them; the detail type
//! follows `detail-type`. AWS documents these details by example only, so every field is
//! optional and named after its JSON key; numbers may come as strings.

use serde::{Deserialize, Serialize};

use crate::{Map, Value};

/// `EC2 Automation Step Status-change Notification`.
pub type SsmAutomationStepEvent<'a> = super::CloudWatchEvent<'a, EC2AutomationStepStatusChange<'a>>;
/// `EC2 Automation Execution Status-change Notification`.
pub type SsmAutomationExecutionEvent<'a> =
    super::CloudWatchEvent<'a, EC2AutomationExecutionStatusChange<'a>>;
/// `Configuration Compliance State Change`.
pub type SsmComplianceEvent<'a> =
    super::CloudWatchEvent<'a, ConfigurationComplianceStateChange<'a>>;
/// `Maintenance Window Target Registration Notification`.
pub type SsmMaintenanceWindowTargetEvent<'a> =
    super::CloudWatchEvent<'a, MaintenanceWindowTargetRegistration<'a>>;
/// `Maintenance Window Execution State-change Notification`.
pub type SsmMaintenanceWindowExecutionEvent<'a> =
    super::CloudWatchEvent<'a, MaintenanceWindowExecutionStateChange<'a>>;
/// `Maintenance Window Task Execution State-change Notification`.
pub type SsmMaintenanceWindowTaskEvent<'a> =
    super::CloudWatchEvent<'a, MaintenanceWindowTaskExecutionStateChange<'a>>;
/// `Maintenance Window Task Target Invocation State-change Notification`.
pub type SsmMaintenanceWindowTaskTargetEvent<'a> =
    super::CloudWatchEvent<'a, MaintenanceWindowTaskTargetInvocationStateChange<'a>>;
/// `Maintenance Window State-change Notification`.
pub type SsmMaintenanceWindowEvent<'a> =
    super::CloudWatchEvent<'a, MaintenanceWindowStateChange<'a>>;
/// `Parameter Store Change`.
pub type SsmParameterStoreEvent<'a> = super::CloudWatchEvent<'a, ParameterStoreStateChange<'a>>;
/// `EC2 Command Status-change Notification`.
pub type SsmCommandEvent<'a> = super::CloudWatchEvent<'a, EC2CommandStatusChange<'a>>;
/// `EC2 Command Invocation Status-change Notification`.
pub type SsmCommandInvocationEvent<'a> =
    super::CloudWatchEvent<'a, EC2CommandInvocationStatusChange<'a>>;
/// `EC2 State Manager Association State Change`.
pub type SsmAssociationEvent<'a> =
    super::CloudWatchEvent<'a, EC2StateManagerAssociationStateChange<'a>>;
/// `EC2 State Manager Instance Association State Change`.
pub type SsmInstanceAssociationEvent<'a> =
    super::CloudWatchEvent<'a, EC2StateManagerInstanceAssociationStateChange<'a>>;

/// The detail of an SSM event (`EC2AutomationStepStatusChange` in `aws_lambda_events`).
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EC2AutomationStepStatusChange<'a> {
    /// `ExecutionId`.
    #[serde(rename = "ExecutionId")]
    pub execution_id: Option<&'a str>,
    /// `Definition`.
    #[serde(rename = "Definition")]
    pub definition: Option<&'a str>,
    /// `DefinitionVersion`.
    #[serde(
        rename = "DefinitionVersion",
        default,
        deserialize_with = "crate::tolerant::opt_num"
    )]
    pub definition_version: Option<f64>,
    /// `Status`.
    #[serde(rename = "Status")]
    pub status: Option<&'a str>,
    /// `EndTime`.
    #[serde(rename = "EndTime")]
    pub end_time: Option<&'a str>,
    /// `StartTime`.
    #[serde(rename = "StartTime")]
    pub start_time: Option<&'a str>,
    /// `Time`.
    #[serde(
        rename = "Time",
        default,
        deserialize_with = "crate::tolerant::opt_num"
    )]
    pub time: Option<f64>,
    /// `StepName`.
    #[serde(rename = "StepName")]
    pub step_name: Option<&'a str>,
    /// `Action`.
    #[serde(rename = "Action")]
    pub action: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The detail of an SSM event (`EC2AutomationExecutionStatusChange` in `aws_lambda_events`).
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EC2AutomationExecutionStatusChange<'a> {
    /// `ExecutionId`.
    #[serde(rename = "ExecutionId")]
    pub execution_id: Option<&'a str>,
    /// `Definition`.
    #[serde(rename = "Definition")]
    pub definition: Option<&'a str>,
    /// `DefinitionVersion`.
    #[serde(
        rename = "DefinitionVersion",
        default,
        deserialize_with = "crate::tolerant::opt_num"
    )]
    pub definition_version: Option<f64>,
    /// `Status`.
    #[serde(rename = "Status")]
    pub status: Option<&'a str>,
    /// `StartTime`.
    #[serde(rename = "StartTime")]
    pub start_time: Option<&'a str>,
    /// `EndTime`.
    #[serde(rename = "EndTime")]
    pub end_time: Option<&'a str>,
    /// `Time`.
    #[serde(
        rename = "Time",
        default,
        deserialize_with = "crate::tolerant::opt_num"
    )]
    pub time: Option<f64>,
    /// `ExecutedBy`.
    #[serde(rename = "ExecutedBy")]
    pub executed_by: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A state and its next transition (`aws_lambda_events`' `StateChange`).
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StateChange<'a> {
    /// `state`.
    pub state: Option<&'a str>,
    /// `atTime`.
    pub at_time: Option<&'a str>,
    /// `nextTransitionTime`.
    pub next_transition_time: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The detail of an SSM event (`ConfigurationComplianceStateChange` in `aws_lambda_events`).
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfigurationComplianceStateChange<'a> {
    /// `last-runtime`.
    #[serde(rename = "last-runtime")]
    pub last_runtime: Option<&'a str>,
    /// `compliance-status`.
    #[serde(rename = "compliance-status")]
    pub compliance_status: Option<&'a str>,
    /// `resource-type`.
    #[serde(rename = "resource-type")]
    pub resource_type: Option<&'a str>,
    /// `resource-id`.
    #[serde(rename = "resource-id")]
    pub resource_id: Option<&'a str>,
    /// `compliance-type`.
    #[serde(rename = "compliance-type")]
    pub compliance_type: Option<&'a str>,
    /// `patch-baseline-id`.
    #[serde(rename = "patch-baseline-id")]
    pub patch_baseline_id: Option<&'a str>,
    /// `serverity`.
    pub severity: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The detail of an SSM event (`MaintenanceWindowTargetRegistration` in `aws_lambda_events`).
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MaintenanceWindowTargetRegistration<'a> {
    /// `window-target-id`.
    #[serde(rename = "window-target-id")]
    pub window_target_id: Option<&'a str>,
    /// `window-id`.
    #[serde(rename = "window-id")]
    pub window_id: Option<&'a str>,
    /// `status`.
    pub status: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The detail of an SSM event (`MaintenanceWindowExecutionStateChange` in `aws_lambda_events`).
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MaintenanceWindowExecutionStateChange<'a> {
    /// `start-time`.
    #[serde(rename = "start-time")]
    pub start_time: Option<&'a str>,
    /// `end-time`.
    #[serde(rename = "end-time")]
    pub end_time: Option<&'a str>,
    /// `window-id`.
    #[serde(rename = "window-id")]
    pub window_id: Option<&'a str>,
    /// `window-execution-id`.
    #[serde(rename = "window-execution-id")]
    pub window_execution_id: Option<&'a str>,
    /// `status`.
    pub status: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The detail of an SSM event (`MaintenanceWindowTaskExecutionStateChange` in `aws_lambda_events`).
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MaintenanceWindowTaskExecutionStateChange<'a> {
    /// `start-time`.
    #[serde(rename = "start-time")]
    pub start_time: Option<&'a str>,
    /// `task-execution-id`.
    #[serde(rename = "task-execution-id")]
    pub task_execution_id: Option<&'a str>,
    /// `end-time`.
    #[serde(rename = "end-time")]
    pub end_time: Option<&'a str>,
    /// `window-id`.
    #[serde(rename = "window-id")]
    pub window_id: Option<&'a str>,
    /// `window-execution-id`.
    #[serde(rename = "window-execution-id")]
    pub window_execution_id: Option<&'a str>,
    /// `status`.
    pub status: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The detail of an SSM event (`MaintenanceWindowTaskTargetInvocationStateChange` in `aws_lambda_events`).
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MaintenanceWindowTaskTargetInvocationStateChange<'a> {
    /// `start-time`.
    #[serde(rename = "start-time")]
    pub start_time: Option<&'a str>,
    /// `end-time`.
    #[serde(rename = "end-time")]
    pub end_time: Option<&'a str>,
    /// `window-id`.
    #[serde(rename = "window-id")]
    pub window_id: Option<&'a str>,
    /// `window-execution-id`.
    #[serde(rename = "window-execution-id")]
    pub window_execution_id: Option<&'a str>,
    /// `task-execution-id`.
    #[serde(rename = "task-execution-id")]
    pub task_execution_id: Option<&'a str>,
    /// `window-target-id`.
    #[serde(rename = "window-target-id")]
    pub window_target_id: Option<&'a str>,
    /// `status`.
    pub status: Option<&'a str>,
    /// `owner-information`.
    #[serde(rename = "owner-information")]
    pub owner_information: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The detail of an SSM event (`MaintenanceWindowStateChange` in `aws_lambda_events`).
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MaintenanceWindowStateChange<'a> {
    /// `window-id`.
    #[serde(rename = "window-id")]
    pub window_id: Option<&'a str>,
    /// `status`.
    pub status: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The detail of an SSM event (`ParameterStoreStateChange` in `aws_lambda_events`).
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParameterStoreStateChange<'a> {
    /// `operation`.
    pub operation: Option<&'a str>,
    /// `name`.
    pub name: Option<&'a str>,
    /// `type`.
    #[serde(rename = "type")]
    pub kind: Option<&'a str>,
    /// `description`.
    pub description: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The detail of an SSM event (`EC2CommandStatusChange` in `aws_lambda_events`).
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EC2CommandStatusChange<'a> {
    /// `command-id`.
    #[serde(rename = "command-id")]
    pub command_id: Option<&'a str>,
    /// `document-name`.
    #[serde(rename = "document-name")]
    pub document_name: Option<&'a str>,
    /// `expire-after`.
    #[serde(rename = "expire-after")]
    pub expire_after: Option<&'a str>,
    /// `parameters`: the command's parameters, each a string or a list (`{"commands": ["ls"]}`).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub parameters: Map<'a, Value<'a>>,
    /// `requested-date-time`.
    #[serde(rename = "requested-date-time")]
    pub requested_date_time: Option<&'a str>,
    /// `status`.
    pub status: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The detail of an SSM event (`EC2CommandInvocationStatusChange` in `aws_lambda_events`).
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EC2CommandInvocationStatusChange<'a> {
    /// `command-id`.
    #[serde(rename = "command-id")]
    pub command_id: Option<&'a str>,
    /// `document-name`.
    #[serde(rename = "document-name")]
    pub document_name: Option<&'a str>,
    /// `instance-id`.
    #[serde(rename = "instance-id")]
    pub instance_id: Option<&'a str>,
    /// `requested-date-time`.
    #[serde(rename = "requested-date-time")]
    pub requested_date_time: Option<&'a str>,
    /// `status`.
    pub status: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The detail of an SSM event (`EC2StateManagerAssociationStateChange` in `aws_lambda_events`).
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EC2StateManagerAssociationStateChange<'a> {
    /// `association-id`.
    #[serde(rename = "association-id")]
    pub association_id: Option<&'a str>,
    /// `document-name`.
    #[serde(rename = "document-name")]
    pub document_name: Option<&'a str>,
    /// `association-version`.
    #[serde(rename = "association-version")]
    pub association_version: Option<&'a str>,
    /// `document-version`.
    #[serde(rename = "document-version")]
    pub document_version: Option<&'a str>,
    /// `targets`.
    pub targets: Option<&'a str>,
    /// `creation-date`.
    #[serde(rename = "creation-date")]
    pub creation_date: Option<&'a str>,
    /// `last-successful-execution-date`.
    #[serde(rename = "last-successful-execution-date")]
    pub last_successful_execution_date: Option<&'a str>,
    /// `last-execution-date`.
    #[serde(rename = "last-execution-date")]
    pub last_execution_date: Option<&'a str>,
    /// `last-updated-date`.
    #[serde(rename = "last-updated-date")]
    pub last_updated_date: Option<&'a str>,
    /// `status`.
    pub status: Option<&'a str>,
    /// `association-status-aggregated-count`.
    #[serde(rename = "association-status-aggregated-count")]
    pub association_status_aggregated_count: Option<&'a str>,
    /// `schedule-expression`.
    #[serde(rename = "schedule-expression")]
    pub schedule_expression: Option<&'a str>,
    /// `association-cwe-version`.
    #[serde(rename = "association-cwe-version")]
    pub association_cwe_version: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The detail of an SSM event (`EC2StateManagerInstanceAssociationStateChange` in `aws_lambda_events`).
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EC2StateManagerInstanceAssociationStateChange<'a> {
    /// `association-id`.
    #[serde(rename = "association-id")]
    pub association_id: Option<&'a str>,
    /// `instance-id`.
    #[serde(rename = "instance-id")]
    pub instance_id: Option<&'a str>,
    /// `document-name`.
    #[serde(rename = "document-name")]
    pub document_name: Option<&'a str>,
    /// `document-version`.
    #[serde(rename = "document-version")]
    pub document_version: Option<&'a str>,
    /// `targets`.
    pub targets: Option<&'a str>,
    /// `creation-date`.
    #[serde(rename = "creation-date")]
    pub creation_date: Option<&'a str>,
    /// `last-successful-execution-date`.
    #[serde(rename = "last-successful-execution-date")]
    pub last_successful_execution_date: Option<&'a str>,
    /// `last-execution-date`.
    #[serde(rename = "last-execution-date")]
    pub last_execution_date: Option<&'a str>,
    /// `status`.
    pub status: Option<&'a str>,
    /// `detailed-status`.
    #[serde(rename = "detailed-status")]
    pub detailed_status: Option<&'a str>,
    /// `error-code`.
    #[serde(rename = "error-code")]
    pub error_code: Option<&'a str>,
    /// `execution-summary`.
    #[serde(rename = "execution-summary")]
    pub execution_summary: Option<&'a str>,
    /// `output-url`.
    #[serde(rename = "output-url")]
    pub output_url: Option<&'a str>,
    /// `instance-association-cwe-version`.
    #[serde(rename = "instance-association-cwe-version")]
    pub instance_association_cwe_version: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
