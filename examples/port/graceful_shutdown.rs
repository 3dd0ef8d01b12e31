//! Port of the official graceful shutdown example (the official README; examples/port/README.md).
#![allow(clippy::std_instead_of_core, clippy::indexing_slicing)]
use lambkin::service::{service_fn, Error, LambdaEvent};
use serde_json::{json, Value};

fn main() {
    let func = service_fn(func);

    let (writer, log_guard) = tracing_appender::non_blocking(std::io::stdout());
    tracing_subscriber::fmt().with_writer(writer).init();

    let shutdown_hook = || {
        tracing::info!("shutdown hook: flushing the log writer");
        std::mem::drop(log_guard);
    };
    lambkin::run_with_init(async |config| {
        lambkin::on_shutdown(config, shutdown_hook)?;
        Ok::<_, Error>(func)
    })
}

async fn func(event: LambdaEvent<Value>) -> Result<Value, Error> {
    let (event, _context) = event.into_parts();
    let first_name = event["firstName"].as_str().unwrap_or("world");

    Ok(json!({ "message": format!("Hello, {}!", first_name) }))
}
