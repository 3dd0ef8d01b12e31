//! Deploy: lambkin's hello built as a user builds it (its own crate, depending on the facade by
//! path) with `cargo lambda build --release --output-format zip`, for x86_64 and with
//! `--arm64`; the x86_64 `bootstrap.zip` runs under `lambkin-emulator invoke --zip`, the arm64
//! one is an aarch64 ELF. Also a package built here, to see Lambda's `/var/task` set up.
//!
//! Needs what `interop_support` needs, plus Zig (the pinned `ziglang` from PyPI, installed into
//! the same venv) and the rustup target `aarch64-unknown-linux-gnu` (`.ci/run` adds it). The
//! user crate and its builds live in `target/interop/deploy`, so warm runs are incremental.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_core,
    clippy::std_instead_of_alloc,
    missing_docs
)]

// Shared with interop.rs, which uses the rest of it.
#[allow(dead_code)]
mod interop_support;

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use interop_support::{TempDir, interop_dir, run_bounded, workspace_root, ziglang};
use serde_json::Value;

/// A cold `cargo lambda build` compiles lambkin and serde for the target with LTO.
const BUILD_LIMIT: Duration = Duration::from_secs(20 * 60);
const EMULATOR: &str = env!("CARGO_BIN_EXE_lambkin-emulator");
const PYTHON_FUNCTION: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/misbehave.py");

/// `target/interop/deploy/hello`: `examples/hello.rs` as a user's `src/main.rs`, depending on
/// lambkin by path and on serde, locked to the workspace's versions.
fn user_crate() -> Result<PathBuf, String> {
    static WRITTEN: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    WRITTEN
        .get_or_init(|| {
            let dir = interop_dir().join("deploy/hello");
            let root = workspace_root()
                .canonicalize()
                .map_err(|e| format!("workspace root: {e}"))?;
            let manifest = format!(
                "[package]\nname = \"hello\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
                 [dependencies]\nlambkin = {{ path = {root:?} }}\n\
                 serde = {{ version = \"1\", features = [\"derive\"] }}\n\n[workspace]\n",
                root = root.display().to_string(),
            );
            let main = fs::read(root.join("examples/hello.rs")).map_err(|e| e.to_string())?;
            let lock = fs::read(root.join("Cargo.lock")).map_err(|e| e.to_string())?;
            fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
            write_if_changed(&dir.join("Cargo.toml"), manifest.as_bytes())?;
            write_if_changed(&dir.join("src/main.rs"), &main)?;
            // Cargo trims the copy to what hello uses; the versions stay the workspace's.
            write_if_changed(&dir.join("Cargo.lock"), &lock)?;
            Ok(dir)
        })
        .clone()
}

/// Writes only when the bytes differ, so cargo's fingerprints (mtimes) stay warm.
fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// `cargo lambda build --release --output-format zip [ARGS]` of the user crate into
/// `target/lambda-NAME`; returns the zip. The two builds share the crate's target directory,
/// so they take turns.
fn cargo_lambda_build(name: &str, args: &[&str]) -> PathBuf {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let (tools, path) = ziglang().unwrap();
    let dir = user_crate().unwrap();
    let lambda_dir = dir.join(format!("target/lambda-{name}"));
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let _ = fs::remove_dir_all(&lambda_dir);
    let mut cmd = Command::new(&tools.cargo_lambda);
    cmd.current_dir(&dir)
        .args(["lambda", "build", "--release", "--output-format", "zip"])
        .args(args)
        .arg("--lambda-dir")
        .arg(&lambda_dir)
        .env("PATH", path)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env("NO_COLOR", "1");
    let logs = interop_dir().join("logs");
    fs::create_dir_all(&logs).unwrap();
    let started = Instant::now();
    let (ok, _, err) = run_bounded(
        &format!("cargo-lambda-build-{name}"),
        &logs,
        &mut cmd,
        BUILD_LIMIT,
    )
    .unwrap();
    assert!(
        ok,
        "cargo lambda build {args:?} failed:\n{}",
        interop_support::tail(&err, 40)
    );
    println!("cargo lambda build {args:?}: {:.1?}", started.elapsed());
    let zip = lambda_dir.join("hello/bootstrap.zip");
    assert!(zip.is_file(), "no {}:\n{}", zip.display(), err);
    zip
}

/// `bootstrap` from a package: its bytes and Unix mode.
fn bootstrap_of(zip: &Path) -> (Vec<u8>, u32) {
    let mut archive = zip::ZipArchive::new(File::open(zip).unwrap()).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect();
    assert_eq!(names, ["bootstrap"], "{}", zip.display());
    let mut entry = archive.by_name("bootstrap").unwrap();
    let mode = entry.unix_mode().unwrap_or_default();
    let mut bytes = Vec::new();
    entry.read_to_end(&mut bytes).unwrap();
    (bytes, mode)
}

/// ELF class (2: 64-bit) and machine (62: x86-64, 183: AArch64), little-endian.
fn elf_class_and_machine(bytes: &[u8]) -> (u8, u16) {
    assert_eq!(&bytes[..4], b"\x7fELF", "not an ELF file");
    assert_eq!(bytes[5], 1, "not little-endian");
    (bytes[4], u16::from_le_bytes([bytes[18], bytes[19]]))
}

fn report_size(arch: &str, zip: &Path, bootstrap: &[u8]) {
    let zipped = fs::metadata(zip).unwrap().len();
    println!(
        "{arch} bootstrap: {} bytes, bootstrap.zip: {zipped} bytes",
        bootstrap.len()
    );
}

/// `lambkin-emulator ARGS` with `TMPDIR` set to `tmp` (where `--zip` unpacks).
fn emulator(tmp: &Path, args: &[&str]) -> Output {
    Command::new(EMULATOR)
        .args(args)
        .env("TMPDIR", tmp)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What `--zip` unpacked under `tmp` and left there (nothing, once it is done).
fn leftovers(tmp: &Path) -> Vec<PathBuf> {
    fs::read_dir(tmp)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("lambkin-zip-")
        })
        .collect()
}

#[test]
fn cargo_lambda_x86_64_zip_runs_under_the_emulator() {
    let zip = cargo_lambda_build("x86_64", &[]);
    let (bootstrap, mode) = bootstrap_of(&zip);
    report_size("x86_64", &zip, &bootstrap);
    assert_eq!(elf_class_and_machine(&bootstrap), (2, 62), "x86-64 ELF");
    assert_eq!(mode & 0o111, 0o111, "executable bits in the zip: {mode:o}");
    if std::env::consts::ARCH != "x86_64" {
        return; // The emulator runs what this machine can; arm64 hosts run the other test's zip.
    }
    let tmp = TempDir::new("deploy-x86_64").unwrap();
    let events = tmp.0.join("events.jsonl");
    fs::write(&events, "{\"firstName\":\"Zip\"}\n{}\n").unwrap();
    let zip_arg = zip.to_string_lossy();
    let events_arg = events.to_string_lossy();
    let out = emulator(
        &tmp.0,
        &["invoke", "--zip", &zip_arg, "--event-file", &events_arg],
    );
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{stdout}\n{stderr}");
    let replies: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        replies,
        [
            serde_json::json!({"message": "Hello, Zip!"}),
            serde_json::json!({"message": "Hello, world!"}),
        ],
        "{stderr}"
    );
    assert_eq!(stderr.matches("REPORT RequestId: ").count(), 2, "{stderr}");
    assert_eq!(
        leftovers(&tmp.0),
        Vec::<PathBuf>::new(),
        "unpacked files left"
    );
}

#[test]
fn cargo_lambda_arm64_zip_is_an_aarch64_elf() {
    let zip = cargo_lambda_build("arm64", &["--arm64"]);
    let (bootstrap, mode) = bootstrap_of(&zip);
    report_size("arm64", &zip, &bootstrap);
    assert_eq!(elf_class_and_machine(&bootstrap), (2, 183), "AArch64 ELF");
    assert_eq!(mode & 0o111, 0o111, "executable bits in the zip: {mode:o}");
    if std::env::consts::ARCH != "x86_64" {
        return;
    }
    // On x86_64 the emulator says why it cannot run it instead of failing to exec.
    let tmp = TempDir::new("deploy-arm64").unwrap();
    let zip_arg = zip.to_string_lossy();
    let out = emulator(&tmp.0, &["invoke", "--zip", &zip_arg, "--event", "{}"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    assert!(
        stderr.contains("is built for aarch64 (arm64) but this machine is x86_64"),
        "{stderr}"
    );
    assert_eq!(
        leftovers(&tmp.0),
        Vec::<PathBuf>::new(),
        "unpacked files left"
    );
}

/// A package made here: a `bootstrap` script that records its working directory and starts
/// `misbehave.py` (a Runtime API client) by a path relative to it. Lambda's `/var/task` is the
/// unpacked directory: `LAMBDA_TASK_ROOT` and the working directory, gone afterwards.
#[test]
fn a_package_runs_from_its_unpacked_directory() {
    let tmp = TempDir::new("deploy-task-root").unwrap();
    let zip_path = tmp.0.join("function.zip");
    let mut zip = zip::ZipWriter::new(File::create(&zip_path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("bootstrap", options.unix_permissions(0o755))
        .unwrap();
    zip.write_all(
        b"#!/bin/sh\nexport PACKAGE_CWD=\"$(pwd)\"\nexec python3 function/misbehave.py\n",
    )
    .unwrap();
    zip.start_file("function/misbehave.py", options.unix_permissions(0o644))
        .unwrap();
    zip.write_all(&fs::read(PYTHON_FUNCTION).unwrap()).unwrap();
    zip.finish().unwrap();

    let zip_arg = zip_path.to_string_lossy();
    let out = emulator(
        &tmp.0,
        &[
            "invoke",
            "--zip",
            &zip_arg,
            "--event",
            r#"{"action":"env"}"#,
        ],
    );
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{stdout}\n{stderr}");
    let env: Value = serde_json::from_str(stdout.trim()).unwrap();
    let root = env["LAMBDA_TASK_ROOT"].as_str().unwrap();
    assert_eq!(env["PACKAGE_CWD"], root, "working directory");
    let tmp_real = tmp.0.canonicalize().unwrap();
    let under_tmp = Path::new(root).parent().unwrap().canonicalize().unwrap();
    assert_eq!(under_tmp, tmp_real, "unpacked under TMPDIR: {root}");
    assert!(!Path::new(root).exists(), "{root} left behind");
    assert_eq!(leftovers(&tmp.0), Vec::<PathBuf>::new());
}
