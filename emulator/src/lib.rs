//! lambkin-emulator.
