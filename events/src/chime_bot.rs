//! Amazon Chime chat bots: the outgoing event a bot's Lambda endpoint receives.

use serde::{Deserialize, Serialize};

use crate::Timestamp;

/// An event for a bot: an invitation, a mention, a removal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ChimeBotEvent<'a> {
    /// Who acted.
    #[serde(borrow, default)]
    pub sender: ChimeBotEventSender<'a>,
    /// Where.
    #[serde(borrow, default)]
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
}

/// `Sender`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ChimeBotEventSender<'a> {
    /// The sender.
    pub sender_id: Option<&'a str>,
    /// `EmailId`.
    pub sender_id_type: Option<&'a str>,
}

/// `Discussion`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ChimeBotEventDiscussion<'a> {
    /// The chat room or conversation.
    pub discussion_id: Option<&'a str>,
    /// `Room`, `Conversation`.
    pub discussion_type: Option<&'a str>,
}

/// `InboundHttpsEndpoint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ChimeBotEventInboundHttpsEndpoint<'a> {
    /// `Persistent`.
    pub endpoint_type: Option<&'a str>,
    /// The URL.
    pub url: Option<&'a str>,
}
