//! Tools for `interop.rs`: building the functions under test, a Python venv holding
//! awslambdaric and cargo-lambda (installed on first use), and child processes that die with
//! the test. Every failure is an `Err` with a message that says what to fix.
//!
//! Needs `python3` with `venv` and pip (or the interpreter named by `PYTHON3`), and PyPI on
//! the first run; the venv lives in `target/interop/venv`, so `cargo clean` starts over.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Mutex, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

/// Pinned so a run is reproducible; bump together with the expectations in `interop.rs`.
pub const AWSLAMBDARIC: &str = "awslambdaric==4.2.2";
/// Pinned likewise; installed without its dependencies (ziglang, 100 MB, only for builds).
pub const CARGO_LAMBDA: &str = "cargo-lambda==1.9.2";
/// The Zig toolchain `cargo lambda build` links with (through cargo-zigbuild, for every target,
/// not only cross builds); installed by [`ziglang`] only for the tests that build.
#[allow(dead_code)]
pub const ZIGLANG: &str = "ziglang==0.17.0";

/// The main workspace: the directory above this crate's.
pub fn workspace_root() -> PathBuf {
    let emulator = Path::new(env!("CARGO_MANIFEST_DIR"));
    emulator
        .parent()
        .map_or_else(|| emulator.join(".."), Path::to_path_buf)
}

/// `target/interop` of the main workspace (honouring `CARGO_TARGET_DIR`): everything the
/// interop tests build, install or log lives there, so repeated runs are incremental.
pub fn interop_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || workspace_root().join("target"),
        |t| workspace_root().join(t),
    );
    target.join("interop")
}

fn cargo() -> OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// The last lines of `text`, for failure messages.
pub fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all.get(all.len().saturating_sub(lines)..)
        .unwrap_or_default()
        .join("\n")
}

/// Runs `cmd` to the end; `Err` says what ran and shows the end of its output.
fn run(what: &str, cmd: &mut Command) -> Result<Output, String> {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{what}: cannot start {cmd:?}: {e}"))?;
    if out.status.success() {
        return Ok(out);
    }
    Err(format!(
        "{what} failed ({}): {cmd:?}\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        tail(&String::from_utf8_lossy(&out.stdout), 40),
        tail(&String::from_utf8_lossy(&out.stderr), 40),
    ))
}

/// `cargo build --release` with `args`; the executable cargo reports last.
fn cargo_build(what: &str, args: &[&str]) -> Result<PathBuf, String> {
    let mut cmd = Command::new(cargo());
    cmd.current_dir(workspace_root())
        .args([
            "build",
            "--release",
            "--message-format=json-render-diagnostics",
        ])
        .args(args);
    let out = run(what, &mut cmd)?;
    let exe = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|msg| msg["reason"] == "compiler-artifact")
        .filter_map(|msg| msg["executable"].as_str().map(PathBuf::from))
        .next_back();
    exe.ok_or_else(|| format!("{what}: cargo reported no executable"))
}

/// The lambda_runtime README's hello example (`fixtures/official-hello`), built once per test
/// binary into `target/interop/official-hello` from its committed Cargo.lock.
pub fn official_hello() -> Result<PathBuf, String> {
    official_fixture("official-hello")
}

/// The official runtime's streaming example (`fixtures/official-streaming`), built like
/// [`official_hello`].
#[allow(dead_code)] // streaming_interop.rs only; interop.rs and deploy.rs share this module.
pub fn official_streaming() -> Result<PathBuf, String> {
    official_fixture("official-streaming")
}

/// The official lambda-extension crate's examples (`fixtures/official-extensions`): the
/// directory holding its `basic`, `logs` and `telemetry` binaries, built like
/// [`official_hello`].
#[allow(dead_code)] // extension_interop.rs only.
pub fn official_extensions() -> Result<PathBuf, String> {
    let exe = official_fixture("official-extensions")?;
    exe.parent()
        .map(Path::to_path_buf)
        .ok_or_else(|| format!("{} has no parent directory", exe.display()))
}

/// `fixtures/NAME`, a crate of its own with a committed Cargo.lock, built once per test binary
/// into `target/interop/NAME`.
fn official_fixture(name: &str) -> Result<PathBuf, String> {
    built_once(name, || {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name)
            .join("Cargo.toml");
        let target = interop_dir().join(name);
        let (manifest, target) = (manifest.to_string_lossy(), target.to_string_lossy());
        cargo_build(
            &format!("building the official runtime's {name} (needs crates.io on a cold run)"),
            &[
                "--locked",
                "--manifest-path",
                &manifest,
                "--target-dir",
                &target,
            ],
        )
    })
}

/// `build`'s result for `key`, built once per test binary; the lock keeps builds (and the
/// copies some make out of cargo's shared output paths) in order.
fn built_once(
    key: &str,
    build: impl FnOnce() -> Result<PathBuf, String>,
) -> Result<PathBuf, String> {
    static BUILT: OnceLock<Mutex<BTreeMap<String, Result<PathBuf, String>>>> = OnceLock::new();
    let mut built = BUILT
        .get_or_init(Default::default)
        .lock()
        .map_err(|_| "an earlier build panicked".to_string())?;
    built.entry(key.to_owned()).or_insert_with(build).clone()
}

/// lambkin's `examples/NAME.rs` with the facade's `features` (no default ones), built once
/// per test binary into cargo's release output.
pub fn lambkin_example(name: &str, features: &str) -> Result<PathBuf, String> {
    built_once(&format!("example-{name}-{features}"), || {
        let manifest = workspace_root().join("Cargo.toml");
        cargo_build(
            &format!("building lambkin's examples/{name} with {features}"),
            &[
                "-p",
                "lambkin",
                "--example",
                name,
                "--no-default-features",
                "--features",
                features,
                "--manifest-path",
                &manifest.to_string_lossy(),
            ],
        )
    })
}

/// lambkin's `examples/hello.rs` on the transport `feature` (`std`, `smol` or `tokio`), built
/// once per test binary and transport, and copied out of cargo's output path (which each
/// transport's build overwrites; the lock keeps builds and copies in order).
pub fn lambkin_hello(feature: &str) -> Result<PathBuf, String> {
    built_once(&format!("hello-{feature}"), || {
        let manifest = workspace_root().join("Cargo.toml");
        cargo_build(
            &format!("building lambkin's examples/hello on {feature}"),
            &[
                "-p",
                "lambkin",
                "--example",
                "hello",
                "--no-default-features",
                "--features",
                feature,
                "--manifest-path",
                &manifest.to_string_lossy(),
            ],
        )
        .and_then(|exe| {
            let copy = interop_dir().join(format!("hello-{feature}"));
            fs::create_dir_all(interop_dir()).map_err(|e| format!("{:?}: {e}", interop_dir()))?;
            fs::copy(&exe, &copy).map_err(|e| format!("copying {exe:?}: {e}"))?;
            Ok(copy)
        })
    })
}

/// The Python tools, from `target/interop/venv`.
#[derive(Clone, Debug)]
pub struct Tools {
    /// The venv's interpreter, which can import awslambdaric.
    pub python: PathBuf,
    /// The `cargo-lambda` executable (`cargo lambda X` is `cargo-lambda lambda X`).
    pub cargo_lambda: PathBuf,
}

/// Creates the venv and installs the pinned tools the first time; later calls (and later runs,
/// through a marker file naming the pins) reuse it. Fails, never skips, when it cannot.
pub fn tools() -> Result<Tools, String> {
    static TOOLS: OnceLock<Result<Tools, String>> = OnceLock::new();
    TOOLS.get_or_init(install_tools).clone()
}

fn install_tools() -> Result<Tools, String> {
    let venv = interop_dir().join("venv");
    let tools = Tools {
        python: venv.join("bin/python"),
        cargo_lambda: venv.join("bin/cargo-lambda"),
    };
    let marker = venv.join("lambkin-interop-ready");
    let pins = format!("{AWSLAMBDARIC}\n{CARGO_LAMBDA}\n");
    let ready = fs::read_to_string(&marker).is_ok_and(|m| m == pins)
        && tools.python.exists()
        && tools.cargo_lambda.exists();
    if ready {
        return Ok(tools);
    }
    let hint = "the interop tests need Python 3 with venv and pip, and PyPI";
    let python3 = std::env::var_os("PYTHON3").unwrap_or_else(|| "python3".into());
    run(
        &format!("creating a venv ({hint})"),
        Command::new(python3)
            .args(["-m", "venv", "--clear"])
            .arg(&venv),
    )?;
    let pip = |args: &[&str]| {
        let mut cmd = Command::new(&tools.python);
        cmd.args([
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--no-input",
        ])
        .args(args);
        run(&format!("pip install {args:?} ({hint})"), &mut cmd)
    };
    pip(&[AWSLAMBDARIC])?;
    pip(&["--no-deps", CARGO_LAMBDA])?;
    run(
        "importing awslambdaric",
        Command::new(&tools.python).args(["-c", "import awslambdaric"]),
    )?;
    run(
        "running cargo-lambda",
        Command::new(&tools.cargo_lambda).args(["lambda", "invoke", "--help"]),
    )?;
    fs::write(&marker, pins).map_err(|e| format!("writing {}: {e}", marker.display()))?;
    Ok(tools)
}

/// [`tools`] plus [`ZIGLANG`] in the same venv, installed the first time (a marker file naming
/// the pin marks it done). `cargo lambda build` finds Zig as `python3 -m ziglang` when the
/// venv's `bin` comes first in `PATH`: the value to give it is returned.
#[allow(dead_code)] // deploy.rs only; interop.rs shares this module.
pub fn ziglang() -> Result<(Tools, OsString), String> {
    static ZIG: OnceLock<Result<(Tools, OsString), String>> = OnceLock::new();
    ZIG.get_or_init(|| {
        let tools = tools()?;
        let bin = interop_dir().join("venv/bin");
        let marker = interop_dir().join("venv/lambkin-ziglang-ready");
        if fs::read_to_string(&marker).ok().as_deref() != Some(ZIGLANG) {
            let mut cmd = Command::new(&tools.python);
            cmd.args([
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "--no-input",
            ])
            .arg(ZIGLANG);
            run(&format!("pip install {ZIGLANG} (needs PyPI)"), &mut cmd)?;
            run(
                "running the venv's zig",
                Command::new(&tools.python).args(["-m", "ziglang", "version"]),
            )?;
            fs::write(&marker, ZIGLANG).map_err(|e| format!("{}: {e}", marker.display()))?;
        }
        let path = std::env::var_os("PATH").unwrap_or_default();
        let path = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&path)))
            .map_err(|e| format!("PATH: {e}"))?;
        Ok((tools, path))
    })
    .clone()
}

/// A child process whose output goes to a log file, killed and reaped when dropped.
pub struct Proc {
    child: Child,
    name: String,
    log: PathBuf,
}

impl Proc {
    /// Starts `cmd` with stdin closed and stdout and stderr in `target/interop/logs/NAME.log`.
    pub fn spawn(name: &str, cmd: &mut Command) -> Result<Self, String> {
        let logs = interop_dir().join("logs");
        fs::create_dir_all(&logs).map_err(|e| format!("creating {}: {e}", logs.display()))?;
        let log = logs.join(format!("{name}.log"));
        let file = fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
        let err = file
            .try_clone()
            .map_err(|e| format!("{}: {e}", log.display()))?;
        let child = cmd
            .stdin(Stdio::null())
            .stdout(file)
            .stderr(err)
            .spawn()
            .map_err(|e| format!("{name}: cannot start {cmd:?}: {e}"))?;
        Ok(Self {
            child,
            name: name.to_owned(),
            log,
        })
    }

    /// Whether it is still running.
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Its output so far.
    pub fn output(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Its name and the end of its output, for failure messages.
    pub fn describe(&self) -> String {
        format!(
            "{} (log {}):\n{}",
            self.name,
            self.log.display(),
            tail(&self.output(), 30)
        )
    }

    /// Polls its output until `find` returns something, it exits, or `within` passes.
    pub fn wait_for<T>(
        &mut self,
        within: Duration,
        mut find: impl FnMut(&str) -> Option<T>,
    ) -> Result<T, String> {
        let start = Instant::now();
        loop {
            if let Some(found) = find(&self.output()) {
                return Ok(found);
            }
            if !self.alive() {
                return Err(format!("exited early: {}", self.describe()));
            }
            if start.elapsed() > within {
                return Err(format!("not ready after {within:?}: {}", self.describe()));
            }
            thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `cmd` to the end within `within` (killing it after), output captured through files in
/// `dir` so large outputs cannot block it. `Err` only when it could not run or hung.
pub fn run_bounded(
    name: &str,
    dir: &Path,
    cmd: &mut Command,
    within: Duration,
) -> Result<(bool, String, String), String> {
    let (out_path, err_path) = (
        dir.join(format!("{name}.out")),
        dir.join(format!("{name}.err")),
    );
    let open = |p: &Path| fs::File::create(p).map_err(|e| format!("{}: {e}", p.display()));
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(open(&out_path)?)
        .stderr(open(&err_path)?)
        .spawn()
        .map_err(|e| format!("{name}: cannot start {cmd:?}: {e}"))?;
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > within => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{name}: {cmd:?} still running after {within:?}"));
            }
            Ok(None) => thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(format!("{name}: waiting for {cmd:?}: {e}")),
        }
    };
    let read = |p: &Path| fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
    Ok((status.success(), read(&out_path)?, read(&err_path)?))
}

/// A fresh directory under `target/interop/tmp`, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    /// Creates `target/interop/tmp/NAME-PID`, emptied first.
    pub fn new(name: &str) -> Result<Self, String> {
        let dir = interop_dir()
            .join("tmp")
            .join(format!("{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        Ok(Self(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// A port that was free a moment ago on 127.0.0.1, for a server that must be told its port.
pub fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("finding a free port: {e}"))
}
