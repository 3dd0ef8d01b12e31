//! ECR image actions: a push or a delete (`aws.ecr`, `ECR Image Action`).

use serde::{Deserialize, Serialize};

/// An image push or delete.
pub type EcrImageActionEvent<'a> = super::CloudWatchEvent<'a, EcrImageActionDetail<'a>>;

/// The detail of an image action.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "kebab-case")]
pub struct EcrImageActionDetail<'a> {
    /// `SUCCESS`, `FAILURE`.
    pub result: Option<&'a str>,
    /// Repository.
    pub repository_name: Option<&'a str>,
    /// Digest.
    pub image_digest: Option<&'a str>,
    /// `PUSH`, `DELETE`.
    pub action_type: Option<&'a str>,
    /// Tag (absent for an untagged image).
    pub image_tag: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
