//! The axum app both sides of the HTTP benchmark serve (`benches/src/http.rs`): one source, so
//! the two binaries differ only in the runtime that feeds it. lambkin's binary is
//! `lambkin_axum.rs` beside this file, lambda_http's `benches/fixtures/official-axum`.
//!
//! `POST /users/{id}/orders` takes a typed JSON order (about 1 KiB in the benchmark's event,
//! `benches/events/http_v2_1k.json`) and answers `201` with a JSON receipt: a path parameter, a
//! body to decode, and a body to encode, as a typical API handler does.

use axum::extract::Path;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Order {
    customer: Customer,
    items: Vec<Item>,
    shipping: Address,
    currency: String,
    coupon: Option<String>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Customer {
    name: String,
    email: String,
    loyalty_tier: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    sku: String,
    name: String,
    quantity: u32,
    unit_price_cents: u64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Address {
    line1: String,
    city: String,
    postal_code: String,
    country: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Receipt {
    user_id: u64,
    customer: String,
    email: String,
    items: usize,
    quantity: u32,
    total_cents: u64,
    currency: String,
    ship_to: String,
    discounted: bool,
    gift_note: bool,
}

/// `POST /users/{id}/orders`: checks and totals the order for user `id`.
async fn create_order(
    Path(user_id): Path<u64>,
    Json(order): Json<Order>,
) -> Result<(StatusCode, Json<Receipt>), (StatusCode, &'static str)> {
    let valid = |i: &Item| !i.sku.is_empty() && !i.name.is_empty() && i.quantity > 0;
    if order.items.is_empty() || !order.items.iter().all(valid) {
        return Err((
            StatusCode::UNPROCESSABLE_ENTITY,
            "every item needs a sku, a name and a quantity",
        ));
    }
    let quantity = order.items.iter().map(|i| i.quantity).sum();
    let total_cents = order
        .items
        .iter()
        .map(|i| u64::from(i.quantity).saturating_mul(i.unit_price_cents))
        .fold(0, u64::saturating_add);
    // The tier is read so the whole body is decoded into fields the handler uses.
    let discounted = order.coupon.is_some() || order.customer.loyalty_tier == "gold";
    let receipt = Receipt {
        user_id,
        customer: order.customer.name,
        email: order.customer.email,
        items: order.items.len(),
        quantity,
        total_cents,
        currency: order.currency,
        ship_to: format!(
            "{}, {} {}, {}",
            order.shipping.line1,
            order.shipping.postal_code,
            order.shipping.city,
            order.shipping.country
        ),
        discounted,
        gift_note: order.note.is_some(),
    };
    Ok((StatusCode::CREATED, Json(receipt)))
}

/// `GET /health`: a second route, so routing chooses between more than one.
async fn health() -> &'static str {
    "ok"
}

pub fn app() -> Router {
    Router::new()
        .route("/users/{id}/orders", post(create_order))
        .route("/health", get(health))
}
