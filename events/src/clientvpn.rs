//! AWS Client VPN connection handlers.

use serde::{Deserialize, Serialize};

/// A connection attempt to authorize.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct ClientVpnConnectionHandlerRequest<'a> {
    /// Connection.
    pub connection_id: &'a str,
    /// Endpoint.
    pub endpoint_id: &'a str,
    /// Certificate common name.
    pub common_name: &'a str,
    /// User name.
    pub username: &'a str,
    /// Client OS.
    pub platform: &'a str,
    /// Client OS version.
    pub platform_version: &'a str,
    /// Client IP.
    pub public_ip: &'a str,
    /// OpenVPN version.
    pub client_openvpn_version: &'a str,
    /// `v1`.
    pub schema_version: &'a str,
}

/// The handler's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct ClientVpnConnectionHandlerResponse<'a> {
    /// Allow or deny.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub allow: bool,
    /// Shown to the user on denial.
    pub error_msg_on_failed_posture_compliance: &'a str,
    /// Posture compliance statuses.
    #[serde(borrow, default)]
    pub posture_compliance_statuses: alloc::vec::Vec<&'a str>,
    /// `v1`.
    pub schema_version: &'a str,
}
