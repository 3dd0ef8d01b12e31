//! examples/axum (lambkin-http) behind `lambkin-emulator serve --http`: a real HTTP client
//! reaches the router through every event shape the front end speaks, on both async
//! transports, with method, path, query, headers, cookies and body intact both ways.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod front;

use front::serve;
use serde_json::json;

#[test]
fn axum_behind_the_http_front_end_on_every_shape_and_async_transport() {
    for transport in ["tokio", "smol"] {
        let features = format!("http,{transport}");
        for shape in ["apigw-v2", "url", "rest", "alb", "lattice-v2"] {
            let at = format!("{transport} {shape}");
            // Behind the front end a REST API is reached as through a custom domain: the path
            // carries no stage, so the adapter must not add one (as lambda_http users set).
            let env = "AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH=true";
            let served = serve(&[
                "--http",
                "0",
                "--http-shape",
                shape,
                "--env",
                env,
                "--example",
                "axum",
                "--features",
                &features,
            ]);
            let mut conn = served.connect();

            let reply = conn
                .exchange(b"GET /users/7?greeting=hi%20there HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assert_eq!(reply.status, 200, "{at}: {reply:?}");
            assert_eq!(
                reply.header("content-type"),
                Some("application/json"),
                "{at}"
            );
            assert_eq!(
                reply.json(),
                json!({"id": 7, "message": "hi there, user 7"}),
                "{at}"
            );

            let body = br#"{"list":[1,2,3],"text":"caf\u00e9"}"#;
            let mut request = format!(
                "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
                 Content-Length: {}\r\n\r\n",
                body.len()
            )
            .into_bytes();
            request.extend_from_slice(body);
            let reply = conn.exchange(&request);
            assert_eq!(reply.status, 200, "{at}: {reply:?}");
            let echoed = reply.json();
            assert_eq!(
                echoed["body"],
                json!({"list": [1, 2, 3], "text": "café"}),
                "{at}"
            );
            assert_eq!(
                echoed["requestId"].as_str().unwrap().len(),
                36,
                "{at}: {echoed}"
            );

            let reply = conn.exchange(b"GET /bytes HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assert_eq!(reply.status, 200, "{at}: {reply:?}");
            assert_eq!(
                reply.header("content-type"),
                Some("application/octet-stream"),
                "{at}"
            );
            assert_eq!(reply.body, (0..=255u8).collect::<Vec<u8>>(), "{at}");

            let reply = conn.exchange(
                b"GET /visit HTTP/1.1\r\nHost: localhost\r\nCookie: theme=dark; visits=2\r\n\r\n",
            );
            assert_eq!(reply.status, 200, "{at}: {reply:?}");
            assert_eq!(reply.body, b"visit 3\n", "{at}");
            assert_eq!(reply.header("set-cookie"), Some("visits=3; Path=/"), "{at}");

            let reply = conn.exchange(b"DELETE /users/7 HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assert_eq!(reply.status, 405, "{at}: {reply:?}");

            assert_eq!(served.reports(5).len(), 5, "{at}");
        }
    }
}
