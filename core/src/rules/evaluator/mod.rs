//! The evaluator: a course and a policy compiled once (schedule resolved, statuses turned
//! into credit rules, units per session), then applied to status grids.

pub mod grid;
pub mod projection;

use grid::StatusGrid;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

use crate::error::{Errors, TamatError};
use crate::model::assessment::{Band, Score};
use crate::model::course::{Course, Participant, Schedule};
use crate::model::fixed::{meets_percent, Fixed, Ratio, SCALE};
use crate::model::marks::{
    ALPHA, CUSTOM_BASE, HADIR, IZIN, NONE, NO_MINUTES, REJECTED, SAKIT, SHORT_PRESENCE, TERLAMBAT,
};
use crate::model::policy::Delivery;
use crate::model::policy::{ExcusedTreatment, LateRule, Measure, MetOutcome, NotMetOutcome, Policy};
use crate::model::schedule::Zone;
use crate::rules::decision::{
    AttendanceFigures, Decision, DeliveryFigures, Evaluation, Outcome, Reason, Summary, TraceEntry, TraceNote,
    TraceResult,
};

/// How a status byte counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RuleKind {
    /// Counted with `credit`.
    Credit,
    /// A late arrival under `per_absence`: full credit except every n-th.
    LatePerAbsence,
    /// Leaves the denominator.
    Excluded,
}

/// The compiled rule of one status byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CodeRule {
    pub kind: RuleKind,
    /// Credit scaled by 10 000.
    pub credit: u32,
    /// The participant was physically there (satisfies a required session).
    pub attended: bool,
    /// A favourable excuse that uses the excused cap.
    pub excused: bool,
}

const FULL: u32 = SCALE as u32;

/// Options of one evaluation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EvaluateOptions {
    /// The instant of evaluation for a course still running: unmarked sessions that have
    /// not ended are pending, and each decision gets a projection. `None`: the course is
    /// over and every unmarked session counts as absent.
    pub as_of: Option<DateTime<Utc>>,
    /// Include the per-session trace in each decision.
    pub trace: bool,
}

/// A course and policy compiled for evaluation.
#[derive(Clone, Debug)]
pub struct Evaluator {
    pub(crate) course_id: String,
    pub(crate) policy: Policy,
    pub(crate) schedule: Schedule,
    pub(crate) zone: Zone,
    pub(crate) participants: Vec<Participant>,
    pub(crate) participant_index: HashMap<String, usize, IdHash>,
    pub(crate) session_index: HashMap<String, usize, IdHash>,
    session_ids: Vec<Arc<str>>,
    session_titles: Vec<Arc<str>>,
    status_names: Vec<Arc<str>>,
    pub(crate) custom_codes: Vec<String>,
    pub(crate) units: Vec<u64>,
    /// Per session: delivered as e-learning.
    e_learning: Vec<bool>,
    /// Decisions carry classroom and e-learning figures apart (the course has e-learning
    /// sessions, or the policy a minimum per kind).
    split_delivery: bool,
    pub(crate) required: Vec<bool>,
    required_idx: Vec<usize>,
    pub(crate) first_applicable: Vec<usize>,
    /// Per participant: the first session after their withdrawal (the end of their
    /// applicable sessions), or the number of sessions.
    pub(crate) last_applicable: Vec<usize>,
    withdrawn_on: Vec<Option<chrono::NaiveDate>>,
    pub(crate) rules: Vec<CodeRule>,
    bands: Vec<Band>,
    min_score: Option<Fixed>,
    max_score: Fixed,
    fast: Option<FastRows>,
}

/// Lookup tables for policies whose per-mark credit does not depend on other marks (no
/// late-per-absence, no excused cap, nothing dropped) and whose totals fit `u64`: then a
/// row is two multiply-adds per mark, with no branch on the status.
#[derive(Clone, Debug)]
struct FastRows {
    credit: [u64; 256],
    counted: [u64; 256],
    attended: [bool; 256],
    /// `credit | counted << 32`, usable when a whole row's total stays below 2^32: both
    /// sums then accumulate in one add without carrying into each other.
    packed: Option<Box<[u64; 256]>>,
}

impl FastRows {
    fn new(policy: &Policy, rules: &[CodeRule], units: &[u64], split_delivery: bool) -> Option<FastRows> {
        let simple = !matches!(policy.late, LateRule::PerAbsence { .. })
            && policy.excused_cap.is_none()
            && policy.drop_lowest == 0
            && !split_delivery;
        let bound = units.iter().map(|&u| u128::from(u) * SCALE as u128).sum::<u128>();
        if !simple || bound > u128::from(u64::MAX) || rules.len() < 256 {
            return None;
        }
        let mut t = FastRows {
            credit: [0; 256],
            counted: [0; 256],
            attended: [false; 256],
            packed: None,
        };
        for (i, r) in rules.iter().enumerate().take(256) {
            t.credit[i] = u64::from(r.credit);
            t.counted[i] = if r.kind == RuleKind::Excluded { 0 } else { SCALE as u64 };
            t.attended[i] = r.attended;
        }
        if bound < 1 << 32 {
            let mut packed = Box::new([0u64; 256]);
            for (i, slot) in packed.iter_mut().enumerate() {
                *slot = t.credit[i] | t.counted[i] << 32;
            }
            t.packed = Some(packed);
        }
        Some(t)
    }

    #[inline]
    fn row(&self, codes: &[u8], units: &[u64]) -> RowFigures {
        let mut any = false;
        if let Some(packed) = &self.packed {
            let mut acc = 0u64;
            for (&c, &u) in codes.iter().zip(units) {
                acc += packed[c as usize] * u;
                any |= self.attended[c as usize];
            }
            let (attended, total) = (acc & 0xffff_ffff, acc >> 32);
            return RowFigures {
                attended: u128::from(attended),
                total: u128::from(total),
                attended_any: any,
                ..RowFigures::default()
            };
        }
        let (mut attended, mut total) = (0u64, 0u64);
        for (&c, &u) in codes.iter().zip(units) {
            let c = c as usize;
            attended += self.credit[c] * u;
            total += self.counted[c] * u;
            any |= self.attended[c];
        }
        RowFigures {
            attended: u128::from(attended),
            total: u128::from(total),
            attended_any: any,
            ..RowFigures::default()
        }
    }
}

/// Figures of one participant's row.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct RowFigures {
    pub attended: u128,
    pub total: u128,
    /// Attended and counted of the classroom `[0]` and e-learning `[1]` sessions, before
    /// drop-lowest (the minimums per kind count every applicable session of the kind).
    /// Kept by the general path only.
    by_kind: [(u128, u128); 2],
    pending: u32,
    attended_any: bool,
}

impl RowFigures {
    /// Attended and total of one delivery kind.
    fn part(&self, delivery: Delivery) -> (u128, u128) {
        self.by_kind[usize::from(delivery == Delivery::ELearning)]
    }
}

#[derive(Clone, Copy)]
pub(crate) struct DropCandidate {
    session: usize,
    earned: u128,
    units: u128,
}

impl Evaluator {
    /// Compiles a course with a policy: `policy` when given, else the course's own, else
    /// the default. Collects every error in the course and the policy.
    pub fn new(course: &Course, policy: Option<&Policy>) -> Result<Evaluator, Errors> {
        Self::build(course, policy, true)
    }

    /// [`Evaluator::new`], moving the participants out of `course` instead of copying
    /// them (a large cohort is then held once). The course is left without participants.
    pub fn taking_participants(course: &mut Course, policy: Option<&Policy>) -> Result<Evaluator, Errors> {
        let mut evaluator = Self::build(course, policy, false)?;
        evaluator.participants = std::mem::take(&mut course.participants);
        Ok(evaluator)
    }

    fn build(course: &Course, policy: Option<&Policy>, copy_participants: bool) -> Result<Evaluator, Errors> {
        let policy = policy.or(course.policy.as_ref()).cloned().unwrap_or_default();
        let mut errors = Vec::new();
        let schedule = match course.schedule() {
            Ok(s) => Some(s),
            Err(Errors(mut es)) => {
                errors.append(&mut es);
                None
            }
        };
        if let Err(Errors(mut es)) = policy.validate() {
            errors.append(&mut es);
        }
        let Some(schedule) = schedule else {
            return Err(Errors(errors));
        };
        let session_index: HashMap<String, usize, IdHash> = schedule
            .sessions
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let mut required: Vec<bool> = schedule.sessions.iter().map(|s| s.required).collect();
        for id in &policy.required_sessions {
            match session_index.get(id) {
                Some(&i) => required[i] = true,
                None => errors.push(TamatError::PolicyUnknownSession { session: id.clone() }),
            }
        }
        if !errors.is_empty() {
            return Err(Errors(errors));
        }
        let units: Vec<u64> = schedule
            .sessions
            .iter()
            .map(|s| match policy.measure {
                Measure::Sessions => 1,
                Measure::Jp => u64::from(s.jp),
                Measure::Minutes => u64::from(s.minutes),
            })
            .collect();
        let first_applicable = course
            .participants
            .iter()
            .map(|p| match p.enrolled_on {
                None => 0,
                Some(d) => schedule
                    .sessions
                    .iter()
                    .position(|s| s.local_start.date() >= d)
                    .unwrap_or(schedule.sessions.len()),
            })
            .collect();
        let last_applicable = course
            .participants
            .iter()
            .map(|p| match p.withdrawn_on {
                None => schedule.sessions.len(),
                Some(d) => schedule
                    .sessions
                    .iter()
                    .position(|s| s.local_start.date() > d)
                    .unwrap_or(schedule.sessions.len()),
            })
            .collect();
        let withdrawn_on = course.participants.iter().map(|p| p.withdrawn_on).collect();
        let custom_codes: Vec<String> = policy.statuses.iter().map(|s| s.code.trim().to_lowercase()).collect();
        let mut status_names: Vec<Arc<str>> = ["", "hadir", "terlambat", "izin", "sakit", "alpha", "alpha", "alpha"]
            .iter()
            .map(|s| Arc::from(*s))
            .collect();
        status_names.extend(custom_codes.iter().map(|c| Arc::from(c.as_str())));
        let rules = compile_rules(&policy);
        let e_learning: Vec<bool> = schedule
            .sessions
            .iter()
            .map(|s| s.delivery == Delivery::ELearning)
            .collect();
        let split_delivery = e_learning.contains(&true) || !policy.delivery_minimums.is_unset();
        let fast = FastRows::new(&policy, &rules, &units, split_delivery);
        let (bands, min_score, max_score) = match &policy.assessment {
            Some(a) => (a.effective_bands(), a.effective_minimum(), a.maximum_score),
            None => (Vec::new(), None, Fixed::HUNDRED),
        };
        Ok(Evaluator {
            course_id: course.id.clone(),
            zone: course.time_zone,
            participant_index: course
                .participants
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.clone(), i))
                .collect(),
            session_ids: schedule.sessions.iter().map(|s| Arc::from(s.id.as_str())).collect(),
            session_titles: schedule.sessions.iter().map(|s| Arc::from(s.title.as_str())).collect(),
            required_idx: required
                .iter()
                .enumerate()
                .filter(|(_, r)| **r)
                .map(|(i, _)| i)
                .collect(),
            participants: if copy_participants {
                course.participants.clone()
            } else {
                Vec::new()
            },
            session_index,
            status_names,
            custom_codes,
            units,
            e_learning,
            split_delivery,
            required,
            first_applicable,
            last_applicable,
            withdrawn_on,
            rules,
            bands,
            min_score,
            max_score,
            fast,
            schedule,
            policy,
        })
    }

    /// The policy in effect, with every default filled in.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The resolved schedule.
    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    /// The participants, in course order.
    pub fn participants(&self) -> &[Participant] {
        &self.participants
    }

    /// Reads scores into one slot per participant. Collects every error.
    pub fn scores(&self, scores: &[Score]) -> Result<Vec<Option<Fixed>>, Errors> {
        let mut out = vec![None; self.participants.len()];
        let mut errors = Vec::new();
        for s in scores {
            match self.participant_index.get(&s.participant) {
                None => errors.push(TamatError::ScoreUnknownParticipant {
                    participant: s.participant.clone(),
                }),
                Some(&p) => {
                    match crate::model::assessment::combined_score(s, self.policy.assessment.as_ref(), self.max_score) {
                        Err(e) => errors.push(e),
                        Ok(score) if score < Fixed::ZERO || score > self.max_score => {
                            errors.push(TamatError::InvalidScore {
                                participant: s.participant.clone(),
                                value: score.to_string(),
                                maximum: self.max_score.to_string(),
                            });
                        }
                        Ok(_) if out[p].is_some() => errors.push(TamatError::DuplicateScore {
                            participant: s.participant.clone(),
                        }),
                        Ok(score) => out[p] = Some(score),
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(Errors(errors))
        }
    }

    /// An unmarked status grid of this course's shape, for callers that set status bytes
    /// themselves (see [`StatusGrid::set_code`]).
    pub fn empty_sheet(&self) -> StatusGrid {
        StatusGrid::empty(self.participants.len(), self.schedule.sessions.len())
    }

    /// A grid must have this course's shape: one built for another course would be read
    /// against the wrong sessions.
    fn check_sheet(&self, sheet: &StatusGrid) -> Result<(), TamatError> {
        if sheet.participants == self.participants.len() && sheet.sessions == self.schedule.sessions.len() {
            Ok(())
        } else {
            Err(TamatError::SheetMismatch {
                participants: sheet.participants,
                sessions: sheet.sessions,
                expected_participants: self.participants.len(),
                expected_sessions: self.schedule.sessions.len(),
            })
        }
    }

    /// Which sessions are still open (not ended) at `as_of`.
    fn open_sessions(&self, as_of: Option<DateTime<Utc>>) -> Option<Vec<bool>> {
        as_of.map(|t| self.schedule.sessions.iter().map(|s| t < s.end).collect())
    }

    /// Evaluates every participant.
    pub fn evaluate(
        &self,
        sheet: &StatusGrid,
        scores: &[Option<Fixed>],
        options: &EvaluateOptions,
    ) -> Result<Evaluation, TamatError> {
        self.evaluate_rows(sheet, scores, options, 0..self.participants.len())
    }

    /// Evaluates only one participant, as an [`Evaluation`] of one decision.
    pub fn evaluate_only(
        &self,
        sheet: &StatusGrid,
        scores: &[Option<Fixed>],
        participant: &str,
        options: &EvaluateOptions,
    ) -> Result<Evaluation, TamatError> {
        let p = self.participant_position(participant)?;
        self.evaluate_rows(sheet, scores, options, p..p + 1)
    }

    fn participant_position(&self, participant: &str) -> Result<usize, TamatError> {
        self.participant_index
            .get(participant)
            .copied()
            .ok_or_else(|| TamatError::UnknownRequestedParticipant {
                participant: participant.to_string(),
            })
    }

    fn evaluate_rows(
        &self,
        sheet: &StatusGrid,
        scores: &[Option<Fixed>],
        options: &EvaluateOptions,
        rows: std::ops::Range<usize>,
    ) -> Result<Evaluation, TamatError> {
        let mut decisions = Vec::with_capacity(rows.len());
        let mut evaluation = self.each_row(sheet, scores, options, rows, |d| decisions.push(d))?;
        evaluation.decisions = decisions;
        Ok(evaluation)
    }

    /// Evaluates every participant, handing each decision to `each` as it is made and
    /// keeping none: the evaluation returned has the summary, the warnings and no
    /// decisions. For writers of large cohorts (a CSV row per decision, written at once).
    pub fn evaluate_each(
        &self,
        sheet: &StatusGrid,
        scores: &[Option<Fixed>],
        options: &EvaluateOptions,
        each: impl FnMut(Decision),
    ) -> Result<Evaluation, TamatError> {
        self.each_row(sheet, scores, options, 0..self.participants.len(), each)
    }

    fn each_row(
        &self,
        sheet: &StatusGrid,
        scores: &[Option<Fixed>],
        options: &EvaluateOptions,
        rows: std::ops::Range<usize>,
        mut each: impl FnMut(Decision),
    ) -> Result<Evaluation, TamatError> {
        self.check_sheet(sheet)?;
        let open = self.open_sessions(options.as_of);
        let mut scratch = Vec::new();
        let mut summary = Summary {
            participants: rows.len(),
            ..Summary::default()
        };
        for p in rows {
            let d = self.decide(
                p,
                sheet,
                scores.get(p).copied().flatten(),
                open.as_deref(),
                options.trace,
                &mut scratch,
            );
            summary.count(d.outcome);
            each(d);
        }
        Ok(Evaluation {
            course: self.course_id.clone(),
            policy: self.policy.clone(),
            as_of: options.as_of,
            total_jp: self.schedule.total_jp(),
            completed_on: self.completed_on(),
            summary,
            decisions: Vec::new(),
            warnings: sheet.warnings.clone(),
        })
    }

    /// Evaluates one participant by id.
    pub fn evaluate_participant(
        &self,
        sheet: &StatusGrid,
        scores: &[Option<Fixed>],
        participant: &str,
        options: &EvaluateOptions,
    ) -> Result<Decision, TamatError> {
        let mut one = self.evaluate_only(sheet, scores, participant, options)?;
        one.decisions
            .pop()
            .ok_or_else(|| TamatError::UnknownRequestedParticipant {
                participant: participant.to_string(),
            })
    }

    /// Counts outcomes only, without building decisions: the fast path for large cohorts
    /// (no allocation per participant or per mark). Same rules as [`Evaluator::evaluate`].
    pub fn summarize(
        &self,
        sheet: &StatusGrid,
        scores: &[Option<Fixed>],
        as_of: Option<DateTime<Utc>>,
    ) -> Result<Summary, TamatError> {
        self.check_sheet(sheet)?;
        let open = self.open_sessions(as_of);
        let mut scratch = Vec::new();
        let mut summary = Summary {
            participants: self.participants.len(),
            ..Summary::default()
        };
        for p in 0..self.participants.len() {
            let (codes, minutes) = sheet.row(p);
            let fig = self.row(p, codes, minutes, open.as_deref(), None, &mut scratch);
            let (outcome, _) = self.outcome(p, codes, open.as_deref(), &fig, scores.get(p).copied().flatten(), None);
            summary.count(outcome);
        }
        Ok(summary)
    }

    /// The local date of the last session's end: when the course is completed.
    pub fn completed_on(&self) -> Option<NaiveDate> {
        self.schedule
            .sessions
            .iter()
            .map(|s| s.end)
            .max()
            .map(|e| self.zone.local_date(e))
    }

    /// One row: credits summed over applicable sessions, in the policy's unit × 10 000.
    pub(crate) fn row(
        &self,
        p: usize,
        codes: &[u8],
        minutes: Option<&[u32]>,
        open: Option<&[bool]>,
        mut trace: Option<&mut Vec<TraceEntry>>,
        scratch: &mut Vec<DropCandidate>,
    ) -> RowFigures {
        let policy = &self.policy;
        let first = self.first_applicable.get(p).copied().unwrap_or(0).min(codes.len());
        let last = self.applicable_end(p, codes.len()).max(first);
        if trace.is_none() && open.is_none() && (minutes.is_none() || policy.measure != Measure::Minutes) {
            if let Some(fast) = &self.fast {
                return fast.row(&codes[first..last], &self.units[first..last]);
            }
        }
        if let Some(t) = trace.as_deref_mut() {
            for (s, &code) in codes.iter().enumerate().take(first) {
                t.push(self.entry(s, code, TraceResult::NotApplicable, None, None));
            }
        }
        let late_every = match policy.late {
            LateRule::PerAbsence { lates } => lates.max(1),
            _ => 0,
        };
        let cap = policy.excused_cap;
        let by_minutes = policy.measure == Measure::Minutes;
        let dropping = policy.drop_lowest > 0;
        scratch.clear();
        // Every `late_every`-th late is an absence: that many lates lose their credit, the
        // ones worth most first (ties: the later session). Charging the heaviest keeps the
        // rule monotone: arriving on time instead of late never lowers a percentage, which
        // counting in session order would not promise (the next late would become the
        // n-th, and it may be worth more).
        let charged: Vec<usize> = if late_every > 0 {
            let mut lates: Vec<(u128, usize)> = (first..last)
                .filter(|&s| {
                    let code = codes[s];
                    self.rules[code as usize].kind == RuleKind::LatePerAbsence
                        && !(code == NONE && open.is_some_and(|o| o[s]))
                })
                .map(|s| {
                    let timed = minutes.map_or(NO_MINUTES, |m| m[s]);
                    let worth = if by_minutes && timed != NO_MINUTES {
                        u128::from(timed)
                    } else {
                        u128::from(self.units[s])
                    };
                    (worth, s)
                })
                .collect();
            let absences = lates.len() / late_every as usize;
            crate::model::sorting::sort_by(&mut lates, |a, b| b.cmp(a));
            let mut charged: Vec<usize> = lates.into_iter().take(absences).map(|(_, s)| s).collect();
            crate::model::sorting::sort(&mut charged);
            charged
        } else {
            Vec::new()
        };
        let mut fig = RowFigures::default();
        let mut excused_used = 0u32;
        for s in first..last {
            let code = codes[s];
            if code == NONE && open.is_some_and(|o| o[s]) {
                fig.pending += 1;
                if let Some(t) = trace.as_deref_mut() {
                    t.push(self.entry(s, code, TraceResult::Pending, None, None));
                }
                continue;
            }
            let rule = self.rules[code as usize];
            let mut credit = rule.credit;
            let mut note = match code {
                NONE => Some(TraceNote::NoMark),
                REJECTED => Some(TraceNote::CheckInOutsideWindow),
                SHORT_PRESENCE => Some(TraceNote::PresenceBelowMinimum),
                _ => None,
            };
            let mut excluded = rule.kind == RuleKind::Excluded;
            if rule.kind == RuleKind::LatePerAbsence && charged.binary_search(&s).is_ok() {
                credit = 0;
                note = Some(TraceNote::LateCountedAsAbsence);
            }
            if rule.excused {
                if cap.is_some_and(|c| excused_used >= c) {
                    credit = 0;
                    excluded = false;
                    note = Some(TraceNote::ExcusedCapReached);
                } else {
                    excused_used += 1;
                }
            }
            fig.attended_any |= rule.attended;
            if excluded {
                if let Some(t) = trace.as_deref_mut() {
                    t.push(self.entry(s, code, TraceResult::Excluded, None, note));
                }
                continue;
            }
            let units = u128::from(self.units[s]);
            let timed = minutes.map_or(NO_MINUTES, |m| m[s]);
            let earned = if by_minutes && timed != NO_MINUTES && credit > 0 {
                u128::from(timed) * SCALE as u128
            } else {
                units * u128::from(credit)
            };
            fig.attended += earned;
            fig.total += units * SCALE as u128;
            let kind = &mut fig.by_kind[usize::from(self.e_learning[s])];
            kind.0 += earned;
            kind.1 += units * SCALE as u128;
            if dropping && units > 0 && !self.required[s] {
                scratch.push(DropCandidate {
                    session: s,
                    earned,
                    units,
                });
            }
            if let Some(t) = trace.as_deref_mut() {
                let mut e = self.entry(s, code, TraceResult::Counted, Some((units, credit, earned)), note);
                if timed != NO_MINUTES {
                    e.minutes_present = Some(timed);
                }
                t.push(e);
            }
        }
        if let Some(t) = trace.as_deref_mut() {
            for (s, &code) in codes.iter().enumerate().skip(last) {
                t.push(self.entry(s, code, TraceResult::NotApplicable, None, None));
            }
        }
        if dropping && !scratch.is_empty() {
            // Lowest credit share first (earned/units, compared by cross products), then
            // the larger session, then the earlier one.
            crate::model::sorting::sort_by(scratch, |a, b| {
                (a.earned * b.units)
                    .cmp(&(b.earned * a.units))
                    .then_with(|| b.units.cmp(&a.units))
                    .then_with(|| a.session.cmp(&b.session))
            });
            for c in scratch.iter().take(policy.drop_lowest as usize) {
                fig.attended -= c.earned;
                fig.total -= c.units * SCALE as u128;
                if let Some(t) = trace.as_deref_mut() {
                    if let Some(e) = t.get_mut(c.session) {
                        e.result = TraceResult::Dropped;
                    }
                }
            }
        }
        fig
    }

    fn entry(
        &self,
        s: usize,
        code: u8,
        result: TraceResult,
        counted: Option<(u128, u32, u128)>,
        note: Option<TraceNote>,
    ) -> TraceEntry {
        let fixed = |v: u128| Fixed::from_raw(i64::try_from(v).unwrap_or(i64::MAX));
        TraceEntry {
            session: self.session_ids[s].clone(),
            status: if code == NONE {
                None
            } else {
                self.status_names.get(code as usize).cloned()
            },
            result,
            units: fixed(u128::from(self.units[s]) * SCALE as u128),
            credit: counted.map(|(_, c, _)| fixed(u128::from(c))),
            earned: counted.map(|(_, _, e)| fixed(e)),
            minutes_present: None,
            note,
        }
    }

    /// The end (exclusive) of a participant's applicable sessions: the first session after
    /// their withdrawal, else `n`.
    pub(crate) fn applicable_end(&self, p: usize, n: usize) -> usize {
        self.last_applicable.get(p).copied().unwrap_or(n).min(n)
    }

    /// Required sessions missed (applicable, held, not attended); pending ones are not
    /// missed yet.
    pub(crate) fn missed_required<'a>(
        &'a self,
        p: usize,
        codes: &'a [u8],
        open: Option<&'a [bool]>,
    ) -> impl Iterator<Item = usize> + 'a {
        let first = self.first_applicable.get(p).copied().unwrap_or(0);
        let last = self.applicable_end(p, codes.len());
        self.required_idx.iter().copied().filter(move |&s| {
            s >= first && s < last && {
                let code = codes.get(s).copied().unwrap_or(NONE);
                let pending = code == NONE && open.is_some_and(|o| o[s]);
                !pending && !self.rules[code as usize].attended
            }
        })
    }

    /// Whether session `s` is e-learning.
    pub(crate) fn is_e_learning(&self, s: usize) -> bool {
        self.e_learning.get(s).copied().unwrap_or(false)
    }

    /// Each delivery kind with its own minimum and something to count: the kind, its
    /// ratio, the minimum and whether it is met.
    pub(crate) fn delivery_checks<'a>(
        &'a self,
        fig: &'a RowFigures,
    ) -> impl Iterator<Item = (Delivery, Ratio, Fixed, bool)> + 'a {
        Delivery::ALL.into_iter().filter_map(move |d| {
            let minimum = self.policy.delivery_minimums.get(d)?;
            let (attended, total) = fig.part(d);
            let ratio = Ratio::new(attended, total)?;
            Some((d, ratio, minimum, ratio.at_least_percent(minimum)))
        })
    }

    /// Classroom and e-learning figures apart, when the evaluator splits them.
    fn delivery_figures(&self, fig: &RowFigures) -> Vec<DeliveryFigures> {
        if !self.split_delivery {
            return Vec::new();
        }
        let fixed = |v: u128| Fixed::from_raw(i64::try_from(v).unwrap_or(i64::MAX));
        Delivery::ALL
            .into_iter()
            .filter_map(|d| {
                let (attended, total) = fig.part(d);
                if total == 0 && !self.e_learning.iter().any(|&e| e == (d == Delivery::ELearning)) {
                    return None;
                }
                let ratio = Ratio::new(attended, total);
                let minimum = self.policy.delivery_minimums.get(d);
                Some(DeliveryFigures {
                    delivery: d,
                    attended: fixed(attended),
                    total: fixed(total),
                    ratio,
                    percent: ratio.map(|r| Fixed::from_raw(i64::try_from(r.percent_hundredths()).unwrap_or(0) * 100)),
                    minimum_percent: minimum,
                    meets_minimum: match (minimum, ratio) {
                        (Some(m), Some(r)) => r.at_least_percent(m),
                        _ => true,
                    },
                })
            })
            .collect()
    }

    /// The outcome and, when `reasons` is given, the reasons.
    fn outcome(
        &self,
        p: usize,
        codes: &[u8],
        open: Option<&[bool]>,
        fig: &RowFigures,
        score: Option<Fixed>,
        mut reasons: Option<&mut Vec<Reason>>,
    ) -> (Outcome, Option<String>) {
        let policy = &self.policy;
        let min = policy.minimum_percent;
        let meets_min = meets_percent(fig.attended, fig.total, min);
        let mut met = meets_min;
        if let Some(rs) = reasons.as_deref_mut() {
            rs.push(match Ratio::new(fig.attended, fig.total) {
                None => Reason::no_applicable_sessions(),
                Some(r) if meets_min => Reason::minimum_met(r, min),
                Some(r) => Reason::below_minimum(r, min),
            });
        }
        for s in self.missed_required(p, codes, open) {
            met = false;
            match reasons.as_deref_mut() {
                Some(rs) => rs.push(Reason::RequiredMissed {
                    session: self.session_ids[s].clone(),
                    title: self.session_titles[s].clone(),
                }),
                None => break,
            }
        }
        for (delivery, ratio, minimum, ok) in self.delivery_checks(fig) {
            met &= ok;
            if let Some(rs) = reasons.as_deref_mut() {
                rs.push(if ok {
                    Reason::DeliveryMinimumMet {
                        delivery,
                        ratio,
                        minimum,
                    }
                } else {
                    Reason::DeliveryBelowMinimum {
                        delivery,
                        ratio,
                        minimum,
                    }
                });
            }
        }
        if let Some(on) = self.withdrawn_on.get(p).copied().flatten() {
            met = false;
            if let Some(rs) = reasons.as_deref_mut() {
                rs.push(Reason::Withdrawn { on });
            }
        }
        let mut qualification = None;
        if policy.assessment.is_some() {
            match score {
                None => {
                    met = false;
                    if let Some(rs) = reasons.as_deref_mut() {
                        rs.push(Reason::missing_score());
                    }
                }
                Some(sc) => {
                    let passed = self.min_score.is_none_or(|m| sc >= m);
                    met &= passed;
                    if let Some(rs) = reasons.as_deref_mut() {
                        rs.push(Reason::score(sc, self.min_score, passed));
                    }
                    if passed {
                        qualification = self.bands.iter().find(|b| b.min_score <= sc).map(|b| b.name.clone());
                    }
                }
            }
        }
        if fig.pending > 0 {
            if let Some(rs) = reasons.as_deref_mut() {
                rs.push(Reason::pending(fig.pending));
            }
            return (Outcome::Pending, None);
        }
        if met {
            let outcome = match (&policy.assessment, policy.outcomes.met_without_assessment) {
                (Some(_), _) | (None, MetOutcome::Lulus) => Outcome::Lulus,
                (None, MetOutcome::TelahMengikuti) => Outcome::TelahMengikuti,
            };
            // The qualification (predikat) is printed on a LULUS certificate only.
            if let (Some(rs), Some(q)) = (reasons, &qualification) {
                rs.push(Reason::qualification(q));
            }
            return (outcome, qualification);
        }
        if policy.outcomes.no_document_if_never_attended && !fig.attended_any {
            if let Some(rs) = reasons.as_deref_mut() {
                rs.push(Reason::never_attended());
            }
            return (Outcome::NoDocument, None);
        }
        if let Some(floor) = policy.outcomes.document_floor_percent {
            if !meets_percent(fig.attended, fig.total, floor) {
                if let Some(rs) = reasons {
                    rs.push(Reason::below_document_floor(Ratio::new(fig.attended, fig.total), floor));
                }
                return (Outcome::NoDocument, None);
            }
        }
        match policy.outcomes.not_met {
            NotMetOutcome::TelahMengikuti => (Outcome::TelahMengikuti, None),
            NotMetOutcome::NoDocument => (Outcome::NoDocument, None),
        }
    }

    fn decide(
        &self,
        p: usize,
        sheet: &StatusGrid,
        score: Option<Fixed>,
        open: Option<&[bool]>,
        with_trace: bool,
        scratch: &mut Vec<DropCandidate>,
    ) -> Decision {
        let (codes, minutes) = sheet.row(p);
        let mut trace = with_trace.then(|| Vec::with_capacity(codes.len()));
        let fig = self.row(p, codes, minutes, open, trace.as_mut(), scratch);
        let mut reasons = Vec::new();
        let (outcome, qualification) = self.outcome(p, codes, open, &fig, score, Some(&mut reasons));
        let ratio = Ratio::new(fig.attended, fig.total);
        let projection = match open {
            Some(o) if fig.pending > 0 => Some(self.project(p, codes, minutes, o, scratch)),
            _ => None,
        };
        let participant = &self.participants[p];
        let fixed = |v: u128| Fixed::from_raw(i64::try_from(v).unwrap_or(i64::MAX));
        Decision {
            participant: participant.id.clone(),
            name: participant.name.clone(),
            nip: participant.nip.clone(),
            outcome,
            qualification,
            attendance: AttendanceFigures {
                measure: self.policy.measure,
                attended: fixed(fig.attended),
                total: fixed(fig.total),
                ratio,
                percent: ratio.map(|r| Fixed::from_raw(i64::try_from(r.percent_hundredths()).unwrap_or(0) * 100)),
                minimum_percent: self.policy.minimum_percent,
                meets_minimum: ratio.is_some_and(|r| r.at_least_percent(self.policy.minimum_percent)),
                pending_sessions: fig.pending,
                by_delivery: self.delivery_figures(&fig),
            },
            score,
            reasons,
            projection,
            trace,
        }
    }
}

fn compile_rules(policy: &Policy) -> Vec<CodeRule> {
    let credit = |c: u32, attended: bool| CodeRule {
        kind: RuleKind::Credit,
        credit: c,
        attended,
        excused: false,
    };
    let excused = |t: ExcusedTreatment| match t {
        ExcusedTreatment::Absent => credit(0, false),
        ExcusedTreatment::Present => CodeRule {
            kind: RuleKind::Credit,
            credit: FULL,
            attended: false,
            excused: true,
        },
        ExcusedTreatment::Excluded => CodeRule {
            kind: RuleKind::Excluded,
            credit: 0,
            attended: false,
            excused: true,
        },
    };
    let late = match policy.late {
        LateRule::Full => credit(FULL, true),
        LateRule::Partial { credit: c } => credit(u32::try_from(c.raw()).unwrap_or(0), true),
        LateRule::PerAbsence { .. } => CodeRule {
            kind: RuleKind::LatePerAbsence,
            credit: FULL,
            attended: true,
            excused: false,
        },
    };
    let mut rules = vec![credit(0, false); 256];
    rules[HADIR as usize] = credit(FULL, true);
    rules[TERLAMBAT as usize] = late;
    rules[IZIN as usize] = excused(policy.izin);
    rules[SAKIT as usize] = excused(policy.sakit);
    rules[ALPHA as usize] = credit(0, false);
    rules[REJECTED as usize] = credit(0, false);
    rules[SHORT_PRESENCE as usize] = credit(0, false);
    for (i, s) in policy.statuses.iter().enumerate() {
        let Some(slot) = rules.get_mut(CUSTOM_BASE as usize + i) else {
            break;
        };
        *slot = match s.credit {
            Some(c) if !s.excluded => {
                let c = u32::try_from(c.raw()).unwrap_or(0);
                CodeRule {
                    kind: RuleKind::Credit,
                    credit: c,
                    attended: c > 0 && !s.excused,
                    excused: s.excused,
                }
            }
            _ => CodeRule {
                kind: RuleKind::Excluded,
                credit: 0,
                attended: false,
                excused: s.excused,
            },
        };
    }
    rules
}

/// FNV-1a for the id maps: ids are short, and a cohort looks one up per mark, where
/// SipHash's cost shows (the ids come from the course, which the organiser writes, so
/// flooding resistance is not needed here). A binding helper: the Python package keys its
/// own id maps with it.
#[derive(Clone, Copy, Debug, Default)]
pub struct IdHash;

impl std::hash::BuildHasher for IdHash {
    type Hasher = Fnv;
    fn build_hasher(&self) -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

/// The FNV-1a state.
#[derive(Clone, Copy, Debug)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}
