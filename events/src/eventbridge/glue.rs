//! AWS Glue events (`aws.glue`), as `aws_lambda_events` 1.x types them; the detail type follows
//! `detail-type`. Everything but the name of the job, crawler, database or table is optional:
//! AWS documents the fields by example only, and they vary by state.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

/// `Glue Job State Change` (`SUCCEEDED`, `FAILED`, `TIMEOUT`, `STOPPED`).
pub type GlueJobRunStateChangeEvent<'a> = super::CloudWatchEvent<'a, JobRunStateChange<'a>>;
/// `Glue Job Run Status` (a run past its delay notification threshold).
pub type GlueJobRunStatusEvent<'a> = super::CloudWatchEvent<'a, JobRunStatus<'a>>;
/// `Glue Crawler State Change` with `state` `Started`.
pub type GlueCrawlerStartedEvent<'a> = super::CloudWatchEvent<'a, CrawlerStarted<'a>>;
/// `Glue Crawler State Change` with `state` `Succeeded`.
pub type GlueCrawlerSucceededEvent<'a> = super::CloudWatchEvent<'a, CrawlerSucceeded<'a>>;
/// `Glue Crawler State Change` with `state` `Failed`.
pub type GlueCrawlerFailedEvent<'a> = super::CloudWatchEvent<'a, CrawlerFailed<'a>>;
/// `Glue Data Catalog Table State Change`.
pub type GlueDataCatalogTableEvent<'a> =
    super::CloudWatchEvent<'a, DataCatalogTableStateChange<'a>>;
/// `Glue Data Catalog Database State Change`.
pub type GlueDataCatalogDatabaseEvent<'a> =
    super::CloudWatchEvent<'a, DataCatalogDatabaseStateChange<'a>>;

/// A job run ended.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct JobRunStateChange<'a> {
    /// The job.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub job_name: &'a str,
    /// `INFO`, `ERROR`, …
    pub severity: Option<&'a str>,
    /// `SUCCEEDED`, `FAILED`, `TIMEOUT`, `STOPPED`.
    pub state: Option<&'a str>,
    /// `jr_…`.
    pub job_run_id: Option<&'a str>,
    /// Text.
    pub message: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A job run is late.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobRunStatus<'a> {
    /// The job.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub job_name: &'a str,
    /// `WARN`, …
    pub severity: Option<&'a str>,
    /// The threshold that was passed.
    #[serde(default)]
    pub notification_condition: Option<NotificationCondition>,
    /// `RUNNING`, `STARTING`, `STOPPING`.
    pub state: Option<&'a str>,
    /// `jr_…`.
    pub job_run_id: Option<&'a str>,
    /// Text.
    pub message: Option<&'a str>,
    /// When the run started.
    pub started_on: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The delay threshold of a [`JobRunStatus`].
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct NotificationCondition {
    /// Minutes.
    #[serde(
        rename = "NotifyDelayAfter",
        default,
        deserialize_with = "crate::tolerant::opt_num"
    )]
    pub notify_delay_after: Option<f64>,
}

/// A crawler started.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct CrawlerStarted<'a> {
    /// Account.
    pub account_id: Option<&'a str>,
    /// The crawler.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub crawler_name: &'a str,
    /// When.
    pub start_time: Option<&'a str>,
    /// `Started`.
    pub state: Option<&'a str>,
    /// Text.
    pub message: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A crawler succeeded. The counts are strings, as AWS sends them (`"0"`).
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct CrawlerSucceeded<'a> {
    /// Tables created.
    pub tables_created: Option<&'a str>,
    /// `N/A` or a warning.
    pub warning_message: Option<&'a str>,
    /// Partitions updated.
    pub partitions_updated: Option<&'a str>,
    /// Tables updated.
    pub tables_updated: Option<&'a str>,
    /// Text.
    pub message: Option<&'a str>,
    /// Partitions deleted.
    pub partitions_deleted: Option<&'a str>,
    /// Account.
    pub account_id: Option<&'a str>,
    /// Seconds the crawl ran.
    #[serde(rename = "runningTime (sec)")]
    pub running_time_sec: Option<&'a str>,
    /// Tables deleted.
    pub tables_deleted: Option<&'a str>,
    /// The crawler.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub crawler_name: &'a str,
    /// When.
    pub completion_date: Option<&'a str>,
    /// `Succeeded`.
    pub state: Option<&'a str>,
    /// Partitions created.
    pub partitions_created: Option<&'a str>,
    /// The crawler's log in the CloudWatch console.
    pub cloud_watch_log_link: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A crawler failed.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct CrawlerFailed<'a> {
    /// The crawler.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub crawler_name: &'a str,
    /// Why.
    pub error_message: Option<&'a str>,
    /// Account.
    pub account_id: Option<&'a str>,
    /// The crawler's log in the CloudWatch console.
    pub cloud_watch_log_link: Option<&'a str>,
    /// `Failed`.
    pub state: Option<&'a str>,
    /// Text.
    pub message: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Partitions of a Data Catalog table changed.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct DataCatalogTableStateChange<'a> {
    /// Database.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub database_name: &'a str,
    /// The partitions, as their values.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub changed_partitions: Vec<&'a str>,
    /// The API operation (`BatchCreatePartition`, `UpdateTable`, …).
    pub type_of_change: Option<&'a str>,
    /// Table.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub table_name: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// Tables of a Data Catalog database changed.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct DataCatalogDatabaseStateChange<'a> {
    /// Database.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub database_name: &'a str,
    /// The API operation (`CreateTable`, `DeleteTable`, …).
    pub type_of_change: Option<&'a str>,
    /// The tables.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub changed_tables: Vec<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
