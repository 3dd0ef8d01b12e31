//! The emulator as users run it: the `lambkin-emulator` binary supervising a real function
//! process (a tiny Python Runtime API client that misbehaves on request).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod invoke_api;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

mod output;

use lambkin_emulator::{FunctionSpec, Outcome, Sandbox};
use output::{field, lines, payloads, reports};
use serde_json::{Value, json};

const FUNCTION: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/misbehave.py");

fn emulator(args: &[&str]) -> Output {
    let mut all = args.to_vec();
    all.extend(["--", "python3", FUNCTION]);
    Command::new(env!("CARGO_BIN_EXE_lambkin-emulator"))
        .args(all)
        .output()
        .unwrap()
}

#[test]
fn invoke_prints_responses_and_lambdas_lines() {
    let out = emulator(&[
        "invoke",
        "--event",
        r#"{"action":"echo","n":1}"#,
        "--repeat",
        "3",
        "--memory",
        "256",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(payloads(&out), vec![json!({"action":"echo","n":1}); 3]);
    let reports = reports(&out);
    assert_eq!(reports.len(), 3, "{reports:?}");
    let stderr = lines(&out.stderr);
    let id = reports[0].split(['\t', ' ']).nth(2).unwrap().to_owned();
    let order: Vec<usize> = [
        format!("START RequestId: {id} Version: $LATEST"),
        format!("END RequestId: {id}"),
    ]
    .iter()
    .map(|want| stderr.iter().position(|l| l == want).expect(want))
    .collect();
    assert!(order[0] < order[1]);
    // Cold start once, warm after: one process served all three.
    assert!(
        field(&reports[0], "Init Duration").unwrap() > 0.0,
        "{}",
        reports[0]
    );
    assert!(
        reports[1..]
            .iter()
            .all(|r| field(r, "Init Duration").is_none()),
        "{reports:?}"
    );
    for r in &reports {
        let duration = field(r, "Duration").unwrap();
        let billed = field(r, "Billed Duration").unwrap();
        assert!(billed >= duration.ceil() && billed >= 1.0, "{r}");
        assert_eq!(field(r, "Memory Size"), Some(256.0), "{r}");
        // A Python interpreter's real resident set: megabytes, far below the configured size.
        let used = field(r, "Max Memory Used").unwrap();
        assert!((2.0..100.0).contains(&used), "{r}");
    }
}

#[test]
fn function_sees_lambdas_environment() {
    let out = emulator(&[
        "invoke",
        "--event",
        r#"{"action":"env"}"#,
        "--function-name",
        "probe",
        "--env",
        "STAGE=test",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let env = &payloads(&out)[0];
    assert_eq!(env["AWS_LAMBDA_FUNCTION_NAME"], "probe");
    assert_eq!(env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"], "128");
    assert_eq!(env["AWS_LAMBDA_FUNCTION_VERSION"], "$LATEST");
    assert_eq!(env["AWS_LAMBDA_LOG_GROUP_NAME"], "/aws/lambda/probe");
    assert_eq!(env["AWS_LAMBDA_INITIALIZATION_TYPE"], "on-demand");
    assert_eq!(env["_HANDLER"], "bootstrap");
    assert_eq!(env["STAGE"], "test");
    assert!(
        env["AWS_LAMBDA_LOG_STREAM_NAME"]
            .as_str()
            .unwrap()
            .contains("/[$LATEST]")
    );
    assert!(
        env["AWS_LAMBDA_RUNTIME_API"]
            .as_str()
            .unwrap()
            .starts_with("127.0.0.1:")
    );
    assert!(env["AWS_REGION"].is_string() && env["LAMBDA_TASK_ROOT"].is_string());
    assert!(env.get("AWS_LAMBDA_MAX_CONCURRENCY").is_none());
}

#[test]
fn timeout_kills_and_the_next_invocation_starts_a_new_process() {
    let file = std::env::temp_dir().join(format!("lambkin-events-{}.jsonl", std::process::id()));
    std::fs::write(
        &file,
        "{\"action\":\"sleep\",\"secs\":5}\n{\"action\":\"echo\"}\n",
    )
    .unwrap();
    let out = emulator(&[
        "invoke",
        "--timeout",
        "0.5",
        "--event-file",
        file.to_str().unwrap(),
    ]);
    let _ = std::fs::remove_file(&file);
    assert_eq!(out.status.code(), Some(1), "an error exits non-zero");
    let got = payloads(&out);
    assert_eq!(got[0]["errorType"], "Sandbox.Timedout");
    assert!(
        got[0]["errorMessage"]
            .as_str()
            .unwrap()
            .ends_with("Task timed out after 0.50 seconds"),
        "{}",
        got[0]
    );
    assert_eq!(got[1], json!({"action":"echo"}));
    let reports = reports(&out);
    assert!(reports[0].ends_with("\tStatus: timeout"), "{}", reports[0]);
    assert!(
        (500.0..1500.0).contains(&field(&reports[0], "Duration").unwrap()),
        "{}",
        reports[0]
    );
    assert!(
        field(&reports[1], "Init Duration").is_some(),
        "restart is a new init: {}",
        reports[1]
    );
    assert!(
        lines(&out.stderr)
            .iter()
            .any(|l| l.ends_with("Task timed out after 0.50 seconds"))
    );
}

#[test]
fn crash_out_of_memory_and_errors_are_reported_as_lambda_does() {
    let events = [
        json!({"action":"exit","code":3}),
        json!({"action":"alloc","mb":200}),
        json!({"action":"fail"}),
        json!({"action":"big","mb":7}),
        json!({"action":"echo"}),
    ];
    let lines_in: Vec<String> = events.iter().map(Value::to_string).collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_lambkin-emulator"))
        .args(["invoke", "--memory", "96", "--", "python3", FUNCTION])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(lines_in.join("\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let got = payloads(&out);
    assert_eq!(got.len(), 5, "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(got[0]["errorType"], "Runtime.ExitError");
    assert!(
        got[0]["errorMessage"]
            .as_str()
            .unwrap()
            .ends_with("Runtime exited with error: exit status 3"),
        "{}",
        got[0]
    );
    assert_eq!(got[1]["errorType"], "Runtime.OutOfMemory", "{}", got[1]);
    assert_eq!(
        got[2],
        json!({"errorMessage":"asked to","errorType":"Function.Asked"})
    );
    assert_eq!(got[3]["errorType"], "Function.ResponseSizeTooLarge");
    assert_eq!(got[4], json!({"action":"echo"}));
    let reports = reports(&out);
    assert!(
        reports[1].ends_with("\tStatus: error\tError Type: Runtime.OutOfMemory"),
        "{}",
        reports[1]
    );
    assert!(
        field(&reports[1], "Max Memory Used").unwrap() > 90.0,
        "{}",
        reports[1]
    );
    // The function was told 413, as the Runtime API answers an oversized response.
    let log = lines(&out.stderr);
    assert!(log.iter().any(|l| l == "response status 413"), "{log:#?}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn init_error_fails_the_invocation_with_its_report() {
    let mut spec = FunctionSpec::new("python3");
    spec.args = vec![FUNCTION.into()];
    spec.env = vec![("FAIL_INIT".into(), "1".into())];
    let sandbox = Sandbox::start(spec, Default::default()).unwrap();
    let report = sandbox.invoke(lambkin_emulator::Invocation::new("{}"));
    let Outcome::Error {
        error_type, body, ..
    } = &report.outcome
    else {
        panic!("{report:?}")
    };
    assert_eq!(error_type, "Function.InitFailed");
    assert_eq!(
        serde_json::from_slice::<Value>(body).unwrap()["errorMessage"],
        "no database"
    );
}

#[test]
fn bad_events_and_arguments_are_refused_before_running_anything() {
    let out = emulator(&["invoke", "--event", "{not json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not JSON"));
    let missing = Command::new(env!("CARGO_BIN_EXE_lambkin-emulator"))
        .args(["invoke", "--event", "{}", "--", "/nonexistent/function"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(
        payloads(&missing)[0]["errorType"],
        "Runtime.InvalidEntrypoint"
    );
}

/// `serve` on a free port: reads the address it announces on stderr.
struct Served {
    child: Child,
    addr: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(extra: &[&str]) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lambkin-emulator"))
        .args(["serve", "--port", "0"])
        .args(extra)
        .args(["--", "python3", FUNCTION])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .expect(&line)
        .to_owned();
    // Keep draining the log so the child never blocks on a full pipe.
    std::thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
    Served { child, addr }
}

/// One Invoke API call over a fresh connection: (status, function-error header, body).
fn post(addr: &str, body: &str) -> (u16, bool, Value) {
    let (head, body) = invoke_api::invoke(addr, body);
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (
        status,
        head.contains("X-Amz-Function-Error: Unhandled"),
        serde_json::from_str(&body).unwrap(),
    )
}

#[test]
fn serve_answers_the_invoke_api_concurrently() {
    let served = serve(&["--concurrency", "1"]);
    assert_eq!(
        post(&served.addr, r#"{"action":"echo","a":1}"#),
        (200, false, json!({"action":"echo","a":1}))
    );
    let (status, error, body) = post(&served.addr, r#"{"action":"fail"}"#);
    assert_eq!(
        (status, error, &body["errorType"]),
        (200, true, &json!("Function.Asked"))
    );
    let env = post(&served.addr, r#"{"action":"env"}"#).2;
    assert_eq!(env["AWS_LAMBDA_MAX_CONCURRENCY"], "1");
    assert_eq!(
        env["AWS_LAMBDA_INITIALIZATION_TYPE"],
        "lambda-managed-instances"
    );

    // An event above Lambda's 6 MB request limit is refused from its Content-Length alone
    // (so only the head is sent: a refused body left unread would reset the connection).
    let mut s = TcpStream::connect(&served.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let head = format!(
        "POST /2015-03-31/functions/function/invocations HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n",
        lambkin_emulator::MAX_EVENT + 1
    );
    s.write_all(head.as_bytes()).unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 413 "), "{raw}");
    assert!(
        raw.ends_with(lambkin_emulator::EVENT_TOO_LARGE_BODY),
        "{raw}"
    );

    // With concurrency 2 the function runs two loops; two slow invocations sent at once run
    // at the same time, which the function's own clock shows: their intervals overlap.
    let served = serve(&["--concurrency", "2"]);
    let slow: Vec<_> = (0..2)
        .map(|_| {
            let addr = served.addr.clone();
            std::thread::spawn(move || post(&addr, r#"{"action":"sleep","secs":0.5}"#))
        })
        .collect();
    let spans: Vec<(f64, f64)> = slow
        .into_iter()
        .map(|t| {
            let (status, _, v) = t.join().unwrap();
            assert_eq!(status, 200, "{v}");
            (v["start"].as_f64().unwrap(), v["end"].as_f64().unwrap())
        })
        .collect();
    let [(a0, a1), (b0, b1)] = spans[..] else {
        unreachable!()
    };
    assert!(a0 < b1 && b0 < a1, "invocations did not overlap: {spans:?}");
}

/// Lambda's shutdown with an internal extension: SIGTERM first, and a function that ignores it
/// is SIGKILLed 500 ms later.
#[test]
fn shutdown_sigkills_a_function_that_ignores_sigterm_after_500_ms() {
    let marker = std::env::temp_dir().join(format!("lambkin-stubborn-{}", std::process::id()));
    let _ = std::fs::remove_file(&marker);
    let mut spec = FunctionSpec::new("python3");
    spec.args = vec![FUNCTION.into()];
    spec.env = vec![("STUBBORN".into(), marker.display().to_string())];
    let sandbox = Sandbox::start(spec, Default::default()).unwrap();
    let report = sandbox.invoke(lambkin_emulator::Invocation::new(r#"{"action":"echo"}"#));
    assert!(
        matches!(report.outcome, Outcome::Response { .. }),
        "{report:?}"
    );
    assert_eq!(sandbox.emulator().extensions(), 1);
    let started = std::time::Instant::now();
    drop(sandbox);
    let took = started.elapsed();
    let marked = std::fs::read_to_string(&marker).unwrap();
    let pid = marked.strip_prefix("term ").expect("SIGTERM seen");
    assert!(
        !std::path::Path::new(&format!("/proc/{pid}")).exists(),
        "process {pid} still there"
    );
    // The whole 500 ms allowance, then the kill (which drop waits for).
    assert!(took >= Duration::from_millis(500), "{took:?}");
    assert!(took < Duration::from_secs(5), "{took:?}");
    let _ = std::fs::remove_file(&marker);
}
