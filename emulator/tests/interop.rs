//! Interop: real Runtime API clients against our emulator (the official Rust runtime, AWS's
//! Python `awslambdaric`, lambkin's std transport), and lambkin (plus the official runtime)
//! against cargo-lambda's emulator, all through the README hello contract and one table.
//!
//! Tools come from crates.io and PyPI on first use (see `interop_support`); a tool that
//! cannot be built or installed fails the test with the reason.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_core,
    clippy::std_instead_of_alloc,
    missing_docs
)]

mod interop_support;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use interop_support::{
    Proc, TempDir, Tools, free_port, lambkin_example, lambkin_hello, official_hello, run_bounded,
    tail, tools,
};
use lambkin_emulator::{Config, Emulator, Invocation, Outcome};
use serde_json::{Value, json};

/// Longest wait for one invocation: generous for a cold Python start on a loaded machine.
const WAIT: Duration = Duration::from_secs(60);
/// The emulator's function timeout: a runtime that never answers ends as `TimedOut` by then.
const TIMEOUT: Duration = Duration::from_secs(30);
const PYTHON_HANDLER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/python");

/// What one invocation gave, whichever emulator served it.
#[derive(Debug)]
enum Got {
    Response(Value),
    Error {
        error_type: String,
        /// The error body's own `errorType`, when the emulator shows the body.
        body_type: Option<String>,
    },
    /// Anything else (timed out, rejected, no JSON, a hung client): always a failure.
    Other(String),
}

enum Want {
    /// `{"message": "Hello, NAME!"}`.
    Hello(String),
    Error,
}

struct Case {
    what: String,
    event: Vec<u8>,
    want: Want,
}

fn case(what: &str, event: impl Into<Vec<u8>>, want: Want) -> Case {
    Case {
        what: what.to_owned(),
        event: event.into(),
        want,
    }
}

fn hello(name: &str) -> Want {
    Want::Hello(name.to_owned())
}

/// The table every runtime passes, in order (the warm cases rely on one process throughout).
fn cases() -> Vec<Case> {
    let big: String = (0..1_usize << 20)
        .map(|i| char::from(b'a' + u8::try_from(i % 26).unwrap()))
        .collect();
    let mut cases = vec![
        case("name", r#"{"firstName":"Ada"}"#, hello("Ada")),
        case("missing name", "{}", hello("world")),
        case(
            "escapes and a surrogate pair",
            r#"{"firstName":"q\"b\\s\/n\n t\t \u00e9 \ud83d\ude00 end"}"#,
            hello("q\"b\\s/n\n t\t \u{e9} \u{1f600} end"),
        ),
        case(
            "raw UTF-8, other fields",
            r#"{"lastName":"Lovelace","firstName":"Zoë 😀","n":[1,{"x":null}]}"#,
            hello("Zoë 😀"),
        ),
    ];
    for i in 0..5 {
        let name = format!("Warm{i}");
        cases.push(case(
            "warm, in a row",
            format!(r#"{{"firstName":"{name}"}}"#),
            hello(&name),
        ));
    }
    cases.push(case("invalid JSON", r#"{"firstName":"#, Want::Error));
    cases.push(case(
        "after the error",
        r#"{"firstName":"Again"}"#,
        hello("Again"),
    ));
    cases.push(case(
        "1 MiB name",
        format!(r#"{{"firstName":"{big}"}}"#),
        Want::Hello(big),
    ));
    cases
}

/// Runs the table through `invoke`, panicking with `context()` (the function's log) on any
/// mismatch; returns what the invalid-JSON case gave.
fn check_table(
    runtime: &str,
    mut invoke: impl FnMut(usize, &[u8]) -> Got,
    context: impl Fn() -> String,
) -> (String, Option<String>) {
    let mut invalid = None;
    for (n, case) in cases().into_iter().enumerate() {
        let got = invoke(n, &case.event);
        let shown = |g: &Got| {
            let mut s = format!("{g:?}");
            s.truncate(300);
            s
        };
        match (&case.want, got) {
            (Want::Hello(name), Got::Response(value)) => {
                let want = json!({ "message": format!("Hello, {name}!") });
                assert!(
                    value == want,
                    "{runtime}, case {n} ({}): wrong response {}\n{}",
                    case.what,
                    shown(&Got::Response(value.clone())),
                    context()
                );
            }
            (
                Want::Error,
                Got::Error {
                    error_type,
                    body_type,
                },
            ) => invalid = Some((error_type, body_type)),
            (_, Got::Other(why)) => {
                panic!("{runtime}, case {n} ({}): {why}\n{}", case.what, context())
            }
            (_, got) => panic!(
                "{runtime}, case {n} ({}): got {}\n{}",
                case.what,
                shown(&got),
                context()
            ),
        }
    }
    invalid.expect("the table has an invalid-JSON case")
}

/// Sets the environment Lambda gives a function.
fn lambda_env(cmd: &mut Command, api: &str, name: &str) {
    cmd.env("AWS_LAMBDA_RUNTIME_API", api)
        .env("AWS_LAMBDA_FUNCTION_NAME", name)
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .env("AWS_LAMBDA_LOG_GROUP_NAME", format!("/aws/lambda/{name}"))
        .env(
            "AWS_LAMBDA_LOG_STREAM_NAME",
            "2026/01/01/[$LATEST]0123456789abcdef",
        )
        .env("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_DEFAULT_REGION", "us-east-1");
}

fn or_fail<T>(r: Result<T, String>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// What one runtime must do against our emulator beyond the table.
struct Expect {
    /// `Outcome::Error::error_type` for an invalid JSON event.
    error_type: &'static str,
    /// The `errorType` inside that error's body.
    body_type: &'static str,
    /// Whether every request goes over one kept-alive connection (else: some connection
    /// carries several, so keep-alive works, but the runtime may open more).
    one_connection: bool,
}

/// Starts our emulator, then the function `command` builds (given the Runtime API address),
/// and runs the table against it.
fn against_emulator(runtime: &str, mut command: Command, expect: &Expect) {
    let emu = Emulator::start(Config {
        timeout: TIMEOUT,
        function_name: runtime.into(),
        ..Config::default()
    })
    .expect("the emulator starts");
    lambda_env(&mut command, &emu.runtime_api(), runtime);
    let mut function = or_fail(Proc::spawn(runtime, &mut command));
    let (error_type, body_type) = check_table(
        runtime,
        |_, event| match emu.invoke(Invocation::new(event)).wait(WAIT) {
            Ok(Outcome::Response { body, .. }) => serde_json::from_slice(&body)
                .map_or_else(|e| Got::Other(format!("not JSON ({e})")), Got::Response),
            Ok(Outcome::Error {
                error_type, body, ..
            }) => Got::Error {
                error_type,
                body_type: serde_json::from_slice::<Value>(&body)
                    .ok()
                    .and_then(|v| v["errorType"].as_str().map(str::to_owned)),
            },
            other => Got::Other(format!("{other:?}")),
        },
        || function.describe(),
    );
    assert!(
        function.alive(),
        "{runtime} exited: {}",
        function.describe()
    );
    assert_eq!(emu.init_error(), None, "{runtime} reported an init error");
    let requests = emu.requests();
    let connections: BTreeSet<usize> = requests.iter().map(|r| r.connection).collect();
    let agent = requests
        .iter()
        .find_map(|r| header(&r.headers, "User-Agent"))
        .unwrap_or("(none)");
    eprintln!(
        "{runtime} on lambkin-emulator: invalid JSON -> {error_type} (body errorType {body_type:?}); \
         {} requests on {} connection(s); User-Agent {agent}",
        requests.len(),
        connections.len(),
    );
    assert_eq!(
        (error_type.as_str(), body_type.as_deref()),
        (expect.error_type, Some(expect.body_type)),
        "{runtime}: the invalid-JSON error"
    );
    // Warm: every invocation went through one process, over kept-alive connections.
    let most = connections
        .iter()
        .map(|c| requests.iter().filter(|r| r.connection == *c).count())
        .max()
        .unwrap_or(0);
    if expect.one_connection {
        assert_eq!(
            connections.len(),
            1,
            "{runtime}: expected one connection, got {connections:?}"
        );
    } else {
        assert!(
            most >= 2,
            "{runtime}: no connection carried more than {most} requests"
        );
    }
    let nexts = requests
        .iter()
        .filter(|r| r.path.ends_with("/next"))
        .count();
    assert!(
        nexts >= cases().len(),
        "{runtime}: {nexts} /next polls for {} invocations",
        cases().len()
    );
}

#[test]
fn official_rust_runtime_on_our_emulator() {
    let command = Command::new(or_fail(official_hello()));
    against_emulator(
        "official-hello",
        command,
        &Expect {
            // lambda_runtime sends `Lambda-Runtime-Function-Error-Type: unhandled`, which Lambda
            // reports as Runtime.Unknown; the body names the Rust error type (with a `&`).
            error_type: "Runtime.Unknown",
            body_type: "&lambda_runtime::deserializer::DeserializeError",
            // hyper's pool opens a new connection when the last one is not back in the pool
            // yet, and closes it again itself (strace: shutdown after the 202): 1 to 9
            // connections for 25 requests here. Reuse must still happen.
            one_connection: false,
        },
    );
}

fn python_command(tools: &Tools) -> Command {
    let mut command = Command::new(&tools.python);
    command
        .args(["-m", "awslambdaric", "hello_handler.handler"])
        .env("PYTHONPATH", PYTHON_HANDLER)
        .env("LAMBDA_TASK_ROOT", PYTHON_HANDLER)
        .env("_HANDLER", "hello_handler.handler")
        .env("PYTHONDONTWRITEBYTECODE", "1");
    command
}

#[test]
fn python_awslambdaric_on_our_emulator() {
    let tools = or_fail(tools());
    against_emulator(
        "awslambdaric-hello",
        python_command(&tools),
        &Expect {
            // awslambdaric sends no error-type header (only an X-Ray cause), so Lambda's view
            // is Runtime.Unknown; the body says what happened.
            error_type: "Runtime.Unknown",
            body_type: "Runtime.UnmarshalError",
            one_connection: true,
        },
    );
}

fn lambkin_on_our_emulator(feature: &str) {
    let name = format!("lambkin-hello-{feature}");
    let command = Command::new(or_fail(lambkin_hello(feature)));
    against_emulator(
        &name,
        command,
        &Expect {
            error_type: "Runtime.UnmarshalError",
            body_type: "Runtime.UnmarshalError",
            one_connection: true,
        },
    );
}

#[test]
fn lambkin_std_on_our_emulator() {
    lambkin_on_our_emulator("std");
}

#[test]
fn lambkin_smol_on_our_emulator() {
    lambkin_on_our_emulator("smol");
}

#[test]
fn lambkin_tokio_on_our_emulator() {
    lambkin_on_our_emulator("tokio");
}

/// `cargo lambda watch --only-lambda-apis` in a scratch package, on a free port.
struct CargoLambda {
    tools: Tools,
    port: u16,
    /// The `AWS_LAMBDA_RUNTIME_API` value it tells the function to use.
    api: String,
    watch: Proc,
    dir: TempDir,
}

impl CargoLambda {
    fn start(name: &str) -> Result<Self, String> {
        let tools = tools()?;
        let dir = TempDir::new(name)?;
        // `watch` runs `cargo metadata` even when it starts no function: give it a package.
        let write = |path: PathBuf, text: &str| {
            fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
        };
        fs::create_dir_all(dir.0.join("src")).map_err(|e| e.to_string())?;
        write(
            dir.0.join("Cargo.toml"),
            "[package]\nname = \"scratch\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[workspace]\n",
        )?;
        write(dir.0.join("src/main.rs"), "fn main() {}\n")?;
        let port = free_port()?;
        let mut cmd = Command::new(&tools.cargo_lambda);
        cmd.current_dir(&dir.0)
            .args(["lambda", "watch", "--only-lambda-apis", "--invoke-address"])
            .arg("127.0.0.1")
            .arg("--invoke-port")
            .arg(port.to_string())
            .env("NO_COLOR", "1");
        let mut watch = Proc::spawn(&format!("{name}-watch"), &mut cmd)?;
        let api = watch.wait_for(Duration::from_secs(60), |out| {
            out.contains("starting Runtime server").then_some(())?;
            out.lines().find_map(|l| {
                let value = l.split_once("AWS_LAMBDA_RUNTIME_API=")?.1.trim();
                Some(value.to_owned())
            })
        })?;
        Ok(Self {
            tools,
            port,
            api,
            watch,
            dir,
        })
    }

    /// `cargo lambda invoke` of `event`: stdout is the response, or it fails with
    /// `Error: TYPE` on stderr.
    fn invoke(&self, n: usize, event: &[u8]) -> Got {
        let mut cmd = Command::new(&self.tools.cargo_lambda);
        cmd.args(["lambda", "invoke", "--invoke-address", "127.0.0.1"])
            .arg("--invoke-port")
            .arg(self.port.to_string())
            .env("NO_COLOR", "1");
        // One argument may hold at most 128 KiB on Linux: bigger events go through a file.
        match std::str::from_utf8(event) {
            Ok(text) if text.len() < 64 << 10 => cmd.arg("--data-ascii").arg(text),
            _ => {
                let file = self.dir.0.join(format!("event-{n}.json"));
                if let Err(e) = fs::write(&file, event) {
                    return Got::Other(format!("{}: {e}", file.display()));
                }
                cmd.arg("--data-file").arg(file)
            }
        };
        let name = format!("invoke-{n}");
        match run_bounded(&name, &self.dir.0, &mut cmd, WAIT) {
            Ok((true, stdout, _)) => serde_json::from_str(&stdout).map_or_else(
                |e| Got::Other(format!("not JSON ({e}): {}", tail(&stdout, 5))),
                Got::Response,
            ),
            Ok((false, _, stderr)) => stderr
                .lines()
                .find_map(|l| l.trim().strip_prefix("Error: "))
                .map_or_else(
                    || Got::Other(format!("failed without `Error:`: {}", tail(&stderr, 10))),
                    |t| Got::Error {
                        error_type: t.trim().to_owned(),
                        body_type: None,
                    },
                ),
            Err(e) => Got::Other(e),
        }
    }
}

/// Runs the table against `binary` served by cargo-lambda's emulator; returns the
/// invalid-JSON error type.
fn against_cargo_lambda(runtime: &str, binary: &Path) -> String {
    let mut emu = or_fail(CargoLambda::start(runtime));
    let mut command = Command::new(binary);
    lambda_env(&mut command, &emu.api, "_");
    let mut function = or_fail(Proc::spawn(runtime, &mut command));
    let (error_type, _) = check_table(
        runtime,
        |n, event| emu.invoke(n, event),
        || format!("{}\n{}", function.describe(), emu.watch.describe()),
    );
    assert!(
        function.alive(),
        "{runtime} exited: {}",
        function.describe()
    );
    assert!(
        emu.watch.alive(),
        "cargo lambda watch exited: {}",
        emu.watch.describe()
    );
    eprintln!(
        "{runtime} on cargo-lambda (AWS_LAMBDA_RUNTIME_API={}): invalid JSON -> {error_type}",
        emu.api
    );
    error_type
}

fn lambkin_on_cargo_lambda(feature: &str) {
    let binary = or_fail(lambkin_hello(feature));
    let error_type =
        against_cargo_lambda(&format!("lambkin-hello-{feature}-cargo-lambda"), &binary);
    assert_eq!(error_type, "Runtime.UnmarshalError");
}

#[test]
fn lambkin_std_on_cargo_lambda() {
    lambkin_on_cargo_lambda("std");
}

#[test]
fn lambkin_smol_on_cargo_lambda() {
    lambkin_on_cargo_lambda("smol");
}

#[test]
fn lambkin_tokio_on_cargo_lambda() {
    lambkin_on_cargo_lambda("tokio");
}

/// cargo-lambda relays HTTP-integration streams on its function URLs (it reads the prelude's
/// JSON and its NUL bytes a chunk at a time, as lambda_runtime sends them; it has no raw
/// streams): `examples/axum_stream.rs` through it to curl, lines as they come.
#[test]
fn lambkin_http_stream_on_cargo_lambda_function_url() {
    let binary = or_fail(lambkin_example("axum_stream", "http,tokio"));
    let emu = or_fail(CargoLambda::start("lambkin-axum-stream-cargo-lambda"));
    let mut command = Command::new(&binary);
    lambda_env(&mut command, &emu.api, "_");
    let mut function = or_fail(Proc::spawn("lambkin-axum-stream", &mut command));
    let url = format!(
        "http://127.0.0.1:{}/lambda-url/_/lines?n=3&delay_ms=100",
        emu.port
    );
    let out = Command::new("curl")
        .args(["-sS", "-N", "-i", "--max-time", "60", &url])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let context = || format!("{text}\n{}\n{}", function.describe(), emu.watch.describe());
    assert!(out.status.success(), "{}", context());
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or_default();
    let head = head.to_ascii_lowercase();
    assert!(head.starts_with("http/1.1 200 ok\r\n"), "{}", context());
    assert!(head.contains("transfer-encoding: chunked"), "{}", context());
    assert!(
        head.contains("content-type: text/plain; charset=utf-8"),
        "{}",
        context()
    );
    assert_eq!(body, "line 0\nline 1\nline 2\n", "{}", context());
    let described = context();
    assert!(function.alive(), "{described}");
}

#[test]
fn official_rust_runtime_on_cargo_lambda() {
    let binary = or_fail(official_hello());
    let error_type = against_cargo_lambda("official-hello-cargo-lambda", &binary);
    // cargo-lambda reports the body's errorType (its CLI drops the body's leading `&`), not
    // the header's `unhandled`.
    assert_eq!(error_type, "lambda_runtime::deserializer::DeserializeError");
}
