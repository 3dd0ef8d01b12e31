//! AWS IoT fleet provisioning: the pre-provisioning hook, which approves or refuses a device
//! before it is provisioned and may override template parameters.

use serde::{Deserialize, Serialize};

use crate::Map;

/// What AWS IoT sends the hook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IoTPreProvisionHookRequest<'a> {
    /// The claim certificate the device connected with.
    pub claim_certificate_id: Option<&'a str>,
    /// The certificate being provisioned.
    pub certificate_id: Option<&'a str>,
    /// Its PEM.
    pub certificate_pem: Option<&'a str>,
    /// The provisioning template.
    pub template_arn: Option<&'a str>,
    /// The MQTT client id.
    pub client_id: Option<&'a str>,
    /// The device's parameters (strings).
    #[serde(borrow, default)]
    pub parameters: Map<'a, &'a str>,
}

/// What the hook answers.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IoTPreProvisionHookResponse<'a> {
    /// Provision the device or not.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub allow_provisioning: bool,
    /// Template parameters to override.
    #[serde(borrow, default, skip_serializing_if = "Map::is_empty")]
    pub parameter_overrides: Map<'a, &'a str>,
}
