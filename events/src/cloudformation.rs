//! CloudFormation custom resources: the raw request/response (`ServiceToken` + `ResponseURL`)
//! and the CDK provider-framework shapes.

use serde::{Deserialize, Serialize};

use crate::Value;

/// A custom resource request, generic over the resource properties (`P`, free-form by default).
///
/// `RequestType` is `Create`, `Update` or `Delete`; `PhysicalResourceId` and
/// `OldResourceProperties` are only sent where they apply. The provider framework's requests
/// omit `ServiceToken` and `ResponseURL`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CloudFormationCustomResourceRequest<'a, P = Value<'a>> {
    /// `Create`, `Update`, `Delete`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub request_type: &'a str,
    /// The function ARN (not in provider-framework requests).
    pub service_token: Option<&'a str>,
    /// Request id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub request_id: &'a str,
    /// Presigned S3 URL to PUT the response to (not in provider-framework requests).
    #[serde(rename = "ResponseURL")]
    pub response_url: Option<&'a str>,
    /// Stack.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub stack_id: &'a str,
    /// `Custom::…`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub resource_type: &'a str,
    /// Logical id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub logical_resource_id: &'a str,
    /// Physical id (`Update`, `Delete`).
    pub physical_resource_id: Option<&'a str>,
    /// Properties.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub resource_properties: P,
    /// Previous properties (`Update`).
    pub old_resource_properties: Option<P>,
}

/// The response PUT to `ResponseURL`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CloudFormationCustomResourceResponse<'a, D = Value<'a>> {
    /// `SUCCESS` or `FAILED`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub status: &'a str,
    /// Why, for `FAILED`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'a str>,
    /// Physical id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub physical_resource_id: &'a str,
    /// Stack (from the request).
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub stack_id: &'a str,
    /// Request id (from the request).
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub request_id: &'a str,
    /// Logical id (from the request).
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub logical_resource_id: &'a str,
    /// Mask the output.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub no_echo: bool,
    /// Attributes for `Fn::GetAtt`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<D>,
}

/// A provider-framework (CDK) `onEvent` response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CloudFormationCustomResourceProviderResponse<'a, D = Value<'a>> {
    /// Physical id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub physical_resource_id: Option<&'a str>,
    /// Mask the output.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub no_echo: bool,
    /// Attributes for `Fn::GetAtt`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<D>,
}
