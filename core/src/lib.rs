//! lambkin-core: the sans-I/O AWS Lambda Runtime API protocol.
#![no_std]
#![forbid(unsafe_code)]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod http;
pub mod json;
