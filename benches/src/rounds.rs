//! What both sections do with their built binaries: alternating rounds against one emulator,
//! the Valgrind figures, and the statistics a table row is made of.

use std::path::Path;
use std::time::Duration;

use lambkin_emulator::{Config, Emulator};

use crate::measure::{self, Sample, Workload};
use crate::report::Row;
use crate::subjects::Built;
use crate::valgrind;

/// How much to measure (the command line's `--rounds`, `--invocations`, `--no-valgrind`).
#[derive(Clone, Copy, Debug)]
pub struct Plan {
    pub rounds: usize,
    pub invocations: usize,
    pub valgrind: bool,
}

impl Plan {
    pub fn per_round(&self) -> usize {
        (self.invocations / self.rounds.max(1)).max(1)
    }
}

/// The emulator every round runs against: no request log (it would grow with each round).
pub fn emulator() -> Result<Emulator, String> {
    Emulator::start(Config {
        record_requests: false,
        timeout: Duration::from_secs(30),
        ..Config::default()
    })
    .map_err(|e| e.to_string())
}

/// `samples[binary][round]`, each binary answering its own workload, gathered A B C A B C …
/// so drift hits every binary alike.
pub fn alternate(
    emu: &Emulator,
    binaries: &[(&Path, Workload<'_>)],
    plan: Plan,
) -> Result<Vec<Vec<Sample>>, String> {
    let mut samples: Vec<Vec<Sample>> = vec![Vec::new(); binaries.len()];
    for round in 0..plan.rounds {
        for ((exe, work), runs) in binaries.iter().zip(samples.iter_mut()) {
            runs.push(measure::round(emu, exe, plan.per_round(), *work)?);
        }
        eprintln!("round {}/{} done", round + 1, plan.rounds);
    }
    Ok(samples)
}

/// DHAT allocations and callgrind instructions per invocation, when the plan and the machine
/// allow them.
pub fn valgrind_figures(
    name: &str,
    exe: &Path,
    work: Workload<'_>,
    plan: Plan,
) -> Result<(Option<f64>, Option<f64>), String> {
    if !(plan.valgrind && valgrind::available()) {
        return Ok((None, None));
    }
    eprintln!("valgrind: {name}");
    Ok((
        Some(valgrind::per_invocation(
            valgrind::Tool::Dhat,
            exe,
            work,
            50,
            250,
        )?),
        Some(valgrind::per_invocation(
            valgrind::Tool::Callgrind,
            exe,
            work,
            50,
            250,
        )?),
    ))
}

/// One binary's table row from its build and rounds.
pub fn row(
    name: &str,
    built: &Built,
    runs: &[Sample],
    (allocs, instructions): (Option<f64>, Option<f64>),
) -> Row {
    let wall: f64 = runs.iter().map(|r| r.wall.as_secs_f64()).sum();
    let backlog_wall: f64 = runs.iter().map(|r| r.backlog_wall.as_secs_f64()).sum();
    let calls: usize = runs.iter().map(|r| r.invocations).sum();
    Row {
        name: name.to_owned(),
        stripped_release: built.stripped_release as f64,
        stripped_size_profile: built.stripped_size_profile.map(|b| b as f64),
        clean_build_s: built.clean_build.map(|d| d.as_secs_f64()),
        cold_start_ms: median(
            runs.iter()
                .map(|r| r.cold_start.as_secs_f64() * 1e3)
                .collect(),
        ),
        peak_rss_mib: runs.iter().map(|r| r.peak_kib).max().unwrap_or_default() as f64 / 1024.0,
        throughput: calls as f64 / wall.max(1e-9),
        throughput_backlog: calls as f64 / backlog_wall.max(1e-9),
        cpu_us: median(
            runs.iter()
                .map(|r| r.cpu_per_invocation().as_secs_f64() * 1e6)
                .collect(),
        ),
        allocs,
        instructions,
    }
}

pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The median over rounds of `f(runs) / f(base)` within each round: a ratio that drift between
/// rounds does not move.
pub fn pairwise(runs: &[Sample], base: &[Sample], f: &dyn Fn(&Sample) -> f64) -> f64 {
    median(runs.iter().zip(base).map(|(a, b)| f(a) / f(b)).collect())
}

/// `a / b` where both are known and the quotient is a number.
pub fn div(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(a? / b?).filter(|v| v.is_finite())
}

/// A sample's CPU time per invocation, seconds.
pub fn cpu_per_invocation(s: &Sample) -> f64 {
    s.cpu.as_secs_f64() / s.invocations as f64
}
