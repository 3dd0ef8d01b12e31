//! Secrets Manager rotation.

use serde::{Deserialize, Serialize};

/// One rotation step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SecretsManagerSecretRotationEvent<'a> {
    /// `createSecret`, `setSecret`, `testSecret`, `finishSecret`.
    pub step: &'a str,
    /// Secret ARN.
    pub secret_id: &'a str,
    /// Version id of the new secret.
    pub client_request_token: &'a str,
    /// Rotation token (cross-account rotations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotation_token: Option<&'a str>,
}
