//! Running a future to completion on the calling thread, parking between polls: the blocking
//! transport's whole executor, and how host code with no executor of its own (the init error
//! report) drives a session.

use core::future::Future;
use core::pin::pin;
use core::task::{Context, Poll, Waker};
use std::sync::Arc;
use std::task::Wake;
use std::thread::{self, Thread};

struct Unpark(Thread);

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}

/// Runs `f` to completion on this thread. Its waker is made once per call, so a long-running
/// future (a worker's whole session) allocates nothing per poll. Over blocking streams the
/// future only waits when the handler does.
pub fn block_on<F: Future>(f: F) -> F::Output {
    let waker = Waker::from(Arc::new(Unpark(thread::current())));
    let mut f = pin!(f);
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
        // Spurious wake-ups only cost another poll.
        thread::park();
    }
}

/// [`block_on`] as a [`crate::BlockOn`], for [`crate::Runtime::serve_threads`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Parking;

impl crate::BlockOn for Parking {
    fn block_on<F: Future>(&self, f: F) -> F::Output {
        block_on(f)
    }
}
