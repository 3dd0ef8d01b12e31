//! Decode and encode errors: small `Copy` values that still say what failed.

use core::fmt::{self, Display, Write as _};

/// Bytes of message text an error keeps. Serde hands us `Display` values (field names,
/// expected types); without an allocator we keep a truncated copy of their text.
const MESSAGE_CAP: usize = 64;

/// A short copy of an error message, cut at a char boundary and marked with `…` when cut.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Message {
    buf: [u8; MESSAGE_CAP],
    len: u8,
    cut: bool,
}

impl Message {
    /// No text.
    pub(crate) const EMPTY: Self = Self {
        buf: [0; MESSAGE_CAP],
        len: 0,
        cut: false,
    };

    /// The text of `d`, truncated to fit.
    pub(crate) fn new(d: &dyn Display) -> Self {
        let mut m = Self::EMPTY;
        // An error here only means "truncated", which `write_str` already marked.
        let _ = write!(m, "{d}");
        m
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        let bytes = self.buf.get(..usize::from(self.len)).unwrap_or_default();
        core::str::from_utf8(bytes).unwrap_or_default()
    }

    fn push(&mut self, s: &str) -> bool {
        let len = usize::from(self.len);
        let Some(dst) = self.buf.get_mut(len..len + s.len()) else {
            return false;
        };
        dst.copy_from_slice(s.as_bytes());
        self.len = (len + s.len()) as u8;
        true
    }
}

impl fmt::Write for Message {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        const MARK: &str = "…";
        if self.cut {
            return Err(fmt::Error);
        }
        let room = MESSAGE_CAP - usize::from(self.len);
        if s.len() <= room.saturating_sub(MARK.len()) {
            self.push(s);
            return Ok(());
        }
        // Keep room for the mark so a reader can tell the text was cut.
        self.push(super::prefix(s, room.saturating_sub(MARK.len())));
        self.push(MARK);
        self.cut = true;
        // Stop the formatter: nothing more fits.
        Err(fmt::Error)
    }
}

impl fmt::Debug for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(feature = "defmt")]
impl defmt::Format for Message {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "{=str}", self.as_str());
    }
}

/// What went wrong while decoding JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The input ended in the middle of a value.
    Eof,
    /// Malformed JSON (a missing `:`, `,`, bracket or value).
    Syntax,
    /// A `\` escape that JSON does not define, or bad hex digits in `\uXXXX`.
    InvalidEscape,
    /// A `\uXXXX` UTF-16 surrogate without its other half.
    LoneSurrogate,
    /// A raw control character (below U+0020) inside a string.
    ControlCharacter,
    /// A string that is not valid UTF-8.
    InvalidUtf8,
    /// A malformed number.
    InvalidNumber,
    /// A number too large for any type that could hold it.
    NumberOutOfRange,
    /// Arrays and objects nested deeper than [`MAX_DEPTH`](super::MAX_DEPTH).
    DepthLimit,
    /// More input after the one JSON value.
    TrailingCharacters,
    /// A caller-provided buffer was too small to hold the document.
    BufferTooSmall,
    /// Well-formed JSON of the wrong type for the target (a string where a number goes).
    InvalidType,
    /// The right type but an unacceptable value (`300` for a `u8`).
    InvalidValue,
    /// An array or object with too many or too few elements.
    InvalidLength,
    /// An enum variant name the target does not know.
    UnknownVariant,
    /// A field the target does not know (with `deny_unknown_fields`).
    UnknownField,
    /// A required field was absent.
    MissingField,
    /// A field appeared twice.
    DuplicateField,
    /// Any other error raised by a `Deserialize` implementation.
    Custom,
}

impl DecodeErrorKind {
    const fn describe(self) -> &'static str {
        match self {
            Self::Eof => "unexpected end of JSON input",
            Self::Syntax => "malformed JSON",
            Self::InvalidEscape => "invalid escape in string",
            Self::LoneSurrogate => "unpaired UTF-16 surrogate escape in string",
            Self::ControlCharacter => "control character in string (must be escaped)",
            Self::InvalidUtf8 => "invalid UTF-8 in string",
            Self::InvalidNumber => "invalid number",
            Self::NumberOutOfRange => "number out of range",
            Self::DepthLimit => "JSON nested too deeply",
            Self::TrailingCharacters => "trailing characters after the JSON value",
            Self::BufferTooSmall => "buffer too small for the JSON document",
            Self::InvalidType => "invalid type",
            Self::InvalidValue => "invalid value",
            Self::InvalidLength => "invalid length",
            Self::UnknownVariant => "unknown variant",
            Self::UnknownField => "unknown field",
            Self::MissingField => "missing field",
            Self::DuplicateField => "duplicate field",
            Self::Custom => "invalid data",
        }
    }
}

/// Offset value meaning "not known yet": serde raises errors without a position and the
/// decoder fills it in on the way out.
const UNKNOWN: usize = usize::MAX;

/// A JSON document could not be decoded into the requested type.
///
/// Its `Display` reads like `missing field `firstName` at byte 2`, fit for an `errorMessage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct DecodeError {
    kind: DecodeErrorKind,
    offset: usize,
    message: Message,
}

impl DecodeError {
    /// The caller's scratch buffer cannot hold the document.
    pub const BUFFER_TOO_SMALL: Self = Self::new(DecodeErrorKind::BufferTooSmall, UNKNOWN);

    pub(crate) const fn new(kind: DecodeErrorKind, offset: usize) -> Self {
        Self {
            kind,
            offset,
            message: Message::EMPTY,
        }
    }

    pub(crate) const fn with_message(
        kind: DecodeErrorKind,
        offset: usize,
        message: Message,
    ) -> Self {
        Self {
            kind,
            offset,
            message,
        }
    }

    fn raised(kind: DecodeErrorKind, text: fmt::Arguments<'_>) -> Self {
        Self::with_message(kind, UNKNOWN, Message::new(&text))
    }

    /// What went wrong.
    pub const fn kind(&self) -> DecodeErrorKind {
        self.kind
    }

    /// Byte offset into the input where it went wrong, when known.
    pub const fn offset(&self) -> Option<usize> {
        if self.offset == UNKNOWN {
            None
        } else {
            Some(self.offset)
        }
    }

    /// The detail text (possibly truncated); empty for plain syntax errors.
    pub fn message(&self) -> &str {
        self.message.as_str()
    }

    /// Sets the offset if serde raised this error without one.
    pub(crate) const fn or_at(mut self, offset: usize) -> Self {
        if self.offset == UNKNOWN && !matches!(self.kind, DecodeErrorKind::BufferTooSmall) {
            self.offset = offset;
        }
        self
    }
}

impl Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.message.as_str();
        f.write_str(if text.is_empty() {
            self.kind.describe()
        } else {
            text
        })?;
        match self.offset() {
            Some(at) => write!(f, " at byte {at}"),
            None => Ok(()),
        }
    }
}

impl core::error::Error for DecodeError {}

/// The unexpected value without its content: a long string would crowd the expected type out
/// of the short message.
struct Brief<'a>(serde::de::Unexpected<'a>);

impl Display for Brief<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use serde::de::Unexpected;
        // serde's wording, except that a float's digits are left out: formatting them would
        // link float formatting into every binary that decodes JSON.
        match self.0 {
            Unexpected::Bool(b) => write!(f, "boolean `{b}`"),
            Unexpected::Unsigned(u) => write!(f, "integer `{u}`"),
            Unexpected::Signed(i) => write!(f, "integer `{i}`"),
            Unexpected::Float(_) => f.write_str("floating point"),
            Unexpected::Char(c) => write!(f, "character `{c}`"),
            Unexpected::Str(_) => f.write_str("a string"),
            Unexpected::Bytes(_) => f.write_str("bytes"),
            Unexpected::Unit => f.write_str("unit value"),
            Unexpected::Option => f.write_str("Option value"),
            Unexpected::NewtypeStruct => f.write_str("newtype struct"),
            Unexpected::Seq => f.write_str("sequence"),
            Unexpected::Map => f.write_str("map"),
            Unexpected::Enum => f.write_str("enum"),
            Unexpected::UnitVariant => f.write_str("unit variant"),
            Unexpected::NewtypeVariant => f.write_str("newtype variant"),
            Unexpected::TupleVariant => f.write_str("tuple variant"),
            Unexpected::StructVariant => f.write_str("struct variant"),
            Unexpected::Other(s) => f.write_str(s),
        }
    }
}

impl serde::de::Error for DecodeError {
    fn custom<T: Display>(msg: T) -> Self {
        Self::raised(DecodeErrorKind::Custom, format_args!("{msg}"))
    }

    fn invalid_type(unexp: serde::de::Unexpected<'_>, exp: &dyn serde::de::Expected) -> Self {
        Self::raised(
            DecodeErrorKind::InvalidType,
            format_args!("expected {exp}, found {}", Brief(unexp)),
        )
    }

    fn invalid_value(unexp: serde::de::Unexpected<'_>, exp: &dyn serde::de::Expected) -> Self {
        Self::raised(
            DecodeErrorKind::InvalidValue,
            format_args!("expected {exp}, found {}", Brief(unexp)),
        )
    }

    fn invalid_length(len: usize, exp: &dyn serde::de::Expected) -> Self {
        Self::raised(
            DecodeErrorKind::InvalidLength,
            format_args!("invalid length {len}, expected {exp}"),
        )
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Self::raised(
            DecodeErrorKind::UnknownVariant,
            format_args!("unknown variant `{variant}`, expected {}", OneOf(expected)),
        )
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Self::raised(
            DecodeErrorKind::UnknownField,
            format_args!("unknown field `{field}`, expected {}", OneOf(expected)),
        )
    }

    fn missing_field(field: &'static str) -> Self {
        Self::raised(
            DecodeErrorKind::MissingField,
            format_args!("missing field `{field}`"),
        )
    }

    fn duplicate_field(field: &'static str) -> Self {
        Self::raised(
            DecodeErrorKind::DuplicateField,
            format_args!("duplicate field `{field}`"),
        )
    }
}

/// `one of `a`, `b``, or `nothing` for an empty list.
struct OneOf(&'static [&'static str]);

impl Display for OneOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            [] => f.write_str("nothing"),
            [one] => write!(f, "`{one}`"),
            [first, rest @ ..] => {
                write!(f, "one of `{first}`")?;
                rest.iter().try_for_each(|name| write!(f, ", `{name}`"))
            }
        }
    }
}

/// A value could not be encoded as JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum EncodeError {
    /// The output buffer is too small; `needed` bytes would hold the whole document.
    BufferFull {
        /// The exact size of the complete encoding.
        needed: usize,
    },
    /// A map key that JSON cannot express (only strings, chars, booleans and integers are).
    KeyMustBeAString,
    /// A `Display` implementation passed to `collect_str` returned an error.
    DisplayFailed,
    /// Raised by a `Serialize` implementation (message possibly truncated).
    Custom(Message),
}

impl Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BufferFull { needed } => {
                write!(f, "output buffer too small: the JSON needs {needed} bytes")
            }
            Self::KeyMustBeAString => f.write_str("JSON object keys must be strings or integers"),
            Self::DisplayFailed => f.write_str("a Display implementation returned an error"),
            Self::Custom(m) => f.write_str(m.as_str()),
        }
    }
}

impl core::error::Error for EncodeError {}

impl serde::ser::Error for EncodeError {
    fn custom<T: Display>(msg: T) -> Self {
        Self::Custom(Message::new(&msg))
    }
}
