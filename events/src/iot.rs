//! AWS IoT: custom authorizers, IoT 1-Click and the IoT Button.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::{Map, OneOrMany};

/// A custom authorizer request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct IoTCustomAuthorizerRequest<'a> {
    /// Token.
    pub token: Option<&'a str>,
    /// Whether the token's signature was verified.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub signature_verified: bool,
    /// `tls`, `http`, `mqtt`.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub protocols: Vec<&'a str>,
    /// Per-protocol data.
    #[serde(borrow)]
    pub protocol_data: Option<IoTProtocolData<'a>>,
    /// Connection.
    #[serde(borrow)]
    pub connection_metadata: Option<IoTConnectionMetadata<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `protocolData`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
pub struct IoTProtocolData<'a> {
    /// TLS.
    #[serde(borrow)]
    pub tls: Option<IoTTlsContext<'a>>,
    /// HTTP.
    #[serde(borrow)]
    pub http: Option<IoTHttpContext<'a>>,
    /// MQTT.
    #[serde(borrow)]
    pub mqtt: Option<IoTMqttContext<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// TLS context.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct IoTTlsContext<'a> {
    /// SNI.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub server_name: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// HTTP context.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct IoTHttpContext<'a> {
    /// Headers.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::strs")]
    pub headers: Map<'a, &'a str>,
    /// Query string.
    pub query_string: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// MQTT context.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct IoTMqttContext<'a> {
    /// Client id.
    pub client_id: Option<&'a str>,
    /// Password, base64.
    pub password: Option<&'a str>,
    /// User name.
    pub username: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

impl core::fmt::Debug for IoTMqttContext<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("IoTMqttContext")
            .field("client_id", &self.client_id)
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

/// Connection metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
pub struct IoTConnectionMetadata<'a> {
    /// Connection id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub id: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A custom authorizer response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct IoTCustomAuthorizerResponse<'a> {
    /// Allow the connection.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub is_authenticated: bool,
    /// Principal.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub principal_id: &'a str,
    /// Seconds until disconnect.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub disconnect_after_in_seconds: u32,
    /// Seconds until the authorizer runs again.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub refresh_after_in_seconds: u32,
    /// Policies: documents, or JSON text holding one (AWS IoT takes both).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub policy_documents: Vec<IoTPolicy<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// One policy of a custom authorizer response, in either form AWS IoT accepts.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
pub enum IoTPolicy<'a> {
    /// A policy document object.
    Document(IoTPolicyDocument<'a>),
    /// A policy document as JSON text (decode it with
    /// [`decode_json_str`](crate::decode_json_str)).
    Text(&'a str),
}

impl Serialize for IoTPolicy<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Document(d) => d.serialize(serializer),
            Self::Text(t) => serializer.serialize_str(t),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for IoTPolicy<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{self, MapAccess, Visitor};

        struct V<'a>(core::marker::PhantomData<&'a ()>);

        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = IoTPolicy<'a>;

            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("a policy document, or JSON text holding one")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(IoTPolicy::Text(v))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                IoTPolicyDocument::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(IoTPolicy::Document)
            }
        }

        deserializer.deserialize_any(V(core::marker::PhantomData))
    }
}

/// An IAM-style policy document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "PascalCase")]
pub struct IoTPolicyDocument<'a> {
    /// `2012-10-17`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub version: &'a str,
    /// Statements.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub statement: Vec<IoTPolicyStatement<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "PascalCase")]
pub struct IoTPolicyStatement<'a> {
    /// Actions.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub action: OneOrMany<'a>,
    /// `Allow` or `Deny`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub effect: &'a str,
    /// Resources.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub resource: OneOrMany<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// An IoT 1-Click device event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IoTOneClickEvent<'a> {
    /// The event.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub device_event: IoTOneClickDeviceEvent<'a>,
    /// The device.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub device_info: IoTOneClickDeviceInfo<'a>,
    /// Its placement.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub placement_info: IoTOneClickPlacementInfo<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `deviceEvent`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct IoTOneClickDeviceEvent<'a> {
    /// The click.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub button_clicked: IoTOneClickButtonClicked<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A click.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct IoTOneClickButtonClicked<'a> {
    /// `SINGLE`, `DOUBLE`, `LONG`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub click_type: &'a str,
    /// When.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub reported_time: crate::Timestamp<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `deviceInfo`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IoTOneClickDeviceInfo<'a> {
    /// Attributes.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub attributes: Map<'a, &'a str>,
    /// `button`.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub device_type: &'a str,
    /// Device id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub device_id: &'a str,
    /// Remaining life, percent.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub remaining_life: f64,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `placementInfo`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct IoTOneClickPlacementInfo<'a> {
    /// Project.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub project_name: &'a str,
    /// Placement.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub placement_name: &'a str,
    /// Attributes.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub attributes: Map<'a, &'a str>,
    /// Devices by name.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub devices: Map<'a, &'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// An AWS IoT Button press.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct IoTButtonEvent<'a> {
    /// Serial number.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub serial_number: &'a str,
    /// `SINGLE`, `DOUBLE`, `LONG`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub click_type: &'a str,
    /// `2000 mV`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub battery_voltage: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
