//! CloudWatch Logs subscription events.
//!
//! The payload is base64 of gzip of JSON; the event itself holds only that text. With the
//! `cloudwatch-logs-gzip` feature, `AwsLogs::decompress` returns the JSON (the one allocation
//! this crate cannot avoid: the uncompressed size is not known up front), and
//! [`LogsData`] borrows from it.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

/// A subscription delivery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
pub struct LogsEvent<'a> {
    /// The compressed payload.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub awslogs: AwsLogs<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `awslogs`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
pub struct AwsLogs<'a> {
    /// Base64 of gzip of a [`LogsData`] document.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub data: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The decompressed payload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct LogsData<'a> {
    /// Account.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub owner: &'a str,
    /// Log group.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub log_group: &'a str,
    /// Log stream.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub log_stream: &'a str,
    /// Subscription filters that matched.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub subscription_filters: Vec<&'a str>,
    /// `DATA_MESSAGE`, or `CONTROL_MESSAGE` for reachability checks.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub message_type: &'a str,
    /// The log events.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub log_events: Vec<LogEntry<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// One log event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
pub struct LogEntry<'a> {
    /// Event id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub id: &'a str,
    /// Epoch milliseconds.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub timestamp: i64,
    /// The message.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub message: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `awslogs.data` could not be decompressed.
#[cfg(feature = "cloudwatch-logs-gzip")]
#[derive(Debug)]
#[non_exhaustive]
pub enum LogsError {
    /// Not base64.
    Base64(crate::Base64Error),
    /// Not gzip.
    Gzip(std::io::Error),
}

#[cfg(feature = "cloudwatch-logs-gzip")]
impl core::fmt::Display for LogsError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Base64(e) => write!(f, "awslogs.data: {e}"),
            Self::Gzip(e) => write!(f, "awslogs.data: gzip: {e}"),
        }
    }
}

#[cfg(feature = "cloudwatch-logs-gzip")]
impl core::error::Error for LogsError {}

#[cfg(feature = "cloudwatch-logs-gzip")]
impl AwsLogs<'_> {
    /// Base64-decodes and gunzips `data`, returning the JSON of a [`LogsData`]; decode it with
    /// `lambkin_core::json::from_slice(&mut json)`.
    pub fn decompress(&self) -> Result<Vec<u8>, LogsError> {
        use std::io::Read as _;
        let mut compressed = alloc::vec![0u8; crate::decoded_len_estimate(self.data)];
        let gz = crate::decode_base64(self.data, &mut compressed).map_err(LogsError::Base64)?;
        let mut json = Vec::new();
        flate2::read::MultiGzDecoder::new(gz)
            .read_to_end(&mut json)
            .map_err(LogsError::Gzip)?;
        Ok(json)
    }
}
