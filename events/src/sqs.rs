//! Amazon SQS: the event-source-mapping event, the `ReceiveMessage` API shape, and the partial
//! batch response.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::Map;

/// Messages delivered by an SQS event source mapping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SqsEvent<'a> {
    /// The messages, in the order received.
    #[serde(rename = "Records", borrow)]
    pub records: Vec<SqsMessage<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// One SQS message.
///
/// A JSON `body` is a string; decode it with [`decode_json_str`](crate::decode_json_str).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SqsMessage<'a> {
    /// Message id; echo it in [`BatchItemFailure::item_identifier`](crate::BatchItemFailure).
    pub message_id: Option<&'a str>,
    /// Receipt handle, for `DeleteMessage`.
    pub receipt_handle: Option<&'a str>,
    /// The body, unescaped.
    pub body: Option<&'a str>,
    /// MD5 of the body.
    pub md5_of_body: Option<&'a str>,
    /// MD5 of the message attributes.
    pub md5_of_message_attributes: Option<&'a str>,
    /// System attributes (`SentTimestamp` is epoch milliseconds, as a string).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub attributes: Map<'a, &'a str>,
    /// User message attributes.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub message_attributes: Map<'a, SqsMessageAttribute<'a>>,
    /// Queue ARN.
    #[serde(rename = "eventSourceARN")]
    pub event_source_arn: Option<&'a str>,
    /// `aws:sqs`.
    pub event_source: Option<&'a str>,
    /// Region.
    pub aws_region: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A user message attribute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SqsMessageAttribute<'a> {
    /// String or Number value.
    pub string_value: Option<&'a str>,
    /// Binary value, base64.
    pub binary_value: Option<&'a str>,
    /// Reserved by SQS.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub string_list_values: Vec<&'a str>,
    /// Reserved by SQS.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub binary_list_values: Vec<&'a str>,
    /// `String`, `Number`, `Binary`, optionally with a `.custom` suffix.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub data_type: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The shape of the SQS `ReceiveMessage` API response (PascalCase), as some tools forward it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SqsApiEvent<'a> {
    /// The messages.
    #[serde(
        rename = "Messages",
        borrow,
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub messages: Vec<SqsApiMessage<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// One message of [`SqsApiEvent`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SqsApiMessage<'a> {
    /// Body.
    pub body: Option<&'a str>,
    /// MD5 of the body.
    pub md5_of_body: Option<&'a str>,
    /// Message id.
    pub message_id: Option<&'a str>,
    /// Receipt handle.
    pub receipt_handle: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
