//! The HTTP integration prelude of a streamed response (`Content-Type:
//! application/vnd.awslambda.http-integration-response`): a JSON object
//! `{"statusCode":..,"headers":{..},"cookies":[..]}`, eight NUL bytes, then the payload. The
//! prelude may be split across chunks in any way; [`Prelude::feed`] takes the bytes as they
//! come and says where the payload starts.

use std::fmt;

use serde_json::{Map, Value};

/// The content type that announces a prelude.
pub const CONTENT_TYPE: &str = "application/vnd.awslambda.http-integration-response";

/// A prelude longer than this is refused: it holds only a status, headers and cookies.
pub const MAX_PRELUDE: usize = 1 << 20;

const SEPARATOR: [u8; 8] = [0; 8];

/// Why there is no usable prelude.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PreludeError {
    /// The stream ended before the eight NUL bytes.
    Missing,
    /// No separator within [`MAX_PRELUDE`] bytes.
    TooLong,
    /// The prelude is not a JSON object (the parser's message).
    NotJson(String),
}

impl fmt::Display for PreludeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing => f.write_str("the stream ended before the prelude's eight NUL bytes"),
            Self::TooLong => write!(f, "no prelude separator in the first {MAX_PRELUDE} bytes"),
            Self::NotJson(e) => write!(f, "the prelude is not a JSON object: {e}"),
        }
    }
}

impl std::error::Error for PreludeError {}

/// A complete prelude.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// The JSON object (`statusCode`, `headers`, `cookies`, as the function wrote them).
    pub fields: Map<String, Value>,
    /// Where the payload starts in the piece that completed the prelude.
    pub payload_at: usize,
}

/// Reads a prelude from the stream's first bytes.
#[derive(Clone, Debug, Default)]
pub struct Prelude {
    held: Vec<u8>,
}

impl Prelude {
    /// A reader at the start of the stream.
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes the next piece of the stream. `Ok(None)`: the prelude is not complete yet, feed
    /// more. `Ok(Some(parsed))`: the object, and where in `piece` the payload starts.
    pub fn feed(&mut self, piece: &[u8]) -> Result<Option<Parsed>, PreludeError> {
        // The separator may straddle the previous piece: search from 7 bytes before its end.
        let from = self.held.len().saturating_sub(SEPARATOR.len() - 1);
        let before = self.held.len();
        let room = (MAX_PRELUDE + SEPARATOR.len()).saturating_sub(before);
        self.held
            .extend_from_slice(piece.get(..room.min(piece.len())).unwrap_or_default());
        let found = self
            .held
            .get(from..)
            .unwrap_or_default()
            .windows(SEPARATOR.len())
            .position(|w| w == SEPARATOR)
            .map(|p| p + from);
        let Some(at) = found else {
            if self.held.len() >= MAX_PRELUDE + SEPARATOR.len() {
                return Err(PreludeError::TooLong);
            }
            return Ok(None);
        };
        let json = self.held.get(..at).unwrap_or_default();
        let map = match serde_json::from_slice::<Value>(json) {
            Ok(Value::Object(map)) => map,
            Ok(_) => return Err(PreludeError::NotJson("not an object".into())),
            Err(e) => return Err(PreludeError::NotJson(e.to_string())),
        };
        // `at + 8` lies in this piece: everything before `before` was searched already.
        Ok(Some(Parsed {
            fields: map,
            payload_at: at + SEPARATOR.len() - before,
        }))
    }

    /// The stream ended: a prelude still incomplete is missing.
    pub fn finish(&self) -> PreludeError {
        PreludeError::Missing
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// The prelude's statusCode and the payload, or the error.
    type Want = Result<(u64, &'static [u8]), &'static str>;

    const CASES: &[(&[u8], Want)] = &[
        (
            b"{\"statusCode\":201,\"headers\":{\"a\":\"b\"},\"cookies\":[\"c=1\"]}\0\0\0\0\0\0\0\0payload",
            Ok((201, b"payload")),
        ),
        (b"{\"statusCode\":200}\0\0\0\0\0\0\0\0", Ok((200, b""))),
        // NULs inside the payload are payload.
        (
            b"{\"statusCode\":200}\0\0\0\0\0\0\0\0\0\0x\0\0\0\0\0\0\0\0",
            Ok((200, b"\0\0x\0\0\0\0\0\0\0\0")),
        ),
        (b"{\"statusCode\":200}\0\0\0\0\0\0\0", Err("missing")),
        (b"", Err("missing")),
        (b"not json\0\0\0\0\0\0\0\0body", Err("json")),
        (b"[1]\0\0\0\0\0\0\0\0body", Err("json")),
    ];

    fn run(parts: &[&[u8]]) -> Result<(u64, Vec<u8>), String> {
        let mut prelude = Prelude::new();
        let mut payload: Option<Vec<u8>> = None;
        let mut status = 0;
        for part in parts {
            if let Some(p) = payload.as_mut() {
                p.extend_from_slice(part);
                continue;
            }
            match prelude.feed(part) {
                Ok(None) => {}
                Ok(Some(Parsed { fields, payload_at })) => {
                    status = fields["statusCode"].as_u64().unwrap();
                    payload = Some(part[payload_at..].to_vec());
                }
                Err(PreludeError::NotJson(_)) => return Err("json".into()),
                Err(e) => return Err(e.to_string()),
            }
        }
        match payload {
            Some(p) => Ok((status, p)),
            None if prelude.finish() == PreludeError::Missing => Err("missing".into()),
            None => Err("?".into()),
        }
    }

    #[test]
    fn every_split_finds_the_same_prelude() {
        for (stream, want) in CASES {
            let want = want.map(|(s, p)| (s, p.to_vec())).map_err(str::to_owned);
            for cut in 0..=stream.len() {
                for cut2 in cut..=stream.len() {
                    let parts = [&stream[..cut], &stream[cut..cut2], &stream[cut2..]];
                    assert_eq!(run(&parts), want, "{stream:?} cut at {cut}, {cut2}");
                }
            }
            let bytes: Vec<&[u8]> = stream.chunks(1).collect();
            assert_eq!(run(&bytes), want, "{stream:?} byte by byte");
        }
    }

    #[test]
    fn a_prelude_without_separator_is_bounded() {
        let mut prelude = Prelude::new();
        let piece = vec![b' '; 64 << 10];
        let mut err = None;
        for _ in 0..20 {
            if let Err(e) = prelude.feed(&piece) {
                err = Some(e);
                break;
            }
        }
        assert_eq!(err, Some(PreludeError::TooLong));
        assert!(prelude.held.len() <= MAX_PRELUDE + 8);
    }
}
