//! Amazon MSK and self-managed Kafka.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::{Bytes, Map};

/// A batch from a self-managed (or any non-MSK) Apache Kafka cluster: the same shape, with
/// `eventSource` `SelfManagedKafka` (some deliveries write `aws:SelfManagedKafka`) and no
/// `eventSourceArn`.
#[cfg(feature = "self-managed-kafka")]
pub type SelfManagedKafkaEvent<'a> = KafkaEvent<'a>;

/// A batch of Kafka records, grouped by `topic-partition`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct KafkaEvent<'a> {
    /// `aws:kafka`, `SelfManagedKafka` or `aws:SelfManagedKafka`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub event_source: &'a str,
    /// Cluster ARN (MSK).
    pub event_source_arn: Option<&'a str>,
    /// Broker list.
    pub bootstrap_servers: Option<&'a str>,
    /// Records by `topic-partition`.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub records: Map<'a, Vec<KafkaRecord<'a>>>,
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
pub struct KafkaRecord<'a> {
    /// Topic.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub topic: &'a str,
    /// Partition.
    #[serde(deserialize_with = "crate::tolerant::num", default)]
    pub partition: i64,
    /// Offset.
    #[serde(deserialize_with = "crate::tolerant::num", default)]
    pub offset: i64,
    /// Epoch milliseconds.
    #[serde(deserialize_with = "crate::tolerant::num", default)]
    pub timestamp: i64,
    /// `CREATE_TIME`, `LOG_APPEND_TIME`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub timestamp_type: &'a str,
    /// Key, base64.
    pub key: Option<&'a str>,
    /// Value, base64.
    pub value: Option<&'a str>,
    /// Headers: each a one-entry map of name to the value's bytes, which Java producers write
    /// signed (`-61` for `0xc3`).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub headers: Vec<Map<'a, Bytes<'a>>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
