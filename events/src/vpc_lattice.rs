//! VPC Lattice Lambda targets (Amazon VPC Lattice User Guide, "Lambda functions as targets").
//!
//! A target group sends one of two event structures, chosen by its
//! `lambdaEventStructureVersion`: [`VpcLatticeRequestV1`] (snake_case keys, single-value
//! headers and query) or [`VpcLatticeRequestV2`] (camelCase, `version` `"2.0"`, multi-value
//! headers and query, and a `requestContext` naming the service network, service, target group
//! and caller identity). Both are answered with a [`VpcLatticeResponse`].

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::{Body, Map};

/// A request in the V1 event structure. Repeated headers arrive comma-joined in one value;
/// repeated query parameters keep their last value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
pub struct VpcLatticeRequestV1<'a> {
    /// Path (without the query).
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub raw_path: &'a str,
    /// Method.
    pub method: &'a str,
    /// Headers (names lower-case).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::strs")]
    pub headers: Map<'a, &'a str>,
    /// Query parameters.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::strs")]
    pub query_string_parameters: Map<'a, &'a str>,
    /// Body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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

impl<'a> VpcLatticeRequestV1<'a> {
    /// The body, text or base64.
    pub const fn body(&self) -> Body<'a> {
        Body::new(self.body, self.is_base64_encoded)
    }
}

/// A request in the V2 event structure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct VpcLatticeRequestV2<'a> {
    /// `"2.0"`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub version: &'a str,
    /// Path (without the query).
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub path: &'a str,
    /// Method.
    pub method: &'a str,
    /// Headers (names lower-case), every value of each.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::multi")]
    pub headers: Map<'a, Vec<&'a str>>,
    /// Query parameters, every value of each.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::multi")]
    pub query_string_parameters: Map<'a, Vec<&'a str>>,
    /// Body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<&'a str>,
    /// Whether `body` is base64.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub is_base64_encoded: bool,
    /// Where the request came from and went to.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub request_context: VpcLatticeRequestContext<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

impl<'a> VpcLatticeRequestV2<'a> {
    /// The body, text or base64.
    pub const fn body(&self) -> Body<'a> {
        Body::new(self.body, self.is_base64_encoded)
    }
}

/// `requestContext` (V2).
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct VpcLatticeRequestContext<'a> {
    /// The service network that delivered the request.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub service_network_arn: &'a str,
    /// The service that received it.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub service_arn: &'a str,
    /// The target group that invoked the function.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub target_group_arn: &'a str,
    /// The caller, when the service or network has an auth policy.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<VpcLatticeIdentity<'a>>,
    /// Region.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub region: &'a str,
    /// Request time in microseconds since the Unix epoch, as a decimal string.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub time_epoch: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `requestContext.identity` (V2): who called, as far as VPC Lattice knows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct VpcLatticeIdentity<'a> {
    /// The VPC the request came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_vpc_arn: Option<&'a str>,
    /// `AWS_IAM` when the request was SigV4-signed.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'a str>,
    /// The authenticated IAM principal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub principal: Option<&'a str>,
    /// Its AWS Organizations id.
    #[serde(
        rename = "principalOrgID",
        alias = "principalOrgId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub principal_org_id: Option<&'a str>,
    /// The role session name, for assumed roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_name: Option<&'a str>,
    /// IAM Roles Anywhere: the certificate issuer's organizational unit.
    #[serde(
        rename = "x509IssuerOu",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub x509_issuer_ou: Option<&'a str>,
    /// IAM Roles Anywhere: the certificate's DNS subject alternative name.
    #[serde(
        rename = "x509SanDns",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub x509_san_dns: Option<&'a str>,
    /// IAM Roles Anywhere: the certificate's name-CN subject alternative name.
    #[serde(
        rename = "x509SanNameCn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub x509_san_name_cn: Option<&'a str>,
    /// IAM Roles Anywhere: the certificate's URI subject alternative name.
    #[serde(
        rename = "x509SanUri",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub x509_san_uri: Option<&'a str>,
    /// IAM Roles Anywhere: the certificate subject's common name.
    #[serde(
        rename = "x509SubjectCn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub x509_subject_cn: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A response to VPC Lattice (either event structure).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct VpcLatticeResponse<'a> {
    /// Status.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub status_code: u16,
    /// `200 OK`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_description: Option<&'a str>,
    /// Headers, one value each.
    #[serde(
        borrow,
        default,
        skip_serializing_if = "Map::is_empty",
        deserialize_with = "crate::tolerant::strs"
    )]
    pub headers: Map<'a, &'a str>,
    /// Body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
