//! The shared state's lifecycle rules, without a server.

use super::*;

/// An invocation ended between its `/next` and its delivery (the function died) keeps its
/// outcome: delivery used to make it run again, with a deadline it then timed out at.
#[test]
fn an_invocation_ended_before_delivery_stays_ended() {
    let s = Shared::new(Duration::from_millis(50), false);
    s.lock().init_end = Some(Instant::now());
    s.enqueue("a".to_owned(), Invocation::new("{}"));
    let (id, _, _) = s.take_next().unwrap();
    s.end_running(|_| Outcome::Rejected { status: 502 });
    s.start(&id);
    assert_eq!(
        s.wait(&id, Duration::from_secs(1)),
        Ok(Outcome::Rejected { status: 502 })
    );
    assert_eq!(
        s.answer(&id, Outcome::TimedOut),
        Verdict::WrongState,
        "a late answer is refused"
    );
}

/// A caller waiting with a longer timeout than the function's, from before its invocation was
/// delivered, still learns of the timeout at the deadline: delivery wakes such a waiter (it
/// wakes no waiter whose own timeout comes first).
#[test]
fn a_waiter_from_before_delivery_sees_the_deadline() {
    const WAIT: Duration = Duration::from_secs(10);
    let s = std::sync::Arc::new(Shared::new(Duration::from_millis(200), false));
    // Init has ended: only delivery is left to wake the waiter below.
    s.lock().init_end = Some(Instant::now());
    s.enqueue("a".to_owned(), Invocation::new("{}"));
    let waiter = {
        let s = s.clone();
        std::thread::spawn(move || {
            let started = Instant::now();
            (s.wait("a", WAIT), started.elapsed())
        })
    };
    // The waiter is most likely asleep by now (nothing runs, so until its own timeout); if it
    // is not, it sees the deadline itself and the test proves less, never fails.
    std::thread::sleep(Duration::from_millis(100));
    let (id, _, _) = s.take_next().unwrap();
    s.start(&id);
    let (outcome, waited) = waiter.join().unwrap();
    assert_eq!(outcome, Ok(Outcome::TimedOut));
    assert!(
        waited < WAIT / 2,
        "woken {waited:?} after waiting, not at the deadline"
    );
}
