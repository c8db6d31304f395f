//! The issuance register: every certificate number and status ever issued, as plain data
//! that the caller stores and passes back (the core does no I/O).
//!
//! Rules it keeps:
//! - Numbers run per year (of the date of issue) per issuing unit, from the chosen start,
//!   with no gaps; a number once issued never changes and is never reused. Surat
//!   keterangan may run a series of their own (numbering `surat_keterangan`): a second
//!   counter per year per unit, named by `series` in counters and entries. A template
//!   that would write a number the unit already issued is refused
//!   (`numbering.invalid_template`, reason `number_taken`).
//! - Issuing again for the same course and participant returns the same certificate
//!   (same id, number, dates and content). If the content would differ (a corrected
//!   name, a new outcome), issuing refuses (`register.content_changed`): only an explicit
//!   re-issue replaces a certificate. It revokes the old one and links both ways.
//! - Bulk issuance numbers certificates in the order of the evaluation's decisions,
//!   which is the order of the course's participant list.
//! - A change is all or nothing: on error the register is left as it was.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::certificates::certificate::{
    certificate_id, course_facts, default_issued_at, policy_hash, Certificate, IssuanceSettings, IssueContext,
    IssueFacts,
};
use crate::certificates::numbering::DocumentKind;
use crate::certificates::status::{Bitstring, CertificateState, StatusPurpose};
use crate::error::{Errors, TamatError};
use crate::model::course::{Course, Participant};
use crate::rules::decision::{Decision, Evaluation, Outcome};

/// The issuance register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Register {
    /// Format version: 1.
    #[serde(default = "version_one")]
    pub version: u32,
    /// The last number issued per unit and year.
    #[serde(default)]
    pub counters: Vec<Counter>,
    /// The next free status list index.
    #[serde(default)]
    pub next_status_index: u64,
    /// Every certificate issued, in order of issue.
    #[serde(default)]
    pub certificates: Vec<RegisterEntry>,
}

fn version_one() -> u32 {
    1
}

impl Default for Register {
    fn default() -> Self {
        Register {
            version: 1,
            counters: Vec::new(),
            next_status_index: 0,
            certificates: Vec::new(),
        }
    }
}

/// A running-number counter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Counter {
    /// Issuing unit.
    pub unit: String,
    /// Year of issue.
    pub year: i32,
    /// The last number issued.
    pub last: u64,
    /// The series: absent for the main counter, `surat_keterangan` for theirs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<DocumentKind>,
}

/// One issued certificate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterEntry {
    /// Certificate id.
    pub id: String,
    /// Certificate number.
    pub number: String,
    /// Course id.
    pub course: String,
    /// Participant id.
    pub participant: String,
    /// The outcome certified.
    pub status: Outcome,
    /// Issuing unit.
    pub unit: String,
    /// Year of the counter.
    pub year: i32,
    /// The running number.
    pub sequence: u64,
    /// The counter series it was numbered in (absent: the main counter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<DocumentKind>,
    /// Date of issue.
    pub issued_on: NaiveDate,
    /// Moment of issue.
    pub issued_at: DateTime<Utc>,
    /// Hash of the content (see [`Certificate::content_hash`]).
    pub content_hash: String,
    /// Status slot: 0, 1, 2... in order of issue. The credential's `statusListIndex` is
    /// [`crate::certificates::status::list_index`] of it.
    pub status_index: u64,
    /// In force, suspended or revoked.
    pub state: CertificateState,
    /// The certificate this one replaced.
    #[serde(default)]
    pub supersedes: Option<String>,
    /// The certificate that replaced this one.
    #[serde(default)]
    pub superseded_by: Option<String>,
    /// When the state last changed.
    #[serde(default)]
    pub changed_at: Option<DateTime<Utc>>,
    /// Why the state last changed.
    #[serde(default)]
    pub reason: Option<String>,
}

/// A participant who got no certificate in a bulk issuance, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Skipped {
    /// Participant id.
    pub participant: String,
    /// Their outcome.
    pub outcome: Outcome,
    /// `no_document`, `pending` or `revoked` (their certificate was revoked; only a
    /// re-issue gives a new one).
    pub reason: &'static str,
}

/// What an issuance did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Issuance {
    /// Every certificate in force for the participants evaluated, in decision order.
    pub certificates: Vec<Certificate>,
    /// Ids issued by this call.
    pub issued: Vec<String>,
    /// Ids that were already issued and are returned unchanged.
    pub unchanged: Vec<String>,
    /// Participants without a certificate.
    pub skipped: Vec<Skipped>,
}

/// Prepared once per call: the shared content and the participants by id.
struct Prepared<'a> {
    ctx: IssueContext<'a>,
    participants: HashMap<&'a str, &'a Participant>,
    issued_on: NaiveDate,
    issued_at: DateTime<Utc>,
}

fn prepare<'a>(
    course: &'a Course,
    evaluation: &'a Evaluation,
    settings: &'a IssuanceSettings,
) -> Result<Prepared<'a>, Errors> {
    settings.validate()?;
    if evaluation.course != course.id {
        return Err(TamatError::InvalidIssuanceSetting {
            field: "course".into(),
            problem: "course_mismatch",
        }
        .into());
    }
    let schedule = course.schedule()?;
    let facts = course_facts(course, &schedule, settings.partner.as_deref())?;
    let issued_on = settings.issued_on.or(evaluation.completed_on).unwrap_or(facts.end_date);
    let issued_at = settings
        .issued_at
        .unwrap_or_else(|| default_issued_at(course, &schedule, issued_on));
    if settings.valid_until.is_some_and(|until| until <= issued_at) {
        return Err(TamatError::InvalidIssuanceSetting {
            field: "valid_until".into(),
            problem: "valid_until",
        }
        .into());
    }
    let place = match (&settings.place, &course.venue) {
        (Some(p), _) => p.clone(),
        (None, Some(v)) if !v.trim().is_empty() => v.clone(),
        _ => {
            return Err(TamatError::InvalidIssuanceSetting {
                field: "place".into(),
                problem: "empty_value",
            }
            .into())
        }
    };
    let unit = settings
        .unit
        .clone()
        .unwrap_or_else(|| course.organiser.unit_code.clone());
    if unit.trim().is_empty() {
        return Err(TamatError::InvalidIssuanceSetting {
            field: "unit".into(),
            problem: "empty_value",
        }
        .into());
    }
    Ok(Prepared {
        ctx: IssueContext {
            evaluation,
            settings,
            course: facts,
            place,
            unit,
            policy_hash: policy_hash(&evaluation.policy)?,
        },
        participants: course.participants.iter().map(|p| (p.id.as_str(), p)).collect(),
        issued_on,
        issued_at,
    })
}

impl Register {
    /// An empty register.
    pub fn new() -> Register {
        Register::default()
    }

    /// Reads a register from JSON and checks it.
    pub fn from_json(text: &str) -> Result<Register, TamatError> {
        let register: Register = serde_json::from_str(text).map_err(|e| TamatError::from_serde(&e))?;
        register.validate(u64::MAX)?;
        Ok(register)
    }

    /// Checks that the register does not contradict itself: ids, numbers, status
    /// indices unique; at most one certificate in force per course and participant;
    /// counters not behind any number issued; links to certificates that exist; indices
    /// inside a list of `list_size` entries.
    pub fn validate(&self, list_size: u64) -> Result<(), TamatError> {
        let bad = |reason, at: &str| TamatError::InvalidRegister {
            problem: reason,
            at: at.to_string(),
        };
        if self.version != 1 {
            return Err(bad("register_version", ""));
        }
        let mut ids = HashSet::new();
        let mut numbers = HashSet::new();
        let mut indices = HashSet::new();
        let mut in_force = HashSet::new();
        for e in &self.certificates {
            if !ids.insert(e.id.as_str()) {
                return Err(bad("duplicate_id", &e.id));
            }
            if !numbers.insert((e.unit.as_str(), e.number.as_str())) {
                return Err(bad("duplicate_number", &e.number));
            }
            if !indices.insert(e.status_index) {
                return Err(bad("duplicate_index", &e.id));
            }
            if e.status_index >= crate::certificates::status::capacity(list_size)
                || e.status_index >= self.next_status_index
            {
                return Err(bad("index_out_of_range", &e.id));
            }
            if e.state != CertificateState::Revoked && !in_force.insert((e.course.as_str(), e.participant.as_str())) {
                return Err(bad("duplicate_active", &e.id));
            }
            let counter = self
                .counters
                .iter()
                .find(|c| c.unit == e.unit && c.year == e.year && c.series == e.series);
            if counter.is_none_or(|c| c.last < e.sequence) {
                return Err(bad("counter_behind", &format!("{}/{}", e.unit, e.year)));
            }
        }
        for e in &self.certificates {
            for link in [&e.supersedes, &e.superseded_by].into_iter().flatten() {
                if !ids.contains(link.as_str()) {
                    return Err(bad("unknown_link", &e.id));
                }
            }
        }
        Ok(())
    }

    /// The entry of a certificate.
    pub fn entry(&self, id: &str) -> Option<&RegisterEntry> {
        self.certificates.iter().find(|e| e.id == id)
    }

    /// The certificate people name: by its id, else by its number. A number that two
    /// units share is ambiguous, and refused like an unknown one
    /// (`register.unknown_certificate`): name it by id.
    pub fn lookup(&self, name: &str) -> Result<&RegisterEntry, TamatError> {
        if let Some(e) = self.entry(name) {
            return Ok(e);
        }
        let mut found = self.certificates.iter().filter(|e| e.number == name);
        match (found.next(), found.next()) {
            (Some(e), None) => Ok(e),
            _ => Err(TamatError::UnknownCertificate {
                certificate: name.to_string(),
            }),
        }
    }

    /// The numbers a unit has issued.
    fn numbers_of(&self, unit: &str) -> HashSet<String> {
        self.certificates
            .iter()
            .filter(|e| e.unit == unit)
            .map(|e| e.number.clone())
            .collect()
    }

    /// Takes the next number of `unit` in `year` in a series and the next status index.
    fn allocate(
        &mut self,
        unit: &str,
        year: i32,
        series: Option<DocumentKind>,
        start: u64,
        list_size: u64,
    ) -> Result<(u64, u64), TamatError> {
        if self.next_status_index >= crate::certificates::status::capacity(list_size) {
            return Err(TamatError::StatusListFull { size: list_size });
        }
        let sequence = match self
            .counters
            .iter_mut()
            .find(|c| c.unit == unit && c.year == year && c.series == series)
        {
            Some(c) => {
                c.last = c.last.checked_add(1).ok_or_else(|| TamatError::CounterOverflow {
                    unit: unit.to_string(),
                    year,
                })?;
                c.last
            }
            None => {
                self.counters.push(Counter {
                    unit: unit.to_string(),
                    year,
                    last: start,
                    series,
                });
                start
            }
        };
        let index = self.next_status_index;
        self.next_status_index += 1;
        Ok((sequence, index))
    }

    /// Issues a new certificate (no checks of earlier ones).
    fn issue_new(
        &mut self,
        p: &Prepared<'_>,
        participant: &Participant,
        decision: &Decision,
        supersedes: Option<String>,
        taken: &mut HashSet<String>,
    ) -> Result<Certificate, TamatError> {
        let (issued_on, issued_at) = (p.issued_on, p.issued_at);
        let settings = p.ctx.settings;
        let kind = DocumentKind::for_outcome(decision.outcome).ok_or_else(|| no_document(decision))?;
        let plan = settings.numbering.plan(kind)?;
        let year = issued_on.year();
        let (sequence, status_index) =
            self.allocate(&p.ctx.unit, year, plan.series, plan.start, settings.status_list_size)?;
        let number = plan.template.render(sequence, issued_on, &p.ctx.unit);
        if !taken.insert(number.clone()) {
            return Err(TamatError::InvalidNumberTemplate {
                template: match (&settings.numbering.surat_keterangan, plan.series) {
                    (Some(s), Some(_)) => s.template.clone(),
                    _ => settings.numbering.template.clone(),
                },
                problem: "number_taken",
            });
        }
        let id = certificate_id(&p.ctx.unit, &number, &p.ctx.course.id, &participant.id);
        let facts = IssueFacts {
            id,
            number,
            issued_on,
            issued_at,
            status_index,
            supersedes: supersedes.clone(),
        };
        let cert = p
            .ctx
            .build(participant, decision, facts)
            .ok_or_else(|| no_document(decision))?;
        self.certificates.push(RegisterEntry {
            id: cert.id.clone(),
            number: cert.number.clone(),
            course: p.ctx.course.id.clone(),
            participant: participant.id.clone(),
            status: decision.outcome,
            unit: p.ctx.unit.clone(),
            year,
            sequence,
            series: plan.series,
            issued_on,
            issued_at,
            content_hash: cert.content_hash()?,
            status_index,
            state: CertificateState::Active,
            supersedes,
            superseded_by: None,
            changed_at: None,
            reason: None,
        });
        Ok(cert)
    }

    /// Issues certificates for every decision of `evaluation` whose outcome gets a
    /// document, in decision order (the course's participant order). Certificates
    /// already issued are returned as they were; see the module docs for the rules.
    pub fn issue(
        &mut self,
        course: &Course,
        evaluation: &Evaluation,
        settings: &IssuanceSettings,
    ) -> Result<Issuance, Errors> {
        self.validate(settings.status_list_size)?;
        let p = prepare(course, evaluation, settings)?;
        let mut work = self.clone();
        let mut out = Issuance {
            certificates: Vec::new(),
            issued: Vec::new(),
            unchanged: Vec::new(),
            skipped: Vec::new(),
        };
        let mut conflicts = Vec::new();
        let mut taken = work.numbers_of(&p.ctx.unit);
        // The latest certificate of each participant of this course (an index, so that
        // a cohort of any size is looked up in constant time).
        let mut latest: HashMap<&str, usize> = HashMap::new();
        for (i, e) in self.certificates.iter().enumerate() {
            if e.course == course.id {
                latest.insert(e.participant.as_str(), i);
            }
        }
        for decision in &evaluation.decisions {
            let Some(participant) = p.participants.get(decision.participant.as_str()).copied() else {
                return Err(TamatError::UnknownRequestedParticipant {
                    participant: decision.participant.clone(),
                }
                .into());
            };
            let skip = |reason| Skipped {
                participant: decision.participant.clone(),
                outcome: decision.outcome,
                reason,
            };
            let existing = latest.get(participant.id.as_str()).copied();
            match existing.map(|i| &work.certificates[i]) {
                Some(e) if e.state == CertificateState::Revoked => out.skipped.push(skip("revoked")),
                Some(e) => match rebuild(&p, participant, decision, e)? {
                    Some(cert) if cert.content_hash()? == e.content_hash => {
                        out.unchanged.push(cert.id.clone());
                        out.certificates.push(cert);
                    }
                    _ => conflicts.push(TamatError::ContentChanged {
                        certificate: e.id.clone(),
                        participant: participant.id.clone(),
                    }),
                },
                None => match decision.outcome {
                    Outcome::Lulus | Outcome::TelahMengikuti => {
                        let cert = work.issue_new(&p, participant, decision, None, &mut taken)?;
                        out.issued.push(cert.id.clone());
                        out.certificates.push(cert);
                    }
                    Outcome::Pending => out.skipped.push(skip("pending")),
                    Outcome::NoDocument => out.skipped.push(skip("no_document")),
                },
            }
        }
        if !conflicts.is_empty() {
            return Err(Errors(conflicts));
        }
        *self = work;
        Ok(out)
    }

    /// Replaces certificate `id` with a new one built from the participant's current
    /// decision (e.g. after a corrected name): the old one is revoked and both are
    /// linked. `at` is when the old one stops (default: the new one's moment of issue).
    pub fn reissue(
        &mut self,
        course: &Course,
        evaluation: &Evaluation,
        settings: &IssuanceSettings,
        id: &str,
        at: Option<DateTime<Utc>>,
        reason: Option<&str>,
    ) -> Result<Certificate, Errors> {
        self.validate(settings.status_list_size)?;
        let p = prepare(course, evaluation, settings)?;
        let mut work = self.clone();
        let pos = work.position(id)?;
        let old = work.certificates[pos].clone();
        if old.state == CertificateState::Revoked {
            return Err(transition(&old, "reissued").into());
        }
        if old.course != course.id {
            return Err(TamatError::UnknownCertificate {
                certificate: id.to_string(),
            }
            .into());
        }
        let decision = evaluation
            .decisions
            .iter()
            .find(|d| d.participant == old.participant)
            .ok_or_else(|| TamatError::UnknownRequestedParticipant {
                participant: old.participant.clone(),
            })?;
        let participant = p.participants.get(old.participant.as_str()).copied().ok_or_else(|| {
            TamatError::UnknownRequestedParticipant {
                participant: old.participant.clone(),
            }
        })?;
        let cert = work.issue_new(
            &p,
            participant,
            decision,
            Some(old.id.clone()),
            &mut work.numbers_of(&p.ctx.unit),
        )?;
        let entry = &mut work.certificates[pos];
        entry.state = CertificateState::Revoked;
        entry.superseded_by = Some(cert.id.clone());
        entry.changed_at = Some(at.unwrap_or(p.issued_at));
        entry.reason = Some(reason.unwrap_or("superseded").to_string());
        *self = work;
        Ok(cert)
    }

    /// Rebuilds a certificate in the register from its course and evaluation (the same
    /// document as when it was issued, if nothing changed since).
    pub fn certificate(
        &self,
        course: &Course,
        evaluation: &Evaluation,
        settings: &IssuanceSettings,
        id: &str,
    ) -> Result<Certificate, Errors> {
        let p = prepare(course, evaluation, settings)?;
        let e = &self.certificates[self.position(id)?];
        let participant = p.participants.get(e.participant.as_str()).copied();
        let decision = evaluation.decisions.iter().find(|d| d.participant == e.participant);
        let (Some(participant), Some(decision)) = (participant, decision) else {
            return Err(TamatError::UnknownRequestedParticipant {
                participant: e.participant.clone(),
            }
            .into());
        };
        match rebuild(&p, participant, decision, e)? {
            Some(c) => Ok(c),
            None => Err(no_document(decision).into()),
        }
    }

    fn position(&self, id: &str) -> Result<usize, TamatError> {
        self.certificates
            .iter()
            .position(|e| e.id == id)
            .ok_or_else(|| TamatError::UnknownCertificate {
                certificate: id.to_string(),
            })
    }

    fn change(
        &mut self,
        id: &str,
        allowed: &[CertificateState],
        to: CertificateState,
        verb: &str,
        at: Option<DateTime<Utc>>,
        reason: Option<&str>,
    ) -> Result<&RegisterEntry, TamatError> {
        let pos = self.position(id)?;
        let entry = &mut self.certificates[pos];
        if !allowed.contains(&entry.state) {
            return Err(transition(entry, verb));
        }
        entry.state = to;
        entry.changed_at = at;
        entry.reason = reason.map(str::to_string);
        Ok(&self.certificates[pos])
    }

    /// Revokes a certificate for good (active or suspended).
    pub fn revoke(
        &mut self,
        id: &str,
        at: Option<DateTime<Utc>>,
        reason: Option<&str>,
    ) -> Result<&RegisterEntry, TamatError> {
        use CertificateState::*;
        self.change(id, &[Active, Suspended], Revoked, "revoked", at, reason)
    }

    /// Suspends an active certificate.
    pub fn suspend(
        &mut self,
        id: &str,
        at: Option<DateTime<Utc>>,
        reason: Option<&str>,
    ) -> Result<&RegisterEntry, TamatError> {
        use CertificateState::*;
        self.change(id, &[Active], Suspended, "suspended", at, reason)
    }

    /// Puts a suspended certificate back in force.
    pub fn reinstate(
        &mut self,
        id: &str,
        at: Option<DateTime<Utc>>,
        reason: Option<&str>,
    ) -> Result<&RegisterEntry, TamatError> {
        use CertificateState::*;
        self.change(id, &[Suspended], Active, "active", at, reason)
    }
}

fn transition(entry: &RegisterEntry, to: &str) -> TamatError {
    TamatError::InvalidTransition {
        certificate: entry.id.clone(),
        from: entry.state.code().to_string(),
        to: to.to_string(),
    }
}

fn no_document(decision: &Decision) -> TamatError {
    TamatError::NoDocument {
        participant: decision.participant.clone(),
        outcome: decision.outcome.code().to_string(),
    }
}

/// The certificate of a register entry, rebuilt with the entry's facts of issue.
fn rebuild(
    p: &Prepared<'_>,
    participant: &Participant,
    decision: &Decision,
    e: &RegisterEntry,
) -> Result<Option<Certificate>, TamatError> {
    Ok(p.ctx.build(
        participant,
        decision,
        IssueFacts {
            id: e.id.clone(),
            number: e.number.clone(),
            issued_on: e.issued_on,
            issued_at: e.issued_at,
            status_index: e.status_index,
            supersedes: e.supersedes.clone(),
        },
    ))
}

impl Register {
    /// The register's bits in a status list of one purpose.
    pub fn bitstring(&self, purpose: StatusPurpose, size: u64) -> Result<Bitstring, TamatError> {
        let mut bits = Bitstring::new(size);
        for e in &self.certificates {
            if !bits.mark(purpose, e.status_index, e.state) {
                return Err(TamatError::InvalidRegister {
                    problem: "index_out_of_range",
                    at: e.id.clone(),
                });
            }
        }
        Ok(bits)
    }
}
