//! The attendance policy: versioned JSON in which every choice is explicit. The defaults
//! reproduce the East Kalimantan course: sessions measured by count, 90 % minimum,
//! izin and sakit count as absent, late arrivals get full credit, 30 minutes of grace.

use serde::{Deserialize, Serialize};

use crate::error::{Errors, TamatError};
use crate::model::assessment::AssessmentPolicy;
use crate::model::fixed::Fixed;

/// The policy format this library reads and writes.
pub const POLICY_VERSION: u32 = 1;

fn default_version() -> u32 {
    POLICY_VERSION
}
fn default_minimum() -> Fixed {
    Fixed::from_int(90)
}
fn default_true() -> bool {
    true
}

/// Minimums for classroom and e-learning attendance, for curricula that split JP. Each
/// is checked on that kind's applicable sessions alone, in the policy's unit, besides the
/// overall `minimum_percent`. Every rule applies except drop-lowest, which forgives
/// sessions in the overall percentage only: a kind's minimum counts all its sessions. A
/// kind with no applicable session has nothing to meet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeliveryMinimums {
    /// Minimum percentage of the classroom sessions (0..=100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classroom: Option<Fixed>,
    /// Minimum percentage of the e-learning sessions (0..=100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub e_learning: Option<Fixed>,
}

impl DeliveryMinimums {
    /// Neither minimum is set.
    pub fn is_unset(&self) -> bool {
        self.classroom.is_none() && self.e_learning.is_none()
    }

    /// The minimum of one kind.
    pub fn get(&self, delivery: crate::model::policy::Delivery) -> Option<Fixed> {
        match delivery {
            crate::model::policy::Delivery::Classroom => self.classroom,
            crate::model::policy::Delivery::ELearning => self.e_learning,
        }
    }
}

/// How attendance is measured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Every session weighs the same.
    #[default]
    Sessions,
    /// Sessions weigh their JP.
    Jp,
    /// Minutes present; check-in/check-out marks earn the minutes inside the session.
    Minutes,
}

impl Measure {
    /// `sessions`, `jp` or `minutes`, as serialized.
    pub fn code(self) -> &'static str {
        match self {
            Measure::Sessions => "sessions",
            Measure::Jp => "jp",
            Measure::Minutes => "minutes",
        }
    }
}

/// What an excused absence (izin, sakit) does to the percentage.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExcusedTreatment {
    /// Counts like alpha: in the denominator, no credit.
    #[default]
    Absent,
    /// Leaves the denominator: as if the session did not exist for this participant.
    Excluded,
    /// Counts as attended (full credit).
    Present,
}

/// What a late arrival (terlambat) earns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "rule", rename_all = "snake_case", deny_unknown_fields)]
pub enum LateRule {
    /// Full credit.
    #[default]
    Full,
    /// A fixed credit between 0 and 1.
    Partial {
        /// Credit of a late session, e.g. 0.5.
        credit: Fixed,
    },
    /// Every `lates` late arrivals make one absence: that many lates get no credit, those
    /// of the sessions worth most first (ties: the later session), the others full credit.
    /// So arriving on time instead of late never lowers a percentage.
    PerAbsence {
        /// How many lates make one absence (at least 1).
        lates: u32,
    },
}

/// Error or warning.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Refuse the input.
    #[default]
    Error,
    /// Accept it, report a warning, and treat the offending mark as stated in the field's
    /// documentation.
    Warning,
}

/// What to do when one participant has several marks for one session.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DuplicatePolicy {
    /// Keep the most favourable mark (a fixed order over statuses and minutes, so record
    /// order never matters) and report a warning.
    #[default]
    Best,
    /// Refuse the input.
    Error,
}

/// Check-in rules for marks given as timestamps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckInRules {
    /// A check-in at or before start + grace is hadir, later is terlambat (0..=120).
    #[serde(default = "CheckInRules::default_grace")]
    pub grace_minutes: u32,
    /// The window opens this many minutes before the start (0..=720) and closes at the end.
    #[serde(default = "CheckInRules::default_opens")]
    pub opens_minutes_before: u32,
    /// A check-in outside the window: an error, or a warning and the mark counts as alpha.
    #[serde(default)]
    pub outside_window: Severity,
    /// With check-in (and check-out) times: a participant present for less than this
    /// share of a session (0..=100) is absent from it, whatever the measure (none by
    /// default: any presence counts). E.g. 75: at least 45 minutes of an hour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_presence_percent: Option<Fixed>,
}

impl CheckInRules {
    fn default_grace() -> u32 {
        30
    }
    fn default_opens() -> u32 {
        60
    }
}

impl Default for CheckInRules {
    fn default() -> Self {
        CheckInRules {
            grace_minutes: Self::default_grace(),
            opens_minutes_before: Self::default_opens(),
            outside_window: Severity::Error,
            minimum_presence_percent: None,
        }
    }
}

/// A status defined by the organiser (e.g. `dinas`: on official duty).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomStatus {
    /// The code used in marks (case-insensitive).
    pub code: String,
    /// Credit between 0 and 1; give this or `excluded`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<Fixed>,
    /// The session leaves the denominator.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub excluded: bool,
    /// Counts toward `excused_cap` like izin and sakit.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub excused: bool,
    /// A label for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// Which document each result gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeRules {
    /// Outcome for a participant who meets every requirement of an unscored course:
    /// `lulus` (default) or `telah_mengikuti`.
    #[serde(default = "OutcomeRules::default_met")]
    pub met_without_assessment: MetOutcome,
    /// Outcome for a participant who does not meet the requirements: `telah_mengikuti`
    /// (default) or `no_document`.
    #[serde(default = "OutcomeRules::default_not_met")]
    pub not_met: NotMetOutcome,
    /// Below this attendance percentage there is no document at all (must not exceed the
    /// minimum). None by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_floor_percent: Option<Fixed>,
    /// A participant who attended nothing gets no document ("has attended" would be false).
    #[serde(default = "default_true")]
    pub no_document_if_never_attended: bool,
}

impl OutcomeRules {
    fn default_met() -> MetOutcome {
        MetOutcome::Lulus
    }
    fn default_not_met() -> NotMetOutcome {
        NotMetOutcome::TelahMengikuti
    }
}

impl Default for OutcomeRules {
    fn default() -> Self {
        OutcomeRules {
            met_without_assessment: Self::default_met(),
            not_met: Self::default_not_met(),
            document_floor_percent: None,
            no_document_if_never_attended: true,
        }
    }
}

/// Outcome when every requirement is met and the course is not scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MetOutcome {
    /// LULUS.
    Lulus,
    /// TELAH MENGIKUTI.
    TelahMengikuti,
}

/// Outcome when a requirement is not met.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotMetOutcome {
    /// TELAH MENGIKUTI (a certificate of attendance).
    TelahMengikuti,
    /// No document.
    NoDocument,
}

/// The attendance policy (version 1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Format version; only 1 is read.
    #[serde(default = "default_version")]
    pub version: u32,
    /// Unit of attendance: sessions, JP or minutes.
    #[serde(default)]
    pub measure: Measure,
    /// Minimum attendance percentage (0..=100), compared exactly.
    #[serde(default = "default_minimum")]
    pub minimum_percent: Fixed,
    /// Separate minimums for classroom and e-learning sessions (none by default).
    #[serde(default, skip_serializing_if = "DeliveryMinimums::is_unset")]
    pub delivery_minimums: DeliveryMinimums,
    /// Treatment of izin (excused, with permission).
    #[serde(default)]
    pub izin: ExcusedTreatment,
    /// Treatment of sakit (sick).
    #[serde(default)]
    pub sakit: ExcusedTreatment,
    /// At most this many excused sessions (in session order) get their treatment; later
    /// ones count as absent. Absent-treated excuses do not use the cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excused_cap: Option<u32>,
    /// Credit of late arrivals.
    #[serde(default)]
    pub late: LateRule,
    /// Check-in rules for timestamp marks.
    #[serde(default)]
    pub check_in: CheckInRules,
    /// Several marks for one participant and session.
    #[serde(default)]
    pub duplicates: DuplicatePolicy,
    /// Marks naming an unknown participant or session: an error, or a warning and the
    /// mark is left out (and reported).
    #[serde(default)]
    pub unknown_references: Severity,
    /// Leave out the N sessions with the lowest credit (required sessions are never left
    /// out; ties: larger sessions first, then earlier).
    #[serde(default)]
    pub drop_lowest: u32,
    /// A participant still able to pass is flagged at risk in projections when they may
    /// miss at most this many of the remaining sessions (0: only when everything left
    /// must be attended).
    #[serde(default)]
    pub at_risk_absences: u32,
    /// Sessions that must be attended whatever the percentage, besides those flagged
    /// `required` in the course.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required_sessions: Vec<String>,
    /// Statuses defined by the organiser.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statuses: Vec<CustomStatus>,
    /// Scoring, when the course is scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<AssessmentPolicy>,
    /// Which document each result gets.
    #[serde(default)]
    pub outcomes: OutcomeRules,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            version: POLICY_VERSION,
            measure: Measure::default(),
            minimum_percent: default_minimum(),
            delivery_minimums: DeliveryMinimums::default(),
            izin: ExcusedTreatment::default(),
            sakit: ExcusedTreatment::default(),
            excused_cap: None,
            late: LateRule::default(),
            check_in: CheckInRules::default(),
            duplicates: DuplicatePolicy::default(),
            unknown_references: Severity::default(),
            drop_lowest: 0,
            at_risk_absences: 0,
            required_sessions: Vec::new(),
            statuses: Vec::new(),
            assessment: None,
            outcomes: OutcomeRules::default(),
        }
    }
}

/// The built-in status words, in Indonesian and English, and their one-letter forms.
pub const BUILTIN_STATUS_WORDS: &[(&str, &str)] = &[
    ("hadir", "hadir"),
    ("present", "hadir"),
    ("h", "hadir"),
    ("terlambat", "terlambat"),
    ("late", "terlambat"),
    ("t", "terlambat"),
    ("telat", "terlambat"),
    ("izin", "izin"),
    ("ijin", "izin"),
    ("excused", "izin"),
    ("i", "izin"),
    ("sakit", "sakit"),
    ("sick", "sakit"),
    ("s", "sakit"),
    ("alpha", "alpha"),
    ("alpa", "alpha"),
    ("absent", "alpha"),
    ("a", "alpha"),
    ("tanpa keterangan", "alpha"),
];

fn check_percent(field: &str, v: Fixed, errors: &mut Vec<TamatError>) {
    if v < Fixed::ZERO || v > Fixed::HUNDRED {
        errors.push(TamatError::InvalidPercent {
            field: field.to_string(),
            value: v.to_string(),
        });
    }
}

fn check_credit(field: &str, v: Fixed, errors: &mut Vec<TamatError>) {
    if v < Fixed::ZERO || v > Fixed::ONE {
        errors.push(TamatError::InvalidCredit {
            field: field.to_string(),
            value: v.to_string(),
        });
    }
}

impl Policy {
    /// Checks every setting that does not depend on the course. Collects every error.
    pub fn validate(&self) -> Result<(), Errors> {
        let mut errors = Vec::new();
        if self.version != POLICY_VERSION {
            errors.push(TamatError::UnsupportedPolicyVersion { version: self.version });
        }
        check_percent("minimum_percent", self.minimum_percent, &mut errors);
        if let Some(m) = self.delivery_minimums.classroom {
            check_percent("delivery_minimums.classroom", m, &mut errors);
        }
        if let Some(m) = self.delivery_minimums.e_learning {
            check_percent("delivery_minimums.e_learning", m, &mut errors);
        }
        if let Some(floor) = self.outcomes.document_floor_percent {
            check_percent("outcomes.document_floor_percent", floor, &mut errors);
            if floor > self.minimum_percent {
                errors.push(TamatError::InvalidDocumentFloor {
                    floor: floor.to_string(),
                    minimum: self.minimum_percent.to_string(),
                });
            }
        }
        match self.late {
            LateRule::Partial { credit } => check_credit("late.credit", credit, &mut errors),
            LateRule::PerAbsence { lates: 0 } => errors.push(TamatError::InvalidLateRule { problem: "lates_zero" }),
            _ => {}
        }
        if self.check_in.grace_minutes > 120 {
            errors.push(TamatError::InvalidWindow {
                field: "check_in.grace_minutes".into(),
                value: self.check_in.grace_minutes,
                max: 120,
            });
        }
        if let Some(p) = self.check_in.minimum_presence_percent {
            check_percent("check_in.minimum_presence_percent", p, &mut errors);
        }
        if self.check_in.opens_minutes_before > 720 {
            errors.push(TamatError::InvalidWindow {
                field: "check_in.opens_minutes_before".into(),
                value: self.check_in.opens_minutes_before,
                max: 720,
            });
        }
        let mut seen: Vec<String> = Vec::new();
        if self.statuses.len() > 200 {
            errors.push(TamatError::InvalidStatus {
                status: String::new(),
                problem: "too_many_statuses",
            });
        }
        for s in &self.statuses {
            let code = s.code.trim().to_lowercase();
            let bad = |reason: &'static str| TamatError::InvalidStatus {
                status: s.code.clone(),
                problem: reason,
            };
            if code.is_empty() {
                errors.push(bad("empty_code"));
            } else if BUILTIN_STATUS_WORDS.iter().any(|(w, _)| *w == code) {
                errors.push(bad("builtin_word"));
            } else if seen.contains(&code) {
                errors.push(bad("defined_twice"));
            }
            match (s.credit, s.excluded) {
                (Some(c), false) => check_credit(&format!("statuses.{}.credit", s.code), c, &mut errors),
                (None, true) => {}
                _ => errors.push(bad("credit_or_excluded")),
            }
            seen.push(code);
        }
        if let Some(a) = &self.assessment {
            a.validate(&mut errors);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Errors(errors))
        }
    }
}

/// How a session is delivered: in class or as e-learning. Curricula count the two kinds
/// of JP separately, and a policy may set a minimum for each
/// ([`crate::model::policy::DeliveryMinimums`]).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// In class (klasikal), the default.
    #[default]
    Classroom,
    /// E-learning (daring).
    ELearning,
}

impl Delivery {
    /// Both kinds, classroom first.
    pub const ALL: [Delivery; 2] = [Delivery::Classroom, Delivery::ELearning];

    /// `classroom` or `e_learning`.
    pub fn code(self) -> &'static str {
        match self {
            Delivery::Classroom => "classroom",
            Delivery::ELearning => "e_learning",
        }
    }

    /// The word for people: `klasikal` / `classroom`, `e-learning`.
    pub fn label(self, lang: crate::error::Lang) -> &'static str {
        match (self, lang) {
            (Delivery::Classroom, crate::error::Lang::Id) => "klasikal",
            (Delivery::Classroom, crate::error::Lang::En) => "classroom",
            (Delivery::ELearning, _) => "e-learning",
        }
    }

    pub(crate) fn is_classroom(&self) -> bool {
        *self == Delivery::Classroom
    }
}
