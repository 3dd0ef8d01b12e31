//! Kinesis Data Streams.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

/// Records delivered by a Kinesis event source mapping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KinesisEvent<'a> {
    /// The records.
    #[serde(rename = "Records", borrow)]
    pub records: Vec<KinesisEventRecord<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A Kinesis batch inside a tumbling window.
pub type KinesisTimeWindowEvent<'a> = crate::TimeWindowEvent<'a, KinesisEventRecord<'a>>;

/// One record with its envelope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KinesisEventRecord<'a> {
    /// The record.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub kinesis: KinesisRecord<'a>,
    /// `aws:kinesis`.
    pub event_source: Option<&'a str>,
    /// `1.0`.
    pub event_version: Option<&'a str>,
    /// `shardId-…:sequence`.
    #[serde(rename = "eventID")]
    pub event_id: Option<&'a str>,
    /// `aws:kinesis:record`.
    pub event_name: Option<&'a str>,
    /// The role the mapping uses.
    pub invoke_identity_arn: Option<&'a str>,
    /// Region.
    pub aws_region: Option<&'a str>,
    /// Stream ARN.
    #[serde(rename = "eventSourceARN")]
    pub event_source_arn: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A Kinesis record.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy))]
#[serde(rename_all = "camelCase")]
pub struct KinesisRecord<'a> {
    /// Schema version.
    pub kinesis_schema_version: Option<&'a str>,
    /// Partition key.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub partition_key: &'a str,
    /// Sequence number (decimal text).
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub sequence_number: &'a str,
    /// The payload, base64; see [`decode_base64`](crate::decode_base64) with the `base64` feature.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub data: &'a str,
    /// Epoch seconds with a fraction.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub approximate_arrival_timestamp: f64,
    /// `KMS` when server-side encrypted.
    pub encryption_type: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
