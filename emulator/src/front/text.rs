//! Small text chores of the front end: percent and form decoding, which bodies travel as text,
//! the two time formats AWS writes, and base64.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// `%XX` escapes decoded (and `+` as a space when `plus` is set); malformed escapes are kept
/// as they are, as URL parsers do.
fn percent_decode(s: &str, plus: bool) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |at: usize| bytes.get(at).and_then(|&c| char::from(c).to_digit(16));
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(hi), Some(lo)) => {
                // Two hex digits make at most 0xFF.
                out.push(u8::try_from(hi * 16 + lo).unwrap_or(b'%'));
                i += 3;
            }
            (b'+', _, _) if plus => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// A path with its escapes decoded, as the HTTP API delivers `rawPath`; the path as it came
/// when the decoded bytes are not UTF-8 (a JSON string cannot carry them).
pub(super) fn decode_path(s: &str) -> String {
    String::from_utf8(percent_decode(s, false)).unwrap_or_else(|_| s.to_owned())
}

/// A query name or value decoded as a form field (`+` is a space), as API Gateway decodes
/// query parameters; as it came when not UTF-8 once decoded.
pub(super) fn decode_form(s: &str) -> String {
    String::from_utf8(percent_decode(s, true)).unwrap_or_else(|_| s.to_owned())
}

/// Whether a body of this `Content-Type` travels as text (when it is UTF-8): `text/*`,
/// JSON, JavaScript, XML and YAML, and any `+json` or `+xml` type. Everything else, and a
/// body without a type, is base64: what function URLs and the HTTP API do for common types.
pub(super) fn is_textual(content_type: Option<&str>) -> bool {
    let Some(ct) = content_type else {
        return false;
    };
    let media = ct.split(';').next().unwrap_or_default().trim();
    let media = media.to_ascii_lowercase();
    media.starts_with("text/")
        || media.ends_with("+json")
        || media.ends_with("+xml")
        || matches!(
            media.as_str(),
            "application/json"
                | "application/javascript"
                | "application/xml"
                | "application/yaml"
                | "application/x-yaml"
        )
}

/// Milliseconds since the epoch.
pub(super) fn epoch_ms(at: SystemTime) -> u128 {
    at.duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis()
}

/// Microseconds since the epoch (VPC Lattice's `timeEpoch`).
pub(super) fn epoch_us(at: SystemTime) -> u128 {
    at.duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_micros()
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];

/// UTC calendar fields of `at`: (year, month 1..=12, day, hour, minute, second, days since
/// the epoch).
fn civil(at: SystemTime) -> (i64, u32, u32, u64, u64, u64, u64) {
    let secs = at.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
    let days = secs / 86_400;
    let rem = secs % 86_400;
    // Howard Hinnant's civil_from_days, for days >= 0.
    let z = i64::try_from(days).unwrap_or(0) + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day, rem / 3600, rem / 60 % 60, rem % 60, days)
}

fn month_name(month: u32) -> &'static str {
    MONTHS
        .get(month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("Jan")
}

/// API Gateway's `time` / `requestTime`: `12/Mar/2020:19:03:58 +0000`.
pub(super) fn gateway_time(at: SystemTime) -> String {
    let (y, mo, d, h, mi, s, _) = civil(at);
    format!("{d:02}/{}/{y}:{h:02}:{mi:02}:{s:02} +0000", month_name(mo))
}

/// An HTTP `Date`: `Thu, 12 Mar 2020 19:03:58 GMT`.
pub(super) fn http_date(at: SystemTime) -> String {
    let (y, mo, d, h, mi, s, days) = civil(at);
    let weekday = WEEKDAYS.get((days % 7) as usize).copied().unwrap_or("Thu");
    format!(
        "{weekday}, {d:02} {} {y} {h:02}:{mi:02}:{s:02} GMT",
        month_name(mo)
    )
}

/// Standard base64 with padding, as AWS encodes bodies.
pub(super) fn base64_encode(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Standard base64, padding optional: a function's `isBase64Encoded` body.
pub(super) fn base64_decode(text: &str) -> Option<Vec<u8>> {
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    LENIENT.decode(text.trim()).ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn decoding() {
        const CASES: &[(&str, &str, &str)] = &[
            ("/a%20b/caf%C3%A9", "/a b/café", "/a b/café"),
            ("a+b%2Bc", "a+b+c", "a b+c"),
            ("%zz%4%", "%zz%4%", "%zz%4%"),
            ("%FF", "%FF", "%FF"),
            ("%2F%3f", "/?", "/?"),
        ];
        for (input, path, form) in CASES {
            assert_eq!(decode_path(input), *path, "{input}");
            assert_eq!(decode_form(input), *form, "{input}");
        }
    }

    #[test]
    fn textual_types() {
        const CASES: &[(Option<&str>, bool)] = &[
            (Some("text/plain; charset=utf-8"), true),
            (Some("Application/JSON"), true),
            (Some("application/vnd.api+json"), true),
            (Some("image/svg+xml"), true),
            (Some("application/x-www-form-urlencoded"), false),
            (Some("application/octet-stream"), false),
            (Some(""), false),
            (None, false),
        ];
        for (ct, want) in CASES {
            assert_eq!(is_textual(*ct), *want, "{ct:?}");
        }
    }

    #[test]
    fn times() {
        // The timeEpoch of AWS's own HTTP API example: 1583348638390 ms.
        let at = UNIX_EPOCH + Duration::from_millis(1_583_348_638_390);
        assert_eq!(gateway_time(at), "04/Mar/2020:19:03:58 +0000");
        assert_eq!(http_date(at), "Wed, 04 Mar 2020 19:03:58 GMT");
        assert_eq!(
            (epoch_ms(at), epoch_us(at)),
            (1_583_348_638_390, 1_583_348_638_390_000)
        );
        assert_eq!(http_date(UNIX_EPOCH), "Thu, 01 Jan 1970 00:00:00 GMT");
        let leap = UNIX_EPOCH + Duration::from_secs(951_782_400); // 2000-02-29
        assert_eq!(gateway_time(leap), "29/Feb/2000:00:00:00 +0000");
    }

    #[test]
    fn base64_both_ways() {
        assert_eq!(base64_encode(b"\xff\x00hi"), "/wBoaQ==");
        assert_eq!(base64_decode("/wBoaQ==").unwrap(), b"\xff\x00hi");
        assert_eq!(base64_decode("/wBoaQ").unwrap(), b"\xff\x00hi");
        assert_eq!(base64_decode("not base64!"), None);
    }
}
