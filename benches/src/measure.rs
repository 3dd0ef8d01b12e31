//! One round for one binary against the emulator's Runtime API: a cold start, then warm
//! invocations, with the process's CPU time and peak memory.

use std::collections::VecDeque;
use std::path::Path;
use std::time::{Duration, Instant};

use lambkin_emulator::{Emulator, Function, FunctionSpec, Invocation, Outcome, Pending};

/// What a binary is sent and must answer, byte for byte: the answer proves the work was done.
#[derive(Clone, Copy, Debug)]
pub struct Workload<'a> {
    pub event: &'a [u8],
    pub answer: &'a [u8],
}

/// The hello section's event, which every runtime answers the same.
pub const HELLO: Workload<'static> = Workload {
    event: br#"{"firstName":"Ada"}"#,
    answer: br#"{"message":"Hello, Ada!"}"#,
};

/// What one round measured.
#[derive(Clone, Copy, Debug)]
pub struct Sample {
    /// Exec to the first `/next`.
    pub cold_start: Duration,
    /// Wall time for the warm invocations, one after another.
    pub wall: Duration,
    /// Wall time for as many invocations again with a backlog queued ahead of the function.
    pub backlog_wall: Duration,
    pub invocations: usize,
    /// User + system CPU of the function process during the warm invocations.
    pub cpu: Duration,
    /// VmHWM at the end of the round, KiB.
    pub peak_kib: u64,
}

impl Sample {
    pub fn per_second(&self) -> f64 {
        self.invocations as f64 / self.wall.as_secs_f64().max(1e-9)
    }

    pub fn backlog_per_second(&self) -> f64 {
        self.invocations as f64 / self.backlog_wall.as_secs_f64().max(1e-9)
    }

    pub fn cpu_per_invocation(&self) -> Duration {
        self.cpu / u32::try_from(self.invocations.max(1)).unwrap_or(u32::MAX)
    }
}

/// Starts `exe` and waits for its first `/next`: the process and its cold start.
fn start(emu: &Emulator, exe: &Path) -> Result<(Function, Duration), String> {
    start_spec(emu, &FunctionSpec::new(exe))
}

/// Starts `spec` and waits for its first `/next`: the process and its cold start.
pub fn start_spec(emu: &Emulator, spec: &FunctionSpec) -> Result<(Function, Duration), String> {
    emu.begin_init();
    let exe = Path::new(&spec.program);
    let config = emu.config();
    let mut f = Function::spawn(
        spec,
        &emu.runtime_api(),
        &config.function_name,
        &config.region,
    )
    .map_err(|e| e.to_string())?;
    let limit = Instant::now() + Duration::from_secs(10);
    let first = loop {
        if let Some(first) = emu.first_next() {
            break first;
        }
        if Instant::now() > limit || f.try_wait().is_some() {
            return Err(format!("{} never polled /next", exe.display()));
        }
        std::thread::yield_now();
    };
    let cold_start = first.saturating_duration_since(f.started);
    Ok((f, cold_start))
}

/// Starts `exe`, sends it `event` once and returns the response body, whatever it is: how a
/// section learns (and compares) what each binary answers before measuring it.
pub fn probe(emu: &Emulator, exe: &Path, event: &[u8]) -> Result<Vec<u8>, String> {
    let (mut f, _) = start(emu, exe)?;
    let outcome = emu
        .invoke(Invocation::new(event))
        .wait(Duration::from_secs(30));
    f.kill();
    match outcome {
        Ok(Outcome::Response { body, .. }) => Ok(body),
        other => Err(format!("{}: unexpected outcome: {other:?}", exe.display())),
    }
}

/// Starts `exe`, measures its cold start, runs `n` invocations of `work`, stops it.
pub fn round(emu: &Emulator, exe: &Path, n: usize, work: Workload<'_>) -> Result<Sample, String> {
    let (mut f, cold_start) = start(emu, exe)?;
    let cpu_before = cpu_time(f.id());
    let started = Instant::now();
    invoke(emu, n, work)?;
    let wall = started.elapsed();
    let cpu = cpu_time(f.id()).saturating_sub(cpu_before);
    let started = Instant::now();
    invoke_backlog(emu, n, work)?;
    let backlog_wall = started.elapsed();
    let peak_kib = f.memory_kib().map(|m| m.peak).unwrap_or_default();
    f.kill();
    Ok(Sample {
        cold_start,
        wall,
        backlog_wall,
        invocations: n,
        cpu,
        peak_kib,
    })
}

/// `n` invocations one after another, each checked.
pub fn invoke(emu: &Emulator, n: usize, work: Workload<'_>) -> Result<(), String> {
    for _ in 0..n {
        answered(emu.invoke(Invocation::new(work.event)), work.answer)?;
    }
    Ok(())
}

/// How many invocations wait in the queue ahead of the function in [`invoke_backlog`].
const BACKLOG: usize = 8;

/// `n` invocations with up to [`BACKLOG`] queued, so `/next` is answered at once: the
/// function's own turn-around, without this thread's wake-up between two invocations.
pub fn invoke_backlog(emu: &Emulator, n: usize, work: Workload<'_>) -> Result<(), String> {
    invoke_in_flight(emu, n, work, BACKLOG)
}

/// `n` invocations, `depth` sent before the oldest is waited for: `depth` callers at once.
pub fn invoke_in_flight(
    emu: &Emulator,
    n: usize,
    work: Workload<'_>,
    depth: usize,
) -> Result<(), String> {
    let mut queued = VecDeque::with_capacity(depth);
    for _ in 0..n {
        if queued.len() >= depth.max(1)
            && let Some(oldest) = queued.pop_front()
        {
            answered(oldest, work.answer)?;
        }
        queued.push_back(emu.invoke(Invocation::new(work.event)));
    }
    queued
        .into_iter()
        .try_for_each(|p| answered(p, work.answer))
}

/// Waits for `pending` and checks it is `answer`.
fn answered(pending: Pending, answer: &[u8]) -> Result<(), String> {
    match pending.wait(Duration::from_secs(30)) {
        Ok(Outcome::Response { body, .. }) if body == answer => Ok(()),
        other => Err(format!("unexpected outcome: {other:?}")),
    }
}

/// CPU time of every thread of a process: the first field of each task's schedstat (ns), so
/// short runs resolve below the 10 ms clock tick of /proc/PID/stat.
pub fn cpu_time(pid: u32) -> Duration {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Duration::ZERO;
    };
    let ns: u64 = tasks
        .filter_map(Result::ok)
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    Duration::from_nanos(ns)
}

/// Peak resident memory since exec (`VmHWM`, KiB) of a live process: what `ru_maxrss`
/// reports once it has ended.
pub fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// User + system CPU of the whole process (threads that ended included), in clock ticks:
/// fields 14 and 15 of `/proc/PID/stat`, counted after the command name's closing parenthesis.
pub fn cpu_ticks(pid: u32) -> Result<u64, String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map_err(|e| format!("/proc/{pid}/stat: {e}"))?;
    let after_name = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
    let field = |i: usize| {
        after_name
            .split_whitespace()
            .nth(i)
            .and_then(|v| v.parse::<u64>().ok())
            .ok_or_else(|| format!("/proc/{pid}/stat has no field {}", i + 3))
    };
    // The first field after the name is field 3 (state): utime is 14, stime 15.
    Ok(field(11)? + field(12)?)
}

/// Clock ticks per second (`getconf CLK_TCK`; Linux's usual 100 if that fails).
pub fn clock_ticks() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|t| *t > 0.0)
        .unwrap_or(100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_its_own_cpu_time() -> Result<(), String> {
        let pid = std::process::id();
        let before = cpu_ticks(pid)?;
        let spin = Instant::now();
        let mut x = 0u64;
        while spin.elapsed() < Duration::from_millis(50) {
            x = x.wrapping_add(std::hint::black_box(1));
        }
        assert!(x > 0);
        assert!(cpu_ticks(pid)? >= before);
        Ok(())
    }
}
