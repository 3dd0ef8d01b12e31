//! lambkin-std: blocking transport.
