//! Amazon Connect contact flows.

use serde::{Deserialize, Serialize};

use crate::Map;

/// A contact flow invocation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "PascalCase")]
pub struct ConnectEvent<'a> {
    /// `ContactFlowExecution`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub name: &'a str,
    /// Contact data and parameters.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub details: ConnectDetails<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `Details`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "PascalCase")]
pub struct ConnectDetails<'a> {
    /// The contact.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub contact_data: ConnectContactData<'a>,
    /// Parameters set in the flow.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::strs")]
    pub parameters: Map<'a, &'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `ContactData`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "PascalCase")]
pub struct ConnectContactData<'a> {
    /// Contact attributes.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub attributes: Map<'a, &'a str>,
    /// `Voice`, `Chat`, `Task`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub channel: &'a str,
    /// Contact id.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub contact_id: &'a str,
    /// Customer endpoint.
    #[serde(borrow)]
    pub customer_endpoint: Option<ConnectEndpoint<'a>>,
    /// Initial contact.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub initial_contact_id: &'a str,
    /// `INBOUND`, `OUTBOUND`, `TRANSFER`, `CALLBACK`, …
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub initiation_method: &'a str,
    /// Instance ARN.
    #[serde(
        rename = "InstanceARN",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub instance_arn: &'a str,
    /// Previous contact.
    pub previous_contact_id: Option<&'a str>,
    /// Queue, when the contact is in one.
    #[serde(borrow)]
    pub queue: Option<ConnectQueue<'a>>,
    /// System endpoint.
    #[serde(borrow)]
    pub system_endpoint: Option<ConnectEndpoint<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// An endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "PascalCase")]
pub struct ConnectEndpoint<'a> {
    /// Address (phone number).
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub address: &'a str,
    /// `TELEPHONE_NUMBER`.
    #[serde(
        rename = "Type",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub endpoint_type: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "PascalCase")]
pub struct ConnectQueue<'a> {
    /// Name.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub name: &'a str,
    /// ARN.
    #[serde(
        rename = "ARN",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub arn: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
