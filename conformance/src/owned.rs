//! Owned handlers (`lambkin::service_fn`) on every transport: what their errors tell Lambda,
//! through the Runtime API, as the emulator records it.

use lambkin::service::{Error, LambdaEvent, service_fn};
use lambkin_emulator::{Invocation, Outcome};
use serde_json::{Value, json};

use crate::{Rig, Transport, WAIT};

/// The `/error` an invocation ends in: the header's type, the body, the X-Ray cause.
fn error_report(rig: &Rig, event: &str) -> (String, Value, Value) {
    let Outcome::Error {
        error_type,
        body,
        headers,
    } = rig.invoke(Invocation::new(event))
    else {
        panic!("expected an error for {event}")
    };
    let cause = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("Lambda-Runtime-Function-XRay-Error-Cause"))
        .map(|(_, v)| serde_json::from_str(v).unwrap())
        .expect("an X-Ray cause header");
    (error_type, serde_json::from_slice(&body).unwrap(), cause)
}

async fn orders(event: LambdaEvent<Value>) -> Result<Value, anyhow::Error> {
    use anyhow::Context as _;
    let count = event.payload["count"].as_str().unwrap_or_default();
    let n: u32 = count
        .parse()
        .context("reading the item count")
        .context("loading the order")?;
    Ok(json!({ "items": n, "requestId": event.context.request_id }))
}

/// An anyhow error with a context chain: the root cause's type, the whole chain as the
/// message, the type Lambda keeps in the header, the same in the X-Ray cause; the next
/// invocation is served.
pub fn anyhow_errors_report_type_and_chain<T: Transport>() {
    let rig = Rig::with(1, WAIT, |rt| T::serve(rt, &service_fn(orders)));
    let (header, doc, cause) = error_report(&rig, r#"{"count":"many"}"#);
    assert_eq!(header, "Function.ParseIntError", "{}", T::NAME);
    assert_eq!(doc["errorType"], "ParseIntError", "{}", T::NAME);
    assert_eq!(
        doc["errorMessage"],
        "loading the order: reading the item count: invalid digit found in string"
    );
    // anyhow captures a backtrace when RUST_BACKTRACE or RUST_LIB_BACKTRACE asks for one;
    // then it starts where the error was made, and lambkin's own frames are cut.
    if let Some(frames) = doc["stackTrace"].as_array() {
        let first = frames[0].as_str().unwrap();
        assert!(
            first.contains("owned::orders") && first.contains("owned.rs:"),
            "{doc}"
        );
        assert!(
            !frames
                .iter()
                .any(|f| f.as_str().unwrap().contains("lambkin::")),
            "{doc}"
        );
    }
    assert_eq!(cause["exceptions"][0]["type"], "ParseIntError");
    assert_eq!(cause["exceptions"][0]["message"], doc["errorMessage"]);
    let Outcome::Response { body, .. } = rig.invoke(Invocation::new(r#"{"count":"3"}"#)) else {
        panic!("the next invocation failed")
    };
    let answer: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(answer["items"], 3);
    rig.stop();
}

#[derive(Debug)]
struct OutOfStock {
    #[allow(dead_code)]
    sku: String,
}

impl std::fmt::Display for OutOfStock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("out of stock")
    }
}

impl std::error::Error for OutOfStock {}

async fn stock(event: LambdaEvent<Value>) -> Result<Value, Error> {
    match event.payload["sku"].as_str() {
        Some(sku) if sku.starts_with('x') => Err(Box::new(OutOfStock { sku: sku.into() })),
        Some(sku) => Ok(json!({ "sku": sku })),
        None => Err("no sku".into()),
    }
}

/// `lambda_runtime::Error` (a boxed error): the concrete type's short name, not
/// `alloc::boxed::Box<dyn core::error::Error + …>`; a string error is `Function.Unhandled`.
pub fn boxed_errors_report_the_concrete_type<T: Transport>() {
    let rig = Rig::with(1, WAIT, |rt| T::serve(rt, &service_fn(stock)));
    let (header, doc, _) = error_report(&rig, r#"{"sku":"x1"}"#);
    assert_eq!(header, "Function.OutOfStock", "{}", T::NAME);
    assert_eq!(doc["errorType"], "OutOfStock");
    assert_eq!(doc["errorMessage"], "out of stock");
    let (header, doc, _) = error_report(&rig, "{}");
    assert_eq!(header, "Function.Unhandled");
    assert_eq!(doc["errorMessage"], "no sku");
    rig.stop();
}
