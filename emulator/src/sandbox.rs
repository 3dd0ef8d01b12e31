//! A function process behind the emulator, supervised the way Lambda does it: started on
//! demand (a cold start), killed on timeout or when its memory exceeds the configured size,
//! restarted (a new init) after any of that or a crash, and measured for `REPORT` lines
//! (written by [`logs`](crate::logs)).

use std::io;
use std::process::ExitStatus;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::invocation::{Invocation, Outcome, Pending, WaitError};
use crate::logs::{Report, log, platform_line, timed_out_line};
use crate::process::{Function, FunctionSpec};
use crate::server::{self, Emulator};
use crate::stream::Chunk;

/// How often the supervisor looks at the process (exit, memory).
const TICK: Duration = Duration::from_millis(5);
/// Lambda's shutdown phase when only internal extensions are registered.
const SHUTDOWN_LIMIT: Duration = Duration::from_millis(500);
/// Lambda's limit for the init phase of an on-demand function.
const INIT_LIMIT: Duration = Duration::from_secs(10);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum KillReason {
    Timeout,
    OutOfMemory,
    InitTimeout,
}

#[derive(Default)]
struct Control {
    function: Option<Function>,
    /// Init Duration not yet reported for the current process.
    init_pending: bool,
    /// VmHWM of the current (or last) process, KiB.
    peak_kib: u64,
    killed: Option<KillReason>,
}

struct Inner {
    emu: Emulator,
    spec: FunctionSpec,
    control: Mutex<Control>,
    stop: AtomicBool,
}

/// The emulator plus a supervised function process.
pub struct Sandbox {
    inner: Arc<Inner>,
    monitor: Option<JoinHandle<()>>,
}

impl Sandbox {
    /// Starts the Runtime API server and the supervisor; the function starts on the first
    /// invocation, as a cold start does.
    pub fn start(spec: FunctionSpec, config: server::Config) -> io::Result<Self> {
        let inner = Arc::new(Inner {
            emu: Emulator::start(config)?,
            spec,
            control: Mutex::new(Control::default()),
            stop: AtomicBool::new(false),
        });
        let watcher = Arc::clone(&inner);
        let monitor = thread::Builder::new()
            .name("sandbox-monitor".into())
            .spawn(move || {
                while !watcher.stop.load(Ordering::Relaxed) {
                    watcher.tick();
                    thread::park_timeout(TICK);
                }
            })?;
        Ok(Self {
            inner,
            monitor: Some(monitor),
        })
    }

    /// The Runtime API server.
    pub fn emulator(&self) -> &Emulator {
        &self.inner.emu
    }

    /// Invokes the function and waits for the outcome (at most the function timeout after
    /// delivery; a cold start adds its init). A streamed response is collected whole.
    pub fn invoke(&self, inv: Invocation) -> Report {
        self.run(inv, None)
    }

    /// Invokes the function and hands each chunk of a streamed response to `forward` as it
    /// arrives (with the invocation, whose [`Pending::streamed`] has the response's headers).
    /// The bytes are not kept: the report's outcome has an empty body for a streamed response.
    /// Once `forward` fails (the client went away) the rest of the stream is dropped.
    pub fn invoke_streaming(
        &self,
        inv: Invocation,
        mut forward: impl FnMut(&Pending, Chunk) -> io::Result<()>,
    ) -> Report {
        self.run(inv, Some(&mut forward))
    }

    #[allow(clippy::type_complexity)]
    fn run(
        &self,
        inv: Invocation,
        mut forward: Option<&mut dyn FnMut(&Pending, Chunk) -> io::Result<()>>,
    ) -> Report {
        let inner = &self.inner;
        let pending = inner.emu.invoke(inv);
        inner.tick();
        while let Some(sink) = forward.as_mut() {
            match pending.next_chunk(Duration::from_secs(60)) {
                Ok(Some(chunk)) => {
                    if sink(&pending, chunk).is_err() {
                        forward = None;
                        // Keep taking chunks so the function is not held up; drop them.
                        while let Ok(Some(_)) | Err(WaitError::Elapsed) =
                            pending.next_chunk(Duration::from_secs(60))
                        {}
                    }
                }
                Ok(None) => break,
                Err(WaitError::Elapsed) => {}
                Err(_) => break,
            }
        }
        let outcome = loop {
            match pending.wait(Duration::from_secs(60)) {
                Ok(outcome) => break outcome,
                Err(WaitError::Elapsed) => {}
                Err(e) => {
                    let body = server::error_json("Runtime.Unknown", &e.to_string()).into_bytes();
                    break Outcome::Error {
                        error_type: "Runtime.Unknown".into(),
                        body,
                        headers: Vec::new(),
                    };
                }
            }
        };
        let mut guard = inner.lock();
        let control = &mut *guard;
        if outcome == Outcome::TimedOut {
            // Lambda tears the sandbox down on a timeout; the next invocation starts afresh.
            log(&timed_out_line(
                pending.request_id(),
                inner.emu.config().timeout,
            ));
            if let Some(f) = control.function.as_mut() {
                control.killed = Some(KillReason::Timeout);
                f.kill();
            }
        }
        if let Some(peak) = control
            .function
            .as_ref()
            .and_then(Function::memory_kib)
            .map(|m| m.peak)
        {
            control.peak_kib = control.peak_kib.max(peak);
        }
        let started = control.function.as_ref().map(|f| f.started);
        let init_duration = match (control.init_pending, started, inner.emu.first_next()) {
            (true, Some(started), Some(first)) => {
                control.init_pending = false;
                Some(first.saturating_duration_since(started))
            }
            _ => None,
        };
        let duration = pending.timing().map(|t| t.duration()).unwrap_or_default();
        Report {
            request_id: pending.request_id().to_owned(),
            outcome,
            duration,
            init_duration,
            memory_mb: inner.spec.memory_mb,
            max_memory_used_mb: control.peak_kib.div_ceil(1024),
            timeout: inner.emu.config().timeout,
            stream: pending.streamed(),
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.inner.stop.store(true, Ordering::Relaxed);
        if let Some(monitor) = self.monitor.take() {
            monitor.thread().unpark();
            let _ = monitor.join();
        }
        if let Some(mut f) = self.inner.lock().function.take() {
            self.inner.shutdown_phase(&mut f);
            f.kill();
        }
        self.inner.emu.shutdown();
    }
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, Control> {
        self.control.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Lambda's shutdown phase: with an extension registered, SIGTERM and up to 500 ms (internal
    /// extensions only) before SIGKILL; without, straight to SIGKILL.
    fn shutdown_phase(&self, function: &mut Function) {
        if self.emu.extensions() == 0 || function.try_wait().is_some() {
            return;
        }
        self.emu.begin_shutdown();
        if function.terminate().is_err() {
            return;
        }
        let until = Instant::now() + SHUTDOWN_LIMIT;
        while function.try_wait().is_none() && Instant::now() < until {
            thread::sleep(TICK);
        }
    }

    /// One look at the process: start it when work waits, notice its end, police its memory.
    fn tick(&self) {
        let mut control = self.lock();
        let Some(function) = control.function.as_mut() else {
            if self.emu.queued() > 0 {
                self.spawn(&mut control);
            }
            return;
        };
        if let Some(status) = function.try_wait() {
            self.ended(&mut control, Some(status));
            return;
        }
        let memory = function.memory_kib();
        let limit_kib = u64::from(self.spec.memory_mb) * 1024;
        let reason = if memory.is_some_and(|m| m.rss > limit_kib) {
            Some(KillReason::OutOfMemory)
        } else if self.emu.first_next().is_none() && function.started.elapsed() > INIT_LIMIT {
            Some(KillReason::InitTimeout)
        } else {
            None
        };
        let peak = memory.map(|m| m.peak).unwrap_or_default();
        control.peak_kib = control.peak_kib.max(peak);
        if let Some(reason) = reason {
            control.killed = Some(reason);
            let status = control.function.as_mut().and_then(Function::kill);
            self.ended(&mut control, status);
        }
    }

    fn spawn(&self, control: &mut Control) {
        self.emu.begin_init();
        let config = self.emu.config();
        match Function::spawn(
            &self.spec,
            &self.emu.runtime_api(),
            &config.function_name,
            &config.region,
        ) {
            Ok(f) => {
                *control = Control {
                    function: Some(f),
                    init_pending: true,
                    ..Control::default()
                };
            }
            Err(e) => self.emu.end_queued(|id| {
                error(
                    "Runtime.InvalidEntrypoint",
                    &format!("RequestId: {id} Error: {e}"),
                )
            }),
        }
    }

    /// The process ended: whatever it was doing fails as Lambda reports it.
    fn ended(&self, control: &mut Control, status: Option<ExitStatus>) {
        let killed = control.killed.take();
        let (error_type, why) = match killed {
            Some(KillReason::OutOfMemory) => (
                "Runtime.OutOfMemory",
                "Runtime exited with error: signal: killed".to_owned(),
            ),
            Some(KillReason::InitTimeout) => ("Runtime.Unknown", "Init timed out".to_owned()),
            Some(KillReason::Timeout) | None => (
                "Runtime.ExitError",
                format!("Runtime exited with error: {}", describe(status)),
            ),
        };
        if self.emu.first_next().is_none() {
            // Init failed: the invocations that waited for it get its error.
            let report = self.emu.init_error();
            self.emu.end_queued(|id| match &report {
                Some(r) => Outcome::Error {
                    error_type: if r.error_type.is_empty() {
                        error_type.into()
                    } else {
                        r.error_type.clone()
                    },
                    body: r.body.clone(),
                    headers: Vec::new(),
                },
                None => error(error_type, &format!("RequestId: {id} Error: {why}")),
            });
        }
        self.emu
            .end_running(|id| error(error_type, &format!("RequestId: {id} Error: {why}")));
        let unexpected = killed.is_some() || status.is_some_and(|s| !s.success());
        if killed != Some(KillReason::Timeout) && unexpected {
            log(&platform_line(&why));
        }
        control.function = None;
    }
}

fn error(error_type: &str, message: &str) -> Outcome {
    Outcome::Error {
        error_type: error_type.into(),
        body: server::error_json(error_type, message).into_bytes(),
        headers: Vec::new(),
    }
}

/// `exit status: 1` / `signal: killed`, as Lambda words it.
fn describe(status: Option<ExitStatus>) -> String {
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
