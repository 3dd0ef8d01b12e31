//! Header values, the host and the path as slices of one shared copy of the event, instead of
//! a small copy each: `http` stores them as `Bytes`, and a slice of a `Bytes` only counts a
//! reference.
//!
//! The decoder unescapes strings in place, so a decoded string lies in the receive buffer where
//! its JSON text was; a string without escapes has the same bytes at the same offset in a copy
//! of the buffer made before the decode. Each string is compared with the copy before it is
//! shared (a string that had escapes differs there and is copied instead), so a wrong or
//! missing copy costs copies, never wrong bytes.

use bytes::Bytes;
use http::header::HeaderName;

/// The event text a request's strings are shared from.
#[derive(Clone, Copy)]
pub(super) struct Shared<'s> {
    /// A copy of the receive buffer made before the in-place decode.
    text: &'s Bytes,
    /// The address of the receive buffer's first byte.
    base: usize,
}

impl<'s> Shared<'s> {
    pub(super) fn new(text: &'s Bytes, buf: &[u8]) -> Self {
        Self {
            text,
            base: buf.as_ptr().addr(),
        }
    }

    /// `s` as a slice of the copy: `s` is a string decoded in the receive buffer whose bytes
    /// the copy holds at the same offset, or `s` lies in the copy itself (a header value made
    /// by [`Shared::value`]). `None`: `s` must be copied.
    pub(super) fn slice(&self, s: &[u8]) -> Option<Bytes> {
        let at = s.as_ptr().addr();
        let own = self.text.as_ptr().addr();
        let offset = match at.checked_sub(own) {
            Some(o) if o.checked_add(s.len())? <= self.text.len() => o,
            _ => at.checked_sub(self.base)?,
        };
        let range = offset..offset.checked_add(s.len())?;
        (self.text.get(range.clone())? == s).then(|| self.text.slice(range))
    }
}

/// Defines [`AWS_NAMES`] and the index of a lower-case name in it, from one list.
macro_rules! aws_names {
    ($($name:literal),* $(,)?) => {
        /// The names AWS adds to requests that `http` has no constant for: a name made from a
        /// string is a copy, a constant is not. A `static`, so looking one up builds nothing.
        static AWS_NAMES: [HeaderName; [$($name),*].len()] =
            [$(HeaderName::from_static($name)),*];

        /// The index in [`AWS_NAMES`] of `name` as written there (lower case, as HTTP APIs,
        /// function URLs and most clients send it): each test compares a constant length
        /// first, so most cost two instructions, where a scan of `AWS_NAMES` cost hundreds.
        fn lower_index(name: &str) -> Option<usize> {
            let mut i = 0;
            $(
                if name == $name {
                    return Some(i);
                }
                i += 1;
            )*
            let _ = i;
            None
        }
    };
}

aws_names![
    "x-amzn-trace-id",
    "x-forwarded-for",
    "x-forwarded-port",
    "x-forwarded-proto",
    "x-amzn-tls-version",
    "x-amzn-tls-cipher-suite",
    "x-amz-date",
    "x-amz-security-token",
    "x-amz-content-sha256",
    "x-api-key",
    "x-request-id",
    "x-requested-with",
    "cloudfront-viewer-country",
    "cloudfront-forwarded-proto",
    "cloudfront-is-desktop-viewer",
    "cloudfront-is-mobile-viewer",
    "cloudfront-is-smarttv-viewer",
    "cloudfront-is-tablet-viewer",
    "sec-fetch-dest",
    "sec-fetch-mode",
    "sec-fetch-site",
    "sec-fetch-user",
    "sec-ch-ua",
    "sec-ch-ua-mobile",
    "sec-ch-ua-platform",
    "via",
];

/// `name` as one of [`AWS_NAMES`] (compared as HTTP compares names, ignoring case), which
/// costs no copy; `None` for any other name.
pub(super) fn aws_name(name: &str) -> Option<HeaderName> {
    // Every name in the table starts with one of these letters, in either case; most names
    // that do not (`accept`, `host`…) are ruled out here, for two instructions.
    let first = name.as_bytes().first().map(|b| b | 0x20);
    if !matches!(first, Some(b'x' | b'c' | b's' | b'v')) {
        return None;
    }
    if let Some(i) = lower_index(name) {
        return AWS_NAMES.get(i).cloned();
    }
    // The chain has answered for names in lower case.
    if !name.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    // Another case. Most names are standard or not AWS's: the prefix rules out the table.
    let prefixed = |p: &str| {
        name.get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
    };
    if !(prefixed("x-") || prefixed("cloudfront-") || prefixed("sec-") || prefixed("via")) {
        return None;
    }
    AWS_NAMES
        .iter()
        .find(|n| n.as_str().eq_ignore_ascii_case(name))
        .cloned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn shares_only_what_the_copy_holds() {
        let mut buf = *br#"["abc","a\"b"]"#;
        let text = Bytes::copy_from_slice(&buf);
        let shared = Shared::new(&text, &buf);
        // `abc` is where the copy has it; `a"b` (unescaped in place) is not.
        buf[8] = b'"';
        buf[9] = b'b';
        let abc = shared.slice(&buf[2..5]).unwrap();
        assert_eq!(abc, "abc");
        assert_eq!(abc.as_ptr(), text[2..].as_ptr());
        assert!(shared.slice(&buf[7..10]).is_none());
        // A slice of the copy is shared again; bytes elsewhere are not.
        assert_eq!(shared.slice(&abc[1..]).unwrap(), "bc");
        assert!(shared.slice(b"abc").is_none());
        assert_eq!(shared.slice(&buf[..0]).unwrap(), "");
    }

    #[test]
    fn aws_names_match_any_case() {
        for name in &AWS_NAMES {
            assert_eq!(
                HeaderName::from_bytes(name.as_str().as_bytes()).unwrap(),
                name
            );
            // Both paths: the lower-case lookup and the scan.
            assert_eq!(aws_name(name.as_str()).as_ref(), Some(name));
            let upper = name.as_str().to_ascii_uppercase();
            assert_eq!(aws_name(&upper).as_ref(), Some(name));
        }
        assert_eq!(aws_name("X-Forwarded-For").unwrap(), "x-forwarded-for");
        assert_eq!(aws_name("x-forwarded"), None);
        assert_eq!(aws_name("accept"), None);
        assert_eq!(aws_name("content-type"), None);
        assert_eq!(aws_name("Via").unwrap(), "via");
        assert_eq!(aws_name("x-é"), None);
        // Past the first-letter check, not in the table, in either case.
        for name in [
            "server",
            "vary",
            "sec-x",
            "x-custom",
            "X-Custom",
            "Cloudfront-X",
            "VIA-X",
        ] {
            assert_eq!(aws_name(name), None, "{name}");
        }
        assert_eq!(aws_name(""), None);
    }
}
