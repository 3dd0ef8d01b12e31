//! The subscriber's one layer: which callsites are on, which invocation a record belongs to,
//! and writing each record as one line in one write.
//!
//! The invocation is found through the span the host enters around every handler poll
//! ([`INVOKE_SPAN`]): the registry keeps the current span per thread and `Instrumented`
//! enters and leaves it on each poll, so the lookup is right for workers on threads and for
//! workers as futures interleaved on one thread alike.

use core::cell::RefCell;
use core::fmt;
use std::io::Write as _;

use lambkin_core::request::MAX_ID_LEN;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::subscriber::Interest;
use tracing::{Event, Level, Metadata, Subscriber};
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::{Context, Layer};
use tracing_subscriber::registry::LookupSpan;

use super::format::{self, Fields, Format, Ids};

/// The span around each invocation, named and shaped as `lambda_runtime`'s (and the facade's
/// `TracingLayer`): fields `requestId`, `xrayTraceId`, `tenantId`.
pub(crate) const INVOKE_SPAN: &str = "Lambda runtime invoke";

/// Where lines go.
#[derive(Clone, Debug)]
pub(crate) enum Sink {
    /// Standard output, as Lambda's managed runtimes and `lambda_runtime` write logs.
    Stdout,
    /// A buffer (the formatter's tests).
    #[cfg(test)]
    Capture(std::sync::Arc<std::sync::Mutex<Vec<u8>>>),
}

impl Sink {
    /// One `write_all` under the sink's lock: lines from concurrent workers never interleave.
    pub(crate) fn write(&self, line: &[u8]) {
        match self {
            // Stdout's LineWriter hands a buffer ending in a newline straight to one write(2)
            // when nothing is pending; the lock keeps other threads out meanwhile.
            Self::Stdout => {
                let _ = std::io::stdout().lock().write_all(line);
            }
            #[cfg(test)]
            Self::Capture(buf) => {
                if let Ok(mut b) = buf.lock() {
                    b.extend_from_slice(line);
                }
            }
        }
    }
}

/// The invocation's ids, kept in its span's extensions. The request id is copied inline (no
/// allocation); a tenant id is rarer and unbounded.
#[derive(Default)]
struct InvokeIds {
    request_id: heapless::String<MAX_ID_LEN>,
    tenant_id: Option<String>,
}

impl Visit for InvokeIds {
    fn record_str(&mut self, field: &Field, value: &str) {
        match field.name() {
            "requestId" => {
                self.request_id.clear();
                let _ = self
                    .request_id
                    .push_str(format::truncate(value, MAX_ID_LEN));
            }
            "tenantId" => self.tenant_id = Some(value.to_owned()),
            _ => {}
        }
    }

    /// `%value` fields (the facade's `TracingLayer` records them so).
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        match field.name() {
            "requestId" => {
                self.request_id.clear();
                let _ = fmt::write(
                    &mut Bounded(&mut self.request_id),
                    format_args!("{value:?}"),
                );
            }
            "tenantId" => self.tenant_id = Some(format!("{value:?}")),
            _ => {}
        }
    }
}

/// Writes into a bounded string, dropping what does not fit.
struct Bounded<'s>(&'s mut heapless::String<MAX_ID_LEN>);

impl fmt::Write for Bounded<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for c in s.chars() {
            if self.0.push(c).is_err() {
                break;
            }
        }
        Ok(())
    }
}

/// Formats records as Lambda does and writes them to the sink.
pub(crate) struct LambdaLayer {
    pub(crate) format: Format,
    pub(crate) targets: Targets,
    pub(crate) sink: Sink,
}

thread_local! {
    /// Each thread's line and fields buffers, reused: a record allocates nothing once they
    /// have grown to its size.
    static BUFFERS: RefCell<(Vec<u8>, Vec<u8>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

impl LambdaLayer {
    /// Events by target and level; of spans only the invocation's (the only ones a record
    /// shows), so user spans cost nothing here.
    fn wants(&self, meta: &Metadata<'_>) -> bool {
        if meta.is_span() {
            meta.name() == INVOKE_SPAN
        } else {
            self.targets.would_enable(meta.target(), meta.level())
        }
    }

    /// Formats a record into this thread's buffers (fresh ones if a `Debug` impl logs while
    /// being formatted) and writes it.
    fn emit(&self, level: Level, ids: Ids<'_>, fill: impl FnOnce(&mut Fields<'_>)) {
        let ms = crate::serve::epoch_ms();
        let write = |(line, fields): &mut (Vec<u8>, Vec<u8>)| {
            line.clear();
            fields.clear();
            format::head(self.format, ms, level, ids, line);
            fill(&mut Fields::new(self.format, line, Some(fields)));
            format::finish(self.format, line, fields);
            self.sink.write(line);
        };
        let mut pending = Some(write);
        let _ = BUFFERS.try_with(|b| {
            if let Ok(mut b) = b.try_borrow_mut()
                && let Some(write) = pending.take()
            {
                write(&mut b);
            }
        });
        if let Some(write) = pending {
            write(&mut (Vec::new(), Vec::new()));
        }
    }
}

impl<S> Layer<S> for LambdaLayer
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn register_callsite(&self, meta: &'static Metadata<'static>) -> Interest {
        if self.wants(meta) {
            Interest::always()
        } else {
            Interest::never()
        }
    }

    fn enabled(&self, meta: &Metadata<'_>, _: Context<'_, S>) -> bool {
        self.wants(meta)
    }

    /// At least INFO, the invocation span's level, whatever the filter: the span must exist
    /// for a WARN record to find its request id.
    fn max_level_hint(&self) -> Option<LevelFilter> {
        let most = self
            .targets
            .iter()
            .map(|(_, level)| level)
            .chain(self.targets.default_level())
            .max()
            .unwrap_or(LevelFilter::OFF);
        Some(most.max(LevelFilter::INFO))
    }

    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        if attrs.metadata().name() != INVOKE_SPAN {
            return;
        }
        let mut ids = InvokeIds::default();
        attrs.record(&mut ids);
        if let Some(span) = ctx.span(id) {
            span.extensions_mut().insert(ids);
        }
    }

    /// `tenantId` may be recorded after the span opened (the facade's `TracingLayer` does).
    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(id)
            && let Some(ids) = span.extensions_mut().get_mut::<InvokeIds>()
        {
            values.record(ids);
        }
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        let level = *event.metadata().level();
        let scope = ctx.event_scope(event);
        let span = scope.and_then(|mut s| s.find(|span| span.name() == INVOKE_SPAN));
        let extensions = span.as_ref().map(|s| s.extensions());
        let invoke = extensions.as_ref().and_then(|e| e.get::<InvokeIds>());
        let ids = Ids {
            request_id: invoke.map(|i| i.request_id.as_str()),
            tenant_id: invoke.and_then(|i| i.tenant_id.as_deref()),
        };
        self.emit(level, ids, |fields| event.record(fields));
    }
}

/// Writes a message-only record outside any invocation, past the filter: lambkin's notices
/// about the logging configuration itself must be seen.
pub(crate) fn announce(format: Format, sink: &Sink, level: Level, message: &dyn fmt::Display) {
    let mut line = Vec::new();
    format::message_only(format, crate::serve::epoch_ms(), level, message, &mut line);
    sink.write(&line);
}
