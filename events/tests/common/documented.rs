//! Examples from AWS's documentation, inline, for sources with no file in `fixtures/` (root).

/// S3 Batch Operations `LambdaInvoke` request, invocation schema 1.0 (Amazon S3 User Guide,
/// "Using Lambda with S3 Batch Operations").
pub const S3_BATCH_EVENT_V1: &str = r#"{
    "invocationSchemaVersion": "1.0",
    "invocationId": "YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo",
    "job": {
        "id": "f3cc4f60-61f6-4a2b-8a21-d07600c373ce"
    },
    "tasks": [
        {
            "taskId": "dGFza2lkZ29lc2hlcmUK",
            "s3Key": "customerImage1.jpg",
            "s3VersionId": "1",
            "s3BucketArn": "arn:aws:s3:us-east-1:0123456788:awsexamplebucket1"
        }
    ]
}"#;

/// The same, invocation schema 2.0: a bucket name instead of an ARN, and user arguments.
pub const S3_BATCH_EVENT_V2: &str = r#"{
    "invocationSchemaVersion": "2.0",
    "invocationId": "YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo",
    "job": {
        "id": "f3cc4f60-61f6-4a2b-8a21-d07600c373ce",
        "userArguments": {
            "k1": "v1",
            "k2": "v2"
        }
    },
    "tasks": [
        {
            "taskId": "dGFza2lkZ29lc2hlcmUK",
            "s3Key": "customerImage1.jpg",
            "s3VersionId": null,
            "s3Bucket": "amzn-s3-demo-bucket"
        }
    ]
}"#;

/// The documented schema 1.0 response (its `resultString` with the escapes the page's rendering
/// lost restored, so it is JSON).
pub const S3_BATCH_RESPONSE_V1: &str = r#"{
  "invocationSchemaVersion": "1.0",
  "treatMissingKeysAs" : "PermanentFailure",
  "invocationId" : "YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo",
  "results": [
    {
      "taskId": "dGFza2lkZ29lc2hlcmUK",
      "resultCode": "Succeeded",
      "resultString": "[\"Mary Major\", \"John Stiles\"]"
    }
  ]
}"#;

/// A schema 2.0 response: the same shape, echoing the 2.0 request.
pub const S3_BATCH_RESPONSE_V2: &str = r#"{
  "invocationSchemaVersion": "2.0",
  "treatMissingKeysAs" : "PermanentFailure",
  "invocationId" : "YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo",
  "results": [
    {
      "taskId": "dGFza2lkZ29lc2hlcmUK",
      "resultCode": "TemporaryFailure",
      "resultString": "Retry request to Amazon S3 due to timeout."
    }
  ]
}"#;

/// An HTTP API Lambda authorizer simple response (API Gateway Developer Guide, "Lambda
/// authorizer response format"), with context values of every JSON kind.
pub const APIGW_SIMPLE_RESPONSE: &str = r#"{
  "isAuthorized": true,
  "context": {
    "exampleKey": "exampleValue",
    "quoted": "say \"hi\"",
    "count": 42,
    "negative": -7,
    "ratio": 0.5,
    "admin": false,
    "nothing": null,
    "roles": ["reader", 2],
    "nested": {"tenant": "t-1", "ids": []}
  }
}"#;
