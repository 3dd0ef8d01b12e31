//! Lambda authorizers: TOKEN and REQUEST (v1), REQUEST v2 (HTTP APIs), the IAM policy
//! response, and the HTTP API simple response.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use super::{ApiGatewayProxyRequestContext, ApiGatewayV2HttpRequestContext, MultiMap, StringMap};
use crate::{Map, Value};

/// A TOKEN authorizer request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct ApiGatewayCustomAuthorizerRequest<'a> {
    /// `TOKEN`.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub kind: &'a str,
    /// The token from the identity source header.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub authorization_token: &'a str,
    /// The method ARN to allow or deny.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub method_arn: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A REQUEST authorizer request (REST APIs, WebSocket `$connect`, and HTTP APIs with payload 1.0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiGatewayCustomAuthorizerRequestTypeRequest<'a> {
    /// `1.0` for HTTP APIs; absent for REST.
    pub version: Option<&'a str>,
    /// `REQUEST`.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub kind: &'a str,
    /// Method ARN.
    pub method_arn: Option<&'a str>,
    /// Identity sources, comma-joined (HTTP API 1.0).
    pub identity_source: Option<&'a str>,
    /// Token (HTTP API 1.0).
    pub authorization_token: Option<&'a str>,
    /// Resource.
    pub resource: Option<&'a str>,
    /// Path.
    pub path: Option<&'a str>,
    /// Method.
    pub http_method: Option<&'a str>,
    /// Headers.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_strs")]
    pub headers: StringMap<'a>,
    /// Multi-value headers.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_multi")]
    pub multi_value_headers: MultiMap<'a>,
    /// Query parameters.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_strs")]
    pub query_string_parameters: StringMap<'a>,
    /// Multi-value query parameters.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_multi")]
    pub multi_value_query_string_parameters: MultiMap<'a>,
    /// Path parameters.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_strs")]
    pub path_parameters: StringMap<'a>,
    /// Stage variables.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_strs")]
    pub stage_variables: StringMap<'a>,
    /// Context.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub request_context: ApiGatewayProxyRequestContext<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// An HTTP API REQUEST authorizer request, payload 2.0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiGatewayV2CustomAuthorizerV2Request<'a> {
    /// `2.0`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub version: &'a str,
    /// `REQUEST`.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub kind: &'a str,
    /// Route ARN.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub route_arn: &'a str,
    /// Identity source values.
    #[serde(borrow)]
    pub identity_source: Option<Vec<&'a str>>,
    /// Route key.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub route_key: &'a str,
    /// Raw path.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub raw_path: &'a str,
    /// Raw query string.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub raw_query_string: &'a str,
    /// Cookies.
    #[serde(borrow)]
    pub cookies: Option<Vec<&'a str>>,
    /// Headers.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_strs")]
    pub headers: StringMap<'a>,
    /// Query parameters.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_strs")]
    pub query_string_parameters: StringMap<'a>,
    /// Context.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub request_context: ApiGatewayV2HttpRequestContext<'a>,
    /// Path parameters.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_strs")]
    pub path_parameters: StringMap<'a>,
    /// Stage variables.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_strs")]
    pub stage_variables: StringMap<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The IAM policy an authorizer returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiGatewayCustomAuthorizerResponse<'a> {
    /// The principal.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub principal_id: &'a str,
    /// The policy.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub policy_document: ApiGatewayPolicyDocument<'a>,
    /// Context passed to the integration (string, number or boolean values).
    #[serde(
        borrow,
        default,
        skip_serializing_if = "Map::is_empty",
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub context: Map<'a, Value<'a>>,
    /// API key for usage plans.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage_identifier_key: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The simple response of an HTTP API Lambda authorizer (payload 2.0 with simple responses
/// enabled): allow or deny, without a policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiGatewayV2CustomAuthorizerSimpleResponse<'a> {
    /// Allow.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub is_authorized: bool,
    /// Context passed to the integration as `$context.authorizer.*` (any JSON values).
    #[serde(
        borrow,
        default,
        skip_serializing_if = "Map::is_empty",
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub context: Map<'a, Value<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The IAM policy document an authorizer returns.
pub type ApiGatewayPolicyDocument<'a> = crate::iam::IamPolicyDocument<'a>;
