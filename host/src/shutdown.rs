//! A user hook that runs when Lambda shuts the sandbox down.
//!
//! Lambda sends SIGTERM (and waits up to 500 ms before SIGKILL) only when an extension is
//! registered, so [`on_shutdown`] registers an internal extension with no events through
//! core's Extensions API client, keeps its `event/next` open on a thread (that call ends the
//! extension's init and never returns an event), and waits for SIGTERM (or SIGINT, for local
//! runs) on another. The hook then runs and the process exits 0. It needs no executor, so every
//! transport uses it.

use std::io;
use std::thread;

use embedded_io_adapters::std::FromStd;
use lambkin_core::Config;
use lambkin_core::extension::{self, DEFAULT_NAME};
use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::serve::connect_blocking;

/// Registers for shutdown and runs `hook` on SIGTERM, then exits with status 0.
///
/// Call it during init, in the closure given to any transport's `run_with_init`: Lambda
/// refuses extension registrations after the runtime's first `/next`.
pub fn on_shutdown(
    config: &Config<'static>,
    hook: impl FnOnce() + Send + 'static,
) -> io::Result<()> {
    let api = config.runtime_api;
    let mut buf = [0u8; 2048];
    let mut stream = FromStd::new(connect_blocking(&api)?);
    let id =
        extension::register(&mut stream, &api, DEFAULT_NAME, &mut buf).map_err(io::Error::other)?;
    let mut signals = Signals::new([SIGTERM, SIGINT])?;
    thread::Builder::new()
        .name("lambkin-extension".into())
        .spawn(move || {
            let mut buf = [0u8; 2048];
            // Lambda answers only at shutdown (if at all); whatever comes back, there is nothing
            // more to do here: the signal thread acts.
            let _ = extension::next_event(&mut stream, &api, &id, &mut buf);
        })?;
    thread::Builder::new()
        .name("lambkin-shutdown".into())
        .spawn(move || {
            if signals.forever().next().is_some() {
                hook();
                std::process::exit(0);
            }
        })?;
    Ok(())
}
