//! Decisions: the outcome of each participant with its figures, reasons (stable codes with
//! parameters and messages in Indonesian and English) and a per-session trace.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::error::{Lang, Localized, TamatError};
use crate::model::fixed::{percent_display, Fixed, Ratio};
use crate::model::identity::Nip;
use crate::model::policy::Delivery;
use crate::model::policy::{Measure, Policy};

/// Every reason code a decision can carry.
pub const REASON_CODES: &[&str] = &[
    "attendance.minimum_met",
    "attendance.below_minimum",
    "attendance.delivery_minimum_met",
    "attendance.delivery_below_minimum",
    "attendance.no_applicable_sessions",
    "attendance.required_missed",
    "attendance.withdrawn",
    "attendance.never_attended",
    "attendance.below_document_floor",
    "assessment.passed",
    "assessment.below_minimum",
    "assessment.missing_score",
    "assessment.qualification",
    "schedule.pending",
];

/// What a participant receives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// LULUS: every requirement met; STTPP with the qualification where scored.
    Lulus,
    /// TELAH MENGIKUTI: attended, requirements not met (or an unscored course whose
    /// policy says so).
    TelahMengikuti,
    /// No document.
    NoDocument,
    /// Sessions are still to come (evaluation with `as_of`).
    Pending,
}

impl Outcome {
    /// The label printed on documents and tables.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Outcome::Lulus, Lang::Id) => "LULUS",
            (Outcome::Lulus, Lang::En) => "PASSED",
            (Outcome::TelahMengikuti, Lang::Id) => "TELAH MENGIKUTI",
            (Outcome::TelahMengikuti, Lang::En) => "ATTENDED",
            (Outcome::NoDocument, Lang::Id) => "TIDAK MENDAPAT DOKUMEN",
            (Outcome::NoDocument, Lang::En) => "NO DOCUMENT",
            (Outcome::Pending, Lang::Id) => "BELUM SELESAI",
            (Outcome::Pending, Lang::En) => "IN PROGRESS",
        }
    }

    /// The snake_case code, as in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Lulus => "lulus",
            Outcome::TelahMengikuti => "telah_mengikuti",
            Outcome::NoDocument => "no_document",
            Outcome::Pending => "pending",
        }
    }
}

/// Why a decision is what it is. Typed, so that a cohort of decisions carries no text:
/// [`Reason::message`] renders it in either language when asked, and JSON gets
/// `{"code", "params", "message": {"id", "en"}}`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reason {
    /// `attendance.minimum_met`.
    MinimumMet {
        /// attended / total.
        ratio: Ratio,
        /// The policy's minimum percentage.
        minimum: Fixed,
    },
    /// `attendance.below_minimum`.
    BelowMinimum {
        /// attended / total.
        ratio: Ratio,
        /// The policy's minimum percentage.
        minimum: Fixed,
    },
    /// `attendance.delivery_minimum_met`: the classroom or e-learning sessions meet their
    /// own minimum.
    DeliveryMinimumMet {
        /// Classroom or e-learning.
        delivery: Delivery,
        /// attended / total of that kind.
        ratio: Ratio,
        /// The policy's minimum for that kind.
        minimum: Fixed,
    },
    /// `attendance.delivery_below_minimum`.
    DeliveryBelowMinimum {
        /// Classroom or e-learning.
        delivery: Delivery,
        /// attended / total of that kind.
        ratio: Ratio,
        /// The policy's minimum for that kind.
        minimum: Fixed,
    },
    /// `attendance.no_applicable_sessions`: nothing to count (0/0).
    NoApplicableSessions,
    /// `attendance.required_missed`.
    RequiredMissed {
        /// Session id.
        session: Arc<str>,
        /// Session title.
        title: Arc<str>,
    },
    /// `attendance.withdrawn`: the participant withdrew; later sessions are not applicable.
    Withdrawn {
        /// The date of withdrawal.
        on: NaiveDate,
    },
    /// `attendance.never_attended`.
    NeverAttended,
    /// `attendance.below_document_floor`.
    BelowDocumentFloor {
        /// attended / total, when anything counted.
        ratio: Option<Ratio>,
        /// The floor.
        floor: Fixed,
    },
    /// `assessment.passed`: the score meets the passing score (or there is none).
    ScorePassed {
        /// The score.
        score: Fixed,
        /// The passing score, if any.
        minimum: Option<Fixed>,
    },
    /// `assessment.below_minimum`.
    ScoreBelowMinimum {
        /// The score.
        score: Fixed,
        /// The passing score.
        minimum: Fixed,
    },
    /// `assessment.missing_score`.
    MissingScore,
    /// `assessment.qualification` (LULUS of a scored course).
    Qualification {
        /// The qualification (predikat).
        name: String,
    },
    /// `schedule.pending`.
    Pending {
        /// Sessions still to come.
        sessions: u32,
    },
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn pct_text(r: Ratio, lang: Lang) -> String {
    percent_display(r.percent_hundredths(), lang.decimal_separator())
}

impl Reason {
    pub(crate) fn no_applicable_sessions() -> Reason {
        Reason::NoApplicableSessions
    }
    pub(crate) fn minimum_met(ratio: Ratio, minimum: Fixed) -> Reason {
        Reason::MinimumMet { ratio, minimum }
    }
    pub(crate) fn below_minimum(ratio: Ratio, minimum: Fixed) -> Reason {
        Reason::BelowMinimum { ratio, minimum }
    }
    pub(crate) fn never_attended() -> Reason {
        Reason::NeverAttended
    }
    pub(crate) fn below_document_floor(ratio: Option<Ratio>, floor: Fixed) -> Reason {
        Reason::BelowDocumentFloor { ratio, floor }
    }
    pub(crate) fn missing_score() -> Reason {
        Reason::MissingScore
    }
    pub(crate) fn score(score: Fixed, minimum: Option<Fixed>, passed: bool) -> Reason {
        match (minimum, passed) {
            (Some(minimum), false) => Reason::ScoreBelowMinimum { score, minimum },
            _ => Reason::ScorePassed { score, minimum },
        }
    }
    pub(crate) fn qualification(q: &str) -> Reason {
        Reason::Qualification { name: q.to_string() }
    }
    pub(crate) fn pending(sessions: u32) -> Reason {
        Reason::Pending { sessions }
    }

    /// The stable code, one of [`REASON_CODES`].
    pub fn code(&self) -> &'static str {
        match self {
            Reason::MinimumMet { .. } => "attendance.minimum_met",
            Reason::BelowMinimum { .. } => "attendance.below_minimum",
            Reason::DeliveryMinimumMet { .. } => "attendance.delivery_minimum_met",
            Reason::DeliveryBelowMinimum { .. } => "attendance.delivery_below_minimum",
            Reason::NoApplicableSessions => "attendance.no_applicable_sessions",
            Reason::RequiredMissed { .. } => "attendance.required_missed",
            Reason::Withdrawn { .. } => "attendance.withdrawn",
            Reason::NeverAttended => "attendance.never_attended",
            Reason::BelowDocumentFloor { .. } => "attendance.below_document_floor",
            Reason::ScorePassed { .. } => "assessment.passed",
            Reason::ScoreBelowMinimum { .. } => "assessment.below_minimum",
            Reason::MissingScore => "assessment.missing_score",
            Reason::Qualification { .. } => "assessment.qualification",
            Reason::Pending { .. } => "schedule.pending",
        }
    }

    /// The parameters, as JSON (percentages and scores as decimal text with a point).
    pub fn params(&self) -> Map<String, Value> {
        let v = match self {
            Reason::MinimumMet { ratio, minimum } | Reason::BelowMinimum { ratio, minimum } => {
                json!({ "percent": pct_text(*ratio, Lang::En), "minimum": minimum.to_string() })
            }
            Reason::DeliveryMinimumMet {
                delivery,
                ratio,
                minimum,
            }
            | Reason::DeliveryBelowMinimum {
                delivery,
                ratio,
                minimum,
            } => json!({
                "delivery": delivery.code(),
                "percent": pct_text(*ratio, Lang::En),
                "minimum": minimum.to_string(),
            }),
            Reason::RequiredMissed { session, title } => json!({ "session": &**session, "title": &**title }),
            Reason::BelowDocumentFloor { ratio, floor } => json!({
                "percent": ratio.map_or_else(|| "-".to_string(), |r| pct_text(r, Lang::En)),
                "floor": floor.to_string(),
            }),
            Reason::ScorePassed { score, minimum } => {
                json!({ "score": score.to_string(), "minimum": minimum.map(|m| m.to_string()) })
            }
            Reason::ScoreBelowMinimum { score, minimum } => {
                json!({ "score": score.to_string(), "minimum": minimum.to_string() })
            }
            Reason::Qualification { name } => json!({ "qualification": name }),
            Reason::Pending { sessions } => json!({ "sessions": sessions }),
            Reason::Withdrawn { on } => json!({ "on": on }),
            Reason::NoApplicableSessions | Reason::NeverAttended | Reason::MissingScore => json!({}),
        };
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    /// The message for people, e.g. "Kehadiran 85,71% di bawah syarat 90%".
    pub fn message(&self, lang: Lang) -> String {
        let sep = lang.decimal_separator();
        let id = lang == Lang::Id;
        match self {
            Reason::MinimumMet { ratio, minimum } => {
                let (p, m) = (pct_text(*ratio, lang), minimum.to_text(sep));
                if id {
                    format!("Kehadiran {p}% memenuhi syarat {m}%")
                } else {
                    format!("Attendance {p}% meets the required {m}%")
                }
            }
            Reason::BelowMinimum { ratio, minimum } => {
                let (p, m) = (pct_text(*ratio, lang), minimum.to_text(sep));
                if id {
                    format!("Kehadiran {p}% di bawah syarat {m}%")
                } else {
                    format!("Attendance {p}% is below the required {m}%")
                }
            }
            Reason::DeliveryMinimumMet {
                delivery,
                ratio,
                minimum,
            } => {
                let (p, m, d) = (pct_text(*ratio, lang), minimum.to_text(sep), delivery.label(lang));
                if id {
                    format!("Kehadiran {d} {p}% memenuhi syarat {m}%")
                } else {
                    format!("{} attendance {p}% meets the required {m}%", capitalized(d))
                }
            }
            Reason::DeliveryBelowMinimum {
                delivery,
                ratio,
                minimum,
            } => {
                let (p, m, d) = (pct_text(*ratio, lang), minimum.to_text(sep), delivery.label(lang));
                if id {
                    format!("Kehadiran {d} {p}% di bawah syarat {m}%")
                } else {
                    format!("{} attendance {p}% is below the required {m}%", capitalized(d))
                }
            }
            Reason::NoApplicableSessions if id => "Tidak ada sesi yang berlaku untuk dihitung".into(),
            Reason::NoApplicableSessions => "No applicable session to count".into(),
            Reason::RequiredMissed { session, title } if id => {
                format!("Sesi wajib \"{title}\" ({session}) tidak dihadiri")
            }
            Reason::RequiredMissed { session, title } => {
                format!("Required session \"{title}\" ({session}) was not attended")
            }
            Reason::NeverAttended if id => "Peserta tidak menghadiri satu sesi pun".into(),
            Reason::NeverAttended => "The participant attended no session".into(),
            Reason::BelowDocumentFloor { ratio, floor } => {
                let p = ratio.map_or_else(|| "-".to_string(), |r| pct_text(r, lang));
                let f = floor.to_text(sep);
                if id {
                    format!("Kehadiran {p}% di bawah batas {f}% untuk mendapat dokumen")
                } else {
                    format!("Attendance {p}% is below the {f}% needed for any document")
                }
            }
            Reason::ScorePassed { score, minimum: None } if id => format!("Nilai {} tercatat", score.to_text(sep)),
            Reason::ScorePassed { score, minimum: None } => format!("Score {score} recorded"),
            Reason::ScorePassed {
                score,
                minimum: Some(m),
            } if id => {
                format!("Nilai {} memenuhi batas lulus {}", score.to_text(sep), m.to_text(sep))
            }
            Reason::ScorePassed {
                score,
                minimum: Some(m),
            } => format!("Score {score} meets the passing score {m}"),
            Reason::ScoreBelowMinimum { score, minimum } if id => {
                format!(
                    "Nilai {} di bawah batas lulus {}",
                    score.to_text(sep),
                    minimum.to_text(sep)
                )
            }
            Reason::ScoreBelowMinimum { score, minimum } => {
                format!("Score {score} is below the passing score {minimum}")
            }
            Reason::Withdrawn { on } if id => format!("Mengundurkan diri pada {on}"),
            Reason::Withdrawn { on } => format!("Withdrew on {on}"),
            Reason::MissingScore if id => "Nilai belum tercatat".into(),
            Reason::MissingScore => "No score recorded".into(),
            Reason::Qualification { name } if id => format!("Predikat: {name}"),
            Reason::Qualification { name } => format!("Qualification: {name}"),
            Reason::Pending { sessions } if id => format!("Masih ada {sessions} sesi yang belum selesai"),
            Reason::Pending { sessions } => format!("{sessions} session(s) still to come"),
        }
    }

    /// Both messages.
    pub fn messages(&self) -> Localized {
        Localized {
            id: self.message(Lang::Id),
            en: self.message(Lang::En),
        }
    }
}

/// A reason as decisions write it: `{code, params, message: {id, en}}`.
impl schemars::JsonSchema for Reason {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Reason".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "object",
            "required": ["code", "params", "message"],
            "additionalProperties": false,
            "properties": {
                "code": {"type": "string", "enum": REASON_CODES},
                "params": {"type": "object", "description": "The figures the message is made of."},
                "message": generator.subschema_for::<Localized>()
            }
        })
    }
}

impl Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Reason", 3)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("params", &self.params())?;
        st.serialize_field("message", &self.messages())?;
        st.end()
    }
}

/// How a session counted for a participant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TraceResult {
    /// In the percentage, with `credit`.
    Counted,
    /// Left the denominator (an excuse the policy excludes).
    Excluded,
    /// Left out as one of the lowest N.
    Dropped,
    /// Before the participant's enrolment.
    NotApplicable,
    /// Not held yet and not marked.
    Pending,
}

/// Something worth knowing about one session's count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TraceNote {
    /// No mark: counted as absent.
    NoMark,
    /// An n-th late arrival, counted as an absence.
    LateCountedAsAbsence,
    /// An excuse beyond the cap, counted as absent.
    ExcusedCapReached,
    /// A check-in outside the window, counted as absent.
    CheckInOutsideWindow,
    /// Present for less than the policy's minimum share of the session, counted as
    /// absent.
    PresenceBelowMinimum,
}

/// One session in a decision's trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct TraceEntry {
    /// Session id.
    pub session: Arc<str>,
    /// Status used (canonical word), if marked.
    pub status: Option<Arc<str>>,
    /// How it counted.
    pub result: TraceResult,
    /// The session's weight in the policy's unit.
    pub units: Fixed,
    /// Credit given (0..=1), when counted or dropped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit: Option<Fixed>,
    /// Units earned, when counted or dropped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earned: Option<Fixed>,
    /// Minutes present, for check-in marks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minutes_present: Option<u32>,
    /// A note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<TraceNote>,
}

/// Attendance figures of one decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct AttendanceFigures {
    /// The unit.
    pub measure: Measure,
    /// Units attended (credit-weighted).
    pub attended: Fixed,
    /// Units counted.
    pub total: Fixed,
    /// attended / total exactly, reduced; null when nothing counts.
    pub ratio: Option<Ratio>,
    /// 100 × ratio truncated to two decimals (display only: decisions use `ratio`).
    pub percent: Option<Fixed>,
    /// The policy's minimum.
    pub minimum_percent: Fixed,
    /// Whether the minimum is met.
    pub meets_minimum: bool,
    /// Sessions still to come.
    pub pending_sessions: u32,
    /// The same figures for classroom and e-learning sessions apart, when the course has
    /// e-learning sessions or the policy sets a minimum per kind (kinds with applicable
    /// sessions only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_delivery: Vec<DeliveryFigures>,
}

/// Attendance of the classroom or the e-learning sessions alone (every applicable session
/// of the kind: drop-lowest applies to the overall figures only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct DeliveryFigures {
    /// Classroom or e-learning.
    pub delivery: Delivery,
    /// Units attended (credit-weighted).
    pub attended: Fixed,
    /// Units counted.
    pub total: Fixed,
    /// attended / total exactly, reduced; null when nothing of this kind counts.
    pub ratio: Option<Ratio>,
    /// 100 × ratio truncated to two decimals.
    pub percent: Option<Fixed>,
    /// The policy's minimum for this kind, if any.
    pub minimum_percent: Option<Fixed>,
    /// Whether this kind's minimum is met (true when it has none).
    pub meets_minimum: bool,
}

/// The decision for one participant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Decision {
    /// Participant id.
    pub participant: String,
    /// Name.
    pub name: String,
    /// NIP.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nip: Option<Nip>,
    /// Outcome.
    pub outcome: Outcome,
    /// Qualification (predikat), when scored and passed.
    pub qualification: Option<String>,
    /// Attendance figures.
    pub attendance: AttendanceFigures,
    /// Score, when scored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<Fixed>,
    /// Reasons, in a fixed order: attendance, required sessions, assessment, outcome.
    pub reasons: Vec<Reason>,
    /// Projection, when evaluated `as_of` an instant with sessions still to come.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projection: Option<Projection>,
    /// Per-session trace, in session order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace: Option<Vec<TraceEntry>>,
}

impl Decision {
    /// The outcome's label in a language.
    pub fn label(&self, lang: Lang) -> &'static str {
        self.outcome.label(lang)
    }

    /// The reason codes, in order.
    pub fn reason_codes(&self) -> Vec<&'static str> {
        self.reasons.iter().map(Reason::code).collect()
    }

    /// Every reason's message in one line (`; ` between them), as tables and flat rows
    /// show it: the first reason alone can mislead (a minimum met, but a required
    /// session missed).
    pub fn explanation(&self, lang: Lang) -> String {
        self.reasons
            .iter()
            .map(|r| r.message(lang))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Counts per outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Summary {
    /// Participants evaluated.
    pub participants: usize,
    /// LULUS.
    pub lulus: usize,
    /// TELAH MENGIKUTI.
    pub telah_mengikuti: usize,
    /// No document.
    pub no_document: usize,
    /// Still running.
    pub pending: usize,
}

impl Summary {
    pub(crate) fn count(&mut self, o: Outcome) {
        match o {
            Outcome::Lulus => self.lulus += 1,
            Outcome::TelahMengikuti => self.telah_mengikuti += 1,
            Outcome::NoDocument => self.no_document += 1,
            Outcome::Pending => self.pending += 1,
        }
    }
}

/// A whole cohort's evaluation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Evaluation {
    /// Course id.
    pub course: String,
    /// The policy in effect, every default filled in.
    pub policy: Policy,
    /// The instant of evaluation, if the course is still running.
    pub as_of: Option<DateTime<Utc>>,
    /// Total JP of the course.
    pub total_jp: u64,
    /// Local date the course ends.
    pub completed_on: Option<NaiveDate>,
    /// Counts per outcome.
    pub summary: Summary,
    /// Decisions, in the course's participant order.
    pub decisions: Vec<Decision>,
    /// What was accepted but deserves a look.
    pub warnings: Vec<TamatError>,
}

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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
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
    /// Able to pass only by attending (nearly) everything left: at most the policy's
    /// `at_risk_absences` remaining sessions may be missed. Never set when secured or
    /// out of reach.
    pub at_risk: bool,
    /// The last session that may still be missed: missing every remaining session up to
    /// it (in time order) and attending all after it still passes. Null when the next
    /// session must be attended, or when the minimum is secured or out of reach.
    pub last_missable: Option<MissableSession>,
    /// Where the participant stands, for people ("perlu hadir 3 dari 4 sesi lagi").
    pub message: Localized,
}

/// A session named by a projection, with when it starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct MissableSession {
    /// Session id.
    pub session: String,
    /// Its start.
    pub start: chrono::DateTime<chrono::Utc>,
}
