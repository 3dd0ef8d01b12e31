//! lambkin's side of the HTTP benchmark: the shared axum app on `lambkin::http`, as
//! `examples/axum.rs` runs one (built by `benches/src/subjects.rs` as a user crate with the
//! facade's `tokio` and `http` features).

#[path = "axum_app.rs"]
mod axum_app;

use lambkin::http::Adapter;

fn main() {
    lambkin::run(Adapter::new(axum_app::app()))
}
