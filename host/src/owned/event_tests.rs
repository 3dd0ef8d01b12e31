#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use super::*;

fn core_config() -> lambkin_core::Config<'static> {
    lambkin_core::Config::from_lookup(|var| match var {
        "AWS_LAMBDA_RUNTIME_API" => Some("127.0.0.1:9001"),
        "AWS_LAMBDA_FUNCTION_NAME" => Some("my-fn"),
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE" => Some("512"),
        "AWS_LAMBDA_FUNCTION_VERSION" => Some("7"),
        "AWS_LAMBDA_LOG_GROUP_NAME" => Some("/aws/lambda/my-fn"),
        "AWS_LAMBDA_LOG_STREAM_NAME" => Some("2024/01/01/[7]abc"),
        _ => None,
    })
    .unwrap()
}

#[test]
fn every_header_is_copied() {
    let config = core_config();
    let mut ctx = lambkin_core::Context::new("req-1", &config);
    ctx.deadline = Some(lambkin_core::Deadline::from_raw(1_700_000_000_000));
    ctx.invoked_function_arn = "arn:aws:lambda:us-east-1:123:function:my-fn";
    ctx.trace_id = Some("Root=1-abc;Parent=def;Sampled=1");
    ctx.tenant_id = Some("tenant-9");
    ctx.invocation_id = Some("inv-3");
    ctx.client_context_json = Some(
        r#"{"client":{"installationId":"i","appTitle":"T \"q\"","appVersionName":"1.0",
            "appVersionCode":"10","appPackageName":"com.x"},
            "custom":{"k":"v"},"env":{"platform":"Android"}}"#,
    );
    ctx.cognito_identity_json = Some(r#"{"identityId":"id-1","identityPoolId":"pool-1"}"#);

    let owned = Context::from(&ctx);
    assert_eq!(owned.request_id, "req-1");
    assert_eq!(owned.deadline, 1_700_000_000_000);
    assert_eq!(
        owned.deadline(),
        UNIX_EPOCH + Duration::from_millis(1_700_000_000_000)
    );
    assert_eq!(
        owned.invoked_function_arn,
        "arn:aws:lambda:us-east-1:123:function:my-fn"
    );
    assert_eq!(
        owned.xray_trace_id.as_deref(),
        Some("Root=1-abc;Parent=def;Sampled=1")
    );
    assert_eq!(owned.tenant_id.as_deref(), Some("tenant-9"));
    assert_eq!(owned.invocation_id.as_deref(), Some("inv-3"));

    let client = owned.client_context.expect("client context");
    assert_eq!(client.client.installation_id, "i");
    assert_eq!(client.client.app_title, "T \"q\"", "unescaped");
    assert_eq!(client.client.app_version_name, "1.0");
    assert_eq!(client.client.app_version_code, "10");
    assert_eq!(client.client.app_package_name, "com.x");
    assert_eq!(client.custom["k"], "v");
    assert_eq!(client.environment["platform"], "Android");

    let identity = owned.identity.expect("identity");
    assert_eq!(identity.identity_id, "id-1");
    assert_eq!(identity.identity_pool_id, "pool-1");

    let env = &owned.env_config;
    assert_eq!(env.function_name, "my-fn");
    assert_eq!(env.memory, 512);
    assert_eq!(env.version, "7");
    assert_eq!(env.log_group, "/aws/lambda/my-fn");
    assert_eq!(env.log_stream, "2024/01/01/[7]abc");
}

#[test]
fn snake_case_and_official_names_decode_too() {
    let config = core_config();
    let mut ctx = lambkin_core::Context::new("r", &config);
    ctx.client_context_json = Some(
        r#"{"client":{"installation_id":"i","app_package_name":"p"},"environment":{"a":"b"}}"#,
    );
    ctx.cognito_identity_json =
        Some(r#"{"cognitoIdentityId":"id","cognito_identity_pool_id":"pool"}"#);
    let owned = Context::from(&ctx);
    let client = owned.client_context.unwrap();
    assert_eq!(client.client.installation_id, "i");
    assert_eq!(client.client.app_package_name, "p");
    assert_eq!(client.client.app_title, "", "missing fields default");
    assert_eq!(client.environment["a"], "b");
    let identity = owned.identity.unwrap();
    assert_eq!(
        (&*identity.identity_id, &*identity.identity_pool_id),
        ("id", "pool")
    );
}

#[test]
fn malformed_json_headers_become_none() {
    // (client context, cognito identity): not JSON, or JSON of another shape.
    const BAD: &[(&str, &str)] = &[
        ("", ""),
        ("{", "{"),
        ("not json", "not json"),
        ("[1,2]", "[1,2]"),
        (r#"{"client":{}} trailing"#, r#"{} trailing"#),
        (r#"{"client":"a string"}"#, r#"{"identityId":5}"#),
        (r#"{"custom":{"k":1}}"#, r#"{"identityPoolId":["p"]}"#),
    ];
    let config = core_config();
    for (client, cognito) in BAD {
        let mut ctx = lambkin_core::Context::new("r", &config);
        ctx.client_context_json = Some(client);
        ctx.cognito_identity_json = Some(cognito);
        let owned = Context::from(&ctx);
        assert_eq!(owned.client_context, None, "{client}");
        assert_eq!(owned.identity, None, "{cognito}");
        assert_eq!(owned.request_id, "r", "the invocation goes on: {client}");
    }
}

#[test]
fn absent_headers_and_relative_deadlines() {
    let config = core_config();
    let mut ctx = lambkin_core::Context::new("r", &config);
    let owned = Context::from(&ctx);
    assert_eq!(owned.deadline, 0);
    assert_eq!(owned.deadline(), UNIX_EPOCH);
    assert_eq!(owned.xray_trace_id, None);
    assert_eq!(owned.client_context, None);
    assert_eq!(owned.identity, None);
    assert_eq!(owned.tenant_id, None);
    assert_eq!(owned.invocation_id, None);
    // cargo-lambda's emulator sends a duration: the owned deadline is an epoch time from now.
    ctx.deadline = Some(lambkin_core::Deadline::from_raw(600_000));
    let before = crate::epoch_ms();
    let owned = Context::from(&ctx);
    let after = crate::epoch_ms();
    assert!(
        (before + 600_000..=after + 600_000).contains(&owned.deadline),
        "{}",
        owned.deadline
    );
}

#[test]
fn shared_config_is_built_once() {
    let config = core_config();
    let ctx = lambkin_core::Context::new("r", &config);
    let shared = SharedConfig::default();
    let a = shared.context(&ctx);
    let b = shared.context(&ctx);
    assert!(Arc::ptr_eq(&a.env_config, &b.env_config));
    assert_eq!(a.env_config.function_name, "my-fn");
}

#[test]
fn default_context_and_event_parts() {
    let event = LambdaEvent::new(5_u8, Context::default());
    assert_eq!(event.context.request_id, "");
    assert_eq!(event.context.env_config.memory, 0);
    let (payload, context) = event.clone().into_parts();
    assert_eq!(payload, 5);
    assert_eq!(context, event.context);
}
