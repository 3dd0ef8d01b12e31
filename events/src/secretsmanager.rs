//! Secrets Manager rotation.

use serde::{Deserialize, Serialize};

/// One rotation step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "PascalCase")]
pub struct SecretsManagerSecretRotationEvent<'a> {
    /// `createSecret`, `setSecret`, `testSecret`, `finishSecret`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub step: &'a str,
    /// Secret ARN.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub secret_id: &'a str,
    /// Version id of the new secret.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub client_request_token: &'a str,
    /// Rotation token (cross-account rotations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotation_token: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
