//! The Telemetry API (`2022-07-01`) and the legacy Logs API (`2020-08-15`), sans-I/O.
//!
//! Subscribing is one more Extensions API exchange: build a [`Subscription`] and hand it to
//! [`Session::subscribe`](super::Session::subscribe), which checks it (buffering bounds, a
//! type, a destination) before encoding `PUT /2022-07-01/telemetry` or `PUT /2020-08-15/logs`.
//!
//! Lambda then delivers records to the extension's own listener, and this module reads them
//! without I/O or allocation:
//!
//! ```text
//!  HTTP destination: accept ─▶ Listener (recv_buf / handle_recv) ─▶ request body ─┐
//!                             ◀─ Listener::OK (answer every batch)                  │
//!  TCP destination:  accept ─▶ Lines (recv_buf / handle_recv) ─▶ one line ──────────┤
//!                                                                                   ▼
//!                  records(body) ─▶ Record { time, kind, body: Platform · Function · Extension · Other }
//! ```
//!
//! [`records`] walks a JSON array (an HTTP batch) or a single record (a TCP line) in place,
//! one record at a time, with strings borrowed from the buffer. A record type this version does
//! not know is kept raw ([`Body::Other`]), and a known one that does not decode is reported in
//! its place ([`Body::Malformed`]): neither stops the batch.
//!
//! A listener's loop, here over bytes in memory (an extension runner reads a socket instead):
//!
//! ```
//! use lambkin_core::extension::telemetry::{records, Body, Listener, Progress};
//!
//! let batch = r#"[{"time":"t","type":"function","record":"hi"},{"time":"t","type":"new","record":1}]"#;
//! let wire = format!("POST / HTTP/1.1\r\nContent-Length: {}\r\n\r\n{batch}", batch.len());
//! let (mut buf, mut input, mut lines) = ([0u8; 1024], wire.as_bytes(), 0);
//! let mut listener = Listener::new(&mut buf);
//! loop {
//!     let into = listener.recv_buf();
//!     let n = into.len().min(input.len()).min(7); // any split
//!     into[..n].copy_from_slice(&input[..n]);
//!     input = &input[n..];
//!     let mut progress = listener.handle_recv(n).expect("well-formed");
//!     while progress == Progress::Complete {
//!         for record in records(listener.body_mut()).flatten() {
//!             if let Body::Function(_) = record.body {
//!                 lines += 1;
//!             }
//!         }
//!         // write_all(Listener::OK) on the connection here
//!         progress = listener.next_request().expect("well-formed");
//!     }
//!     if progress == Progress::Closed {
//!         break;
//!     }
//! }
//! assert_eq!(lines, 1);
//! ```

mod batch;
mod lines;
mod listener;
mod record;
pub(super) mod subscribe;

#[cfg(test)]
mod batch_tests;
#[cfg(test)]
mod listener_tests;
#[cfg(test)]
mod subscribe_tests;

pub use batch::{BatchError, Body, Log, Record, Records, records};
pub use lines::{LineError, Lines};
pub use listener::{Listener, ListenerError, Progress, Request};
pub use record::{
    Init, List, LogsDropped, Metrics, Platform, Report, RuntimeDone, Span, Start, StateChange,
    TraceContext,
};
pub use subscribe::{Api, Buffering, Destination, Schema, Subscription, SubscriptionError, Types};
