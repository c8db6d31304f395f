//! The yearly JP ledger: every civil servant is owed at least 20 JP of competency
//! development per calendar year; this sums completed courses per NIP per year.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Errors, TamatError};
use crate::model::fixed::Fixed;
use crate::model::identity::Nip;
use crate::rules::decision::{Evaluation, Outcome};

/// The yearly obligation in force: 20 JP.
pub const DEFAULT_OBLIGATION_JP: i64 = 20;

/// One completed course of one employee.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LedgerEntry {
    /// The employee.
    pub nip: Nip,
    /// Course id.
    pub course: String,
    /// Local date of completion; its calendar year is the year credited.
    pub completed_on: NaiveDate,
    /// JP credited.
    pub jp: Fixed,
}

/// One employee's year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct LedgerRow {
    /// The employee.
    pub nip: Nip,
    /// Calendar year.
    pub year: i32,
    /// JP completed.
    pub jp: Fixed,
    /// Courses counted, sorted.
    pub courses: Vec<String>,
    /// The obligation.
    pub obligation_jp: Fixed,
    /// Whether it is met.
    pub met: bool,
    /// JP still missing (0 when met).
    pub shortfall_jp: Fixed,
}

/// Sums entries per NIP per calendar year, sorted by NIP then year. The same course
/// counted twice for one NIP is an error, not a double credit.
pub fn ledger(entries: &[LedgerEntry], obligation_jp: Fixed) -> Result<Vec<LedgerRow>, Errors> {
    let mut errors = Vec::new();
    let mut seen = BTreeSet::new();
    let mut rows: BTreeMap<(Nip, i32), (Fixed, Vec<String>)> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        if e.jp < Fixed::ZERO {
            errors.push(TamatError::InvalidLedgerJp {
                entry: i,
                value: e.jp.to_string(),
            });
            continue;
        }
        if !seen.insert((e.nip.clone(), e.course.clone())) {
            errors.push(TamatError::DuplicateLedgerEntry {
                nip: e.nip.to_string(),
                course: e.course.clone(),
                entry: i,
            });
            continue;
        }
        let slot = rows
            .entry((e.nip.clone(), e.completed_on.year()))
            .or_insert((Fixed::ZERO, Vec::new()));
        slot.0 = Fixed::from_raw(slot.0.raw().saturating_add(e.jp.raw()));
        slot.1.push(e.course.clone());
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    Ok(rows
        .into_iter()
        .map(|((nip, year), (jp, mut courses))| {
            courses.sort();
            let short = Fixed::from_raw((obligation_jp.raw() - jp.raw()).max(0));
            LedgerRow {
                nip,
                year,
                jp,
                courses,
                obligation_jp,
                met: jp >= obligation_jp,
                shortfall_jp: short,
            }
        })
        .collect())
}

/// An outcome that may earn a course's JP in the ledger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EarningOutcome {
    /// LULUS (the default: only those who passed earn the JP).
    Lulus,
    /// TELAH MENGIKUTI, for agencies that credit attendance as well.
    TelahMengikuti,
}

impl EarningOutcome {
    fn outcome(self) -> Outcome {
        match self {
            EarningOutcome::Lulus => Outcome::Lulus,
            EarningOutcome::TelahMengikuti => Outcome::TelahMengikuti,
        }
    }
}

/// A participant who earned a course's JP but cannot be credited in the ledger, which the
/// personnel system keys by NIP: reported, never dropped silently.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Uncounted {
    /// Course id.
    pub course: String,
    /// Participant id.
    pub participant: String,
    /// Their outcome.
    pub outcome: Outcome,
    /// Why: `no_nip` (a NIK only, or no number at all).
    pub reason: &'static str,
}

impl Evaluation {
    /// Ledger entries from this course: every LULUS participant with a NIP is credited the
    /// course's total JP on the date it ends.
    pub fn ledger_entries(&self) -> Vec<LedgerEntry> {
        self.ledger_entries_for(&[EarningOutcome::Lulus]).0
    }

    /// Ledger entries of the participants whose outcome is one of `earning`, and those of
    /// them who have no NIP (not credited, reported).
    pub fn ledger_entries_for(&self, earning: &[EarningOutcome]) -> (Vec<LedgerEntry>, Vec<Uncounted>) {
        let Some(date) = self.completed_on else {
            return (Vec::new(), Vec::new());
        };
        let mut entries = Vec::new();
        let mut uncounted = Vec::new();
        for d in self
            .decisions
            .iter()
            .filter(|d| earning.iter().any(|e| e.outcome() == d.outcome))
        {
            match &d.nip {
                Some(nip) => entries.push(LedgerEntry {
                    nip: nip.clone(),
                    course: self.course.clone(),
                    completed_on: date,
                    jp: Fixed::from_int(i64::try_from(self.total_jp).unwrap_or(i64::MAX / 10_000)),
                }),
                None => uncounted.push(Uncounted {
                    course: self.course.clone(),
                    participant: d.participant.clone(),
                    outcome: d.outcome,
                    reason: "no_nip",
                }),
            }
        }
        (entries, uncounted)
    }
}
