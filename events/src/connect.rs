//! Amazon Connect contact flows.

use serde::{Deserialize, Serialize};

use crate::Map;

/// A contact flow invocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ConnectEvent<'a> {
    /// `ContactFlowExecution`.
    pub name: &'a str,
    /// Contact data and parameters.
    #[serde(borrow)]
    pub details: ConnectDetails<'a>,
}

/// `Details`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ConnectDetails<'a> {
    /// The contact.
    #[serde(borrow)]
    pub contact_data: ConnectContactData<'a>,
    /// Parameters set in the flow.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::strs")]
    pub parameters: Map<'a, &'a str>,
}

/// `ContactData`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ConnectContactData<'a> {
    /// Contact attributes.
    #[serde(borrow, default)]
    pub attributes: Map<'a, &'a str>,
    /// `Voice`, `Chat`, `Task`.
    pub channel: &'a str,
    /// Contact id.
    pub contact_id: &'a str,
    /// Customer endpoint.
    #[serde(borrow)]
    pub customer_endpoint: Option<ConnectEndpoint<'a>>,
    /// Initial contact.
    pub initial_contact_id: &'a str,
    /// `INBOUND`, `OUTBOUND`, `TRANSFER`, `CALLBACK`, …
    pub initiation_method: &'a str,
    /// Instance ARN.
    #[serde(rename = "InstanceARN")]
    pub instance_arn: &'a str,
    /// Previous contact.
    pub previous_contact_id: Option<&'a str>,
    /// Queue, when the contact is in one.
    #[serde(borrow)]
    pub queue: Option<ConnectQueue<'a>>,
    /// System endpoint.
    #[serde(borrow)]
    pub system_endpoint: Option<ConnectEndpoint<'a>>,
}

/// An endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ConnectEndpoint<'a> {
    /// Address (phone number).
    pub address: &'a str,
    /// `TELEPHONE_NUMBER`.
    #[serde(rename = "Type")]
    pub endpoint_type: &'a str,
}

/// A queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ConnectQueue<'a> {
    /// Name.
    pub name: &'a str,
    /// ARN.
    #[serde(rename = "ARN")]
    pub arn: &'a str,
}
