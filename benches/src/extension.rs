//! The extension section (`--section extension`): a telemetry extension that counts the
//! records of the batches it receives, extension/examples/telemetry_count.rs on every lambkin
//! transport against the same counter on `lambda-extension` (benches/fixtures/official-extension),
//! each driven by the bench's own Extensions and Telemetry APIs ([`crate::extension_api`]): peak
//! RSS, CPU per 1,000 records and stripped size. Issue 16's targets: peak RSS ≤ 0.5× and
//! stripped size ≤ 0.35× the official crate's.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use lambkin_benches::sections::thousands;

use crate::extension_api::{Api, Telemetry, Waiting};
use crate::measure;
use crate::rounds::{Plan, median};
use crate::stream::{load, ratio};
use crate::subjects;

/// Invocations per round, each followed by one batch of [`PER_BATCH`] records: half a million
/// records, so even the 10 ms ticks of `/proc/PID/stat` resolve each round's CPU.
const FULL: usize = 1000;
/// Smoke runs (CI) send a few batches: enough to see every record type counted.
const SMOKE: usize = 4;
/// `function` lines per batch; with `platform.start`, `platform.runtimeDone` and
/// `platform.report`, 500 records.
const LINES: usize = 497;
const PER_BATCH: usize = LINES + 3;
/// The first batch also carries init's three records, as Lambda's first batch does.
const INIT_RECORDS: usize = 3;
/// Issue 16's targets, as ratios to the official crate.
const RSS_TARGET: f64 = 0.5;
const SIZE_TARGET: f64 = 0.35;
/// How long an extension may take to register, subscribe and ask for its first event, and to
/// answer anything after.
const START: Duration = Duration::from_secs(20);
const ANSWER: Duration = Duration::from_secs(30);
/// SHUTDOWN's deadline from when it is sent: telemetry_count waits up to 200 ms before it for
/// records that trail (none do here: every batch was answered before).
const SHUTDOWN_MS: u128 = 2000;

/// What one round measured for one extension.
#[derive(Clone, Copy)]
struct Run {
    records: usize,
    /// From each thread's `schedstat`, over the invocations and their batches.
    cpu_ns: Duration,
    /// From `/proc/PID/stat` (user + system, whole clock ticks, ended threads included).
    cpu_ticks: u64,
    wall: Duration,
    /// VmHWM (the peak since exec, what `ru_maxrss` reports at exit) after the last batch.
    peak_kib: u64,
}

impl Run {
    fn per_thousand(&self, v: f64) -> f64 {
        v * 1000.0 / self.records.max(1) as f64
    }

    fn cpu_us(&self) -> f64 {
        self.per_thousand(self.cpu_ns.as_secs_f64() * 1e6)
    }

    fn cpu_stat_us(&self) -> f64 {
        self.per_thousand(self.cpu_ticks as f64 * 1e6 / measure::clock_ticks())
    }
}

/// The section's markdown. `machine` says where and how it ran; the section adds its plan.
pub fn section(plan: Plan, smoke: bool, machine: &str) -> Result<String, String> {
    let subjects = subjects::extension();
    let mut built = Vec::new();
    for s in &subjects {
        eprintln!("building {}", s.name);
        built.push(s.release_with_size()?);
    }
    let (invocations, rounds) = if smoke {
        (SMOKE, 1)
    } else {
        (FULL, plan.rounds)
    };
    let api = Api::start()?;
    let load_before = load();
    let started = Instant::now();
    let mut runs: Vec<Vec<Run>> = vec![Vec::new(); subjects.len()];
    for round in 0..rounds {
        for ((s, (exe, _)), out) in subjects.iter().zip(&built).zip(&mut runs) {
            let run = one_round(&api, exe, invocations)
                .map_err(|e| format!("extension section, {}: {e}", s.name))?;
            out.push(run);
        }
        eprintln!("extension round {}/{rounds} done", round + 1);
    }
    eprintln!(
        "extension section: {:.0} s of rounds",
        started.elapsed().as_secs_f64()
    );
    let rows: Vec<Row<'_>> = subjects
        .iter()
        .zip(&built)
        .zip(&runs)
        .map(|((s, (_, stripped)), runs)| Row {
            name: display(s.name),
            recipe: s.recipe(),
            stripped: *stripped,
            runs,
        })
        .collect();
    let mut md = markdown(&rows, invocations, rounds, machine);
    let _ = writeln!(
        md,
        "\nLoad average (1 min) before and after these rounds: {load_before}, {}.",
        load()
    );
    Ok(md)
}

/// The table's name for a subject.
fn display(name: &str) -> String {
    match name.strip_prefix("telemetry-") {
        Some(transport) => format!("lambkin-{transport}"),
        None => "official".into(),
    }
}

/// The extension process; killed (and reaped) however the round ends.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `exe` as an external extension, runs `invocations` INVOKE events each followed by
/// its batch, reads the figures, then sends SHUTDOWN and checks the count it prints.
fn one_round(api: &Api, exe: &Path, invocations: usize) -> Result<Run, String> {
    api.new_round();
    let mut child = Command::new(exe)
        .env_clear()
        .env("AWS_LAMBDA_RUNTIME_API", api.address())
        // The official crate's listener port (lambkin's takes any free one itself).
        .env("TELEMETRY_PORT", free_port()?.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let process = Process(child);
    let lines = counts(stdout);
    let pid = process.0.id();

    let (destination, mut waiting) = api.ready(START)?;
    let mut telemetry = Telemetry::new(destination);
    let cpu_ns = measure::cpu_time(pid);
    let cpu_ticks = measure::cpu_ticks(pid)?;
    let started = Instant::now();
    let mut records = 0;
    for i in 0..invocations {
        let id = request_id(i);
        waiting.send(invoke(&id))?;
        waiting = api.next(ANSWER)?;
        let (batch, n) = batch(&id, i);
        telemetry.post(batch.as_bytes())?;
        records += n;
    }
    let wall = started.elapsed();
    // Idle on its event/next, every batch answered: what the work cost, and the peak so far.
    let run = Run {
        records,
        cpu_ns: measure::cpu_time(pid).saturating_sub(cpu_ns),
        cpu_ticks: measure::cpu_ticks(pid)?.saturating_sub(cpu_ticks),
        wall,
        peak_kib: measure::peak_kib(pid).ok_or("the extension is gone")?,
    };
    shutdown(waiting)?;
    let (got, function_lines) = lines
        .recv_timeout(ANSWER)
        .map_err(|_| "no `telemetry_count:` line after SHUTDOWN".to_owned())??;
    let expected = (records, invocations * LINES);
    if (got, function_lines) != expected {
        return Err(format!(
            "counted {got} records, {function_lines} function lines; sent {}, {}",
            expected.0, expected.1
        ));
    }
    drop(process);
    Ok(run)
}

/// A port nothing listens on now, for the official crate's listener.
fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("a free port: {e}"))
}

/// Reads the extension's stdout: the first `telemetry_count: N records, M function lines`
/// comes out of the channel as `(N, M)`; any other line goes to our stderr.
fn counts(stdout: std::process::ChildStdout) -> Receiver<Result<(usize, usize), String>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for l in BufReader::new(stdout).lines() {
            let Ok(l) = l else { return };
            match l.split_once("telemetry_count: ") {
                Some((_, rest)) => {
                    let _ = tx.send(parse_counts(rest).ok_or(format!("a bad count line {l:?}")));
                }
                None => eprintln!("{l}"),
            }
        }
    });
    rx
}

/// `N records, M function lines` → `(N, M)`.
fn parse_counts(text: &str) -> Option<(usize, usize)> {
    let (records, lines) = text.split_once(" records, ")?;
    let lines = lines.strip_suffix(" function lines")?;
    Some((records.trim().parse().ok()?, lines.trim().parse().ok()?))
}

fn request_id(i: usize) -> String {
    format!("{i:08x}-7c1d-4e2a-9b3f-{:012x}", i * 7919)
}

fn epoch_ms() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis())
}

const TRACE: &str = "Root=1-674e2a1b-5e4d4b1a8c3e5e4d4b1a8c3e;Parent=5e4d4b1a8c3e5e4d;Sampled=1";

fn invoke(id: &str) -> String {
    format!(
        r#"{{"eventType":"INVOKE","deadlineMs":{},"requestId":"{id}","invokedFunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:extension-bench","tracing":{{"type":"X-Amzn-Trace-Id","value":"{TRACE}"}}}}"#,
        epoch_ms() + 900_000
    )
}

fn shutdown(waiting: Waiting) -> Result<(), String> {
    waiting.send(format!(
        r#"{{"eventType":"SHUTDOWN","shutdownReason":"spindown","deadlineMs":{}}}"#,
        epoch_ms() + SHUTDOWN_MS
    ))
}

/// Invocation `i`'s batch (schema 2022-12-13 shapes) and how many records it holds:
/// `platform.start`, [`LINES`] `function` lines (text logs, every fifth a JSON log line as
/// text, escaped), `platform.runtimeDone` and `platform.report`; the first batch begins with
/// init's `platform.initStart`, `platform.initRuntimeDone` and `platform.initReport`.
fn batch(id: &str, i: usize) -> (String, usize) {
    let time = |ms: usize| {
        format!(
            "2026-12-02T10:{:02}:{:02}.{:03}Z",
            i / 60 % 60,
            i % 60,
            ms % 1000
        )
    };
    let tracing =
        format!(r#"{{"spanId":"5e4d4b1a8c3e5e4d","type":"X-Amzn-Trace-Id","value":"{TRACE}"}}"#);
    let mut out = String::with_capacity(PER_BATCH * 200);
    let mut n = 0;
    let mut record = |out: &mut String, ms: usize, kind: &str, record: &str| {
        out.push(if n == 0 { '[' } else { ',' });
        let _ = write!(
            out,
            r#"{{"time":"{}","type":"{kind}","record":{record}}}"#,
            time(ms)
        );
        n += 1;
    };
    if i == 0 {
        let init = r#"{"initializationType":"on-demand","phase":"init""#;
        record(
            &mut out,
            0,
            "platform.initStart",
            &format!(
                r#"{init},"runtimeVersion":"provided:al2023.v100","runtimeVersionArn":"arn:aws:lambda:us-east-1::runtime:0123456789abcdef"}}"#
            ),
        );
        record(
            &mut out,
            1,
            "platform.initRuntimeDone",
            &format!(r#"{init},"status":"success"}}"#),
        );
        record(
            &mut out,
            2,
            "platform.initReport",
            &format!(r#"{init},"status":"success","metrics":{{"durationMs":11.42}}}}"#),
        );
    }
    record(
        &mut out,
        3,
        "platform.start",
        &format!(r#"{{"requestId":"{id}","version":"$LATEST","tracing":{tracing}}}"#),
    );
    for j in 0..LINES {
        let stamp = time(4 + j);
        let line = if j % 5 == 4 {
            format!(
                r#""{{\"timestamp\":\"{stamp}\",\"level\":\"INFO\",\"requestId\":\"{id}\",\"message\":\"cache miss for key user:{j}\"}}\n""#
            )
        } else {
            format!(r#""{stamp}\t{id}\tINFO\tprocessed order {i}-{j}: 3 items, total 57.20 EUR\n""#)
        };
        record(&mut out, 4 + j, "function", &line);
    }
    let spans = format!(
        r#"[{{"name":"responseLatency","start":"{}","durationMs":1.25}},{{"name":"responseDuration","start":"{}","durationMs":0.18}}]"#,
        time(500),
        time(501)
    );
    record(
        &mut out,
        502,
        "platform.runtimeDone",
        &format!(
            r#"{{"requestId":"{id}","status":"success","metrics":{{"durationMs":14.8,"producedBytes":52}},"spans":{spans},"tracing":{tracing}}}"#
        ),
    );
    record(
        &mut out,
        503,
        "platform.report",
        &format!(
            r#"{{"requestId":"{id}","status":"success","metrics":{{"durationMs":15.3,"billedDurationMs":16,"memorySizeMB":128,"maxMemoryUsedMB":31}},"tracing":{tracing}}}"#
        ),
    );
    out.push(']');
    (out, n)
}

struct Row<'a> {
    name: String,
    recipe: String,
    stripped: u64,
    runs: &'a [Run],
}

impl Row<'_> {
    fn median(&self, f: fn(&Run) -> f64) -> f64 {
        median(self.runs.iter().map(f).collect())
    }

    fn peak_max_kib(&self) -> u64 {
        self.runs
            .iter()
            .map(|r| r.peak_kib)
            .max()
            .unwrap_or_default()
    }
}

/// The median over rounds of this row's figure over the baseline's in the same round.
fn pairwise(row: &Row<'_>, base: &Row<'_>, f: fn(&Run) -> f64) -> f64 {
    median(
        row.runs
            .iter()
            .zip(base.runs)
            .map(|(a, b)| f(a) / f(b))
            .collect(),
    )
}

/// `yes` or a bold `no` for a ratio against a target.
fn verdict(v: f64, target: f64) -> &'static str {
    if v <= target { "yes" } else { "**no**" }
}

fn markdown(rows: &[Row<'_>], invocations: usize, rounds: usize, machine: &str) -> String {
    let records = invocations * PER_BATCH + INIT_RECORDS;
    let mut md = String::from("## Extension: a telemetry extension counting records\n\n");
    md.push_str(machine);
    let _ = write!(
        md,
        "\n\nextension/examples/telemetry_count.rs on each lambkin transport (a user crate \
         depending on lambkin-extension with that transport's feature) and the same counter on \
         `lambda-extension` 1.x, written as its examples/extension-telemetry-basic is \
         (`benches/fixtures/official-extension`: a `SharedService` telemetry processor, an \
         events processor, `#[tokio::main]`, the crate's default tracing subscriber). Each is \
         an external extension driven by a minimal Extensions and Telemetry API in the bench \
         (`benches/src/extension_api.rs`): register, subscribe (HTTP destination), then \
         {} INVOKE events, each followed by one batch POSTed to the extension's \
         listener over one kept-alive connection and answered before the next, as Lambda \
         delivers a subscription's batches; then SHUTDOWN. A batch is {PER_BATCH} records in \
         the 2022-12-13 shapes: `platform.start`, {LINES} `function` text lines (every fifth a \
         JSON log line as escaped text), `platform.runtimeDone` with spans and \
         `platform.report`; the first also carries init's three records: {} records per round. \
         Each extension prints `telemetry_count: N records, M function lines` at SHUTDOWN, and \
         the bench checks both numbers against what it sent (a wrong count fails the run).\n\n\
         - Peak RSS: `VmHWM` of the extension process (its peak since exec, what `ru_maxrss` \
         reports at exit), read after the last batch while it waits on `event/next`.\n\
         - CPU / 1,000 records: user + system time of the extension process over the \
         invocations and their batches (from the first INVOKE to the last batch's answer), \
         from each thread's `/proc/PID/task/*/schedstat` (nanoseconds; the ratios use it) and \
         from `/proc/PID/stat` (10 ms ticks, threads that ended included).\n\
         - Wall / 1,000 records counts the bench's own work (building and sending batches) as \
         much as the extension's.\n\
         - One process per extension and round, rounds alternating between them ({rounds} \
         here); medians over rounds, ratios are medians of the within-round ratios to the official \
         crate.\n\n\
         Targets (issue 16): peak RSS ≤ {RSS_TARGET}×, stripped size ≤ {SIZE_TARGET}× the \
         official crate's.\n\n",
        thousands(invocations as u64),
        thousands(records as u64),
    );
    md.push_str(
        "| extension | built from | stripped (release) | peak RSS, median / max (MiB) | CPU / 1,000 records (µs): schedstat / stat | wall / 1,000 records (ms) |\n\
         |---|---|---:|---:|---:|---:|\n",
    );
    for r in rows {
        let _ = writeln!(
            md,
            "| {} | {} | {} B | {:.2} / {:.2} | {:.0} / {:.0} | {:.2} |",
            r.name,
            r.recipe,
            thousands(r.stripped),
            r.median(|x| x.peak_kib as f64) / 1024.0,
            r.peak_max_kib() as f64 / 1024.0,
            r.median(Run::cpu_us),
            r.median(Run::cpu_stat_us),
            r.median(|x| x.per_thousand(x.wall.as_secs_f64() * 1e3)),
        );
    }
    let Some((base, ours)) = rows.split_first() else {
        return md;
    };
    md.push_str(
        "\nRatios to the official crate (below 1 is better):\n\n\
         | extension | stripped | ≤ 0.35× | peak RSS | ≤ 0.5× | CPU / 1,000 records |\n\
         |---|---:|---|---:|---|---:|\n",
    );
    for r in ours {
        let size = r.stripped as f64 / base.stripped as f64;
        let rss = pairwise(r, base, |x| x.peak_kib as f64);
        let _ = writeln!(
            md,
            // Three places where a verdict is read, so a ratio just over its target shows so.
            "| {} | {size:.3} | {} | {rss:.3} | {} | {} |",
            r.name,
            verdict(size, SIZE_TARGET),
            verdict(rss, RSS_TARGET),
            ratio(pairwise(r, base, Run::cpu_us)),
        );
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every batch is a JSON array of records as the Telemetry API sends them, and holds as
    /// many as it says.
    #[test]
    fn batches_are_json_arrays_of_records() -> Result<(), String> {
        for i in [0, 1, 61] {
            let (text, n) = batch(&request_id(i), i);
            let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
            let records = v.as_array().ok_or("not an array")?;
            assert_eq!(records.len(), n);
            let expected = PER_BATCH + if i == 0 { INIT_RECORDS } else { 0 };
            assert_eq!(n, expected);
            let kind = |t: &str| {
                records
                    .iter()
                    .filter(|r| r.get("type").and_then(|k| k.as_str()) == Some(t))
                    .count()
            };
            assert_eq!(kind("function"), LINES);
            assert_eq!(kind("platform.report"), 1);
            let line = records
                .iter()
                .filter_map(|r| r.get("record").and_then(|l| l.as_str()))
                .find(|l| l.starts_with('{'))
                .ok_or("no JSON log line")?;
            assert!(line.contains(r#""level":"INFO""#), "{line}");
        }
        Ok(())
    }

    #[test]
    fn reads_the_count_line() {
        assert_eq!(
            parse_counts("1503 records, 1491 function lines"),
            Some((1503, 1491))
        );
        assert_eq!(parse_counts("1503 records"), None);
        assert_eq!(parse_counts("x records, 2 function lines"), None);
    }
}
