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
