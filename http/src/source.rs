//! [`Source`]: one copy of the event text, kept in the request's extensions. Header values
//! and the URI are slices of it (which count a reference, not a copy each); what lambda_http
//! puts in the extensions besides the Lambda context (the maps, the typed request context) is
//! decoded from it the first time a handler asks, since most handlers never do.

use core::ops::Range;
use std::sync::{Mutex, OnceLock};

use bytes::{Bytes, BytesMut};
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

/// The buffer of the last invocation's copy, reused by the next one once no request holds a
/// part of it: an event is a few kilobytes, past the allocator's per-thread caches, so a fresh
/// buffer cost about a thousand instructions to allocate and free per invocation. One for the
/// handler: with several invocations at once, the kept buffer is often a running request's,
/// and the next invocation allocates as it would without.
#[derive(Debug, Default)]
pub(crate) struct Spare(Mutex<Option<Bytes>>);

/// A larger buffer is not kept: it would stay allocated, for every later invocation, however
/// small they are (and one this large is mapped and unmapped, not cached, by the allocator).
const SPARE_MAX: usize = 256 * 1024;

impl Spare {
    /// An empty buffer with room for `len` bytes: the kept one if it is free (the request it
    /// went into, and everything taken from it, dropped) and large enough, else a new one.
    fn take(&self, len: usize) -> BytesMut {
        // Never waits: with several invocations at once (`AWS_LAMBDA_MAX_CONCURRENCY`), one
        // that finds the spare taken allocates, as without it.
        let kept = self.0.try_lock().ok().and_then(|mut kept| kept.take());
        match kept.map(Bytes::try_into_mut) {
            Some(Ok(mut buf)) if buf.capacity() >= len => {
                buf.clear();
                buf
            }
            _ => BytesMut::with_capacity(len),
        }
    }

    /// Keeps a handle on `text` for the next [`Spare::take`] (which uses it only once this
    /// handle is the last).
    fn keep(&self, text: &Bytes) {
        if text.len() <= SPARE_MAX
            && let Ok(mut kept) = self.0.try_lock()
        {
            *kept = Some(text.clone());
        }
    }
}

/// A clone starts without a spare buffer: the buffer is the original's request's.
impl Clone for Spare {
    fn clone(&self) -> Self {
        Self::default()
    }
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
    /// header, in one buffer: `spare`'s when it has one free.
    pub(crate) fn new(event: &[u8], trace_id: Option<&str>, spare: &Spare) -> Self {
        let trace = trace_id.unwrap_or_default();
        let mut text = spare.take(event.len() + trace.len());
        text.extend_from_slice(event);
        text.extend_from_slice(trace.as_bytes());
        let text = text.freeze();
        spare.keep(&text);
        Self {
            origin: None,
            text,
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
        let spare = Spare::default();
        let source = Source::new(b"{}", Some("Root=1-2-3"), &spare);
        assert_eq!(source.event(), b"{}");
        assert_eq!(source.trace_id().unwrap(), "Root=1-2-3");
        assert_eq!(source.text().len(), 12);
        let bare = Source::new(b"[]", None, &spare);
        assert_eq!((bare.event(), bare.trace_id()), (&b"[]"[..], None));
    }

    #[test]
    fn the_spare_is_reused_only_when_free() {
        let spare = Spare::default();
        let first = Source::new(b"{\"a\":1}", Some("Root=1"), &spare);
        let at = first.text().as_ptr();
        // A part of the first copy is still held (as a header value would be): the second
        // copy gets a buffer of its own, and the held bytes stay as they were.
        let held = first.text().slice(1..4);
        drop(first);
        let second = Source::new(b"[2,3,4,5,6]", None, &spare);
        assert_ne!(second.text().as_ptr(), at);
        assert_eq!(held, "\"a\"");
        assert_eq!(second.event(), b"[2,3,4,5,6]");
        // Free once nothing holds it: the third copy is written into the second's buffer.
        let at = second.text().as_ptr();
        drop(second);
        let third = Source::new(b"{}", Some("Root=3"), &spare);
        assert_eq!(third.text().as_ptr(), at);
        assert_eq!(
            (third.event(), third.trace_id().unwrap()),
            (&b"{}"[..], "Root=3".into())
        );
        // Too small for the next event: a new buffer.
        drop(third);
        let big = vec![b' '; 100];
        let fourth = Source::new(&big, None, &spare);
        assert_eq!(fourth.event(), &big[..]);
        // Too large to keep: nothing is kept, so the next copy allocates.
        let huge = vec![b' '; SPARE_MAX + 1];
        let fifth = Source::new(&huge, None, &spare);
        drop(fifth);
        assert!(spare.0.lock().unwrap().is_none());
    }
}
