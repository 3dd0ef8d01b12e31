//! Amazon SES receipt rules (Lambda actions, and the SES record inside S3/SNS actions).

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::Timestamp;

/// Received mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimpleEmailEvent<'a> {
    /// The records.
    #[serde(rename = "Records", borrow)]
    pub records: Vec<SimpleEmailRecord<'a>>,
}

/// One record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimpleEmailRecord<'a> {
    /// `1.0`.
    pub event_version: Option<&'a str>,
    /// `aws:ses`.
    pub event_source: Option<&'a str>,
    /// The mail and receipt.
    #[serde(borrow)]
    pub ses: SimpleEmailService<'a>,
}

/// `ses`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimpleEmailService<'a> {
    /// The message.
    #[serde(borrow)]
    pub mail: SimpleEmailMessage<'a>,
    /// The receipt.
    #[serde(borrow)]
    pub receipt: SimpleEmailReceipt<'a>,
}

/// `mail`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimpleEmailMessage<'a> {
    /// Parsed common headers.
    #[serde(borrow)]
    pub common_headers: SimpleEmailCommonHeaders<'a>,
    /// Envelope sender.
    pub source: &'a str,
    /// When received.
    #[serde(borrow)]
    pub timestamp: Timestamp<'a>,
    /// Envelope recipients.
    #[serde(borrow, default)]
    pub destination: Vec<&'a str>,
    /// All headers, in order.
    #[serde(borrow, default)]
    pub headers: Vec<SimpleEmailHeader<'a>>,
    /// Whether `headers` was truncated.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub headers_truncated: bool,
    /// SES message id.
    pub message_id: &'a str,
}

/// A header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimpleEmailHeader<'a> {
    /// Name.
    pub name: &'a str,
    /// Value.
    pub value: &'a str,
}

/// `commonHeaders`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimpleEmailCommonHeaders<'a> {
    /// From.
    #[serde(borrow, default)]
    pub from: Vec<&'a str>,
    /// To.
    #[serde(borrow, default)]
    pub to: Vec<&'a str>,
    /// Return-Path.
    pub return_path: Option<&'a str>,
    /// Message-ID.
    pub message_id: Option<&'a str>,
    /// Date.
    pub date: Option<&'a str>,
    /// Subject.
    pub subject: Option<&'a str>,
}

/// `receipt`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimpleEmailReceipt<'a> {
    /// Recipients this rule matched.
    #[serde(borrow, default)]
    pub recipients: Vec<&'a str>,
    /// When.
    #[serde(borrow)]
    pub timestamp: Timestamp<'a>,
    /// Spam verdict.
    #[serde(borrow)]
    pub spam_verdict: SimpleEmailVerdict<'a>,
    /// DKIM verdict.
    #[serde(borrow)]
    pub dkim_verdict: SimpleEmailVerdict<'a>,
    /// DMARC verdict.
    #[serde(borrow)]
    pub dmarc_verdict: SimpleEmailVerdict<'a>,
    /// DMARC policy.
    pub dmarc_policy: Option<&'a str>,
    /// SPF verdict.
    #[serde(borrow)]
    pub spf_verdict: SimpleEmailVerdict<'a>,
    /// Virus verdict.
    #[serde(borrow)]
    pub virus_verdict: SimpleEmailVerdict<'a>,
    /// The action.
    #[serde(borrow)]
    pub action: SimpleEmailReceiptAction<'a>,
    /// Processing time.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub processing_time_millis: u64,
}

/// A verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimpleEmailVerdict<'a> {
    /// `PASS`, `FAIL`, `GRAY`, `PROCESSING_FAILED`.
    pub status: &'a str,
}

/// The receipt rule action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimpleEmailReceiptAction<'a> {
    /// `Lambda`, `S3`, `SNS`.
    #[serde(rename = "type")]
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
}
