//! The official runtime's examples, ported to lambkin (`examples/port/`), run as users run them:
//! built by `lambkin-emulator invoke --example port_NAME` and invoked through it. Each test
//! checks the behaviour the official example has, on the transports its source allows.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod output;

use output::{invoke_example as invoke, invoke_example_with, lines, payloads, request_ids};
use serde_json::{Value, json};

#[test]
fn basic_lambda_answers_with_the_request_id_on_every_transport() {
    for transport in ["std", "smol", "tokio"] {
        let event = json!({ "command": "do something" });
        let out = invoke("port_basic_lambda", transport, &[event.clone(), event]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{transport}: {stderr}");
        let ids = request_ids(&out);
        let want: Vec<Value> = ids
            .iter()
            .map(|id| json!({ "req_id": id, "msg": "Command do something executed." }))
            .collect();
        assert_eq!(want.len(), 2, "{transport}: {stderr}");
        assert_eq!(payloads(&out), want, "{transport}");
    }
}

#[test]
fn basic_error_handling_reports_each_kind_of_error() {
    let kinds = [
        "Response",
        "SimpleError",
        "CustomError",
        "ExternalError",
        "Panic",
        "Response",
    ];
    let events: Vec<Value> = kinds.iter().map(|k| json!({ "event_type": k })).collect();
    let out = invoke("port_basic_error_handling", "std", &events);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let got = payloads(&out);
    let ids = request_ids(&out);
    assert_eq!(got.len(), kinds.len(), "{stderr}");
    assert_eq!(ids.len(), kinds.len(), "{stderr}");
    assert_eq!(got[0], json!({ "req_id": ids[0], "msg": "OK" }));
    // A boxed error (`lambkin::service::Error`) reports its concrete type's short name as the
    // errorType (the official runtime sends the `Box<dyn Error…>` type name) and its Display.
    let error = |doc: &Value| {
        (
            doc["errorType"].as_str().unwrap().to_owned(),
            doc["errorMessage"].as_str().unwrap().to_owned(),
        )
    };
    assert_eq!(
        error(&got[1]),
        ("SimpleError".into(), "A simple error as requested!".into())
    );
    // The custom error's Display is its JSON, with this invocation's request id.
    let (kind, message) = error(&got[2]);
    assert_eq!(kind, "CustomError");
    let custom: Value = serde_json::from_str(&message).unwrap();
    assert_eq!(
        custom,
        json!({ "is_authenticated": false, "req_id": ids[2], "msg": "A custom error as requested!" })
    );
    // `File::open(..)?`: the io::Error's text.
    let (kind, message) = error(&got[3]);
    assert_eq!(kind, "io::Error");
    assert!(message.contains("No such file"), "{message}");
    // `panic!()` is reported for its invocation and the function goes on serving.
    let (kind, message) = error(&got[4]);
    assert_eq!(kind, "Function.Panic");
    assert!(message.ends_with("explicit panic"), "{message}");
    assert_eq!(got[5], json!({ "req_id": ids[5], "msg": "OK" }));
}

#[test]
fn basic_shared_resource_serves_every_invocation_from_one_client() {
    for transport in ["std", "tokio"] {
        let event = json!({ "command": "do something" });
        let out = invoke(
            "port_basic_shared_resource",
            transport,
            &[event.clone(), event],
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{transport}: {stderr}");
        let msg = "Command do something executed by Shared Client 1 (perhaps a database).";
        let want: Vec<Value> = request_ids(&out)
            .iter()
            .map(|id| json!({ "req_id": id, "msg": msg }))
            .collect();
        assert_eq!(want.len(), 2, "{transport}: {stderr}");
        assert_eq!(payloads(&out), want, "{transport}");
    }
}

/// An SQS record with this message id and body (the official `SqsMessageObj` needs only these).
fn record(id: &str, body: &str) -> Value {
    json!({ "messageId": id, "body": body, "eventSource": "aws:sqs" })
}

#[test]
fn sqs_partial_batch_failures_lists_only_the_failed_records() {
    let batch = json!({ "Records": [
        record("m-ok", r#"{"text":"hello"}"#),
        record("m-bad", r#"{"text":"bad request"}"#),
        record("m-ok-2", r#"{"text":"world"}"#),
        // Not a `Data` document: fails in `serde_json::from_value`, also retried.
        record("m-garbled", r#"{"txt":"no text field"}"#),
    ]});
    let all_ok = json!({ "Records": [record("m-1", r#"{"text":"fine"}"#)] });
    for transport in ["std", "tokio"] {
        let out = invoke(
            "port_advanced_sqs_partial_batch_failures",
            transport,
            &[batch.clone(), all_ok.clone()],
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{transport}: {stderr}");
        assert_eq!(
            payloads(&out),
            [
                json!({ "batchItemFailures": [
                    { "itemIdentifier": "m-bad" },
                    { "itemIdentifier": "m-garbled" },
                ]}),
                json!({ "batchItemFailures": [] }),
            ],
            "{transport}: {stderr}"
        );
        // The example's own tracing lines reach the function's log.
        let log = lines(&out.stderr);
        assert!(
            log.iter()
                .any(|l| l.contains("Failed to process msg m-bad, Processing error")),
            "{transport}: {log:#?}"
        );
    }
}

#[test]
fn graceful_shutdown_hook_flushes_the_log_writer_after_the_last_invocation() {
    // The hook drops the non-blocking writer's guard, which flushes what the hook logged: the
    // line can only appear if the hook ran (at SIGTERM, after the last REPORT) and flushed.
    for transport in ["std", "smol", "tokio"] {
        let events = [json!({ "firstName": "Ada" }), json!({})];
        let out = invoke("port_graceful_shutdown", transport, &events);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{transport}: {stderr}");
        assert_eq!(
            payloads(&out),
            [
                json!({ "message": "Hello, Ada!" }),
                json!({ "message": "Hello, world!" })
            ],
            "{transport}"
        );
        let log = lines(&out.stderr);
        let last_report = log.iter().rposition(|l| l.starts_with("REPORT")).unwrap();
        let hook = log
            .iter()
            .position(|l| l.ends_with("shutdown hook: flushing the log writer"));
        assert!(
            hook.is_some_and(|h| h > last_report),
            "{transport}: {log:#?}"
        );
    }
}

/// lambda_http's `http-basic-lambda`: `#[tokio::main]` and `run(service_fn(f)).await` as
/// upstream writes them, answering an HTTP API request.
#[test]
fn http_basic_lambda_answers_html_from_tokio_main() {
    let event = json!({"version": "2.0", "rawPath": "/", "headers": {"host": "api.example"},
                       "requestContext": {"http": {"method": "GET"}, "stage": "$default"}});
    let out = invoke(
        "port_http_basic_lambda",
        "http,tokio",
        &[event.clone(), event],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let want = json!({"statusCode": 200, "headers": {"content-type": "text/html"},
                      "body": "Hello AWS Lambda HTTP request"});
    assert_eq!(payloads(&out), vec![want.clone(), want], "{stderr}");
}

/// lambda_http's `http-axum`: its routes behind a REST API stage, with the stage kept out of
/// the path by `AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH` (upstream sets it in `main`).
#[test]
fn http_axum_routes_behind_a_rest_stage() {
    let rest = |method: &str, path: &str, query: Value| {
        json!({"httpMethod": method, "path": path, "queryStringParameters": query,
               "headers": {"Host": "id.execute-api.eu-west-1.amazonaws.com"},
               "requestContext": {"stage": "test-stage"}})
    };
    let events = [
        rest("GET", "/", Value::Null),
        rest("POST", "/foo/ada", Value::Null),
        rest("GET", "/parameters", json!({"first": "a b"})),
        rest("GET", "/health/", Value::Null),
    ];
    let env = ["--env", "AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH=true"];
    let out = invoke_example_with("port_http_axum", "http,tokio", &env, &events);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let bodies: Vec<(u64, String)> = payloads(&out)
        .iter()
        .map(|p| {
            (
                p["statusCode"].as_u64().unwrap(),
                p["body"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let want = [
        (200, r#"{"msg":"I am GET /"}"#),
        (200, r#"{"msg":"I am POST /foo/:name, name=ada"}"#),
        (
            200,
            r#"{"request parameters":{"first":"a b","second":null}}"#,
        ),
        (200, "Healthy!"),
    ];
    let want: Vec<(u64, String)> = want.iter().map(|(s, b)| (*s, (*b).to_owned())).collect();
    assert_eq!(bodies, want, "{stderr}");
}
