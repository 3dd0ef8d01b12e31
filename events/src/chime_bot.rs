//! Amazon Chime chat bots: the outgoing event a bot's Lambda endpoint receives.

use serde::{Deserialize, Serialize};

use crate::Timestamp;

/// An event for a bot: an invitation, a mention, a removal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "PascalCase")]
pub struct ChimeBotEvent<'a> {
    /// Who acted.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub sender: ChimeBotEventSender<'a>,
    /// Where.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub discussion: ChimeBotEventDiscussion<'a>,
    /// `Invite`, `Mention`, `Remove`.
    pub event_type: Option<&'a str>,
    /// Where to post back.
    #[serde(borrow, default)]
    pub inbound_https_endpoint: Option<ChimeBotEventInboundHttpsEndpoint<'a>>,
    /// When.
    #[serde(borrow, default)]
    pub event_timestamp: Option<Timestamp<'a>>,
    /// The message (mentions).
    pub message: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `Sender`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "PascalCase")]
pub struct ChimeBotEventSender<'a> {
    /// The sender.
    pub sender_id: Option<&'a str>,
    /// `EmailId`.
    pub sender_id_type: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `Discussion`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "PascalCase")]
pub struct ChimeBotEventDiscussion<'a> {
    /// The chat room or conversation.
    pub discussion_id: Option<&'a str>,
    /// `Room`, `Conversation`.
    pub discussion_type: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `InboundHttpsEndpoint`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "PascalCase")]
pub struct ChimeBotEventInboundHttpsEndpoint<'a> {
    /// `Persistent`.
    pub endpoint_type: Option<&'a str>,
    /// The URL.
    pub url: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
