//! [`Source`]: one copy of the event text, kept in the request's extensions. Header values
//! and the URI are slices of it (which count a reference, not a copy each); what lambda_http
//! puts in the extensions besides the Lambda context (the maps, the typed request context) is
//! decoded from it the first time a handler asks, since most handlers never do.

use core::ops::Range;
use std::sync::OnceLock;

use bytes::Bytes;
use lambkin_events::http::Origin;

use crate::extras::Extras;

/// The event text (copied before the in-place decode rewrote it), the invocation's trace
/// header after it, and the extras decoded from the event once.
///
/// `Clone` (extensions must be): a clone shares the text and decodes its own extras when
/// asked (cloning decoded ones would compile a deep clone of every source's typed context into
/// every binary, for a request that is rarely cloned).
#[derive(Debug)]
pub(crate) struct Source {
    origin: Option<Origin>,
    text: Bytes,
    /// The event is `text[..event_len]`.
    event_len: usize,
    /// Where the invocation's trace header is in `text`.
    trace_id: Option<Range<usize>>,
    /// Boxed: a typed request context makes `Extras` over a kilobyte, which would be
    /// allocated and moved with every request even though most never decode it.
    extras: OnceLock<Box<Extras>>,
}

impl Clone for Source {
    fn clone(&self) -> Self {
        Self {
            origin: self.origin,
            text: self.text.clone(),
            event_len: self.event_len,
            trace_id: self.trace_id.clone(),
            extras: OnceLock::new(),
        }
    }
}

impl Source {
    /// A copy of `event` (before it is decoded in place) and of the invocation's trace
    /// header, in one buffer.
    pub(crate) fn new(event: &[u8], trace_id: Option<&str>) -> Self {
        let trace = trace_id.unwrap_or_default();
        // Exactly sized: `Bytes` then takes the buffer as it is.
        let mut text = Vec::with_capacity(event.len() + trace.len());
        text.extend_from_slice(event);
        text.extend_from_slice(trace.as_bytes());
        Self {
            origin: None,
            text: Bytes::from(text),
            event_len: event.len(),
            trace_id: trace_id.map(|_| event.len()..event.len() + trace.len()),
            extras: OnceLock::new(),
        }
    }

    /// This source, for a request from `origin` (`None`: pass-through).
    pub(crate) fn with_origin(mut self, origin: Option<Origin>) -> Self {
        self.origin = origin;
        self
    }

    /// The copy of the event text (header values are slices of it).
    pub(crate) fn text(&self) -> &Bytes {
        &self.text
    }

    /// The copy of the event.
    pub(crate) fn event(&self) -> &[u8] {
        self.text.get(..self.event_len).unwrap_or_default()
    }

    /// The invocation's trace header, as a slice of the copy.
    pub(crate) fn trace_id(&self) -> Option<Bytes> {
        let range = self.trace_id.clone()?;
        self.text.get(range.clone()).map(|_| self.text.slice(range))
    }

    pub(crate) fn extras(&self) -> &Extras {
        self.extras
            .get_or_init(|| Box::new(Extras::decode(self.origin, self.event())))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn event_then_trace() {
        let source = Source::new(b"{}", Some("Root=1-2-3"));
        assert_eq!(source.event(), b"{}");
        assert_eq!(source.trace_id().unwrap(), "Root=1-2-3");
        assert_eq!(source.text().len(), 12);
        let bare = Source::new(b"[]", None);
        assert_eq!((bare.event(), bare.trace_id()), (&b"[]"[..], None));
    }
}
