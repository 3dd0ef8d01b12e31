//! JSON for events and responses, without allocation.
//!
//! - [`from_slice`] decodes in place: strings borrow from the receive buffer, and strings with
//!   escapes are unescaped inside their own span, so `&'a str` fields are always the real
//!   text. Nesting is bounded by [`MAX_DEPTH`] and ignored values are skipped iteratively, so
//!   no input (a 6 MB `[[[[…`) can overflow the stack.
//! - Structs decode from JSON objects only. serde_json also reads a struct from an array of
//!   its fields in order: a form AWS never sends, which would add a second decoder for every
//!   struct to every binary (27 KiB of an axum function's on lambkin-http).
//! - [`to_slice`] encodes compact JSON into a caller buffer and, when it does not fit, reports
//!   the exact size needed.
//!
//! Not serde-json-core: its decoder hands `&str` fields the raw escaped text and has no depth
//! limit; its encoder cannot say how much room it needs (see DESIGN.md).

mod de;
mod de_error;
mod error;
pub(crate) mod escape;
mod key;
mod read;
mod ser;
mod string;

#[cfg(test)]
mod de_number_tests;
#[cfg(test)]
mod de_tests;
#[cfg(test)]
mod read_tests;
#[cfg(test)]
mod ser_tests;

pub use de::from_slice;
pub use error::{DecodeError, DecodeErrorKind, EncodeError, Message};
pub(crate) use escape::{EscapeWriter, LimitedEscapeWriter, Out, prefix};
pub use escape::{escaped_len, write_escaped_str};
pub use ser::to_slice;

/// Deepest nesting of arrays and objects [`from_slice`] accepts; deeper input is a
/// [`DecodeErrorKind::DepthLimit`] error. (serde_json's limit is similar: 127 levels.)
pub const MAX_DEPTH: usize = 128;
