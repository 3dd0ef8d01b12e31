//! The request URI: `scheme://host/path?query` from an event's parts, encoded as browsers and
//! `lambda_http` encode them.

use alloc::string::String;
use core::fmt::Write as _;

use bytes::Bytes;
use http::header::{HOST, HeaderName};
use http::uri::{Authority, PathAndQuery, Scheme};
use http::{HeaderMap, Uri};

use super::request::{Multi, Query, Single, View};
use super::share::Shared;
use super::{HttpError, Options};

/// A constant: a name given as a string is parsed before each lookup.
static X_FORWARDED_PROTO: HeaderName = HeaderName::from_static("x-forwarded-proto");

/// `scheme://host/path?query` when the host is known (`Host`, else the domain name) and forms
/// a valid authority on its own, and the scheme (`X-Forwarded-Proto`, else https) a valid
/// scheme; `/path?query` otherwise. With `shared`, a host and a path that go into the URI as
/// they are are slices of the event's copy, not copies.
pub(super) fn uri(
    view: &View<'_, '_>,
    headers: &HeaderMap,
    options: &Options,
    shared: Option<Shared<'_>>,
) -> Result<Uri, HttpError> {
    let stage = view.stage.filter(|s| {
        options.stage_in_path && *s != "$default" && !has_stage(view.path, s, view.path_is_raw)
    });
    let as_is = stage.is_none()
        && view.path.starts_with('/')
        && no_query(view.query)
        && !view.path.bytes().any(|b| must_encode(b, PATH));
    let pq = match shared
        .filter(|_| as_is)
        .and_then(|s| s.slice(view.path.as_bytes()))
    {
        Some(path) => path,
        // Handed over, not copied, when exactly sized.
        None => Bytes::from(path_and_query(view, stage)),
    };
    let host = headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .or(view.domain);
    if let Some(host) = host {
        let scheme = headers
            .get(&X_FORWARDED_PROTO)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("https");
        // Host names are case-insensitive; lower-case them as URL parsers do. Each part must
        // parse alone: pasted into one string, a Host of `a/b` or a scheme of `https://b/c`
        // would parse too, and move bytes of the header into the path. A Host has no user
        // info (RFC 9110), so `@` is refused as well.
        // One pass over the host for both questions (it vectorizes; `contains` did not).
        let (upper, at) = host.bytes().fold((false, false), |(upper, at), b| {
            (upper | b.is_ascii_uppercase(), at | (b == b'@'))
        });
        let authority = if at {
            None
        } else {
            match shared.filter(|_| !upper) {
                Some(s) => s.slice(host.as_bytes()).map(Authority::from_maybe_shared),
                None => None,
            }
            .unwrap_or_else(|| Authority::try_from(host.to_ascii_lowercase().as_str()))
            .ok()
        };
        if let (Ok(scheme), Some(authority)) = (Scheme::try_from(scheme), authority) {
            // The path and query parse as a relative URI's would, so what fails here would
            // fail there too.
            let pq = PathAndQuery::from_maybe_shared(pq).map_err(|_| HttpError::InvalidUri)?;
            return Uri::builder()
                .scheme(scheme)
                .authority(authority)
                .path_and_query(pq)
                .build()
                .map_err(|_| HttpError::InvalidUri);
        }
    }
    Uri::from_maybe_shared(pq).map_err(|_| HttpError::InvalidUri)
}

/// Whether the query adds nothing to the URI.
fn no_query(query: Query<'_, '_>) -> bool {
    match query {
        Query::Raw(q) => q.is_empty(),
        Query::Decoded(multi, single) | Query::Encoded(multi, single) => {
            multi.is_none_or(|m| m.is_empty()) && single.is_none_or(|s| s.is_empty())
        }
    }
}

/// `/path?query`, encoded, with the stage in front when it goes there.
fn path_and_query(view: &View<'_, '_>, stage: Option<&str>) -> String {
    let query_len = match view.query {
        Query::Raw(q) => q.len() + 1,
        _ => 0,
    };
    let mut pq =
        String::with_capacity(stage.map_or(0, |s| s.len() + 1) + 1 + view.path.len() + query_len);
    if let Some(stage) = stage {
        pq.push('/');
        push_encoded(&mut pq, stage, PATH);
    }
    // An empty path is the stage root (`/prod`) or `/`, as in `lambda_http`.
    if !(view.path.starts_with('/') || view.path.is_empty() && stage.is_some()) {
        pq.push('/');
    }
    push_encoded(&mut pq, view.path, PATH);
    let query_start = pq.len();
    pq.push('?');
    match view.query {
        Query::Raw(q) => push_encoded(&mut pq, q, QUERY),
        Query::Decoded(multi, single) => push_pairs(&mut pq, multi, single, push_form),
        Query::Encoded(multi, single) => push_pairs(&mut pq, multi, single, |o, s| {
            push_encoded(o, s, QUERY);
        }),
    }
    if pq.len() == query_start + 1 {
        pq.truncate(query_start);
    }
    pq
}

/// Whether `path` already starts with the stage: `/{stage}/…` (as `lambda_http` reads it), or
/// is `/{stage}` when it is the raw path (the stage root; a REST resource path `/{stage}` is a
/// resource of that name, under the stage).
fn has_stage(path: &str, stage: &str, raw: bool) -> bool {
    path.strip_prefix('/')
        .and_then(|p| p.strip_prefix(stage))
        .is_some_and(|rest| rest.starts_with('/') || raw && rest.is_empty())
}

/// `name=value` pairs joined with `&`, from the multi-value map when it has entries.
fn push_pairs(
    out: &mut String,
    multi: Option<&Multi<'_>>,
    single: Option<&Single<'_>>,
    push: impl Fn(&mut String, &str),
) {
    let mut first = true;
    let mut pair = |out: &mut String, k: &str, v: &str| {
        if !core::mem::take(&mut first) {
            out.push('&');
        }
        push(out, k);
        out.push('=');
        push(out, v);
    };
    match (multi, single) {
        (Some(m), _) if !m.is_empty() => {
            for (k, vs) in m.iter() {
                for v in vs {
                    pair(out, k, v);
                }
            }
        }
        (_, Some(s)) => {
            for (k, v) in s.iter() {
                pair(out, k, v);
            }
        }
        _ => {}
    }
}

/// Bytes to percent-encode in a path: WHATWG's path set (controls, space, `"#<>?` `` ` `` `{}`,
/// non-ASCII). `%` is kept, so an already encoded path stays as it is.
const PATH: &[u8] = b" \"#<>?`{}";
/// In a query: WHATWG's query set (controls, space, `"#<>`, non-ASCII).
const QUERY: &[u8] = b" \"#<>";

/// Whether `b` is percent-encoded in a part whose set is `set`.
fn must_encode(b: u8, set: &[u8]) -> bool {
    !(0x20..0x7F).contains(&b) || set.contains(&b)
}

fn push_encoded(out: &mut String, s: &str, set: &[u8]) {
    for &b in s.as_bytes() {
        if must_encode(b, set) {
            push_pct(out, b);
        } else {
            out.push(char::from(b));
        }
    }
}

/// `application/x-www-form-urlencoded` (what `lambda_http` and browsers write).
fn push_form(out: &mut String, s: &str) {
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(b));
            }
            b' ' => out.push('+'),
            _ => push_pct(out, b),
        }
    }
}

fn push_pct(out: &mut String, b: u8) {
    // Writing to a String cannot fail.
    let _ = write!(out, "%{b:02X}");
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn encoding() {
        const CASES: &[(&str, &str, &str)] = &[
            (
                "/my/path-with space",
                "/my/path-with%20space",
                "%2Fmy%2Fpath-with+space",
            ),
            ("/a%2Fb?#", "/a%2Fb%3F%23", "%2Fa%252Fb%3F%23"),
            ("/é", "/%C3%A9", "%2F%C3%A9"),
            ("{x}", "%7Bx%7D", "%7Bx%7D"),
        ];
        for (input, path, form) in CASES {
            let mut p = String::new();
            push_encoded(&mut p, input, PATH);
            assert_eq!(p, *path);
            let mut f = String::new();
            push_form(&mut f, input);
            assert_eq!(f, *form);
        }
    }

    #[test]
    fn stage_prefix() {
        // (path, stage, raw path, already there)
        const CASES: &[(&str, &str, bool, bool)] = &[
            ("/Prod/x", "Prod", false, true),
            ("/Prod/x", "Prod", true, true),
            ("/Prod", "Prod", true, true),
            ("/Prod", "Prod", false, false),
            ("/Production/x", "Prod", true, false),
            ("/x", "Prod", true, false),
        ];
        for (path, stage, raw, want) in CASES {
            assert_eq!(has_stage(path, stage, *raw), *want, "{path} {stage} {raw}");
        }
    }
}
