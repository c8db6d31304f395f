//! The tables, the operations both backends implement on them ([`Tx`]), and the rows
//! they return. The SQL is shared: both databases read `$1, $2, ...` as positional
//! parameters.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use tamat::certificates::DocumentKind;
use tamat::certificates::StatusPurpose;
use tamat::certificates::{Counter, RegisterEntry};
use tamat::rules::LedgerEntry;

use crate::{Lookup, StoreError};

/// The schema version written in `tamat_meta`. Version 2 added the counter series
/// (`series`, empty for the main counter) to counters and certificates; a version 1
/// store is migrated when opened.
pub const SCHEMA_VERSION: i64 = 2;

/// The counters table of the current version.
pub fn counters_table(name: &str) -> String {
    format!(
        "CREATE TABLE IF NOT EXISTS {name} (
            unit TEXT NOT NULL,
            year BIGINT NOT NULL,
            last BIGINT NOT NULL,
            series TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (unit, year, series)
        );"
    )
}

/// The certificates table of the current version.
pub fn certificates_table(name: &str) -> String {
    format!(
        "CREATE TABLE IF NOT EXISTS {name} (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL,
            course TEXT NOT NULL,
            participant TEXT NOT NULL,
            status TEXT NOT NULL,
            unit TEXT NOT NULL,
            year BIGINT NOT NULL,
            sequence BIGINT NOT NULL,
            issued_on TEXT NOT NULL,
            issued_at TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            status_index BIGINT NOT NULL UNIQUE,
            state TEXT NOT NULL,
            supersedes TEXT,
            superseded_by TEXT,
            changed_at TEXT,
            reason TEXT,
            nip TEXT,
            total_jp BIGINT,
            end_date TEXT,
            credential TEXT,
            series TEXT NOT NULL DEFAULT '',
            UNIQUE (unit, number),
            UNIQUE (unit, series, year, sequence)
        );"
    )
}

/// The columns version 1 and version 2 certificate tables share.
pub const V1_CERTIFICATE_COLUMNS: &str = "id, number, course, participant, status, unit, year, sequence, issued_on, \
    issued_at, content_hash, status_index, state, supersedes, superseded_by, changed_at, reason, nip, total_jp, \
    end_date, credential";

/// Version 1 to 2 where tables can be rebuilt but not altered (SQLite): new counters and
/// certificates tables filled from the old ones, every row in the main series, then
/// renamed; the indexes are made again by [`schema`].
pub fn migrate_v1_by_rebuild() -> String {
    format!(
        "{counters}
        INSERT INTO tamat_counters_v2 (unit, year, last, series) SELECT unit, year, last, '' FROM tamat_counters;
        DROP TABLE tamat_counters;
        ALTER TABLE tamat_counters_v2 RENAME TO tamat_counters;
        {certificates}
        INSERT INTO tamat_certificates_v2 ({V1_CERTIFICATE_COLUMNS}, series)
            SELECT {V1_CERTIFICATE_COLUMNS}, '' FROM tamat_certificates;
        DROP TABLE tamat_certificates;
        ALTER TABLE tamat_certificates_v2 RENAME TO tamat_certificates;
        UPDATE tamat_meta SET schema_version = 2 WHERE id = 1;",
        counters = counters_table("tamat_counters_v2"),
        certificates = certificates_table("tamat_certificates_v2"),
    )
}

/// Version 1 to 2 by altering the tables in place (PostgreSQL).
pub const MIGRATE_V1_BY_ALTER: &str = "
    ALTER TABLE tamat_counters ADD COLUMN series TEXT NOT NULL DEFAULT '';
    ALTER TABLE tamat_counters DROP CONSTRAINT tamat_counters_pkey;
    ALTER TABLE tamat_counters ADD PRIMARY KEY (unit, year, series);
    ALTER TABLE tamat_certificates ADD COLUMN series TEXT NOT NULL DEFAULT '';
    ALTER TABLE tamat_certificates DROP CONSTRAINT tamat_certificates_unit_year_sequence_key;
    ALTER TABLE tamat_certificates ADD CONSTRAINT tamat_certificates_unit_series_year_sequence_key
        UNIQUE (unit, series, year, sequence);
    UPDATE tamat_meta SET schema_version = 2 WHERE id = 1;";

/// The tables (both backends; `SERIAL_KEY` differs).
pub fn schema(serial_key: &str) -> String {
    format!(
        "CREATE TABLE IF NOT EXISTS tamat_meta (
            id BIGINT PRIMARY KEY,
            schema_version BIGINT NOT NULL,
            next_status_index BIGINT NOT NULL
        );
        {counters}
        {certificates}
        CREATE INDEX IF NOT EXISTS tamat_certificates_course ON tamat_certificates (course, participant);
        CREATE INDEX IF NOT EXISTS tamat_certificates_nip ON tamat_certificates (nip);
        CREATE INDEX IF NOT EXISTS tamat_certificates_year ON tamat_certificates (year);
        CREATE INDEX IF NOT EXISTS tamat_certificates_number ON tamat_certificates (number);
        CREATE TABLE IF NOT EXISTS tamat_status_events (
            seq {serial_key},
            certificate TEXT NOT NULL,
            at TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            from_state TEXT,
            to_state TEXT NOT NULL,
            reason TEXT,
            actor TEXT
        );
        CREATE INDEX IF NOT EXISTS tamat_status_events_certificate ON tamat_status_events (certificate);
        CREATE TABLE IF NOT EXISTS tamat_status_lists (
            purpose TEXT NOT NULL,
            version BIGINT NOT NULL,
            valid_from TEXT NOT NULL,
            valid_until TEXT,
            credential TEXT NOT NULL,
            PRIMARY KEY (purpose, version)
        );",
        counters = counters_table("tamat_counters"),
        certificates = certificates_table("tamat_certificates"),
    )
}

/// The counter series as stored: empty for the main counter.
pub fn series_code(series: Option<DocumentKind>) -> String {
    series.map(|s| s.code().to_string()).unwrap_or_default()
}

/// The counter series of a stored code.
pub fn series_of(code: &str) -> Result<Option<DocumentKind>, StoreError> {
    if code.is_empty() {
        Ok(None)
    } else {
        from_code(code, "series").map(Some)
    }
}

/// The columns of a certificate row, in the order [`read_entry`] reads them.
pub const ENTRY_COLUMNS: &str = "id, number, course, participant, status, unit, year, sequence, issued_on, \
    issued_at, content_hash, status_index, state, supersedes, superseded_by, changed_at, reason, nip, credential, \
    series";

/// One certificate as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StoredCertificate {
    /// The register entry (as the core's register has it).
    #[serde(flatten)]
    pub entry: RegisterEntry,
    /// The holder's NIP (digits), when the certificate has one.
    pub nip: Option<String>,
    /// The signed credential, as issued (JSON text); absent for entries imported from a
    /// register without credentials until the course is issued again.
    pub credential: Option<String>,
}

/// One row of the append-only state history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StatusEvent {
    /// Certificate id.
    pub certificate: String,
    /// When the change takes effect.
    pub at: DateTime<Utc>,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// The state before (none for an issue).
    pub from: Option<String>,
    /// The state after.
    pub to: String,
    /// Why.
    pub reason: Option<String>,
    /// Who.
    pub by: Option<String>,
}

/// One published status list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StatusListVersion {
    /// `revocation` or `suspension`.
    pub purpose: String,
    /// 1, 2, ... per purpose.
    pub version: u64,
    /// `validFrom`.
    pub valid_from: DateTime<Utc>,
    /// `validUntil`, when the list has one.
    pub valid_until: Option<DateTime<Utc>>,
    /// The signed list (JSON text).
    pub credential: String,
}

/// A new certificate row: the entry and what the store keeps beside it.
pub struct NewRow<'a> {
    pub entry: &'a RegisterEntry,
    pub nip: Option<&'a str>,
    pub total_jp: u64,
    pub end_date: NaiveDate,
    /// The signed credential (it holds the whole certificate under `sttpp`).
    pub credential: &'a str,
}

/// What both backends do inside one transaction.
pub trait Tx {
    /// The next free status index.
    fn next_status_index(&mut self) -> Result<u64, StoreError>;
    fn set_next_status_index(&mut self, next: u64) -> Result<(), StoreError>;
    fn counters(&mut self) -> Result<Vec<Counter>, StoreError>;
    fn put_counter(&mut self, counter: &Counter) -> Result<(), StoreError>;
    /// Every certificate of a course, in order of issue, with its credential.
    fn course_rows(&mut self, course: &str) -> Result<Vec<StoredCertificate>, StoreError>;
    fn insert(&mut self, row: &NewRow<'_>) -> Result<(), StoreError>;
    /// Imported entries carry no certificate or credential yet.
    fn insert_bare(&mut self, entry: &RegisterEntry) -> Result<(), StoreError>;
    /// Writes an entry's state, links, `changed_at` and `reason`.
    fn update_state(&mut self, entry: &RegisterEntry) -> Result<(), StoreError>;
    /// Stores the credential (and certificate facts) of an imported entry.
    fn fill(&mut self, row: &NewRow<'_>) -> Result<(), StoreError>;
    fn event(&mut self, event: &StatusEvent) -> Result<(), StoreError>;
    fn events(&mut self, certificate: Option<&str>) -> Result<Vec<StatusEvent>, StoreError>;
    fn find(&mut self, lookup: &Lookup<'_>) -> Result<Vec<StoredCertificate>, StoreError>;
    /// The status indices of the certificates in `state`.
    fn indices_in_state(&mut self, state: &str) -> Result<Vec<u64>, StoreError>;
    fn list_versions(&mut self, purpose: Option<StatusPurpose>) -> Result<Vec<StatusListVersion>, StoreError>;
    fn insert_list_version(&mut self, version: &StatusListVersion) -> Result<(), StoreError>;
    fn ledger_entries(&mut self) -> Result<Vec<LedgerEntry>, StoreError>;
    fn count(&mut self) -> Result<u64, StoreError>;
    fn all_rows(&mut self) -> Result<Vec<StoredCertificate>, StoreError>;
}

/// The SQL `WHERE` of a lookup and its one parameter.
pub fn lookup_sql(lookup: &Lookup<'_>) -> (&'static str, LookupParam) {
    match lookup {
        Lookup::Id(id) => ("id = $1", LookupParam::Text(id.to_string())),
        Lookup::Number(n) => ("number = $1", LookupParam::Text(n.to_string())),
        Lookup::Nip(n) => (
            "nip = $1",
            LookupParam::Text(n.chars().filter(char::is_ascii_digit).collect()),
        ),
        Lookup::Course(c) => ("course = $1", LookupParam::Text(c.to_string())),
        Lookup::Year(y) => ("year = $1", LookupParam::Int(i64::from(*y))),
    }
}

/// The parameter of a lookup.
pub enum LookupParam {
    Text(String),
    Int(i64),
}

/// A row of either backend, read by column position.
pub trait Row {
    fn text(&self, i: usize) -> Result<String, StoreError>;
    fn opt_text(&self, i: usize) -> Result<Option<String>, StoreError>;
    fn int(&self, i: usize) -> Result<i64, StoreError>;
}

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} `{value}`"))
}

/// An integer the store wrote from a `u64`.
pub fn unsigned(v: i64, what: &str) -> Result<u64, StoreError> {
    u64::try_from(v).map_err(|_| corrupt(what, &v.to_string()))
}

/// A `u64` as the databases' signed 64-bit integer.
pub fn signed(v: u64) -> Result<i64, StoreError> {
    i64::try_from(v).map_err(|_| StoreError::Failed(format!("{v} does not fit a 64-bit integer column")))
}

pub fn time_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

pub fn parse_time(text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| corrupt("time", text))
}

/// A serde enum (outcome, state) as its code.
pub fn code_of<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn from_code<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> Result<T, StoreError> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).map_err(|_| corrupt(what, text))
}

/// Reads the [`ENTRY_COLUMNS`] of a row.
pub fn read_entry(r: &dyn Row) -> Result<StoredCertificate, StoreError> {
    let issued_on = r.text(8)?;
    let year = r.int(6)?;
    let entry = RegisterEntry {
        id: r.text(0)?,
        number: r.text(1)?,
        course: r.text(2)?,
        participant: r.text(3)?,
        status: from_code(&r.text(4)?, "outcome")?,
        unit: r.text(5)?,
        year: i32::try_from(year).map_err(|_| corrupt("year", &year.to_string()))?,
        sequence: unsigned(r.int(7)?, "sequence")?,
        series: series_of(&r.text(19)?)?,
        issued_on: issued_on.parse().map_err(|_| corrupt("date", &issued_on))?,
        issued_at: parse_time(&r.text(9)?)?,
        content_hash: r.text(10)?,
        status_index: unsigned(r.int(11)?, "status index")?,
        state: from_code(&r.text(12)?, "state")?,
        supersedes: r.opt_text(13)?,
        superseded_by: r.opt_text(14)?,
        changed_at: r.opt_text(15)?.map(|t| parse_time(&t)).transpose()?,
        reason: r.opt_text(16)?,
    };
    Ok(StoredCertificate {
        entry,
        nip: r.opt_text(17)?,
        credential: r.opt_text(18)?,
    })
}

/// The columns of an event row, in the order [`read_event`] reads them.
pub const EVENT_COLUMNS: &str = "certificate, at, recorded_at, from_state, to_state, reason, actor";

pub fn read_event(r: &dyn Row) -> Result<StatusEvent, StoreError> {
    Ok(StatusEvent {
        certificate: r.text(0)?,
        at: parse_time(&r.text(1)?)?,
        recorded_at: parse_time(&r.text(2)?)?,
        from: r.opt_text(3)?,
        to: r.text(4)?,
        reason: r.opt_text(5)?,
        by: r.opt_text(6)?,
    })
}

pub const LIST_COLUMNS: &str = "purpose, version, valid_from, valid_until, credential";

pub fn read_list(r: &dyn Row) -> Result<StatusListVersion, StoreError> {
    Ok(StatusListVersion {
        purpose: r.text(0)?,
        version: unsigned(r.int(1)?, "list version")?,
        valid_from: parse_time(&r.text(2)?)?,
        valid_until: r.opt_text(3)?.map(|t| parse_time(&t)).transpose()?,
        credential: r.text(4)?,
    })
}

/// A ledger row: `nip, course, end_date, total_jp`.
pub fn read_ledger(r: &dyn Row) -> Result<LedgerEntry, StoreError> {
    let nip = r.text(0)?;
    let end = r.text(2)?;
    Ok(LedgerEntry {
        nip: serde_json::from_value(serde_json::Value::String(nip.clone())).map_err(|_| corrupt("NIP", &nip))?,
        course: r.text(1)?,
        completed_on: end.parse().map_err(|_| corrupt("date", &end))?,
        jp: tamat::Fixed::from_int(r.int(3)?),
    })
}

/// The certificates in force that earn JP: LULUS, not revoked, with a NIP.
pub const LEDGER_SQL: &str = "SELECT nip, course, end_date, total_jp FROM tamat_certificates \
    WHERE status = 'lulus' AND state <> 'revoked' AND nip IS NOT NULL AND end_date IS NOT NULL \
    ORDER BY nip, end_date, course";
