//! The status grid: attendance marks resolved to one byte of status per participant per
//! session (plus minutes present where check-in times were given), so that a cohort is
//! evaluated without allocating per mark.

use std::collections::BTreeMap;

use chrono::Duration;

use super::Evaluator;
use crate::error::{Errors, TamatError};
use crate::model::marks::{
    Mark, MarkView, ALPHA, CUSTOM_BASE, HADIR, IZIN, NONE, NO_MINUTES, REJECTED, SAKIT, SHORT_PRESENCE, TERLAMBAT,
};
use crate::model::policy::{DuplicatePolicy, Severity};
use crate::model::schedule::parse_instant;
/// Marks resolved to a dense participants × sessions matrix, in the evaluator's session
/// order. Built by [`Evaluator::grid`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusGrid {
    pub(crate) participants: usize,
    pub(crate) sessions: usize,
    pub(crate) codes: Vec<u8>,
    pub(crate) minutes: Option<Vec<u32>>,
    /// What was accepted but deserves a look: duplicates, marks before enrolment, and
    /// (where the policy allows) unknown references and check-ins outside the window.
    pub warnings: Vec<TamatError>,
}

/// Marks resolved one at a time into a status grid (see [`Evaluator::grid_builder`]): the
/// same rules as [`Evaluator::grid`], with the last participant, session and status
/// word remembered, so that a long file hashes little.
pub struct GridBuilder<'e> {
    ev: &'e Evaluator,
    grid: StatusGrid,
    errors: Vec<TamatError>,
    warnings: Vec<TamatError>,
    duplicates: BTreeMap<(usize, usize), usize>,
    next: usize,
    last_p: (String, Option<usize>),
    last_s: (String, Option<usize>),
    last_status: Option<(String, u8)>,
}

impl GridBuilder<'_> {
    /// Adds the next mark; true when it drew an error or a warning (which names it by
    /// its position).
    pub fn push(&mut self, mark: &MarkView<'_>) -> bool {
        let before = self.errors.len() + self.warnings.len();
        let i = self.next;
        self.next += 1;
        self.add(i, mark);
        self.errors.len() + self.warnings.len() > before
    }

    fn add(&mut self, i: usize, mark: &MarkView<'_>) {
        let ev = self.ev;
        if self.last_p.0 != mark.participant || (self.last_p.1.is_none() && i == 0) {
            self.last_p.0.clear();
            self.last_p.0.push_str(mark.participant);
            self.last_p.1 = ev.participant_index.get(mark.participant).copied();
        }
        if self.last_s.0 != mark.session || (self.last_s.1.is_none() && i == 0) {
            self.last_s.0.clear();
            self.last_s.0.push_str(mark.session);
            self.last_s.1 = ev.session_index.get(mark.session).copied();
        }
        let (p, s) = (self.last_p.1, self.last_s.1);
        let unknown_is_error = ev.policy.unknown_references == Severity::Error;
        let mut refs_ok = true;
        for e in [
            p.is_none().then(|| TamatError::UnknownParticipant {
                participant: mark.participant.to_string(),
                mark: i,
            }),
            s.is_none().then(|| TamatError::UnknownSession {
                session: mark.session.to_string(),
                mark: i,
            }),
        ]
        .into_iter()
        .flatten()
        {
            refs_ok = false;
            if unknown_is_error {
                self.errors.push(e);
            } else {
                self.warnings.push(e);
            }
        }
        // Status words repeat: remember the last one read.
        let known = match (mark.status, mark.check_in, mark.check_out, &self.last_status) {
            (Some(w), None, None, Some((lw, code))) if w == lw => Some(*code),
            _ => None,
        };
        let read = match known {
            Some(code) => Ok(Some((code, NO_MINUTES))),
            None => ev.read_mark(i, mark, s),
        };
        if let (Ok(Some((code, NO_MINUTES))), Some(w), None) = (&read, mark.status, mark.check_in) {
            match &mut self.last_status {
                Some((lw, lc)) => {
                    lw.clear();
                    lw.push_str(w);
                    *lc = *code;
                }
                None => self.last_status = Some((w.to_string(), *code)),
            }
        }
        let (code, minutes) = match read {
            Ok(Some(cm)) => cm,
            Ok(None) => return,
            Err(MarkProblem::Error(e)) => {
                self.errors.push(e);
                return;
            }
            Err(MarkProblem::Warning(e, cm)) => {
                self.warnings.push(e);
                cm
            }
        };
        let (Some(p), Some(s), true) = (p, s, refs_ok) else {
            return;
        };
        if !self.place(p, s, code, minutes) {
            self.not_applicable(i, mark.participant, mark.session);
        }
    }

    /// Records a resolved mark in its cell, duplicates by the policy (the most favourable
    /// mark is kept). False when the session does not apply to the participant (before
    /// enrolment, after withdrawal): the caller warns, naming the mark.
    #[inline]
    fn place(&mut self, p: usize, s: usize, code: u8, minutes: u32) -> bool {
        let ev = self.ev;
        let n_sessions = ev.schedule.sessions.len();
        let applies = s >= ev.first_applicable[p] && s < ev.last_applicable[p];
        let grid = &mut self.grid;
        let idx = p * n_sessions + s;
        let old = grid.codes[idx];
        if old != NONE {
            let old_minutes = grid.minutes.as_ref().map_or(NO_MINUTES, |m| m[idx]);
            *self.duplicates.entry((p, s)).or_insert(1) += 1;
            if ev.mark_key(code, minutes) <= ev.mark_key(old, old_minutes) {
                return applies;
            }
        }
        grid.codes[idx] = code;
        if minutes != NO_MINUTES || grid.minutes.is_some() {
            let total = grid.codes.len();
            grid.minutes.get_or_insert_with(|| vec![NO_MINUTES; total])[idx] = minutes;
        }
        applies
    }

    fn not_applicable(&mut self, i: usize, participant: &str, session: &str) {
        self.warnings.push(TamatError::MarkNotApplicable {
            participant: participant.to_string(),
            session: session.to_string(),
            mark: i,
        });
    }

    /// Adds the next mark given as codes into `dict` (see [`Evaluator::dictionary`]): a
    /// code indexes that column's distinct texts, [`NULL_CODE`] (or any code past the
    /// end) is an absent value. A mark whose participant, session and status word are
    /// all known costs three table lookups; any other is read from its texts exactly
    /// as [`GridBuilder::push`] reads it, with the same errors and warnings.
    pub fn push_coded(&mut self, dict: &Dictionary<'_>, participant: u32, session: u32, status: u32) -> bool {
        let before = self.errors.len() + self.warnings.len();
        self.add_coded(dict, participant as usize, session as usize, status as usize);
        self.errors.len() + self.warnings.len() > before
    }

    /// [`GridBuilder::push_coded`] for many marks: the `i`-th mark is
    /// (`participants[i]`, `sessions[i]`, `statuses[i]`); the slices are as long as each
    /// other (the shortest counts).
    pub fn push_coded_many(&mut self, dict: &Dictionary<'_>, participants: &[u32], sessions: &[u32], statuses: &[u32]) {
        let n = participants.len().min(sessions.len()).min(statuses.len());
        let n_sessions = self.ev.schedule.sessions.len();
        let mut at = 0;
        while at < n {
            // Marks given as codes carry no times: a grid without minutes gains none here.
            let written = if self.grid.minutes.is_none() {
                first_marks(
                    &mut self.grid.codes,
                    n_sessions,
                    dict,
                    [&participants[at..n], &sessions[at..n], &statuses[at..n]],
                )
            } else {
                0
            };
            self.next += written;
            at += written;
            if at < n {
                self.add_coded(
                    dict,
                    participants[at] as usize,
                    sessions[at] as usize,
                    statuses[at] as usize,
                );
                at += 1;
            }
        }
    }

    #[inline]
    fn add_coded<'d>(&mut self, dict: &Dictionary<'d>, p: usize, s: usize, st: usize) {
        let pi = dict.participants_resolved.get(p).map_or(UNRESOLVED, |r| r.index);
        let si = dict.session_index.get(s).copied().unwrap_or(UNRESOLVED);
        let code = dict.status_codes.get(st).copied().unwrap_or(UNRESOLVED_STATUS);
        if pi != UNRESOLVED && si != UNRESOLVED && code != UNRESOLVED_STATUS {
            let i = self.next;
            self.next += 1;
            // Both fit a u8: a status byte.
            if !self.place(pi as usize, si as usize, code as u8, NO_MINUTES) {
                self.not_applicable(i, dict.participants[p], dict.sessions[s]);
            }
            return;
        }
        let text = |column: &[&'d str], code: usize| column.get(code).copied();
        let mark = MarkView {
            participant: text(&dict.participants, p).unwrap_or(""),
            session: text(&dict.sessions, s).unwrap_or(""),
            status: text(&dict.statuses, st),
            check_in: None,
            check_out: None,
        };
        let i = self.next;
        self.next += 1;
        self.add(i, &mark);
    }

    /// The grid, or every error.
    pub fn finish(mut self) -> Result<StatusGrid, Errors> {
        let ev = self.ev;
        for ((p, s), count) in std::mem::take(&mut self.duplicates) {
            let e = TamatError::DuplicateMark {
                participant: ev.participants[p].id.clone(),
                session: ev.schedule.sessions[s].id.clone(),
                count,
            };
            match ev.policy.duplicates {
                DuplicatePolicy::Best => self.warnings.push(e),
                DuplicatePolicy::Error => self.errors.push(e),
            }
        }
        if !self.errors.is_empty() {
            return Err(Errors(self.errors));
        }
        self.grid.warnings = self.warnings;
        Ok(self.grid)
    }
}

/// Writes the leading marks of `codes` (participant, session and status codes) that are the
/// common case, a known status word in an applicable cell of a known participant and
/// session that holds no mark yet, into `cells` (a grid without minutes), and returns
/// how many it wrote: the next mark, if any, needs the general rule.
#[inline(never)]
fn first_marks(cells: &mut [u8], n_sessions: usize, dict: &Dictionary<'_>, codes: [&[u32]; 3]) -> usize {
    let [participants, sessions, statuses] = codes;
    for (k, ((&p, &s), &st)) in participants.iter().zip(sessions).zip(statuses).enumerate() {
        let Some(r) = dict.participants_resolved.get(p as usize) else {
            return k;
        };
        let Some(&si) = dict.session_index.get(s as usize) else {
            return k;
        };
        let Some(&code) = dict.status_codes.get(st as usize) else {
            return k;
        };
        // An unresolved participant has an empty window; an unresolved session is past
        // every window.
        if si < r.first || si >= r.last || code == UNRESOLVED_STATUS {
            return k;
        }
        match cells.get_mut(r.index as usize * n_sessions + si as usize) {
            // Both fit a u8: a status byte.
            Some(cell) if *cell == NONE => *cell = code as u8,
            _ => return k,
        }
    }
    participants.len().min(sessions.len()).min(statuses.len())
}

/// The code of an absent value in [`GridBuilder::push_coded`].
pub const NULL_CODE: u32 = u32::MAX;

/// The distinct texts of the participant, session and status columns of dictionary-coded
/// marks (a pandas categorical's categories, an Arrow dictionary's values), each resolved
/// once: ids to positions, status words to status bytes. Built by
/// [`Evaluator::dictionary`].
#[derive(Clone, Debug)]
pub struct Dictionary<'a> {
    participants: Vec<&'a str>,
    sessions: Vec<&'a str>,
    statuses: Vec<&'a str>,
    /// Positions, [`UNRESOLVED`] for a text that is not one (dense: one table lookup a mark).
    participants_resolved: Vec<Resolved>,
    session_index: Vec<u32>,
    /// Status bytes, [`UNRESOLVED_STATUS`] for a word that is not one.
    status_codes: Vec<u16>,
}

/// A participant text resolved: its position, and the sessions that apply to it
/// (`first..last`, empty for a text that is not a participant), together so that a
/// mark's cell is found and checked with one lookup.
#[derive(Clone, Copy, Debug)]
struct Resolved {
    index: u32,
    first: u32,
    last: u32,
}

const UNRESOLVED: u32 = u32::MAX;
const UNRESOLVED_STATUS: u16 = u16::MAX;

impl StatusGrid {
    /// An empty grid (every cell unmarked) for `participants` × `sessions`.
    pub fn empty(participants: usize, sessions: usize) -> StatusGrid {
        StatusGrid {
            participants,
            sessions,
            codes: vec![NONE; participants * sessions],
            minutes: None,
            warnings: Vec::new(),
        }
    }

    /// Sets a cell from a status byte (for callers that hold attendance as codes
    /// already, e.g. a column store). Out-of-range cells are ignored and reported false.
    pub fn set_code(&mut self, participant: usize, session: usize, code: u8) -> bool {
        match self.codes.get_mut(participant * self.sessions + session) {
            Some(c) if session < self.sessions => {
                *c = code;
                true
            }
            _ => false,
        }
    }

    /// Number of cells (participants × sessions).
    pub fn codes_len(&self) -> usize {
        self.codes.len()
    }

    pub(crate) fn row(&self, p: usize) -> (&[u8], Option<&[u32]>) {
        let range = p * self.sessions..(p + 1) * self.sessions;
        (
            self.codes.get(range.clone()).unwrap_or(&[]),
            self.minutes.as_ref().and_then(|m| m.get(range)),
        )
    }
}

impl Evaluator {
    /// Resolves marks into a status grid: ids to positions, statuses and check-in times to
    /// status bytes, duplicates by the policy. Collects every error; warnings are kept
    /// in the grid. Record order never changes the grid's cells.
    pub fn grid(&self, marks: &[Mark]) -> Result<StatusGrid, Errors> {
        self.grid_from(marks.iter().map(Mark::view))
    }

    /// [`Evaluator::grid`] over borrowed views, in the order given (positions in errors
    /// count from 0 in that order). The same rules, the same result as the same marks as
    /// [`Mark`]s.
    pub fn grid_from<'a>(&self, marks: impl IntoIterator<Item = MarkView<'a>>) -> Result<StatusGrid, Errors> {
        let mut builder = self.grid_builder();
        for mark in marks {
            builder.push(&mark);
        }
        builder.finish()
    }

    /// Resolves the distinct texts of dictionary-coded columns once, for
    /// [`GridBuilder::push_coded`]. A text that is not a participant, a session or a
    /// status word is kept as it is: marks naming it are read as [`GridBuilder::push`]
    /// reads them, and draw its error.
    pub fn dictionary<'a>(
        &self,
        participants: &[&'a str],
        sessions: &[&'a str],
        statuses: &[&'a str],
    ) -> Dictionary<'a> {
        let position = |i: Option<&usize>| i.and_then(|&i| u32::try_from(i).ok()).unwrap_or(UNRESOLVED);
        // Categories are often the course's participants in its order (or sorted as its
        // ids are): the participant after the last one found is compared first, so that
        // a long list is resolved with few lookups in the index.
        let mut after = 0;
        let mut resolve = |p: &&str| {
            let found = match self.participants.get(after) {
                Some(q) if q.id == *p => Some(after),
                _ => self.participant_index.get(*p).copied(),
            };
            if let Some(i) = found {
                after = i + 1;
            }
            let index = position(found.as_ref());
            let bound = |v: Option<&usize>| v.and_then(|&v| u32::try_from(v).ok()).unwrap_or(0);
            let i = index as usize;
            Resolved {
                index,
                first: bound(self.first_applicable.get(i)),
                last: bound(self.last_applicable.get(i)),
            }
        };
        Dictionary {
            participants_resolved: participants.iter().map(&mut resolve).collect(),
            session_index: sessions.iter().map(|s| position(self.session_index.get(*s))).collect(),
            status_codes: statuses
                .iter()
                .map(|w| self.status_code(w).map_or(UNRESOLVED_STATUS, u16::from))
                .collect(),
            participants: participants.to_vec(),
            sessions: sessions.to_vec(),
            statuses: statuses.to_vec(),
        }
    }

    /// A grid built one mark at a time, for readers that stream marks and keep none.
    pub fn grid_builder(&self) -> GridBuilder<'_> {
        GridBuilder {
            ev: self,
            grid: StatusGrid::empty(self.participants.len(), self.schedule.sessions.len()),
            errors: Vec::new(),
            warnings: Vec::new(),
            duplicates: BTreeMap::new(),
            next: 0,
            last_p: (String::new(), None),
            last_s: (String::new(), None),
            last_status: None,
        }
    }

    /// A total order over marks, most favourable last: physically attended first, then
    /// credit, then favourable excuses, then minutes, then the status byte.
    fn mark_key(&self, code: u8, minutes: u32) -> (bool, u32, bool, u32, u8) {
        let r = self.rules[code as usize];
        let minutes = if minutes == NO_MINUTES { 0 } else { minutes };
        (r.attended, r.credit, r.excused, minutes, code)
    }

    /// Reads one mark's status byte and minutes. `Ok(None)`: nothing to record (the
    /// session is unknown, already reported).
    fn read_mark(&self, i: usize, mark: &MarkView<'_>, s: Option<usize>) -> Result<Option<(u8, u32)>, MarkProblem> {
        let err = |e| Err(MarkProblem::Error(e));
        match (mark.status, mark.check_in) {
            (Some(_), Some(_)) => err(TamatError::ConflictingMark { mark: i }),
            (None, None) => err(TamatError::MissingStatus { mark: i }),
            (Some(status), None) => {
                if mark.check_out.is_some() {
                    return err(TamatError::ConflictingMark { mark: i });
                }
                match self.status_code(status) {
                    Some(code) => Ok(Some((code, NO_MINUTES))),
                    None => err(TamatError::UnknownStatus {
                        status: status.to_string(),
                        mark: i,
                    }),
                }
            }
            (None, Some(check_in)) => {
                let Some(ci) = parse_instant(check_in) else {
                    return err(TamatError::InvalidTimestamp {
                        value: check_in.to_string(),
                        mark: i,
                    });
                };
                let co = match mark.check_out {
                    None => None,
                    Some(text) => match parse_instant(text) {
                        Some(t) => Some(t),
                        None => {
                            return err(TamatError::InvalidTimestamp {
                                value: text.to_string(),
                                mark: i,
                            })
                        }
                    },
                };
                if co.is_some_and(|co| co < ci) {
                    return err(TamatError::CheckOutBeforeCheckIn { mark: i });
                }
                let Some(session) = s.and_then(|s| self.schedule.sessions.get(s)) else {
                    return Ok(None);
                };
                let rules = &self.policy.check_in;
                // Checked: a session at the edge of the representable range must not panic.
                let opens = session
                    .start
                    .checked_sub_signed(Duration::minutes(i64::from(rules.opens_minutes_before)))
                    .unwrap_or(session.start);
                if ci < opens || ci >= session.end {
                    let e = TamatError::CheckInOutsideWindow {
                        participant: mark.participant.to_string(),
                        session: mark.session.to_string(),
                        check_in: check_in.to_string(),
                        mark: i,
                    };
                    return match rules.outside_window {
                        Severity::Error => err(e),
                        Severity::Warning => Err(MarkProblem::Warning(e, (REJECTED, NO_MINUTES))),
                    };
                }
                let grace_ends = session
                    .start
                    .checked_add_signed(Duration::minutes(i64::from(rules.grace_minutes)))
                    .unwrap_or(session.start);
                let late = ci > grace_ends;
                let from = ci.max(session.start);
                let to = co.unwrap_or(session.end).min(session.end);
                let minutes = if to > from {
                    u32::try_from((to - from).num_minutes()).unwrap_or(0)
                } else {
                    0
                };
                let minutes = minutes.min(session.minutes);
                // Present for less than the minimum share of the session: absent from it.
                let short = rules.minimum_presence_percent.is_some_and(|min| {
                    let scale = u128::from(crate::model::fixed::SCALE.unsigned_abs());
                    u128::from(minutes) * 100 * scale
                        < u128::from(min.raw().unsigned_abs()) * u128::from(session.minutes)
                });
                let code = match (short, late) {
                    (true, _) => SHORT_PRESENCE,
                    (false, true) => TERLAMBAT,
                    (false, false) => HADIR,
                };
                Ok(Some((code, minutes)))
            }
        }
    }

    /// The status byte of a status word: built-in words in Indonesian or English, one
    /// letter, or a code defined by the policy. Case-insensitive.
    pub fn status_code(&self, word: &str) -> Option<u8> {
        let w = word.trim();
        // ASCII words (all built-in ones) compare without allocating; other words are
        // lowercased by Unicode rules, as the policy's own codes were.
        let same = |code: &str| {
            if w.is_ascii() {
                code.eq_ignore_ascii_case(w)
            } else {
                code == w.to_lowercase()
            }
        };
        let builtin = crate::model::policy::BUILTIN_STATUS_WORDS
            .iter()
            .find(|(k, _)| same(k))
            .map(|(_, v)| *v);
        match builtin {
            Some("hadir") => Some(HADIR),
            Some("terlambat") => Some(TERLAMBAT),
            Some("izin") => Some(IZIN),
            Some("sakit") => Some(SAKIT),
            Some("alpha") => Some(ALPHA),
            _ => self
                .custom_codes
                .iter()
                .position(|c| same(c))
                .and_then(|i| u8::try_from(i).ok())
                .map(|i| CUSTOM_BASE + i),
        }
    }
}

enum MarkProblem {
    Error(TamatError),
    Warning(TamatError, (u8, u32)),
}
