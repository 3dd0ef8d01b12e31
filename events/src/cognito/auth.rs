//! Custom authentication challenge triggers.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use super::{Attributes, CognitoUserPoolEvent};

/// `DefineAuthChallenge_Authentication`.
pub type DefineAuthChallengeEvent<'a> =
    CognitoUserPoolEvent<'a, DefineAuthChallengeRequest<'a>, DefineAuthChallengeResponse<'a>>;
/// `CreateAuthChallenge_Authentication`.
pub type CreateAuthChallengeEvent<'a> =
    CognitoUserPoolEvent<'a, CreateAuthChallengeRequest<'a>, CreateAuthChallengeResponse<'a>>;
/// `VerifyAuthChallengeResponse_Authentication`.
pub type VerifyAuthChallengeEvent<'a> =
    CognitoUserPoolEvent<'a, VerifyAuthChallengeRequest<'a>, VerifyAuthChallengeResponse>;

/// One earlier challenge of the session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct ChallengeResult<'a> {
    /// `PASSWORD_VERIFIER`, `CUSTOM_CHALLENGE`, …
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub challenge_name: &'a str,
    /// Passed or not.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub challenge_result: bool,
    /// Metadata.
    pub challenge_metadata: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Define: input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct DefineAuthChallengeRequest<'a> {
    /// User attributes.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub user_attributes: Attributes<'a>,
    /// Earlier challenges.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub session: Vec<ChallengeResult<'a>>,
    /// Client metadata.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub client_metadata: Attributes<'a>,
    /// Whether the user does not exist.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub user_not_found: bool,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Define: output.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct DefineAuthChallengeResponse<'a> {
    /// Next challenge.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub challenge_name: Option<&'a str>,
    /// Issue tokens now.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub issue_tokens: bool,
    /// Fail now.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub fail_authentication: bool,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Create: input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct CreateAuthChallengeRequest<'a> {
    /// User attributes.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub user_attributes: Attributes<'a>,
    /// The challenge to create.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub challenge_name: &'a str,
    /// Earlier challenges.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub session: Vec<ChallengeResult<'a>>,
    /// Client metadata.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub client_metadata: Attributes<'a>,
    /// Whether the user does not exist.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub user_not_found: bool,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Create: output.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct CreateAuthChallengeResponse<'a> {
    /// Sent to the client.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub public_challenge_parameters: Attributes<'a>,
    /// Passed to Verify.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub private_challenge_parameters: Attributes<'a>,
    /// Metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub challenge_metadata: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Verify: input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct VerifyAuthChallengeRequest<'a> {
    /// User attributes.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub user_attributes: Attributes<'a>,
    /// From Create.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub private_challenge_parameters: Attributes<'a>,
    /// The user's answer.
    pub challenge_answer: Option<&'a str>,
    /// Client metadata.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub client_metadata: Attributes<'a>,
    /// Whether the user does not exist.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub user_not_found: bool,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Verify: output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyAuthChallengeResponse {
    /// Whether the answer is right (`null` until set).
    pub answer_correct: Option<bool>,
}
