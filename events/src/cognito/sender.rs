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
    #[serde(rename = "type")]
    pub kind: &'a str,
    /// The code or temporary password, encrypted and base64; absent when there is none
    /// (`CustomEmailSender_AccountTakeOverNotification`).
    pub code: Option<&'a str>,
    /// User attributes (strings; some triggers send booleans).
    #[serde(borrow, default)]
    pub user_attributes: Map<'a, Value<'a>>,
    /// Client metadata (may be `null`).
    #[serde(borrow, default)]
    pub client_metadata: Attributes<'a>,
}
