//! API Gateway: REST APIs (payload v1), HTTP APIs (payload v2), WebSocket APIs, and Lambda
//! authorizers for all three.
//!
//! Header and query maps are [`Map`]s in document order; look headers up with
//! [`Map::get_ignore_case`]. Bodies are text unless `is_base64_encoded`; see [`Body`](crate::Body).

mod authorizer;
mod http_api;
mod rest;
mod websocket;

pub use crate::iam::IamPolicyStatement;
pub use authorizer::{
    ApiGatewayCustomAuthorizerRequest, ApiGatewayCustomAuthorizerRequestTypeRequest,
    ApiGatewayCustomAuthorizerResponse, ApiGatewayPolicyDocument,
    ApiGatewayV2CustomAuthorizerSimpleResponse, ApiGatewayV2CustomAuthorizerV2Request,
};
pub use http_api::{
    ApiGatewayV2HttpRequest, ApiGatewayV2HttpRequestContext, ApiGatewayV2HttpResponse,
    V2Authorizer, V2HttpDescription, V2IamDescription,
};
pub use rest::{ApiGatewayProxyRequest, ApiGatewayProxyRequestContext, ApiGatewayProxyResponse};
pub use websocket::ApiGatewayWebsocketProxyRequest;

use serde::{Deserialize, Serialize};

use crate::Map;

/// The caller identity of a v1 (REST/WebSocket) request.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestIdentity<'a> {
    /// Cognito identity pool.
    pub cognito_identity_pool_id: Option<&'a str>,
    /// Account.
    pub account_id: Option<&'a str>,
    /// Cognito identity.
    pub cognito_identity_id: Option<&'a str>,
    /// Caller.
    pub caller: Option<&'a str>,
    /// API key.
    pub api_key: Option<&'a str>,
    /// API key id.
    pub api_key_id: Option<&'a str>,
    /// Access key.
    pub access_key: Option<&'a str>,
    /// Source IP.
    pub source_ip: Option<&'a str>,
    /// Cognito authentication type.
    pub cognito_authentication_type: Option<&'a str>,
    /// Cognito authentication provider.
    pub cognito_authentication_provider: Option<&'a str>,
    /// User ARN.
    pub user_arn: Option<&'a str>,
    /// User agent.
    pub user_agent: Option<&'a str>,
    /// User.
    pub user: Option<&'a str>,
    /// AWS Organizations id of the principal.
    pub principal_org_id: Option<&'a str>,
    /// The mTLS client certificate.
    #[serde(borrow)]
    pub client_cert: Option<ClientCert<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// An mTLS client certificate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct ClientCert<'a> {
    /// PEM text.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub client_cert_pem: &'a str,
    /// Subject DN.
    #[serde(
        rename = "subjectDN",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub subject_dn: &'a str,
    /// Issuer DN.
    #[serde(
        rename = "issuerDN",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub issuer_dn: &'a str,
    /// Serial number.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub serial_number: &'a str,
    /// Validity.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub validity: ClientCertValidity<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Validity of a [`ClientCert`].
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct ClientCertValidity<'a> {
    /// Not before (OpenSSL date text).
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub not_before: &'a str,
    /// Not after.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub not_after: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A string → string map that API Gateway may send as `null`.
pub type StringMap<'a> = Option<Map<'a, &'a str>>;
/// A string → strings map that API Gateway may send as `null`.
pub type MultiMap<'a> = Option<Map<'a, alloc::vec::Vec<&'a str>>>;

#[allow(clippy::trivially_copy_pass_by_ref)]
pub(crate) const fn is_false(b: &bool) -> bool {
    !*b
}
