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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KafkaEvent<'a> {
    /// `aws:kafka`, `SelfManagedKafka` or `aws:SelfManagedKafka`.
    pub event_source: &'a str,
    /// Cluster ARN (MSK).
    pub event_source_arn: Option<&'a str>,
    /// Broker list.
    pub bootstrap_servers: Option<&'a str>,
    /// Records by `topic-partition`.
    #[serde(borrow)]
    pub records: Map<'a, Vec<KafkaRecord<'a>>>,
}

/// One record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KafkaRecord<'a> {
    /// Topic.
    pub topic: &'a str,
    /// Partition.
    #[serde(deserialize_with = "crate::tolerant::num")]
    pub partition: i64,
    /// Offset.
    #[serde(deserialize_with = "crate::tolerant::num")]
    pub offset: i64,
    /// Epoch milliseconds.
    #[serde(deserialize_with = "crate::tolerant::num")]
    pub timestamp: i64,
    /// `CREATE_TIME`, `LOG_APPEND_TIME`.
    pub timestamp_type: &'a str,
    /// Key, base64.
    pub key: Option<&'a str>,
    /// Value, base64.
    pub value: Option<&'a str>,
    /// Headers: each a one-entry map of name to the value's bytes, which Java producers write
    /// signed (`-61` for `0xc3`).
    #[serde(borrow, default)]
    pub headers: Vec<Map<'a, Bytes<'a>>>,
}
