//! Amazon Lex (V1) code hooks.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::Map;

/// A dialog or fulfillment code hook invocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LexEvent<'a> {
    /// `1.0`.
    pub message_version: Option<&'a str>,
    /// `FulfillmentCodeHook` or `DialogCodeHook`.
    pub invocation_source: &'a str,
    /// User.
    pub user_id: &'a str,
    /// What the user said.
    pub input_transcript: Option<&'a str>,
    /// Session attributes.
    #[serde(borrow, default)]
    pub session_attributes: Map<'a, &'a str>,
    /// Request attributes.
    #[serde(borrow, default)]
    pub request_attributes: Map<'a, &'a str>,
    /// Bot.
    #[serde(borrow)]
    pub bot: LexBot<'a>,
    /// `Text` or `Voice`.
    pub output_dialog_mode: Option<&'a str>,
    /// The intent.
    #[serde(borrow)]
    pub current_intent: LexCurrentIntent<'a>,
}

/// The bot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LexBot<'a> {
    /// Name.
    pub name: &'a str,
    /// Alias.
    pub alias: Option<&'a str>,
    /// Version.
    pub version: Option<&'a str>,
}

/// `currentIntent`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LexCurrentIntent<'a> {
    /// Intent.
    pub name: &'a str,
    /// Slot values (`null` when unfilled).
    #[serde(borrow, default)]
    pub slots: Map<'a, Option<&'a str>>,
    /// Slot resolutions.
    #[serde(borrow, default)]
    pub slot_details: Map<'a, LexSlotDetail<'a>>,
    /// `None`, `Confirmed`, `Denied`.
    pub confirmation_status: Option<&'a str>,
}

/// A slot's resolutions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LexSlotDetail<'a> {
    /// Resolved values.
    #[serde(borrow, default)]
    pub resolutions: Vec<Map<'a, &'a str>>,
    /// What the user said.
    pub original_value: Option<&'a str>,
}

/// A code hook response.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LexResponse<'a> {
    /// Session attributes.
    #[serde(borrow, default, skip_serializing_if = "Map::is_empty")]
    pub session_attributes: Map<'a, &'a str>,
    /// What Lex does next.
    #[serde(borrow)]
    pub dialog_action: LexDialogAction<'a>,
}

/// `dialogAction`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LexDialogAction<'a> {
    /// `ElicitIntent`, `ElicitSlot`, `ConfirmIntent`, `Delegate`, `Close`.
    #[serde(rename = "type")]
    pub action_type: &'a str,
    /// `Fulfilled`, `Failed` (Close).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fulfillment_state: Option<&'a str>,
    /// Message.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub message: Option<LexMessage<'a>>,
    /// Intent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intent_name: Option<&'a str>,
    /// Slots.
    #[serde(borrow, default, skip_serializing_if = "Map::is_empty")]
    pub slots: Map<'a, Option<&'a str>>,
    /// Slot to elicit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slot_to_elicit: Option<&'a str>,
    /// Response card.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub response_card: Option<LexResponseCard<'a>>,
}

/// A message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LexMessage<'a> {
    /// `PlainText`, `SSML`, `CustomPayload`.
    pub content_type: &'a str,
    /// Content.
    pub content: &'a str,
}

/// A response card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LexResponseCard<'a> {
    /// Version.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub version: i64,
    /// Content type.
    pub content_type: &'a str,
    /// Attachments.
    #[serde(borrow, default)]
    pub generic_attachments: Vec<LexAttachment<'a>>,
}

/// A card attachment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LexAttachment<'a> {
    /// Title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    /// Subtitle.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_title: Option<&'a str>,
    /// Image.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_url: Option<&'a str>,
    /// Link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attachment_link_url: Option<&'a str>,
    /// Buttons.
    #[serde(borrow, default)]
    pub buttons: Vec<LexButton<'a>>,
}

/// A button.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LexButton<'a> {
    /// Label.
    pub text: &'a str,
    /// Value sent back.
    pub value: &'a str,
}
