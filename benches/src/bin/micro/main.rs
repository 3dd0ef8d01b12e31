//! `micro`: runs the gungraun micro benchmarks (`benches/micro/`) and writes their figures into
//! the micro section of `benches/RESULTS.md`.
//!
//! ```sh
//! cargo run --release -p lambkin-benches --bin micro             # benches/RESULTS.md
//! cargo run --release -p lambkin-benches --bin micro -- --smoke  # CI: target/benches/RESULTS.md
//! ```
//!
//! Needs `valgrind` and `gungraun-runner` at the version of the `gungraun` crate in Cargo.lock
//! (`cargo install --locked --version X gungraun-runner`). Figures are callgrind instruction
//! counts and DHAT allocation counts: deterministic, so one run is the result.
#![forbid(unsafe_code)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod markdown;
mod summary;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use lambkin_benches::sections;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("micro: {e}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run() -> Result<(), String> {
    let mut smoke = false;
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--smoke" => smoke = true,
            other => return Err(format!("unknown argument {other}; use [--smoke]")),
        }
    }
    let root = root();
    let gungraun = locked_version(&root, "gungraun")?;
    let runner = tool_version("gungraun-runner")
        .ok_or("gungraun-runner not found; install it with `cargo install --locked --version X gungraun-runner`")?;
    if !runner.contains(&gungraun) {
        return Err(format!(
            "gungraun-runner is `{runner}` but Cargo.lock has gungraun {gungraun}: `cargo install --locked --version {gungraun} gungraun-runner`"
        ));
    }
    let valgrind = tool_version("valgrind").ok_or("valgrind not found")?;

    // Summaries of benchmarks that no longer exist must not reach the report.
    let home = root.join("target/gungraun-micro");
    let _ = std::fs::remove_dir_all(&home);
    // The smoke run (CI) measures the runtime benchmarks and the first `SMOKE_CASES` event
    // fixtures only: every fixture on both sides takes several minutes under valgrind.
    let filters: &[Option<&str>] = if smoke {
        &[
            Some("micro::runtime_group::*"),
            Some("micro::events_group::*::smoke_*"),
        ]
    } else {
        &[None]
    };
    for filter in filters {
        bench(&root, &home, *filter)?;
    }
    let figures = summary::read_all(&home)?;

    let context = markdown::Context {
        command: format!(
            "cargo run --release -p lambkin-benches --bin micro{}",
            if smoke { " -- --smoke" } else { "" }
        ),
        machine: markdown::machine(),
        tools: format!(
            "{valgrind}, gungraun {gungraun}, {}",
            tool_version("rustc").unwrap_or_default()
        ),
        date: markdown::today(),
        smoke,
    };
    let section = markdown::section(&figures, &context)?;

    let dir = if smoke {
        root.join("target/benches")
    } else {
        root.join("benches")
    };
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let path = dir.join("RESULTS.md");
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    std::fs::write(&path, sections::with_micro(&old, &section))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    println!("{section}");
    eprintln!("micro: wrote {}", path.display());
    Ok(())
}

/// `cargo bench` of the micro benchmarks matching `filter` (all if `None`), summaries in `home`.
fn bench(root: &Path, home: &Path, filter: Option<&str>) -> Result<(), String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(root)
        .args([
            "bench",
            "--locked",
            "-p",
            "lambkin-benches",
            "--bench",
            "micro",
            "--",
        ])
        .arg("--save-summary=json")
        .arg(format!("--home={}", home.display()))
        .args(filter)
        // gungraun's own report goes to stderr; stdout is this program's table.
        .stdout(Stdio::from(std::io::stderr()));
    let status = command.status().map_err(|e| format!("cargo bench: {e}"))?;
    if !status.success() {
        return Err("cargo bench -p lambkin-benches --bench micro failed".into());
    }
    Ok(())
}

/// First line of `tool --version`, if the tool runs.
fn tool_version(tool: &str) -> Option<String> {
    let out = Command::new(tool).arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    out.status
        .success()
        .then(|| text.lines().next().unwrap_or_default().trim().to_owned())
}

/// The version of `package` in the workspace's Cargo.lock.
fn locked_version(root: &Path, package: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| e.to_string())?;
    let name = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == name
            && let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = "))
        {
            return Ok(v.trim_matches('"').to_owned());
        }
    }
    Err(format!("{package} is not in Cargo.lock"))
}
