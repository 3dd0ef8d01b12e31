//! Partial batch responses, shared by SQS, Kinesis and DynamoDB stream event sources.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

/// The response that reports which records of a batch failed, so only those are retried
/// (`ReportBatchItemFailures`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct BatchResponse<'a> {
    /// The failed items; empty means the whole batch succeeded.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub batch_item_failures: Vec<BatchItemFailure<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// One failed item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct BatchItemFailure<'a> {
    /// SQS `messageId`, or Kinesis/DynamoDB `SequenceNumber`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub item_identifier: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
