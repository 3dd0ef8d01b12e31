//! AWS Server Migration Service job state changes (`aws.sms`).

use serde::{Deserialize, Serialize};

/// A replication job changed state.
pub type ServerMigrationEvent<'a> = super::CloudWatchEvent<'a, JobStateChange<'a>>;

/// The detail.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "kebab-case")]
pub struct JobStateChange<'a> {
    /// `Completed`, `Failed`, `Deleted`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub state: &'a str,
    /// The run.
    pub replication_run_id: Option<&'a str>,
    /// The job.
    pub replication_job_id: Option<&'a str>,
    /// The AMI the run made.
    pub ami_id: Option<&'a str>,
    /// Detail version.
    pub version: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
