//! Running the handler's future on the worker thread: park until woken, catch panics.

use core::future::Future;
use core::pin::pin;
use core::task::{Context as TaskContext, Poll, Waker};
use std::io;
use std::net::TcpStream;
use std::sync::Arc;
use std::task::Wake;
use std::thread::{self, Thread};

use embedded_io_adapters::std::FromStd;
use lambkin_core::driver::{Abort, Platform};
use lambkin_core::{Context, Notice, RuntimeApi};

use crate::host;
use crate::runtime::Shared;

struct Unpark(Thread);

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}

/// One worker's platform: its waker is made once, so polling allocates nothing.
pub(crate) struct StdPlatform<'s> {
    waker: Waker,
    shared: &'s Shared,
    worker: usize,
}

impl<'s> StdPlatform<'s> {
    pub fn new(shared: &'s Shared, worker: usize) -> Self {
        Self {
            waker: Waker::from(Arc::new(Unpark(thread::current()))),
            shared,
            worker,
        }
    }
}

/// Runs `f` to completion on this thread, parking between polls.
pub(crate) fn block_on<F: Future>(f: F) -> F::Output {
    block_on_with(&Waker::from(Arc::new(Unpark(thread::current()))), f)
}

fn block_on_with<F: Future>(waker: &Waker, f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = TaskContext::from_waker(waker);
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
        // Spurious wake-ups only cost another poll.
        thread::park();
    }
}

impl Platform for StdPlatform<'_> {
    type Stream = FromStd<TcpStream>;
    type ConnectError = io::Error;

    fn connect(&mut self, api: &RuntimeApi<'_>) -> Result<Self::Stream, io::Error> {
        if self.shared.is_stopping() {
            return Err(io::Error::other("runtime is stopping"));
        }
        let stream = TcpStream::connect((api.host(), api.port()))?;
        stream.set_nodelay(true)?;
        self.shared.track(self.worker, &stream);
        Ok(FromStd::new(stream))
    }

    fn run<F: Future>(&mut self, ctx: &Context<'_>, f: F) -> Result<F::Output, Abort> {
        block_on_with(&self.waker, host::guarded(ctx, f))
    }

    fn notice(&mut self, notice: &Notice) {
        host::notice(notice);
    }
}
