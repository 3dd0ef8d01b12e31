//! Heap allocations per invocation, counted on the worker thread with a thread-local counter
//! (global counters flake under the parallel test harness; see DESIGN.md).
#![allow(
    unsafe_code,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use lambkin_core::{Config, Context, Handler};
use lambkin_emulator::{Emulator, Fault, Invocation, Outcome};
use lambkin_std::Runtime;
use serde::ser::{Serialize, SerializeMap, Serializer};

thread_local! {
    static ALLOCS: Cell<u64> = const { Cell::new(0) };
}

struct Counting;

// SAFETY: forwards to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCS.try_with(|c| c.set(c.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCS.try_with(|c| c.set(c.get() + 1));
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCS.try_with(|c| c.set(c.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const RUNS: usize = 200;
static SNAPSHOTS: [AtomicU64; RUNS] = [const { AtomicU64::new(0) }; RUNS];
static CALLS: AtomicUsize = AtomicUsize::new(0);

#[derive(serde::Deserialize)]
struct Request<'a> {
    #[serde(rename = "firstName", borrow)]
    first_name: Option<&'a str>,
}

struct Greeting<'a>(&'a str);

impl Serialize for Greeting<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(1))?;
        map.serialize_entry("message", &format_args!("Hello, {}!", self.0))?;
        map.end()
    }
}

/// The hello handler, recording the worker thread's allocation count at each call.
struct Hello;

impl Handler for Hello {
    type Event<'a> = Request<'a>;
    type Output<'a> = Greeting<'a>;
    type Error = core::convert::Infallible;

    async fn call<'a>(
        &'a self,
        req: Request<'a>,
        _: &'a Context<'a>,
    ) -> Result<Greeting<'a>, Self::Error> {
        let n = CALLS.fetch_add(1, Ordering::Relaxed);
        if let Some(slot) = SNAPSHOTS.get(n) {
            slot.store(ALLOCS.with(Cell::get), Ordering::Relaxed);
        }
        Ok(Greeting(req.first_name.unwrap_or("world")))
    }
}

#[test]
fn zero_heap_allocations_per_invocation() {
    let emu = Emulator::start(lambkin_emulator::Config::default()).unwrap();
    let api: &'static str = Box::leak(emu.runtime_api().into_boxed_str());
    let config = Config::from_lookup(|k| (k == "AWS_LAMBDA_RUNTIME_API").then_some(api)).unwrap();
    let runtime = thread::spawn(move || Runtime::new(config).serve(&Hello));
    for i in 0..RUNS {
        let body = format!("{{\"firstName\":\"caf\\u00e9 {i}\"}}");
        let outcome = emu
            .invoke(Invocation::new(body))
            .wait(Duration::from_secs(30))
            .unwrap();
        assert!(matches!(outcome, Outcome::Response { .. }), "{outcome:?}");
    }
    let stop = Fault {
        next_status: Some(500),
        ..Default::default()
    };
    let _ = emu.invoke(Invocation {
        fault: stop,
        ..Invocation::new("{}")
    });
    runtime.join().unwrap();
    let counts: Vec<u64> = SNAPSHOTS
        .iter()
        .map(|s| s.load(Ordering::Relaxed))
        .collect();
    // Between two calls the worker runs one whole loop: respond, ack, poll /next, decode.
    let per_invocation: Vec<u64> = counts.windows(2).skip(2).map(|w| w[1] - w[0]).collect();
    let total: u64 = per_invocation.iter().sum();
    println!(
        "heap allocations per invocation (lambkin-std, borrowed typed handler): {:.3} over {} invocations; at start: {}",
        total as f64 / per_invocation.len() as f64,
        per_invocation.len(),
        counts[0]
    );
    assert_eq!(
        total, 0,
        "allocations between invocations: {per_invocation:?}"
    );
}
