//! Amazon Kinesis Data Analytics (SQL applications): a Lambda function as an output
//! destination. The application delivers records; the function answers per record.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

/// Records an application delivers to its Lambda output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct KinesisAnalyticsOutputDeliveryEvent<'a> {
    /// Invocation id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub invocation_id: &'a str,
    /// The application.
    pub application_arn: Option<&'a str>,
    /// The records.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub records: Vec<KinesisAnalyticsOutputDeliveryRecord<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// One delivered record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct KinesisAnalyticsOutputDeliveryRecord<'a> {
    /// Record id, to echo in the response.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub record_id: &'a str,
    /// The record, base64 (decode with `decode_base64`, feature `base64`).
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub data: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The function's answer.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
pub struct KinesisAnalyticsOutputDeliveryResponse<'a> {
    /// One per delivered record.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub records: Vec<KinesisAnalyticsOutputDeliveryResponseRecord<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The outcome of one record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct KinesisAnalyticsOutputDeliveryResponseRecord<'a> {
    /// The record's id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub record_id: &'a str,
    /// `Ok` or `DeliveryFailed`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub result: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
