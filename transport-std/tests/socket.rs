//! lambkin-std over real sockets against the emulator's Runtime API.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

use std::thread;
use std::time::Duration;

use lambkin_core::diagnostic::error_type;
use lambkin_core::driver::Stop;
use lambkin_core::{Config, Context, Failure, Handler, session};
use lambkin_emulator::{Emulator, Fault, Invocation, Outcome};
use lambkin_std::{RunError, Runtime};
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(30);

#[derive(serde::Deserialize)]
struct Request<'a> {
    #[serde(rename = "firstName", borrow)]
    first_name: Option<&'a str>,
}

/// Greets; `"panic"` panics, `"fail"` returns an error, `"ctx"` answers with its context.
struct Probe;

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
                thread::sleep(Duration::from_millis(300));
                Ok(json!({ "message": "slow" }))
            }
            Some("ctx") => {
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
                Ok(json!({
                    "requestId": ctx.request_id,
                    "arn": ctx.invoked_function_arn,
                    "trace": ctx.trace_id,
                    "tenant": ctx.tenant_id,
                    "hasDeadline": ctx.deadline.is_some(),
                    "app": client,
                    "pool": cognito,
                    "function": ctx.config.function_name,
                }))
            }
            name => Ok(json!({ "message": format!("Hello, {}!", name.unwrap_or("world")) })),
        }
    }
}

/// An emulator and a lambkin-std runtime serving `Probe` against it on another thread.
struct Rig {
    emu: Emulator,
    runtime: Option<thread::JoinHandle<RunError>>,
}

fn rig(concurrency: u16, timeout: Duration) -> Rig {
    let emu = Emulator::start(lambkin_emulator::Config {
        timeout,
        ..Default::default()
    })
    .unwrap();
    let api: &'static str = Box::leak(emu.runtime_api().into_boxed_str());
    let conc: &'static str = Box::leak(concurrency.to_string().into_boxed_str());
    let env = [
        ("AWS_LAMBDA_RUNTIME_API", api),
        ("AWS_LAMBDA_MAX_CONCURRENCY", conc),
        ("AWS_LAMBDA_FUNCTION_NAME", "probe"),
    ];
    let config =
        Config::from_lookup(|k| env.iter().find(|(n, _)| *n == k).map(|(_, v)| *v)).unwrap();
    let runtime = thread::spawn(move || Runtime::new(config).serve(&Probe));
    Rig {
        emu,
        runtime: Some(runtime),
    }
}

impl Rig {
    fn invoke(&self, inv: Invocation) -> Outcome {
        self.emu
            .invoke(inv)
            .wait(WAIT)
            .expect("invocation finished")
    }

    fn hello(&self, name: &str) -> Value {
        self.response(Invocation::new(json!({ "firstName": name }).to_string()))
    }

    fn response(&self, inv: Invocation) -> Value {
        match self.invoke(inv) {
            Outcome::Response { body, .. } => serde_json::from_slice(&body).unwrap(),
            other => panic!("expected a response, got {other:?}"),
        }
    }

    fn error(&self, inv: Invocation) -> (String, Value) {
        match self.invoke(inv) {
            Outcome::Error {
                error_type, body, ..
            } => (error_type, serde_json::from_slice(&body).unwrap()),
            other => panic!("expected an error, got {other:?}"),
        }
    }

    /// Ends the runtime with a 500 on `/next` and returns why it stopped.
    fn stop(mut self) -> RunError {
        let fault = Fault {
            next_status: Some(500),
            ..Default::default()
        };
        let _ = self.emu.invoke(Invocation {
            fault,
            ..Invocation::new("{}")
        });
        self.runtime.take().unwrap().join().unwrap()
    }
}

fn with_fault(body: &str, fault: Fault) -> Invocation {
    Invocation {
        fault,
        ..Invocation::new(body)
    }
}

fn is_500_on_next(e: &RunError) -> bool {
    matches!(
        e,
        RunError::Stopped(Stop::Session(session::Error::Status { status: 500, .. }))
    )
}

#[test]
fn five_events_on_one_keep_alive_connection() {
    let rig = rig(1, WAIT);
    for i in 0..5 {
        assert_eq!(
            rig.hello(&format!("n{i}")),
            json!({ "message": format!("Hello, n{i}!") })
        );
    }
    let conns: Vec<usize> = rig.emu.requests().iter().map(|r| r.connection).collect();
    assert!(conns.len() >= 10, "{conns:?}");
    assert!(conns.iter().all(|c| *c == conns[0]), "{conns:?}");
    assert!(is_500_on_next(&rig.stop()));
}

#[test]
fn framing_variants() {
    let rig = rig(1, WAIT);
    let cases = [
        (
            "chunked",
            Fault {
                chunked: true,
                ..Default::default()
            },
        ),
        (
            "close",
            Fault {
                connection_close: true,
                ..Default::default()
            },
        ),
        (
            "upper",
            Fault {
                upper_case_headers: true,
                ..Default::default()
            },
        ),
        (
            "extra",
            Fault {
                extra_headers: 200,
                ..Default::default()
            },
        ),
        (
            "thousands",
            Fault {
                extra_headers: 5000,
                ..Default::default()
            },
        ),
        (
            "dribble",
            Fault {
                dribble: true,
                ..Default::default()
            },
        ),
        (
            "delay",
            Fault {
                delay_next: Some(Duration::from_millis(200)),
                ..Default::default()
            },
        ),
    ];
    for (name, fault) in cases {
        let got = rig.response(with_fault(&json!({ "firstName": name }).to_string(), fault));
        assert_eq!(
            got,
            json!({ "message": format!("Hello, {name}!") }),
            "{name}"
        );
    }
    assert_eq!(rig.hello("after"), json!({ "message": "Hello, after!" }));
    assert!(is_500_on_next(&rig.stop()));
}

#[test]
fn close_after_every_event_reconnects_each_time() {
    let rig = rig(1, WAIT);
    let close = Fault {
        connection_close: true,
        ..Default::default()
    };
    for i in 0..3 {
        rig.response(with_fault(
            &format!("{{\"firstName\":\"c{i}\"}}"),
            close.clone(),
        ));
    }
    let mut conns: Vec<usize> = rig.emu.requests().iter().map(|r| r.connection).collect();
    conns.dedup();
    assert!(conns.len() >= 3, "{conns:?}");
    assert!(is_500_on_next(&rig.stop()));
}

#[test]
fn large_event_and_escapes() {
    let rig = rig(1, WAIT);
    let name = "x".repeat(5_900_000);
    assert_eq!(
        rig.hello(&name)["message"].as_str().unwrap().len(),
        5_900_000 + 8
    );
    let tricky = "q\"uote\\ back\u{e9} \u{1F600} \n\t\u{1}";
    let body = json!({ "firstName": tricky }).to_string();
    // serde_json writes non-ASCII raw; spell the emoji as a surrogate-pair escape too.
    let escaped = body
        .replace('\u{1F600}', "\\ud83d\\ude00")
        .replace('\u{e9}', "\\u00e9");
    assert_eq!(
        rig.response(Invocation::new(escaped)),
        json!({ "message": format!("Hello, {tricky}!") })
    );
    assert!(is_500_on_next(&rig.stop()));
}

#[test]
fn bad_events_are_reported_and_the_next_works() {
    let rig = rig(1, Duration::from_secs(2));
    let (kind, doc) = rig.error(Invocation::new("{\"firstName\": \"trunc"));
    assert_eq!(kind, error_type::INVALID_EVENT);
    assert!(
        doc["errorMessage"].as_str().unwrap().contains("Request"),
        "{doc}"
    );
    assert_eq!(rig.hello("next"), json!({ "message": "Hello, next!" }));

    let (kind, _) = rig.error(Invocation::new("{\"firstName\": \"fail\"}"));
    assert_eq!(kind, "Function.Failed");

    let missing = rig.emu.invoke(with_fault(
        "{}",
        Fault {
            omit_request_id: true,
            ..Default::default()
        },
    ));
    assert!(matches!(missing.wait(WAIT), Ok(Outcome::TimedOut)));
    assert_eq!(rig.hello("still"), json!({ "message": "Hello, still!" }));

    let short = Fault {
        truncate_body_at: Some(5),
        ..Default::default()
    };
    let (kind, _) = rig.error(with_fault("{\"firstName\":\"short\"}", short));
    assert_eq!(kind, error_type::TRUNCATED_EVENT);
    assert_eq!(rig.hello("again"), json!({ "message": "Hello, again!" }));
    assert!(is_500_on_next(&rig.stop()));
}

#[test]
fn rejected_response_is_skipped() {
    let rig = rig(1, WAIT);
    let reject = Fault {
        response_status: Some(413),
        ..Default::default()
    };
    let _ = rig
        .emu
        .invoke(with_fault("{\"firstName\":\"big\"}", reject))
        .wait(WAIT);
    assert_eq!(rig.hello("after"), json!({ "message": "Hello, after!" }));
    assert!(is_500_on_next(&rig.stop()));
}

#[test]
fn context_reaches_the_handler() {
    let rig = rig(1, WAIT);
    let inv = Invocation {
        client_context: Some(
            r#"{"client":{"app_title":"snake_case_app"},"custom":{},"env":{}}"#.into(),
        ),
        cognito_identity: Some(
            r#"{"cognitoIdentityId":"id","cognitoIdentityPoolId":"pool"}"#.into(),
        ),
        tenant_id: Some("tenant-1".into()),
        invocation_id: Some("inv-1".into()),
        ..Invocation::new("{\"firstName\":\"ctx\"}")
    };
    let pending = rig.emu.invoke(inv);
    let id = pending.request_id().to_string();
    let Outcome::Response { body, .. } = pending.wait(WAIT).unwrap() else {
        panic!()
    };
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["requestId"], id.as_str());
    assert_eq!(v["app"], "snake_case_app");
    assert_eq!(v["pool"], "pool");
    assert_eq!(v["tenant"], "tenant-1");
    assert_eq!(v["function"], "probe");
    assert_eq!(v["hasDeadline"], true);
    assert!(v["arn"].as_str().unwrap().starts_with("arn:aws:lambda:"));
    let echoed = rig.emu.requests().into_iter().any(|r| {
        r.method == "POST"
            && r.headers.iter().any(|(k, v)| {
                k.eq_ignore_ascii_case("lambda-runtime-invocation-id") && v == "inv-1"
            })
    });
    assert!(echoed, "invocation id echoed on /response");
    assert!(is_500_on_next(&rig.stop()));
}

#[test]
fn panics_are_reported_and_the_loop_goes_on() {
    let rig = rig(1, WAIT);
    let (kind, doc) = rig.error(Invocation::new("{\"firstName\":\"panic\"}"));
    assert_eq!(kind, error_type::PANIC);
    assert!(
        doc["errorMessage"]
            .as_str()
            .unwrap()
            .contains("the handler panicked on purpose"),
        "{doc}"
    );
    assert_eq!(
        rig.hello("survivor"),
        json!({ "message": "Hello, survivor!" })
    );
    assert!(is_500_on_next(&rig.stop()));
}

#[test]
fn concurrency_four_polls_at_once() {
    let rig = rig(4, WAIT);
    let deadline = std::time::Instant::now() + WAIT;
    while rig.emu.open_next_polls() < 4 {
        assert!(
            std::time::Instant::now() < deadline,
            "only {} polls open",
            rig.emu.open_next_polls()
        );
        thread::sleep(Duration::from_millis(10));
    }
    // Four slow invocations at once finish on four connections.
    let pending: Vec<_> = (0..4)
        .map(|_| rig.emu.invoke(Invocation::new("{\"firstName\":\"slow\"}")))
        .collect();
    for p in pending {
        assert!(matches!(p.wait(WAIT), Ok(Outcome::Response { .. })));
    }
    let mut conns: Vec<usize> = rig.emu.requests().iter().map(|r| r.connection).collect();
    conns.sort_unstable();
    conns.dedup();
    assert_eq!(conns.len(), 4, "{conns:?}");
    // One 500 stops every worker.
    assert!(is_500_on_next(&rig.stop()));
}
