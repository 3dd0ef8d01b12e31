//! A local AWS Lambda Runtime API (2018-06-01) for running and measuring functions the way
//! Lambda does, and the server every end-to-end test and benchmark in lambkin runs against.
//!
//! ```no_run
//! use lambkin_emulator::{Config, Emulator, Invocation, Outcome};
//! use std::time::Duration;
//!
//! let emu = Emulator::start(Config::default())?;
//! // Start the function with AWS_LAMBDA_RUNTIME_API = emu.runtime_api(), then:
//! let pending = emu.invoke(Invocation::new(r#"{"firstName":"Ada"}"#));
//! if let Ok(Outcome::Response { body, .. }) = pending.wait(Duration::from_secs(5)) {
//!     println!("{}", String::from_utf8_lossy(&body));
//! }
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! Statuses follow the API: 202 `{"status":"OK"}` on acceptance, 400 for an unknown id, 403 for
//! a call in the wrong state, 410 after a timeout, 413 above [`MAX_PAYLOAD`] bytes. [`Fault`]
//! injects the platform's misbehaviours for tests.
//!
//! Streamed responses ([`stream`]) reach the caller chunk by chunk as they arrive
//! ([`Pending::next_chunk`]), or collected ([`Pending::wait`]); [`Pending::streamed`] tells
//! their chunks, sizes, arrival times and time to first byte. An error the function sends in
//! the stream's trailers ends the invocation as that error.
//!
//! In front of a [`Sandbox`] (a supervised function process), [`rie`] serves the Invoke API
//! (`lambkin-emulator serve --port`) and [`front`] serves plain HTTP as API Gateway, a function
//! URL, an ALB or VPC Lattice would, turning requests into their events and replies into their
//! responses (`serve --http`). [`Package`] unpacks a deployment zip as Lambda does, for
//! `--zip` (the `bootstrap` that `cargo lambda build --output-format zip` packs).
#![forbid(unsafe_code)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod agents;
mod connection;
mod external;
pub mod front;
mod ids;
mod invocation;
mod logs;
pub mod memory;
mod package;
mod process;
mod restore;
pub mod rie;
mod sandbox;
mod server;
mod state;
pub mod stream;
mod telemetry;
pub mod wire;

pub use agents::Registered;
pub use connection::listen;
pub use ids::uuid as request_id;
pub use invocation::{
    ErrorReport, Fault, Invocation, Outcome, Pending, RequestRecord, Timing, WaitError,
};
pub use logs::{Report, log, start_line};
pub use package::{MAX_UNZIPPED, Package, PackageError};
pub use process::{Function, FunctionSpec, Memory};
pub use rie::{EVENT_TOO_LARGE_BODY, MAX_EVENT};
pub use sandbox::Sandbox;
pub use server::{Config, Emulator, MAX_PAYLOAD, MAX_RECORDED, TOO_LARGE_BODY};
pub use stream::{Chunk, ChunkRecord, MAX_STREAMED, Streamed};
