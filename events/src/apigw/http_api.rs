//! HTTP APIs (payload format 2.0); Lambda function URLs use the same shape.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use super::{ClientCert, StringMap, is_false};
use crate::{Body, Map, Value};

/// An HTTP API (payload 2.0) or function URL request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiGatewayV2HttpRequest<'a> {
    /// `2.0`.
    pub version: Option<&'a str>,
    /// Route key (`$default`, `GET /pets`).
    pub route_key: Option<&'a str>,
    /// Path, percent-encoded as received.
    pub raw_path: Option<&'a str>,
    /// Query string, as received.
    pub raw_query_string: Option<&'a str>,
    /// Cookies (not in `headers`).
    #[serde(borrow)]
    pub cookies: Option<Vec<&'a str>>,
    /// Headers, repeated ones joined with commas.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_strs")]
    pub headers: StringMap<'a>,
    /// Query parameters, repeated ones joined with commas.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_strs")]
    pub query_string_parameters: StringMap<'a>,
    /// Path parameters.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_strs")]
    pub path_parameters: StringMap<'a>,
    /// Context.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub request_context: ApiGatewayV2HttpRequestContext<'a>,
    /// Stage variables.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_strs")]
    pub stage_variables: StringMap<'a>,
    /// Body.
    pub body: Option<&'a str>,
    /// Whether `body` is base64.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub is_base64_encoded: bool,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

impl<'a> ApiGatewayV2HttpRequest<'a> {
    /// The body, text or base64.
    pub const fn body(&self) -> Body<'a> {
        Body::new(self.body, self.is_base64_encoded)
    }
}

/// The `requestContext` of a v2 request.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiGatewayV2HttpRequestContext<'a> {
    /// Route key.
    pub route_key: Option<&'a str>,
    /// Account.
    pub account_id: Option<&'a str>,
    /// Stage.
    pub stage: Option<&'a str>,
    /// Request id.
    pub request_id: Option<&'a str>,
    /// Authorizer output.
    #[serde(borrow)]
    pub authorizer: Option<V2Authorizer<'a>>,
    /// API id (function URL id).
    pub api_id: Option<&'a str>,
    /// Domain.
    pub domain_name: Option<&'a str>,
    /// Domain prefix.
    pub domain_prefix: Option<&'a str>,
    /// `12/Mar/2020:19:03:58 +0000`.
    pub time: Option<&'a str>,
    /// Epoch milliseconds.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub time_epoch: Option<i64>,
    /// Method, path, protocol, source IP, user agent.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub http: V2HttpDescription<'a>,
    /// mTLS.
    #[serde(borrow)]
    pub authentication: Option<V2Authentication<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `requestContext.http`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct V2HttpDescription<'a> {
    /// Method.
    pub method: &'a str,
    /// Path.
    pub path: Option<&'a str>,
    /// Protocol.
    pub protocol: Option<&'a str>,
    /// Source IP.
    pub source_ip: Option<&'a str>,
    /// User agent.
    pub user_agent: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `requestContext.authentication`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct V2Authentication<'a> {
    /// The mTLS client certificate.
    #[serde(borrow)]
    pub client_cert: Option<ClientCert<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `requestContext.authorizer`: one of JWT, IAM or Lambda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct V2Authorizer<'a> {
    /// JWT authorizer output.
    #[serde(borrow)]
    pub jwt: Option<V2Jwt<'a>>,
    /// IAM authorizer output.
    #[serde(borrow)]
    pub iam: Option<V2IamDescription<'a>>,
    /// Lambda authorizer context.
    #[serde(borrow)]
    pub lambda: Option<Map<'a, Value<'a>>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// JWT claims and scopes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct V2Jwt<'a> {
    /// Claims (values are strings, or arrays for some).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub claims: Map<'a, Value<'a>>,
    /// Scopes.
    #[serde(borrow)]
    pub scopes: Option<Vec<&'a str>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// IAM authorizer output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct V2IamDescription<'a> {
    /// Access key.
    pub access_key: Option<&'a str>,
    /// Account.
    pub account_id: Option<&'a str>,
    /// Caller id.
    pub caller_id: Option<&'a str>,
    /// Cognito identity.
    #[serde(borrow)]
    pub cognito_identity: Option<V2CognitoIdentity<'a>>,
    /// Organization id.
    pub principal_org_id: Option<&'a str>,
    /// User ARN.
    pub user_arn: Option<&'a str>,
    /// User id.
    pub user_id: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Cognito identity of an IAM caller.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct V2CognitoIdentity<'a> {
    /// Authentication methods.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub amr: Vec<&'a str>,
    /// Identity id.
    pub identity_id: Option<&'a str>,
    /// Pool id.
    pub identity_pool_id: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// An HTTP API (payload 2.0) or function URL response, in its structured form.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiGatewayV2HttpResponse<'a> {
    /// Status.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub status_code: u16,
    /// Headers (repeated values joined with commas).
    #[serde(
        borrow,
        default,
        skip_serializing_if = "Map::is_empty",
        deserialize_with = "crate::tolerant::strs"
    )]
    pub headers: Map<'a, &'a str>,
    /// `Set-Cookie` values.
    #[serde(
        borrow,
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub cookies: Vec<&'a str>,
    /// Body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<&'a str>,
    /// Whether `body` is base64.
    #[serde(
        default,
        skip_serializing_if = "is_false",
        deserialize_with = "crate::tolerant::flag"
    )]
    pub is_base64_encoded: bool,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
