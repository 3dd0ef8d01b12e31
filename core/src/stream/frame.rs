//! Chunked transfer encoding in place: size lines written in front of the payload already in
//! the buffer, the last chunk, and the error trailers (RFC 9112 §7.1).

use core::ops::Range;

/// Room before the payload for its size line: up to 8 hex digits and CRLF.
pub(crate) const SIZE_LINE: usize = 10;
/// Room after the payload: its CRLF, then the last chunk when the stream ends with it.
pub(crate) const TAIL: usize = CRLF.len() + LAST.len();

const CRLF: &[u8] = b"\r\n";
/// The last chunk of a stream without trailers.
pub(crate) const LAST: &[u8] = b"0\r\n\r\n";

/// The trailers Lambda reads a mid-stream error from (SPEC C.2), declared in the request head.
pub(crate) const ERROR_TYPE_TRAILER: &str = "Lambda-Runtime-Function-Error-Type";
/// The trailer carrying the base64 error document.
pub(crate) const ERROR_BODY_TRAILER: &str = "Lambda-Runtime-Function-Error-Body";

/// Frames the `len` payload bytes at `buf[start..]` as one chunk: the size line goes right in
/// front of them and CRLF after (plus the last chunk if `last`). Returns the frame's range, or
/// `None` when the buffer has no room around the payload. An empty payload with `last` is the
/// last chunk alone (an empty chunk would end the stream early).
pub(crate) fn chunk(buf: &mut [u8], start: usize, len: usize, last: bool) -> Option<Range<usize>> {
    if len == 0 {
        let end = start.checked_add(LAST.len())?;
        if last {
            buf.get_mut(start..end)?.copy_from_slice(LAST);
            return Some(start..end);
        }
        return Some(start..start);
    }
    let mut line = [0u8; SIZE_LINE];
    let digits = hex(len, &mut line)?;
    let line = line.get(..digits + CRLF.len())?;
    let from = start.checked_sub(line.len())?;
    buf.get_mut(from..start)?.copy_from_slice(line);
    let mut end = start.checked_add(len)?;
    for piece in [CRLF, if last { LAST } else { &[] }] {
        let next = end.checked_add(piece.len())?;
        buf.get_mut(end..next)?.copy_from_slice(piece);
        end = next;
    }
    Some(from..end)
}

/// Writes `n` in hex followed by CRLF into `out`; the number of digits.
fn hex(mut n: usize, out: &mut [u8; SIZE_LINE]) -> Option<usize> {
    let mut digits = [0u8; 16];
    let mut count = 0;
    loop {
        *digits.get_mut(count)? = b"0123456789abcdef".get(n & 0xf).copied()?;
        count += 1;
        n >>= 4;
        if n == 0 {
            break;
        }
    }
    if count + CRLF.len() > SIZE_LINE {
        return None;
    }
    for (i, slot) in out.iter_mut().take(count).enumerate() {
        *slot = *digits.get(count - 1 - i)?;
    }
    out.get_mut(count..count + CRLF.len())?
        .copy_from_slice(CRLF);
    Some(count)
}

/// The last chunk with the error trailers: `0`, the error type, the base64 of `diagnostic`,
/// and the blank line that ends the message. Returns the length written to `out`, or `None`
/// if it does not fit.
pub(crate) fn error_trailers(error_type: &str, diagnostic: &[u8], out: &mut [u8]) -> Option<usize> {
    let mut w = Out { buf: out, len: 0 };
    w.put(b"0\r\n")?;
    w.put(ERROR_TYPE_TRAILER.as_bytes())?;
    w.put(b": ")?;
    // The same sanitizing as the `/error` header: no control characters in a field value.
    for c in error_type.bytes() {
        w.put(&[if c.is_ascii_control() && c != b'\t' {
            b'_'
        } else {
            c
        }])?;
    }
    w.put(b"\r\n")?;
    w.put(ERROR_BODY_TRAILER.as_bytes())?;
    w.put(b": ")?;
    let n = base64(diagnostic, w.buf.get_mut(w.len..)?)?;
    w.len += n;
    w.put(b"\r\n\r\n")?;
    Some(w.len)
}

struct Out<'b> {
    buf: &'b mut [u8],
    len: usize,
}

impl Out<'_> {
    fn put(&mut self, bytes: &[u8]) -> Option<()> {
        let end = self.len.checked_add(bytes.len())?;
        self.buf.get_mut(self.len..end)?.copy_from_slice(bytes);
        self.len = end;
        Some(())
    }
}

/// Standard base64 with padding (RFC 4648 §4) of `input` into `out`; the length written.
pub(crate) fn base64(input: &[u8], out: &mut [u8]) -> Option<usize> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .encode_slice(input, out)
        .ok()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn chunks_frame_in_place() {
        const CASES: &[(&[u8], bool, &[u8])] = &[
            (b"hello", false, b"5\r\nhello\r\n"),
            (b"hello", true, b"5\r\nhello\r\n0\r\n\r\n"),
            (b"", true, b"0\r\n\r\n"),
            (b"", false, b""),
            (&[b'x'; 26], false, b"1a\r\nxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n"),
        ];
        for (payload, last, want) in CASES {
            let mut buf = [0u8; 64];
            buf[SIZE_LINE..SIZE_LINE + payload.len()].copy_from_slice(payload);
            let r = chunk(&mut buf, SIZE_LINE, payload.len(), *last).unwrap();
            assert_eq!(&buf[r], *want);
        }
    }

    #[test]
    fn chunks_that_do_not_fit_are_refused() {
        let mut buf = [0u8; 8];
        assert_eq!(
            chunk(&mut buf, 2, 3, false),
            None,
            "no room for the size line"
        );
        assert_eq!(chunk(&mut buf, 4, 3, false), None, "no room for the CRLF");
        assert_eq!(
            chunk(&mut buf, 4, 0, true),
            None,
            "no room for the last chunk"
        );
    }

    #[test]
    fn large_sizes_are_hex() {
        let mut line = [0u8; SIZE_LINE];
        assert_eq!(hex(0xffff_ffff, &mut line), Some(8));
        assert_eq!(&line, b"ffffffff\r\n");
        assert_eq!(hex(0x1_0000_0000, &mut line), None, "more than 8 digits");
    }

    #[test]
    fn base64_matches_rfc4648() {
        const CASES: &[(&[u8], &[u8])] = &[
            (b"", b""),
            (b"f", b"Zg=="),
            (b"fo", b"Zm8="),
            (b"foo", b"Zm9v"),
            (b"foob", b"Zm9vYg=="),
            (b"fooba", b"Zm9vYmE="),
            (b"foobar", b"Zm9vYmFy"),
            (&[0xff, 0xfe, 0xfd], b"//79"),
        ];
        for (input, want) in CASES {
            let mut out = [0u8; 16];
            let n = base64(input, &mut out).unwrap();
            assert_eq!(&out[..n], *want);
        }
        assert_eq!(base64(b"foo", &mut [0u8; 3]), None);
    }

    #[test]
    fn error_trailers_end_the_stream() {
        let mut out = [0u8; 256];
        let n = error_trailers("Function.Stream\nFailed", b"{}", &mut out).unwrap();
        assert_eq!(
            &out[..n],
            b"0\r\nLambda-Runtime-Function-Error-Type: Function.Stream_Failed\r\nLambda-Runtime-Function-Error-Body: e30=\r\n\r\n"
        );
        assert_eq!(error_trailers("T", b"{}", &mut out[..20]), None);
    }
}
