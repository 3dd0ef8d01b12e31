//! WebSocket APIs.

use serde::{Deserialize, Serialize};

use super::{ApiGatewayProxyRequestContext, MultiMap, StringMap};
use crate::Body;

/// A WebSocket API request (`$connect`, `$disconnect`, messages).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiGatewayWebsocketProxyRequest<'a> {
    /// Resource.
    pub resource: Option<&'a str>,
    /// Path.
    pub path: Option<&'a str>,
    /// Method (`$connect` only).
    pub http_method: Option<&'a str>,
    /// Headers (`$connect` only).
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
    /// Context: connection id, route, event type.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub request_context: ApiGatewayProxyRequestContext<'a>,
    /// The message.
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

impl<'a> ApiGatewayWebsocketProxyRequest<'a> {
    /// The message, text or base64.
    pub const fn body(&self) -> Body<'a> {
        Body::new(self.body, self.is_base64_encoded)
    }
}
