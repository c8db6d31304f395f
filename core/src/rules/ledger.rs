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
    let mut part = PartialLedger::new();
    part.add(entries)?;
    Ok(part.rows(obligation_jp))
}

/// A ledger summed in parts: each part holds the sums of some courses (a partition on a
/// worker, a year's files), and parts merge in any order and grouping into the ledger of
/// all their entries, the same as [`ledger`] of all of them at once. A course counted
/// twice for one NIP, within a part or across two, is an error. Parts travel as JSON
/// (`serde`): the sums per NIP and year with their courses, and the participants who
/// earned JP without a NIP.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "PartDocument", try_from = "PartDocument")]
pub struct PartialLedger {
    rows: BTreeMap<(Nip, i32), (Fixed, Vec<String>)>,
    uncounted: Vec<Uncounted>,
    /// Entries taken so far: where the next one is counted from in errors.
    entries: usize,
}

impl PartialLedger {
    /// An empty part.
    pub fn new() -> PartialLedger {
        PartialLedger::default()
    }

    /// Adds entries, all or none: when one is refused (negative JP, a course already
    /// counted for the NIP) nothing is added and every refusal is reported, `entry`
    /// counting from the first entry this part took.
    pub fn add(&mut self, entries: &[LedgerEntry]) -> Result<(), Errors> {
        let mut errors = Vec::new();
        let mut added: BTreeMap<(Nip, i32), (Fixed, Vec<String>)> = BTreeMap::new();
        let mut seen = BTreeSet::new();
        for (i, e) in entries.iter().enumerate() {
            let at = self.entries + i;
            if e.jp < Fixed::ZERO {
                errors.push(TamatError::InvalidLedgerJp {
                    entry: at,
                    value: e.jp.to_string(),
                });
                continue;
            }
            if self.has(&e.nip, &e.course) || !seen.insert((e.nip.clone(), e.course.clone())) {
                errors.push(TamatError::DuplicateLedgerEntry {
                    nip: e.nip.to_string(),
                    course: e.course.clone(),
                    entry: at,
                });
                continue;
            }
            let slot = added
                .entry((e.nip.clone(), e.completed_on.year()))
                .or_insert((Fixed::ZERO, Vec::new()));
            slot.0 = Fixed::from_raw(slot.0.raw().saturating_add(e.jp.raw()));
            slot.1.push(e.course.clone());
        }
        if !errors.is_empty() {
            return Err(Errors(errors));
        }
        self.entries += entries.len();
        self.absorb(added);
        Ok(())
    }

    /// Adds a course's decisions: each participant whose outcome is one of `earning`
    /// is credited the course's JP (see [`Evaluation::ledger_entries_for`]); those
    /// without a NIP are kept in [`PartialLedger::uncounted`].
    pub fn add_evaluation(&mut self, evaluation: &Evaluation, earning: &[EarningOutcome]) -> Result<(), Errors> {
        let (entries, uncounted) = evaluation.ledger_entries_for(earning);
        self.add(&entries)?;
        self.uncounted.extend(uncounted);
        Ok(())
    }

    /// Merges another part into this one, all or none: a course both parts counted for
    /// one NIP is refused (`entry` is where the other part starts).
    pub fn merge(&mut self, other: &PartialLedger) -> Result<(), Errors> {
        let mut errors = Vec::new();
        for ((nip, _), (_, courses)) in &other.rows {
            for course in courses {
                if self.has(nip, course) {
                    errors.push(TamatError::DuplicateLedgerEntry {
                        nip: nip.to_string(),
                        course: course.clone(),
                        entry: self.entries,
                    });
                }
            }
        }
        if !errors.is_empty() {
            return Err(Errors(errors));
        }
        self.entries += other.entries;
        self.absorb(other.rows.clone());
        self.uncounted.extend(other.uncounted.iter().cloned());
        Ok(())
    }

    /// The ledger: one row per NIP and year, sorted by NIP then year, courses sorted.
    pub fn rows(&self, obligation_jp: Fixed) -> Vec<LedgerRow> {
        self.rows
            .iter()
            .map(|((nip, year), (jp, courses))| {
                let mut courses = courses.clone();
                courses.sort();
                let short = Fixed::from_raw((obligation_jp.raw() - jp.raw()).max(0));
                LedgerRow {
                    nip: nip.clone(),
                    year: *year,
                    jp: *jp,
                    courses,
                    obligation_jp,
                    met: *jp >= obligation_jp,
                    shortfall_jp: short,
                }
            })
            .collect()
    }

    /// Participants who earned JP but have no NIP to credit it to, in the order added.
    pub fn uncounted(&self) -> &[Uncounted] {
        &self.uncounted
    }

    /// NIP-years so far.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether nothing was credited.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn has(&self, nip: &Nip, course: &str) -> bool {
        self.rows
            .range((nip.clone(), i32::MIN)..=(nip.clone(), i32::MAX))
            .any(|(_, (_, courses))| courses.iter().any(|c| c == course))
    }

    fn absorb(&mut self, rows: BTreeMap<(Nip, i32), (Fixed, Vec<String>)>) {
        for (key, (jp, mut courses)) in rows {
            let slot = self.rows.entry(key).or_insert((Fixed::ZERO, Vec::new()));
            slot.0 = Fixed::from_raw(slot.0.raw().saturating_add(jp.raw()));
            slot.1.append(&mut courses);
        }
    }
}

/// A [`PartialLedger`] as JSON.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartDocument {
    rows: Vec<PartRow>,
    uncounted: Vec<UncountedDocument>,
    entries: usize,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartRow {
    nip: Nip,
    year: i32,
    jp: Fixed,
    courses: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct UncountedDocument {
    course: String,
    participant: String,
    outcome: Outcome,
    reason: String,
}

impl From<PartialLedger> for PartDocument {
    fn from(p: PartialLedger) -> PartDocument {
        PartDocument {
            rows: p
                .rows
                .into_iter()
                .map(|((nip, year), (jp, courses))| PartRow { nip, year, jp, courses })
                .collect(),
            uncounted: p
                .uncounted
                .into_iter()
                .map(|u| UncountedDocument {
                    course: u.course,
                    participant: u.participant,
                    outcome: u.outcome,
                    reason: u.reason.to_string(),
                })
                .collect(),
            entries: p.entries,
        }
    }
}

impl TryFrom<PartDocument> for PartialLedger {
    type Error = String;

    fn try_from(d: PartDocument) -> Result<PartialLedger, String> {
        let mut rows = BTreeMap::new();
        let mut seen = BTreeSet::new();
        for r in d.rows {
            if r.jp < Fixed::ZERO {
                return Err(format!("ledger part: negative JP for {} in {}", r.nip, r.year));
            }
            for c in &r.courses {
                if !seen.insert((r.nip.clone(), c.clone())) {
                    return Err(format!("ledger part: course {c} counted twice for {}", r.nip));
                }
            }
            if rows.insert((r.nip.clone(), r.year), (r.jp, r.courses)).is_some() {
                return Err(format!("ledger part: {} in {} twice", r.nip, r.year));
            }
        }
        let uncounted = d
            .uncounted
            .into_iter()
            .map(|u| match u.reason.as_str() {
                "no_nip" => Ok(Uncounted {
                    course: u.course,
                    participant: u.participant,
                    outcome: u.outcome,
                    reason: "no_nip",
                }),
                other => Err(format!("ledger part: unknown reason `{other}`")),
            })
            .collect::<Result<_, _>>()?;
        Ok(PartialLedger {
            rows,
            uncounted,
            entries: d.entries,
        })
    }
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
