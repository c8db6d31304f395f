//! The course: organiser, venue time zone, sessions (listed or recurring), participants.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Errors, TamatError};
use crate::model::identity::{Nik, Nip};
use crate::model::policy::{Delivery, Policy};
use crate::model::schedule::{parse_time_of_day, recurrence_dates, Weekday, Zone};

fn default_jp_minutes() -> u32 {
    45
}

/// A training course as organisers describe it (JSON in and out).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Course {
    /// Stable id of the course.
    pub id: String,
    /// Title, e.g. "Pelatihan Pelayanan Publik Berbasis IT".
    pub title: String,
    /// The organiser (penyelenggara).
    #[serde(default)]
    pub organiser: Organiser,
    /// Where it takes place, e.g. "Samarinda".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    /// The venue's IANA time zone; session times are local times in it.
    pub time_zone: Zone,
    /// JP (jam pelajaran): minutes in one lesson hour, 45 by default.
    #[serde(default = "default_jp_minutes")]
    pub jp_minutes: u32,
    /// Sessions listed one by one.
    #[serde(default)]
    pub sessions: Vec<SessionSpec>,
    /// Sessions generated from simple weekly rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recurrences: Vec<Recurrence>,
    /// The participants (peserta).
    #[serde(default)]
    pub participants: Vec<Participant>,
    /// The course's attendance policy; a request's own policy takes precedence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Policy>,
}

/// The organiser of a course.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organiser {
    /// Name, e.g. "BPSDM Provinsi Kalimantan Timur".
    #[serde(default)]
    pub name: String,
    /// The issuing unit's code, used in certificate numbers.
    #[serde(default)]
    pub unit_code: String,
}

/// What a session is, where it matters for rules and certificates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// Opening (pembukaan).
    Opening,
    /// A lesson (materi).
    Lesson,
    /// An exam or assessment (evaluasi).
    Exam,
    /// Closing (penutupan).
    Closing,
}

/// One session as written: local start and end in the course's zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionSpec {
    /// Stable id.
    pub id: String,
    /// Title (the subject, mata pelatihan).
    #[serde(default)]
    pub title: String,
    /// Local start, `2025-07-17T08:00`; an offset (`2025-11-02T01:30-05:00`) chooses
    /// between the two readings of a time that happens twice.
    pub start: String,
    /// Local end, same form.
    pub end: String,
    /// JP count; when absent, the whole JP that fit in the duration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jp: Option<u32>,
    /// Must be attended whatever the percentage.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// Opening, lesson, exam or closing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SessionKind>,
    /// A group label (a module, a class).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Classroom (the default) or e-learning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<Delivery>,
}

/// Sessions on given weekdays at a fixed local time, `count` times or until a date.
/// Generated ids are `id_prefix` followed by 1, 2, 3...
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recurrence {
    /// Prefix of the generated ids.
    pub id_prefix: String,
    /// Title of every generated session.
    #[serde(default)]
    pub title: String,
    /// The weekdays (`mon` ... `sun`).
    pub weekdays: Vec<Weekday>,
    /// First date considered.
    pub from: NaiveDate,
    /// Local start time, `HH:MM`.
    pub start_time: String,
    /// Local end time, `HH:MM`, on the same day.
    pub end_time: String,
    /// Number of sessions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// Last date considered (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// Dates with no session (national holidays, *cuti bersama*): skipped, and with
    /// `count` the count is of sessions held. Each must be a date the recurrence would
    /// otherwise hold a session on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub except: Vec<NaiveDate>,
    /// A title per session held, in order (the subject of each meeting); sessions past
    /// the list take `title`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<String>,
    /// JP count of each session; derived from the duration when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jp: Option<u32>,
    /// Every generated session is required.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// Kind of every generated session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SessionKind>,
    /// Group of every generated session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Delivery of every generated session (classroom when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<Delivery>,
}

/// A participant (peserta).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// Stable id within the course.
    pub id: String,
    /// Full name as printed.
    pub name: String,
    /// NIP, validated (PNS or PPPK form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nip: Option<Nip>,
    /// NIK, for participants without a NIP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nik: Option<Nik>,
    /// E-mail address, to match online-meeting reports (compared case-insensitively).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Agency (instansi / perangkat daerah).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    /// Rank and grade (pangkat/golongan).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<String>,
    /// Position (jabatan).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// Date of enrolment (local date); sessions on earlier days are not applicable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enrolled_on: Option<NaiveDate>,
    /// Date of withdrawal (local date): sessions on later days are not applicable, and the
    /// participant does not meet the requirements (reason `attendance.withdrawn`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn_on: Option<NaiveDate>,
    /// Birth place, for the certificate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_place: Option<String>,
    /// Birth date, for the certificate (a NIP also carries it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<NaiveDate>,
}

/// A session resolved to instants, in chronological order within its [`Schedule`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Session {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Start instant.
    pub start: DateTime<Utc>,
    /// End instant.
    pub end: DateTime<Utc>,
    /// Local start as written.
    pub local_start: NaiveDateTime,
    /// Local end as written.
    pub local_end: NaiveDateTime,
    /// Elapsed minutes (correct across daylight-saving changes).
    pub minutes: u32,
    /// JP count.
    pub jp: u32,
    /// Whether the JP count was derived from the duration.
    pub jp_derived: bool,
    /// Must be attended.
    pub required: bool,
    /// Kind.
    pub kind: Option<SessionKind>,
    /// Group.
    pub group: Option<String>,
    /// Classroom or e-learning (written only for e-learning).
    #[serde(skip_serializing_if = "Delivery::is_classroom")]
    pub delivery: Delivery,
}

/// The course's sessions resolved and sorted by start (then id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    /// Sessions, chronological.
    pub sessions: Vec<Session>,
}

impl Schedule {
    /// Total JP of the course.
    pub fn total_jp(&self) -> u64 {
        self.sessions.iter().map(|s| u64::from(s.jp)).sum()
    }

    /// JP of the sessions delivered one way (classroom or e-learning).
    pub fn jp_of(&self, delivery: Delivery) -> u64 {
        self.sessions
            .iter()
            .filter(|s| s.delivery == delivery)
            .map(|s| u64::from(s.jp))
            .sum()
    }

    /// Whether any session is e-learning.
    pub fn has_e_learning(&self) -> bool {
        self.sessions.iter().any(|s| s.delivery == Delivery::ELearning)
    }

    /// Position of a session id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.sessions.iter().position(|s| s.id == id)
    }
}

impl Course {
    /// Checks ids and settings and resolves every session to instants. Collects every
    /// error it finds.
    pub fn schedule(&self) -> Result<Schedule, Errors> {
        let mut errors = Vec::new();
        if self.id.trim().is_empty() {
            errors.push(TamatError::EmptyId { what: "course" });
        }
        if !(1..=240).contains(&self.jp_minutes) {
            errors.push(TamatError::InvalidJpMinutes { value: self.jp_minutes });
        }
        let jp_minutes = self.jp_minutes.max(1);
        let mut sessions = Vec::new();
        for spec in &self.sessions {
            match resolve_session(self.time_zone, jp_minutes, spec) {
                Ok(s) => sessions.push(s),
                Err(e) => errors.push(e),
            }
        }
        for rec in &self.recurrences {
            if let Err(mut es) = expand_recurrence(self.time_zone, jp_minutes, rec, &mut sessions) {
                errors.append(&mut es);
            }
        }
        let mut seen = HashSet::new();
        for s in &sessions {
            if s.id.trim().is_empty() {
                errors.push(TamatError::EmptyId { what: "session" });
            } else if !seen.insert(s.id.as_str()) {
                errors.push(TamatError::DuplicateSession { session: s.id.clone() });
            }
        }
        let mut seen = HashSet::new();
        for p in &self.participants {
            if p.id.trim().is_empty() {
                errors.push(TamatError::EmptyId { what: "participant" });
            } else if !seen.insert(p.id.as_str()) {
                errors.push(TamatError::DuplicateParticipant {
                    participant: p.id.clone(),
                });
            }
        }
        if !errors.is_empty() {
            return Err(Errors(errors));
        }
        crate::model::sorting::sort_by(&mut sessions, |a, b| {
            a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id))
        });
        Ok(Schedule { sessions })
    }
}

/// A session from resolved instants and the attributes shared by listed and recurring
/// sessions.
#[allow(clippy::too_many_arguments)]
fn build_session(
    id: &str,
    title: &str,
    start: (DateTime<Utc>, NaiveDateTime),
    end: (DateTime<Utc>, NaiveDateTime),
    jp_minutes: u32,
    jp: Option<u32>,
    required: bool,
    kind: Option<SessionKind>,
    group: &Option<String>,
    delivery: Option<Delivery>,
) -> Result<Session, TamatError> {
    if end.0 <= start.0 {
        return Err(TamatError::EndNotAfterStart {
            session: id.to_string(),
        });
    }
    // Elapsed time between instants, so a session across a daylight-saving change has
    // its real length.
    let minutes = u32::try_from((end.0 - start.0).num_minutes()).unwrap_or(u32::MAX);
    Ok(Session {
        id: id.to_string(),
        title: title.to_string(),
        start: start.0,
        end: end.0,
        local_start: start.1,
        local_end: end.1,
        minutes,
        jp: jp.unwrap_or(minutes / jp_minutes),
        jp_derived: jp.is_none(),
        required,
        kind,
        group: group.clone(),
        delivery: delivery.unwrap_or_default(),
    })
}

fn resolve_session(zone: Zone, jp_minutes: u32, spec: &SessionSpec) -> Result<Session, TamatError> {
    let start = zone.resolve(&spec.id, &spec.start)?;
    let end = zone.resolve(&spec.id, &spec.end)?;
    build_session(
        &spec.id,
        &spec.title,
        start,
        end,
        jp_minutes,
        spec.jp,
        spec.required,
        spec.kind,
        &spec.group,
        spec.delivery,
    )
}

fn expand_recurrence(
    zone: Zone,
    jp_minutes: u32,
    rec: &Recurrence,
    out: &mut Vec<Session>,
) -> Result<(), Vec<TamatError>> {
    let bad = |reason: &'static str| {
        vec![TamatError::InvalidRecurrence {
            recurrence: rec.id_prefix.clone(),
            problem: reason,
        }]
    };
    if rec.id_prefix.trim().is_empty() {
        return Err(vec![TamatError::EmptyId { what: "recurrence" }]);
    }
    let start_time = parse_time_of_day(&rec.start_time).ok_or_else(|| bad("start_time"))?;
    let end_time = parse_time_of_day(&rec.end_time).ok_or_else(|| bad("end_time"))?;
    let dates = recurrence_dates(
        &rec.id_prefix,
        &rec.weekdays,
        rec.from,
        rec.count,
        rec.until,
        &rec.except,
    )
    .map_err(|e| vec![e])?;
    if rec.titles.len() > dates.len() {
        return Err(bad("more_titles_than_sessions"));
    }
    let mut errors = Vec::new();
    for (i, date) in dates.iter().enumerate() {
        let id = format!("{}{}", rec.id_prefix, i + 1);
        let title = rec.titles.get(i).unwrap_or(&rec.title);
        let built = zone
            .resolve_naive(&id, date.and_time(start_time))
            .and_then(|start| Ok((start, zone.resolve_naive(&id, date.and_time(end_time))?)))
            .and_then(|(start, end)| {
                build_session(
                    &id,
                    title,
                    start,
                    end,
                    jp_minutes,
                    rec.jp,
                    rec.required,
                    rec.kind,
                    &rec.group,
                    rec.delivery,
                )
            });
        match built {
            Ok(s) => out.push(s),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
