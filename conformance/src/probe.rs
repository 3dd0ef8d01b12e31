//! The handler every case drives, and a rig that serves it on a transport against an emulator.

use std::thread;
use std::time::{Duration, Instant};

use async_io::Timer;
use lambkin_core::driver::Stop;
use lambkin_core::{Config, Context, Failure, Handler, session};
use lambkin_emulator::{Emulator, Fault, Invocation, Outcome};
use lambkin_host::{RunError, Runtime};
use serde_json::{Value, json};

use crate::Transport;

/// How long any one wait may take before the case fails (never reached when things work).
pub const WAIT: Duration = Duration::from_secs(30);

#[derive(serde::Deserialize)]
/// `{"firstName": …}`.
pub struct Request<'a> {
    #[serde(rename = "firstName", borrow)]
    first_name: Option<&'a str>,
}

/// Greets; `"panic"` panics, `"fail"` returns an error, `"slow"` awaits 300 ms, `"hang"`
/// awaits a minute, `"ctx"` answers with its context. Awaiting uses async-io's timer, which
/// runs under every transport's executor (the blocking one included).
pub struct Probe;

impl Handler for Probe {
    type Event<'a> = Request<'a>;
    type Output<'a> = Value;
    type Error = Failure<&'static str>;

    async fn call<'a>(
        &'a self,
        req: Request<'a>,
        ctx: &'a Context<'a>,
    ) -> Result<Value, Self::Error> {
        match req.first_name {
            Some("panic") => panic!("the handler panicked on purpose"),
            Some("fail") => Err(Failure::new("Function.Failed", "asked to fail")),
            Some("slow") => {
                Timer::after(Duration::from_millis(300)).await;
                Ok(json!({ "message": "slow" }))
            }
            Some("hang") => {
                Timer::after(Duration::from_secs(60)).await;
                Ok(json!({ "message": "too late" }))
            }
            Some("ctx") => Ok(context_json(ctx)),
            name => Ok(json!({ "message": format!("Hello, {}!", name.unwrap_or("world")) })),
        }
    }
}

fn context_json(ctx: &Context<'_>) -> Value {
    let mut buf = [0u8; 1024];
    let client = ctx
        .client_context(&mut buf)
        .and_then(Result::ok)
        .and_then(|c| c.client)
        .and_then(|a| a.app_title)
        .map(String::from);
    let mut buf = [0u8; 1024];
    let cognito = ctx
        .cognito_identity(&mut buf)
        .and_then(Result::ok)
        .and_then(|c| c.identity_pool_id)
        .map(String::from);
    json!({
        "requestId": ctx.request_id,
        "arn": ctx.invoked_function_arn,
        "trace": ctx.trace_id,
        "tenant": ctx.tenant_id,
        "hasDeadline": ctx.deadline.is_some(),
        "app": client,
        "pool": cognito,
        "function": ctx.config.function_name,
    })
}

/// An emulator and a runtime serving against it on another thread.
pub struct Rig {
    /// The Runtime API the runtime talks to.
    pub emu: Emulator,
    runtime: Option<thread::JoinHandle<RunError>>,
}

/// The configuration a runtime gets for `emu`, as Lambda's environment would give it.
pub fn config(emu: &Emulator, concurrency: u16) -> Config<'static> {
    let api: &'static str = Box::leak(emu.runtime_api().into_boxed_str());
    let conc: &'static str = Box::leak(concurrency.to_string().into_boxed_str());
    let env = [
        ("AWS_LAMBDA_RUNTIME_API", api),
        ("AWS_LAMBDA_MAX_CONCURRENCY", conc),
        ("AWS_LAMBDA_FUNCTION_NAME", "probe"),
    ];
    Config::from_lookup(|k| env.iter().find(|(n, _)| *n == k).map(|(_, v)| *v)).unwrap()
}

impl Rig {
    /// `Probe` served on transport `T` with `concurrency` workers; Lambda's timeout `timeout`.
    pub fn start<T: Transport>(concurrency: u16, timeout: Duration) -> Self {
        Self::with(concurrency, timeout, |rt| T::serve(rt, &Probe))
    }

    /// A runtime started by `serve` (init, deadlines, other handlers).
    pub fn with(
        concurrency: u16,
        timeout: Duration,
        serve: impl FnOnce(&Runtime) -> RunError + Send + 'static,
    ) -> Self {
        let emu = Emulator::start(lambkin_emulator::Config {
            timeout,
            ..Default::default()
        })
        .unwrap();
        let config = config(&emu, concurrency);
        let runtime = thread::spawn(move || serve(&Runtime::new(config)));
        Self {
            emu,
            runtime: Some(runtime),
        }
    }

    /// Invokes and waits for the outcome.
    pub fn invoke(&self, inv: Invocation) -> Outcome {
        self.emu
            .invoke(inv)
            .wait(WAIT)
            .expect("invocation finished")
    }

    /// The response to `{"firstName": name}`.
    pub fn hello(&self, name: &str) -> Value {
        self.response(Invocation::new(json!({ "firstName": name }).to_string()))
    }

    /// The response JSON; fails on anything else.
    pub fn response(&self, inv: Invocation) -> Value {
        match self.invoke(inv) {
            Outcome::Response { body, .. } => serde_json::from_slice(&body).unwrap(),
            other => panic!("expected a response, got {other:?}"),
        }
    }

    /// The error type and body; fails on anything else.
    pub fn error(&self, inv: Invocation) -> (String, Value) {
        match self.invoke(inv) {
            Outcome::Error {
                error_type, body, ..
            } => (error_type, serde_json::from_slice(&body).unwrap()),
            other => panic!("expected an error, got {other:?}"),
        }
    }

    /// Waits until `n` `/next` polls are open at once.
    pub fn wait_for_polls(&self, n: usize) {
        let deadline = Instant::now() + WAIT;
        while self.emu.open_next_polls() < n {
            let open = self.emu.open_next_polls();
            assert!(Instant::now() < deadline, "only {open} polls open");
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// Ends the runtime with a 500 on `/next`, checks that is why it stopped.
    pub fn stop(mut self) {
        let fault = Fault {
            next_status: Some(500),
            ..Default::default()
        };
        let _ = self.emu.invoke(with_fault("{}", fault));
        let stop = self.join();
        assert!(
            matches!(
                stop,
                RunError::Stopped(Stop::Session(session::Error::Status { status: 500, .. }))
            ),
            "{stop:?}"
        );
    }

    /// Waits for the runtime to stop by itself.
    pub fn join(&mut self) -> RunError {
        self.runtime.take().unwrap().join().unwrap()
    }
}

/// An invocation of `body` with `fault` injected.
pub fn with_fault(body: &str, fault: Fault) -> Invocation {
    Invocation {
        fault,
        ..Invocation::new(body)
    }
}
