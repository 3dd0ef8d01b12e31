//! Kinesis Data Firehose transformations.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::Map;

/// A batch of records to transform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FirehoseEvent<'a> {
    /// Invocation id.
    pub invocation_id: &'a str,
    /// Delivery stream ARN.
    pub delivery_stream_arn: &'a str,
    /// Source stream ARN, when the source is Kinesis.
    pub source_kinesis_stream_arn: Option<&'a str>,
    /// Region.
    pub region: &'a str,
    /// The records.
    #[serde(borrow)]
    pub records: Vec<FirehoseEventRecord<'a>>,
}

/// One record to transform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FirehoseEventRecord<'a> {
    /// Record id; echo it in the response.
    pub record_id: &'a str,
    /// Epoch milliseconds.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub approximate_arrival_timestamp: u64,
    /// Payload, base64.
    pub data: &'a str,
    /// The Kinesis source record, if any.
    #[serde(borrow)]
    pub kinesis_record_metadata: Option<KinesisRecordMetadata<'a>>,
}

/// Metadata of a Kinesis source record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KinesisRecordMetadata<'a> {
    /// Shard.
    pub shard_id: &'a str,
    /// Partition key.
    pub partition_key: &'a str,
    /// Epoch milliseconds.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub approximate_arrival_timestamp: u64,
    /// Sequence number.
    pub sequence_number: &'a str,
    /// Subsequence number (aggregated records).
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub subsequence_number: u64,
}

/// The transformed records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FirehoseResponse<'a> {
    /// One per input record.
    #[serde(borrow)]
    pub records: Vec<FirehoseResponseRecord<'a>>,
}

/// One transformed record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FirehoseResponseRecord<'a> {
    /// The input's record id.
    pub record_id: &'a str,
    /// `Ok`, `Dropped` or `ProcessingFailed` (the fixtures also show other spellings).
    pub result: &'a str,
    /// Payload, base64.
    pub data: &'a str,
    /// Dynamic partitioning keys.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<FirehoseResponseMetadata<'a>>,
}

/// Dynamic partitioning metadata.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FirehoseResponseMetadata<'a> {
    /// Partition keys.
    #[serde(borrow)]
    pub partition_keys: Map<'a, &'a str>,
}
