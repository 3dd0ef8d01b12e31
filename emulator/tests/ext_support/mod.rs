//! What the tests of external extensions share: a directory of extension fixtures, an
//! `invoke` run with it, and the events the fixtures log.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub const FUNCTION: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/misbehave.py");
pub const EXTENSION: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/extension.py");

/// A fresh directory holding the extension fixture under each of `names`, and the event log
/// the extensions write.
pub fn extensions(test: &str, names: &[&str]) -> (PathBuf, PathBuf) {
    let root = std::env::temp_dir().join(format!("lambkin-ext-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let dir = root.join("extensions");
    std::fs::create_dir_all(&dir).unwrap();
    for name in names {
        std::os::unix::fs::symlink(EXTENSION, dir.join(name)).unwrap();
    }
    // Not executable: Lambda (and the emulator) start only executables.
    std::fs::write(dir.join("README"), "not an extension").unwrap();
    (dir, root.join("events.log"))
}

pub fn run(dir: &Path, log: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lambkin-emulator"))
        .arg("invoke")
        .args(["--extensions", dir.to_str().unwrap()])
        .args(["--env", &format!("EXT_LOG={}", log.display())])
        .args(args)
        .args(["--", "python3", FUNCTION])
        .output()
        .unwrap()
}

/// The events each extension logged: (name, time, event), in the order written.
pub fn events(log: &Path) -> Vec<(String, f64, Value)> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .map(|l| {
            let mut parts = l.splitn(3, ' ');
            let name = parts.next().unwrap().to_owned();
            let time = parts.next().unwrap().parse().unwrap();
            (
                name,
                time,
                serde_json::from_str(parts.next().unwrap()).unwrap(),
            )
        })
        .collect()
}

pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}
