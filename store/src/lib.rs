//! The issuance register as a database, for issuers that run at the same time.
//!
//! The core (`tamat`) keeps the rules of the register (numbers per unit and year with no
//! gaps, one certificate in force per course and participant, re-issue, state changes)
//! as plain data and does no I/O. This crate stores that register in SQLite (the
//! embedded default: one file) or PostgreSQL (several issuing machines sharing one
//! counter), behind one [`Store`] with one behaviour:
//!
//! - **One transaction per change.** Issuing takes the store's single write lock (SQLite:
//!   `BEGIN IMMEDIATE` in WAL mode; PostgreSQL: a row lock on the one `tamat_meta` row),
//!   reads the part of the register the change needs (the counters, the next status
//!   index, the certificates of the course), applies the core's rule, signs, and writes
//!   the new rows, counters and index before it commits. Two issuers never see the same
//!   counter; a process killed at any moment leaves the store as it was before the
//!   transaction or after it.
//! - **Frozen copies.** The signed credential is stored as issued, byte for byte, and
//!   returned as stored; it is never rebuilt.
//! - **History.** Every state change (issue, revoke, suspend, reinstate, supersede) is a
//!   row of an append-only table (`tamat_status_events`: when, why, from, to, by whom);
//!   the database refuses to change or delete one.
//! - **Versioned status lists.** Each published list is kept with its version,
//!   `validFrom` and `validUntil`.
//! - **Many courses and years** in one store, looked up by id, number, NIP, course and
//!   year; the yearly JP ledger is read from the certificates in force.
//! - **Migration.** A `register.json` is imported losslessly and the store exported back
//!   to it ([`Store::import_register`], [`Store::export_register`]).

mod error;
pub mod json;
mod logic;
mod postgres_backend;
mod rows;
mod sqlite_backend;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tamat::certificates::IssuanceSettings;
use tamat::certificates::StatusPurpose;
use tamat::certificates::{Issuance, Register, RegisterEntry};
use tamat::proofs::SigningKey;
use tamat::rules::LedgerRow;
use tamat::{Course, Evaluation};

pub use error::{StoreError, STORE_ERROR_CODES};
pub use rows::{StatusEvent, StatusListVersion, StoredCertificate};

/// Where a store lives: a SQLite file or a PostgreSQL URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// A SQLite database file (created when missing).
    Sqlite(std::path::PathBuf),
    /// A PostgreSQL connection string (`postgres://user@host:port/db`).
    Postgres(String),
}

impl Location {
    /// `postgres://` or `postgresql://` URLs are PostgreSQL; anything else is a SQLite file.
    pub fn parse(text: &str) -> Location {
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            Location::Postgres(text.to_string())
        } else {
            Location::Sqlite(text.into())
        }
    }
}

/// An issue through the store: the evaluation request (course, attendance, scores,
/// policy, `as_of`, participant) and the issuance settings. The register is the store's.
#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueRequest {
    /// The course.
    pub course: Course,
    /// The marks.
    #[serde(default)]
    pub attendance: Vec<tamat::Mark>,
    /// Scores.
    #[serde(default)]
    pub scores: Vec<tamat::Score>,
    /// The policy (default: the course's own).
    #[serde(default)]
    pub policy: Option<tamat::Policy>,
    /// Evaluate as of this instant (participants still pending get nothing).
    #[serde(default)]
    pub as_of: Option<String>,
    /// Issue for this participant only.
    #[serde(default)]
    pub participant: Option<String>,
    /// Issuance settings.
    pub settings: IssuanceSettings,
    /// Issue although the course is still running at `as_of` (the core's rule:
    /// [`tamat::contract::evaluation_for_issue`]).
    #[serde(default)]
    pub early: bool,
}

impl IssueRequest {
    /// The evaluation the certificates are issued from (the core's rules, early issuance
    /// refused).
    pub fn evaluate(&self) -> Result<Evaluation, StoreError> {
        let request = tamat::EvaluateRequest {
            course: self.course.clone(),
            attendance: self.attendance.clone(),
            scores: self.scores.clone(),
            policy: self.policy.clone(),
            as_of: self.as_of.clone(),
            participant: self.participant.clone(),
            trace: false,
        };
        Ok(tamat::contract::evaluation_for_issue(&request, self.early)?)
    }
}

/// What an issue through the store did: the core's [`Issuance`], and the signed
/// credentials as stored (one per certificate, in the same order).
#[derive(Clone, Debug, Serialize)]
pub struct StoredIssuance {
    /// Certificates in force for the participants evaluated, issued and unchanged.
    #[serde(flatten)]
    pub issuance: Issuance,
    /// The signed credentials (JSON text, as stored), in the order of `certificates`.
    pub credentials: Vec<String>,
}

/// A status change to record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Revoke for good.
    Revoke,
    /// Suspend.
    Suspend,
    /// Put a suspended certificate back in force.
    Reinstate,
}

/// Who and why, for the history.
#[derive(Clone, Debug, Default)]
pub struct Change<'a> {
    /// When the change takes effect (default: now).
    pub at: Option<DateTime<Utc>>,
    /// Why.
    pub reason: Option<&'a str>,
    /// Who made it (a user or system name).
    pub by: Option<&'a str>,
}

/// A lookup of certificates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup<'a> {
    /// By certificate id.
    Id(&'a str),
    /// By certificate number (any unit).
    Number(&'a str),
    /// By the holder's NIP (digits only).
    Nip(&'a str),
    /// By course id.
    Course(&'a str),
    /// By year of the counter (the year of issue).
    Year(i32),
}

/// The issuance register in a database.
pub struct Store {
    backend: Backend,
}

enum Backend {
    Sqlite(rusqlite::Connection),
    Postgres(Box<postgres::Client>),
}

/// Runs `f` in one transaction of the backend (`write`: under the store's write lock;
/// `read`: a consistent snapshot that waits for no issuer), committing only when it
/// succeeds.
macro_rules! in_transaction {
    ($store:expr, |$tx:ident| $body:expr) => {
        in_transaction!($store, true, |$tx| $body)
    };
    (read $store:expr, |$tx:ident| $body:expr) => {
        in_transaction!($store, false, |$tx| $body)
    };
    ($store:expr, $write:expr, |$tx:ident| $body:expr) => {
        match &mut $store.backend {
            Backend::Sqlite(c) => {
                let mut t = sqlite_backend::Tx::begin(c, $write)?;
                let out = {
                    let $tx: &mut dyn rows::Tx = &mut t;
                    $body
                };
                match out {
                    Ok(v) => t.commit().map(|()| v),
                    Err(e) => Err(e),
                }
            }
            Backend::Postgres(c) => {
                let mut t = postgres_backend::Tx::begin(c, $write)?;
                let out = {
                    let $tx: &mut dyn rows::Tx = &mut t;
                    $body
                };
                match out {
                    Ok(v) => t.commit().map(|()| v),
                    Err(e) => Err(e),
                }
            }
        }
    };
}

impl Store {
    /// Opens (and creates or upgrades the tables of) the store at `location`.
    pub fn open(location: &Location) -> Result<Store, StoreError> {
        let backend = match location {
            Location::Sqlite(path) => Backend::Sqlite(sqlite_backend::open(path)?),
            Location::Postgres(url) => Backend::Postgres(Box::new(postgres_backend::open(url)?)),
        };
        Ok(Store { backend })
    }

    /// [`Store::open`] of [`Location::parse`].
    pub fn open_str(location: &str) -> Result<Store, StoreError> {
        Store::open(&Location::parse(location))
    }

    /// `sqlite` or `postgres`.
    pub fn kind(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }

    /// Issues the certificates of an evaluation in one transaction: numbers, status
    /// indices and signed credentials are allocated and stored together, so issuers at
    /// the same time never share a number. Certificates already issued are returned
    /// with their stored credentials, unchanged.
    pub fn issue(
        &mut self,
        course: &Course,
        evaluation: &Evaluation,
        settings: &IssuanceSettings,
        key: &SigningKey,
        by: Option<&str>,
    ) -> Result<StoredIssuance, StoreError> {
        in_transaction!(self, |tx| logic::issue(tx, course, evaluation, settings, key, by))
    }

    /// Replaces certificate `id` with a new one built from the participant's current
    /// decision (the core's re-issue rule); the old one is revoked, both linked.
    pub fn reissue(
        &mut self,
        course: &Course,
        evaluation: &Evaluation,
        settings: &IssuanceSettings,
        key: &SigningKey,
        id: &str,
        change: &Change<'_>,
    ) -> Result<StoredCertificate, StoreError> {
        in_transaction!(self, |tx| logic::reissue(
            tx, course, evaluation, settings, key, id, change
        ))
    }

    /// Revokes, suspends or reinstates a certificate named by its id or number, and
    /// records the change in the history.
    pub fn change_status(
        &mut self,
        certificate: &str,
        action: Action,
        change: &Change<'_>,
    ) -> Result<RegisterEntry, StoreError> {
        in_transaction!(self, |tx| logic::change_status(tx, certificate, action, change))
    }

    /// Signs and records a new version of the status list of `purpose`, valid from
    /// `valid_from` until `valid_until` (when given). Returns the signed list.
    pub fn publish_status_list(
        &mut self,
        settings: &IssuanceSettings,
        key: &SigningKey,
        purpose: StatusPurpose,
        valid_from: DateTime<Utc>,
        valid_until: Option<DateTime<Utc>>,
    ) -> Result<StatusListVersion, StoreError> {
        in_transaction!(self, |tx| logic::publish_status_list(
            tx,
            settings,
            key,
            purpose,
            valid_from,
            valid_until
        ))
    }

    /// The status lists published, oldest first (of one purpose, or all).
    pub fn status_list_versions(
        &mut self,
        purpose: Option<StatusPurpose>,
    ) -> Result<Vec<StatusListVersion>, StoreError> {
        in_transaction!(read self, |tx| tx.list_versions(purpose))
    }

    /// Certificates matching a lookup, in order of issue.
    pub fn find(&mut self, lookup: &Lookup<'_>) -> Result<Vec<StoredCertificate>, StoreError> {
        in_transaction!(read self, |tx| tx.find(lookup))
    }

    /// The state history of a certificate, oldest first.
    pub fn history(&mut self, id: &str) -> Result<Vec<StatusEvent>, StoreError> {
        in_transaction!(read self, |tx| tx.events(Some(id)))
    }

    /// The yearly JP ledger of the certificates in force (LULUS, not revoked), per NIP
    /// and calendar year of the course's end, against `obligation_jp` (the core's rule:
    /// [`tamat::ledger`]).
    pub fn ledger(&mut self, obligation_jp: tamat::Fixed) -> Result<Vec<LedgerRow>, StoreError> {
        let entries = in_transaction!(read self, |tx| tx.ledger_entries())?;
        Ok(tamat::ledger(&entries, obligation_jp)?)
    }

    /// Imports a register (e.g. a `register.json` of earlier runs) into an empty store,
    /// losslessly: every entry, counter and the next status index. A store that already
    /// holds certificates refuses (`store.not_empty`).
    pub fn import_register(&mut self, register: &Register) -> Result<usize, StoreError> {
        in_transaction!(self, |tx| logic::import(tx, register))
    }

    /// The whole store as the register the core's API takes.
    pub fn export_register(&mut self) -> Result<Register, StoreError> {
        in_transaction!(read self, |tx| logic::export(tx))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations() {
        assert_eq!(
            Location::parse("postgres://u@127.0.0.1:5432/db"),
            Location::Postgres("postgres://u@127.0.0.1:5432/db".into())
        );
        assert_eq!(
            Location::parse("postgresql://x"),
            Location::Postgres("postgresql://x".into())
        );
        assert_eq!(
            Location::parse("register.sqlite"),
            Location::Sqlite("register.sqlite".into())
        );
    }
}
