//! The adapter as the transports drive it (Handler::call, then IntoBody::write_body): answers in
//! each source's shape, failures as configured, pass-through, and what handlers read.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_core
)]

use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context as TaskContext, Poll};

use bytes::Bytes;
use lambkin_core::{Config, Context, ErrorReport, FromBody, Handler, IntoBody};
use lambkin_http::request::RequestContext;
use lambkin_http::{
    Adapter, Body, EventBytes, OnError, Request, RequestExt, RequestPayloadExt, Response,
    service_fn,
};
use serde_json::{Value, json};

/// Runs one invocation of `adapter` on `event`: the response JSON, or the error Lambda is told
/// (type, message).
fn invoke<S, B>(adapter: &Adapter<S>, event: &str) -> Result<Value, (String, String)>
where
    S: tower::Service<Request, Response = Response<B>> + Clone,
    S::Error: lambkin_http::IntoReport,
    B: http_body::Body,
    B::Error: std::fmt::Display,
{
    let config =
        Config::from_lookup(|k| (k == "AWS_LAMBDA_RUNTIME_API").then_some("127.0.0.1:9001"))
            .unwrap();
    let mut ctx = Context::new("req-1", &config);
    ctx.trace_id = Some("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
    let mut buf = event.as_bytes().to_vec();
    lambkin_host::block_on(async {
        let ev = EventBytes::from_body(&mut buf).unwrap();
        match adapter.call(ev, &ctx).await {
            Ok(reply) => {
                let mut tx = vec![0; 1 << 20];
                let n = reply.write_body(&mut tx).unwrap();
                Ok(serde_json::from_slice(&tx[..n]).unwrap())
            }
            Err(e) => Err((e.error_type().to_owned(), e.to_string())),
        }
    })
}

const V2: &str = r#"{"version":"2.0","rawPath":"/p","rawQueryString":"a=1&a=2&b=%20x",
  "cookies":["c=1","d=2"],"headers":{"host":"api.example","content-type":"application/json"},
  "pathParameters":{"id":"7"},"stageVariables":{"env":"prod"},
  "requestContext":{"http":{"method":"POST","sourceIp":"10.0.0.1"},"stage":"$default",
  "domainName":"api.example","requestId":"r"},"body":"{\"n\":5}","isBase64Encoded":false}"#;

/// Echoes what the handler sees through lambda_http's accessors.
async fn echo(req: Request) -> Result<Response<Body>, lambkin_http::Error> {
    #[derive(serde::Deserialize)]
    struct N {
        n: u32,
    }
    let context = match req.request_context_ref() {
        Some(RequestContext::ApiGatewayV2(c)) => {
            format!("v2 {}", c.http.source_ip.as_deref().unwrap_or(""))
        }
        Some(RequestContext::ApiGatewayV1(c)) => format!("v1 {}", c.stage.as_deref().unwrap_or("")),
        Some(RequestContext::Alb(c)) => {
            format!("alb {}", c.elb.target_group_arn.as_deref().unwrap_or(""))
        }
        Some(RequestContext::VpcLattice(c)) => format!("lattice {}", c.region),
        Some(RequestContext::PassThrough) => "pass-through".to_owned(),
        Some(_) => "other".to_owned(),
        None => "none".to_owned(),
    };
    let payload: Option<N> = req.payload().unwrap_or(None);
    let body = json!({
        "method": req.method().as_str(),
        "uri": req.uri().to_string(),
        "raw_path": req.raw_http_path(),
        "query_a": req.query_string_parameters().all("a").map(|v| v.to_vec()),
        "query_b": req.query_string_parameters().first("b"),
        "path_id": req.path_parameters().first("id"),
        "stage_env": req.stage_variables().first("env"),
        "context": context,
        "request_id": req.lambda_context_ref().map(|c| c.request_id.clone()),
        "trace": req.headers().get("x-amzn-trace-id").and_then(|v| v.to_str().ok()),
        "cookie": req.headers().get("cookie").and_then(|v| v.to_str().ok()),
        "n": payload.map(|p| p.n),
        "body_kind": match req.body() { Body::Empty => "empty", Body::Text(_) => "text", Body::Binary(_) => "binary", _ => "?" },
    });
    Ok(Response::builder()
        .header("content-type", "application/json")
        .header("set-cookie", "s=1")
        .header("set-cookie", "t=2")
        .body(Body::Text(body.to_string()))?)
}

fn body_json(reply: &Value) -> Value {
    serde_json::from_str(reply["body"].as_str().unwrap()).unwrap()
}

#[test]
fn an_http_api_request_reaches_the_service_with_every_extension() {
    let reply = invoke(&Adapter::new(service_fn(echo)), V2).unwrap();
    assert_eq!(reply["statusCode"], 200);
    assert_eq!(reply["cookies"], json!(["s=1", "t=2"]));
    // `false` is left out, as API Gateway reads an absent flag.
    assert_eq!(reply.get("isBase64Encoded"), None);
    let seen = body_json(&reply);
    assert_eq!(seen["method"], "POST");
    assert_eq!(seen["uri"], "https://api.example/p?a=1&a=2&b=%20x");
    assert_eq!(seen["raw_path"], "/p");
    assert_eq!(seen["query_a"], json!(["1", "2"]));
    assert_eq!(seen["query_b"], " x");
    assert_eq!(seen["path_id"], "7");
    assert_eq!(seen["stage_env"], "prod");
    assert_eq!(seen["context"], "v2 10.0.0.1");
    assert_eq!(seen["request_id"], "req-1");
    assert_eq!(
        seen["trace"],
        "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"
    );
    assert_eq!(seen["cookie"], "c=1; d=2");
    assert_eq!(seen["n"], 5);
    assert_eq!(seen["body_kind"], "text");
}

#[test]
fn rest_alb_and_lattice_requests_carry_their_own_context() {
    let rest = r#"{"httpMethod":"GET","path":"/p","resource":"/{id}","pathParameters":{"id":"9"},
      "queryStringParameters":{"a":"1"},"multiValueQueryStringParameters":{"a":["1","3"]},
      "stageVariables":{"env":"dev"},"headers":{"Host":"h.example"},
      "requestContext":{"stage":"Prod","httpMethod":"GET","requestId":"x","accountId":"1",
      "resourcePath":"/{id}","identity":{},"authorizer":{}},"body":null,"isBase64Encoded":false}"#;
    let seen = body_json(&invoke(&Adapter::new(service_fn(echo)), rest).unwrap());
    assert_eq!(seen["uri"], "https://h.example/Prod/p?a=1&a=3");
    assert_eq!(seen["raw_path"], "/p");
    assert_eq!(seen["query_a"], json!(["1", "3"]));
    assert_eq!(
        (seen["path_id"].clone(), seen["stage_env"].clone()),
        (json!("9"), json!("dev"))
    );
    assert_eq!(seen["context"], "v1 Prod");
    assert_eq!(seen["body_kind"], "empty");

    // Without the stage in the path, as behind a custom domain.
    let adapter = Adapter::new(service_fn(echo)).stage_in_path(false);
    assert_eq!(
        body_json(&invoke(&adapter, rest).unwrap())["uri"],
        "https://h.example/p?a=1&a=3"
    );

    let alb = r#"{"httpMethod":"GET","path":"/p","queryStringParameters":{"b":"%20x"},
      "headers":{"host":"lb.example"},"requestContext":{"elb":{"targetGroupArn":"arn:tg"}},
      "body":"","isBase64Encoded":false}"#;
    let reply = invoke(&Adapter::new(service_fn(echo)), alb).unwrap();
    assert_eq!(reply["statusDescription"], "200 OK");
    let seen = body_json(&reply);
    assert_eq!(
        (seen["query_b"].clone(), seen["context"].clone()),
        (json!(" x"), json!("alb arn:tg"))
    );

    let lattice = r#"{"version":"2.0","path":"/p","method":"PUT","headers":{"host":["l.example"]},
      "queryStringParameters":{"b":["%20x"]},"body":"aGk=","isBase64Encoded":true,
      "requestContext":{"serviceNetworkArn":"arn:sn","serviceArn":"arn:s","targetGroupArn":"arn:t",
      "identity":{},"region":"eu-west-1","timeEpoch":"1"}}"#;
    let seen = body_json(&invoke(&Adapter::new(service_fn(echo)), lattice).unwrap());
    assert_eq!(seen["method"], "PUT");
    assert_eq!(seen["query_b"], " x");
    assert_eq!(seen["context"], "lattice eu-west-1");
    assert_eq!(seen["body_kind"], "binary");
}

async fn fails(_: Request) -> Result<Response<Body>, lambkin_http::Error> {
    Err("database unreachable".into())
}

#[test]
fn a_service_error_is_reported_or_answered_500_as_configured() {
    let (ty, msg) = invoke(&Adapter::new(service_fn(fails)), V2).unwrap_err();
    // A boxed string has no type to name (lambkin's rule for boxed errors).
    assert_eq!(
        (ty.as_str(), msg.as_str()),
        ("Function.Unhandled", "database unreachable")
    );

    let adapter = Adapter::new(service_fn(fails)).on_error(OnError::InternalServerError);
    let reply = invoke(&adapter, V2).unwrap();
    assert_eq!(reply["statusCode"], 500);
    assert_eq!(reply["body"], "Internal Server Error");
    assert_eq!(reply["headers"]["content-type"], "text/plain");
}

#[test]
fn bad_events_never_panic() {
    let bad_base64 = r#"{"version":"2.0","rawPath":"/","body":"!!!","isBase64Encoded":true,
      "requestContext":{"http":{"method":"POST"}}}"#;
    let not_http = r#"{"Records":[{"eventSource":"aws:sqs","body":"hi"}]}"#;
    let bad_header =
        r#"{"httpMethod":"GET","path":"/","headers":{"bad name":"x"},"requestContext":{}}"#;
    let cases = [
        (bad_base64, "Runtime.InvalidBase64Body", true),
        (not_http, "Runtime.UnknownHttpEvent", false),
        (bad_header, "Runtime.InvalidHttpEvent", true),
        ("{", "Runtime.InvalidHttpEvent", false),
        (
            r#"{"httpMethod":"GET","path":"/","requestContext":{"elb":{}},"headers":{"a":["1"]}}"#,
            "Runtime.InvalidHttpEvent",
            false,
        ),
    ];
    for (event, want, answerable) in cases {
        let (ty, _) =
            invoke(&Adapter::new(service_fn(echo)).pass_through(false), event).unwrap_err();
        assert_eq!(ty, want, "{event}");
        // Explicitly off: `--all-features` turns the `pass-through` default on.
        let adapter = Adapter::new(service_fn(echo))
            .pass_through(false)
            .on_error(OnError::InternalServerError);
        match invoke(&adapter, event) {
            Ok(reply) => {
                assert!(answerable, "{event} answered");
                assert_eq!(reply["statusCode"], 500, "{event}");
            }
            // No shape to answer in: still reported.
            Err((ty, _)) => assert!(!answerable && ty == want, "{event}: {ty}"),
        }
    }
}

/// A body whose second frame fails, as a broken stream or file would.
struct Broken(u8);

impl http_body::Body for Broken {
    type Data = Bytes;
    type Error = std::io::Error;
    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut TaskContext<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
        self.0 += 1;
        Poll::Ready(Some(if self.0 == 1 {
            Ok(http_body::Frame::data(Bytes::from_static(b"partial")))
        } else {
            Err(std::io::Error::other("disk gone"))
        }))
    }
}

#[test]
fn a_body_that_cannot_be_read_or_a_bad_header_is_the_services_failure() {
    let broken = service_fn(|_: Request| async { Ok::<_, Infallible>(Response::new(Broken(0))) });
    let (ty, msg) = invoke(&Adapter::new(broken), V2).unwrap_err();
    assert_eq!(
        (ty.as_str(), msg.as_str()),
        ("Function.ResponseBodyError", "disk gone")
    );
    let reply = invoke(
        &Adapter::new(broken).on_error(OnError::InternalServerError),
        V2,
    )
    .unwrap();
    assert_eq!(reply["statusCode"], 500);

    let bad = service_fn(|_: Request| async {
        let mut r = Response::new(Body::Empty);
        r.headers_mut()
            .insert("x", http::HeaderValue::from_bytes(b"caf\xe9").unwrap());
        Ok::<_, Infallible>(r)
    });
    let (ty, msg) = invoke(&Adapter::new(bad), V2).unwrap_err();
    assert_eq!(ty, "Function.InvalidResponseHeader");
    assert!(msg.contains("`x`"), "{msg}");
}

#[test]
fn pass_through_serves_other_events_as_post_events() {
    let sqs = r#"{"Records":[{"eventSource":"aws:sqs","body":"hi"}]}"#;
    let seen = service_fn(|req: Request| async move {
        let body = std::str::from_utf8(req.body()).unwrap().to_owned();
        let out = json!({
            "method": req.method().as_str(), "uri": req.uri().to_string(),
            "ct": req.headers()["content-type"].to_str().unwrap(), "event": body,
            "context": matches!(req.request_context_ref(), Some(RequestContext::PassThrough)),
            "raw_path": req.raw_http_path(),
        });
        Ok::<_, Infallible>(Response::new(Body::Text(out.to_string())))
    });
    let reply = invoke(&Adapter::new(seen).pass_through(true), sqs).unwrap();
    assert_eq!(
        reply,
        json!({"method": "POST", "uri": "/events", "ct": "application/json", "event": sqs,
               "context": true, "raw_path": "/events"})
    );
    // Not JSON: null, as lambda_http answers.
    let text =
        service_fn(|_: Request| async { Ok::<_, Infallible>(Response::new(Body::from("plain"))) });
    assert_eq!(
        invoke(&Adapter::new(text).pass_through(true), sqs).unwrap(),
        Value::Null
    );
}

#[test]
fn payloads_decode_by_content_type_with_clear_errors() {
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct P {
        a: String,
        b: u8,
    }
    let req = |ct: &str, body: &str| {
        http::Request::builder()
            .header("content-type", ct)
            .body(Body::from(body))
            .unwrap()
    };
    let want = Some(P {
        a: "x y".into(),
        b: 2,
    });
    assert_eq!(
        req("application/json", r#"{"a":"x y","b":2}"#)
            .payload::<P>()
            .unwrap(),
        want
    );
    assert_eq!(
        req(
            "application/x-www-form-urlencoded; charset=utf-8",
            "a=x+y&b=2"
        )
        .payload::<P>()
        .unwrap(),
        want
    );
    assert_eq!(req("text/plain", "a=x").payload::<P>().unwrap(), None);
    assert_eq!(req("application/json", "").payload::<P>().unwrap(), None);
    let e = req("application/json", r#"{"a":1}"#)
        .payload::<P>()
        .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("failed to parse payload from application/json: invalid type"),
        "{e}"
    );
    let e = req("application/x-www-form-urlencoded", "b=300")
        .payload::<P>()
        .unwrap_err();
    assert!(e.to_string().contains("x-www-form-urlencoded"), "{e}");
}

#[test]
fn from_str_builds_what_the_handler_would_receive() {
    let req = lambkin_http::request::from_str(V2).unwrap();
    assert_eq!(req.uri(), "https://api.example/p?a=1&a=2&b=%20x");
    assert_eq!(req.path_parameters().first("id"), Some("7"));
    assert!(matches!(
        req.request_context(),
        RequestContext::ApiGatewayV2(_)
    ));
    assert!(req.lambda_context_ref().is_some());
    // With the `pass-through` feature, any JSON is a request.
    assert_eq!(
        lambkin_http::request::from_str("[1]").is_err(),
        !cfg!(feature = "pass-through")
    );
    // The with_* setters win over what the event said.
    let req = req.with_path_parameters(std::collections::HashMap::from([(
        "id".to_owned(),
        "8".to_owned(),
    )]));
    assert_eq!(req.path_parameters().first("id"), Some("8"));
}
