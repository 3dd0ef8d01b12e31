//! The keys [`detect`](super::detect) notes, as a set of bits. Code names keys with
//! [`keys!`], which looks them up while the crate compiles: a key missing from [`KEYS`] fails
//! the build instead of silently reading as absent.

use crate::text::Text;

/// Keys [`detect`](super::detect) notes; anything else is ignored. A key's bit is its index.
const KEYS: &[&[u8]] = &[
    b"Records",
    b"Messages",
    b"batchItemFailures",
    b"awslogs",
    b"CodePipeline.job",
    b"detail-type",
    b"detail",
    b"source",
    b"alarmData",
    b"eventVersion",
    b"userIdentity",
    b"eventName",
    b"eventSource",
    b"triggerSource",
    b"userPoolId",
    b"datasetRecords",
    b"RequestType",
    b"LogicalResourceId",
    b"Status",
    b"PhysicalResourceId",
    b"Step",
    b"SecretId",
    b"configRuleId",
    b"Details",
    b"Name",
    b"connection-id",
    b"agent",
    b"actionGroup",
    b"token",
    b"signatureVerified",
    b"protocolData",
    b"isAuthenticated",
    b"policyDocuments",
    b"deviceEvent",
    b"serialNumber",
    b"clickType",
    b"currentIntent",
    b"dialogAction",
    b"operation",
    b"payload",
    b"info",
    b"authorizationToken",
    b"requestContext",
    b"methodArn",
    b"isAuthorized",
    b"cognitoIdentityAuthType",
    b"sub",
    b"issuer",
    b"invocationId",
    b"deliveryStreamArn",
    b"records",
    b"xAmzRequestId",
    b"DeploymentId",
    b"LifecycleEventHookExecutionId",
    b"type",
    b"principalId",
    b"policyDocument",
    b"routeKey",
    b"rawPath",
    b"httpMethod",
    b"statusCode",
    b"statusDescription",
    b"version",
    b"dynamodb",
    b"userArn",
    b"s3",
    b"Sns",
    b"kinesis",
    b"ses",
    b"codecommit",
    b"elb",
    b"connectionId",
    b"http",
    b"routeArn",
    b"NoEcho",
    b"Data",
    b"domainName",
    b"accountId",
    b"arguments",
    b"identity",
    b"serviceNetworkArn",
    b"raw_path",
    b"invocationSchemaVersion",
    b"tasks",
    b"results",
    b"treatMissingKeysAs",
    b"applicationArn",
    b"claimCertificateId",
    b"templateArn",
    b"allowProvisioning",
    b"Sender",
    b"Discussion",
    b"tokenSignature",
    b"mqttContext",
    b"tlsContext",
    b"httpContext",
    b"window",
    b"state",
];

// Every key has a bit of the set, and its own.
const _: () = assert!(KEYS.len() <= Keys::CAPACITY);
const _: () = assert!(distinct(KEYS));

/// A set of [`KEYS`], one bit per key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Keys(u128);

impl Keys {
    const CAPACITY: usize = u128::BITS as usize;

    /// The set of `names`, each of which must be in [`KEYS`]. Meant for const evaluation
    /// (through [`keys!`]), where a missing name is a compile error.
    pub(crate) const fn of(names: &[&[u8]]) -> Self {
        let mut set = 0;
        let mut rest = names;
        while let [name, tail @ ..] = rest {
            match index(name) {
                Some(i) => set |= 1 << i,
                None => panic!("a key `detect` reads is missing from KEYS"),
            }
            rest = tail;
        }
        Self(set)
    }

    /// Notes `key` if it is one of [`KEYS`] (the document's other keys are not looked for).
    pub(super) fn add(&mut self, key: Text<'_>) {
        let i = match key.as_plain() {
            Some(plain) => index(plain),
            None => KEYS.iter().position(|k| key.is(k)),
        };
        if let Some(i) = i {
            self.0 |= 1 << i;
        }
    }

    /// Whether every key of `keys` is in the set.
    pub(super) const fn has(self, keys: Keys) -> bool {
        self.0 & keys.0 == keys.0
    }
}

/// The set of the named keys, built at compile time: `keys![b"Records"]`.
macro_rules! keys {
    ($($name:literal),+ $(,)?) => {
        const {
            const NAMES: &[&[u8]] = &[$($name),+];
            $crate::detect::keys::Keys::of(NAMES)
        }
    };
}
pub(super) use keys;

/// The index of `name` in [`KEYS`].
const fn index(name: &[u8]) -> Option<usize> {
    let mut i = 0;
    let mut rest = KEYS;
    while let [key, tail @ ..] = rest {
        if same(key, name) {
            return Some(i);
        }
        i += 1;
        rest = tail;
    }
    None
}

/// `a == b`, which a const fn cannot write.
const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut a, mut b) = (a, b);
    while let ([x, a_tail @ ..], [y, b_tail @ ..]) = (a, b) {
        if *x != *y {
            return false;
        }
        (a, b) = (a_tail, b_tail);
    }
    true
}

/// No key is listed twice (a second entry would never be found, so its bit never set).
const fn distinct(keys: &[&[u8]]) -> bool {
    let mut rest = keys;
    while let [key, tail @ ..] = rest {
        let mut others = tail;
        while let [other, more @ ..] = others {
            if same(key, other) {
                return false;
            }
            others = more;
        }
        rest = tail;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_keys_are_their_bits() {
        let mut seen = Keys::default();
        seen.add(Text::plain(b"Records"));
        seen.add(Text::plain(b"notAKeyDetectReads"));
        assert!(seen.has(keys![b"Records"]));
        assert!(!seen.has(keys![b"Records", b"Messages"]));
        seen.add(Text::raw(br"Mess\u0061ges", true));
        assert!(seen.has(keys![b"Records", b"Messages"]));
        assert_eq!(seen, keys![b"Messages", b"Records"]);
    }

    /// What `keys!` evaluates at compile time, here at run time to see it refuse.
    #[test]
    #[should_panic(expected = "missing from KEYS")]
    fn a_key_missing_from_the_table_is_refused() {
        let _ = Keys::of(&[b"Records", b"notAKeyDetectReads"]);
    }

    #[test]
    fn every_key_is_found_at_its_index() {
        for (i, key) in KEYS.iter().enumerate() {
            assert_eq!(index(key), Some(i));
        }
        assert_eq!(index(b"record"), None);
        assert_eq!(index(b""), None);
    }
}
