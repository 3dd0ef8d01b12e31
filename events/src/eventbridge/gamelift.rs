//! Amazon GameLift FlexMatch events (`aws.gamelift`, `detail-type` `GameLift Matchmaking
//! Event`), as `aws_lambda_events` 1.x types them; the detail type follows `detail.type`. AWS
//! documents these details by example, so fields are optional and named after their JSON keys.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

/// `MatchmakingSearching`.
pub type MatchmakingSearchingEvent<'a> = super::CloudWatchEvent<'a, MatchmakingSearching<'a>>;
/// `PotentialMatchCreated`.
pub type PotentialMatchCreatedEvent<'a> = super::CloudWatchEvent<'a, PotentialMatchCreated<'a>>;
/// `AcceptMatch`.
pub type AcceptMatchEvent<'a> = super::CloudWatchEvent<'a, AcceptMatch<'a>>;
/// `AcceptMatchCompleted`.
pub type AcceptMatchCompletedEvent<'a> = super::CloudWatchEvent<'a, AcceptMatchCompleted<'a>>;
/// `MatchmakingSucceeded`.
pub type MatchmakingSucceededEvent<'a> = super::CloudWatchEvent<'a, MatchmakingSucceeded<'a>>;
/// `MatchmakingTimedOut`.
pub type MatchmakingTimedOutEvent<'a> = super::CloudWatchEvent<'a, MatchmakingTimedOut<'a>>;
/// `MatchmakingCancelled`.
pub type MatchmakingCancelledEvent<'a> = super::CloudWatchEvent<'a, MatchmakingCancelled<'a>>;
/// `MatchmakingFailed`.
pub type MatchmakingFailedEvent<'a> = super::CloudWatchEvent<'a, MatchmakingFailed<'a>>;

/// The detail of a `MatchmakingSearching` matchmaking event.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MatchmakingSearching<'a> {
    /// `tickets`.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub tickets: Vec<Ticket<'a>>,
    /// `estimatedWaitMillis`: `"NOT_AVAILABLE"` or a number, so kept as JSON.
    #[serde(borrow, default)]
    pub estimated_wait_millis: Option<crate::Value<'a>>,
    /// `type`.
    #[serde(rename = "type")]
    pub kind: Option<&'a str>,
    /// `gameSessionInfo`.
    #[serde(borrow, default)]
    pub game_session_info: Option<GameSessionInfo<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A matchmaking ticket.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ticket<'a> {
    /// `ticketId`.
    pub ticket_id: Option<&'a str>,
    /// `startTime`.
    pub start_time: Option<&'a str>,
    /// `players`.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub players: Vec<Player<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// A player of a ticket or game session.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Player<'a> {
    /// `playerId`.
    pub player_id: Option<&'a str>,
    /// `team`.
    pub team: Option<&'a str>,
    /// `accepted`.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub accepted: bool,
    /// `playerSessionId`.
    pub player_session_id: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The game session the tickets are matched into.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GameSessionInfo<'a> {
    /// `players`.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub players: Vec<Player<'a>>,
    /// `gameSessionArn`, once a match is placed (not in `aws_lambda_events`' type).
    pub game_session_arn: Option<&'a str>,
    /// `ipAddress`, once a match is placed.
    pub ip_address: Option<&'a str>,
    /// `dnsName`, once a match is placed.
    pub dns_name: Option<&'a str>,
    /// `port`, once a match is placed.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub port: Option<u16>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The detail of a `PotentialMatchCreated` matchmaking event.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PotentialMatchCreated<'a> {
    /// `tickets`.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub tickets: Vec<Ticket<'a>>,
    /// `acceptanceTimeout`.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub acceptance_timeout: Option<i64>,
    /// `ruleEvaluationMetrics`.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub rule_evaluation_metrics: Vec<RuleEvaluationMetric<'a>>,
    /// `acceptanceRequired`.
    #[serde(default, deserialize_with = "crate::tolerant::flag")]
    pub acceptance_required: bool,
    /// `type`.
    #[serde(rename = "type")]
    pub kind: Option<&'a str>,
    /// `gameSessionInfo`.
    #[serde(borrow, default)]
    pub game_session_info: Option<GameSessionInfo<'a>>,
    /// `matchId`.
    pub match_id: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// How a matchmaking rule fared.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleEvaluationMetric<'a> {
    /// `ruleName`.
    pub rule_name: Option<&'a str>,
    /// `passedCount`.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub passed_count: Option<i64>,
    /// `failedCount`.
    #[serde(default, deserialize_with = "crate::tolerant::opt_num")]
    pub failed_count: Option<i64>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The detail of a `AcceptMatch` matchmaking event.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AcceptMatch<'a> {
    /// `tickets`.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub tickets: Vec<Ticket<'a>>,
    /// `type`.
    #[serde(rename = "type")]
    pub kind: Option<&'a str>,
    /// `gameSessionInfo`.
    #[serde(borrow, default)]
    pub game_session_info: Option<GameSessionInfo<'a>>,
    /// `matchId`.
    pub match_id: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The detail of a `AcceptMatchCompleted` matchmaking event.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AcceptMatchCompleted<'a> {
    /// `tickets`.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub tickets: Vec<Ticket<'a>>,
    /// `acceptance`.
    pub acceptance: Option<&'a str>,
    /// `type`.
    #[serde(rename = "type")]
    pub kind: Option<&'a str>,
    /// `gameSessionInfo`.
    #[serde(borrow, default)]
    pub game_session_info: Option<GameSessionInfo<'a>>,
    /// `matchId`.
    pub match_id: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The detail of a `MatchmakingSucceeded` matchmaking event.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MatchmakingSucceeded<'a> {
    /// `tickets`.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub tickets: Vec<Ticket<'a>>,
    /// `type`.
    #[serde(rename = "type")]
    pub kind: Option<&'a str>,
    /// `gameSessionInfo`.
    #[serde(borrow, default)]
    pub game_session_info: Option<GameSessionInfo<'a>>,
    /// `matchId`.
    pub match_id: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The detail of a `MatchmakingTimedOut` matchmaking event.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MatchmakingTimedOut<'a> {
    /// `reason`.
    pub reason: Option<&'a str>,
    /// `tickets`.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub tickets: Vec<Ticket<'a>>,
    /// `ruleEvaluationMetrics`.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub rule_evaluation_metrics: Vec<RuleEvaluationMetric<'a>>,
    /// `type`.
    #[serde(rename = "type")]
    pub kind: Option<&'a str>,
    /// `message`.
    pub message: Option<&'a str>,
    /// `gameSessionInfo`.
    #[serde(borrow, default)]
    pub game_session_info: Option<GameSessionInfo<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The detail of a `MatchmakingCancelled` matchmaking event.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MatchmakingCancelled<'a> {
    /// `reason`.
    pub reason: Option<&'a str>,
    /// `tickets`.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub tickets: Vec<Ticket<'a>>,
    /// `ruleEvaluationMetrics`.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub rule_evaluation_metrics: Vec<RuleEvaluationMetric<'a>>,
    /// `type`.
    #[serde(rename = "type")]
    pub kind: Option<&'a str>,
    /// `message`.
    pub message: Option<&'a str>,
    /// `gameSessionInfo`.
    #[serde(borrow, default)]
    pub game_session_info: Option<GameSessionInfo<'a>>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}

/// The detail of a `MatchmakingFailed` matchmaking event.
#[derive(Default, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MatchmakingFailed<'a> {
    /// `tickets`.
    #[serde(borrow, default, deserialize_with = "crate::tolerant::or_default")]
    pub tickets: Vec<Ticket<'a>>,
    /// `customEventData`.
    pub custom_event_data: Option<&'a str>,
    /// `type`.
    #[serde(rename = "type")]
    pub kind: Option<&'a str>,
    /// `reason`.
    pub reason: Option<&'a str>,
    /// `message`.
    pub message: Option<&'a str>,
    /// `gameSessionInfo`.
    #[serde(borrow, default)]
    pub game_session_info: Option<GameSessionInfo<'a>>,
    /// `matchId`.
    pub match_id: Option<&'a str>,
    /// Keys this type does not know, in document order: kept with the `catch-all-fields` feature
    /// so that a round trip loses nothing.
    #[cfg(feature = "catch-all-fields")]
    #[serde(flatten, borrow)]
    pub other: crate::Map<'a, crate::Value<'a>>,
}
