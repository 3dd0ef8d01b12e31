//! Panic reporting. With unwinding, [`guarded`] catches the panic and the session reports it.
//! With `panic = "abort"` (what `cargo lambda build` sets) nothing can be caught, so the hook
//! itself sends the report on a fresh connection before the process aborts.

use core::any::Any;
use core::cell::RefCell;
use core::future::{Future, poll_fn};
use core::pin::pin;
use core::task::Poll;
use std::backtrace::Backtrace;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::string::String;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use lambkin_core::diagnostic::{Diagnostic, error_type};
use lambkin_core::driver::Abort;
use lambkin_core::request::{MAX_ID_LEN, ReportTarget, error_report};
use lambkin_core::{Context, RuntimeApi};

type Id = heapless::String<MAX_ID_LEN>;

#[derive(Default)]
struct Current {
    request_id: Option<Id>,
    invocation_id: Option<Id>,
    /// Set by the hook, read after `catch_unwind`: the message with its location.
    message: Option<String>,
    /// Set by the hook with the message: where the panic happened.
    backtrace: Option<Backtrace>,
}

thread_local! {
    static CURRENT: RefCell<Current> = RefCell::new(Current::default());
}

static API: OnceLock<RuntimeApi<'static>> = OnceLock::new();
static INITIALIZED: AtomicBool = AtomicBool::new(false);

/// Installs the hook once; later calls only update nothing.
pub(crate) fn install(api: RuntimeApi<'static>) {
    if API.set(api).is_err() {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info.to_string();
        // Captured always, not only under RUST_BACKTRACE: a panic is rare and its frames are
        // the report's `stackTrace`. Symbols are resolved only when a report is written.
        let backtrace = Backtrace::force_capture();
        if cfg!(panic = "abort") {
            report(&message, &backtrace);
        }
        // Runs on arbitrary threads, even during thread teardown: never panic here.
        let _ = CURRENT.try_with(|c| {
            if let Ok(mut c) = c.try_borrow_mut() {
                c.message = Some(message);
                c.backtrace = Some(backtrace);
            }
        });
        previous(info);
    }));
}

/// Init is over: a panic outside an invocation is no longer an init error.
pub(crate) fn initialized() {
    INITIALIZED.store(true, Ordering::Relaxed);
}

/// Clears the current invocation when dropped.
struct InvocationGuard(());

impl Drop for InvocationGuard {
    fn drop(&mut self) {
        let _ = CURRENT.try_with(|c| {
            if let Ok(mut c) = c.try_borrow_mut() {
                c.request_id = None;
                c.invocation_id = None;
            }
        });
    }
}

/// Records which invocation this thread runs (no allocation: ids are copied inline).
fn enter_invocation(ctx: &Context<'_>) -> InvocationGuard {
    let copy = |s: &str| Id::try_from(s).ok();
    let _ = CURRENT.try_with(|c| {
        if let Ok(mut c) = c.try_borrow_mut() {
            c.request_id = copy(ctx.request_id);
            c.invocation_id = ctx.invocation_id.and_then(copy);
        }
    });
    InvocationGuard(())
}

/// Awaits the handler's future `f` for the invocation `ctx`, catching a panic in any poll.
///
/// The invocation is recorded for the panic hook during each poll, not across awaits, so with
/// several invocations interleaved on one thread a panic is reported for the one that panicked.
pub async fn guarded<F: Future>(ctx: &Context<'_>, f: F) -> Result<F::Output, Abort> {
    let mut f = pin!(f);
    poll_fn(|cx| {
        let _current = enter_invocation(ctx);
        match catch_unwind(AssertUnwindSafe(|| f.as_mut().poll(cx))) {
            Ok(Poll::Ready(v)) => Poll::Ready(Ok(v)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(payload) => Poll::Ready(Err(Abort::new(
                error_type::PANIC,
                &message(payload.as_ref()),
            ))),
        }
    })
    .await
}

/// Awaits `f`, turning a panic into its message (init code).
pub async fn catch_panic<F: Future>(f: F) -> Result<F::Output, String> {
    let mut f = pin!(f);
    poll_fn(
        |cx| match catch_unwind(AssertUnwindSafe(|| f.as_mut().poll(cx))) {
            Ok(p) => p.map(Ok),
            Err(payload) => Poll::Ready(Err(message(payload.as_ref()))),
        },
    )
    .await
}

/// The message of a caught panic, with its location when the hook saw it.
fn message(payload: &(dyn Any + Send)) -> String {
    let recorded = CURRENT
        .try_with(|c| c.try_borrow_mut().ok().and_then(|mut c| c.message.take()))
        .ok()
        .flatten();
    recorded
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).into()))
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic with a non-string payload".into())
}

/// The frames of the last panic caught on this thread (empty if none was recorded).
pub fn take_frames() -> Vec<String> {
    CURRENT
        .try_with(|c| c.try_borrow_mut().ok().and_then(|mut c| c.backtrace.take()))
        .ok()
        .flatten()
        .map(|b| crate::backtrace::frames(&b))
        .unwrap_or_default()
}

/// Sends the error report for the current invocation (or init) and waits briefly for the
/// answer, so the report is not lost to the abort that follows.
fn report(message: &str, backtrace: &Backtrace) {
    let Some(api) = API.get() else { return };
    let ids = CURRENT
        .try_with(|c| {
            c.try_borrow()
                .ok()
                .map(|c| (c.request_id.clone(), c.invocation_id.clone()))
        })
        .ok()
        .flatten();
    let (request_id, invocation_id) = ids.unwrap_or_default();
    let target = match &request_id {
        Some(id) => ReportTarget::Invocation {
            request_id: id,
            invocation_id: invocation_id.as_deref(),
        },
        None if !INITIALIZED.load(Ordering::Relaxed) => ReportTarget::Init,
        // A panic between invocations or on another thread: nothing to report it to.
        None => return,
    };
    let frames = crate::backtrace::frames(backtrace);
    let diagnostic = Diagnostic::new(error_type::PANIC, &message).with_frames(&frames);
    let mut buf = vec![0u8; lambkin_core::session::HEAD_ROOM + 64 * 1024];
    let task_root = std::env::var("LAMBDA_TASK_ROOT").unwrap_or_default();
    let Some(range) = error_report(api, target, &diagnostic, &task_root, &mut buf) else {
        return;
    };
    let timeout = Duration::from_secs(2);
    let Ok(addr) = std::net::ToSocketAddrs::to_socket_addrs(&(api.host(), api.port())) else {
        return;
    };
    for addr in addr {
        if let Ok(mut s) = TcpStream::connect_timeout(&addr, timeout) {
            let sent = buf
                .get(range.clone())
                .is_some_and(|req| s.write_all(req).is_ok());
            if sent {
                let _ = s.set_read_timeout(Some(timeout));
                let _ = s.read(&mut [0u8; 512]);
            }
            return;
        }
    }
}
