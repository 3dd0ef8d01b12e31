//! AWS KMS key events (`aws.kms`: `KMS CMK Rotation`, `KMS Imported Key Material Expiration`,
//! `KMS CMK Deletion`).

use serde::{Deserialize, Serialize};

/// A KMS key event.
pub type KmsKeyEvent<'a> = super::CloudWatchEvent<'a, CmkEvent<'a>>;

/// The detail.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
pub struct CmkEvent<'a> {
    /// The key.
    #[serde(
        rename = "key-id",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub key_id: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
