//! AWS Client VPN connection handlers.

use serde::{Deserialize, Serialize};

/// A connection attempt to authorize.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "kebab-case")]
pub struct ClientVpnConnectionHandlerRequest<'a> {
    /// Connection.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub connection_id: &'a str,
    /// Endpoint.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub endpoint_id: &'a str,
    /// Certificate common name.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub common_name: &'a str,
    /// User name.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub username: &'a str,
    /// Client OS.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub platform: &'a str,
    /// Client OS version.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub platform_version: &'a str,
    /// Client IP.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub public_ip: &'a str,
    /// OpenVPN version.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub client_openvpn_version: &'a str,
    /// `v1`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub schema_version: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The handler's decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "kebab-case")]
pub struct ClientVpnConnectionHandlerResponse<'a> {
    /// Allow or deny.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub allow: bool,
    /// Shown to the user on denial.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub error_msg_on_failed_posture_compliance: &'a str,
    /// Posture compliance statuses.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub posture_compliance_statuses: alloc::vec::Vec<&'a str>,
    /// `v1`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub schema_version: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
