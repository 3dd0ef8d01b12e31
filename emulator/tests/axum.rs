//! examples/axum (lambkin-http) as users run it: built and invoked by `lambkin-emulator invoke`
//! over the Runtime API's sockets, on every transport, with events of every HTTP source.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod output;

use output::{invoke_example_with, payloads, request_ids};
use serde_json::{Value, json};

/// The events sent, one per source, and what each must answer (with the request ids).
fn events() -> Vec<Value> {
    vec![
        // HTTP API: path and query parameter.
        json!({"version": "2.0", "rawPath": "/users/7", "rawQueryString": "greeting=hi",
               "headers": {"host": "api.example"},
               "requestContext": {"http": {"method": "GET"}, "stage": "$default"}}),
        // Function URL: the cookie comes in `cookies` and goes out in `cookies`.
        json!({"version": "2.0", "rawPath": "/visit", "rawQueryString": "",
               "cookies": ["a=1", "visits=4"], "headers": {"host": "abc.lambda-url.eu-west-1.on.aws"},
               "requestContext": {"http": {"method": "GET"}, "domainName": "abc.lambda-url.eu-west-1.on.aws",
                                  "stage": "$default"}}),
        // REST API from a named stage: a binary response goes out as base64.
        json!({"httpMethod": "GET", "path": "/bytes", "headers": {"Host": "r.example"},
               "requestContext": {"stage": "$default"}}),
        // ALB with multi-value headers: a JSON body, base64 encoded by the balancer.
        json!({"httpMethod": "POST", "path": "/echo",
               "multiValueHeaders": {"content-type": ["application/json"], "host": ["lb.example"]},
               "body": "eyJhIjpbMSwyXX0=", "isBase64Encoded": true,
               "requestContext": {"elb": {"targetGroupArn": "arn:aws:elasticloadbalancing:tg"}}}),
        // VPC Lattice V2: a route that does not exist.
        json!({"version": "2.0", "path": "/nowhere", "method": "GET", "headers": {"host": ["l.example"]},
               "requestContext": {"serviceNetworkArn": "arn:sn", "region": "eu-west-1"}}),
        // Not an HTTP event: reported, and the next invocation is served.
        json!({"Records": []}),
        json!({"version": "2.0", "rawPath": "/users/8", "requestContext": {"http": {"method": "GET"}}}),
    ]
}

fn want(ids: &[String]) -> Vec<Value> {
    use base64::Engine as _;
    let bytes: Vec<u8> = (0..=255u8).collect();
    let echo = format!("{{\"body\":{{\"a\":[1,2]}},\"requestId\":\"{}\"}}", ids[3]);
    vec![
        json!({"statusCode": 200, "headers": {"content-type": "application/json", "content-length": "31"},
               "body": "{\"id\":7,\"message\":\"hi, user 7\"}"}),
        json!({"statusCode": 200, "headers": {"content-type": "text/plain; charset=utf-8", "content-length": "8"},
               "cookies": ["visits=5; Path=/"], "body": "visit 5\n"}),
        json!({"statusCode": 200, "multiValueHeaders": {"content-type": ["application/octet-stream"],
               "content-length": ["256"]},
               "body": base64::engine::general_purpose::STANDARD.encode(bytes), "isBase64Encoded": true}),
        json!({"statusCode": 200, "statusDescription": "200 OK",
               "multiValueHeaders": {"content-type": ["application/json"],
                                     "content-length": [echo.len().to_string()]},
               "body": echo, "isBase64Encoded": false}),
        json!({"statusCode": 404, "statusDescription": "404 Not Found", "body": "", "isBase64Encoded": false}),
        json!({"errorType": "Runtime.UnknownHttpEvent",
               "errorMessage": "not an API Gateway, ALB, function URL or VPC Lattice request"}),
        json!({"statusCode": 200, "headers": {"content-type": "application/json", "content-length": "34"},
               "body": "{\"id\":8,\"message\":\"hello, user 8\"}"}),
    ]
}

#[test]
fn axum_answers_every_source_on_every_transport() {
    for transport in ["std", "smol", "tokio"] {
        let out = invoke_example_with("axum", &format!("http,{transport}"), &[], &events());
        let stderr = String::from_utf8_lossy(&out.stderr);
        let ids = request_ids(&out);
        assert_eq!(ids.len(), 7, "{transport}: {stderr}");
        let got = payloads(&out);
        for (i, (got, want)) in got.iter().zip(want(&ids)).enumerate() {
            assert_eq!(*got, want, "{transport}: event {i}: {stderr}");
        }
        assert_eq!(got.len(), 7, "{transport}: {stderr}");
    }
}

/// `AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH` (set to anything, as lambda_http reads it) keeps
/// API Gateway's stage out of the path the router sees.
#[test]
fn the_stage_is_in_the_path_unless_the_environment_says_otherwise() {
    let event = json!({"httpMethod": "GET", "path": "/users/3", "headers": {"Host": "r.example"},
                       "requestContext": {"stage": "prod"}});
    let out = invoke_example_with("axum", "http,tokio", &[], std::slice::from_ref(&event));
    assert_eq!(
        payloads(&out)[0]["statusCode"],
        404,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let env = ["--env", "AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH=true"];
    let out = invoke_example_with("axum", "http,tokio", &env, &[event]);
    assert_eq!(
        payloads(&out)[0]["statusCode"],
        200,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
