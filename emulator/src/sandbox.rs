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

use crate::external::{self, Externals};
use crate::invocation::Timing;
use crate::invocation::{Invocation, Outcome, Pending, WaitError};
use crate::logs::{Report, log, platform_line, timed_out_line};
use crate::process::{Function, FunctionSpec, describe};
use crate::server::{self, Emulator};
use crate::stream::Chunk;

/// How often the supervisor looks at the process (exit, memory).
const TICK: Duration = Duration::from_millis(5);
/// Lambda's shutdown phase when only internal extensions are registered.
const SHUTDOWN_LIMIT: Duration = Duration::from_millis(500);
/// Lambda's shutdown phase when an external extension is registered.
const SHUTDOWN_LIMIT_EXTERNAL: Duration = Duration::from_millis(2000);
/// Lambda's limit for the init phase of an on-demand function.
const INIT_LIMIT: Duration = Duration::from_secs(10);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum KillReason {
    Timeout,
    OutOfMemory,
    InitTimeout,
    /// An extension crashed or reported an init error, or the restore failed:
    /// [`Control::failure`] says which.
    Extension,
}

#[derive(Default)]
struct Control {
    function: Option<Function>,
    /// Init Duration not yet reported for the current process.
    init_pending: bool,
    /// VmHWM of the current (or last) process, KiB.
    peak_kib: u64,
    killed: Option<KillReason>,
    /// The external extensions of this process's init.
    externals: Externals,
    /// When this init began (its extensions started first).
    init_started: Option<Instant>,
    /// Error type and message of an extension's failure.
    failure: Option<(String, String)>,
    /// Extension init: the external extensions run, the runtime starts once they registered.
    starting: bool,
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
        if let Some(dir) = &spec.extensions {
            external::discover(dir)?;
        }
        let snapstart = spec.snapstart;
        let inner = Arc::new(Inner {
            emu: Emulator::start(config)?,
            spec,
            control: Mutex::new(Control::default()),
            stop: AtomicBool::new(false),
        });
        inner.emu.set_snapstart(snapstart);
        let init_type = if snapstart {
            "snap-start"
        } else if inner.spec.concurrency.is_some() {
            "lambda-managed-instances"
        } else {
            "on-demand"
        };
        let _ = inner.emu.telemetry().init_type.set(init_type);
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

    /// The process id of the function's runtime while one runs: for tools that watch it
    /// (open files, threads) or fault it (signals).
    pub fn function_pid(&self) -> Option<u32> {
        self.inner.lock().function.as_ref().map(Function::id)
    }

    /// Invokes the function and waits for the outcome (at most the function timeout after
    /// delivery; a cold start adds its init). A streamed response is collected whole.
    ///
    /// The report comes once the extensions that got the INVOKE are done too (REPORT's
    /// Duration includes their time); use [`invoke_answering`](Self::invoke_answering) to
    /// have the response as soon as the runtime gives it.
    pub fn invoke(&self, inv: Invocation) -> Report {
        self.run(inv, None, None)
    }

    /// Invokes the function and hands each chunk of a streamed response to `forward` as it
    /// arrives (with the invocation, whose [`Pending::streamed`] has the response's headers).
    /// The bytes are not kept: the report's outcome has an empty body for a streamed response.
    /// Once `forward` fails (the client went away) the rest of the stream is dropped.
    pub fn invoke_streaming(
        &self,
        inv: Invocation,
        forward: impl FnMut(&Pending, Chunk) -> io::Result<()>,
    ) -> Report {
        self.invoke_answering(inv, forward, |_| {})
    }

    /// As [`invoke_streaming`](Self::invoke_streaming), and hands `answered` the invocation's
    /// report as soon as the runtime has responded, as Lambda answers its caller then: the
    /// returned report comes once the extensions are done with the invocation too, with
    /// their time in its Duration (and `Outcome::TimedOut` when they ran past the timeout).
    pub fn invoke_answering(
        &self,
        inv: Invocation,
        mut forward: impl FnMut(&Pending, Chunk) -> io::Result<()>,
        answered: impl FnOnce(&Report),
    ) -> Report {
        let mut answered = Some(answered);
        self.run(
            inv,
            Some(&mut forward),
            Some(&mut |report: &Report| {
                if let Some(answer) = answered.take() {
                    answer(report);
                }
            }),
        )
    }

    #[allow(clippy::type_complexity)]
    fn run(
        &self,
        inv: Invocation,
        mut forward: Option<&mut dyn FnMut(&Pending, Chunk) -> io::Result<()>>,
        answered: Option<&mut dyn FnMut(&Report)>,
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
        let timing = pending.timing();
        let mut report = self.report(&pending, outcome, timing);
        if let Some(answer) = answered {
            answer(&report);
        }
        // The invocation ends when the extensions that got its INVOKE are done too: Lambda
        // bills that time and reports it in REPORT's Duration (runtimeDone has the runtime's).
        if let Some(t) = timing.filter(|_| report.outcome != Outcome::TimedOut) {
            match inner
                .emu
                .extensions_done(t.delivered + inner.emu.config().timeout)
            {
                Ok(Some(done)) => {
                    report.duration = done.max(t.ended).saturating_duration_since(t.delivered);
                }
                Err(WaitError::Elapsed) => {
                    // An extension ran past the timeout: Lambda reports the invocation as
                    // timed out (the caller already has its response) and resets the sandbox.
                    report.duration = inner.emu.config().timeout;
                    report.outcome = Outcome::TimedOut;
                    self.timed_out(pending.request_id());
                }
                Ok(None) | Err(_) => {}
            }
        }
        crate::telemetry::invocation_records(inner.emu.telemetry(), &report, timing);
        report
    }

    /// Lambda tears the sandbox down on a timeout; the next invocation starts afresh.
    fn timed_out(&self, request_id: &str) {
        let inner = &self.inner;
        log(&timed_out_line(request_id, inner.emu.config().timeout));
        let mut guard = inner.lock();
        let control = &mut *guard;
        if let Some(f) = control.function.as_mut() {
            control.killed = Some(KillReason::Timeout);
            f.kill();
        }
    }

    /// The report as the caller sees it once the runtime has responded.
    fn report(&self, pending: &Pending, outcome: Outcome, timing: Option<Timing>) -> Report {
        let inner = &self.inner;
        if outcome == Outcome::TimedOut {
            self.timed_out(pending.request_id());
        }
        let mut guard = inner.lock();
        let control = &mut *guard;
        if let Some(peak) = control
            .function
            .as_ref()
            .and_then(Function::memory_kib)
            .map(|m| m.peak)
        {
            control.peak_kib = control.peak_kib.max(peak);
        }
        let mut init_duration = match (
            control.init_pending,
            control.init_started,
            inner.emu.first_next(),
        ) {
            (true, Some(started), Some(first)) => {
                control.init_pending = false;
                Some(first.saturating_duration_since(started))
            }
            _ => None,
        };
        // SnapStart: the init happened at publication (Lambda bills and reports it apart); this
        // first invocation reports the restore instead.
        let mut restore_duration = None;
        if let (true, Some(snapshot), Some(_)) =
            (inner.spec.snapstart, inner.emu.snapshot(), init_duration)
        {
            init_duration = None;
            restore_duration = inner
                .emu
                .first_next()
                .map(|first| first.saturating_duration_since(snapshot));
        }
        Report {
            request_id: pending.request_id().to_owned(),
            outcome,
            duration: timing.map_or(Duration::ZERO, |t| {
                t.ended.saturating_duration_since(t.delivered)
            }),
            init_duration,
            restore_duration,
            memory_mb: inner.spec.memory_mb,
            max_memory_used_mb: control.peak_kib.div_ceil(1024),
            max_memory_used_kib: control.peak_kib,
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
        // Subscribers get their last records before SHUTDOWN.
        self.inner.emu.telemetry().clear();
        let mut control = self.inner.lock();
        if let Some(mut f) = control.function.take() {
            self.inner.shutdown_phase(&mut f, &mut control.externals);
            f.kill();
        }
        control.externals.kill();
        drop(control);
        self.inner.emu.shutdown();
    }
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, Control> {
        self.control.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Lambda's shutdown phase: with an extension registered, SIGTERM to the runtime and
    /// SHUTDOWN to the extensions that subscribed, then up to 500 ms (internal extensions only)
    /// or 2 s (an external one) for every process to exit (or, for an external extension, to
    /// call next again) before SIGKILL; without, straight to SIGKILL.
    fn shutdown_phase(&self, function: &mut Function, externals: &mut Externals) {
        let registered = self.emu.registered();
        if registered.external + registered.internal == 0 {
            return;
        }
        let limit = if registered.external > 0 {
            SHUTDOWN_LIMIT_EXTERNAL
        } else {
            SHUTDOWN_LIMIT
        };
        let until = Instant::now() + limit;
        if function.try_wait().is_none() {
            let _ = function.terminate();
        }
        self.emu.begin_shutdown(limit);
        while function.try_wait().is_none() && Instant::now() < until {
            thread::sleep(TICK);
        }
        externals.wait_until(until, || self.emu.parked());
    }

    /// One look at the process: start it when work waits, notice its end, police its memory.
    fn tick(&self) {
        let mut guard = self.lock();
        let control = &mut *guard;
        if control.starting {
            self.extension_init(control);
            return;
        }
        let Some(function) = control.function.as_mut() else {
            if self.emu.queued() > 0 {
                self.spawn(control);
            }
            return;
        };
        if let Some(status) = function.try_wait() {
            self.ended(control, Some(status));
            return;
        }
        let failure = self.failure(control);
        let Some(function) = control.function.as_ref() else {
            return;
        };
        if let Some(failure) = failure {
            // Lambda resets the whole sandbox when an extension or a restore fails.
            control.failure = Some(failure);
            control.killed = Some(KillReason::Extension);
            let status = control.function.as_mut().and_then(Function::kill);
            self.ended(control, status);
            return;
        }
        let memory = function.memory_kib();
        // Lambda's memory size is the whole sandbox's: extensions count.
        let extensions_kib = control.externals.rss_kib();
        let limit_kib = u64::from(self.spec.memory_mb) * 1024;
        let reason = if memory.is_some_and(|m| m.rss + extensions_kib > limit_kib) {
            Some(KillReason::OutOfMemory)
        } else if self.emu.first_next().is_none()
            && control.init_started.unwrap_or(function.started).elapsed() > INIT_LIMIT
        {
            Some(KillReason::InitTimeout)
        } else {
            None
        };
        let peak = memory.map_or(0, |m| m.peak.max(m.rss + extensions_kib));
        control.peak_kib = control.peak_kib.max(peak);
        if let Some(reason) = reason {
            control.killed = Some(reason);
            let status = control.function.as_mut().and_then(Function::kill);
            self.ended(control, status);
        }
    }

    /// An extension's crash or init error, or a failed restore: error type and message.
    fn failure(&self, control: &mut Control) -> Option<(String, String)> {
        let restore = self.emu.restore_error().map(|report| {
            let body = String::from_utf8_lossy(&report.body).trim().to_owned();
            (report.error_type, format!("restore failed: {body}"))
        });
        match (control.externals.exited(), self.emu.extension_init_error()) {
            _ if restore.is_some() => restore,
            (Some((name, status)), _) => Some((
                "Extension.Crash".to_owned(),
                format!("extension {name} exited: {}", describe(Some(status))),
            )),
            (None, Some(report)) => Some((
                report.error_type,
                "an extension reported an init error".to_owned(),
            )),
            (None, None) => None,
        }
    }

    /// Extension init, as Lambda runs it: the runtime starts once every external extension
    /// has registered; a crash, an init error or the init limit fails the init first.
    fn extension_init(&self, control: &mut Control) {
        let failure = self.failure(control);
        let late = control
            .init_started
            .is_some_and(|started| started.elapsed() > INIT_LIMIT);
        if failure.is_some() || late {
            control.starting = false;
            control.killed = Some(if failure.is_some() {
                KillReason::Extension
            } else {
                KillReason::InitTimeout
            });
            control.failure = failure;
            self.ended(control, None);
        } else if self.emu.extensions_registered() {
            control.starting = false;
            self.start_runtime(control);
        }
    }

    fn spawn(&self, control: &mut Control) {
        let config = self.emu.config();
        let api = self.emu.runtime_api();
        let found = match self.spec.extensions.as_deref().map(external::discover) {
            Some(Ok(found)) => found,
            Some(Err(e)) => {
                let message = e.to_string();
                self.emu.end_queued(|id| {
                    error(
                        "Extension.LaunchError",
                        &format!("RequestId: {id} Error: {message}"),
                    )
                });
                return;
            }
            None => Vec::new(),
        };
        let names = found.iter().map(|(n, _)| n.clone()).collect();
        self.emu
            .begin_init_with_extensions(names, self.spec.concurrency.is_some());
        let json_logs = self
            .spec
            .env
            .iter()
            .any(|(k, v)| k == "AWS_LAMBDA_LOG_FORMAT" && v.eq_ignore_ascii_case("JSON"));
        let init_started = Instant::now();
        let (mut externals, failed) = Externals::start(
            &found,
            &self.spec,
            &api,
            &config.function_name,
            &config.region,
            &self.emu.line_sink("extension", json_logs),
        );
        if let Some((name, e)) = failed {
            externals.kill();
            let message = format!("extension {name}: {e}");
            log(&platform_line(&message));
            self.emu.end_queued(|id| {
                error(
                    "Extension.LaunchError",
                    &format!("RequestId: {id} Error: {message}"),
                )
            });
            return;
        }
        *control = Control {
            externals,
            init_started: Some(init_started),
            starting: true,
            ..Control::default()
        };
        // Without external extensions there is nothing to wait for.
        self.extension_init(control);
    }

    /// Runtime init: the function's process starts.
    fn start_runtime(&self, control: &mut Control) {
        let config = self.emu.config();
        let api = self.emu.runtime_api();
        let json_logs = self
            .spec
            .env
            .iter()
            .any(|(k, v)| k == "AWS_LAMBDA_LOG_FORMAT" && v.eq_ignore_ascii_case("JSON"));
        // With extensions, the function's output also feeds the Telemetry API (without, it
        // goes straight to our stderr, in order with the platform's lines).
        let lines = self
            .spec
            .extensions
            .is_some()
            .then(|| self.emu.line_sink("function", json_logs));
        match Function::spawn_with(
            &self.spec,
            &api,
            &config.function_name,
            &config.region,
            lines,
        ) {
            Ok(f) => {
                control.function = Some(f);
                control.init_pending = true;
            }
            Err(e) => {
                control.externals.kill();
                self.emu.end_queued(|id| {
                    error(
                        "Runtime.InvalidEntrypoint",
                        &format!("RequestId: {id} Error: {e}"),
                    )
                });
                self.emu.reset_extensions();
            }
        }
    }

    /// The process ended: whatever it was doing fails as Lambda reports it.
    fn ended(&self, control: &mut Control, status: Option<ExitStatus>) {
        let killed = control.killed.take();
        // The extensions go with the runtime: the next init starts them afresh.
        control.externals.kill();
        let failure = control.failure.take();
        let (error_type, why) = match (killed, &failure) {
            (Some(KillReason::Extension), Some((error_type, why))) => {
                (error_type.as_str(), why.clone())
            }
            (Some(KillReason::OutOfMemory), _) => (
                "Runtime.OutOfMemory",
                "Runtime exited with error: signal: killed".to_owned(),
            ),
            (Some(KillReason::InitTimeout), _) => ("Runtime.Unknown", "Init timed out".to_owned()),
            _ => (
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
        // The extensions died with the sandbox: nothing waits for them any more.
        self.emu.reset_extensions();
    }
}

fn error(error_type: &str, message: &str) -> Outcome {
    Outcome::Error {
        error_type: error_type.into(),
        body: server::error_json(error_type, message).into_bytes(),
        headers: Vec::new(),
    }
}
