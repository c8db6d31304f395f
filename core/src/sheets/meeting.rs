//! Online-meeting participant reports (Zoom, Microsoft Teams, Google Meet) turned into
//! marks: each person's join/leave intervals merged (reconnections and overlaps count
//! once), clipped to each session, and matched to the course's participants by e-mail,
//! else by name. Rows that match no one are reported, never dropped.
//!
//! The layouts, found by their headers (English exports):
//! - **Zoom**, meeting participants report: an optional meeting block, then
//!   `Name (Original Name), User Email, Join Time, Leave Time, Duration (Minutes), ...`,
//!   times `11/19/2021 10:08:10 AM`.
//! - **Microsoft Teams**, attendance report: UTF-16, tab-separated sections
//!   `1. Summary`, `2. Participants` (`Name, First join, Last leave, ...`), `3. In-Meeting
//!   Activities` (`Name, Join time, Leave time, Duration, Email, Role`): every connection
//!   is read from section 3, else first join to last leave from section 2; times
//!   `7/22/26, 7:02:11 PM`.
//! - **Google Meet**, attendance report: `First name, Last name, Email, Duration, Time
//!   joined, Time exited`.
//! - Any sheet with a name or e-mail column and join and leave columns (also `nama`,
//!   `masuk`, `keluar`).
//!
//! Times carry no zone: they are read in `time_zone` (default: the course's), as
//! month/day or day/month by `date_order` (default `mdy`, as the English exports write
//! them; a date that cannot be read that way is refused, never swapped), and a time
//! the clocks skip or repeat is refused by the zone.
//!
//! Each participant present in a session gets one mark: `check_in` the first join
//! inside the session (the session's start for one who joined before it), `check_out`
//! that check-in plus the minutes present, so that the evaluator's rules (lateness,
//! `minimum_presence_percent`, `measure: minutes`) read the merged presence; `note` says
//! how many connections it came from.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Errors, TamatError};
use crate::model::course::Course;
use crate::model::marks::Mark;
use crate::model::schedule::Zone;
use crate::sheets::cell::sheet_error;

/// How the report writes dates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// Month first: `7/22/26`, `11/19/2021` (the English exports).
    #[default]
    Mdy,
    /// Day first: `22/7/26`, `22.07.2026`.
    Dmy,
}

/// How to read a report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportSettings {
    /// Month or day first.
    #[serde(default)]
    pub date_order: DateOrder,
    /// The zone of the report's times (default: the course's).
    #[serde(default)]
    pub time_zone: Option<Zone>,
    /// The meeting's date, for reports whose times have no date (`9:01 AM`).
    #[serde(default)]
    pub date: Option<NaiveDate>,
}

/// A row that matched no participant (the host, a guest, a misspelt name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct UnmatchedRow {
    /// Line of the report.
    pub line: u64,
    /// The name as written.
    pub name: String,
    /// The e-mail as written.
    pub email: Option<String>,
    /// `no_match`, or `ambiguous` when the name is two participants'.
    pub reason: &'static str,
}

/// A report read into marks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct MeetingReport {
    /// `zoom`, `teams`, `meet` or `generic`.
    pub source: &'static str,
    /// Connection rows read.
    pub rows: usize,
    /// One mark per participant per session with any presence, in course order.
    pub attendance: Vec<Mark>,
    /// Rows that matched no participant.
    pub unmatched: Vec<UnmatchedRow>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    Name,
    FirstName,
    LastName,
    Email,
    Join,
    Leave,
    FirstJoin,
    LastLeave,
}

fn col_of(header: &str) -> Option<Col> {
    Some(match header.trim().to_lowercase().as_str() {
        "name (original name)"
        | "name"
        | "participant"
        | "participant name"
        | "full name"
        | "nama"
        | "nama peserta" => Col::Name,
        "first name" => Col::FirstName,
        "last name" => Col::LastName,
        "user email" | "email" | "e-mail" | "email address" | "attendee email" => Col::Email,
        "join time" | "time joined" | "joined" | "join" | "waktu bergabung" | "masuk" | "jam masuk" => Col::Join,
        "leave time" | "time exited" | "left" | "leave" | "waktu keluar" | "keluar" | "jam keluar" => Col::Leave,
        "first join" => Col::FirstJoin,
        "last leave" => Col::LastLeave,
        _ => return None,
    })
}

/// A local date-time as the report writes it: numbers for the date (in `order`, or
/// year first), the time `h:mm[:ss]` with an optional AM/PM; or a time alone on `date`.
fn local_time(text: &str, order: DateOrder, date: Option<NaiveDate>) -> Option<NaiveDateTime> {
    let t = text.trim();
    let lower = t.to_lowercase();
    let pm = lower.contains("pm") || lower.contains("p.m.");
    let am = lower.contains("am") || lower.contains("a.m.");
    let numbers: Vec<u32> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().ok())
        .collect::<Option<Vec<u32>>>()?;
    let first_is_year = t
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .is_some_and(|p| p.len() == 4);
    let (day, clock) = match numbers.len() {
        2 | 3 => (date?, &numbers[..]),
        5 | 6 => {
            let (a, b, c) = (numbers[0], numbers[1], numbers[2]);
            let (y, m, d) = if first_is_year {
                (a, b, c)
            } else {
                let y = if c < 100 { c + 2000 } else { c };
                match order {
                    DateOrder::Mdy => (y, a, b),
                    DateOrder::Dmy => (y, b, a),
                }
            };
            (NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)?, &numbers[3..])
        }
        _ => return None,
    };
    let mut hour = clock[0];
    if am || pm {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = match (pm, hour) {
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, 12) => 0,
            (false, h) => h,
        };
    }
    let time = NaiveTime::from_hms_opt(hour, clock[1], clock.get(2).copied().unwrap_or(0))?;
    Some(day.and_time(time))
}

/// The participant a row is: by e-mail, else by name (the whole, or either part of a
/// Zoom `Name (Original Name)`), compared case-insensitively with spaces collapsed.
fn who(course: &Course, name: &str, email: Option<&str>) -> Result<usize, &'static str> {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    if let Some(e) = email.map(norm).filter(|e| !e.is_empty()) {
        if let Some(i) = course
            .participants
            .iter()
            .position(|p| p.email.as_deref().map(norm).as_deref() == Some(e.as_str()))
        {
            return Ok(i);
        }
    }
    let mut names = vec![norm(name)];
    if let (Some(open), true) = (name.rfind(" ("), name.trim_end().ends_with(')')) {
        names.push(norm(&name[..open]));
        names.push(norm(name[open + 2..].trim_end().trim_end_matches(')')));
    }
    for n in names.iter().filter(|n| !n.is_empty()) {
        let mut found = course
            .participants
            .iter()
            .enumerate()
            .filter(|(_, p)| norm(&p.name) == *n);
        match (found.next(), found.next()) {
            (Some((i, _)), None) => return Ok(i),
            (Some(_), Some(_)) => return Err("ambiguous"),
            _ => {}
        }
    }
    Err("no_match")
}

/// Reads a meeting report's bytes into marks for a course.
pub fn read_meeting_report(bytes: &[u8], course: &Course, settings: &ReportSettings) -> Result<MeetingReport, Errors> {
    // UTF-16 (Teams writes it, with a byte-order mark), UTF-8 or Windows-1252.
    let text = crate::sheets::reader::decoded_text(bytes)?;
    let schedule = course.schedule()?;
    let zone = settings.time_zone.unwrap_or(course.time_zone);
    let line_at = crate::sheets::reader::line_index(text.as_bytes());
    let split = |delimiter: u8| -> Result<Vec<(u64, Vec<String>)>, TamatError> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut rows = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let record = record.map_err(|e| sheet_error(i as u64 + 1, "", "malformed_row", &e.to_string()))?;
            let line = record.position().map_or(i as u64 + 1, |p| line_at(p.byte()));
            rows.push((line, record.iter().map(|c| c.trim().to_string()).collect()));
        }
        Ok(rows)
    };
    // The header: the first row with join and leave columns (each connection), else
    // with first join and last leave (Teams' summary section); tab, comma or semicolon,
    // whichever finds one.
    let has =
        |r: &[String], a: Col, b: Col| r.iter().any(|c| col_of(c) == Some(a)) && r.iter().any(|c| col_of(c) == Some(b));
    let mut found = None;
    for delimiter in [b'\t', b',', b';'] {
        let rows = split(delimiter)?;
        let at = rows
            .iter()
            .position(|(_, r)| has(r, Col::Join, Col::Leave))
            .or_else(|| rows.iter().position(|(_, r)| has(r, Col::FirstJoin, Col::LastLeave)));
        if let Some(at) = at {
            found = Some((rows, at));
            break;
        }
    }
    let (rows, header_at) = found.ok_or_else(|| sheet_error(1, "", "not_a_meeting_report", ""))?;
    let header = &rows[header_at].1;
    let find = |c: Col| header.iter().position(|h| col_of(h) == Some(c));
    let (join, leave) = match (find(Col::Join), find(Col::Leave)) {
        (Some(j), Some(l)) => (j, l),
        _ => (
            find(Col::FirstJoin).unwrap_or_default(),
            find(Col::LastLeave).unwrap_or_default(),
        ),
    };
    let lower: Vec<String> = header.iter().map(|h| h.to_lowercase()).collect();
    let source = if lower.iter().any(|h| h == "name (original name)" || h == "user email") {
        "zoom"
    } else if text.contains("In-Meeting Activities") || lower.iter().any(|h| h == "participant id (upn)") {
        "teams"
    } else if lower.iter().any(|h| h == "time joined" || h == "time exited") {
        "meet"
    } else {
        "generic"
    };
    let (name_col, first, last, email_col) = (
        find(Col::Name),
        find(Col::FirstName),
        find(Col::LastName),
        find(Col::Email),
    );
    if name_col.is_none() && first.is_none() && email_col.is_none() {
        return Err(sheet_error(rows[header_at].0, "name", "missing_column", &header.join(",")).into());
    }
    let mut errors = Vec::new();
    let mut unmatched = Vec::new();
    // Intervals per participant.
    let mut spans: Vec<Vec<(DateTime<Utc>, DateTime<Utc>)>> = vec![Vec::new(); course.participants.len()];
    let mut count = 0usize;
    for (line, row) in rows.iter().skip(header_at + 1) {
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).map_or("", String::as_str);
        // The section ends at a blank row or the next numbered section title.
        if row.iter().all(String::is_empty)
            || (row.len() == 1 && row[0].split_once(". ").is_some_and(|(n, _)| n.parse::<u32>().is_ok()))
        {
            break;
        }
        count += 1;
        let name = match (name_col, first, last) {
            (Some(c), _, _) => cell(Some(c)).to_string(),
            (None, f, l) => format!("{} {}", cell(f), cell(l)).trim().to_string(),
        };
        let email = email_col.map(|c| cell(Some(c)).to_string()).filter(|e| !e.is_empty());
        let mut instant = |col: usize| -> Option<DateTime<Utc>> {
            let text = cell(Some(col));
            let Some(naive) = local_time(text, settings.date_order, settings.date) else {
                errors.push(sheet_error(*line, &header[col], "invalid_report_time", text));
                return None;
            };
            match zone.resolve_naive("", naive) {
                Ok((at, _)) => Some(at),
                Err(e) => {
                    errors.push(e);
                    None
                }
            }
        };
        let (Some(from), Some(to)) = (instant(join), instant(leave)) else {
            continue;
        };
        if to < from {
            errors.push(sheet_error(
                *line,
                &header[leave],
                "leave_before_join",
                cell(Some(leave)),
            ));
            continue;
        }
        match who(course, &name, email.as_deref()) {
            Ok(p) => spans[p].push((from, to)),
            Err(reason) => unmatched.push(UnmatchedRow {
                line: *line,
                name,
                email,
                reason,
            }),
        }
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    let mut attendance = Vec::new();
    for (p, intervals) in spans.iter_mut().enumerate() {
        intervals.sort();
        // Merged: reconnections and overlapping connections count once.
        let mut merged: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::new();
        for &(a, b) in intervals.iter() {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        for session in &schedule.sessions {
            let clipped: Vec<(DateTime<Utc>, DateTime<Utc>)> = merged
                .iter()
                .map(|&(a, b)| (a.max(session.start), b.min(session.end)))
                .filter(|(a, b)| b > a)
                .collect();
            let Some(&(check_in, _)) = clipped.first() else {
                continue;
            };
            let present: Duration = clipped.iter().map(|(a, b)| *b - *a).sum();
            let connections = intervals
                .iter()
                .filter(|(a, b)| *b > session.start && *a < session.end)
                .count();
            let minutes = present.num_minutes();
            attendance.push(Mark {
                participant: course.participants[p].id.clone(),
                session: session.id.clone(),
                status: None,
                check_in: Some(crate::model::schedule::format_date_time(check_in)),
                check_out: Some(crate::model::schedule::format_date_time(check_in + present)),
                note: Some(format!("{source}: {connections} connection(s), {minutes} min present")),
            });
        }
    }
    Ok(MeetingReport {
        source,
        rows: count,
        attendance,
        unmatched,
    })
}
