//! With `panic = "abort"` nothing can be caught: the panic hook must report the error for the
//! current invocation (or init) before the process dies. Builds tests/abort-fixture.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use lambkin_core::diagnostic::error_type;
use lambkin_emulator::{Emulator, Invocation, Outcome};

const SIGABRT: i32 = 6;

fn fixture() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/abort-fixture");
        let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/abort-fixture");
        let status = Command::new(env!("CARGO"))
            .args(["build", "--quiet", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .arg("--target-dir")
            .arg(&target)
            .status()
            .expect("cargo runs");
        assert!(status.success(), "fixture builds");
        target.join("debug/lambkin-abort-fixture")
    })
}

fn spawn(emu: &Emulator, panic_in_init: bool) -> Child {
    let mut cmd = Command::new(fixture());
    cmd.env("AWS_LAMBDA_RUNTIME_API", emu.runtime_api());
    if panic_in_init {
        cmd.env("PANIC_IN_INIT", "1");
    }
    cmd.spawn().expect("fixture starts")
}

fn wait_exit(child: &mut Child) -> std::process::ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(Instant::now() < deadline, "function did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn panic_in_handler_is_reported_before_abort() {
    let emu = Emulator::start(Default::default()).unwrap();
    let mut child = spawn(&emu, false);
    let ok = emu
        .invoke(Invocation::new("{\"firstName\":\"Ada\"}"))
        .wait(Duration::from_secs(60))
        .unwrap();
    assert!(
        matches!(ok, Outcome::Response { ref body, .. } if body == b"\"Ada\""),
        "{ok:?}"
    );
    let outcome = emu
        .invoke(Invocation::new("{\"firstName\":\"panic\"}"))
        .wait(Duration::from_secs(30))
        .unwrap();
    let Outcome::Error {
        error_type, body, ..
    } = outcome
    else {
        panic!("{outcome:?}")
    };
    assert_eq!(error_type, error_type::PANIC);
    assert!(String::from_utf8_lossy(&body).contains("aborting handler"));
    assert_eq!(wait_exit(&mut child).signal(), Some(SIGABRT));
}

#[test]
fn panic_in_init_is_reported_before_abort() {
    let emu = Emulator::start(Default::default()).unwrap();
    let mut child = spawn(&emu, true);
    assert_eq!(wait_exit(&mut child).signal(), Some(SIGABRT));
    let report = emu.init_error().expect("init error reported");
    assert_eq!(report.error_type, error_type::PANIC);
    assert!(String::from_utf8_lossy(&report.body).contains("aborting init"));
}
