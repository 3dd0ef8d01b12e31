//! Custom email and SMS sender triggers: Cognito hands the message to the function instead of
//! sending it, with the code encrypted (KMS, AWS Encryption SDK, base64). Neither trigger has a
//! `response`: the function sends the message itself.

use serde::{Deserialize, Serialize};

use super::{Attributes, CognitoUserPoolEvent};
use crate::{Map, Value};

/// `CustomEmailSender_*`.
#[cfg(feature = "cognito-custom-email-sender")]
pub type CustomEmailSenderEvent<'a> =
    CognitoUserPoolEvent<'a, CustomSenderRequest<'a>, super::Empty>;
/// `CustomSMSSender_*`.
#[cfg(feature = "cognito-custom-sms-sender")]
pub type CustomSmsSenderEvent<'a> = CognitoUserPoolEvent<'a, CustomSenderRequest<'a>, super::Empty>;

/// The input of both sender triggers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomSenderRequest<'a> {
    /// `customEmailSenderRequestV1` or `customSMSSenderRequestV1`.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub kind: &'a str,
    /// The code or temporary password, encrypted and base64; absent when there is none
    /// (`CustomEmailSender_AccountTakeOverNotification`).
    pub code: Option<&'a str>,
    /// User attributes (strings; some triggers send booleans).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub user_attributes: Map<'a, Value<'a>>,
    /// Client metadata (may be `null`).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub client_metadata: Attributes<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
