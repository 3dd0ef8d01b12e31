//! Amazon SNS notifications.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::{Map, Timestamp};

/// Notifications delivered to a subscribed function.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnsEvent<'a> {
    /// The records (one per notification).
    #[serde(rename = "Records", borrow)]
    pub records: Vec<SnsRecord<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// One record of [`SnsEvent`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SnsRecord<'a> {
    /// `1.0`.
    pub event_version: Option<&'a str>,
    /// Subscription ARN.
    pub event_subscription_arn: Option<&'a str>,
    /// `aws:sns`.
    pub event_source: Option<&'a str>,
    /// The notification.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub sns: SnsMessage<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// An SNS notification.
///
/// A JSON `Message` is a string; decode it with [`decode_json_str`](crate::decode_json_str).
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SnsMessage<'a> {
    /// `Notification`.
    #[serde(rename = "Type")]
    pub sns_message_type: Option<&'a str>,
    /// Message id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub message_id: &'a str,
    /// Topic ARN.
    pub topic_arn: Option<&'a str>,
    /// Subject, if any.
    pub subject: Option<&'a str>,
    /// The message, unescaped.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub message: &'a str,
    /// When it was published.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub timestamp: Timestamp<'a>,
    /// Signature version.
    pub signature_version: Option<&'a str>,
    /// Signature.
    pub signature: Option<&'a str>,
    /// Signing certificate URL (SNS writes `SigningCertURL` or `SigningCertUrl`).
    #[serde(rename = "SigningCertURL", alias = "SigningCertUrl")]
    pub signing_cert_url: Option<&'a str>,
    /// Unsubscribe URL (`UnsubscribeURL` or `UnsubscribeUrl`).
    #[serde(rename = "UnsubscribeURL", alias = "UnsubscribeUrl")]
    pub unsubscribe_url: Option<&'a str>,
    /// Message attributes.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub message_attributes: Map<'a, SnsMessageAttribute<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// An SNS message attribute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
pub struct SnsMessageAttribute<'a> {
    /// `String`, `Number`, `Binary`, `String.Array`.
    #[serde(
        rename = "Type",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub data_type: &'a str,
    /// The value as text.
    #[serde(
        rename = "Value",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub value: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
