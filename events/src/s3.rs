//! Amazon S3 event notifications, S3 Object Lambda and S3 Batch Operations.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::{Map, Timestamp, Value};

/// S3 event notifications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct S3Event<'a> {
    /// The records.
    #[serde(rename = "Records", borrow)]
    pub records: Vec<S3EventRecord<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// One notification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct S3EventRecord<'a> {
    /// `2.0`, `2.1`, …
    pub event_version: Option<&'a str>,
    /// `aws:s3`.
    pub event_source: Option<&'a str>,
    /// Region.
    pub aws_region: Option<&'a str>,
    /// When it happened.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub event_time: Timestamp<'a>,
    /// `ObjectCreated:Put`, …
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub event_name: &'a str,
    /// Who caused it.
    #[serde(borrow)]
    pub user_identity: Option<S3Identity<'a>>,
    /// `sourceIPAddress`.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::strs")]
    pub request_parameters: Map<'a, &'a str>,
    /// `x-amz-request-id`, `x-amz-id-2`.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub response_elements: Map<'a, &'a str>,
    /// The bucket and object.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub s3: S3Entity<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A principal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct S3Identity<'a> {
    /// Principal id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub principal_id: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The bucket and object of a notification.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct S3Entity<'a> {
    /// Schema version.
    pub s3_schema_version: Option<&'a str>,
    /// The notification configuration id.
    pub configuration_id: Option<&'a str>,
    /// Bucket.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub bucket: S3Bucket<'a>,
    /// Object.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub object: S3Object<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A bucket.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct S3Bucket<'a> {
    /// Name.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub name: &'a str,
    /// Owner.
    #[serde(borrow)]
    pub owner_identity: Option<S3Identity<'a>>,
    /// ARN.
    pub arn: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// An object.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct S3Object<'a> {
    /// The key, URL-encoded (`Happy%20Face.jpg`, spaces may also be `+`).
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub key: &'a str,
    /// The decoded key, when a producer added it (not sent by S3).
    pub url_decoded_key: Option<&'a str>,
    /// Size in bytes (absent for deletes).
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub size: Option<u64>,
    /// Version id.
    pub version_id: Option<&'a str>,
    /// ETag.
    pub e_tag: Option<&'a str>,
    /// Ordering key among events for the same object.
    pub sequencer: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// An S3 Object Lambda request (`GetObject`, `HeadObject`, `ListObjects`, `ListObjectsV2`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct S3ObjectLambdaEvent<'a, P = Value<'a>> {
    /// Request id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub x_amz_request_id: &'a str,
    /// For `GetObject`.
    #[serde(borrow)]
    pub get_object_context: Option<GetObjectContext<'a>>,
    /// For `HeadObject`.
    #[serde(borrow)]
    pub head_object_context: Option<InputUrlContext<'a>>,
    /// For `ListObjects`.
    #[serde(borrow)]
    pub list_objects_context: Option<InputUrlContext<'a>>,
    /// For `ListObjectsV2`.
    #[serde(rename = "listObjectsV2Context", borrow)]
    pub list_objects_v2_context: Option<InputUrlContext<'a>>,
    /// The access point configuration.
    #[serde(borrow)]
    pub configuration: ObjectLambdaConfiguration<'a, P>,
    /// The caller's request.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub user_request: UserRequest<'a>,
    /// The caller.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub user_identity: UserIdentity<'a>,
    /// `1.00`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub protocol_version: &'a str,
}

/// The `GetObject` context: where to fetch the original and where to write the result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct GetObjectContext<'a> {
    /// Presigned URL of the original object.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub input_s3_url: &'a str,
    /// `WriteGetObjectResponse` route.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub output_route: &'a str,
    /// `WriteGetObjectResponse` token.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub output_token: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The context of the other operations: a presigned URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct InputUrlContext<'a> {
    /// Presigned URL of the original request.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub input_s3_url: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The Object Lambda access point configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectLambdaConfiguration<'a, P> {
    /// Object Lambda access point ARN.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub access_point_arn: &'a str,
    /// The supporting access point ARN.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub supporting_access_point_arn: &'a str,
    /// The configured payload (often JSON in a string).
    pub payload: Option<P>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The caller's original request.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserRequest<'a> {
    /// URL.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub url: &'a str,
    /// Headers, as sent.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::strs")]
    pub headers: Map<'a, &'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// An IAM identity (CloudTrail `userIdentity` shape).
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserIdentity<'a> {
    /// `IAMUser`, `AssumedRole`, …
    #[serde(
        rename = "type",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub identity_type: &'a str,
    /// Principal id.
    pub principal_id: Option<&'a str>,
    /// ARN.
    pub arn: Option<&'a str>,
    /// Account.
    pub account_id: Option<&'a str>,
    /// Access key.
    pub access_key_id: Option<&'a str>,
    /// Temporary-credential session.
    #[serde(borrow)]
    pub session_context: Option<Value<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// An S3 Batch Operations `LambdaInvoke` request: the tasks (today always one) of a job.
///
/// Schema `1.0` names each task's bucket by ARN ([`S3BatchJobTask::s3_bucket_arn`]); schema
/// `2.0` (directory buckets, user arguments) by name ([`S3BatchJobTask::s3_bucket`]) and adds
/// [`S3BatchJob::user_arguments`]. Answer with an [`S3BatchJobResponse`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct S3BatchJobEvent<'a> {
    /// `1.0` or `2.0`; echo it in the response.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub invocation_schema_version: &'a str,
    /// Invocation id; echo it in the response.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub invocation_id: &'a str,
    /// The job.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub job: S3BatchJob<'a>,
    /// The objects to act on.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub tasks: Vec<S3BatchJobTask<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The job a [`S3BatchJobEvent`] belongs to.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct S3BatchJob<'a> {
    /// Job id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub id: &'a str,
    /// The job's `UserArguments` (schema `2.0` only).
    #[serde(borrow)]
    pub user_arguments: Option<Map<'a, &'a str>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// One object of a [`S3BatchJobEvent`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct S3BatchJobTask<'a> {
    /// Task id; echo it in the task's [`S3BatchJobResult`].
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub task_id: &'a str,
    /// The key, URL-encoded.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub s3_key: &'a str,
    /// Version id (`null` for unversioned objects).
    pub s3_version_id: Option<&'a str>,
    /// Bucket ARN (schema `1.0`).
    pub s3_bucket_arn: Option<&'a str>,
    /// Bucket name (schema `2.0`).
    pub s3_bucket: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The response to an [`S3BatchJobEvent`]: one result per task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct S3BatchJobResponse<'a> {
    /// The request's `invocationSchemaVersion`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub invocation_schema_version: &'a str,
    /// Result code for tasks missing from `results` (`PermanentFailure` when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub treat_missing_keys_as: Option<&'a str>,
    /// The request's `invocationId`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub invocation_id: &'a str,
    /// Per-task results.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub results: Vec<S3BatchJobResult<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The result of one [`S3BatchJobTask`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct S3BatchJobResult<'a> {
    /// The task's `taskId`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub task_id: &'a str,
    /// `Succeeded`, `TemporaryFailure` or `PermanentFailure`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub result_code: &'a str,
    /// Text for the job's completion report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result_string: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
