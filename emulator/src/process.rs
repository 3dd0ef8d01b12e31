//! The function process: its environment (what Lambda sets), its memory, its end.

use std::ffi::OsString;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What to run and how Lambda would configure it.
#[derive(Clone, Debug)]
pub struct FunctionSpec {
    /// The executable.
    pub program: OsString,
    /// Its arguments.
    pub args: Vec<OsString>,
    /// `AWS_LAMBDA_FUNCTION_MEMORY_SIZE`, and the limit above which the process is killed.
    pub memory_mb: u32,
    /// `AWS_LAMBDA_MAX_CONCURRENCY` when set (Lambda Managed Instances).
    pub concurrency: Option<u32>,
    /// `_HANDLER`: the function's handler setting.
    pub handler: String,
    /// Extra variables, as a function's configuration would set them.
    pub env: Vec<(String, String)>,
    /// The directory it starts in (Lambda's is `/var/task`); the emulator's own when `None`.
    pub working_dir: Option<PathBuf>,
    /// A directory whose executables run as external extensions, as `/opt/extensions` does.
    pub extensions: Option<PathBuf>,
    /// SnapStart: `AWS_LAMBDA_INITIALIZATION_TYPE=snap-start`; the runtime ends its init with
    /// `/runtime/restore/next` and is restored in the same process.
    pub snapstart: bool,
}

impl FunctionSpec {
    /// A spec for `program` with Lambda's defaults (128 MB, handler `bootstrap`).
    pub fn new(program: impl Into<OsString>) -> Self {
        Self {
            program: program.into(),
            args: Vec::new(),
            memory_mb: 128,
            concurrency: None,
            handler: "bootstrap".into(),
            env: Vec::new(),
            working_dir: None,
            extensions: None,
            snapstart: false,
        }
    }
}

/// Variables passed through from the emulator's own environment when set: the executable
/// search path, and credentials so SDK calls work locally as they do with an execution role.
const PASS_THROUGH: [&str; 6] = [
    "PATH",
    "LD_LIBRARY_PATH",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "RUST_BACKTRACE",
];

/// A started function process.
pub struct Function {
    child: Child,
    /// When it was started: the start of Lambda's init phase.
    pub started: Instant,
    /// The threads copying its output line by line, if any: waited for once it has ended, so
    /// its last lines are not lost when the emulator exits right after.
    relays: Vec<std::thread::JoinHandle<()>>,
}

impl Function {
    /// Starts `spec` against the Runtime API at `api`, with Lambda's environment and nothing
    /// else from ours but `PATH`, `LD_LIBRARY_PATH`, AWS credentials and `RUST_BACKTRACE`.
    /// Its stdout goes to our stderr: it is the log.
    pub fn spawn(
        spec: &FunctionSpec,
        api: &str,
        function_name: &str,
        region: &str,
    ) -> io::Result<Self> {
        Self::spawn_with(spec, api, function_name, region, None)
    }

    /// [`spawn`](Self::spawn), its stdout and stderr read line by line when `lines` is given:
    /// each line is written to our stderr (in one piece) and handed to `lines`.
    pub(crate) fn spawn_with(
        spec: &FunctionSpec,
        api: &str,
        function_name: &str,
        region: &str,
        lines: Option<LineSink>,
    ) -> io::Result<Self> {
        let program = Path::new(&spec.program);
        let task_root = program
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| Path::new(".").to_path_buf(), Path::to_path_buf);
        let mut cmd = Command::new(program);
        cmd.args(&spec.args).env_clear();
        if let Some(dir) = &spec.working_dir {
            cmd.current_dir(dir);
        }
        for name in PASS_THROUGH {
            if let Some(value) = std::env::var_os(name) {
                cmd.env(name, value);
            }
        }
        let memory = spec.memory_mb.to_string();
        let stream = format!(
            "{}/[$LATEST]{}",
            today(),
            crate::ids::uuid().replace('-', "")
        );
        let lambda = [
            ("AWS_LAMBDA_RUNTIME_API", api),
            ("AWS_LAMBDA_FUNCTION_NAME", function_name),
            ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", &memory),
            ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
            (
                "AWS_LAMBDA_LOG_GROUP_NAME",
                &format!("/aws/lambda/{function_name}"),
            ),
            ("AWS_LAMBDA_LOG_STREAM_NAME", &stream),
            // Only Lambda Managed Instances run several invocations at once in one process.
            (
                "AWS_LAMBDA_INITIALIZATION_TYPE",
                if spec.snapstart {
                    "snap-start"
                } else if spec.concurrency.is_some() {
                    "lambda-managed-instances"
                } else {
                    "on-demand"
                },
            ),
            ("AWS_REGION", region),
            ("AWS_DEFAULT_REGION", region),
            ("_HANDLER", &spec.handler),
            ("LANG", "en_US.UTF-8"),
            ("TZ", ":UTC"),
        ];
        cmd.envs(lambda);
        cmd.env("LAMBDA_TASK_ROOT", &task_root)
            .env("LAMBDA_RUNTIME_DIR", &task_root);
        if let Some(n) = spec.concurrency {
            cmd.env("AWS_LAMBDA_MAX_CONCURRENCY", n.to_string());
        }
        cmd.envs(spec.env.iter().map(|(k, v)| (k, v)));
        cmd.stdin(Stdio::null());
        if lines.is_some() {
            cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        } else {
            cmd.stdout(io::stderr());
        }
        let started = Instant::now();
        let mut child = cmd.spawn().map_err(|e| {
            io::Error::new(e.kind(), format!("cannot start {}: {e}", program.display()))
        })?;
        let mut relays = Vec::new();
        if let Some(sink) = lines {
            let out = child
                .stdout
                .take()
                .map(|o| Box::new(o) as Box<dyn Read + Send>);
            let err = child
                .stderr
                .take()
                .map(|e| Box::new(e) as Box<dyn Read + Send>);
            for pipe in [out, err].into_iter().flatten() {
                let sink = Arc::clone(&sink);
                // A relay that cannot start loses the output, not the process.
                relays.extend(
                    std::thread::Builder::new()
                        .name("output".into())
                        .spawn(move || relay(pipe, &*sink)),
                );
            }
        }
        Ok(Self {
            child,
            started,
            relays,
        })
    }

    /// The process id.
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// Its exit status, if it has ended.
    pub fn try_wait(&mut self) -> Option<ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// Kills it (SIGKILL, as Lambda does on a timeout) and reaps it, then lets its output
    /// relays finish.
    pub fn kill(&mut self) -> Option<ExitStatus> {
        let _ = self.child.kill();
        let status = self.child.wait().ok();
        self.drain();
        status
    }

    /// Waits for the output relays to copy what the ended process wrote. A pipe stays open
    /// while a process it started still holds it, so each gets at most [`DRAIN`].
    fn drain(&mut self) {
        let until = Instant::now() + DRAIN;
        for relay in std::mem::take(&mut self.relays) {
            while !relay.is_finished() && Instant::now() < until {
                std::thread::sleep(Duration::from_millis(2));
            }
            if relay.is_finished() {
                let _ = relay.join();
            }
        }
    }

    /// Sends SIGTERM, as Lambda does at shutdown when an extension is registered.
    pub fn terminate(&self) -> io::Result<()> {
        let pid = i32::try_from(self.id())
            .ok()
            .and_then(rustix::process::Pid::from_raw)
            .ok_or_else(|| io::Error::other("invalid pid"))?;
        rustix::process::kill_process(pid, rustix::process::Signal::TERM).map_err(io::Error::from)
    }

    /// Current and peak resident memory in KiB, from `/proc` (Linux); `None` elsewhere or once
    /// the process is gone.
    pub fn memory_kib(&self) -> Option<Memory> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.id())).ok()?;
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        };
        Some(Memory {
            rss: field("VmRSS:")?,
            peak: field("VmHWM:")?,
        })
    }
}

impl Drop for Function {
    fn drop(&mut self) {
        if self.try_wait().is_none() {
            self.kill();
        } else {
            self.drain();
        }
    }
}

/// Longest wait for an ended process's output relays.
const DRAIN: Duration = Duration::from_secs(1);

/// Where each line of a process's output goes, without its line end.
pub(crate) type LineSink = Arc<dyn Fn(&[u8]) + Send + Sync>;

/// Copies `pipe` to our stderr line by line (each in one write, so lines of several processes
/// do not mix) and hands each line to `sink`, until the process closes it.
fn relay(pipe: Box<dyn Read + Send>, sink: &(dyn Fn(&[u8]) + Send + Sync)) {
    let mut reader = BufReader::new(pipe);
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {
                let _ = io::stderr().lock().write_all(&line);
                let text = line.strip_suffix(b"\n").unwrap_or(&line);
                sink(text.strip_suffix(b"\r").unwrap_or(text));
            }
        }
    }
}

/// Resident memory of the function process, KiB.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Memory {
    /// Now.
    pub rss: u64,
    /// The peak since exec (`VmHWM`): Lambda's "Max Memory Used".
    pub peak: u64,
}

/// `YYYY/MM/DD` (UTC) for the log stream name.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let (y, m, d) = civil_from_days(secs / 86_400);
    format!("{y:04}/{m:02}/{d:02}")
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    (y, m, d)
}

/// `exit status: 1` / `signal: killed`, as Lambda words it.
pub(crate) fn describe(status: Option<ExitStatus>) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.and_then(|s| s.signal()) {
            let name = match sig {
                6 => "aborted",
                9 => "killed",
                11 => "segmentation fault",
                15 => "terminated",
                _ => return format!("signal: {sig}"),
            };
            return format!("signal: {name}");
        }
    }
    match status.and_then(|s| s.code()) {
        Some(code) => format!("exit status {code}"),
        None => "unknown".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_days() {
        let cases = [
            (0, (1970, 1, 1)),
            (11_016, (2000, 2, 29)),
            (20_417, (2025, 11, 25)),
            (20_782, (2026, 11, 25)),
        ];
        for (days, want) in cases {
            assert_eq!(civil_from_days(days), want, "{days}");
        }
    }
}
