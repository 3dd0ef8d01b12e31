//! DocumentDB change streams. Documents are BSON in extended JSON, kept free-form.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::Value;

/// A batch of change events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentDbEvent<'a> {
    /// Cluster ARN.
    pub event_source_arn: &'a str,
    /// The changes.
    #[serde(borrow)]
    pub events: Vec<DocumentDbChangeEventWrapper<'a>>,
    /// `aws:docdb`.
    pub event_source: &'a str,
}

/// `{"event": …}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentDbChangeEventWrapper<'a> {
    /// The change.
    #[serde(borrow)]
    pub event: DocumentDbChangeEvent<'a>,
}

/// One change-stream event (insert, update, replace, delete, drop, rename, dropDatabase,
/// invalidate); fields an operation does not have are absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentDbChangeEvent<'a> {
    /// Resume token (`{"_data": …}`).
    #[serde(rename = "_id", borrow)]
    pub id: Value<'a>,
    /// `insert`, `update`, …
    pub operation_type: &'a str,
    /// `{"$timestamp": {"t", "i"}}`.
    pub cluster_time: Option<ClusterTime>,
    /// Namespace.
    #[serde(borrow)]
    pub ns: Option<Namespace<'a>>,
    /// Rename target.
    #[serde(borrow)]
    pub to: Option<Namespace<'a>>,
    /// `{"_id": …}`.
    #[serde(borrow, default)]
    pub document_key: Value<'a>,
    /// The full document (insert, replace, and update with lookup).
    #[serde(borrow, default)]
    pub full_document: Value<'a>,
    /// What an update changed.
    #[serde(borrow, default)]
    pub update_description: Value<'a>,
    /// Transaction number.
    #[serde(borrow, default)]
    pub txn_number: Value<'a>,
    /// Session id.
    #[serde(borrow, default)]
    pub lsid: Value<'a>,
}

/// `clusterTime`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterTime {
    /// The BSON timestamp.
    #[serde(rename = "$timestamp")]
    pub timestamp: BsonTimestamp,
}

/// A BSON timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BsonTimestamp {
    /// Epoch seconds.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub t: u32,
    /// Ordinal within the second.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub i: u32,
}

/// A namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Namespace<'a> {
    /// Database.
    pub db: &'a str,
    /// Collection (absent for database events).
    pub coll: Option<&'a str>,
}
