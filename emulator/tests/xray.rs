//! `_X_AMZN_TRACE_ID` as the AWS SDK sees it, in a real function process run by the emulator:
//! each invocation's own trace header with one worker, unset under concurrency.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, missing_docs)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod output;

use std::process::Command;

use output::payloads;
use serde_json::Value;

fn run(transport: &str, extra: &[&str]) -> Vec<Value> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let out = Command::new(env!("CARGO_BIN_EXE_lambkin-emulator"))
        .current_dir(root)
        .args(["invoke", "--event", "{}", "--repeat", "3"])
        .args(extra)
        .args(["--example", "xray", "--features", transport])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    payloads(&out)
}

#[test]
fn each_invocation_sets_its_own_trace_id_with_one_worker() {
    for transport in ["std", "smol", "tokio"] {
        let seen = run(transport, &[]);
        assert_eq!(seen.len(), 3, "{transport}");
        for ids in &seen {
            let context = ids["context"].as_str().unwrap();
            assert!(context.starts_with("Root=1-"), "{transport}: {ids}");
            assert_eq!(ids["env"], ids["context"], "{transport}");
        }
        // Not one value left over from the first invocation.
        assert_ne!(seen[0]["env"], seen[1]["env"], "{transport}");
        assert_ne!(seen[1]["env"], seen[2]["env"], "{transport}");
    }
}

#[test]
fn concurrent_workers_leave_it_unset() {
    for transport in ["std", "tokio"] {
        for ids in run(transport, &["--concurrency", "2"]) {
            assert!(ids["context"].is_string(), "{transport}: {ids}");
            assert!(ids["env"].is_null(), "{transport}: {ids}");
        }
    }
}

#[test]
fn lambkin_trace_env_0_turns_it_off() {
    for ids in run("std", &["--env", "LAMBKIN_TRACE_ENV=0"]) {
        assert!(ids["context"].is_string(), "{ids}");
        assert!(ids["env"].is_null(), "{ids}");
    }
}
