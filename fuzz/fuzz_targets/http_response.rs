//! The incremental HTTP response reader: split independence, exact leftover, never stuck,
//! bodies equal to a reference de-framer, slow header path equal to the fast one.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| lambkin_fuzz::http_check::run(data));
