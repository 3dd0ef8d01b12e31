//! `_X_AMZN_TRACE_ID`: the AWS SDKs and X-Ray clients read the current invocation's trace
//! header from the process environment, so it is set for each invocation, as Lambda's runtimes
//! do, when one invocation runs at a time. Under `AWS_LAMBDA_MAX_CONCURRENCY > 1` one variable
//! cannot belong to several invocations: it stays unset, and `Context::trace_id` is the value.
//!
//! # Not `set_var`: it leaks
//! glibc's `setenv` never frees a value it replaces (a `getenv` caller may still hold it), so
//! `std::env::set_var` with a new trace id per invocation leaks about 150 bytes each time: a
//! million invocations, 150 MB, more than a 128 MB function has. (The official runtime does
//! exactly that.) Instead one buffer, allocated once, is put into the environment with
//! `putenv` (which keeps the caller's string), and each invocation's value is written into it.
//! No allocation per invocation, nothing leaked. Only an id longer than the buffer (never
//! seen: real ones are under 200 bytes) goes through `set_var`.
//!
//! # Why the `unsafe` is sound enough to keep, and where it is not
//! Writing the environment is `unsafe` (edition 2024) because another thread may read it at
//! the same moment through libc (`getenv`, e.g. inside `getaddrinfo`), which takes no lock.
//! lambkin writes it only between invocations, with one worker, before the handler's future is
//! first polled: lambkin's own threads (the SIGTERM watcher) never read the environment, and
//! the executors (std: none; smol, tokio: one current-thread runtime) run nothing else at that
//! moment. What remains is a thread the function started itself, still running from an earlier
//! invocation and reading the environment then; a function with such threads should set
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
    match ctx.trace_id {
        // NUL cannot be in an environment value; such a header is not a trace id.
        Some(id) if !id.contains('\0') => set(id),
        _ => remove(),
    }
}

#[cfg(unix)]
use unix::{remove, set};

#[cfg(unix)]
mod unix {
    use core::ffi::{CStr, c_char};
    use core::ptr;
    use core::sync::atomic::{AtomicPtr, Ordering};

    /// The variable's name for libc.
    const NAME: &CStr = c"_X_AMZN_TRACE_ID";
    /// `NAME=`, the start of the environment entry.
    const PREFIX: &[u8] = b"_X_AMZN_TRACE_ID=";
    /// Longest value the buffer holds.
    const CAP: usize = 1024;

    /// The environment entry `NAME=value\0`, allocated once and never freed (the environment
    /// may point into it for the life of the process).
    static ENTRY: AtomicPtr<u8> = AtomicPtr::new(ptr::null_mut());

    fn entry() -> *mut u8 {
        let current = ENTRY.load(Ordering::Acquire);
        if !current.is_null() {
            return current;
        }
        let mut buf = vec![0u8; PREFIX.len() + CAP + 1].into_boxed_slice();
        if let Some(prefix) = buf.get_mut(..PREFIX.len()) {
            prefix.copy_from_slice(PREFIX);
        }
        let fresh = Box::leak(buf).as_mut_ptr();
        // One worker calls this; were there a race, the loser's buffer would only be unused.
        match ENTRY.compare_exchange(ptr::null_mut(), fresh, Ordering::AcqRel, Ordering::Acquire) {
            Ok(_) => fresh,
            Err(won) => won,
        }
    }

    pub(super) fn set(id: &str) {
        if id.len() > CAP {
            // SAFETY: see the module comment: one worker, between invocations.
            unsafe { std::env::set_var(super::VAR, id) };
            return;
        }
        let entry = entry();
        // SAFETY: `entry` points to PREFIX.len() + CAP + 1 bytes that live forever; the value
        // and its NUL fit (id.len() <= CAP). The environment is only touched between
        // invocations by the one worker (module comment), so nothing reads it meanwhile.
        unsafe {
            let value = entry.add(PREFIX.len());
            // Still our entry? The function may have set the variable itself since.
            let visible = libc::getenv(NAME.as_ptr()).cast::<u8>() == value;
            ptr::copy_nonoverlapping(id.as_ptr(), value, id.len());
            *value.add(id.len()) = 0;
            if !visible {
                // The first time, or after `remove` or the function's own `set_var`.
                libc::putenv(entry.cast::<c_char>());
            }
        }
    }

    pub(super) fn remove() {
        // SAFETY: as for `set`; `unsetenv` only drops the entry (the buffer stays ours).
        unsafe {
            if !libc::getenv(NAME.as_ptr()).is_null() {
                libc::unsetenv(NAME.as_ptr());
            }
        }
    }
}

#[cfg(not(unix))]
fn set(id: &str) {
    // SAFETY: see the module comment: one worker, between invocations.
    unsafe { std::env::set_var(VAR, id) }
}

#[cfg(not(unix))]
fn remove() {
    // SAFETY: as for `set`.
    unsafe { std::env::remove_var(VAR) }
}
