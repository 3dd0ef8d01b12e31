//! Amazon Kinesis Data Analytics (SQL applications): a Lambda function as an output
//! destination. The application delivers records; the function answers per record.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

/// Records an application delivers to its Lambda output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KinesisAnalyticsOutputDeliveryEvent<'a> {
    /// Invocation id.
    pub invocation_id: &'a str,
    /// The application.
    pub application_arn: Option<&'a str>,
    /// The records.
    #[serde(borrow, default)]
    pub records: Vec<KinesisAnalyticsOutputDeliveryRecord<'a>>,
}

/// One delivered record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KinesisAnalyticsOutputDeliveryRecord<'a> {
    /// Record id, to echo in the response.
    pub record_id: &'a str,
    /// The record, base64 (decode with `decode_base64`, feature `base64`).
    pub data: &'a str,
}

/// The function's answer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct KinesisAnalyticsOutputDeliveryResponse<'a> {
    /// One per delivered record.
    #[serde(borrow, default)]
    pub records: Vec<KinesisAnalyticsOutputDeliveryResponseRecord<'a>>,
}

/// The outcome of one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KinesisAnalyticsOutputDeliveryResponseRecord<'a> {
    /// The record's id.
    pub record_id: &'a str,
    /// `Ok` or `DeliveryFailed`.
    pub result: &'a str,
}
