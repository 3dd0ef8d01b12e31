//! Panics on `{"firstName":"panic"}`, awaits 300 ms on `"slow"` and 20 s on `"sleepy"`; with
//! `PANIC_IN_INIT=1` panics during init.
use std::time::Duration;

use lambkin::{Context, Handler};

#[derive(serde::Deserialize)]
struct Request<'a> {
    #[serde(rename = "firstName", borrow)]
    first_name: Option<&'a str>,
}

struct Greeter;

impl Handler for Greeter {
    type Event<'a> = Request<'a>;
    type Output<'a> = &'a str;
    type Error = core::convert::Infallible;

    async fn call<'a>(
        &'a self,
        req: Request<'a>,
        _: &'a Context<'a>,
    ) -> Result<&'a str, Self::Error> {
        match req.first_name {
            Some("panic") => panic!("aborting handler"),
            Some("slow") => {
                async_io::Timer::after(Duration::from_millis(300)).await;
                Ok("slow")
            }
            Some("sleepy") => {
                async_io::Timer::after(Duration::from_secs(20)).await;
                Ok("sleepy")
            }
            name => Ok(name.unwrap_or("world")),
        }
    }
}

fn main() {
    lambkin::run_with_init(async |_| {
        if std::env::var_os("PANIC_IN_INIT").is_some() {
            panic!("aborting init");
        }
        Ok::<_, &str>(Greeter)
    })
}
