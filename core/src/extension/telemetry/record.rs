//! The typed `platform.*` records, with every string borrowed from the batch's buffer.
//!
//! Field names follow AWS's Telemetry API schema (`2022-12-13`/`2025-01-29`); every field is
//! optional on the wire so that an older schema, or RIE's sparser records, still decode.
//! Unknown fields are skipped.

use core::fmt;
use core::marker::PhantomData;

use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, SeqAccess, Visitor};

/// A typed `platform.*` record.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Platform<'a> {
    /// `platform.initStart`: init began.
    InitStart(Init<'a>),
    /// `platform.initRuntimeDone`: the runtime finished init.
    InitRuntimeDone(RuntimeDone<'a>),
    /// `platform.initReport`: init's metrics.
    InitReport(Report<'a>),
    /// `platform.start`: an invocation began.
    Start(Start<'a>),
    /// `platform.runtimeDone`: the runtime finished an invocation.
    RuntimeDone(RuntimeDone<'a>),
    /// `platform.report`: an invocation's metrics.
    Report(Report<'a>),
    /// `platform.restoreStart`: a SnapStart restore began.
    RestoreStart(Init<'a>),
    /// `platform.restoreRuntimeDone`: the runtime finished its restore hooks.
    RestoreRuntimeDone(RuntimeDone<'a>),
    /// `platform.restoreReport`: the restore's metrics.
    RestoreReport(Report<'a>),
    /// `platform.extension`: an extension registered (`events`) or failed.
    Extension(StateChange<'a>),
    /// `platform.telemetrySubscription`: an extension subscribed (`types`).
    TelemetrySubscription(StateChange<'a>),
    /// `platform.logsDropped`: Lambda dropped records the extension did not take in time.
    LogsDropped(LogsDropped<'a>),
    /// `platform.runtimeStart` (RIE): an invocation began.
    RuntimeStart(Start<'a>),
    /// `platform.end` (RIE): an invocation ended.
    End(Start<'a>),
    /// `platform.fault` (RIE): the record is a message, kept as its JSON text.
    Fault(&'a str),
}

/// `platform.initStart` and `platform.restoreStart`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct Init<'a> {
    /// `initializationType`: `on-demand`, `provisioned-concurrency`, `snap-start`, ...
    #[serde(borrow)]
    pub initialization_type: &'a str,
    /// `phase`: `init` or `invoke` (an init repeated after a failure).
    pub phase: &'a str,
    /// `runtimeVersion`.
    pub runtime_version: &'a str,
    /// `runtimeVersionArn`.
    pub runtime_version_arn: &'a str,
    /// `functionName`.
    pub function_name: &'a str,
    /// `functionVersion`.
    pub function_version: &'a str,
    /// `instanceId` (Managed Instances).
    pub instance_id: &'a str,
    /// `instanceMaxMemory` in MB (Managed Instances).
    pub instance_max_memory: Option<u64>,
}

/// `platform.initRuntimeDone`, `platform.runtimeDone` and `platform.restoreRuntimeDone`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct RuntimeDone<'a> {
    /// `requestId` (invocations only).
    #[serde(borrow)]
    pub request_id: &'a str,
    /// `initializationType` (init only).
    pub initialization_type: &'a str,
    /// `phase` (init only).
    pub phase: &'a str,
    /// `status`: `success`, `failure`, `error` or `timeout`.
    pub status: &'a str,
    /// `errorType`, when the status is not `success`.
    pub error_type: &'a str,
    /// `metrics`.
    pub metrics: Option<Metrics>,
    /// `spans`: `responseLatency`, `responseDuration`, `runtimeOverhead`, ...
    #[serde(borrow)]
    pub spans: List<Span<'a>, 4>,
    /// `tracing`.
    #[serde(borrow)]
    pub tracing: Option<TraceContext<'a>>,
}

/// `platform.initReport`, `platform.report` and `platform.restoreReport`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct Report<'a> {
    /// `requestId` (invocations only).
    #[serde(borrow)]
    pub request_id: &'a str,
    /// `initializationType` (init only).
    pub initialization_type: &'a str,
    /// `phase` (init only).
    pub phase: &'a str,
    /// `status`.
    pub status: &'a str,
    /// `errorType`, when the status is not `success`.
    pub error_type: &'a str,
    /// `metrics`.
    pub metrics: Metrics,
    /// `spans`.
    #[serde(borrow)]
    pub spans: List<Span<'a>, 4>,
    /// `tracing`.
    #[serde(borrow)]
    pub tracing: Option<TraceContext<'a>>,
}

/// `platform.start`, and RIE's `platform.runtimeStart` and `platform.end`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct Start<'a> {
    /// `requestId`.
    #[serde(borrow)]
    pub request_id: &'a str,
    /// `version`: the function version.
    pub version: &'a str,
    /// `tracing`.
    #[serde(borrow)]
    pub tracing: Option<TraceContext<'a>>,
}

/// `platform.extension` and `platform.telemetrySubscription`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct StateChange<'a> {
    /// `name`: the extension's.
    #[serde(borrow)]
    pub name: &'a str,
    /// `state`: `Ready`, `Subscribed`, ...
    pub state: &'a str,
    /// `events` (`platform.extension`): `INVOKE`, `SHUTDOWN`.
    #[serde(borrow)]
    pub events: List<&'a str, 4>,
    /// `types` (`platform.telemetrySubscription`): `platform`, `function`, `extension`.
    #[serde(borrow)]
    pub types: List<&'a str, 4>,
    /// `errorType`, when the extension failed.
    pub error_type: &'a str,
}

/// `platform.logsDropped`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct LogsDropped<'a> {
    /// `reason`.
    #[serde(borrow)]
    pub reason: &'a str,
    /// `droppedRecords`.
    pub dropped_records: u64,
    /// `droppedBytes`.
    pub dropped_bytes: u64,
}

/// `metrics` of a report or a `runtimeDone`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[serde(default)]
#[non_exhaustive]
pub struct Metrics {
    /// `durationMs`.
    #[serde(rename = "durationMs")]
    pub duration_ms: f64,
    /// `billedDurationMs`.
    #[serde(rename = "billedDurationMs")]
    pub billed_duration_ms: Option<u64>,
    /// `memorySizeMB`.
    #[serde(rename = "memorySizeMB")]
    pub memory_size_mb: Option<u64>,
    /// `maxMemoryUsedMB`.
    #[serde(rename = "maxMemoryUsedMB")]
    pub max_memory_used_mb: Option<u64>,
    /// `initDurationMs`, on the first invocation's report.
    #[serde(rename = "initDurationMs")]
    pub init_duration_ms: Option<f64>,
    /// `restoreDurationMs`, on the first report after a SnapStart restore.
    #[serde(rename = "restoreDurationMs")]
    pub restore_duration_ms: Option<f64>,
    /// `billedRestoreDurationMs`.
    #[serde(rename = "billedRestoreDurationMs")]
    pub billed_restore_duration_ms: Option<u64>,
    /// `producedBytes`, on `runtimeDone`.
    #[serde(rename = "producedBytes")]
    pub produced_bytes: Option<u64>,
}

/// One of a record's `spans`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct Span<'a> {
    /// `name`, e.g. `responseLatency`.
    #[serde(borrow)]
    pub name: &'a str,
    /// `start`, an RFC 3339 time.
    pub start: &'a str,
    /// `durationMs`.
    pub duration_ms: f64,
}

/// A record's `tracing`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct TraceContext<'a> {
    /// `spanId`.
    #[serde(borrow)]
    pub span_id: &'a str,
    /// `type`: `X-Amzn-Trace-Id`.
    #[serde(rename = "type")]
    pub kind: &'a str,
    /// `value`: `Root=...;Parent=...;Sampled=...`.
    pub value: &'a str,
}

/// A JSON array kept without allocation: its first `N` items, and how many there were.
#[derive(Debug, Clone, PartialEq)]
pub struct List<T, const N: usize> {
    items: heapless::Vec<T, N>,
    total: usize,
}

impl<T, const N: usize> Default for List<T, N> {
    fn default() -> Self {
        Self {
            items: heapless::Vec::new(),
            total: 0,
        }
    }
}

impl<T, const N: usize> List<T, N> {
    /// The items kept (the first `N`).
    pub fn as_slice(&self) -> &[T] {
        &self.items
    }

    /// How many items the array held, kept or not.
    pub const fn total(&self) -> usize {
        self.total
    }
}

#[cfg(feature = "defmt")]
impl<T: defmt::Format, const N: usize> defmt::Format for List<T, N> {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "{=[?]} of {=usize}", self.as_slice(), self.total)
    }
}

impl<'de, T: Deserialize<'de>, const N: usize> Deserialize<'de> for List<T, N> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ListVisitor<T, const N: usize>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>, const N: usize> Visitor<'de> for ListVisitor<T, N> {
            type Value = List<T, N>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut list = List::default();
                while list.items.len() < N {
                    match seq.next_element()? {
                        Some(item) => {
                            // Room was checked: the push cannot fail.
                            let _ = list.items.push(item);
                            list.total += 1;
                        }
                        None => return Ok(list),
                    }
                }
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    list.total += 1;
                }
                Ok(list)
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(List::default())
            }
        }
        d.deserialize_seq(ListVisitor::<T, N>(PhantomData))
    }
}
