#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::string::{String, ToString};

use lambkin_core::{ErrorReport, Handler};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::*;
use crate::service::{Context, Diagnostic, Error};

fn core_config() -> lambkin_core::Config<'static> {
    lambkin_core::Config::from_lookup(|var| match var {
        "AWS_LAMBDA_RUNTIME_API" => Some("127.0.0.1:9001"),
        "AWS_LAMBDA_FUNCTION_NAME" => Some("my-fn"),
        _ => None,
    })
    .unwrap()
}

async fn func(event: LambdaEvent<Value>) -> Result<Value, Error> {
    let (event, context) = event.into_parts();
    match event["firstName"].as_str() {
        Some(name) => Ok(json!({
            "message": format!("Hello, {name}!"),
            "requestId": context.request_id,
            "function": context.env_config.function_name,
        })),
        None => Err("no firstName".into()),
    }
}

/// The official README's recipe: call the function directly with a default context.
#[test]
fn unit_test_recipe_with_a_default_context() {
    let event = LambdaEvent::new(json!({"firstName": "Ada"}), Context::default());
    let out = lambkin_host::block_on(func(event)).unwrap();
    assert_eq!(
        out,
        json!({"message": "Hello, Ada!", "requestId": "", "function": ""})
    );
    let event = LambdaEvent::new(json!({}), Context::default());
    let err = lambkin_host::block_on(func(event)).unwrap_err();
    assert_eq!(err.to_string(), "no firstName");
}

/// Decodes `body` the way the transports do (the core's codec) and calls `handler`.
fn invoke<H: Handler>(handler: &H, body: &str, ctx: &lambkin_core::Context<'_>) -> String
where
    for<'a> H::Event<'a>: Sized,
{
    let mut body = body.as_bytes().to_vec();
    let event = <H::Event<'_> as lambkin_core::FromBody>::from_body(&mut body).unwrap();
    match lambkin_host::block_on(handler.call(event, ctx)) {
        Ok(out) => {
            let mut buf = [0_u8; 512];
            let len = lambkin_core::IntoBody::write_body(&out, &mut buf).unwrap();
            String::from_utf8(buf[..len].to_vec()).unwrap()
        }
        Err(e) => format!("{}: {e}", e.error_type()),
    }
}

#[test]
fn service_fn_is_a_handler_over_serde_json_values() {
    let config = core_config();
    let ctx = lambkin_core::Context::new("req-7", &config);
    let handler = service_fn(func);
    let out: Value =
        serde_json::from_str(&invoke(&handler, r#"{"firstName":"A\u00e9\"b"}"#, &ctx)).unwrap();
    assert_eq!(
        out,
        json!({"message": "Hello, Aé\"b!", "requestId": "req-7", "function": "my-fn"})
    );
    assert_eq!(
        invoke(&handler, "{}", &ctx),
        "Function.Unhandled: no firstName"
    );
}

#[derive(Deserialize)]
struct Request {
    n: u32,
}

#[derive(Serialize)]
struct Response {
    doubled: u32,
}

#[derive(Debug)]
struct TooBig;

impl From<TooBig> for Diagnostic {
    fn from(_: TooBig) -> Self {
        Diagnostic {
            error_type: "Function.TooBig".into(),
            error_message: "n is too big".into(),
        }
    }
}

#[test]
fn closures_infer_and_custom_errors_keep_their_type() {
    let config = core_config();
    let ctx = lambkin_core::Context::new("r", &config);
    let offset = 1;
    let handler = service_fn(move |event: LambdaEvent<Request>| async move {
        let doubled = event.payload.n.checked_mul(2).ok_or(TooBig)?;
        Ok::<_, TooBig>(Response {
            doubled: doubled + offset,
        })
    });
    assert_eq!(invoke(&handler, r#"{"n":20}"#, &ctx), r#"{"doubled":41}"#);
    assert_eq!(
        invoke(&handler, r#"{"n":4000000000}"#, &ctx),
        "Function.TooBig: n is too big"
    );
}

#[test]
fn sync_fn_is_a_handler() {
    let config = core_config();
    let ctx = lambkin_core::Context::new("req-s", &config);
    let handler = sync_fn(|event: LambdaEvent<Value>| {
        if event.payload.is_null() {
            return Err("null event".to_string());
        }
        Ok(json!([event.payload, event.context.request_id]))
    });
    assert_eq!(invoke(&handler, "[1]", &ctx), r#"[[1],"req-s"]"#);
    assert_eq!(
        invoke(&handler, "null", &ctx),
        "Function.Unhandled: null event"
    );
}

#[test]
fn handlers_are_send_sync_and_static_contexts_cross_threads() {
    fn send_sync<T: Send + Sync + 'static>(_: &T) {}
    // A non-Sync event type (Rc-like via Cell) does not make the handler non-Sync.
    let handler =
        service_fn(
            |e: LambdaEvent<std::cell::Cell<u8>>| async move { Ok::<_, Error>(e.payload.get()) },
        );
    send_sync(&handler);
    send_sync(&sync_fn(|e: LambdaEvent<u8>| Ok::<_, Error>(e.payload)));
    let context = Context::default();
    std::thread::spawn(move || context.request_id)
        .join()
        .unwrap();
}
