//! Lambda-style logs through `tracing` (feature `tracing`): [`init`] installs a subscriber that
//! writes each record as one line on stdout, in the format and at the level the function's
//! logging configuration asks for, tagged with the request id of the invocation it belongs to.
//!
//! | variable | effect |
//! |---|---|
//! | `AWS_LAMBDA_LOG_FORMAT` | `JSON` or `Text` (the default) |
//! | `AWS_LAMBDA_LOG_LEVEL` | `TRACE`, `DEBUG`, `INFO`, `WARN`, `ERROR` or `FATAL` (= `ERROR`), for every target |
//! | `RUST_LOG` | when `AWS_LAMBDA_LOG_LEVEL` is unset: directives such as `info,my_crate=debug` |
//!
//! With neither level set, INFO. A JSON record:
//!
//! ```text
//! {"timestamp":"2026-12-02T12:00:00.123Z","level":"INFO","requestId":"8f5…","message":"done","order_id":7}
//! ```
//!
//! `tenantId` joins it for invocations of a tenant-isolated function. Text records read
//! `2026-12-02T12:00:00.123Z\t8f5…\tINFO\tdone order_id=7`. Records outside an invocation
//! (init) have no request id.
//!
//! The host runs every handler inside a span named `Lambda runtime invoke` (as
//! `lambda_runtime` does) whether or not `init` was called, once any subscriber takes INFO
//! spans; without one the handler runs unwrapped (one atomic load) and nothing is allocated.

mod format;
mod layer;

#[cfg(test)]
mod tests;

use core::fmt;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use lambkin_core::Context;
use tracing::Level;
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt as _;

use format::Format;
use layer::{INVOKE_SPAN, LambdaLayer, Sink, announce};

static INSTALLED: AtomicBool = AtomicBool::new(false);

/// Whether [`init`] installed lambkin's subscriber (lambkin's notices then go through it).
pub fn installed() -> bool {
    INSTALLED.load(Ordering::Acquire)
}

/// Installs the Lambda log subscriber as the global default, configured from
/// `AWS_LAMBDA_LOG_FORMAT`, `AWS_LAMBDA_LOG_LEVEL` and `RUST_LOG`. Call it first thing in
/// `main`, before `run`.
///
/// Never panics: a value it cannot read is reported in the log and replaced by the default; a
/// second call does nothing; if another global subscriber is already set, that one stays and
/// a notice says so on stderr. With `AWS_LAMBDA_MAX_CONCURRENCY` above 1 and the Text format,
/// it logs once that Lambda Managed Instances require JSON logs.
pub fn init() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let config = Config::from_env(var);
        install(config, Sink::Stdout);
    });
}

/// The configuration read from the environment, with what could not be read.
#[derive(Debug)]
pub(crate) struct Config {
    pub format: Format,
    pub targets: Targets,
    /// Bad values, as notices for the log.
    pub notices: Vec<String>,
    pub max_concurrency: u32,
}

impl Config {
    pub(crate) fn from_env(var: impl Fn(&str) -> Option<String>) -> Self {
        let mut notices = Vec::new();
        let format = match var("AWS_LAMBDA_LOG_FORMAT") {
            None => Format::Text,
            Some(v) if v.trim().eq_ignore_ascii_case("json") => Format::Json,
            Some(v) if v.trim().eq_ignore_ascii_case("text") => Format::Text,
            Some(v) => {
                notices.push(format!(
                    "AWS_LAMBDA_LOG_FORMAT={v:?} is neither JSON nor Text; writing Text"
                ));
                Format::Text
            }
        };
        let default = || Targets::new().with_default(LevelFilter::INFO);
        let targets = if let Some(v) = var("AWS_LAMBDA_LOG_LEVEL") {
            match lambda_level(&v) {
                Some(level) => Targets::new().with_default(level),
                None => {
                    notices.push(format!(
                        "AWS_LAMBDA_LOG_LEVEL={v:?} is not one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL; logging at INFO"
                    ));
                    default()
                }
            }
        } else if let Some(v) = var("RUST_LOG") {
            match v.trim().parse::<Targets>() {
                Ok(t) => t,
                Err(e) => {
                    notices.push(format!(
                        "RUST_LOG={v:?} is not a list of target=level directives ({e}); logging at INFO"
                    ));
                    default()
                }
            }
        } else {
            default()
        };
        // The runtime reports a bad value itself (to /init/error); here it only means "one".
        let max_concurrency = var("AWS_LAMBDA_MAX_CONCURRENCY")
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(1);
        Self {
            format,
            targets,
            notices,
            max_concurrency,
        }
    }
}

/// Lambda's level names, any case; FATAL is tracing's ERROR.
fn lambda_level(v: &str) -> Option<LevelFilter> {
    const LEVELS: &[(&str, LevelFilter)] = &[
        ("TRACE", LevelFilter::TRACE),
        ("DEBUG", LevelFilter::DEBUG),
        ("INFO", LevelFilter::INFO),
        ("WARN", LevelFilter::WARN),
        ("ERROR", LevelFilter::ERROR),
        ("FATAL", LevelFilter::ERROR),
    ];
    let v = v.trim();
    LEVELS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(v))
        .map(|&(_, level)| level)
}

/// Sets the subscriber, then says what was wrong with the configuration, past the filter.
fn install(config: Config, sink: Sink) {
    let Config {
        format,
        targets,
        notices,
        max_concurrency,
    } = config;
    let layer = LambdaLayer {
        format,
        targets,
        sink: sink.clone(),
    };
    let subscriber = tracing_subscriber::registry().with(layer);
    if tracing::subscriber::set_global_default(subscriber).is_err() {
        eprintln!(
            "lambkin: a global tracing subscriber was already set; lambkin::tracing::init() left it in place"
        );
        return;
    }
    INSTALLED.store(true, Ordering::Release);
    for n in &notices {
        announce(format, &sink, Level::WARN, n);
    }
    if format == Format::Text && max_concurrency > 1 {
        announce(
            format,
            &sink,
            Level::WARN,
            &ManagedInstances(max_concurrency),
        );
    }
}

/// The warning for Text logs under `AWS_LAMBDA_MAX_CONCURRENCY > 1`.
struct ManagedInstances(u32);

impl fmt::Display for ManagedInstances {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "AWS_LAMBDA_MAX_CONCURRENCY is {} but the log format is Text: Lambda Managed Instances require JSON logs (set the function's log format to JSON)",
            self.0
        )
    }
}

/// Whether any subscriber could take the invocation span (the check `info_span!` makes
/// first): the handler is only wrapped in it then.
pub(crate) fn spans_wanted() -> bool {
    Level::INFO <= tracing::level_filters::LevelFilter::current()
}

/// The span each invocation's handler runs in; disabled (and free) without a subscriber that
/// wants it.
pub(crate) fn invoke_span(ctx: &Context<'_>) -> tracing::Span {
    tracing::info_span!(
        target: "lambkin",
        INVOKE_SPAN,
        requestId = ctx.request_id,
        xrayTraceId = ctx.trace_id,
        tenantId = ctx.tenant_id,
    )
}

/// A lambkin notice through tracing (target `lambkin`), once [`init`] installed the subscriber.
pub(crate) fn warn(message: &dyn fmt::Display) {
    tracing::warn!(target: "lambkin", "{message}");
}

/// Why lambkin stopped, through tracing.
pub(crate) fn error(message: &dyn fmt::Display) {
    tracing::error!(target: "lambkin", "{message}");
}
