//! Application Load Balancer Lambda targets.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::{Body, Map};

/// A request from an ALB. With multi-value headers enabled on the target group only the
/// `multi_value_*` maps are set, otherwise only the single-value ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AlbTargetGroupRequest<'a> {
    /// Method.
    pub http_method: &'a str,
    /// Path, percent-encoded as received.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub path: &'a str,
    /// Query parameters, percent-encoded as received.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_strs")]
    pub query_string_parameters: Option<Map<'a, &'a str>>,
    /// Multi-value query parameters, percent-encoded.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_multi")]
    pub multi_value_query_string_parameters: Option<Map<'a, Vec<&'a str>>>,
    /// Headers (names lower-case).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_strs")]
    pub headers: Option<Map<'a, &'a str>>,
    /// Multi-value headers.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_multi")]
    pub multi_value_headers: Option<Map<'a, Vec<&'a str>>>,
    /// Context.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub request_context: AlbTargetGroupRequestContext<'a>,
    /// Whether `body` is base64.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub is_base64_encoded: bool,
    /// Body.
    pub body: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

impl<'a> AlbTargetGroupRequest<'a> {
    /// The body, text or base64.
    pub const fn body(&self) -> Body<'a> {
        Body::new(self.body, self.is_base64_encoded)
    }
}

/// `requestContext`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
pub struct AlbTargetGroupRequestContext<'a> {
    /// The target group.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub elb: ElbContext<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `requestContext.elb`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct ElbContext<'a> {
    /// Target group ARN.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub target_group_arn: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A response to an ALB.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AlbTargetGroupResponse<'a> {
    /// Status.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub status_code: u16,
    /// `200 OK`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_description: Option<&'a str>,
    /// Headers (single-value mode).
    #[serde(
        borrow,
        default,
        skip_serializing_if = "Map::is_empty",
        deserialize_with = "crate::tolerant::strs"
    )]
    pub headers: Map<'a, &'a str>,
    /// Headers (multi-value mode).
    #[serde(
        borrow,
        default,
        skip_serializing_if = "Map::is_empty",
        deserialize_with = "crate::tolerant::multi"
    )]
    pub multi_value_headers: Map<'a, Vec<&'a str>>,
    /// Body.
    #[serde(skip_serializing_if = "Option::is_none")]
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
