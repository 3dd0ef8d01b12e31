//! CodePipeline state-change events.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

/// A pipeline, stage or action execution state change (`aws.codepipeline`).
pub type CodePipelineCloudWatchEvent<'a> = super::CloudWatchEvent<'a, CodePipelineEventDetail<'a>>;

/// The detail of a state change.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "kebab-case")]
pub struct CodePipelineEventDetail<'a> {
    /// Pipeline.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub pipeline: &'a str,
    /// Pipeline version.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub version: u64,
    /// Execution.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub execution_id: &'a str,
    /// Stage (stage and action events).
    pub stage: Option<&'a str>,
    /// Action (action events).
    pub action: Option<&'a str>,
    /// `STARTED`, `SUCCEEDED`, …
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub state: &'a str,
    /// Region (action events).
    pub region: Option<&'a str>,
    /// The action type (action events).
    #[serde(rename = "type", borrow)]
    pub action_type: Option<CodePipelineActionType<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// An action type.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
pub struct CodePipelineActionType<'a> {
    /// `AWS`, `Custom`, `ThirdParty`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub owner: &'a str,
    /// `Deploy`, `Build`, …
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub category: &'a str,
    /// Provider.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub provider: &'a str,
    /// Version.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub version: u64,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A CodePipeline job for a Lambda invoke action (not an EventBridge event; here because it
/// shares the `codepipeline` feature). Report back with `PutJobSuccessResult`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodePipelineJobEvent<'a> {
    /// The job.
    #[serde(
        rename = "CodePipeline.job",
        borrow,
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub job: CodePipelineJob<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `CodePipeline.job`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CodePipelineJob<'a> {
    /// Job id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub id: &'a str,
    /// Account.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub account_id: &'a str,
    /// Configuration, artifacts, credentials.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub data: CodePipelineJobData<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `CodePipeline.job.data`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CodePipelineJobData<'a> {
    /// Action configuration (`FunctionName`, `UserParameters`).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub action_configuration: CodePipelineActionConfiguration<'a>,
    /// Input artifacts.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub input_artifacts: Vec<CodePipelineArtifact<'a>>,
    /// Output artifacts.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub output_artifacts: Vec<CodePipelineArtifact<'a>>,
    /// Temporary credentials for the artifact store.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub artifact_credentials: CodePipelineArtifactCredentials<'a>,
    /// Continuation token.
    pub continuation_token: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `actionConfiguration`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
pub struct CodePipelineActionConfiguration<'a> {
    /// `FunctionName`, `UserParameters`.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub configuration: crate::Map<'a, &'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// An artifact.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
pub struct CodePipelineArtifact<'a> {
    /// Where it is.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub location: CodePipelineArtifactLocation<'a>,
    /// Revision.
    pub revision: Option<&'a str>,
    /// Name.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub name: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// An artifact location.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct CodePipelineArtifactLocation<'a> {
    /// S3 location.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub s3_location: CodePipelineS3Location<'a>,
    /// `S3`.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub location_type: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// An S3 location.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct CodePipelineS3Location<'a> {
    /// Bucket.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub bucket_name: &'a str,
    /// Key.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub object_key: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Temporary credentials.
#[derive(Default, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct CodePipelineArtifactCredentials<'a> {
    /// Secret key.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub secret_access_key: &'a str,
    /// Session token.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub session_token: &'a str,
    /// Access key.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub access_key_id: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

impl core::fmt::Debug for CodePipelineArtifactCredentials<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("CodePipelineArtifactCredentials")
            .field("access_key_id", &self.access_key_id)
            .finish_non_exhaustive()
    }
}
