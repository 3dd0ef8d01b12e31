//! CodePipeline state-change events.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

/// A pipeline, stage or action execution state change (`aws.codepipeline`).
pub type CodePipelineCloudWatchEvent<'a> = super::CloudWatchEvent<'a, CodePipelineEventDetail<'a>>;

/// The detail of a state change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct CodePipelineEventDetail<'a> {
    /// Pipeline.
    pub pipeline: &'a str,
    /// Pipeline version.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub version: u64,
    /// Execution.
    pub execution_id: &'a str,
    /// Stage (stage and action events).
    pub stage: Option<&'a str>,
    /// Action (action events).
    pub action: Option<&'a str>,
    /// `STARTED`, `SUCCEEDED`, …
    pub state: &'a str,
    /// Region (action events).
    pub region: Option<&'a str>,
    /// The action type (action events).
    #[serde(rename = "type", borrow)]
    pub action_type: Option<CodePipelineActionType<'a>>,
}

/// An action type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodePipelineActionType<'a> {
    /// `AWS`, `Custom`, `ThirdParty`.
    pub owner: &'a str,
    /// `Deploy`, `Build`, …
    pub category: &'a str,
    /// Provider.
    pub provider: &'a str,
    /// Version.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub version: u64,
}

/// A CodePipeline job for a Lambda invoke action (not an EventBridge event; here because it
/// shares the `codepipeline` feature). Report back with `PutJobSuccessResult`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodePipelineJobEvent<'a> {
    /// The job.
    #[serde(rename = "CodePipeline.job", borrow)]
    pub job: CodePipelineJob<'a>,
}

/// `CodePipeline.job`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CodePipelineJob<'a> {
    /// Job id.
    pub id: &'a str,
    /// Account.
    pub account_id: &'a str,
    /// Configuration, artifacts, credentials.
    #[serde(borrow)]
    pub data: CodePipelineJobData<'a>,
}

/// `CodePipeline.job.data`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CodePipelineJobData<'a> {
    /// Action configuration (`FunctionName`, `UserParameters`).
    #[serde(borrow)]
    pub action_configuration: CodePipelineActionConfiguration<'a>,
    /// Input artifacts.
    #[serde(borrow, default)]
    pub input_artifacts: Vec<CodePipelineArtifact<'a>>,
    /// Output artifacts.
    #[serde(borrow, default)]
    pub output_artifacts: Vec<CodePipelineArtifact<'a>>,
    /// Temporary credentials for the artifact store.
    #[serde(borrow)]
    pub artifact_credentials: CodePipelineArtifactCredentials<'a>,
    /// Continuation token.
    pub continuation_token: Option<&'a str>,
}

/// `actionConfiguration`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodePipelineActionConfiguration<'a> {
    /// `FunctionName`, `UserParameters`.
    #[serde(borrow)]
    pub configuration: crate::Map<'a, &'a str>,
}

/// An artifact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodePipelineArtifact<'a> {
    /// Where it is.
    #[serde(borrow)]
    pub location: CodePipelineArtifactLocation<'a>,
    /// Revision.
    pub revision: Option<&'a str>,
    /// Name.
    pub name: &'a str,
}

/// An artifact location.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CodePipelineArtifactLocation<'a> {
    /// S3 location.
    #[serde(borrow)]
    pub s3_location: CodePipelineS3Location<'a>,
    /// `S3`.
    #[serde(rename = "type")]
    pub location_type: &'a str,
}

/// An S3 location.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CodePipelineS3Location<'a> {
    /// Bucket.
    pub bucket_name: &'a str,
    /// Key.
    pub object_key: &'a str,
}

/// Temporary credentials.
#[derive(Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CodePipelineArtifactCredentials<'a> {
    /// Secret key.
    pub secret_access_key: &'a str,
    /// Session token.
    pub session_token: &'a str,
    /// Access key.
    pub access_key_id: &'a str,
}

impl core::fmt::Debug for CodePipelineArtifactCredentials<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("CodePipelineArtifactCredentials")
            .field("access_key_id", &self.access_key_id)
            .finish_non_exhaustive()
    }
}
