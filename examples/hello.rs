//! The README contract: `{"firstName": X}` → `{"message": "Hello, X!"}`, "world" when missing.
//! Zero heap allocations per invocation: the name is borrowed from the receive buffer and the
//! greeting is formatted straight into the transmit buffer.
#![allow(clippy::std_instead_of_core)]

use lambkin::{Context, Handler};
use serde::ser::{Serialize, SerializeMap, Serializer};

#[derive(serde::Deserialize)]
struct Request<'a> {
    #[serde(rename = "firstName", borrow)]
    first_name: Option<&'a str>,
}

struct Greeting<'a>(&'a str);

impl Serialize for Greeting<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(1))?;
        map.serialize_entry("message", &format_args!("Hello, {}!", self.0))?;
        map.end()
    }
}

struct Hello;

impl Handler for Hello {
    type Event<'a> = Request<'a>;
    type Output<'a> = Greeting<'a>;
    type Error = core::convert::Infallible;

    async fn call<'a>(
        &'a self,
        req: Request<'a>,
        _ctx: &'a Context<'a>,
    ) -> Result<Greeting<'a>, Self::Error> {
        Ok(Greeting(req.first_name.unwrap_or("world")))
    }
}

fn main() {
    lambkin::run(Hello)
}
