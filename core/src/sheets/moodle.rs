//! The export of Moodle's attendance module (mod_attendance), as text (tab-separated)
//! or as a spreadsheet (`.ods`, `.xls`, `.xlsx`), turned into marks.
//!
//! The layout, as mod_attendance writes it (`export.php`): `Course` and `Group` rows, a
//! blank row, then the header `Last name, First name, [Groups], [ID number, Username,
//! Email address, ...], <one column per session>, [a remarks column after each],
//! <the acronyms' counts>, Taken sessions, Points, Percentage`. A session column is headed
//! by its start, `17 Jul 2025 08.00AM`, then the group (`All students`) and the
//! description; it is matched to the course's session that starts then (in the course's
//! zone), and a column that names no session is refused. A cell is the acronym and its
//! points (`P (2/2)`), `?` for a session not taken yet (no mark), empty for a session of
//! another group, or an enrolment note (`User enrolment starts ...`, `←`): not applicable,
//! no mark. Acronyms are read through `statuses` (default: Moodle's own set, P present,
//! L late, E excused, A absent); an acronym the mapping lacks is refused. Participants are
//! matched by e-mail, else ID number (a participant id or NIP), else first and last name;
//! rows that match no one are listed. Columns before the sessions are people's, those
//! after them the export's own counts: read by no rule.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::error::Errors;
use crate::model::course::Course;
use crate::model::marks::Mark;
use crate::sheets::cell::sheet_error;
use crate::sheets::reader::Source;

/// How to read an export.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MoodleSettings {
    /// The status each acronym stands for (default `P` hadir, `L` terlambat, `E` izin,
    /// `A` alpha). Keys compared case-insensitively.
    #[serde(default)]
    pub statuses: BTreeMap<String, String>,
}

/// A row that matched no participant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct UnmatchedStudent {
    /// Line (row) of the export.
    pub line: u64,
    /// First and last name as written.
    pub name: String,
}

/// An export read into marks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct MoodleSheet {
    /// `text`, or the workbook format (`ods`, `xls`, `xlsx`).
    pub format: &'static str,
    /// The session of each session column, in column order.
    pub sessions: Vec<String>,
    /// The marks, in file order.
    pub attendance: Vec<Mark>,
    /// Where each mark came from.
    pub sources: Vec<Source>,
    /// Students that matched no participant.
    pub unmatched: Vec<UnmatchedStudent>,
}

const MONTHS: [[&str; 2]; 12] = [
    ["jan", "jan"],
    ["feb", "feb"],
    ["mar", "mar"],
    ["apr", "apr"],
    ["may", "mei"],
    ["jun", "jun"],
    ["jul", "jul"],
    ["aug", "agu"],
    ["sep", "sep"],
    ["oct", "okt"],
    ["nov", "nov"],
    ["dec", "des"],
];

/// The start a session column's header names: `17 Jul 2025 08.00AM` (English or
/// Indonesian month; `08.00`, `08:00`, with or without AM/PM).
fn header_start(header: &str) -> Option<NaiveDateTime> {
    let mut words = header.split_whitespace();
    let day: u32 = words.next()?.parse().ok()?;
    let month_word = words.next()?.to_lowercase();
    let month = MONTHS
        .iter()
        .position(|m| m.iter().any(|name| month_word.starts_with(name)))? as u32
        + 1;
    let year: i32 = words.next()?.parse().ok()?;
    let mut clock = words.next()?.to_lowercase();
    if let Some(next) = words.next() {
        if next.eq_ignore_ascii_case("am") || next.eq_ignore_ascii_case("pm") {
            clock.push_str(&next.to_lowercase());
        }
    }
    let (pm, am) = (clock.ends_with("pm"), clock.ends_with("am"));
    let digits = clock.trim_end_matches(['a', 'p', 'm']);
    let (h, m) = digits.split_once(['.', ':'])?;
    let (mut h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    if am || pm {
        if !(1..=12).contains(&h) {
            return None;
        }
        h = match (pm, h) {
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, 12) => 0,
            (false, h) => h,
        };
    }
    Some(NaiveDate::from_ymd_opt(year, month, day)?.and_time(NaiveTime::from_hms_opt(h, m, 0)?))
}

fn default_status(acronym: &str) -> Option<&'static str> {
    Some(match acronym {
        "p" => "hadir",
        "l" => "terlambat",
        "e" => "izin",
        "a" => "alpha",
        _ => return None,
    })
}

/// Reads a mod_attendance export for a course.
pub fn read_moodle_export(bytes: &[u8], course: &Course, settings: &MoodleSettings) -> Result<MoodleSheet, Errors> {
    let book = crate::sheets::reader::workbook_rows(bytes)?;
    let (format, text): (&'static str, String) = match &book {
        Some(b) => (b.format, b.csv.clone()),
        None => ("text", crate::sheets::reader::decoded_text(bytes)?),
    };
    // In a workbook, lines are its rows.
    let row_of = |line: u64| book.as_ref().map_or(line, |b| b.row_of(line));
    let delimiter = if format == "text" && text.contains('\t') {
        b'\t'
    } else {
        b','
    };
    let line_at = crate::sheets::reader::line_index(text.as_bytes());
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .quoting(format != "text")
        .from_reader(text.as_bytes());
    let mut rows: Vec<(u64, Vec<String>)> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| sheet_error(0, "", "malformed_row", &e.to_string()))?;
        let line = row_of(record.position().map_or(0, |p| line_at(p.byte())));
        rows.push((line, record.iter().map(|c| c.trim().to_string()).collect()));
    }
    let is = |c: &str, words: &[&str]| words.contains(&c.to_lowercase().as_str());
    let header_at = rows
        .iter()
        .position(|(_, r)| {
            r.iter().any(|c| is(c, &["last name", "surname", "nama belakang"]))
                && r.iter().any(|c| is(c, &["first name", "nama depan"]))
        })
        .ok_or_else(|| sheet_error(1, "", "not_a_moodle_export", ""))?;
    let (header_line, header) = (&rows[header_at].0, &rows[header_at].1);
    let find = |words: &[&str]| header.iter().position(|c| is(c, words));
    let last_col = find(&["last name", "surname", "nama belakang"]);
    let first_col = find(&["first name", "nama depan"]);
    let email_col = find(&["email address", "email", "alamat email"]);
    let id_col = find(&["id number", "nomor id", "student id"]);
    let schedule = course.schedule()?;
    let mut errors = Vec::new();
    // Session columns, each with its remarks column (an empty header right after it).
    let mut sessions: Vec<(usize, usize, Option<usize>)> = Vec::new();
    for (c, h) in header.iter().enumerate() {
        let Some(start) = header_start(h) else { continue };
        match schedule.sessions.iter().position(|s| s.local_start == start) {
            Some(s) => {
                let remarks = header.get(c + 1).filter(|h| h.is_empty()).map(|_| c + 1);
                sessions.push((c, s, remarks));
            }
            None => errors.push(sheet_error(*header_line, h, "unknown_session_column", h)),
        }
    }
    if sessions.is_empty() && errors.is_empty() {
        errors.push(sheet_error(*header_line, "", "no_session_columns", &header.join(",")));
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    let status_of = |acronym: &str| -> Option<String> {
        let key = acronym.to_lowercase();
        if settings.statuses.is_empty() {
            return default_status(&key).map(str::to_string);
        }
        settings
            .statuses
            .iter()
            .find(|(k, _)| k.to_lowercase() == key)
            .map(|(_, v)| v.clone())
    };
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let mut attendance = Vec::new();
    let mut sources = Vec::new();
    let mut unmatched = Vec::new();
    for (line, row) in rows.iter().skip(header_at + 1) {
        if row.iter().all(String::is_empty) {
            continue;
        }
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).map_or("", String::as_str);
        let name = format!("{} {}", cell(first_col), cell(last_col)).trim().to_string();
        let email = norm(cell(email_col));
        let id = cell(id_col).to_string();
        let found = course
            .participants
            .iter()
            .position(|p| !email.is_empty() && p.email.as_deref().map(norm).as_deref() == Some(email.as_str()))
            .or_else(|| {
                course.participants.iter().position(|p| {
                    !id.is_empty() && (p.id == id || p.nip.as_ref().is_some_and(|n| n.as_str() == id.replace(' ', "")))
                })
            })
            .or_else(|| {
                let mut by_name = course
                    .participants
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| norm(&p.name) == norm(&name));
                match (by_name.next(), by_name.next()) {
                    (Some((i, _)), None) => Some(i),
                    _ => None,
                }
            });
        let Some(p) = found else {
            unmatched.push(UnmatchedStudent { line: *line, name });
            continue;
        };
        for &(c, s, remarks) in &sessions {
            let raw = cell(Some(c));
            // Not taken, another group's session, or outside the enrolment: no mark.
            if raw.is_empty()
                || raw == "?"
                || raw == "\u{2190}"
                || raw.to_lowercase().starts_with("user enrolment")
                || raw.to_lowercase().starts_with("enrolment suspended")
            {
                continue;
            }
            // `P (2/2)`: the acronym and its points; `-X`: a status no longer in the set.
            let acronym = raw.split(" (").next().unwrap_or(raw).trim_start_matches('-').trim();
            let Some(status) = status_of(acronym) else {
                errors.push(sheet_error(*line, &header[c], "unknown_acronym", raw));
                continue;
            };
            let note = remarks
                .map(|r| cell(Some(r)))
                .filter(|n| !n.is_empty())
                .map(str::to_string);
            attendance.push(Mark {
                participant: course.participants[p].id.clone(),
                session: schedule.sessions[s].id.clone(),
                status: Some(status),
                check_in: None,
                check_out: None,
                note,
            });
            sources.push(Source {
                line: *line,
                column: header[c].clone(),
            });
        }
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    Ok(MoodleSheet {
        format,
        sessions: sessions
            .iter()
            .map(|&(_, s, _)| schedule.sessions[s].id.clone())
            .collect(),
        attendance,
        sources,
        unmatched,
    })
}
