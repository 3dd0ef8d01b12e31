//! Init errors and init panics reach `/runtime/init/error`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

use lambkin_core::diagnostic::error_type;
use lambkin_core::{Config, Failure, Raw};
use lambkin_emulator::Emulator;
use lambkin_std::{RunError, Runtime};

fn config(emu: &Emulator) -> Config<'static> {
    let api: &'static str = Box::leak(emu.runtime_api().into_boxed_str());
    Config::from_lookup(|k| (k == "AWS_LAMBDA_RUNTIME_API").then_some(api)).unwrap()
}

struct Never;
impl lambkin_core::Handler for Never {
    type Event<'a> = Raw<'a>;
    type Output<'a> = Raw<'a>;
    type Error = &'static str;
    async fn call<'a>(
        &'a self,
        e: Raw<'a>,
        _: &'a lambkin_core::Context<'a>,
    ) -> Result<Raw<'a>, &'static str> {
        Ok(e)
    }
}

#[test]
fn init_error_is_reported() {
    let emu = Emulator::start(Default::default()).unwrap();
    let stop = Runtime::new(config(&emu)).run_with_init(|_| {
        Err::<Never, _>(Failure::new("Function.DbDown", "database unreachable"))
    });
    assert!(matches!(stop, RunError::Init), "{stop:?}");
    let report = emu.init_error().expect("init error recorded");
    assert_eq!(report.error_type, "Function.DbDown");
    let doc: serde_json::Value = serde_json::from_slice(&report.body).unwrap();
    assert_eq!(doc["errorMessage"], "database unreachable");
}

#[test]
fn init_panic_is_reported() {
    let emu = Emulator::start(Default::default()).unwrap();
    let stop = Runtime::new(config(&emu))
        .run_with_init(|_| -> Result<Never, &'static str> { panic!("init exploded") });
    assert!(matches!(stop, RunError::Init), "{stop:?}");
    let report = emu.init_error().expect("init error recorded");
    assert_eq!(report.error_type, error_type::PANIC);
    assert!(String::from_utf8_lossy(&report.body).contains("init exploded"));
}
