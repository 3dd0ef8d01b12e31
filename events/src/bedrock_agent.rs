//! Amazon Bedrock agent action groups.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::Map;

/// An action-group invocation by a Bedrock agent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct AgentEvent<'a> {
    /// `1.0`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub message_version: &'a str,
    /// The agent.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub agent: Agent<'a>,
    /// The user's input.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub input_text: &'a str,
    /// Session.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub session_id: &'a str,
    /// Action group.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub action_group: &'a str,
    /// API path (OpenAPI action groups).
    pub api_path: Option<&'a str>,
    /// Method.
    pub http_method: Option<&'a str>,
    /// Function (function-detail action groups).
    pub function: Option<&'a str>,
    /// Parameters.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub parameters: Vec<Parameter<'a>>,
    /// Request body, by content type.
    #[serde(borrow)]
    pub request_body: Option<RequestBody<'a>>,
    /// Session attributes.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub session_attributes: Map<'a, &'a str>,
    /// Prompt session attributes.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub prompt_session_attributes: Map<'a, &'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The agent.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
pub struct Agent<'a> {
    /// Name.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub name: &'a str,
    /// Id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub id: &'a str,
    /// Alias.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub alias: &'a str,
    /// Version.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub version: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A parameter or property.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
pub struct Parameter<'a> {
    /// Name.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub name: &'a str,
    /// `string`, `number`, …
    #[serde(
        rename = "type",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub parameter_type: &'a str,
    /// Value, as text.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub value: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `requestBody`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
pub struct RequestBody<'a> {
    /// By content type (`application/json`).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub content: Map<'a, Content<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The body for one content type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
pub struct Content<'a> {
    /// Properties.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub properties: Vec<Parameter<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
