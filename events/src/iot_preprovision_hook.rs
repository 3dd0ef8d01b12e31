//! AWS IoT fleet provisioning: the pre-provisioning hook, which approves or refuses a device
//! before it is provisioned and may override template parameters.

use serde::{Deserialize, Serialize};

use crate::Map;

/// What AWS IoT sends the hook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
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
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub parameters: Map<'a, &'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// What the hook answers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct IoTPreProvisionHookResponse<'a> {
    /// Provision the device or not.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub allow_provisioning: bool,
    /// Template parameters to override.
    #[serde(
        borrow,
        default,
        skip_serializing_if = "Map::is_empty",
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub parameter_overrides: Map<'a, &'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
