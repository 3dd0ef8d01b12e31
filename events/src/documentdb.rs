//! DocumentDB change streams. Documents are BSON in extended JSON, kept free-form.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::Value;

/// A batch of change events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentDbEvent<'a> {
    /// Cluster ARN.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub event_source_arn: &'a str,
    /// The changes.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub events: Vec<DocumentDbChangeEventWrapper<'a>>,
    /// `aws:docdb`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub event_source: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `{"event": …}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentDbChangeEventWrapper<'a> {
    /// The change.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub event: DocumentDbChangeEvent<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// One change-stream event (insert, update, replace, delete, drop, rename, dropDatabase,
/// invalidate); fields an operation does not have are absent.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentDbChangeEvent<'a> {
    /// Resume token (`{"_data": …}`).
    #[serde(
        rename = "_id",
        borrow,
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub id: Value<'a>,
    /// `insert`, `update`, …
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
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
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub document_key: Value<'a>,
    /// The full document (insert, replace, and update with lookup).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub full_document: Value<'a>,
    /// What an update changed.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub update_description: Value<'a>,
    /// Transaction number.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub txn_number: Value<'a>,
    /// Session id.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub lsid: Value<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `clusterTime`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterTime {
    /// The BSON timestamp.
    #[serde(
        rename = "$timestamp",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub timestamp: BsonTimestamp,
}

/// A BSON timestamp.
#[derive(Default, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BsonTimestamp {
    /// Epoch seconds.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub t: u32,
    /// Ordinal within the second.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub i: u32,
}

/// A namespace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
pub struct Namespace<'a> {
    /// Database.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub db: &'a str,
    /// Collection (absent for database events).
    pub coll: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
