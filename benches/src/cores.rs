//! The cores section (`--section cores`): does `AWS_LAMBDA_MAX_CONCURRENCY` buy cores, and do
//! idle workers cost anything?
//!
//! - Throughput of `examples/cores.rs` (about 2 ms of CPU per invocation) with two callers at
//!   once, concurrency 2 against concurrency 1, on the transports that run a worker per
//!   thread (std, tokio). Rounds alternate, and the ratio is the median of each round's.
//! - Callgrind instructions per invocation of hello with 64 workers configured and one event
//!   at a time, against one worker, on every transport.

use std::path::Path;

use lambkin_emulator::{Emulator, FunctionSpec};

use crate::measure::{self, HELLO, Workload};
use crate::rounds::{self, Plan, median};
use crate::subjects;
use crate::valgrind::{self, Tool};

/// What the CPU-burning function is sent and answers.
const BURN: Workload<'static> = Workload {
    event: b"{}",
    answer: br#""burnt""#,
};

/// Invocations kept in flight: two callers at once.
const CALLERS: usize = 2;

/// The idle-worker figure: many workers configured, one event at a time.
const MANY: u32 = 64;

/// Invocations of the short and long callgrind runs. The short one is long enough that every
/// one of [`MANY`] workers has served its first invocation (its thread-local set-up) in both,
/// so the difference is the steady cost.
const RUNS: (usize, usize) = (300, 1300);

/// The variables both worker counts run with: `_X_AMZN_TRACE_ID` is written per invocation
/// only with one worker, so it is turned off for both and the figures differ only in workers.
const ENV: &[(&str, &str)] = &[("LAMBKIN_TRACE_ENV", "0")];

/// One setting's rounds: invocations per second, and cores busy (the function's CPU time over
/// the wall time: 2 means both cores worked the whole time).
#[derive(Default)]
struct Runs {
    per_second: Vec<f64>,
    cores_busy: Vec<f64>,
}

/// The 1-minute load average (`/proc/loadavg`): other work on the machine takes cores from the
/// function, which the throughput figures cannot tell apart.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".into())
}

/// The section's markdown.
pub fn section(plan: Plan, context: &str) -> Result<String, String> {
    let mut burners = Vec::new();
    for s in subjects::cores() {
        eprintln!("building {}", s.name);
        burners.push((s.name, s.release()?));
    }
    let emu = rounds::emulator()?;
    let mut md = String::from("## Every core: `AWS_LAMBDA_MAX_CONCURRENCY`\n\n");
    md.push_str(context);
    md.push_str("\n\n");
    md.push_str(&format!(
        "Throughput of `examples/cores.rs` (a handler burning about 2 ms of CPU) with {CALLERS} \
         invocations in flight, `AWS_LAMBDA_MAX_CONCURRENCY` 2 against 1, {} invocations per \
         round and setting. Target: ratio ≥ 1.8. Cores busy: the function's CPU time over the \
         wall time (the emulator and the machine's other work use the rest).\n\n\
         | transport | concurrency 1 (inv/s) | concurrency 2 (inv/s) | ratio (median of rounds) | cores busy at 1 | cores busy at 2 |\n\
         |---|---:|---:|---:|---:|---:|\n",
        plan.per_round()
    ));
    let load_before = load();
    for (name, exe) in &burners {
        let (one, two) = throughput(&emu, exe, plan)?;
        let ratio = median(
            two.per_second
                .iter()
                .zip(&one.per_second)
                .map(|(b, a)| b / a)
                .collect(),
        );
        md.push_str(&format!(
            "| {} | {:.0} | {:.0} | {ratio:.2} | {:.2} | {:.2} |\n",
            name.trim_start_matches("cores-"),
            median(one.per_second),
            median(two.per_second),
            median(one.cores_busy),
            median(two.cores_busy),
        ));
    }
    md.push_str(&format!(
        "\nLoad average (1 min) before and after these rounds: {load_before}, {}.\n",
        load()
    ));
    md.push_str(&idle_workers(plan)?);
    Ok(md)
}

/// Each round's figures at concurrency 1 and 2, alternating.
fn throughput(emu: &Emulator, exe: &Path, plan: Plan) -> Result<(Runs, Runs), String> {
    let (mut one, mut two) = (Runs::default(), Runs::default());
    for round in 0..plan.rounds {
        for (concurrency, out) in [(1, &mut one), (2, &mut two)] {
            let mut spec = FunctionSpec::new(exe);
            spec.concurrency = Some(concurrency);
            let (mut f, _) = measure::start_spec(emu, &spec)?;
            // Both workers polling, caches warm.
            measure::invoke_in_flight(emu, 20, BURN, CALLERS)?;
            let n = plan.per_round();
            let cpu = measure::cpu_time(f.id());
            let started = std::time::Instant::now();
            measure::invoke_in_flight(emu, n, BURN, CALLERS)?;
            let wall = started.elapsed().as_secs_f64().max(1e-9);
            let cpu = measure::cpu_time(f.id()).saturating_sub(cpu).as_secs_f64();
            out.per_second.push(n as f64 / wall);
            out.cores_busy.push(cpu / wall);
            f.kill();
        }
        eprintln!("cores round {}/{} done", round + 1, plan.rounds);
    }
    Ok((one, two))
}

/// The 64-workers table: hello's callgrind instructions per invocation.
fn idle_workers(plan: Plan) -> Result<String, String> {
    let mut md = format!(
        "\nCallgrind instructions per invocation of hello (all threads of the process), one \
         event at a time, with {MANY} workers configured against one: (total after {} − total \
         after {} invocations) / {}, both with `LAMBKIN_TRACE_ENV=0` (one worker would \
         otherwise also write `_X_AMZN_TRACE_ID` each time). Target: ratio ≤ 1.2.\n\n\
         | transport | 1 worker | {MANY} workers | ratio |\n|---|---:|---:|---:|\n",
        RUNS.1,
        RUNS.0,
        RUNS.1 - RUNS.0
    );
    if !(plan.valgrind && valgrind::available()) {
        md.push_str("| (valgrind not run) | | | |\n");
        return Ok(md);
    }
    for s in subjects::all()
        .into_iter()
        .filter(|s| ["lambkin-std", "lambkin-smol", "lambkin-tokio"].contains(&s.name))
    {
        eprintln!("building {}", s.name);
        let exe = s.release()?;
        eprintln!("valgrind: {} with 1 and {MANY} workers", s.name);
        let per =
            |n| valgrind::per_invocation_at(Tool::Callgrind, &exe, n, ENV, HELLO, RUNS.0, RUNS.1);
        let (one, many) = (per(None)?, per(Some(MANY))?);
        md.push_str(&format!(
            "| {} | {} | {} | {:.3} |\n",
            s.name.trim_start_matches("lambkin-"),
            lambkin_benches::sections::thousands(one.round() as u64),
            lambkin_benches::sections::thousands(many.round() as u64),
            many / one
        ));
    }
    Ok(md)
}
