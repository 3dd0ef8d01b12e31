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
