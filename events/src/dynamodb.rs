//! DynamoDB streams, with attribute values as a borrowed tree.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::Map;

/// Stream records delivered by a DynamoDB event source mapping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DynamoDbEvent<'a> {
    /// The records.
    #[serde(rename = "Records", borrow)]
    pub records: Vec<DynamoDbRecord<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A DynamoDB stream batch inside a tumbling window.
pub type DynamoDbTimeWindowEvent<'a> = crate::TimeWindowEvent<'a, DynamoDbRecord<'a>>;

/// One stream record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DynamoDbRecord<'a> {
    /// Record id.
    #[serde(rename = "eventID")]
    pub event_id: Option<&'a str>,
    /// `INSERT`, `MODIFY` or `REMOVE`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub event_name: &'a str,
    /// Stream record format version.
    pub event_version: Option<&'a str>,
    /// `aws:dynamodb`.
    pub event_source: Option<&'a str>,
    /// Region.
    pub aws_region: Option<&'a str>,
    /// Stream ARN.
    #[serde(rename = "eventSourceARN")]
    pub event_source_arn: Option<&'a str>,
    /// Who made the change (TTL deletions: the DynamoDB service).
    #[serde(borrow)]
    pub user_identity: Option<DynamoDbIdentity<'a>>,
    /// `application/json` for Kinesis-routed records.
    pub record_format: Option<&'a str>,
    /// Table name, for Kinesis-routed records.
    pub table_name: Option<&'a str>,
    /// The change.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub dynamodb: StreamRecord<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The identity in a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct DynamoDbIdentity<'a> {
    /// `Service`.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub identity_type: &'a str,
    /// `dynamodb.amazonaws.com`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub principal_id: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The data of one change.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct StreamRecord<'a> {
    /// Epoch seconds (may have a fraction).
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub approximate_creation_date_time: Option<f64>,
    /// The key attributes.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub keys: Map<'a, AttributeValue<'a>>,
    /// The item after the change.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub new_image: Map<'a, AttributeValue<'a>>,
    /// The item before the change.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub old_image: Map<'a, AttributeValue<'a>>,
    /// Sequence number (decimal text, up to 40 digits).
    pub sequence_number: Option<&'a str>,
    /// Size of the record in bytes.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub size_bytes: Option<u64>,
    /// `KEYS_ONLY`, `NEW_IMAGE`, `OLD_IMAGE`, `NEW_AND_OLD_IMAGES`.
    pub stream_view_type: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A DynamoDB attribute value, in the stream's tagged form (`{"S": "x"}`).
///
/// Numbers stay decimal text (DynamoDB numbers have 38 digits, more than `f64`); binary values
/// stay base64 text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AttributeValue<'a> {
    /// String.
    S(&'a str),
    /// Number, as decimal text.
    N(&'a str),
    /// Binary, base64.
    B(&'a str),
    /// Boolean.
    #[serde(rename = "BOOL")]
    Bool(bool),
    /// Null (always `true`).
    #[serde(rename = "NULL")]
    Null(bool),
    /// String set.
    #[serde(borrow)]
    SS(Vec<&'a str>),
    /// Number set.
    #[serde(borrow)]
    NS(Vec<&'a str>),
    /// Binary set.
    #[serde(borrow)]
    BS(Vec<&'a str>),
    /// List.
    #[serde(borrow)]
    L(Vec<AttributeValue<'a>>),
    /// Map.
    #[serde(borrow)]
    M(Map<'a, AttributeValue<'a>>),
}
