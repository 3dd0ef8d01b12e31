//! Deterministic per-invocation figures from Valgrind: user-space instructions (callgrind) and
//! heap allocations (DHAT). Each is the difference between a short and a long run divided by
//! the extra invocations, so start-up cost cancels out.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use lambkin_emulator::{Config, Emulator, Function, FunctionSpec};

use crate::measure;

#[derive(Clone, Copy)]
pub enum Tool {
    Callgrind,
    Dhat,
}

pub fn available() -> bool {
    std::process::Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The tool's per-invocation figure for `exe` answering `work`: (total at `long` − total at
/// `short`) / difference.
pub fn per_invocation(
    tool: Tool,
    exe: &Path,
    work: measure::Workload<'_>,
    short: usize,
    long: usize,
) -> Result<f64, String> {
    per_invocation_at(tool, exe, None, &[], work, short, long)
}

/// [`per_invocation`] with `AWS_LAMBDA_MAX_CONCURRENCY` set to `concurrency` (when `Some`) and
/// the extra variables `env`.
pub fn per_invocation_at(
    tool: Tool,
    exe: &Path,
    concurrency: Option<u32>,
    env: &[(&str, &str)],
    work: measure::Workload<'_>,
    short: usize,
    long: usize,
) -> Result<f64, String> {
    let a = total(tool, exe, (concurrency, env), work, short)?;
    let b = total(tool, exe, (concurrency, env), work, long)?;
    Ok((b - a) / (long - short) as f64)
}

/// The tool's per-request figure for a program that serves its argument's number of requests
/// by itself (no emulator): (total at `long` − total at `short`) / difference.
pub fn per_request(tool: Tool, exe: &Path, short: usize, long: usize) -> Result<f64, String> {
    let run = |n: usize| {
        let out = out_file(n);
        let mut cmd = Command::new("valgrind");
        cmd.arg(format!("--tool={}", tool.name()))
            .arg(format!("{}={}", tool.out_flag(), out.display()))
            .arg("-q")
            .arg(exe)
            .arg(n.to_string());
        let ran = bounded(&mut cmd, Duration::from_secs(300));
        match ran {
            Ok(o) if o.status.success() => read_total(tool, &out),
            failed => {
                let _ = std::fs::remove_file(&out);
                Err(match failed {
                    Ok(o) => format!(
                        "valgrind {} {n}: {}: {}",
                        exe.display(),
                        o.status,
                        String::from_utf8_lossy(&o.stderr).trim()
                    ),
                    Err(e) => e,
                })
            }
        }
    };
    let a = run(short)?;
    let b = run(long)?;
    Ok((b - a) / (long - short) as f64)
}

/// Runs `cmd` to the end, its output captured, or kills it after `limit`.
pub fn bounded(cmd: &mut Command, limit: Duration) -> Result<Output, String> {
    let what = format!("{:?}", cmd.get_program());
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{what}: {e}"))?;
    // Read on threads, so a child writing more than a pipe holds never blocks its own exit.
    let pipe = |r: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            if let Some(mut r) = r {
                let _ = r.read_to_end(&mut v);
            }
            v
        })
    };
    let out = pipe(child.stdout.take().map(|p| Box::new(p) as _));
    let err = pipe(child.stderr.take().map(|p| Box::new(p) as _));
    let until = Instant::now() + limit;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < until => std::thread::sleep(Duration::from_millis(20)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{what}: still running after {} s", limit.as_secs()));
            }
            Err(e) => return Err(format!("{what}: {e}")),
        }
    };
    Ok(Output {
        status,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    })
}

impl Tool {
    fn name(self) -> &'static str {
        match self {
            Self::Callgrind => "callgrind",
            Self::Dhat => "dhat",
        }
    }

    fn out_flag(self) -> &'static str {
        match self {
            Self::Callgrind => "--callgrind-out-file",
            Self::Dhat => "--dhat-out-file",
        }
    }
}

fn out_file(n: usize) -> PathBuf {
    std::env::temp_dir().join(format!("lambkin-bench-{}-{n}.out", std::process::id()))
}

fn total(
    tool: Tool,
    exe: &Path,
    (concurrency, env): (Option<u32>, &[(&str, &str)]),
    work: measure::Workload<'_>,
    n: usize,
) -> Result<f64, String> {
    let out = out_file(n);
    let mut spec = FunctionSpec::new("valgrind");
    spec.args = vec![
        format!("--tool={}", tool.name()).into(),
        format!("{}={}", tool.out_flag(), out.display()).into(),
        "-q".into(),
        exe.into(),
    ];
    spec.concurrency = concurrency;
    spec.env = env
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let emu = Emulator::start(Config {
        timeout: Duration::from_secs(60),
        record_requests: false,
        ..Config::default()
    })
    .map_err(|e| e.to_string())?;
    let mut f = Function::spawn(&spec, &emu.runtime_api(), "bench", "us-east-1")
        .map_err(|e| e.to_string())?;
    measure::invoke(&emu, n, work)?;
    // SIGTERM lets Valgrind write its totals (SIGKILL would not).
    f.terminate().map_err(|e| e.to_string())?;
    let until = Instant::now() + Duration::from_secs(60);
    while f.try_wait().is_none() && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(20));
    }
    read_total(tool, &out)
}

/// The total a run wrote to `out` (which is removed): instructions, or allocations.
fn read_total(tool: Tool, out: &Path) -> Result<f64, String> {
    let name = tool.name();
    let text = std::fs::read_to_string(out).map_err(|e| format!("{name} output: {e}"))?;
    let _ = std::fs::remove_file(out);
    match tool {
        Tool::Callgrind => text
            .lines()
            .find_map(|l| {
                l.strip_prefix("summary:")
                    .or_else(|| l.strip_prefix("totals:"))
            })
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .ok_or_else(|| "no callgrind summary".to_owned()),
        Tool::Dhat => {
            let doc: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
            let pps = doc
                .get("pps")
                .and_then(|p| p.as_array())
                .ok_or("no dhat program points")?;
            // `tbk`: total blocks (allocations); `tb` would be bytes.
            Ok(pps.iter().filter_map(|p| p.get("tbk")?.as_f64()).sum())
        }
    }
}
