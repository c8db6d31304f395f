//! Decisions: the outcome of each participant with its figures, reasons (stable codes with
//! parameters and messages in Indonesian and English) and a per-session trace.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::course::Session;
use crate::error::{Lang, TamatError};
use crate::fixed::{percent_display, Fixed, Ratio};
use crate::identity::Nip;
use crate::policy::{Measure, Policy};
use crate::projection::Projection;

/// Every reason code a decision can carry.
pub const REASON_CODES: &[&str] = &[
    "attendance.minimum_met",
    "attendance.below_minimum",
    "attendance.no_applicable_sessions",
    "attendance.required_missed",
    "attendance.never_attended",
    "attendance.below_document_floor",
    "assessment.passed",
    "assessment.below_minimum",
    "assessment.missing_score",
    "assessment.qualification",
    "schedule.pending",
];

/// What a participant receives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
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

/// A text in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Localized {
    /// Bahasa Indonesia.
    pub id: String,
    /// English.
    pub en: String,
}

impl Localized {
    /// The text in one language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }
}

/// Why a decision is what it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// Stable code, one of [`REASON_CODES`].
    pub code: &'static str,
    /// Parameters (percentages as decimal text with a point).
    pub params: Map<String, Value>,
    /// The message.
    pub message: Localized,
}

fn pct_text(r: Ratio, lang: Lang) -> String {
    percent_display(r.percent_hundredths(), lang.decimal_separator())
}

fn params(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

impl Reason {
    fn new(code: &'static str, params_value: Value, id: String, en: String) -> Reason {
        Reason {
            code,
            params: params(params_value),
            message: Localized { id, en },
        }
    }

    pub(crate) fn minimum_met(r: Ratio, min: Fixed) -> Reason {
        Reason::new(
            "attendance.minimum_met",
            json!({ "percent": pct_text(r, Lang::En), "minimum": min.to_string() }),
            format!(
                "Kehadiran {}% memenuhi syarat {}%",
                pct_text(r, Lang::Id),
                min.to_text(',')
            ),
            format!("Attendance {}% meets the required {}%", pct_text(r, Lang::En), min),
        )
    }

    pub(crate) fn below_minimum(r: Ratio, min: Fixed) -> Reason {
        Reason::new(
            "attendance.below_minimum",
            json!({ "percent": pct_text(r, Lang::En), "minimum": min.to_string() }),
            format!(
                "Kehadiran {}% di bawah syarat {}%",
                pct_text(r, Lang::Id),
                min.to_text(',')
            ),
            format!("Attendance {}% is below the required {}%", pct_text(r, Lang::En), min),
        )
    }

    pub(crate) fn no_applicable_sessions() -> Reason {
        Reason::new(
            "attendance.no_applicable_sessions",
            json!({}),
            "Tidak ada sesi yang berlaku untuk dihitung".into(),
            "No applicable session to count".into(),
        )
    }

    pub(crate) fn required_missed(s: &Session) -> Reason {
        Reason::new(
            "attendance.required_missed",
            json!({ "session": s.id, "title": s.title }),
            format!("Sesi wajib \"{}\" ({}) tidak dihadiri", s.title, s.id),
            format!("Required session \"{}\" ({}) was not attended", s.title, s.id),
        )
    }

    pub(crate) fn never_attended() -> Reason {
        Reason::new(
            "attendance.never_attended",
            json!({}),
            "Peserta tidak menghadiri satu sesi pun".into(),
            "The participant attended no session".into(),
        )
    }

    pub(crate) fn below_document_floor(r: Option<Ratio>, floor: Fixed) -> Reason {
        let (id, en) = match r {
            Some(r) => (pct_text(r, Lang::Id), pct_text(r, Lang::En)),
            None => ("-".to_string(), "-".to_string()),
        };
        Reason::new(
            "attendance.below_document_floor",
            json!({ "percent": en, "floor": floor.to_string() }),
            format!(
                "Kehadiran {id}% di bawah batas {}% untuk mendapat dokumen",
                floor.to_text(',')
            ),
            format!("Attendance {en}% is below the {floor}% needed for any document"),
        )
    }

    pub(crate) fn missing_score() -> Reason {
        Reason::new(
            "assessment.missing_score",
            json!({}),
            "Nilai belum tercatat".into(),
            "No score recorded".into(),
        )
    }

    pub(crate) fn score(score: Fixed, min: Option<Fixed>, passed: bool) -> Reason {
        let p = json!({ "score": score.to_string(), "minimum": min.map(|m| m.to_string()) });
        match (min, passed) {
            (None, _) => Reason::new(
                "assessment.passed",
                p,
                format!("Nilai {} tercatat", score.to_text(',')),
                format!("Score {score} recorded"),
            ),
            (Some(m), true) => Reason::new(
                "assessment.passed",
                p,
                format!("Nilai {} memenuhi batas lulus {}", score.to_text(','), m.to_text(',')),
                format!("Score {score} meets the passing score {m}"),
            ),
            (Some(m), false) => Reason::new(
                "assessment.below_minimum",
                p,
                format!("Nilai {} di bawah batas lulus {}", score.to_text(','), m.to_text(',')),
                format!("Score {score} is below the passing score {m}"),
            ),
        }
    }

    pub(crate) fn qualification(q: &str) -> Reason {
        Reason::new(
            "assessment.qualification",
            json!({ "qualification": q }),
            format!("Predikat: {q}"),
            format!("Qualification: {q}"),
        )
    }

    pub(crate) fn pending(n: u32) -> Reason {
        Reason::new(
            "schedule.pending",
            json!({ "sessions": n }),
            format!("Masih ada {n} sesi yang belum selesai"),
            format!("{n} session(s) still to come"),
        )
    }
}

/// How a session counted for a participant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
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
}

/// One session in a decision's trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
}

/// The decision for one participant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
        self.reasons.iter().map(|r| r.code).collect()
    }
}

/// Counts per outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
