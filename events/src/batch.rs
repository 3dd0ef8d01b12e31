//! Partial batch responses, shared by SQS, Kinesis and DynamoDB stream event sources.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

/// The response that reports which records of a batch failed, so only those are retried
/// (`ReportBatchItemFailures`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchResponse<'a> {
    /// The failed items; empty means the whole batch succeeded.
    #[serde(borrow)]
    pub batch_item_failures: Vec<BatchItemFailure<'a>>,
}

/// One failed item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchItemFailure<'a> {
    /// SQS `messageId`, or Kinesis/DynamoDB `SequenceNumber`.
    pub item_identifier: &'a str,
}
