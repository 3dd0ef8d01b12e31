//! JSON codec (in progress).
