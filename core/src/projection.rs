//! Projection for a course still running: is the minimum already secured, still
//! reachable, or out of reach; how many of the remaining sessions must still be attended,
//! and how many may be missed. Computed by applying the same rules to hypothetical
//! attendance, so it can never disagree with the final decision.

use serde::Serialize;

use crate::fixed::Fixed;

/// Where a participant stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProjectionState {
    /// The attendance requirements are met even if every remaining session is missed.
    Secured,
    /// Met if enough of the remaining sessions are attended.
    Reachable,
    /// Not met even if every remaining session is attended.
    Unreachable,
}

/// The projection of one participant (attendance requirements only: percentage and
/// required sessions; a score is not projected).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Projection {
    /// Where the participant stands.
    pub state: ProjectionState,
    /// Sessions still to come (unmarked, not yet ended).
    pub remaining_sessions: u32,
    /// Their weight in the policy's unit.
    pub remaining_units: Fixed,
    /// The fewest remaining sessions that must still be attended (required ones first,
    /// then the largest); null when unreachable.
    pub needed_sessions: Option<u32>,
    /// How many remaining sessions may still be missed; null when unreachable.
    pub allowed_absences: Option<u32>,
    /// The percentage if every remaining session is attended.
    pub percent_if_all_attended: Option<Fixed>,
    /// The percentage if none is.
    pub percent_if_none_attended: Option<Fixed>,
}
