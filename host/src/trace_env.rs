//! `_X_AMZN_TRACE_ID`: the AWS SDKs and X-Ray clients read the current invocation's trace
//! header from the process environment, so it is set for each invocation, as Lambda's runtimes
//! do, when one invocation runs at a time. Under `AWS_LAMBDA_MAX_CONCURRENCY > 1` one variable
//! cannot belong to several invocations: it stays unset, and `Context::trace_id` is the value.
//!
//! # Why the `unsafe` is sound enough to keep, and where it is not
//! `std::env::set_var` is `unsafe` (edition 2024) because another thread may read the
//! environment at the same moment through libc (`getenv`, e.g. inside `getaddrinfo`), which
//! takes no lock; readers through `std::env` share std's lock and are safe. lambkin calls it
//! only between invocations, with one worker, before the handler's future is first polled:
//! lambkin's own threads (the SIGTERM watcher) never read the environment, and the executors
//! (std: none; smol, tokio: one current-thread runtime) run nothing else at that moment. What
//! remains is a thread the function started itself, still running from an earlier invocation
//! and calling into libc's environment then; a function with such threads should set
//! `LAMBKIN_TRACE_ENV=0`, which turns this off, and read the trace id from the context.

#![allow(unsafe_code)]

use std::sync::OnceLock;

use lambkin_core::Context;

const VAR: &str = "_X_AMZN_TRACE_ID";

/// Whether this process sets the variable: one invocation at a time, not turned off.
fn enabled(ctx: &Context<'_>) -> bool {
    static OFF: OnceLock<bool> = OnceLock::new();
    let off = *OFF.get_or_init(|| std::env::var("LAMBKIN_TRACE_ENV").is_ok_and(|v| v == "0"));
    !off && ctx.config.max_concurrency <= 1
}

/// Sets (or, with no trace header, removes) `_X_AMZN_TRACE_ID` for the invocation `ctx`.
pub(crate) fn enter(ctx: &Context<'_>) {
    if !enabled(ctx) {
        return;
    }
    let current = std::env::var_os(VAR);
    match ctx.trace_id {
        // Unchanged (a retry, or the same trace): no write at all.
        Some(id) if current.as_deref() == Some(id.as_ref()) => {}
        // A value with NUL would make set_var panic; such a header is not a trace id.
        Some(id) if id.contains('\0') => remove(current.is_some()),
        // SAFETY: see the module comment: one worker, between invocations, no runtime threads
        // reading the environment.
        Some(id) => unsafe { std::env::set_var(VAR, id) },
        None => remove(current.is_some()),
    }
}

fn remove(present: bool) {
    if present {
        // SAFETY: as for set_var above.
        unsafe { std::env::remove_var(VAR) }
    }
}
