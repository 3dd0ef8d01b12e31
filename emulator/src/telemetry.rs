//! The Telemetry API's subscriptions and deliveries: a subscription is checked as Lambda checks
//! it (schema version, types, buffering bounds, destination), then gets the records of its
//! types, batched by its buffering (count, bytes, timeout) on a thread of its own: POSTed as a
//! JSON array to an HTTP destination, or written one JSON object per line to a TCP one.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use crate::agents::InitEnded;
use crate::invocation::{Outcome, Timing};
use crate::logs::Report;

/// The schema versions Lambda accepts.
pub(crate) const SCHEMAS: [&str; 3] = ["2022-07-01", "2022-12-13", "2025-01-29"];
/// The Logs API's one schema version.
pub(crate) const LOGS_SCHEMA: &str = "2021-03-18";

/// Where batches go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Destination {
    /// `http://sandbox.localdomain:PORT/PATH`, reached on 127.0.0.1.
    Http {
        port: u16,
        path: String,
    },
    Tcp {
        port: u16,
    },
}

/// A checked subscription.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Subscription {
    /// Subscribed through the Logs API (2020-08-15), whose `platform.*` types are fewer.
    pub(crate) logs: bool,
    pub(crate) types: Vec<String>,
    pub(crate) max_items: usize,
    pub(crate) max_bytes: usize,
    pub(crate) timeout: Duration,
    pub(crate) destination: Destination,
}

/// Checks a subscription body as Lambda does; the message of its 400 `ValidationError`.
/// `logs` for the Logs API (2020-08-15); `managed` for Lambda Managed Instances, which need
/// schema 2025-01-29.
pub(crate) fn parse(body: &[u8], logs: bool, managed: bool) -> Result<Subscription, String> {
    let v: Value =
        serde_json::from_slice(body).map_err(|e| format!("the body is not JSON: {e}"))?;
    let schema = v
        .get("schemaVersion")
        .and_then(Value::as_str)
        .ok_or("schemaVersion is required")?;
    let known = if logs {
        schema == LOGS_SCHEMA
    } else {
        SCHEMAS.contains(&schema)
    };
    if !known {
        return Err(format!("schemaVersion {schema} is not supported"));
    }
    if managed && schema != "2025-01-29" {
        return Err("Lambda Managed Instances require schemaVersion 2025-01-29".into());
    }
    let types: Vec<String> = v
        .get("types")
        .and_then(|t| serde_json::from_value(t.clone()).ok())
        .ok_or("types must be an array of strings")?;
    if types.is_empty() {
        return Err("types must not be empty".into());
    }
    if let Some(bad) = types
        .iter()
        .find(|t| !matches!(t.as_str(), "platform" | "function" | "extension"))
    {
        return Err(format!(
            "type {bad} is not one of platform, function, extension"
        ));
    }
    let buffering = v.get("buffering").cloned().unwrap_or(Value::Null);
    let bound = |name: &str, default: u64, low: u64, high: u64| match buffering.get(name) {
        None => Ok(default),
        Some(n) => n
            .as_u64()
            .filter(|n| (low..=high).contains(n))
            .ok_or(format!("buffering.{name} must be between {low} and {high}")),
    };
    let max_items = bound("maxItems", 1000, 1000, 10_000)?;
    let max_bytes = bound("maxBytes", 262_144, 262_144, 1_048_576)?;
    let timeout_ms = bound("timeoutMs", 1000, 25, 30_000)?;
    let destination = v.get("destination").ok_or("destination is required")?;
    let destination = match destination.get("protocol").and_then(Value::as_str) {
        Some("HTTP") => http_destination(
            destination
                .get("URI")
                .and_then(Value::as_str)
                .ok_or("destination.URI is required")?,
        )?,
        Some("TCP") if !logs => Destination::Tcp {
            port: destination
                .get("port")
                .and_then(Value::as_u64)
                .and_then(|p| u16::try_from(p).ok())
                .filter(|p| *p > 0)
                .ok_or("destination.port must be between 1 and 65535")?,
        },
        _ => return Err("destination.protocol must be HTTP or TCP".into()),
    };
    Ok(Subscription {
        logs,
        types,
        max_items: usize::try_from(max_items).unwrap_or(usize::MAX),
        max_bytes: usize::try_from(max_bytes).unwrap_or(usize::MAX),
        timeout: Duration::from_millis(timeout_ms),
        destination,
    })
}

/// `http://sandbox.localdomain:PORT[/PATH]`: the sandbox's own host name, the only one an
/// extension's listener can be reached on.
fn http_destination(uri: &str) -> Result<Destination, String> {
    let bad = || format!("destination.URI {uri} is not http://sandbox.localdomain:PORT/...");
    let rest = uri.strip_prefix("http://").ok_or_else(bad)?;
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let (host, port) = authority.split_once(':').ok_or_else(bad)?;
    let port: u16 = port.parse().ok().filter(|p| *p > 0).ok_or_else(bad)?;
    if !host.eq_ignore_ascii_case("sandbox.localdomain") {
        return Err(bad());
    }
    let path = if path.is_empty() { "/" } else { path };
    Ok(Destination::Http {
        port,
        path: path.to_owned(),
    })
}

/// One record: its category (`platform`, `function`, `extension`), its type, and its JSON
/// envelope.
struct Record<'k> {
    category: &'static str,
    kind: &'k str,
    json: String,
}

/// The `platform.*` types of the Logs API's schema (2021-03-18). A Logs API subscriber gets no
/// other: the official `lambda-extension` crate's Logs API enum has no catch-all, so one
/// Telemetry API record type would fail its whole batch.
const LOGS_API_PLATFORM: [&str; 8] = [
    "platform.start",
    "platform.end",
    "platform.report",
    "platform.extension",
    "platform.logsSubscription",
    "platform.logsDropped",
    "platform.fault",
    "platform.runtimeDone",
];

/// Whether a subscriber (through the Logs API when `logs`) of `types` gets `record`.
fn wants(logs: bool, types: &[String], record: &Record<'_>) -> bool {
    if !types.iter().any(|t| t == record.category) {
        return false;
    }
    if record.category != "platform" {
        return true;
    }
    if logs {
        LOGS_API_PLATFORM.contains(&record.kind)
    } else {
        record.kind != "platform.logsSubscription"
    }
}

/// A subscriber: through the Logs API, its types, its sender thread's channel.
type Subscriber = (bool, Vec<String>, Sender<String>);

/// The subscriptions of the current init, each fed through a channel to its sender thread.
#[derive(Default)]
pub(crate) struct Hub {
    subscribers: Mutex<Vec<Subscriber>>,
    senders: Mutex<Vec<thread::JoinHandle<()>>>,
    /// The function's name, for `platform.initStart`.
    pub(crate) function: OnceLock<String>,
    /// `on-demand`, `snap-start` or `lambda-managed-instances`, for the init records.
    pub(crate) init_type: OnceLock<&'static str>,
}

impl Hub {
    /// Starts delivering to `sub`, whose first record is its `platform.telemetrySubscription`
    /// (`platform.logsSubscription` through the Logs API).
    pub(crate) fn subscribe(&self, name: &str, sub: Subscription) {
        let (tx, rx) = mpsc::channel();
        let (logs, types) = (sub.logs, sub.types.clone());
        let spawned = thread::Builder::new()
            .name("telemetry".into())
            .spawn(move || deliver(&sub, &rx));
        let Ok(handle) = spawned else {
            return;
        };
        self.senders
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(handle);
        self.subscribers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((logs, types.clone(), tx));
        let kind = if logs {
            "platform.logsSubscription"
        } else {
            "platform.telemetrySubscription"
        };
        self.emit(
            kind,
            serde_json::json!({"name": name, "state": "Subscribed", "types": types}),
        );
    }

    /// Sends a `platform.*` record of `kind` to every subscriber of platform records.
    pub(crate) fn emit(&self, kind: &str, record: Value) {
        self.send(&Record {
            category: "platform",
            kind,
            json: envelope(SystemTime::now(), kind, &record),
        });
    }

    /// Sends a `platform.*` record stamped `at`.
    pub(crate) fn emit_at(&self, at: SystemTime, kind: &str, record: Value) {
        self.send(&Record {
            category: "platform",
            kind,
            json: envelope(at, kind, &record),
        });
    }

    /// A line of the function's (`function`) or an extension's (`extension`) output: a JSON
    /// object when the log format is JSON and the line is one, else the text.
    pub(crate) fn emit_line(&self, category: &'static str, line: &[u8], json_logs: bool) {
        let record = json_logs
            .then(|| serde_json::from_slice::<Value>(line).ok())
            .flatten()
            .filter(Value::is_object)
            .unwrap_or_else(|| Value::String(String::from_utf8_lossy(line).into_owned()));
        self.send(&Record {
            category,
            kind: category,
            json: envelope(SystemTime::now(), category, &record),
        });
    }

    fn send(&self, record: &Record<'_>) {
        let mut subs = self
            .subscribers
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        subs.retain(|(logs, types, tx)| {
            !wants(*logs, types, record) || tx.send(record.json.clone()).is_ok()
        });
    }

    /// The sandbox is reset or shut down: subscriptions end, and what they hold is sent
    /// before this returns (so a subscriber has every record before its SHUTDOWN).
    pub(crate) fn clear(&self) {
        self.subscribers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        let senders =
            std::mem::take(&mut *self.senders.lock().unwrap_or_else(PoisonError::into_inner));
        for sender in senders {
            let _ = sender.join();
        }
    }
}

/// The init phase's records, once it has ended: `initStart` (stamped when it started),
/// `platform.extension` for each registered extension, `initRuntimeDone` and `initReport`.
/// They go out now, so that the extensions that subscribed during init get them. With
/// SnapStart the init ended at the snapshot, and `restoreStart`, `restoreRuntimeDone` and
/// `restoreReport` follow for the restore.
pub(crate) fn init_records(hub: &Hub, init: &InitEnded) {
    let init_type = hub.init_type.get().copied().unwrap_or("on-demand");
    let name = hub.function.get().map_or("function", String::as_str);
    let (started, restored, snapshot) = (init.started, init.ended, init.snapshot);
    let ended = snapshot.unwrap_or(restored);
    hub.emit_at(
        wall(started),
        "platform.initStart",
        json!({"initializationType": init_type, "phase": "init",
               "functionName": name, "functionVersion": "$LATEST"}),
    );
    for (extension, events) in &init.extensions {
        hub.emit_at(
            wall(ended),
            "platform.extension",
            json!({"name": extension, "state": "Ready", "events": events}),
        );
    }
    hub.emit_at(
        wall(ended),
        "platform.initRuntimeDone",
        json!({"initializationType": init_type, "phase": "init", "status": "success"}),
    );
    let ms = ended.saturating_duration_since(started).as_secs_f64() * 1000.0;
    hub.emit_at(
        wall(ended),
        "platform.initReport",
        json!({"initializationType": init_type, "phase": "init", "status": "success",
               "metrics": {"durationMs": ms}}),
    );
    let Some(snapshot) = snapshot else {
        return;
    };
    hub.emit_at(
        wall(snapshot),
        "platform.restoreStart",
        json!({"functionName": name, "functionVersion": "$LATEST"}),
    );
    hub.emit_at(
        wall(restored),
        "platform.restoreRuntimeDone",
        json!({"status": "success"}),
    );
    let ms = restored.saturating_duration_since(snapshot).as_secs_f64() * 1000.0;
    hub.emit_at(
        wall(restored),
        "platform.restoreReport",
        json!({"status": "success", "metrics": {"durationMs": ms}}),
    );
}

/// The platform records of one invocation's end as its [`Report`] tells it: `runtimeDone`
/// (the runtime's own time) and `report` (with the extensions' time after the response, as
/// REPORT's Duration), each stamped when it happened. `platform.start` goes out at delivery.
pub(crate) fn invocation_records(hub: &Hub, report: &Report, timing: Option<Timing>) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let status = match &report.outcome {
        Outcome::Response { .. } => "success",
        Outcome::TimedOut => "timeout",
        Outcome::Error { error_type, .. }
            if !error_type.starts_with("Runtime.") && !error_type.starts_with("Extension.") =>
        {
            "error"
        }
        _ => "failure",
    };
    let id = report.request_id.as_str();
    if let Some(t) = timing {
        let produced = match &report.outcome {
            Outcome::Response { body, .. } | Outcome::Error { body, .. } => body.len(),
            _ => 0,
        };
        hub.emit_at(
            wall(t.ended),
            "platform.runtimeDone",
            json!({"requestId": id, "status": status,
                   "metrics": {"durationMs": ms(t.duration()), "producedBytes": produced}}),
        );
    }
    let mut metrics = json!({
        "durationMs": ms(report.duration),
        "billedDurationMs": report.billed_ms() as u64,
        "memorySizeMB": report.memory_mb,
        "maxMemoryUsedMB": report.max_memory_used_mb,
    });
    if let (Some(init), Some(m)) = (report.init_duration, metrics.as_object_mut()) {
        m.insert("initDurationMs".into(), json!(ms(init)));
    }
    hub.emit(
        "platform.report",
        json!({"requestId": id, "status": status, "metrics": metrics}),
    );
}

/// `at` on the wall clock.
fn wall(at: Instant) -> SystemTime {
    let now = Instant::now();
    if at <= now {
        SystemTime::now() - now.duration_since(at)
    } else {
        SystemTime::now() + at.duration_since(now)
    }
}

fn envelope(at: SystemTime, kind: &str, record: &Value) -> String {
    serde_json::json!({"time": rfc3339(at), "type": kind, "record": record}).to_string()
}

/// Batches records and sends each batch when it holds `max_items`, would pass `max_bytes`, or
/// its first record is `timeout` old; the rest when the channel closes.
fn deliver(sub: &Subscription, rx: &Receiver<String>) {
    let mut batch: Vec<String> = Vec::new();
    let mut bytes = 0;
    let mut since = Instant::now();
    let mut tcp: Option<TcpStream> = None;
    loop {
        let wait = sub.timeout.saturating_sub(since.elapsed());
        let next = if batch.is_empty() {
            rx.recv().map_err(|_| RecvTimeoutError::Disconnected)
        } else {
            rx.recv_timeout(wait)
        };
        match next {
            Ok(record) => {
                if !batch.is_empty() && bytes + record.len() + 1 > sub.max_bytes {
                    send(sub, &mut tcp, &std::mem::take(&mut batch));
                    bytes = 0;
                }
                if batch.is_empty() {
                    since = Instant::now();
                }
                bytes += record.len() + 1;
                batch.push(record);
                if batch.len() >= sub.max_items {
                    send(sub, &mut tcp, &std::mem::take(&mut batch));
                    bytes = 0;
                }
            }
            Err(RecvTimeoutError::Timeout) => {
                send(sub, &mut tcp, &std::mem::take(&mut batch));
                bytes = 0;
            }
            Err(RecvTimeoutError::Disconnected) => {
                if !batch.is_empty() {
                    send(sub, &mut tcp, &batch);
                }
                return;
            }
        }
    }
}

/// One batch to the destination; a destination that cannot be reached loses the batch, as
/// Lambda drops what a subscriber does not take.
fn send(sub: &Subscription, tcp: &mut Option<TcpStream>, batch: &[String]) {
    match &sub.destination {
        Destination::Http { port, path } => {
            let body = format!("[{}]", batch.join(","));
            let addr = SocketAddr::from(([127, 0, 0, 1], *port));
            let Ok(mut s) = TcpStream::connect_timeout(&addr, Duration::from_secs(1)) else {
                return;
            };
            let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
            let head = format!(
                "POST {path} HTTP/1.1\r\nHost: sandbox.localdomain:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            if s.write_all(head.as_bytes()).is_ok() && s.write_all(body.as_bytes()).is_ok() {
                // Wait for the answer so batches arrive in order.
                let _ = s.read(&mut [0u8; 512]);
            }
        }
        Destination::Tcp { port } => {
            if tcp.is_none() {
                let addr = SocketAddr::from(([127, 0, 0, 1], *port));
                *tcp = TcpStream::connect_timeout(&addr, Duration::from_secs(1)).ok();
            }
            let Some(s) = tcp.as_mut() else {
                return;
            };
            let mut text = batch.join("\n");
            text.push('\n');
            if s.write_all(text.as_bytes()).is_err() {
                *tcp = None;
            }
        }
    }
}

/// RFC 3339 UTC with milliseconds, as the Telemetry API stamps records.
fn rfc3339(at: SystemTime) -> String {
    let since = at.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = since.as_secs();
    let (y, m, d) = crate::process::civil_from_days(secs / 86_400);
    let day = secs % 86_400;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        day / 3600,
        day / 60 % 60,
        day % 60,
        since.subsec_millis()
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn subscriptions_are_checked_as_lambda_checks_them() {
        let ok = br#"{"schemaVersion":"2022-12-13","types":["platform","function"],"buffering":{"maxItems":1000,"maxBytes":262144,"timeoutMs":25},"destination":{"protocol":"HTTP","URI":"http://sandbox.localdomain:8080/t"}}"#;
        let sub = parse(ok, false, false).unwrap();
        assert_eq!(
            sub.destination,
            Destination::Http {
                port: 8080,
                path: "/t".into()
            }
        );
        assert_eq!(sub.timeout, Duration::from_millis(25));
        let tcp = br#"{"schemaVersion":"2025-01-29","types":["platform"],"destination":{"protocol":"TCP","port":9000}}"#;
        assert_eq!(
            parse(tcp, false, true).unwrap().destination,
            Destination::Tcp { port: 9000 }
        );
        let bad: [&[u8]; 9] = [
            b"nope",
            br#"{"schemaVersion":"2020-01-01","types":["platform"],"destination":{"protocol":"TCP","port":1}}"#,
            br#"{"schemaVersion":"2022-07-01","types":[],"destination":{"protocol":"TCP","port":1}}"#,
            br#"{"schemaVersion":"2022-07-01","types":["logs"],"destination":{"protocol":"TCP","port":1}}"#,
            br#"{"schemaVersion":"2022-07-01","types":["platform"],"buffering":{"maxItems":999},"destination":{"protocol":"TCP","port":1}}"#,
            br#"{"schemaVersion":"2022-07-01","types":["platform"],"buffering":{"maxBytes":1048577},"destination":{"protocol":"TCP","port":1}}"#,
            br#"{"schemaVersion":"2022-07-01","types":["platform"],"buffering":{"timeoutMs":24},"destination":{"protocol":"TCP","port":1}}"#,
            br#"{"schemaVersion":"2022-07-01","types":["platform"],"destination":{"protocol":"HTTP","URI":"http://example.com:80/"}}"#,
            br#"{"schemaVersion":"2022-07-01","types":["platform"],"destination":{"protocol":"TCP","port":0}}"#,
        ];
        for body in bad {
            assert!(
                parse(body, false, false).is_err(),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
        // Lambda Managed Instances need the 2025-01-29 schema.
        let old = br#"{"schemaVersion":"2022-12-13","types":["platform"],"destination":{"protocol":"TCP","port":9000}}"#;
        assert!(parse(old, false, true).is_err());
    }
}
