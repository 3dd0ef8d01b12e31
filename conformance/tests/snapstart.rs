//! SnapStart on every transport: the before-checkpoint hooks (reverse order), `restore/next`,
//! the after-restore hooks (in order), then the first `/next`, against a Runtime API that
//! answers the restore and then stops the runtime with a 500 on `/next`. Its own test binary
//! with one test: the hooks are process-wide, so transports run one after another.
#![allow(missing_docs, clippy::unwrap_used, clippy::indexing_slicing)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread;

use lambkin_conformance::{Probe, Smol, Std, Tokio, TokioThreads, Transport};
use lambkin_core::Config;
use lambkin_core::driver::Stop;
use lambkin_core::session;
use lambkin_host::{RunError, Runtime, snapstart};

type Log = Arc<Mutex<Vec<String>>>;

/// Logs each request line; answers `restore/next` with 200 and anything else with 500.
fn fake_api(log: &Log) -> &'static str {
    let server = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = String::leak(server.local_addr().unwrap().to_string());
    let log = Arc::clone(log);
    thread::spawn(move || {
        for conn in server.incoming() {
            let log = Arc::clone(&log);
            thread::spawn(move || {
                let conn = conn.unwrap();
                let mut reader = BufReader::new(conn.try_clone().unwrap());
                let mut conn = conn;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    // No request here has a body; skip the head.
                    let mut h = String::new();
                    while reader.read_line(&mut h).unwrap_or(0) > 0 && h != "\r\n" {
                        h.clear();
                    }
                    let line = line.trim().trim_end_matches(" HTTP/1.1").to_owned();
                    let ok = line.ends_with("/runtime/restore/next");
                    log.lock().unwrap().push(line);
                    let status = if ok {
                        "200 OK"
                    } else {
                        "500 Internal Server Error"
                    };
                    let _ = write!(conn, "HTTP/1.1 {status}\r\nContent-Length: 0\r\n\r\n");
                }
            });
        }
    });
    addr
}

fn on<T: Transport>(log: &Log, addr: &'static str) {
    let config = Config::from_lookup(|k| match k {
        "AWS_LAMBDA_RUNTIME_API" => Some(addr),
        "AWS_LAMBDA_INITIALIZATION_TYPE" => Some("snap-start"),
        _ => None,
    })
    .unwrap();
    let note = |log: &Log, name: &'static str| {
        let log = Arc::clone(log);
        move || {
            log.lock().unwrap().push(name.to_owned());
            Ok::<(), String>(())
        }
    };
    let stop = T::run_with_init(&Runtime::new(config), async |_| {
        snapstart::before_checkpoint(note(log, "before 1"));
        snapstart::before_checkpoint(note(log, "before 2"));
        snapstart::after_restore(note(log, "after 1"));
        snapstart::after_restore(note(log, "after 2"));
        Ok::<_, String>(Probe)
    });
    assert!(
        matches!(
            stop,
            RunError::Stopped(Stop::Session(session::Error::Status { status: 500, .. }))
        ),
        "{}: {stop}",
        T::NAME
    );
    let seen = std::mem::take(&mut *log.lock().unwrap());
    assert_eq!(
        seen,
        [
            "before 2",
            "before 1",
            "GET /2018-06-01/runtime/restore/next",
            "after 1",
            "after 2",
            "GET /2018-06-01/runtime/invocation/next",
        ],
        "{}",
        T::NAME
    );
}

#[test]
fn snapstart_hooks_and_restore_on_every_transport() {
    let log: Log = Arc::default();
    let addr = fake_api(&log);
    on::<Std>(&log, addr);
    on::<Smol>(&log, addr);
    on::<Tokio>(&log, addr);
    on::<TokioThreads>(&log, addr);
}
