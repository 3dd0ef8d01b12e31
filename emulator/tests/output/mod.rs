//! Reading what `lambkin-emulator invoke` prints: responses on stdout, Lambda's lines on stderr.
#![allow(dead_code, clippy::unwrap_used)]

use std::process::Output;

use serde_json::Value;

pub fn lines(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(str::to_owned)
        .collect()
}

pub fn payloads(out: &Output) -> Vec<Value> {
    lines(&out.stdout)
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

pub fn reports(out: &Output) -> Vec<String> {
    lines(&out.stderr)
        .into_iter()
        .filter(|l| l.starts_with("REPORT RequestId: "))
        .collect()
}

/// A REPORT field's number, e.g. `field(line, "Max Memory Used")`.
pub fn field(report: &str, name: &str) -> Option<f64> {
    let rest = report
        .split('\t')
        .find_map(|f| f.strip_prefix(name)?.strip_prefix(": "))?;
    rest.split(' ').next()?.parse().ok()
}

/// Runs `lambkin-emulator invoke --example EXAMPLE --features FEATURES` from the repository
/// root, invoking it once per event (one JSON document per line on stdin), in order.
pub fn invoke_example(example: &str, features: &str, events: &[Value]) -> Output {
    invoke_example_with(example, features, &[], events)
}

/// [`invoke_example`] with more emulator options (`--env K=V`, say).
pub fn invoke_example_with(
    example: &str,
    features: &str,
    options: &[&str],
    events: &[Value],
) -> Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut child = Command::new(env!("CARGO_BIN_EXE_lambkin-emulator"))
        .current_dir(root)
        .arg("invoke")
        .args(options)
        .args(["--example", example, "--features", features])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for event in events {
        writeln!(stdin, "{event}").unwrap();
    }
    drop(stdin);
    child.wait_with_output().unwrap()
}

/// The request ids of the invocations, in order, from the REPORT lines.
pub fn request_ids(out: &Output) -> Vec<String> {
    reports(out)
        .iter()
        .map(|r| {
            let rest = r.strip_prefix("REPORT RequestId: ").unwrap();
            rest.split('\t').next().unwrap().trim().to_owned()
        })
        .collect()
}
