//! Amazon MQ: ActiveMQ and RabbitMQ brokers.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::Map;
#[cfg(feature = "rabbitmq")]
use crate::Value;

/// ActiveMQ messages.
#[cfg(feature = "activemq")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct ActiveMqEvent<'a> {
    /// `aws:mq`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub event_source: &'a str,
    /// Broker ARN.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub event_source_arn: &'a str,
    /// Messages.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub messages: Vec<ActiveMqMessage<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// One ActiveMQ message.
#[cfg(feature = "activemq")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct ActiveMqMessage<'a> {
    /// Message id.
    #[serde(
        rename = "messageID",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub message_id: &'a str,
    /// `jms/text-message`, `jms/bytes-message`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub message_type: &'a str,
    /// Epoch milliseconds.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub timestamp: i64,
    /// Delivery mode.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub delivery_mode: i64,
    /// Correlation id.
    #[serde(rename = "correlationID")]
    pub correlation_id: Option<&'a str>,
    /// Reply-to.
    pub reply_to: Option<&'a str>,
    /// Destination.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub destination: ActiveMqDestination<'a>,
    /// Redelivered.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub redelivered: bool,
    /// JMS type.
    #[serde(rename = "type")]
    pub message_type_name: Option<&'a str>,
    /// Expiration.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub expiration: i64,
    /// Priority.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub priority: i64,
    /// Body, base64.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub data: &'a str,
    /// Broker in time.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub broker_in_time: i64,
    /// Broker out time.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub broker_out_time: i64,
    /// Properties.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub properties: Map<'a, &'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A destination.
#[cfg(feature = "activemq")]
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct ActiveMqDestination<'a> {
    /// Queue.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub physical_name: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// RabbitMQ messages, by `queue::virtual-host`.
#[cfg(feature = "rabbitmq")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RabbitMqEvent<'a> {
    /// `aws:rmq`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub event_source: &'a str,
    /// Broker ARN.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub event_source_arn: &'a str,
    /// Messages by queue.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub rmq_messages_by_queue: Map<'a, Vec<RabbitMqMessage<'a>>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// One RabbitMQ message.
#[cfg(feature = "rabbitmq")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RabbitMqMessage<'a> {
    /// AMQP properties.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub basic_properties: RabbitMqBasicProperties<'a>,
    /// Redelivered.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub redelivered: bool,
    /// Body, base64.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub data: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// AMQP basic properties.
#[cfg(feature = "rabbitmq")]
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RabbitMqBasicProperties<'a> {
    /// Content type.
    pub content_type: Option<&'a str>,
    /// Content encoding.
    pub content_encoding: Option<&'a str>,
    /// Headers (values: `{"bytes": [...]}`, numbers, strings).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub headers: Map<'a, Value<'a>>,
    /// Delivery mode.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub delivery_mode: Option<u8>,
    /// Priority.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub priority: Option<u8>,
    /// Correlation id.
    pub correlation_id: Option<&'a str>,
    /// Reply-to.
    pub reply_to: Option<&'a str>,
    /// Expiration.
    pub expiration: Option<&'a str>,
    /// Message id.
    pub message_id: Option<&'a str>,
    /// Timestamp text.
    pub timestamp: Option<&'a str>,
    /// Type.
    #[serde(rename = "type")]
    pub message_type: Option<&'a str>,
    /// User.
    pub user_id: Option<&'a str>,
    /// App.
    pub app_id: Option<&'a str>,
    /// Cluster.
    pub cluster_id: Option<&'a str>,
    /// Body size.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub body_size: u64,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
