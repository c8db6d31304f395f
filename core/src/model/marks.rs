//! Attendance marks: what one participant did at one session (a status word, or check-in
//! and check-out times), and the status bytes the status grid stores
//! ([`crate::rules::evaluator::grid`]).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::error::{Errors, TamatError};

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
/// and should not copy them into [`Mark`]s first. See [`crate::rules::Evaluator::grid_from`].
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
                    return Err(Errors(vec![TamatError::InvalidShape {
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
