//! The callers of the faults section, over the Invoke API as real clients (HTTP/1.1 over TCP,
//! written by hand so every byte is ours): keep-alive background callers that check each
//! answer is their own event, a one-shot caller, and the caller that sends one byte at a time.

use std::io::{BufReader, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::invoke_api::{Answer, Conn, read_answer, request};

/// How long any caller waits for an answer before it counts the invocation as lost.
pub(super) const ANSWER: Duration = Duration::from_secs(15);

/// One invocation on a fresh connection, on its own thread.
pub(super) fn invoke_once(addr: &str, event: Vec<u8>) -> JoinHandle<Result<Answer, String>> {
    let addr = addr.to_owned();
    thread::spawn(move || Conn::connect(&addr, ANSWER)?.invoke(&event))
}

/// What the background callers counted.
#[derive(Default)]
struct Counts {
    /// Answered with the caller's own event.
    right: AtomicU64,
    /// Anything else: a wrong answer, an error, a lost connection.
    wrong: AtomicU64,
    /// The first few wrong answers, for the error message.
    why: Mutex<Vec<String>>,
    /// When each right answer came and how long it took.
    latencies: Mutex<Vec<(Instant, Duration)>>,
}

/// Callers invoking continuously, each on its own keep-alive connection, with unique events.
pub(super) struct Callers {
    stop: Arc<AtomicBool>,
    counts: Arc<Counts>,
    threads: Vec<JoinHandle<()>>,
}

impl Callers {
    /// `n` callers, each pausing `pause` between its invocations.
    pub(super) fn start(addr: &str, n: usize, pause: Duration, tag: &str) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let counts = Arc::new(Counts::default());
        let threads = (0..n)
            .map(|c| {
                let (stop, counts) = (Arc::clone(&stop), Arc::clone(&counts));
                let (addr, tag) = (addr.to_owned(), tag.to_owned());
                thread::spawn(move || call(&addr, &format!("{tag}-{c}"), pause, &stop, &counts))
            })
            .collect();
        Self {
            stop,
            counts,
            threads,
        }
    }

    /// Invocations answered with their own event so far.
    pub(super) fn right(&self) -> u64 {
        self.counts.right.load(Ordering::SeqCst)
    }

    /// Invocations that went wrong so far.
    pub(super) fn wrong(&self) -> u64 {
        self.counts.wrong.load(Ordering::SeqCst)
    }

    /// Waits up to `limit` for one more right answer than `seen`; how long it took.
    pub(super) fn next_after(&self, seen: u64, limit: Duration) -> Result<Duration, String> {
        let started = Instant::now();
        while self.right() <= seen {
            if started.elapsed() > limit {
                return Err(format!("no caller was answered for {limit:?}"));
            }
            thread::sleep(Duration::from_millis(1));
        }
        Ok(started.elapsed())
    }

    /// Latencies of the right answers that came between `from` and `to`, sorted.
    pub(super) fn latencies(&self, from: Instant, to: Instant) -> Vec<Duration> {
        let all = self
            .counts
            .latencies
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let mut got: Vec<Duration> = all
            .iter()
            .filter(|(at, _)| (from..to).contains(at))
            .map(|(_, d)| *d)
            .collect();
        got.sort_unstable();
        got
    }

    /// Stops the callers (each finishes the invocation it has in flight): right and wrong
    /// counts, or the first wrong answers.
    pub(super) fn stop(mut self) -> Result<(u64, u64), String> {
        self.stop.store(true, Ordering::SeqCst);
        for t in core::mem::take(&mut self.threads) {
            t.join().map_err(|_| "a caller panicked")?;
        }
        let why = self
            .counts
            .why
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match why.first() {
            None => Ok((self.right(), self.wrong())),
            Some(first) => Err(format!(
                "{} background invocation(s) went wrong, first: {first}",
                self.wrong()
            )),
        }
    }
}

fn call(addr: &str, name: &str, pause: Duration, stop: &AtomicBool, counts: &Counts) {
    let mut conn: Option<Conn> = None;
    let mut n = 0u64;
    while !stop.load(Ordering::SeqCst) {
        n += 1;
        let event = format!(r#"{{"caller":"{name}","n":{n}}}"#).into_bytes();
        let started = Instant::now();
        let got = match conn.as_mut() {
            Some(c) => c.invoke(&event),
            None => Conn::connect(addr, ANSWER).and_then(|c| conn.insert(c).invoke(&event)),
        };
        let problem = match got {
            Ok(a) if a.status == 200 && !a.function_error && a.body == event => {
                counts.right.fetch_add(1, Ordering::SeqCst);
                counts
                    .latencies
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push((Instant::now(), started.elapsed()));
                None
            }
            Ok(a) => Some(format!("{name} #{n}: {}", a.describe(&event))),
            Err(e) => {
                conn = None;
                Some(format!("{name} #{n}: {e}"))
            }
        };
        if let Some(problem) = problem {
            counts.wrong.fetch_add(1, Ordering::SeqCst);
            let mut why = counts.why.lock().unwrap_or_else(PoisonError::into_inner);
            if why.len() < 5 {
                why.push(problem);
            }
        }
        thread::sleep(pause);
    }
}

/// The slow caller's result: its answer, how long sending took and how long in all.
pub(super) struct Slow {
    pub(super) answer: Answer,
    pub(super) event: Vec<u8>,
    pub(super) bytes: usize,
    pub(super) sending: Duration,
    pub(super) total: Duration,
}

/// A caller that writes its whole request one byte every `gap`, then reads its answer.
pub(super) fn slow(addr: &str, event: Vec<u8>, gap: Duration) -> JoinHandle<Result<Slow, String>> {
    let addr = addr.to_owned();
    thread::spawn(move || {
        let started = Instant::now();
        let mut s = TcpStream::connect(&addr).map_err(|e| format!("connect: {e}"))?;
        let _ = s.set_nodelay(true);
        let bytes = request(&event);
        for b in &bytes {
            s.write_all(core::slice::from_ref(b))
                .map_err(|e| format!("send: {e}"))?;
            thread::sleep(gap);
        }
        let sending = started.elapsed();
        s.set_read_timeout(Some(ANSWER))
            .map_err(|e| e.to_string())?;
        let answer = read_answer(&mut BufReader::new(s))?;
        Ok(Slow {
            answer,
            event,
            bytes: bytes.len(),
            sending,
            total: started.elapsed(),
        })
    })
}

/// Threads of this process named `rie-conn`: the emulator's open Invoke API connections.
pub(super) fn connection_threads() -> usize {
    std::fs::read_dir("/proc/self/task").map_or(0, |tasks| {
        tasks
            .flatten()
            .filter_map(|t| std::fs::read_to_string(t.path().join("comm")).ok())
            .filter(|name| name.trim() == "rie-conn")
            .count()
    })
}
