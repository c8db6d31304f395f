//! Attendance marks and the attendance sheet: one byte of status per participant per
//! session (plus minutes present where check-in times were given), so that a cohort is
//! evaluated without allocating per mark.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::Duration;
use serde::{Deserialize, Serialize};

use crate::error::{Errors, TamatError};
use crate::model::policy::{DuplicatePolicy, Severity};
use crate::model::schedule::parse_instant;
use crate::rules::evaluator::Evaluator;

/// Status byte: no mark.
pub const NONE: u8 = 0;
/// Status byte: hadir (present).
pub const HADIR: u8 = 1;
/// Status byte: terlambat (late).
pub const TERLAMBAT: u8 = 2;
/// Status byte: izin (excused, with permission).
pub const IZIN: u8 = 3;
/// Status byte: sakit (sick).
pub const SAKIT: u8 = 4;
/// Status byte: alpha (absent without notice).
pub const ALPHA: u8 = 5;
/// Status byte: a check-in outside the session window, accepted as a warning; counts as
/// absent.
pub const REJECTED: u8 = 6;
/// Status byte: checked in, but present for less than the policy's minimum share of the
/// session (`check_in.minimum_presence_percent`); counts as absent.
pub const SHORT_PRESENCE: u8 = 7;
/// First status byte of the organiser's own statuses.
pub const CUSTOM_BASE: u8 = 8;

/// `minutes` value for a mark given as a status, not as times.
pub const NO_MINUTES: u32 = u32::MAX;

/// One attendance record: a status, or check-in (and optionally check-out) times.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    /// Participant id.
    pub participant: String,
    /// Session id.
    pub session: String,
    /// hadir, terlambat, izin, sakit, alpha (or present, late, excused, sick, absent, or
    /// H/T/I/S/A, `telat`, `tanpa keterangan`), or a status defined by the policy.
    /// Case-insensitive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Check-in, RFC 3339 with offset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_in: Option<String>,
    /// Check-out, RFC 3339 with offset; the session end when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_out: Option<String>,
    /// Free text for the organiser's records; accepted and never interpreted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A borrowed view of one attendance record, for callers that hold marks in their own
/// structures (columns of a table, rows of a CSV sheet, objects of another language)
/// and should not copy them into [`Mark`]s first. See [`Evaluator::sheet_from`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct MarkView<'a> {
    /// Participant id.
    pub participant: &'a str,
    /// Session id.
    pub session: &'a str,
    /// Status word, as in [`Mark::status`].
    pub status: Option<&'a str>,
    /// Check-in, RFC 3339 with offset.
    pub check_in: Option<&'a str>,
    /// Check-out, RFC 3339 with offset.
    pub check_out: Option<&'a str>,
}

impl Mark {
    /// The mark as a borrowed view.
    pub fn view(&self) -> MarkView<'_> {
        MarkView {
            participant: &self.participant,
            session: &self.session,
            status: self.status.as_deref(),
            check_in: self.check_in.as_deref(),
            check_out: self.check_out.as_deref(),
        }
    }

    /// A status mark.
    pub fn status(participant: &str, session: &str, status: &str) -> Mark {
        Mark {
            participant: participant.to_string(),
            session: session.to_string(),
            status: Some(status.to_string()),
            check_in: None,
            check_out: None,
            note: None,
        }
    }
}

/// Marks resolved to a dense participants × sessions matrix, in the evaluator's session
/// order. Built by [`Evaluator::sheet`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttendanceSheet {
    pub(crate) participants: usize,
    pub(crate) sessions: usize,
    pub(crate) codes: Vec<u8>,
    pub(crate) minutes: Option<Vec<u32>>,
    /// What was accepted but deserves a look: duplicates, marks before enrolment, and
    /// (where the policy allows) unknown references and check-ins outside the window.
    pub warnings: Vec<TamatError>,
}

/// Marks resolved one at a time into a sheet (see [`Evaluator::sheet_builder`]): the
/// same rules as [`Evaluator::sheet`], with the last participant, session and status
/// word remembered, so that a long sheet hashes little.
pub struct SheetBuilder<'e> {
    ev: &'e Evaluator,
    sheet: AttendanceSheet,
    errors: Vec<TamatError>,
    warnings: Vec<TamatError>,
    duplicates: BTreeMap<(usize, usize), usize>,
    next: usize,
    last_p: (String, Option<usize>),
    last_s: (String, Option<usize>),
    last_status: Option<(String, u8)>,
}

impl SheetBuilder<'_> {
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
        let n_sessions = ev.schedule.sessions.len();
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
        if s < ev.first_applicable[p] || s >= ev.last_applicable[p] {
            self.warnings.push(TamatError::MarkNotApplicable {
                participant: mark.participant.to_string(),
                session: mark.session.to_string(),
                mark: i,
            });
        }
        let sheet = &mut self.sheet;
        let idx = p * n_sessions + s;
        let old = sheet.codes[idx];
        let old_minutes = sheet.minutes.as_ref().map_or(NO_MINUTES, |m| m[idx]);
        if old != NONE {
            *self.duplicates.entry((p, s)).or_insert(1) += 1;
            if ev.mark_key(code, minutes) <= ev.mark_key(old, old_minutes) {
                return;
            }
        }
        sheet.codes[idx] = code;
        if minutes != NO_MINUTES || sheet.minutes.is_some() {
            let total = sheet.codes.len();
            sheet.minutes.get_or_insert_with(|| vec![NO_MINUTES; total])[idx] = minutes;
        }
    }

    /// The sheet, or every error.
    pub fn finish(mut self) -> Result<AttendanceSheet, Errors> {
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
        self.sheet.warnings = self.warnings;
        Ok(self.sheet)
    }
}

impl AttendanceSheet {
    /// An empty sheet (every cell unmarked) for `participants` × `sessions`.
    pub fn empty(participants: usize, sessions: usize) -> AttendanceSheet {
        AttendanceSheet {
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
    /// Resolves marks into a sheet: ids to positions, statuses and check-in times to
    /// status bytes, duplicates by the policy. Collects every error; warnings are kept
    /// in the sheet. Record order never changes the sheet's cells.
    pub fn sheet(&self, marks: &[Mark]) -> Result<AttendanceSheet, Errors> {
        self.sheet_from(marks.iter().map(Mark::view))
    }

    /// [`Evaluator::sheet`] over borrowed views, in the order given (positions in errors
    /// count from 0 in that order). The same rules, the same result as the same marks as
    /// [`Mark`]s.
    pub fn sheet_from<'a>(&self, marks: impl IntoIterator<Item = MarkView<'a>>) -> Result<AttendanceSheet, Errors> {
        let mut builder = self.sheet_builder();
        for mark in marks {
            builder.push(&mark);
        }
        builder.finish()
    }

    /// A sheet built one mark at a time, for readers that stream marks and keep none.
    pub fn sheet_builder(&self) -> SheetBuilder<'_> {
        SheetBuilder {
            ev: self,
            sheet: AttendanceSheet::empty(self.participants.len(), self.schedule.sessions.len()),
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

/// One mark as JSON, its strings borrowed from the text where they need no unescaping.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MarkRef<'a> {
    #[serde(borrow)]
    participant: Cow<'a, str>,
    #[serde(borrow)]
    session: Cow<'a, str>,
    #[serde(default, borrow)]
    status: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    check_in: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    check_out: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    #[allow(dead_code)]
    note: Option<Cow<'a, str>>,
}

/// Marks as columns of equal length; `null` in an optional column is no value.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MarkColumns<'a> {
    #[serde(borrow)]
    participant: Vec<Cow<'a, str>>,
    #[serde(borrow)]
    session: Vec<Cow<'a, str>>,
    #[serde(default, borrow)]
    status: Vec<Option<Cow<'a, str>>>,
    #[serde(default, borrow)]
    check_in: Vec<Option<Cow<'a, str>>>,
    #[serde(default, borrow)]
    check_out: Vec<Option<Cow<'a, str>>>,
    #[serde(default, borrow)]
    #[allow(dead_code)]
    note: Vec<Option<Cow<'a, str>>>,
}

/// Attendance read from JSON text without copying it: either a list of marks
/// (`[{"participant","session","status"}, ...]`, as in a request) or columns of equal
/// length (`{"participant":[...],"session":[...],"status":[...]}`, optional columns may
/// be left out). For bindings that hand over a whole cohort as one text.
pub struct MarkList<'a> {
    rows: Vec<MarkRef<'a>>,
    columns: Option<MarkColumns<'a>>,
}

impl<'a> MarkList<'a> {
    /// Reads the text; `null` or empty text is no marks.
    pub fn from_json(text: &'a str) -> Result<MarkList<'a>, Errors> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text).trim_start();
        let read = |e: serde_json::Error| Errors(vec![TamatError::from_serde(&e)]);
        if text.is_empty() || text.starts_with("null") && text.trim_end() == "null" {
            return Ok(MarkList {
                rows: Vec::new(),
                columns: None,
            });
        }
        if text.starts_with('{') {
            let columns: MarkColumns<'a> = serde_json::from_str(text).map_err(read)?;
            let n = columns.participant.len();
            for (name, len) in [
                ("session", columns.session.len()),
                ("status", columns.status.len()),
                ("check_in", columns.check_in.len()),
                ("check_out", columns.check_out.len()),
                ("note", columns.note.len()),
            ] {
                if len != n && !(len == 0 && name != "session") {
                    return Err(Errors(vec![TamatError::InvalidInput {
                        code: "request.invalid_shape",
                        message: format!("attendance column `{name}` has {len} values, `participant` has {n}"),
                    }]));
                }
            }
            return Ok(MarkList {
                rows: Vec::new(),
                columns: Some(columns),
            });
        }
        let rows: Vec<MarkRef<'a>> = serde_json::from_str(text).map_err(read)?;
        Ok(MarkList { rows, columns: None })
    }

    /// Number of marks.
    pub fn len(&self) -> usize {
        match &self.columns {
            Some(c) => c.participant.len(),
            None => self.rows.len(),
        }
    }

    /// Whether there are no marks.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The marks as views, in order.
    pub fn views(&self) -> Box<dyn Iterator<Item = MarkView<'_>> + '_> {
        match &self.columns {
            Some(c) => Box::new((0..c.participant.len()).map(move |i| MarkView {
                participant: c.participant.get(i).map_or("", |s| s.as_ref()),
                session: c.session.get(i).map_or("", |s| s.as_ref()),
                status: c.status.get(i).and_then(|v| v.as_deref()),
                check_in: c.check_in.get(i).and_then(|v| v.as_deref()),
                check_out: c.check_out.get(i).and_then(|v| v.as_deref()),
            })),
            None => Box::new(self.rows.iter().map(|m| MarkView {
                participant: &m.participant,
                session: &m.session,
                status: m.status.as_deref(),
                check_in: m.check_in.as_deref(),
                check_out: m.check_out.as_deref(),
            })),
        }
    }
}
