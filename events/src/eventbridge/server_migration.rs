//! AWS Server Migration Service job state changes (`aws.sms`).

use serde::{Deserialize, Serialize};

/// A replication job changed state.
pub type ServerMigrationEvent<'a> = super::CloudWatchEvent<'a, JobStateChange<'a>>;

/// The detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct JobStateChange<'a> {
    /// `Completed`, `Failed`, `Deleted`.
    pub state: &'a str,
    /// The run.
    pub replication_run_id: Option<&'a str>,
    /// The job.
    pub replication_job_id: Option<&'a str>,
    /// The AMI the run made.
    pub ami_id: Option<&'a str>,
    /// Detail version.
    pub version: Option<&'a str>,
}
