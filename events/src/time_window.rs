//! Tumbling windows over Kinesis and DynamoDB streams: each invocation carries the window, the
//! state the previous invocation of the window returned, and whether this one is the last.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::{BatchItemFailure, Map, Timestamp, Value};

/// A stream batch inside a tumbling window; `R` is the source's record type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeWindowEvent<'a, R> {
    /// The records.
    #[serde(
        rename = "Records",
        default = "Vec::new",
        deserialize_with = "crate::tolerant::or_default",
        bound(deserialize = "R: Deserialize<'de>")
    )]
    pub records: Vec<R>,
    /// The window.
    #[serde(borrow)]
    pub window: Option<TimeWindow<'a>>,
    /// What the previous invocation for this window returned (empty at first).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub state: Map<'a, Value<'a>>,
    /// The shard.
    pub shard_id: Option<&'a str>,
    /// The stream.
    #[serde(rename = "eventSourceARN")]
    pub event_source_arn: Option<&'a str>,
    /// The window closes with this invocation: act on the aggregate now.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub is_final_invoke_for_window: bool,
    /// The window closed early (the batch reached its size limit).
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub is_window_terminated_early: bool,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `window`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
pub struct TimeWindow<'a> {
    /// Start.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub start: Timestamp<'a>,
    /// End.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub end: Timestamp<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The answer to a window invocation: the state to hand the next one, and the failed records.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeWindowResponse<'a> {
    /// The aggregate so far.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub state: Map<'a, Value<'a>>,
    /// Records to retry.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub batch_item_failures: Vec<BatchItemFailure<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
