//! Placeholder until the crowd section lands.

pub fn section(_smoke: bool, _machine: &str) -> Result<String, String> {
    Err("the crowd section is not built yet".into())
}
