//! The request's `HeaderMap` from an event's headers, multi-value headers and cookies.

use alloc::string::String;
use alloc::vec::Vec;

use bytes::Bytes;
use http::HeaderMap;
use http::header::{COOKIE, HeaderName, HeaderValue};

use super::HttpError;
use super::request::View;
use super::share::{Shared, aws_name};
use crate::Map;

fn header_name(name: &str) -> Result<HeaderName, HttpError> {
    if let Some(name) = aws_name(name) {
        return Ok(name);
    }
    HeaderName::from_bytes(name.as_bytes()).map_err(|_| HttpError::InvalidHeader)
}

fn header_value(value: &str, shared: Option<Shared<'_>>) -> Result<HeaderValue, HttpError> {
    match shared.and_then(|s| s.slice(value.as_bytes())) {
        Some(bytes) => HeaderValue::from_maybe_shared(bytes),
        None => HeaderValue::from_bytes(value.as_bytes()),
    }
    .map_err(|_| HttpError::InvalidHeader)
}

/// Multi-value headers are the full set when present (API Gateway and ALB send the last value
/// of each in `headers`); a name only in `headers` is added, with its last value (names
/// compared case-insensitively), as when there are no multi-value headers. HTTP API cookies
/// become one `Cookie` header.
pub(super) fn headers(
    view: &View<'_, '_>,
    shared: Option<Shared<'_>>,
) -> Result<HeaderMap, HttpError> {
    let single = view.headers.map_or(0, Map::len);
    let multi = view.multi_headers.map_or(0, Map::len);
    let mut map = HeaderMap::with_capacity(single.max(multi) + 1);
    for (name, values) in view.multi_headers.into_iter().flat_map(Map::iter) {
        let name = header_name(name)?;
        for value in values {
            map.append(name.clone(), header_value(value, shared)?);
        }
    }
    if map.is_empty() {
        // Nothing to keep: `insert` replaces, so the last value of a repeated name wins.
        for (name, value) in view.headers.into_iter().flat_map(Map::iter) {
            map.insert(header_name(name)?, header_value(value, shared)?);
        }
    } else {
        // Which names to add is asked of `map` before any is added: asking while inserting
        // would let the first of a repeated name win, since it makes the name present. Then
        // `insert` replaces, so the last value wins (at the first one's place). API Gateway
        // sends every name in both, so `add` is usually empty and never allocates.
        let mut add = Vec::new();
        for (name, value) in view.headers.into_iter().flat_map(Map::iter) {
            let name = header_name(name)?;
            if !map.contains_key(&name) {
                add.push((name, value));
            }
        }
        for (name, value) in add {
            map.insert(name, header_value(value, shared)?);
        }
    }
    if let Some((first, rest)) = view.cookies.split_first() {
        let len = rest.iter().map(|c| c.len() + 2).sum::<usize>() + first.len();
        let mut joined = String::with_capacity(len);
        joined.push_str(first);
        for c in rest {
            joined.push_str("; ");
            joined.push_str(c);
        }
        // Handed over, not copied (exactly sized, so `Bytes` takes the buffer as it is).
        let value = HeaderValue::from_maybe_shared(Bytes::from(joined))
            .map_err(|_| HttpError::InvalidHeader)?;
        map.insert(COOKIE, value);
    }
    Ok(map)
}
