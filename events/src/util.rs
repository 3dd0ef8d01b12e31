//! The awkward parts shared by many sources: timestamps, JSON carried inside a string, and
//! base64 payloads. None of them allocates: the caller lends the buffer.

use serde::{Deserialize, Serialize};

use lambkin_core::json::{self, DecodeError};

/// An RFC 3339 / ISO 8601 timestamp as AWS writes it (`2015-08-18T18:02:32.111Z`), borrowed.
///
/// Kept as text so it re-encodes byte for byte; [`Timestamp::unix_millis`] parses it on demand.
#[derive(Default, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp<'a>(#[serde(borrow)] pub &'a str);

impl Timestamp<'_> {
    /// Milliseconds since the Unix epoch, or `None` if the text is not
    /// `YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)`.
    pub fn unix_millis(&self) -> Option<i64> {
        parse_rfc3339_millis(self.0.as_bytes())
    }
}

fn digits(b: &[u8], at: usize, n: usize) -> Option<i64> {
    let mut v = 0i64;
    for i in at..at.checked_add(n)? {
        let d = *b.get(i)?;
        if !d.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i64::from(d - b'0');
    }
    Some(v)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
const fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn parse_rfc3339_millis(b: &[u8]) -> Option<i64> {
    let sep = |i: usize, c: &[u8]| b.get(i).is_some_and(|x| c.contains(x));
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt ") && sep(13, b":") && sep(16, b":")) {
        return None;
    }
    let (y, mo, d) = (digits(b, 0, 4)?, digits(b, 5, 2)?, digits(b, 8, 2)?);
    let (h, mi, s) = (digits(b, 11, 2)?, digits(b, 14, 2)?, digits(b, 17, 2)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let mut i = 19;
    let mut millis = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            if i - start < 3 {
                millis = millis * 10 + i64::from(b.get(i).copied().unwrap_or(b'0') - b'0');
            }
            i += 1;
        }
        let n = i - start;
        if n == 0 {
            return None;
        }
        for _ in n..3 {
            millis *= 10;
        }
    }
    let offset_min = match b.get(i) {
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) if i + 6 == b.len() && sep(i + 3, b":") => {
            let m = digits(b, i + 1, 2)? * 60 + digits(b, i + 4, 2)?;
            if *sign == b'-' { -m } else { m }
        }
        _ => return None,
    };
    let secs = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s - offset_min * 60;
    Some(secs * 1000 + millis)
}

/// Decodes JSON carried inside a string (an SQS `body`, an SNS `Message`, a Config
/// `invokingEvent`) with the same in-place decoder, after copying it into `scratch`.
///
/// The string was already unescaped once by the outer decode, so it is plain JSON text here.
/// The result borrows from `scratch`; a `scratch` shorter than `text` gives
/// [`DecodeError::BUFFER_TOO_SMALL`].
pub fn decode_json_str<'s, T: Deserialize<'s>>(
    text: &str,
    scratch: &'s mut [u8],
) -> Result<T, DecodeError> {
    let buf = scratch
        .get_mut(..text.len())
        .ok_or(DecodeError::BUFFER_TOO_SMALL)?;
    buf.copy_from_slice(text.as_bytes());
    json::from_slice(buf)
}

/// A base64 payload could not be decoded.
#[cfg(feature = "base64")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Base64Error {
    /// Not valid (standard, padded) base64.
    Invalid,
    /// The output buffer is too small; it needs at most this many bytes.
    BufferTooSmall {
        /// An upper bound on the decoded length.
        needed: usize,
    },
}

#[cfg(feature = "base64")]
impl core::fmt::Display for Base64Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Invalid => f.write_str("invalid base64"),
            Self::BufferTooSmall { needed } => {
                write!(
                    f,
                    "buffer too small for the decoded base64 ({needed} bytes needed)"
                )
            }
        }
    }
}

#[cfg(feature = "base64")]
impl core::error::Error for Base64Error {}

/// Decodes standard base64 `text` into `out`, returning the decoded prefix of `out`.
///
/// [`decoded_len_estimate`] gives a size that always suffices.
#[cfg(feature = "base64")]
pub fn decode_base64<'o>(text: &str, out: &'o mut [u8]) -> Result<&'o [u8], Base64Error> {
    use base64::Engine as _;
    let needed = decoded_len_estimate(text);
    let n = base64::engine::general_purpose::STANDARD
        .decode_slice(text.as_bytes(), out)
        .map_err(|e| match e {
            base64::DecodeSliceError::OutputSliceTooSmall => Base64Error::BufferTooSmall { needed },
            base64::DecodeSliceError::DecodeError(_) => Base64Error::Invalid,
        })?;
    out.get(..n).ok_or(Base64Error::Invalid)
}

/// An upper bound on the decoded length of base64 `text`.
#[cfg(feature = "base64")]
pub const fn decoded_len_estimate(text: &str) -> usize {
    text.len().div_ceil(4) * 3
}

/// A request or record body that may be base64 (`isBase64Encoded`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body<'a> {
    /// No body.
    Empty,
    /// Text, as sent.
    Text(&'a str),
    /// Base64 text of binary data; decode with `Body::decode_into` (feature `base64`).
    Base64(&'a str),
}

impl<'a> Body<'a> {
    /// The body of an event with a `body` and an `isBase64Encoded` flag.
    pub const fn new(body: Option<&'a str>, is_base64: bool) -> Self {
        match body {
            None => Self::Empty,
            Some(s) if is_base64 => Self::Base64(s),
            Some(s) => Self::Text(s),
        }
    }

    /// The body's bytes: text as is, base64 decoded into `out`.
    #[cfg(feature = "base64")]
    pub fn decode_into<'o>(&self, out: &'o mut [u8]) -> Result<&'o [u8], Base64Error>
    where
        'a: 'o,
    {
        match *self {
            Self::Empty => Ok(&[]),
            Self::Text(s) => Ok(s.as_bytes()),
            Self::Base64(s) => decode_base64(s, out),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        const CASES: &[(&str, Option<i64>)] = &[
            ("1970-01-01T00:00:00.000Z", Some(0)),
            ("2015-08-18T18:02:32.111Z", Some(1_439_920_952_111)),
            ("2019-03-07T16:09:09Z", Some(1_551_974_949_000)),
            ("2019-03-07T16:09:09.5Z", Some(1_551_974_949_500)),
            ("2019-03-07T18:09:09+02:00", Some(1_551_974_949_000)),
            ("2019-03-07T16:09:09.123456789Z", Some(1_551_974_949_123)),
            ("1969-12-31T23:59:59Z", Some(-1000)),
            ("2019-13-07T16:09:09Z", None),
            ("2019-03-07 16:09", None),
            ("2019-03-07T16:09:09", None),
            ("2019-03-07T16:09:09.Z", None),
            ("", None),
        ];
        for (text, want) in CASES {
            assert_eq!(Timestamp(text).unix_millis(), *want, "{text}");
        }
    }

    #[test]
    fn json_in_string() {
        #[derive(Deserialize)]
        struct City<'a> {
            city: &'a str,
        }
        let mut scratch = [0u8; 64];
        let c: City<'_> = decode_json_str(r#"{"city": "a\"b"}"#, &mut scratch).unwrap();
        assert_eq!(c.city, "a\"b");
        let mut small = [0u8; 4];
        assert!(decode_json_str::<City<'_>>(r#"{"city": "x"}"#, &mut small).is_err());
    }

    #[cfg(feature = "base64")]
    #[test]
    fn base64_bodies() {
        let mut out = [0u8; 8];
        assert_eq!(
            Body::new(Some("aGk="), true).decode_into(&mut out).unwrap(),
            b"hi"
        );
        assert_eq!(
            Body::new(Some("aGk="), false)
                .decode_into(&mut out)
                .unwrap(),
            b"aGk="
        );
        let mut tiny = [0u8; 1];
        assert_eq!(
            decode_base64("aGVsbG8=", &mut tiny),
            Err(Base64Error::BufferTooSmall { needed: 6 })
        );
        assert_eq!(decode_base64("!!", &mut out), Err(Base64Error::Invalid));
    }
}
