//! Shared harness code for the lambkin fuzz targets (one target per decoder, each asserting an
//! invariant; see README.md for the list).
//!
//! - [`sim`]: a scripted Runtime API that drives a real `Session` through its public
//!   `poll_*`/`handle_*` API, with arbitrary read splits and injected failures.
//! - [`http_check`]: the incremental response reader, through `lambkin_core::__private`.
//! - [`http_event`]: the `events_http` target's owned reading of HTTP-shaped events.
//! - [`oracle`]: serde_json as the oracle for borrowed typed decoding (lambkin-events).
//! - small helpers: a deterministic PRNG, percent-decoding, the header sanitizer's contract.

pub mod http_check;
pub mod http_event;
pub mod oracle;
pub mod sim;

/// A small deterministic PRNG (splitmix64): read splits and handler choices come from a seed in
/// the input, so every crash reproduces from its file alone.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// True one time in `n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// A read size for `left` pending bytes: mostly small, sometimes everything.
    pub fn chunk(&mut self, left: usize) -> usize {
        let n = match self.below(4) {
            0 => left,
            1 => 1,
            2 => 1 + self.below(16),
            _ => 1 + self.below(left.max(1)),
        };
        n.clamp(1, left.max(1))
    }
}

/// Little-endian integer from up to 8 leading bytes.
pub fn le(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .take(8)
        .rev()
        .fold(0, |acc, &b| acc << 8 | u64::from(b))
}

/// Splits `data` at every `sep`.
pub fn split_on<'a>(data: &'a [u8], sep: &[u8]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut rest = data;
    while let Some(i) = rest.windows(sep.len()).position(|w| w == sep) {
        out.push(&rest[..i]);
        rest = &rest[i + sep.len()..];
    }
    out.push(rest);
    out
}

/// Decodes `%XX` escapes; panics on a malformed escape (the client must never send one).
pub fn pct_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).expect("escape is ASCII");
            out.push(u8::from_str_radix(hex, 16).expect("escape is hex"));
            i += 3;
        } else {
            assert!(
                b[i].is_ascii_alphanumeric() || b"-._~".contains(&b[i]),
                "path segment byte {:?} must be percent-encoded in {s:?}",
                b[i] as char
            );
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// What the request encoder promises for header values from outside (ids, error types): every
/// control char but tab becomes `_`. The emulator's parser then trims surrounding whitespace.
pub fn sanitized(v: &str) -> String {
    let s: String = v
        .chars()
        .map(|c| if c.is_control() && c != '\t' { '_' } else { c })
        .collect();
    s.trim().to_owned()
}

/// The `Lambda-Runtime-Function-Error-Type` header the runtime sends for `kind`: cut to
/// `max` bytes, a bare type as the function's (`Function.X`, the form Lambda keeps), sanitized.
pub fn error_type_header(kind: &str, max: usize) -> String {
    let sent = prefix(kind, max);
    let category = if sent.starts_with("Runtime.") || sent.starts_with("Function.") {
        ""
    } else {
        "Function."
    };
    sanitized(&format!("{category}{sent}"))
}

/// Longest prefix of `s` of at most `max` bytes ending at a char boundary.
pub fn prefix(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Deepest array/object nesting of a JSON text (strings skipped).
pub fn json_depth(text: &[u8]) -> usize {
    let (mut depth, mut max, mut in_str, mut esc) = (0usize, 0, false, false);
    for &b in text {
        if in_str {
            match (esc, b) {
                (true, _) => esc = false,
                (false, b'\\') => esc = true,
                (false, b'"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}
