//! AWS KMS key events (`aws.kms`: `KMS CMK Rotation`, `KMS Imported Key Material Expiration`,
//! `KMS CMK Deletion`).

use serde::{Deserialize, Serialize};

/// A KMS key event.
pub type KmsKeyEvent<'a> = super::CloudWatchEvent<'a, CmkEvent<'a>>;

/// The detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CmkEvent<'a> {
    /// The key.
    #[serde(rename = "key-id")]
    pub key_id: &'a str,
}
