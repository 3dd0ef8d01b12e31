//! The first AWS IoT custom authorizer request format, before `protocolData`: the contexts sit
//! at the top level and the token's signature is passed along. The response is unchanged.

use serde::{Deserialize, Serialize};

pub use crate::iot::IoTCustomAuthorizerResponse;
use crate::iot::{IoTHttpContext, IoTMqttContext, IoTTlsContext};

/// A custom authorizer request in the first format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct IoTCustomAuthorizerRequest<'a> {
    /// HTTP.
    #[serde(borrow)]
    pub http_context: Option<IoTHttpContext<'a>>,
    /// MQTT.
    #[serde(borrow)]
    pub mqtt_context: Option<IoTMqttContext<'a>>,
    /// TLS.
    #[serde(borrow)]
    pub tls_context: Option<IoTTlsContext<'a>>,
    /// The token.
    #[serde(rename = "token")]
    pub authorization_token: Option<&'a str>,
    /// Its signature.
    pub token_signature: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
