//! Placeholder until the soak section lands.

pub fn section(_smoke: bool, _machine: &str) -> Result<String, String> {
    Err("the soak section is not built yet".into())
}
