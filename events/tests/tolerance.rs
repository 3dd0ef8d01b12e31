//! The tolerance rule (crate docs): every shape AWS sends for a field decodes. One test per
//! shape, on payloads shaped as AWS's documentation shows them, and each re-encodes to the same
//! meaning.
#![cfg(feature = "all")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_alloc,
    clippy::std_instead_of_core
)]

mod common;

use common::enc;
use lambkin_core::json::from_slice;
use lambkin_events::{self as ev, Bytes, Number, Value};
use serde_json::{Value as J, json};

fn decode<'a, T: serde::Deserialize<'a>>(buf: &'a mut [u8]) -> T {
    from_slice(buf).unwrap()
}

/// Amazon MSK event (Lambda Developer Guide, "Using Lambda with Amazon MSK"), with a header
/// whose value is UTF-8 text written by a Java producer: Java bytes are signed, so `é`
/// (`0xc3 0xa9`) arrives as `-61, -87`.
const KAFKA_SIGNED_HEADERS: &str = r#"{
    "eventSource": "aws:kafka",
    "eventSourceArn": "arn:aws:kafka:us-east-1:123456789012:cluster/vpc-2priv-2pub/751d2973-a626-431c-9d4e-d7975eb44dd7-2",
    "bootstrapServers": "b-2.demo-cluster-1.a1bcde.c1.kafka.us-east-1.amazonaws.com:9092,b-1.demo-cluster-1.a1bcde.c1.kafka.us-east-1.amazonaws.com:9092",
    "records": {
        "mytopic-0": [
            {
                "topic": "mytopic",
                "partition": 0,
                "offset": 15,
                "timestamp": 1545084650987,
                "timestampType": "CREATE_TIME",
                "key": "abcDEFghiJKLmnoPQRstuVWXyz1234==",
                "value": "SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==",
                "headers": [
                    { "headerKey": [104, 101, 97, 100, 101, 114, 86, 97, 108, 117, 101] },
                    { "caf\u00e9": [99, 97, 102, -61, -87] }
                ]
            }
        ]
    }
}"#;

#[test]
fn kafka_header_bytes_signed_or_unsigned() {
    let mut buf = KAFKA_SIGNED_HEADERS.as_bytes().to_vec();
    let e: ev::kafka::KafkaEvent<'_> = decode(&mut buf);
    let headers = &e.records.get("mytopic-0").unwrap()[0].headers;
    let plain = headers[0].get("headerKey").unwrap();
    assert!(matches!(plain, Bytes::Unsigned(_)));
    assert_eq!(plain.as_slice(), b"headerValue");
    let signed = headers[1].get("café").unwrap();
    assert!(matches!(signed, Bytes::Signed(_)));
    assert_eq!(signed.as_slice(), "café".as_bytes());

    // Encoded back as written: signed stays signed.
    let mut buf = KAFKA_SIGNED_HEADERS.as_bytes().to_vec();
    let back = enc(from_slice::<ev::kafka::KafkaEvent<'_>>(&mut buf)).unwrap();
    assert_eq!(
        back,
        serde_json::from_str::<J>(KAFKA_SIGNED_HEADERS).unwrap()
    );

    // Out of the byte range either way: refused.
    for bad in ["[256]", "[-129]", "[1.5]"] {
        let text = format!(
            r#"{{"eventSource":"aws:kafka","records":{{"t-0":[{{"topic":"t","partition":0,"offset":0,"timestamp":0,"timestampType":"CREATE_TIME","headers":[{{"k":{bad}}}]}}]}}}}"#
        );
        let mut buf = text.into_bytes();
        assert!(
            from_slice::<ev::kafka::KafkaEvent<'_>>(&mut buf).is_err(),
            "{bad}"
        );
    }
}

/// Post confirmation event (Amazon Cognito Developer Guide), once without `response` and once
/// with `response: null`, as some triggers and test tools send it.
#[test]
fn cognito_trigger_without_response() {
    let base = r#"{
        "version": "1",
        "region": "us-east-1",
        "userPoolId": "us-east-1_EXAMPLE",
        "userName": "testuser",
        "callerContext": {
            "awsSdkVersion": "aws-sdk-unknown-unknown",
            "clientId": "1example23456789"
        },
        "triggerSource": "PostConfirmation_ConfirmSignUp",
        "request": {
            "userAttributes": {
                "sub": "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111",
                "email_verified": "true",
                "cognito:user_status": "CONFIRMED",
                "email": "test@example.com"
            }
        }RESPONSE
    }"#;
    for response in ["", r#", "response": null"#, r#", "response": {}"#] {
        let text = base.replace("RESPONSE", response);
        let mut buf = text.into_bytes();
        let e: ev::cognito::PostConfirmationEvent<'_> = decode(&mut buf);
        assert_eq!(e.trigger_source, "PostConfirmation_ConfirmSignUp");
        assert_eq!(
            e.request.user_attributes.get("email"),
            Some(&Value::String("test@example.com"))
        );
    }

    // A trigger whose response has fields, absent: the default response.
    let text = base
        .replace("PostConfirmation_ConfirmSignUp", "PreSignUp_SignUp")
        .replace("RESPONSE", "");
    let mut buf = text.into_bytes();
    let e: ev::cognito::PreSignUpEvent<'_> = decode(&mut buf);
    assert!(!e.response.auto_confirm_user);
    // No `callerContext` either.
    let text = base
        .replace("RESPONSE", "")
        .replace(r#""clientId": "1example23456789""#, r#""clientId": null"#);
    let mut buf = text.into_bytes();
    let e: ev::cognito::PostConfirmationEvent<'_> = decode(&mut buf);
    assert_eq!(e.caller_context.client_id, None);
}

/// ALB request in multi-value mode (Elastic Load Balancing User Guide, "Lambda functions as
/// targets"), with one header value sent as a string where the multi-value map has lists,
/// and a null entry.
#[test]
fn header_lists_that_come_as_strings() {
    let text = r#"{
        "requestContext": {
            "elb": {
                "targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/my-target-group/6d0ecf831eec9f09"
            }
        },
        "httpMethod": "GET",
        "path": "/",
        "multiValueQueryStringParameters": { "myKey": ["val1", "val2"], "one": "v" },
        "multiValueHeaders": {
            "accept": ["text/html,application/xhtml+xml"],
            "accept-language": "en-US,en;q=0.8",
            "content-type": ["text/plain"],
            "cookie": ["name1=value1", "name2=value2"],
            "host": "lambda-846800462-us-east-2.elb.amazonaws.com",
            "x-empty": null
        },
        "body": "",
        "isBase64Encoded": false
    }"#;
    let mut buf = text.as_bytes().to_vec();
    let e: ev::alb::AlbTargetGroupRequest<'_> = decode(&mut buf);
    let h = e.multi_value_headers.as_ref().unwrap();
    assert_eq!(h.get("accept-language"), Some(&vec!["en-US,en;q=0.8"]));
    assert_eq!(h.get("cookie"), Some(&vec!["name1=value1", "name2=value2"]));
    assert_eq!(h.get("x-empty"), Some(&vec![]));
    let q = e.multi_value_query_string_parameters.as_ref().unwrap();
    assert_eq!(q.get("one"), Some(&vec!["v"]));

    // The other way round: a list where one string per name is expected (the last is kept,
    // as API Gateway folds `multiValueHeaders` into `headers`).
    let text = r#"{
        "resource": "/", "path": "/", "httpMethod": "GET",
        "headers": { "Accept": "*/*", "X-Forwarded-For": ["1.1.1.1", "2.2.2.2"] },
        "queryStringParameters": null,
        "pathParameters": { "id": ["7"] },
        "requestContext": { "accountId": "123456789012", "stage": "prod", "requestId": "id", "httpMethod": "GET", "resourcePath": "/", "apiId": "a1" }
    }"#;
    let mut buf = text.as_bytes().to_vec();
    let e: ev::apigw::ApiGatewayProxyRequest<'_> = decode(&mut buf);
    let h = e.headers.as_ref().unwrap();
    assert_eq!(h.get("X-Forwarded-For"), Some(&"2.2.2.2"));
    assert_eq!(h.get("Accept"), Some(&"*/*"));
    assert_eq!(e.query_string_parameters, None);
    assert_eq!(e.path_parameters.unwrap().get("id"), Some(&"7"));
}

/// AppSync Lambda authorizer response (AWS AppSync Developer Guide, "Authorization and
/// authentication"): `resolverContext` is any JSON, and `ttlOverride` may come as a string.
#[test]
fn appsync_resolver_context_holds_any_json() {
    let text = r#"{
        "isAuthorized": true,
        "resolverContext": {
            "banana": "very yellow",
            "apple": "very green",
            "userId": 1234,
            "score": 9.5,
            "admin": false,
            "groups": ["a", "b"]
        },
        "deniedFields": ["arn:aws:appsync:us-east-1:111122223333:apis/GraphQLApiId/types/Event/fields/name", "Mutation.createEvent"],
        "ttlOverride": 10
    }"#;
    let mut buf = text.as_bytes().to_vec();
    let r: ev::appsync::AppSyncLambdaAuthorizerResponse<'_> = decode(&mut buf);
    assert_eq!(
        r.resolver_context.get("userId"),
        Some(&Value::Number(Number::U64(1234)))
    );
    assert_eq!(r.resolver_context.get("admin"), Some(&Value::Bool(false)));
    assert_eq!(r.ttl_override, Some(10));
    let mut buf = text.as_bytes().to_vec();
    let back = enc(from_slice::<ev::appsync::AppSyncLambdaAuthorizerResponse<'_>>(&mut buf));
    assert_eq!(back.unwrap(), serde_json::from_str::<J>(text).unwrap());

    let mut buf = br#"{"isAuthorized": "true", "ttlOverride": "300"}"#.to_vec();
    let r: ev::appsync::AppSyncLambdaAuthorizerResponse<'_> = decode(&mut buf);
    assert!(r.is_authorized);
    assert_eq!(r.ttl_override, Some(300));
}

/// Numbers sent as strings, booleans as strings or `null`, and maps sent as `null`, on an SQS
/// record (the shape of AWS's example) and an Amazon MQ message.
#[test]
fn numbers_booleans_and_maps_in_other_shapes() {
    let text = r#"{
        "eventSource": "aws:mq",
        "eventSourceArn": "arn:aws:mq:us-east-2:111122223333:broker:test:b-9bcfa592-423a-4942-879d-eb284b418fc8",
        "messages": [
            {
                "messageID": "ID:b-9bcfa592-423a-4942-879d-eb284b418fc8-1.mq.us-east-2.amazonaws.com-37557-1234520418293-4:1:1:1:1",
                "messageType": "jms/text-message",
                "deliveryMode": "1",
                "replyTo": null,
                "type": null,
                "expiration": "60000",
                "priority": 1,
                "correlationId": "myJMSCoID",
                "redelivered": "false",
                "destination": { "physicalName": "testQueue" },
                "data": "QUJDOkFBQUE=",
                "timestamp": 1598827811958,
                "brokerInTime": 1598827811958,
                "brokerOutTime": 1598827811959,
                "properties": null
            }
        ]
    }"#;
    let mut buf = text.as_bytes().to_vec();
    let e: ev::mq::ActiveMqEvent<'_> = decode(&mut buf);
    let m = &e.messages[0];
    assert_eq!((m.delivery_mode, m.expiration, m.priority), (1, 60000, 1));
    assert!(!m.redelivered);
    assert!(m.properties.is_empty());
    let back = serde_json::to_value(&e).unwrap();
    assert_eq!(back["messages"][0]["expiration"], json!(60000));
}

/// IAM's grammar lets `Statement` be one object (API Gateway authorizers return either), and
/// AWS IoT takes a policy document as an object or as JSON text.
#[test]
fn policy_shapes() {
    let text = r#"{"principalId": "user", "policyDocument": {"Version": "2012-10-17",
        "Statement": {"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": "arn:aws:execute-api:us-east-1:123456789012:abcdef123/*"}}}"#;
    let mut buf = text.as_bytes().to_vec();
    let r: ev::apigw::ApiGatewayCustomAuthorizerResponse<'_> = decode(&mut buf);
    assert_eq!(r.policy_document.statement.len(), 1);
    assert_eq!(r.policy_document.statement[0].effect, "Allow");

    let text = r#"{"isAuthenticated": true, "principalId": "xxxxxxxx", "disconnectAfterInSeconds": 86400, "refreshAfterInSeconds": 300,
        "policyDocuments": ["{\"Version\": \"2012-10-17\", \"Statement\": [{\"Action\": \"iot:Connect\", \"Effect\": \"Allow\", \"Resource\": \"*\"}]}"]}"#;
    let mut buf = text.as_bytes().to_vec();
    let r: ev::iot::IoTCustomAuthorizerResponse<'_> = decode(&mut buf);
    let ev::iot::IoTPolicy::Text(policy) = r.policy_documents[0] else {
        panic!("a policy given as text is kept as text");
    };
    let mut scratch = vec![0u8; policy.len()];
    let doc: ev::iot::IoTPolicyDocument<'_> = ev::decode_json_str(policy, &mut scratch).unwrap();
    assert_eq!(doc.version, "2012-10-17");
}
