//! SnapStart hooks: code that runs before Lambda snapshots the initialized sandbox and after it
//! restores one, for every transport.
//!
//! With `AWS_LAMBDA_INITIALIZATION_TYPE=snap-start`, [`Runtime::init`](crate::Runtime::init)
//! ends init this way, as the official runtimes do: the [`before_checkpoint`] hooks run in
//! reverse registration order, then the runtime calls `GET /runtime/restore/next` (the
//! snapshot is taken while it waits; it answers once restored), then the [`after_restore`]
//! hooks run in registration order, and the first `/next` follows. A before-checkpoint failure
//! (an `Err` or a panic) is reported to `/runtime/init/error` as
//! `Runtime.BeforeCheckpointError`, an after-restore failure to `/runtime/restore/error` as
//! `Runtime.AfterRestoreError`; either way the runtime stops. Without SnapStart the hooks
//! never run.

use core::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;

use embedded_io_adapters::std::FromStd;
use lambkin_core::diagnostic::Diagnostic;
use lambkin_core::restore::{self, RestoreError};
use lambkin_core::{Config, config::InitializationType};

use crate::runtime::RunError;
use crate::serve::connect_blocking;

type Hook = Box<dyn FnOnce() -> Result<(), String> + Send>;

static BEFORE: Mutex<Vec<Hook>> = Mutex::new(Vec::new());
static AFTER: Mutex<Vec<Hook>> = Mutex::new(Vec::new());

/// The error type a failed before-checkpoint hook is reported with.
pub const BEFORE_CHECKPOINT_ERROR: &str = "Runtime.BeforeCheckpointError";
/// The error type a failed after-restore hook is reported with.
pub const AFTER_RESTORE_ERROR: &str = "Runtime.AfterRestoreError";

fn add<E: fmt::Display>(
    hooks: &Mutex<Vec<Hook>>,
    hook: impl FnOnce() -> Result<(), E> + Send + 'static,
) {
    let hook: Hook = Box::new(move || hook().map_err(|e| e.to_string()));
    hooks.lock().unwrap_or_else(|e| e.into_inner()).push(hook);
}

/// Registers `hook` to run before the snapshot (close connections, drop what must not be
/// shared between restored copies). Hooks run in reverse registration order. Register during
/// init, in the closure given to a transport's `run_with_init`.
pub fn before_checkpoint<E: fmt::Display>(hook: impl FnOnce() -> Result<(), E> + Send + 'static) {
    add(&BEFORE, hook);
}

/// Registers `hook` to run after a restore, before the first invocation (reconnect, reseed
/// randomness). Hooks run in registration order.
pub fn after_restore<E: fmt::Display>(hook: impl FnOnce() -> Result<(), E> + Send + 'static) {
    add(&AFTER, hook);
}

/// Runs `hooks` in order; the first failure's message.
fn run_all(hooks: impl Iterator<Item = Hook>) -> Result<(), String> {
    for hook in hooks {
        match catch_unwind(AssertUnwindSafe(hook)) {
            Ok(Ok(())) => {}
            Ok(Err(message)) => return Err(message),
            Err(panic) => {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "hook panicked".to_owned());
                return Err(format!("panicked: {message}"));
            }
        }
    }
    Ok(())
}

fn take(hooks: &Mutex<Vec<Hook>>) -> Vec<Hook> {
    std::mem::take(&mut *hooks.lock().unwrap_or_else(|e| e.into_inner()))
}

/// The end of a SnapStart init (see the module docs); nothing without SnapStart.
pub(crate) fn checkpoint_and_restore(runtime: &crate::Runtime) -> Result<(), RunError> {
    let config: &Config<'static> = runtime.config();
    if config.initialization_type != InitializationType::SnapStart {
        return Ok(());
    }
    if let Err(message) = run_all(take(&BEFORE).into_iter().rev()) {
        return Err(runtime.init_failed(BEFORE_CHECKPOINT_ERROR, &message));
    }
    let api = config.runtime_api;
    let failed = |e: RestoreError| RunError::Restore(std::io::Error::other(e));
    let mut stream = FromStd::new(connect_blocking(&api).map_err(RunError::Restore)?);
    let (mut tx, mut rx) = (vec![0u8; 64 * 1024], vec![0u8; 4096]);
    let n = restore::next_request(&api, &mut tx).map_err(failed)?;
    restore::exchange(&mut stream, tx.get(..n).unwrap_or_default(), &mut rx).map_err(failed)?;
    if let Err(message) = run_all(take(&AFTER).into_iter()) {
        let diagnostic = Diagnostic::new(AFTER_RESTORE_ERROR, &message);
        let sent = restore::error_request(&api, &diagnostic, &mut tx).and_then(|range| {
            restore::exchange(&mut stream, tx.get(range).unwrap_or_default(), &mut rx)
        });
        if let Err(e) = sent {
            crate::warn(&format_args!("could not report the restore error: {e}"));
        }
        return Err(RunError::RestoreHook);
    }
    Ok(())
}
