//! An axum app whose responses stream: `GET /lines?n=5&delay_ms=500` sends `line 0` …
//! `line 4`, one line every half second, each reaching the client as it is written (a function
//! URL with `InvokeMode: RESPONSE_STREAM`, or API Gateway's streamed integration). Build with
//! `--features http,tokio`.
//!
//! `lambkin::http::run_with_streaming_response` is lambda_http's function of the same name:
//! the status and headers go out first, then every frame of the body as its own chunk, and a
//! body that fails mid-stream ends with Lambda's error trailers.
#![allow(clippy::std_instead_of_core)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::indexing_slicing))]

use std::convert::Infallible;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::Query;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

/// At most this many lines and this long a pause, whatever the query asks.
const MAX_LINES: u32 = 1000;
const MAX_DELAY_MS: u64 = 10_000;

#[derive(Deserialize)]
struct Lines {
    n: Option<u32>,
    delay_ms: Option<u64>,
}

/// `GET /lines?n=…&delay_ms=…`: `n` lines, `delay_ms` apart, as a stream.
async fn lines(Query(q): Query<Lines>) -> Response {
    let n = q.n.unwrap_or(5).min(MAX_LINES);
    let delay = Duration::from_millis(q.delay_ms.unwrap_or(500).min(MAX_DELAY_MS));
    let body = futures::stream::unfold(0, move |i| async move {
        if i == n {
            return None;
        }
        if i > 0 {
            tokio::time::sleep(delay).await;
        }
        Some((
            Ok::<_, Infallible>(Bytes::from(format!("line {i}\n"))),
            i + 1,
        ))
    });
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        Body::from_stream(body),
    )
        .into_response()
}

fn app() -> Router {
    Router::new().route("/lines", get(lines))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambkin::http::Error> {
    lambkin::http::run_with_streaming_response(app()).await
}

// The router alone, without Lambda: each line is its own body frame.
#[cfg(test)]
mod tests {
    use super::app;
    use futures::StreamExt as _;
    use lambkin::http::request::from_str;
    use tower::ServiceExt as _;

    #[tokio::test]
    async fn lines_come_one_frame_each() {
        let req = from_str(
            r#"{"version":"2.0","rawPath":"/lines","rawQueryString":"n=3&delay_ms=1",
                "requestContext":{"http":{"method":"GET"}}}"#,
        )
        .unwrap();
        let response = app().oneshot(req).await.unwrap();
        assert_eq!(response.status(), 200);
        let frames: Vec<_> = response
            .into_body()
            .into_data_stream()
            .map(|frame| frame.unwrap())
            .collect()
            .await;
        assert_eq!(frames, ["line 0\n", "line 1\n", "line 2\n"]);
    }
}
