//! Building a subject: the user crate it is written as, cargo, and the stripped size.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::root;

pub(super) fn user_crate_dir(name: &str) -> PathBuf {
    root().join("target/benches").join(name).join("crate")
}

pub(super) fn canonical_root() -> Result<PathBuf, String> {
    root().canonicalize().map_err(|e| e.to_string())
}

/// A package `bin` holding `source` as its binary, depending on `lambkin` (a TOML dependency
/// line: the facade or lambkin-extension, with features; empty for none) and on `deps`, with
/// `features` (a `[features]` table, or nothing), locked to the workspace's versions (its
/// Cargo.lock, trimmed by cargo).
pub(super) fn write_user_crate(
    name: &str,
    source: &str,
    bin: &str,
    lambkin: &str,
    features: &str,
    deps: &[&str],
) -> Result<(), String> {
    let dir = user_crate_dir(name);
    let root = canonical_root()?;
    let manifest = format!(
        "[package]\nname = {bin:?}\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [[bin]]\nname = {bin:?}\npath = {path:?}\n\n\
         {features}[dependencies]\n{lambkin}\n{deps}\n\n\
         [profile.release]\ndebug = false\n\n[workspace]\n",
        path = root.join(source).display().to_string(),
        deps = deps.join("\n"),
    );
    let write = |path: PathBuf, text: &[u8]| {
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    write(dir.join("Cargo.toml"), manifest.as_bytes())?;
    let lock = std::fs::read(root.join("Cargo.lock")).map_err(|e| e.to_string())?;
    write(dir.join("Cargo.lock"), &lock)
}

/// Runs cargo and returns the last executable it reports.
pub(super) fn cargo(args: &[String], extra: &[&str]) -> Result<PathBuf, String> {
    let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(program)
        .args(args)
        .args(extra)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cargo: {e}"))?;
    if !out.status.success() {
        return Err(format!("cargo {} failed", args.join(" ")));
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|m| {
            m.get("executable")
                .and_then(|e| e.as_str())
                .map(PathBuf::from)
        })
        .next_back()
        .ok_or_else(|| format!("cargo {} built no executable", args.join(" ")))
}

/// Size after `strip` (binutils), without touching the built file.
pub(super) fn stripped_size(exe: &Path) -> Result<u64, String> {
    let out = exe.with_extension("stripped");
    let _ = std::fs::remove_file(&out);
    let status = Command::new("strip")
        .arg("-o")
        .arg(&out)
        .arg(exe)
        .status()
        .map_err(|e| format!("strip: {e}"))?;
    if !status.success() {
        return Err(format!("strip {} failed", exe.display()));
    }
    std::fs::metadata(&out)
        .map(|m| m.len())
        .map_err(|e| e.to_string())
}
