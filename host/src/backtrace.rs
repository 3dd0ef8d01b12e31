//! Stack frames from a `std::backtrace::Backtrace`, for `stackTrace` and the X-Ray cause: one
//! `label at path:line:col` line per frame, innermost first, without the frames of the panic
//! machinery and of lambkin's own guard.

use std::backtrace::Backtrace;
use std::string::String;
use std::vec::Vec;

/// Most frames kept; deeper ones are runtime and executor plumbing.
pub const MAX_FRAMES: usize = 64;

/// The frames of `backtrace` (empty when it was not captured).
pub fn frames(backtrace: &Backtrace) -> Vec<String> {
    parse(&backtrace.to_string())
}

/// Frames from `Backtrace`'s text form: `   N: label` lines, each followed by an optional
/// `             at path:line:col` line.
pub fn parse(text: &str) -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(at) = line.strip_prefix("at ") {
            if let Some(last) = all.last_mut().filter(|f| !f.contains(" at ")) {
                last.push_str(" at ");
                last.push_str(at);
            }
        } else if let Some((n, label)) = line.split_once(": ")
            && n.bytes().all(|b| b.is_ascii_digit())
            && !n.is_empty()
        {
            all.push(label.into());
        }
    }
    // The guard and the executor sit beyond the handler; the panic machinery (and the capture
    // itself) runs between the code that panicked and the hook.
    let end = all
        .iter()
        .position(|f| GUARD.iter().any(|g| f.starts_with(g)))
        .unwrap_or(all.len());
    let inner = all.get(..end).unwrap_or_default();
    let start = inner
        .iter()
        .rposition(|f| MACHINERY.iter().any(|m| f.starts_with(m)))
        .map_or(0, |i| i + 1);
    let kept = inner.get(start..).unwrap_or_default();
    kept.iter().take(MAX_FRAMES).cloned().collect()
}

const MACHINERY: &[&str] = &[
    "std::backtrace",
    "std::panicking::",
    "core::panicking::",
    "std::sys::backtrace::",
    "rust_begin_unwind",
    "__rustc::",
    "anyhow::",
    "eyre::",
];

const GUARD: &[&str] = &[
    "lambkin_host::panic::guarded",
    "lambkin_host::panic::catch_panic",
    "std::panic::catch_unwind",
    "std::panicking::catch_unwind",
    "std::panicking::try",
    "lambkin_core::handler::invoke",
    "lambkin_core::driver::",
];

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "   0: std::backtrace_rs::backtrace::libunwind::trace
             at /rustc/x/library/std/src/../../backtrace/src/backtrace/libunwind.rs:117:9
   1: std::backtrace::Backtrace::create
             at /rustc/x/library/std/src/backtrace.rs:331:13
   2: lambkin_host::panic::install::{{closure}}
             at ./host/src/panic.rs:47:27
   3: std::panicking::rust_panic_with_hook
   4: core::panicking::panic_fmt
             at /rustc/x/library/core/src/panicking.rs:75:14
   5: my_fn::handler::{{closure}}
             at ./src/main.rs:12:9
   6: <my_fn::Hello as lambkin_core::handler::Handler>::call
   7: lambkin_host::panic::guarded::{{closure}}
             at ./host/src/panic.rs:99:1
   8: main
";

    #[test]
    fn frames_between_the_panic_and_the_guard() {
        assert_eq!(
            parse(SAMPLE),
            [
                "my_fn::handler::{{closure}} at ./src/main.rs:12:9",
                "<my_fn::Hello as lambkin_core::handler::Handler>::call",
            ]
        );
    }

    #[test]
    fn a_backtrace_not_captured_has_no_frames() {
        assert!(parse("disabled backtrace").is_empty());
        assert!(parse("").is_empty());
    }

    #[test]
    fn a_captured_backtrace_names_this_test() {
        let frames = frames(&Backtrace::force_capture());
        assert!(
            frames
                .iter()
                .any(|f| f.contains("a_captured_backtrace_names_this_test")),
            "{frames:#?}"
        );
    }
}
