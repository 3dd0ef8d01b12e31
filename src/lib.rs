//! lambkin facade.
#![forbid(unsafe_code)]
