//! Placeholder until the faults section lands.

pub fn section(_smoke: bool, _machine: &str) -> Result<String, String> {
    Err("the faults section is not built yet".into())
}
