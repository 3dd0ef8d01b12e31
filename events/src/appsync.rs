//! AWS AppSync: direct Lambda resolvers, the 2017-02-28 request mapping template shapes,
//! identities, and Lambda authorizers.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::{Map, Value};

/// A direct Lambda resolver invocation, generic over `arguments`, `source` and `stash`
/// (`A`, free-form by default).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppSyncDirectResolverEvent<'a, A = Value<'a>> {
    /// Field arguments.
    pub arguments: Option<A>,
    /// Caller identity (Cognito, IAM, OIDC or Lambda; free-form, see [`AppSyncIamIdentity`] and
    /// [`AppSyncCognitoIdentity`]).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub identity: Value<'a>,
    /// The field being resolved.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub info: AppSyncInfo<'a>,
    /// Previous pipeline function's result.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub prev: Value<'a>,
    /// The HTTP request.
    #[serde(borrow)]
    pub request: Option<AppSyncRequest<'a>>,
    /// The parent object.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub source: Value<'a>,
    /// The pipeline stash.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub stash: Value<'a>,
}

/// `info`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppSyncInfo<'a> {
    /// Field.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub field_name: &'a str,
    /// Parent type.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub parent_type_name: &'a str,
    /// Selection set, GraphQL text.
    #[serde(rename = "selectionSetGraphQL")]
    pub selection_set_graphql: Option<&'a str>,
    /// Selection set, field paths.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub selection_set_list: Vec<&'a str>,
    /// Variables.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub variables: Map<'a, Value<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `request`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct AppSyncRequest<'a> {
    /// Custom domain.
    pub domain_name: Option<&'a str>,
    /// Headers.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::strs")]
    pub headers: Map<'a, &'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The `Invoke` / `BatchInvoke` request mapping template (2017-02-28).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppSyncResolverTemplate<'a, P = Value<'a>> {
    /// `2017-02-28`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub version: &'a str,
    /// `Invoke` or `BatchInvoke`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub operation: &'a str,
    /// The payload (an array for `BatchInvoke`).
    pub payload: Option<P>,
}

/// An IAM identity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct AppSyncIamIdentity<'a> {
    /// Account.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub account_id: &'a str,
    /// Cognito identity pool.
    pub cognito_identity_pool_id: Option<&'a str>,
    /// Cognito identity.
    pub cognito_identity_id: Option<&'a str>,
    /// Source IPs.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub source_ip: Vec<&'a str>,
    /// User name.
    pub username: Option<&'a str>,
    /// User ARN.
    pub user_arn: Option<&'a str>,
    /// `authenticated`, `unauthenticated`.
    pub cognito_identity_auth_type: Option<&'a str>,
    /// Provider.
    pub cognito_identity_auth_provider: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A Cognito user-pool identity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppSyncCognitoIdentity<'a> {
    /// Subject.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub sub: &'a str,
    /// Issuer.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub issuer: &'a str,
    /// User name.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub username: &'a str,
    /// Token claims.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub claims: Map<'a, Value<'a>>,
    /// Source IPs.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub source_ip: Vec<&'a str>,
    /// `ALLOW`, `DENY`.
    pub default_auth_strategy: Option<&'a str>,
    /// Groups.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub groups: Vec<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A Lambda authorizer request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppSyncLambdaAuthorizerRequest<'a> {
    /// The token.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub authorization_token: &'a str,
    /// The operation.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub request_context: AppSyncLambdaAuthorizerRequestContext<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `requestContext`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppSyncLambdaAuthorizerRequestContext<'a> {
    /// API.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub api_id: &'a str,
    /// Account.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub account_id: &'a str,
    /// Request id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub request_id: &'a str,
    /// The GraphQL document.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub query_string: &'a str,
    /// Operation.
    pub operation_name: Option<&'a str>,
    /// Variables.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub variables: Map<'a, Value<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A Lambda authorizer response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppSyncLambdaAuthorizerResponse<'a> {
    /// Allow.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub is_authorized: bool,
    /// Passed to resolvers as `$ctx.identity.resolverContext`: any JSON values (strings,
    /// numbers, booleans, objects).
    #[serde(
        borrow,
        default,
        skip_serializing_if = "Map::is_empty",
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub resolver_context: Map<'a, Value<'a>>,
    /// Fields to deny.
    #[serde(
        borrow,
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub denied_fields: Vec<&'a str>,
    /// Cache TTL.
    #[serde(
        default,
        deserialize_with = "crate::tolerant::opt_num",
        skip_serializing_if = "Option::is_none"
    )]
    pub ttl_override: Option<i64>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
