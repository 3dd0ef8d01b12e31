//! Amazon Lex (V1) code hooks.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::Map;

/// A dialog or fulfillment code hook invocation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct LexEvent<'a> {
    /// `1.0`.
    pub message_version: Option<&'a str>,
    /// `FulfillmentCodeHook` or `DialogCodeHook`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub invocation_source: &'a str,
    /// User.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub user_id: &'a str,
    /// What the user said.
    pub input_transcript: Option<&'a str>,
    /// Session attributes.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub session_attributes: Map<'a, &'a str>,
    /// Request attributes.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub request_attributes: Map<'a, &'a str>,
    /// Bot.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub bot: LexBot<'a>,
    /// `Text` or `Voice`.
    pub output_dialog_mode: Option<&'a str>,
    /// The intent.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub current_intent: LexCurrentIntent<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The bot.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
pub struct LexBot<'a> {
    /// Name.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub name: &'a str,
    /// Alias.
    pub alias: Option<&'a str>,
    /// Version.
    pub version: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `currentIntent`.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct LexCurrentIntent<'a> {
    /// Intent.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub name: &'a str,
    /// Slot values (`null` when unfilled).
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub slots: Map<'a, Option<&'a str>>,
    /// Slot resolutions.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub slot_details: Map<'a, LexSlotDetail<'a>>,
    /// `None`, `Confirmed`, `Denied`.
    pub confirmation_status: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A slot's resolutions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct LexSlotDetail<'a> {
    /// Resolved values.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub resolutions: Vec<Map<'a, &'a str>>,
    /// What the user said.
    pub original_value: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A code hook response.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct LexResponse<'a> {
    /// Session attributes.
    #[serde(
        borrow,
        default,
        skip_serializing_if = "Map::is_empty",
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub session_attributes: Map<'a, &'a str>,
    /// What Lex does next.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub dialog_action: LexDialogAction<'a>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// `dialogAction`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct LexDialogAction<'a> {
    /// `ElicitIntent`, `ElicitSlot`, `ConfirmIntent`, `Delegate`, `Close`.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "crate::tolerant::or_default"
    )]
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
    #[serde(
        borrow,
        default,
        skip_serializing_if = "Map::is_empty",
        deserialize_with = "crate::tolerant::or_default"
    )]
    pub slots: Map<'a, Option<&'a str>>,
    /// Slot to elicit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slot_to_elicit: Option<&'a str>,
    /// Response card.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub response_card: Option<LexResponseCard<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
#[serde(rename_all = "camelCase")]
pub struct LexMessage<'a> {
    /// `PlainText`, `SSML`, `CustomPayload`.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub content_type: &'a str,
    /// Content.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub content: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A response card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
#[serde(rename_all = "camelCase")]
pub struct LexResponseCard<'a> {
    /// Version.
    #[serde(default, deserialize_with = "crate::tolerant::num")]
    pub version: i64,
    /// Content type.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub content_type: &'a str,
    /// Attachments.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub generic_attachments: Vec<LexAttachment<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A card attachment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Eq))]
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
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub buttons: Vec<LexButton<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A button.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(feature = "catch-all-fields"), derive(Copy, Eq))]
pub struct LexButton<'a> {
    /// Label.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub text: &'a str,
    /// Value sent back.
    #[serde(default, deserialize_with = "crate::tolerant::or_default")]
    pub value: &'a str,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
