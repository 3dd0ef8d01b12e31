//! SnapStart over a real socket: hooks in the documented order around `restore/next`, and each
//! failure reported where Lambda expects it. One test: the hooks are process-wide.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

use lambkin_core::Config;
use lambkin_host::{RunError, Runtime, block_on, snapstart};

type Log = Arc<Mutex<Vec<String>>>;

/// A Runtime API that logs each request (`METHOD PATH [error type] [body]`) and accepts it.
fn fake_api(log: &Log) -> String {
    let server = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = server.local_addr().unwrap().to_string();
    let log = Arc::clone(log);
    thread::spawn(move || {
        for conn in server.incoming() {
            let log = Arc::clone(&log);
            thread::spawn(move || serve(conn.unwrap(), &log));
        }
    });
    addr
}

fn serve(conn: TcpStream, log: &Log) {
    let mut reader = BufReader::new(conn.try_clone().unwrap());
    let mut conn = conn;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let mut parts = line.split_whitespace();
        let method = parts.next().unwrap().to_owned();
        let path = parts.next().unwrap().to_owned();
        let (mut len, mut error_type) = (0usize, String::new());
        loop {
            let mut h = String::new();
            reader.read_line(&mut h).unwrap();
            if h == "\r\n" {
                break;
            }
            let (name, value) = h.split_once(':').unwrap();
            let value = value.trim().to_owned();
            match name.to_ascii_lowercase().as_str() {
                "content-length" => len = value.parse().unwrap(),
                "lambda-runtime-function-error-type" => error_type = value,
                _ => {}
            }
        }
        let mut body = vec![0u8; len];
        reader.read_exact(&mut body).unwrap();
        let body = String::from_utf8(body).unwrap();
        let entry = format!("{method} {path} {error_type} {body}");
        log.lock().unwrap().push(entry.trim().to_owned());
        let answer = if method == "GET" {
            "200 OK"
        } else {
            "202 Accepted"
        };
        write!(conn, "HTTP/1.1 {answer}\r\nContent-Length: 0\r\n\r\n").unwrap();
    }
}

fn runtime(addr: &str, init_type: &'static str) -> Runtime {
    let addr: &'static str = String::leak(addr.to_owned());
    let config = Config::from_lookup(|k| match k {
        "AWS_LAMBDA_RUNTIME_API" => Some(addr),
        "AWS_LAMBDA_INITIALIZATION_TYPE" => Some(init_type),
        _ => None,
    })
    .unwrap();
    Runtime::new(config)
}

/// A hook that logs `name`, and fails when `fail`.
fn hook(
    log: &Log,
    name: &'static str,
    fail: bool,
) -> impl FnOnce() -> Result<(), String> + Send + use<> {
    let log = Arc::clone(log);
    move || {
        log.lock().unwrap().push(name.to_owned());
        if fail {
            Err(format!("{name} failed"))
        } else {
            Ok(())
        }
    }
}

fn take(log: &Log) -> Vec<String> {
    std::mem::take(&mut *log.lock().unwrap())
}

/// The JSON body at the end of a logged request.
fn body(entry: &str) -> serde_json::Value {
    let at = entry.find('{').unwrap();
    serde_json::from_str(&entry[at..]).unwrap()
}

/// The init under test: logs, then registers two hooks of each kind.
fn register(
    log: Log,
    fail_before: bool,
    fail_after: bool,
) -> Result<&'static str, std::convert::Infallible> {
    log.lock().unwrap().push("init".into());
    snapstart::before_checkpoint(hook(&log, "before 1", false));
    snapstart::before_checkpoint(hook(&log, "before 2", fail_before));
    snapstart::after_restore(hook(&log, "after 1", fail_after));
    snapstart::after_restore(hook(&log, "after 2", false));
    Ok("handler")
}

#[test]
fn hooks_run_around_the_restore_and_failures_are_reported() {
    let log: Log = Arc::default();
    let addr = fake_api(&log);
    let init = |fail_before: bool, fail_after: bool| {
        let log = Arc::clone(&log);
        async move |_: &Config<'static>| register(log, fail_before, fail_after)
    };

    // Not SnapStart: the hooks never run and the Runtime API is not called.
    let got = block_on(runtime(&addr, "on-demand").init(init(false, false)));
    assert_eq!(got.unwrap(), "handler");
    assert_eq!(take(&log), ["init"]);
    // (The hooks registered then stay registered, and run with the next SnapStart init.)
    let got = block_on(runtime(&addr, "snap-start").init(async |_| Ok::<_, String>(())));
    assert!(got.is_ok());
    take(&log);

    // Before-checkpoint hooks in reverse order, the restore, after-restore hooks in order.
    let got = block_on(runtime(&addr, "snap-start").init(init(false, false)));
    assert_eq!(got.unwrap(), "handler");
    let restore = "GET /2018-06-01/runtime/restore/next";
    assert_eq!(
        take(&log),
        [
            "init", "before 2", "before 1", restore, "after 1", "after 2"
        ]
    );

    // An after-restore failure goes to /restore/error and stops the runtime; the hooks after
    // it do not run.
    let got = block_on(runtime(&addr, "snap-start").init(init(false, true)));
    assert!(matches!(got, Err(RunError::RestoreHook)), "{got:?}");
    let seen = take(&log);
    assert_eq!(seen.len(), 6, "{seen:?}");
    assert_eq!(
        seen[..5],
        ["init", "before 2", "before 1", restore, "after 1"]
    );
    let report = &seen[5];
    assert!(
        report.starts_with("POST /2018-06-01/runtime/restore/error Runtime.AfterRestoreError {"),
        "{report}"
    );
    assert_eq!(body(report)["errorType"], "Runtime.AfterRestoreError");
    assert_eq!(body(report)["errorMessage"], "after 1 failed");

    // A before-checkpoint failure fails init: /init/error, and no restore.
    let got = block_on(runtime(&addr, "snap-start").init(init(true, false)));
    assert!(matches!(got, Err(RunError::Init)), "{got:?}");
    let seen = take(&log);
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert_eq!(seen[..2], ["init", "before 2"]);
    assert!(
        seen[2].starts_with("POST /2018-06-01/runtime/init/error Runtime.BeforeCheckpointError {"),
        "{seen:?}"
    );
    assert_eq!(body(&seen[2])["errorMessage"], "before 2 failed");
}
