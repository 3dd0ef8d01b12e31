//! Kinesis Data Firehose transformations.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::Map;

/// A batch of records to transform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FirehoseEvent<'a> {
    /// Invocation id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub invocation_id: &'a str,
    /// Delivery stream ARN.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub delivery_stream_arn: &'a str,
    /// Source stream ARN, when the source is Kinesis.
    pub source_kinesis_stream_arn: Option<&'a str>,
    /// Region.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub region: &'a str,
    /// The records.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub records: Vec<FirehoseEventRecord<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// One record to transform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct FirehoseEventRecord<'a> {
    /// Record id; echo it in the response.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub record_id: &'a str,
    /// Epoch milliseconds.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub approximate_arrival_timestamp: u64,
    /// Payload, base64.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub data: &'a str,
    /// The Kinesis source record, if any.
    #[serde(borrow)]
    pub kinesis_record_metadata: Option<KinesisRecordMetadata<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Metadata of a Kinesis source record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct KinesisRecordMetadata<'a> {
    /// Shard.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub shard_id: &'a str,
    /// Partition key.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub partition_key: &'a str,
    /// Epoch milliseconds.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub approximate_arrival_timestamp: u64,
    /// Sequence number.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub sequence_number: &'a str,
    /// Subsequence number (aggregated records).
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub subsequence_number: u64,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The transformed records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FirehoseResponse<'a> {
    /// One per input record.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub records: Vec<FirehoseResponseRecord<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// One transformed record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FirehoseResponseRecord<'a> {
    /// The input's record id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub record_id: &'a str,
    /// `Ok`, `Dropped` or `ProcessingFailed` (the fixtures also show other spellings).
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub result: &'a str,
    /// Payload, base64.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub data: &'a str,
    /// Dynamic partitioning keys.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<FirehoseResponseMetadata<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Dynamic partitioning metadata.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct FirehoseResponseMetadata<'a> {
    /// Partition keys.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub partition_keys: Map<'a, &'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
