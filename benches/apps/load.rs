//! The load section's function (`benches/src/soak.rs`, `crowd.rs`, `faults.rs`): the event's
//! bytes back unchanged, so every answer proves it belongs to its invocation. An event that
//! starts with `{"sleep_ms":N` is held N ms first (a blocking sleep, which holds only this
//! worker), so a fault can land mid-invocation.
#![allow(clippy::std_instead_of_core)]

use lambkin::{Context, Handler, Raw};

struct Load;

/// N of a leading `{"sleep_ms":N`, if the event has one.
fn sleep_ms(event: &[u8]) -> Option<u64> {
    let rest = event.strip_prefix(br#"{"sleep_ms":"#)?;
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    core::str::from_utf8(rest.get(..digits)?).ok()?.parse().ok()
}

impl Handler for Load {
    type Event<'a> = Raw<'a>;
    type Output<'a> = Raw<'a>;
    type Error = core::convert::Infallible;

    async fn call<'a>(
        &'a self,
        event: Raw<'a>,
        _ctx: &'a Context<'a>,
    ) -> Result<Raw<'a>, Self::Error> {
        if let Some(ms) = sleep_ms(event.0) {
            std::thread::sleep(std::time::Duration::from_millis(ms));
        }
        Ok(event)
    }
}

fn main() {
    lambkin::run(Load)
}
