//! Raw bytes in, the same bytes out: no JSON decoding at all.
#![allow(clippy::std_instead_of_core)]

use lambkin::{Context, Handler, Raw};

struct Echo;

impl Handler for Echo {
    type Event<'a> = Raw<'a>;
    type Output<'a> = Raw<'a>;
    type Error = core::convert::Infallible;

    async fn call<'a>(
        &'a self,
        body: Raw<'a>,
        _ctx: &'a Context<'a>,
    ) -> Result<Raw<'a>, Self::Error> {
        Ok(body)
    }
}

fn main() {
    lambkin::run(Echo)
}
