//! Amazon SES receipt rules (Lambda actions, and the SES record inside S3/SNS actions).

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::Timestamp;

/// Received mail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
pub struct SimpleEmailEvent<'a> {
    /// The records.
    #[serde(rename = "Records", borrow)]
    pub records: Vec<SimpleEmailRecord<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// One record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct SimpleEmailRecord<'a> {
    /// `1.0`.
    pub event_version: Option<&'a str>,
    /// `aws:ses`.
    pub event_source: Option<&'a str>,
    /// The mail and receipt.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub ses: SimpleEmailService<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `ses`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
pub struct SimpleEmailService<'a> {
    /// The message.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub mail: SimpleEmailMessage<'a>,
    /// The receipt.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub receipt: SimpleEmailReceipt<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `mail`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct SimpleEmailMessage<'a> {
    /// Parsed common headers.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub common_headers: SimpleEmailCommonHeaders<'a>,
    /// Envelope sender.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub source: &'a str,
    /// When received.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub timestamp: Timestamp<'a>,
    /// Envelope recipients.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub destination: Vec<&'a str>,
    /// All headers, in order.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub headers: Vec<SimpleEmailHeader<'a>>,
    /// Whether `headers` was truncated.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub headers_truncated: bool,
    /// SES message id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub message_id: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
pub struct SimpleEmailHeader<'a> {
    /// Name.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub name: &'a str,
    /// Value.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub value: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `commonHeaders`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct SimpleEmailCommonHeaders<'a> {
    /// From.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub from: Vec<&'a str>,
    /// To.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub to: Vec<&'a str>,
    /// Return-Path.
    pub return_path: Option<&'a str>,
    /// Message-ID.
    pub message_id: Option<&'a str>,
    /// Date.
    pub date: Option<&'a str>,
    /// Subject.
    pub subject: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `receipt`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct SimpleEmailReceipt<'a> {
    /// Recipients this rule matched.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub recipients: Vec<&'a str>,
    /// When.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub timestamp: Timestamp<'a>,
    /// Spam verdict.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub spam_verdict: SimpleEmailVerdict<'a>,
    /// DKIM verdict.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub dkim_verdict: SimpleEmailVerdict<'a>,
    /// DMARC verdict.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub dmarc_verdict: SimpleEmailVerdict<'a>,
    /// DMARC policy.
    pub dmarc_policy: Option<&'a str>,
    /// SPF verdict.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub spf_verdict: SimpleEmailVerdict<'a>,
    /// Virus verdict.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub virus_verdict: SimpleEmailVerdict<'a>,
    /// The action.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub action: SimpleEmailReceiptAction<'a>,
    /// Processing time.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub processing_time_millis: u64,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A verdict.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
pub struct SimpleEmailVerdict<'a> {
    /// `PASS`, `FAIL`, `GRAY`, `PROCESSING_FAILED`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub status: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The receipt rule action.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct SimpleEmailReceiptAction<'a> {
    /// `Lambda`, `S3`, `SNS`.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub action_type: &'a str,
    /// Topic (SNS, S3).
    pub topic_arn: Option<&'a str>,
    /// Bucket (S3).
    pub bucket_name: Option<&'a str>,
    /// Key (S3).
    pub object_key: Option<&'a str>,
    /// `Event`, `RequestResponse` (Lambda).
    pub invocation_type: Option<&'a str>,
    /// Function (Lambda).
    pub function_arn: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
