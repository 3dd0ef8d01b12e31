//! Amazon Bedrock agent action groups.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::Map;

/// An action-group invocation by a Bedrock agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentEvent<'a> {
    /// `1.0`.
    pub message_version: &'a str,
    /// The agent.
    #[serde(borrow)]
    pub agent: Agent<'a>,
    /// The user's input.
    pub input_text: &'a str,
    /// Session.
    pub session_id: &'a str,
    /// Action group.
    pub action_group: &'a str,
    /// API path (OpenAPI action groups).
    pub api_path: Option<&'a str>,
    /// Method.
    pub http_method: Option<&'a str>,
    /// Function (function-detail action groups).
    pub function: Option<&'a str>,
    /// Parameters.
    #[serde(borrow, default)]
    pub parameters: Vec<Parameter<'a>>,
    /// Request body, by content type.
    #[serde(borrow)]
    pub request_body: Option<RequestBody<'a>>,
    /// Session attributes.
    #[serde(borrow, default)]
    pub session_attributes: Map<'a, &'a str>,
    /// Prompt session attributes.
    #[serde(borrow, default)]
    pub prompt_session_attributes: Map<'a, &'a str>,
}

/// The agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agent<'a> {
    /// Name.
    pub name: &'a str,
    /// Id.
    pub id: &'a str,
    /// Alias.
    pub alias: &'a str,
    /// Version.
    pub version: &'a str,
}

/// A parameter or property.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parameter<'a> {
    /// Name.
    pub name: &'a str,
    /// `string`, `number`, …
    #[serde(rename = "type")]
    pub parameter_type: &'a str,
    /// Value, as text.
    pub value: &'a str,
}

/// `requestBody`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestBody<'a> {
    /// By content type (`application/json`).
    #[serde(borrow)]
    pub content: Map<'a, Content<'a>>,
}

/// The body for one content type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Content<'a> {
    /// Properties.
    #[serde(borrow)]
    pub properties: Vec<Parameter<'a>>,
}
