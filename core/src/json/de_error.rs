//! The error the decoder passes around inside: a [`DecodeError`], boxed when there is an
//! allocator.
//!
//! Every `Result` between the decoder and serde's generated code carries the error type, and a
//! `DecodeError` (with its message copy) is 88 bytes: such a `Result` is returned through memory
//! and copied at every `?`. Boxed, the error is one pointer, so `Result<&str, Error>` and
//! `Result<(), Error>` come back in registers. That made decoding the event fixtures about 3.5%
//! fewer instructions. Errors are rare (one per failed decode), so the allocation is too.
//! Without an allocator it stays inline, as before. [`super::from_slice`] unwraps it.

use core::fmt::{self, Display};

use serde::de;

use super::error::{DecodeError, DecodeErrorKind, Message};

#[cfg(feature = "alloc")]
type Repr = alloc::boxed::Box<DecodeError>;
#[cfg(not(feature = "alloc"))]
type Repr = DecodeError;

/// See the module docs.
pub(super) struct Error(Repr);

impl Error {
    #[cold]
    pub(super) fn new(kind: DecodeErrorKind, offset: usize) -> Self {
        Self::from(DecodeError::new(kind, offset))
    }

    #[cold]
    pub(super) fn with_message(kind: DecodeErrorKind, offset: usize, message: Message) -> Self {
        Self::from(DecodeError::with_message(kind, offset, message))
    }

    /// Sets the offset if serde raised this error without one.
    pub(super) fn or_at(mut self, offset: usize) -> Self {
        let e: &mut DecodeError = &mut self.0;
        *e = e.or_at(offset);
        self
    }

    pub(super) fn into_inner(self) -> DecodeError {
        *self.get()
    }

    /// The error, boxed or not.
    fn get(&self) -> &DecodeError {
        &self.0
    }
}

impl From<DecodeError> for Error {
    #[cold]
    fn from(e: DecodeError) -> Self {
        #[cfg(feature = "alloc")]
        let e = alloc::boxed::Box::new(e);
        Self(e)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.get(), f)
    }
}

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Display::fmt(self.get(), f)
    }
}

impl core::error::Error for Error {}

/// Each constructor is `DecodeError`'s, wrapped.
impl de::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Self::from(<DecodeError as de::Error>::custom(msg))
    }

    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Self::from(<DecodeError as de::Error>::invalid_type(unexp, exp))
    }

    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Self::from(<DecodeError as de::Error>::invalid_value(unexp, exp))
    }

    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        Self::from(<DecodeError as de::Error>::invalid_length(len, exp))
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Self::from(<DecodeError as de::Error>::unknown_variant(
            variant, expected,
        ))
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Self::from(<DecodeError as de::Error>::unknown_field(field, expected))
    }

    fn missing_field(field: &'static str) -> Self {
        Self::from(<DecodeError as de::Error>::missing_field(field))
    }

    fn duplicate_field(field: &'static str) -> Self {
        Self::from(<DecodeError as de::Error>::duplicate_field(field))
    }
}
