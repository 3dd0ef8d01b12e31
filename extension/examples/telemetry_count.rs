//! An external extension that counts the Telemetry API records it receives and, at SHUTDOWN,
//! prints `telemetry_count: N records, M function lines` to stdout.
//!
//! One source on every transport: blocking std by default, `--features smol` or `--features
//! tokio` for the async runs (async events processor, same telemetry processor). Put the binary
//! in `/opt/extensions` (a layer's `extensions/`), or run it under `lambkin-emulator invoke
//! --extensions DIR`. `TELEMETRY_COUNT_TCP=1` asks for the TCP destination (newline-delimited
//! JSON) instead of HTTP; the listener takes any free port.
// Examples use std's paths, as users do.
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use lambkin_extension::{Body, Destination, Extension, NextEvent, Platform, Record, Telemetry};

#[derive(Default)]
struct Counts {
    records: usize,
    function_lines: usize,
    reports: usize,
    invokes: usize,
}

type Shared = Arc<Mutex<Counts>>;

/// How long SHUTDOWN waits for the last invocation's records when there is no deadline.
const GRACE: Duration = Duration::from_secs(2);
/// How often SHUTDOWN looks whether they came.
const POLL: Duration = Duration::from_millis(5);

fn lock(counts: &Shared) -> std::sync::MutexGuard<'_, Counts> {
    counts.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The extension, its telemetry processor counting into `counts`.
fn extension(counts: &Shared) -> Extension {
    let received = Arc::clone(counts);
    let telemetry = Telemetry {
        destination: if std::env::var_os("TELEMETRY_COUNT_TCP").is_some_and(|v| v == "1") {
            Destination::Tcp
        } else {
            Destination::Http
        },
        port: 0,
        ..Telemetry::default()
    };
    Extension::new().with_telemetry(telemetry, move |record: &Record<'_>| {
        let mut c = lock(&received);
        c.records += 1;
        match record.body {
            Body::Function(_) => c.function_lines += 1,
            Body::Platform(Platform::Report(_)) => c.reports += 1,
            _ => {}
        }
    })
}

/// Counts an event; at SHUTDOWN, whether the last invocation's report (the last record Lambda
/// sends for it) is in, and the line to print. Records are batched, so they may trail.
fn on_event(counts: &Shared, event: &NextEvent) -> Option<(Instant, usize)> {
    let mut c = lock(counts);
    match event {
        NextEvent::Invoke(_) => {
            c.invokes += 1;
            None
        }
        NextEvent::Shutdown(s) => Some((Instant::now() + wait_limit(s.deadline_ms), c.invokes)),
        _ => None,
    }
}

fn done(counts: &Shared, invokes: usize) -> bool {
    lock(counts).reports >= invokes
}

fn print(counts: &Shared) {
    let c = lock(counts);
    println!(
        "telemetry_count: {} records, {} function lines",
        c.records, c.function_lines
    );
}

/// Until 200 ms before `deadline_ms` (epoch ms), or [`GRACE`] if there is none.
fn wait_limit(deadline_ms: u64) -> Duration {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
    if deadline_ms == 0 {
        return GRACE;
    }
    Duration::from_millis(deadline_ms.saturating_sub(now).saturating_sub(200))
}

#[cfg(not(any(feature = "smol", feature = "tokio")))]
fn main() -> Result<(), lambkin_extension::Error> {
    let counts = Shared::default();
    let events = Arc::clone(&counts);
    extension(&counts)
        .with_events_processor(move |event| {
            if let Some((until, invokes)) = on_event(&events, &event) {
                // The listener runs on its own thread: sleeping here does not hold it up.
                while !done(&events, invokes) && Instant::now() < until {
                    std::thread::sleep(POLL);
                }
                print(&events);
            }
            Ok(())
        })
        .run()
}

#[cfg(any(feature = "smol", feature = "tokio"))]
fn main() -> Result<(), lambkin_extension::Error> {
    let counts = Shared::default();
    let events = Arc::clone(&counts);
    let extension = extension(&counts).with_async_events_processor(move |event| {
        let events = Arc::clone(&events);
        async move {
            if let Some((until, invokes)) = on_event(&events, &event) {
                // The listener runs in the same task: wait with the runtime's timer.
                while !done(&events, invokes) && Instant::now() < until {
                    sleep(POLL).await;
                }
                print(&events);
            }
            Ok(())
        }
    });
    #[cfg(feature = "tokio")]
    return tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(lambkin_extension::tokio::run(extension));
    #[cfg(not(feature = "tokio"))]
    async_io::block_on(lambkin_extension::smol::run(extension))
}

#[cfg(feature = "tokio")]
async fn sleep(d: Duration) {
    tokio::time::sleep(d).await;
}

#[cfg(all(feature = "smol", not(feature = "tokio")))]
async fn sleep(d: Duration) {
    async_io::Timer::after(d).await;
}
