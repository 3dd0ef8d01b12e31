//! Many worker futures on one task, each with its own waker: a wake queues only the worker it
//! belongs to, and a poll of the whole set polls only the queued ones. So an idle worker (its
//! `/next` outstanding) costs nothing when another is woken.
//!
//! Everything is allocated once when the set is built: each worker's waker, and two queues with
//! room for every worker (a worker is queued at most once, so they never grow).

use core::future::{Future, poll_fn};
use core::mem;
use core::pin::Pin;
use core::sync::atomic::{AtomicBool, Ordering};
use core::task::{Context, Poll, Waker};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::Wake;

/// What the workers share: the queue of woken ones, and the waker of the task polling them.
struct Shared {
    ready: Mutex<Vec<usize>>,
    parent: Mutex<Option<Waker>>,
}

/// One worker's waker.
struct WorkerWake {
    id: usize,
    /// Set while the worker is in the ready queue, so repeated wakes queue it once.
    queued: AtomicBool,
    shared: Arc<Shared>,
}

impl Wake for WorkerWake {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if self.queued.swap(true, Ordering::AcqRel) {
            return;
        }
        // A poisoned lock only means a panic elsewhere while it was held; the queue is intact.
        lock(&self.shared.ready).push(self.id);
        if let Some(parent) = lock(&self.shared.parent).as_ref() {
            parent.wake_by_ref();
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Polls `futures` together on the calling task until the first finishes, and gives its output.
/// Only the futures woken since the last poll are polled again.
pub async fn first_of<F: Future>(futures: Vec<F>) -> F::Output {
    let n = futures.len();
    let shared = Arc::new(Shared {
        // Every worker starts queued: each must be polled once to register interest.
        ready: Mutex::new((0..n).collect()),
        parent: Mutex::new(None),
    });
    let wakers: Vec<(Arc<WorkerWake>, Waker)> = (0..n)
        .map(|id| {
            let w = Arc::new(WorkerWake {
                id,
                queued: AtomicBool::new(true),
                shared: Arc::clone(&shared),
            });
            (Arc::clone(&w), Waker::from(w))
        })
        .collect();
    let mut futures: Vec<Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut batch: Vec<usize> = Vec::with_capacity(n);
    poll_fn(|cx| {
        {
            let mut parent = lock(&shared.parent);
            // Cloned only when the polling task changes (normally once).
            if !parent.as_ref().is_some_and(|p| p.will_wake(cx.waker())) {
                *parent = Some(cx.waker().clone());
            }
        }
        // Swapped, not drained under the lock: a worker woken while polled is queued anew.
        mem::swap(&mut *lock(&shared.ready), &mut batch);
        for id in batch.drain(..) {
            let (Some((wake, waker)), Some(fut)) = (wakers.get(id), futures.get_mut(id)) else {
                continue;
            };
            // Cleared before the poll, so a wake during it queues the worker again.
            wake.queued.store(false, Ordering::Release);
            if let Poll::Ready(out) = fut.as_mut().poll(&mut Context::from_waker(waker)) {
                return Poll::Ready(out);
            }
        }
        Poll::Pending
    })
    .await
}

#[cfg(test)]
// A failed expectation is a panic with a message.
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use core::cell::Cell;

    /// A future that counts its polls and finishes once `go` is set, waking itself when told.
    struct Counted<'a> {
        polls: &'a Cell<u32>,
        go: &'a Cell<bool>,
        waker: &'a Cell<Option<Waker>>,
    }

    impl Future for Counted<'_> {
        type Output = u32;
        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
            self.polls.set(self.polls.get() + 1);
            if self.go.get() {
                return Poll::Ready(self.polls.get());
            }
            self.waker.set(Some(cx.waker().clone()));
            Poll::Pending
        }
    }

    #[test]
    fn a_wake_polls_only_the_woken_future() {
        let polls: Vec<Cell<u32>> = (0..4).map(|_| Cell::new(0)).collect();
        let go: Vec<Cell<bool>> = (0..4).map(|_| Cell::new(false)).collect();
        let wakers: Vec<Cell<Option<Waker>>> = (0..4).map(|_| Cell::new(None)).collect();
        let futs: Vec<_> = (0..4)
            .map(|i| Counted {
                polls: &polls[i],
                go: &go[i],
                waker: &wakers[i],
            })
            .collect();
        let mut all = Box::pin(first_of(futs));
        let mut cx = Context::from_waker(Waker::noop());
        assert!(all.as_mut().poll(&mut cx).is_pending());
        assert!(polls.iter().all(|p| p.get() == 1));
        // Nothing woken: a poll of the set polls nobody.
        assert!(all.as_mut().poll(&mut cx).is_pending());
        assert!(polls.iter().all(|p| p.get() == 1));
        // Worker 2 woken twice: polled once, the others not at all.
        let w = wakers[2].take().unwrap();
        w.wake_by_ref();
        w.wake();
        assert!(all.as_mut().poll(&mut cx).is_pending());
        let counts: Vec<u32> = polls.iter().map(Cell::get).collect();
        assert_eq!(counts, [1, 1, 2, 1]);
        // Worker 3 finishes when woken.
        go[3].set(true);
        wakers[3].take().unwrap().wake();
        assert_eq!(all.as_mut().poll(&mut cx), Poll::Ready(2));
        let counts: Vec<u32> = polls.iter().map(Cell::get).collect();
        assert_eq!(counts, [1, 1, 2, 2]);
    }
}
