//! Running a handler against the invocation deadline (opt-in).
//!
//! Lambda kills the whole sandbox at the deadline and the invocation ends as
//! `Sandbox.Timedout`, with a cold start to follow. [`WithDeadline`] stops waiting for the
//! handler a margin before that and reports [`error_type::TIMEOUT`] to `/error` instead, so
//! the process and its warm state survive. The core has no clock: the transport supplies a
//! [`Clock`]. Only a handler that awaits can be cut short; a blocking loop never yields.

use core::fmt;
use core::future::Future;
use core::pin::pin;
use core::task::Poll;

use crate::context::Context;
use crate::diagnostic::error_type;
use crate::handler::{ErrorReport, Handler, IntoBody};
use crate::json::EncodeError;
use crate::stream::{StreamBody, Writer};

/// Wall-clock time and a timer, from the transport's executor.
pub trait Clock {
    /// Milliseconds since the Unix epoch.
    fn now_epoch_ms(&self) -> u64;
    /// Completes after `ms` milliseconds.
    fn sleep_ms(&self, ms: u64) -> impl Future<Output = ()>;
}

/// A handler raced against its invocation's deadline minus a margin.
#[derive(Debug, Clone, Copy)]
pub struct WithDeadline<H, C> {
    handler: H,
    clock: C,
    margin_ms: u64,
}

impl<H, C> WithDeadline<H, C> {
    /// Wraps `handler`: it gets until the deadline minus `margin_ms` (room to send the report).
    pub const fn new(handler: H, clock: C, margin_ms: u64) -> Self {
        Self {
            handler,
            clock,
            margin_ms,
        }
    }

    /// The wrapped handler.
    pub const fn inner(&self) -> &H {
        &self.handler
    }
}

/// The handler's own error, or the deadline passed first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timed<E> {
    /// The handler returned an error.
    Handler(E),
    /// The handler had this many milliseconds (deadline minus margin) and did not finish.
    TimedOut {
        /// Time the handler was given.
        budget_ms: u64,
        /// The margin kept before the deadline.
        margin_ms: u64,
    },
}

impl<E: fmt::Display> fmt::Display for Timed<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Handler(e) => e.fmt(f),
            Self::TimedOut {
                budget_ms,
                margin_ms,
            } => write!(
                f,
                "the handler did not finish in {budget_ms} ms, {margin_ms} ms before the \
                 invocation deadline; it was stopped"
            ),
        }
    }
}

impl<E: ErrorReport> ErrorReport for Timed<E> {
    fn error_type(&self) -> &str {
        match self {
            Self::Handler(e) => e.error_type(),
            Self::TimedOut { .. } => error_type::TIMEOUT,
        }
    }
}

impl<H: Handler, C: Clock> Handler for WithDeadline<H, C> {
    type Event<'a>
        = H::Event<'a>
    where
        Self: 'a;
    type Output<'a>
        = Deadlined<'a, H::Output<'a>, C>
    where
        Self: 'a;
    type Error = Timed<H::Error>;

    async fn call<'a>(
        &'a self,
        event: Self::Event<'a>,
        ctx: &'a Context<'a>,
    ) -> Result<Self::Output<'a>, Self::Error> {
        let work = self.handler.call(event, ctx);
        let Some(deadline) = ctx.deadline else {
            let output = work.await.map_err(Timed::Handler)?;
            return Ok(self.deadlined(output, None));
        };
        // The event was received just now, which is what a relative deadline counts from.
        let now = self.clock.now_epoch_ms();
        let budget_ms = deadline
            .remaining_ms(now, now)
            .saturating_sub(self.margin_ms);
        let budget = Budget {
            stop_at_ms: now.saturating_add(budget_ms),
            budget_ms,
            margin_ms: self.margin_ms,
        };
        let output = race(&self.clock, budget, work).await?;
        Ok(self.deadlined(output, Some(budget)))
    }
}

impl<H, C> WithDeadline<H, C> {
    fn deadlined<O>(&self, output: O, budget: Option<Budget>) -> Deadlined<'_, O, C> {
        Deadlined {
            output,
            clock: &self.clock,
            budget,
        }
    }
}

/// When an invocation must be done by, and how it was worked out (for the report).
#[derive(Debug, Clone, Copy)]
struct Budget {
    stop_at_ms: u64,
    budget_ms: u64,
    margin_ms: u64,
}

/// `work` raced against `budget`'s end on `clock`.
async fn race<T, E>(
    clock: &impl Clock,
    budget: Budget,
    work: impl Future<Output = Result<T, E>>,
) -> Result<T, Timed<E>> {
    let left = budget.stop_at_ms.saturating_sub(clock.now_epoch_ms());
    let (mut work, mut timer) = (pin!(work), pin!(clock.sleep_ms(left)));
    // The work first: a result that is ready when the time is up still counts.
    core::future::poll_fn(|cx| {
        if let Poll::Ready(r) = work.as_mut().poll(cx) {
            return Poll::Ready(r.map_err(Timed::Handler));
        }
        timer.as_mut().poll(cx).map(|()| {
            Err(Timed::TimedOut {
                budget_ms: budget.budget_ms,
                margin_ms: budget.margin_ms,
            })
        })
    })
    .await
}

/// A [`WithDeadline`] handler's output: a buffered one passes through; a streamed body is
/// raced against the same deadline, and ends with `Function.Timeout` trailers when it runs out.
#[derive(Debug)]
pub struct Deadlined<'a, O, C> {
    output: O,
    clock: &'a C,
    budget: Option<Budget>,
}

impl<O, C> Deadlined<'_, O, C> {
    /// The handler's own output.
    pub fn into_inner(self) -> O {
        self.output
    }
}

impl<O: IntoBody, C: Clock> IntoBody for Deadlined<'_, O, C> {
    fn write_body(&self, out: &mut [u8]) -> Result<usize, EncodeError> {
        self.output.write_body(out)
    }

    fn into_stream(self) -> Result<impl StreamBody, Self> {
        let Self {
            output,
            clock,
            budget,
        } = self;
        match output.into_stream() {
            Ok(body) => Ok(TimedBody {
                body,
                clock,
                budget,
            }),
            Err(output) => Err(Self {
                output,
                clock,
                budget,
            }),
        }
    }
}

/// A streamed body raced against the invocation's deadline.
struct TimedBody<'a, B, C> {
    body: B,
    clock: &'a C,
    budget: Option<Budget>,
}

impl<B: StreamBody, C: Clock> StreamBody for TimedBody<'_, B, C> {
    type Error = Timed<B::Error>;

    fn content_type(&self) -> &str {
        self.body.content_type()
    }

    async fn write_to(self, out: &mut Writer<'_>) -> Result<(), Self::Error> {
        match self.budget {
            Some(budget) => race(self.clock, budget, self.body.write_to(out)).await,
            None => self.body.write_to(out).await.map_err(Timed::Handler),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use core::cell::Cell;
    use core::future::{Future, pending, ready};
    use core::pin::pin;
    use core::task::{Context as TaskContext, Poll, Waker};

    use super::*;
    use crate::config::Config;
    use crate::context::Deadline;
    use crate::handler::Raw;

    /// A clock whose timer fires after `fires_after` polls, recording the budget asked for.
    struct FakeClock {
        now: u64,
        asked: Cell<Option<u64>>,
        fires_after: u32,
    }

    impl Clock for &FakeClock {
        fn now_epoch_ms(&self) -> u64 {
            self.now
        }
        fn sleep_ms(&self, ms: u64) -> impl Future<Output = ()> {
            self.asked.set(Some(ms));
            let mut polls = self.fires_after;
            core::future::poll_fn(move |_| {
                if polls == 0 {
                    return Poll::Ready(());
                }
                polls -= 1;
                Poll::Pending
            })
        }
    }

    /// Answers at once for `"now"`, never for anything else.
    struct Slow;

    impl Handler for Slow {
        type Event<'a> = Raw<'a>;
        type Output<'a> = Raw<'a>;
        type Error = &'static str;

        async fn call<'a>(
            &'a self,
            event: Raw<'a>,
            _: &'a Context<'a>,
        ) -> Result<Raw<'a>, &'static str> {
            match event.0 {
                b"now" => ready(Ok(event)).await,
                b"fail" => Err("failed"),
                _ => pending().await,
            }
        }
    }

    fn poll_to_end<F: Future>(f: F) -> F::Output {
        let mut f = pin!(f);
        let mut cx = TaskContext::from_waker(Waker::noop());
        for _ in 0..100 {
            if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
                return v;
            }
        }
        panic!("did not finish")
    }

    #[test]
    fn races_the_handler_against_deadline_minus_margin() {
        let config =
            Config::from_lookup(|k| (k == "AWS_LAMBDA_RUNTIME_API").then_some("127.0.0.1:9001"))
                .unwrap();
        // (deadline header, event, expected result, budget asked of the clock)
        type Case<'a> = (
            Option<u64>,
            &'a [u8],
            Result<&'a [u8], Timed<&'a str>>,
            Option<u64>,
        );
        let cases: &[Case<'_>] = &[
            (Some(1_700_000_003_000), b"now", Ok(b"now"), Some(2_500)),
            (
                Some(1_700_000_003_000),
                b"fail",
                Err(Timed::Handler("failed")),
                Some(2_500),
            ),
            (
                Some(1_700_000_003_000),
                b"hang",
                Err(Timed::TimedOut {
                    budget_ms: 2_500,
                    margin_ms: 500,
                }),
                Some(2_500),
            ),
            // cargo-lambda's relative deadline: 600 s from receipt.
            (
                Some(600_000),
                b"hang",
                Err(Timed::TimedOut {
                    budget_ms: 599_500,
                    margin_ms: 500,
                }),
                Some(599_500),
            ),
            // Already past: no time at all, still a clean timeout.
            (
                Some(1_699_999_999_000),
                b"hang",
                Err(Timed::TimedOut {
                    budget_ms: 0,
                    margin_ms: 500,
                }),
                Some(0),
            ),
            // No deadline header: no timer.
            (None, b"now", Ok(b"now"), None),
        ];
        for (deadline, event, want, asked) in cases {
            let clock = FakeClock {
                now: 1_700_000_000_000,
                asked: Cell::new(None),
                fires_after: 3,
            };
            let h = WithDeadline::new(Slow, &clock, 500);
            let mut ctx = Context::new("id", &config);
            ctx.deadline = deadline.map(Deadline::from_raw);
            let got = poll_to_end(h.call(Raw(event), &ctx));
            assert_eq!(got.map(|r| r.into_inner().0), *want, "{deadline:?}");
            assert_eq!(clock.asked.get(), *asked, "{deadline:?}");
        }
        let timeout: Timed<&str> = Timed::TimedOut {
            budget_ms: 1,
            margin_ms: 2,
        };
        assert_eq!(timeout.error_type(), error_type::TIMEOUT);
        assert_eq!(Timed::Handler("x").error_type(), error_type::FUNCTION);
    }
}
