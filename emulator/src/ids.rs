//! Request ids (made, and percent-decoded from paths), trace ids, the short random names AWS
//! gives APIs and target groups, and the base64 of streamed error trailers, without extra
//! crates.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

/// 64 unpredictable-enough bits: SipHash with a per-process random key over a counter.
fn random() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.finish()
}

/// A version-4 UUID, as Lambda's request ids are.
pub fn uuid() -> String {
    let (a, b) = (random(), random());
    let b = (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0x0fff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}

/// `len` characters drawn from `alphabet` (which must not be empty), e.g. an API id.
pub(crate) fn token(len: usize, alphabet: &[u8]) -> String {
    let mut out = String::with_capacity(len);
    let mut bits = (0u64, 0u32);
    for _ in 0..len {
        if bits.1 < 8 {
            bits = (random(), 64);
        }
        let n = bits.0 as usize % alphabet.len().max(1);
        bits = (bits.0 >> 8, bits.1 - 8);
        out.push(alphabet.get(n).copied().map_or('0', char::from));
    }
    out
}

/// Lower-case letters and digits, the alphabet of API ids and function URL ids.
pub(crate) const LOWER_ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

/// Hex digits, for target group and VPC ids.
pub(crate) const HEX: &[u8] = b"0123456789abcdef";

/// An X-Ray trace header: `Root=1-<epoch hex>-<96 random bits>;Parent=<64 bits>;Sampled=0`.
pub(crate) fn trace_id() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    format!(
        "Root=1-{secs:08x}-{:08x}{:016x};Parent={:016x};Sampled=0",
        random() as u32,
        random(),
        random()
    )
}

/// Standard base64 with padding; `None` on anything else.
pub(crate) fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let bytes = text.trim().as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for quad in bytes.chunks(4) {
        let pad = quad.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 {
            return None;
        }
        let mut n = 0u32;
        for &c in quad.iter().take(4 - pad) {
            n = (n << 6) | value(c)?;
        }
        n <<= 6 * pad as u32;
        let three = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(three.get(..3 - pad)?);
    }
    Some(out)
}

/// A request id from a path, `%XX` escapes decoded (runtimes percent-encode ids).
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (b, hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn uuids_look_like_lambdas() {
        let (a, b) = (uuid(), uuid());
        assert_ne!(a, b);
        let parts: Vec<usize> = a.split('-').map(str::len).collect();
        assert_eq!(parts, [8, 4, 4, 4, 12], "{a}");
        assert!(a.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
        assert_eq!(a.as_bytes()[14], b'4');
    }

    #[test]
    fn tokens_use_their_alphabet() {
        let t = token(40, LOWER_ALNUM);
        assert_eq!(t.len(), 40);
        assert!(t.bytes().all(|b| LOWER_ALNUM.contains(&b)), "{t}");
        assert_ne!(token(16, HEX), token(16, HEX));
        assert_eq!(token(3, b""), "000");
    }

    #[test]
    fn trace_ids_have_xray_shape() {
        let t = trace_id();
        assert!(t.starts_with("Root=1-") && t.ends_with(";Sampled=0"), "{t}");
        assert_eq!(
            t.split(';').next().unwrap().len(),
            "Root=1-".len() + 8 + 1 + 24
        );
    }

    #[test]
    fn base64_round_trips_known_values() {
        let cases: [(&str, Option<&[u8]>); 6] = [
            ("", Some(b"")),
            ("Zg==", Some(b"f")),
            ("Zm8=", Some(b"fo")),
            ("Zm9v", Some(b"foo")),
            ("eyJhIjoxfQ==", Some(b"{\"a\":1}")),
            ("Zm9", None),
        ];
        for (text, want) in cases {
            assert_eq!(base64_decode(text).as_deref(), want, "{text}");
        }
        assert_eq!(base64_decode("Zm!v"), None);
    }

    #[test]
    fn ids_are_percent_decoded() {
        assert_eq!(percent_decode("a%2Fb%zz%4"), "a/b%zz%4");
        assert_eq!(percent_decode("plain-id"), "plain-id");
    }
}
