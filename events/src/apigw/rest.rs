//! REST APIs (payload format 1.0).

use serde::{Deserialize, Serialize};

use super::{MultiMap, RequestIdentity, StringMap, is_false};
use crate::{Body, Map, Value};

/// A REST API proxy request (also the SAM local and console-test shapes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiGatewayProxyRequest<'a> {
    /// `1.0` when present.
    pub version: Option<&'a str>,
    /// Resource template (`/{proxy+}`).
    pub resource: Option<&'a str>,
    /// Path, decoded.
    pub path: Option<&'a str>,
    /// Method.
    pub http_method: &'a str,
    /// Last value of each header.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_strs")]
    pub headers: StringMap<'a>,
    /// All values of each header.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_multi")]
    pub multi_value_headers: MultiMap<'a>,
    /// Last value of each query parameter.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_strs")]
    pub query_string_parameters: StringMap<'a>,
    /// All values of each query parameter.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_multi")]
    pub multi_value_query_string_parameters: MultiMap<'a>,
    /// Path parameters.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_strs")]
    pub path_parameters: StringMap<'a>,
    /// Stage variables.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::opt_strs")]
    pub stage_variables: StringMap<'a>,
    /// Request context.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub request_context: ApiGatewayProxyRequestContext<'a>,
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

impl<'a> ApiGatewayProxyRequest<'a> {
    /// The body, text or base64.
    pub const fn body(&self) -> Body<'a> {
        Body::new(self.body, self.is_base64_encoded)
    }
}

/// The `requestContext` of REST, WebSocket and v1 authorizer requests.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiGatewayProxyRequestContext<'a> {
    /// Account.
    pub account_id: Option<&'a str>,
    /// Resource id.
    pub resource_id: Option<&'a str>,
    /// Operation name.
    pub operation_name: Option<&'a str>,
    /// Stage.
    pub stage: Option<&'a str>,
    /// Domain.
    pub domain_name: Option<&'a str>,
    /// Domain prefix.
    pub domain_prefix: Option<&'a str>,
    /// Request id.
    pub request_id: Option<&'a str>,
    /// Extended request id.
    pub extended_request_id: Option<&'a str>,
    /// Protocol.
    pub protocol: Option<&'a str>,
    /// Caller.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub identity: RequestIdentity<'a>,
    /// Resource path.
    pub resource_path: Option<&'a str>,
    /// Path including the stage.
    pub path: Option<&'a str>,
    /// What the authorizer returned (`principalId`, context entries, `claims`).
    #[serde(borrow)]
    pub authorizer: Option<Map<'a, Value<'a>>>,
    /// Method.
    pub http_method: Option<&'a str>,
    /// `15/May/2020:06:01:09 +0000`.
    pub request_time: Option<&'a str>,
    /// Epoch milliseconds.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub request_time_epoch: Option<i64>,
    /// API id.
    pub api_id: Option<&'a str>,
    /// HTTP APIs (v1 authorizer requests): method, path, protocol, source IP, user agent.
    #[serde(borrow)]
    pub http: Option<super::V2HttpDescription<'a>>,
    /// HTTP APIs: `12/Mar/2020:19:03:58 +0000`.
    pub time: Option<&'a str>,
    /// HTTP APIs: epoch milliseconds.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub time_epoch: Option<i64>,
    /// WebSocket/HTTP route key.
    pub route_key: Option<&'a str>,
    /// WebSocket: `CONNECT`, `MESSAGE`, `DISCONNECT`.
    pub event_type: Option<&'a str>,
    /// WebSocket: connection id.
    pub connection_id: Option<&'a str>,
    /// WebSocket: epoch milliseconds of the connection.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub connected_at: Option<i64>,
    /// WebSocket: `IN`.
    pub message_direction: Option<&'a str>,
    /// WebSocket: message id.
    pub message_id: Option<&'a str>,
    /// WebSocket: disconnect status code.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub disconnect_status_code: Option<i64>,
    /// WebSocket: disconnect reason.
    pub disconnect_reason: Option<&'a str>,
    /// WebSocket: integration latency.
    pub integration_latency: Option<&'a str>,
    /// WebSocket: status.
    pub status: Option<&'a str>,
    /// WebSocket: error.
    pub error: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A REST API (or ALB-like v1) proxy response.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiGatewayProxyResponse<'a> {
    /// Status.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub status_code: u16,
    /// Single-value headers.
    #[serde(
        borrow,
        default,
        skip_serializing_if = "Map::is_empty",
        deserialize_with = "crate::tolerant::strs"
    )]
    pub headers: Map<'a, &'a str>,
    /// Multi-value headers.
    #[serde(
        borrow,
        default,
        skip_serializing_if = "Map::is_empty",
        deserialize_with = "crate::tolerant::multi"
    )]
    pub multi_value_headers: Map<'a, alloc::vec::Vec<&'a str>>,
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
