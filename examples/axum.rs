//! An axum app on Lambda: a path parameter, a query parameter, a JSON body, a binary response
//! and a cookie. Runs behind API Gateway (REST or HTTP API), an ALB, a function URL or VPC
//! Lattice, on any transport: `--features http,tokio` (or `http,smol`, or `http` for std).
//!
//! Locally, with the emulator's HTTP front end (README, "HTTP services"):
//! `lambkin-emulator serve --http 9000 --example axum --features http,tokio`, then
//! `curl 'localhost:9000/users/7?greeting=hi'`.
#![allow(clippy::std_instead_of_core)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::indexing_slicing))]

use axum::extract::{Path, Query};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use lambkin::http::{Adapter, RequestExt};
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Deserialize)]
struct Greeting {
    greeting: Option<String>,
}

/// `GET /users/{id}?greeting=…`: the path parameter and the query parameter.
async fn user(Path(id): Path<u32>, Query(q): Query<Greeting>) -> Json<Value> {
    let greeting = q.greeting.unwrap_or_else(|| "hello".into());
    Json(json!({ "id": id, "message": format!("{greeting}, user {id}") }))
}

/// `POST /echo`: the JSON body back, with the invocation's request id.
async fn echo(request: axum::extract::Request) -> Response {
    let request_id = request
        .lambda_context_ref()
        .map(|c| c.request_id.clone())
        .unwrap_or_default();
    let (_, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 6 << 20).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(body) => Json(json!({ "body": body, "requestId": request_id })).into_response(),
        Err(e) => (StatusCode::BAD_REQUEST, format!("not JSON: {e}\n")).into_response(),
    }
}

/// `GET /bytes`: a binary response (sent to Lambda as base64, arrives as bytes).
async fn bytes() -> impl IntoResponse {
    let body: Vec<u8> = (0..=255u8).collect();
    ([(header::CONTENT_TYPE, "application/octet-stream")], body)
}

/// `GET /visit`: counts visits in a cookie.
async fn visit(headers: HeaderMap) -> impl IntoResponse {
    let seen = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix("visits="))
        .and_then(|n| n.parse::<u32>().ok())
        .unwrap_or(0);
    let visits = seen + 1;
    (
        [(header::SET_COOKIE, format!("visits={visits}; Path=/"))],
        format!("visit {visits}\n"),
    )
}

fn app() -> Router {
    Router::new()
        .route("/users/{id}", get(user))
        .route("/echo", post(echo))
        .route("/bytes", get(bytes))
        .route("/visit", get(visit))
}

fn main() {
    lambkin::run(Adapter::new(app()))
}

// Unit tests need no server: `from_str` builds the request the router would receive.
#[cfg(test)]
mod tests {
    use super::app;
    use lambkin::http::{RequestExt, request::from_str};
    use tower::ServiceExt as _;

    #[tokio::test]
    async fn users_route_reads_the_path_and_the_query() {
        let req = from_str(
            r#"{"version":"2.0","rawPath":"/users/7","rawQueryString":"greeting=hi",
                "requestContext":{"http":{"method":"GET"}}}"#,
        )
        .unwrap();
        assert_eq!(req.query_string_parameters().first("greeting"), Some("hi"));
        let response = app().oneshot(req).await.unwrap();
        assert_eq!(response.status(), 200);
        let body = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        assert_eq!(&body[..], br#"{"id":7,"message":"hi, user 7"}"#);
    }
}
