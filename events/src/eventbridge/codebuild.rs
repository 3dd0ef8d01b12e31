//! CodeBuild state and phase changes.

use serde::{Deserialize, Serialize};

use crate::Value;

/// A build state or phase change (`aws.codebuild`).
pub type CodeBuildEvent<'a> = super::CloudWatchEvent<'a, CodeBuildEventDetail<'a>>;

/// The detail of a build state change (`build-status`, `current-phase`) or phase change
/// (`completed-phase*`).
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct CodeBuildEventDetail<'a> {
    /// `IN_PROGRESS`, `SUCCEEDED`, … (state changes).
    pub build_status: Option<&'a str>,
    /// Project.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub project_name: &'a str,
    /// Build ARN.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub build_id: &'a str,
    /// Artifact, environment, source, logs, phases: large and varied, kept free-form.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub additional_information: Value<'a>,
    /// Current phase (state changes).
    pub current_phase: Option<&'a str>,
    /// Current phase context.
    pub current_phase_context: Option<&'a str>,
    /// Event version.
    pub version: Option<&'a str>,
    /// Completed phase (phase changes).
    pub completed_phase: Option<&'a str>,
    /// Its context.
    pub completed_phase_context: Option<&'a str>,
    /// Its duration.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub completed_phase_duration_seconds: Option<f64>,
    /// Its end (`Sep 1, 2017 4:12:29 PM`).
    pub completed_phase_end: Option<&'a str>,
    /// Its start.
    pub completed_phase_start: Option<&'a str>,
    /// Its status.
    pub completed_phase_status: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
