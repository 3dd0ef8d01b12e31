//! `rie::serve_while`: an Invoke API server a program (the faults benchmark) can stop, so the
//! sandbox it served is dropped and its function ends, over real sockets.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod invoke_api;

use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use lambkin_emulator::{Config, FunctionSpec, Sandbox, rie};

const FUNCTION: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/misbehave.py");

#[test]
fn serve_while_lets_go_of_the_sandbox_once_told_to_stop() {
    let mut spec = FunctionSpec::new("python3");
    spec.args = vec![FUNCTION.into()];
    let sandbox = Arc::new(Sandbox::start(spec, Config::default()).unwrap());
    let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let running = Arc::new(AtomicBool::new(true));
    let server = {
        let sandbox = Arc::clone(&sandbox);
        let running = Arc::clone(&running);
        thread::spawn(move || {
            rie::serve_while(sandbox, &listener, || running.load(Ordering::SeqCst))
        })
    };
    let (head, body) = invoke_api::invoke(&addr, r#"{"action":"echo","n":7}"#);
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert_eq!(body, r#"{"action": "echo", "n": 7}"#);
    let pid = sandbox.function_pid().expect("the function runs");

    running.store(false, Ordering::SeqCst);
    drop(TcpStream::connect(&addr).unwrap());
    assert!(server.join().unwrap().is_ok());
    // The server's handle and its finished connection's are gone: ours is the last.
    let until = Instant::now() + Duration::from_secs(10);
    while Arc::strong_count(&sandbox) > 1 && Instant::now() < until {
        thread::sleep(Duration::from_millis(5));
    }
    let sandbox = Arc::into_inner(sandbox).expect("no one else holds the sandbox");
    drop(sandbox);
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let state = stat.rsplit_once(')').map(|(_, rest)| rest.trim_start());
    assert!(
        state.is_none_or(|s| s.starts_with('Z') || s.starts_with('X')),
        "the function {pid} outlived its sandbox: {stat}"
    );
    // Nothing listens any more.
    assert!(TcpStream::connect(&addr).is_err());
}
