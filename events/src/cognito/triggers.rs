//! Sign-up, authentication, migration, message and token-generation triggers.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use super::{Attributes, CognitoUserPoolEvent};
use crate::{Map, Value};

/// `PreSignUp_*`.
pub type PreSignUpEvent<'a> = CognitoUserPoolEvent<'a, PreSignUpRequest<'a>, PreSignUpResponse>;
/// `PostConfirmation_*`.
pub type PostConfirmationEvent<'a> = CognitoUserPoolEvent<'a, UserRequest<'a>, Empty>;
/// `PreAuthentication_*`.
pub type PreAuthenticationEvent<'a> = CognitoUserPoolEvent<'a, PreAuthenticationRequest<'a>, Empty>;
/// `PostAuthentication_*`.
pub type PostAuthenticationEvent<'a> =
    CognitoUserPoolEvent<'a, PostAuthenticationRequest<'a>, Empty>;
/// `UserMigration_*`.
pub type MigrateUserEvent<'a> =
    CognitoUserPoolEvent<'a, MigrateUserRequest<'a>, MigrateUserResponse<'a>>;
/// `CustomMessage_*`.
pub type CustomMessageEvent<'a> =
    CognitoUserPoolEvent<'a, CustomMessageRequest<'a>, CustomMessageResponse<'a>>;
/// `TokenGeneration_*`, version 1.
pub type PreTokenGenEvent<'a> =
    CognitoUserPoolEvent<'a, PreTokenGenRequest<'a>, PreTokenGenResponse<'a>>;
/// `TokenGeneration_*`, versions 2 and 3.
pub type PreTokenGenV2Event<'a> =
    CognitoUserPoolEvent<'a, PreTokenGenRequest<'a>, PreTokenGenV2Response<'a>>;

/// A response with nothing to set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Empty {}

/// Input of triggers that carry only attributes and client metadata.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserRequest<'a> {
    /// User attributes (strings; some triggers send booleans).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub user_attributes: Map<'a, Value<'a>>,
    /// Client metadata.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub client_metadata: Attributes<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Pre sign-up: input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct PreSignUpRequest<'a> {
    /// User attributes.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub user_attributes: Attributes<'a>,
    /// Validation data.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub validation_data: Attributes<'a>,
    /// Client metadata.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub client_metadata: Attributes<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Pre sign-up: output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PreSignUpResponse {
    /// Confirm the user.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub auto_confirm_user: bool,
    /// Verify the email.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub auto_verify_email: bool,
    /// Verify the phone.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub auto_verify_phone: bool,
}

/// Pre authentication: input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct PreAuthenticationRequest<'a> {
    /// User attributes.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub user_attributes: Attributes<'a>,
    /// Validation data.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub validation_data: Attributes<'a>,
    /// Whether the user does not exist.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub user_not_found: bool,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Post authentication: input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct PostAuthenticationRequest<'a> {
    /// Whether a new device was used.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub new_device_used: bool,
    /// User attributes.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub user_attributes: Attributes<'a>,
    /// Client metadata.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub client_metadata: Attributes<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// User migration: input.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct MigrateUserRequest<'a> {
    /// The password entered (sign-in migrations).
    pub password: Option<&'a str>,
    /// Validation data.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub validation_data: Attributes<'a>,
    /// Client metadata.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub client_metadata: Attributes<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

impl core::fmt::Debug for MigrateUserRequest<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("MigrateUserRequest")
            .field("validation_data", &self.validation_data)
            .field("client_metadata", &self.client_metadata)
            .finish_non_exhaustive()
    }
}

/// User migration: output.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct MigrateUserResponse<'a> {
    /// Attributes of the migrated user.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub user_attributes: Attributes<'a>,
    /// `CONFIRMED`, `RESET_REQUIRED`.
    pub final_user_status: Option<&'a str>,
    /// `SUPPRESS`, `RESEND`.
    pub message_action: Option<&'a str>,
    /// `EMAIL`, `SMS`.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub desired_delivery_mediums: Vec<&'a str>,
    /// Force alias creation.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub force_alias_creation: bool,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Custom message: input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomMessageRequest<'a> {
    /// User attributes (strings or booleans).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub user_attributes: Map<'a, Value<'a>>,
    /// Placeholder for the code.
    pub code_parameter: Option<&'a str>,
    /// Placeholder for the user name.
    pub username_parameter: Option<&'a str>,
    /// Client metadata.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub client_metadata: Attributes<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Custom message: output.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct CustomMessageResponse<'a> {
    /// SMS text.
    pub sms_message: Option<&'a str>,
    /// Email body.
    pub email_message: Option<&'a str>,
    /// Email subject.
    pub email_subject: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Pre token generation: input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct PreTokenGenRequest<'a> {
    /// User attributes.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub user_attributes: Attributes<'a>,
    /// Scopes (v2).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub scopes: Vec<&'a str>,
    /// Groups and roles.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub group_configuration: GroupConfiguration<'a>,
    /// Client metadata.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub client_metadata: Attributes<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Groups and roles.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct GroupConfiguration<'a> {
    /// Groups.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub groups_to_override: Vec<&'a str>,
    /// Roles.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub iam_roles_to_override: Vec<&'a str>,
    /// Preferred role.
    pub preferred_role: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Pre token generation v1: output.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PreTokenGenResponse<'a> {
    /// Overrides.
    #[serde(borrow)]
    pub claims_override_details: Option<ClaimsOverrideDetails<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// v1 overrides.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimsOverrideDetails<'a> {
    /// Claims to add or override.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub claims_to_add_or_override: Map<'a, Value<'a>>,
    /// Claims to remove.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub claims_to_suppress: Vec<&'a str>,
    /// Groups and roles.
    #[serde(borrow)]
    pub group_override_details: Option<GroupConfiguration<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Pre token generation v2: output.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PreTokenGenV2Response<'a> {
    /// Overrides.
    #[serde(borrow)]
    pub claims_and_scope_override_details: Option<ClaimsAndScopeOverrideDetails<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// v2 overrides.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimsAndScopeOverrideDetails<'a> {
    /// ID token.
    #[serde(borrow)]
    pub id_token_generation: Option<TokenGeneration<'a>>,
    /// Access token.
    #[serde(borrow)]
    pub access_token_generation: Option<TokenGeneration<'a>>,
    /// Groups and roles.
    #[serde(borrow)]
    pub group_override_details: Option<GroupConfiguration<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Changes to one token.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenGeneration<'a> {
    /// Claims to add or override.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub claims_to_add_or_override: Map<'a, Value<'a>>,
    /// Claims to remove.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub claims_to_suppress: Vec<&'a str>,
    /// Scopes to add (access token).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub scopes_to_add: Vec<&'a str>,
    /// Scopes to remove (access token).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub scopes_to_suppress: Vec<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
