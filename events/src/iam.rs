//! IAM policy documents, as Lambda authorizers (API Gateway, AWS IoT) return them.
//!
//! Shaped as IAM's policy grammar allows: `Action` and `Resource` a string or a list, or their
//! `Not` forms instead; `Statement` one object or a list.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::{Map, OneOrMany, Value};

/// A policy document.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IamPolicyDocument<'a> {
    /// `2012-10-17`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<&'a str>,
    /// Statements (one object is read as a list of one).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::objects")]
    pub statement: Vec<IamPolicyStatement<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IamPolicyStatement<'a> {
    /// Statement id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<&'a str>,
    /// `Allow` or `Deny`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub effect: &'a str,
    /// Actions (a string or a list, kept as written).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub action: Option<OneOrMany<'a>>,
    /// Every action but these.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub not_action: Option<OneOrMany<'a>>,
    /// Resources (a string or a list).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<OneOrMany<'a>>,
    /// Every resource but these.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub not_resource: Option<OneOrMany<'a>>,
    /// Principal (resource policies): `*` or a map of kind to ids.
    #[serde(
        borrow,
        default,
        skip_serializing_if = "Value::is_null",
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub principal: Value<'a>,
    /// Conditions: operator → key → value(s).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Map<'a, Map<'a, Value<'a>>>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
