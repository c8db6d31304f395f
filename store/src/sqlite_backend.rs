//! SQLite: one file, WAL mode, `BEGIN IMMEDIATE` so that the write lock is taken before
//! anything is read (two issuers never read the same counter), and a busy timeout so
//! that a second issuer waits its turn instead of failing.

use std::path::Path;
use std::time::Duration;

use rusqlite::{params, Connection, TransactionBehavior};
use tamat::certificates::StatusPurpose;
use tamat::certificates::{Counter, RegisterEntry};
use tamat::rules::LedgerEntry;

use crate::rows::{
    code_of, lookup_sql, migrate_v1_by_rebuild, read_entry, read_event, read_ledger, read_list, schema, series_code,
    series_of, signed, time_text, unsigned, LookupParam, NewRow, Row, StatusEvent, StatusListVersion,
    StoredCertificate, Tx as TxOps, ENTRY_COLUMNS, EVENT_COLUMNS, LEDGER_SQL, LIST_COLUMNS, SCHEMA_VERSION,
};
use crate::{Lookup, StoreError};

/// How long an issuer waits for another's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(120);

pub fn open(path: &Path) -> Result<Connection, StoreError> {
    let unavailable = |e: rusqlite::Error| StoreError::Unavailable(format!("{}: {e}", path.display()));
    let mut conn = Connection::open(path).map_err(unavailable)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(unavailable)?;
    // WAL: readers never block the writer; FULL: a committed issue survives a power cut.
    conn.pragma_update(None, "journal_mode", "WAL").map_err(unavailable)?;
    conn.pragma_update(None, "synchronous", "FULL").map_err(unavailable)?;
    // A bulk issue writes one large transaction; with SQLite's default 2 MB page cache its
    // random-keyed indexes (certificate ids are UUIDs) spill to disk mid-transaction.
    conn.pragma_update(None, "cache_size", -65_536).map_err(unavailable)?;
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(unavailable)?;
    tx.execute_batch(&schema("INTEGER PRIMARY KEY AUTOINCREMENT"))?;
    // The history is append-only: the database itself refuses to change it.
    tx.execute_batch(
        "CREATE TRIGGER IF NOT EXISTS tamat_status_events_no_update BEFORE UPDATE ON tamat_status_events
         BEGIN SELECT RAISE(ABORT, 'tamat_status_events is append-only'); END;
         CREATE TRIGGER IF NOT EXISTS tamat_status_events_no_delete BEFORE DELETE ON tamat_status_events
         BEGIN SELECT RAISE(ABORT, 'tamat_status_events is append-only'); END;",
    )?;
    tx.execute(
        "INSERT INTO tamat_meta (id, schema_version, next_status_index) VALUES (1, $1, 0) ON CONFLICT (id) DO NOTHING",
        params![SCHEMA_VERSION],
    )?;
    let mut version: i64 = tx.query_row("SELECT schema_version FROM tamat_meta WHERE id = 1", [], |r| r.get(0))?;
    if version == 1 {
        tx.execute_batch(&migrate_v1_by_rebuild())?;
        tx.execute_batch(&schema("INTEGER PRIMARY KEY AUTOINCREMENT"))?;
        version = tx.query_row("SELECT schema_version FROM tamat_meta WHERE id = 1", [], |r| r.get(0))?;
    }
    if version != SCHEMA_VERSION {
        return Err(StoreError::Unavailable(format!(
            "{}: schema version {version}, this tamat reads {SCHEMA_VERSION}",
            path.display()
        )));
    }
    tx.commit()?;
    Ok(conn)
}

pub struct Tx<'a>(rusqlite::Transaction<'a>);

impl<'a> Tx<'a> {
    /// `write`: `BEGIN IMMEDIATE` (the write lock first, then the reads); else a deferred
    /// transaction, a snapshot that WAL lets run beside a writer.
    pub fn begin(conn: &'a mut Connection, write: bool) -> Result<Tx<'a>, StoreError> {
        let behavior = if write {
            TransactionBehavior::Immediate
        } else {
            TransactionBehavior::Deferred
        };
        Ok(Tx(conn.transaction_with_behavior(behavior)?))
    }

    pub fn commit(self) -> Result<(), StoreError> {
        Ok(self.0.commit()?)
    }

    /// Runs a statement, prepared once per connection (a bulk issue inserts 100,000 rows
    /// with the same two statements).
    fn exec(&self, sql: &str, params: impl rusqlite::Params) -> Result<usize, StoreError> {
        Ok(self.0.prepare_cached(sql)?.execute(params)?)
    }

    fn rows<T>(
        &self,
        sql: &str,
        params: &[&dyn rusqlite::ToSql],
        read: fn(&dyn Row) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        let mut stmt = self.0.prepare_cached(sql)?;
        let mut rows = stmt.query(params)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(read(&SqliteRow(r))?);
        }
        Ok(out)
    }
}

struct SqliteRow<'r, 's>(&'r rusqlite::Row<'s>);

impl Row for SqliteRow<'_, '_> {
    fn text(&self, i: usize) -> Result<String, StoreError> {
        Ok(self.0.get(i)?)
    }
    fn opt_text(&self, i: usize) -> Result<Option<String>, StoreError> {
        Ok(self.0.get(i)?)
    }
    fn int(&self, i: usize) -> Result<i64, StoreError> {
        Ok(self.0.get(i)?)
    }
}

impl TxOps for Tx<'_> {
    fn next_status_index(&mut self) -> Result<u64, StoreError> {
        let v: i64 = self
            .0
            .query_row("SELECT next_status_index FROM tamat_meta WHERE id = 1", [], |r| {
                r.get(0)
            })?;
        unsigned(v, "next status index")
    }

    fn set_next_status_index(&mut self, next: u64) -> Result<(), StoreError> {
        self.exec(
            "UPDATE tamat_meta SET next_status_index = $1 WHERE id = 1",
            params![signed(next)?],
        )?;
        Ok(())
    }

    fn counters(&mut self) -> Result<Vec<Counter>, StoreError> {
        self.rows(
            "SELECT unit, year, last, series FROM tamat_counters ORDER BY unit, year, series",
            &[],
            |r| {
                Ok(Counter {
                    unit: r.text(0)?,
                    year: i32::try_from(r.int(1)?).map_err(|_| StoreError::Corrupt("counter year".into()))?,
                    last: unsigned(r.int(2)?, "counter")?,
                    series: series_of(&r.text(3)?)?,
                })
            },
        )
    }

    fn put_counter(&mut self, c: &Counter) -> Result<(), StoreError> {
        self.exec(
            "INSERT INTO tamat_counters (unit, year, last, series) VALUES ($1, $2, $3, $4)
             ON CONFLICT (unit, year, series) DO UPDATE SET last = excluded.last",
            params![c.unit, i64::from(c.year), signed(c.last)?, series_code(c.series)],
        )?;
        Ok(())
    }

    fn course_rows(&mut self, course: &str) -> Result<Vec<StoredCertificate>, StoreError> {
        self.rows(
            &format!("SELECT {ENTRY_COLUMNS} FROM tamat_certificates WHERE course = $1 ORDER BY status_index"),
            &[&course],
            read_entry,
        )
    }

    fn insert(&mut self, row: &NewRow<'_>) -> Result<(), StoreError> {
        let e = row.entry;
        self.exec(
            "INSERT INTO tamat_certificates (id, number, course, participant, status, unit, year, sequence, issued_on,
                issued_at, content_hash, status_index, state, supersedes, superseded_by, changed_at, reason, nip,
                total_jp, end_date, credential, series)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)",
            params![
                e.id,
                e.number,
                e.course,
                e.participant,
                code_of(&e.status),
                e.unit,
                i64::from(e.year),
                signed(e.sequence)?,
                e.issued_on.to_string(),
                time_text(e.issued_at),
                e.content_hash,
                signed(e.status_index)?,
                code_of(&e.state),
                e.supersedes,
                e.superseded_by,
                e.changed_at.map(time_text),
                e.reason,
                row.nip,
                signed(row.total_jp)?,
                row.end_date.to_string(),
                row.credential,
                series_code(e.series),
            ],
        )?;
        Ok(())
    }

    fn insert_bare(&mut self, e: &RegisterEntry) -> Result<(), StoreError> {
        self.exec(
            "INSERT INTO tamat_certificates (id, number, course, participant, status, unit, year, sequence, issued_on,
                issued_at, content_hash, status_index, state, supersedes, superseded_by, changed_at, reason, series)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
            params![
                e.id,
                e.number,
                e.course,
                e.participant,
                code_of(&e.status),
                e.unit,
                i64::from(e.year),
                signed(e.sequence)?,
                e.issued_on.to_string(),
                time_text(e.issued_at),
                e.content_hash,
                signed(e.status_index)?,
                code_of(&e.state),
                e.supersedes,
                e.superseded_by,
                e.changed_at.map(time_text),
                e.reason,
                series_code(e.series),
            ],
        )?;
        Ok(())
    }

    fn update_state(&mut self, e: &RegisterEntry) -> Result<(), StoreError> {
        self.exec(
            "UPDATE tamat_certificates SET state = $1, superseded_by = $2, changed_at = $3, reason = $4 WHERE id = $5",
            params![
                code_of(&e.state),
                e.superseded_by,
                e.changed_at.map(time_text),
                e.reason,
                e.id
            ],
        )?;
        Ok(())
    }

    fn fill(&mut self, row: &NewRow<'_>) -> Result<(), StoreError> {
        self.exec(
            "UPDATE tamat_certificates SET nip = $1, total_jp = $2, end_date = $3, credential = $4
             WHERE id = $5 AND credential IS NULL",
            params![
                row.nip,
                signed(row.total_jp)?,
                row.end_date.to_string(),
                row.credential,
                row.entry.id
            ],
        )?;
        Ok(())
    }

    fn event(&mut self, ev: &StatusEvent) -> Result<(), StoreError> {
        self.exec(
            "INSERT INTO tamat_status_events (certificate, at, recorded_at, from_state, to_state, reason, actor)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            params![
                ev.certificate,
                time_text(ev.at),
                time_text(ev.recorded_at),
                ev.from,
                ev.to,
                ev.reason,
                ev.by
            ],
        )?;
        Ok(())
    }

    fn events(&mut self, certificate: Option<&str>) -> Result<Vec<StatusEvent>, StoreError> {
        match certificate {
            Some(id) => self.rows(
                &format!("SELECT {EVENT_COLUMNS} FROM tamat_status_events WHERE certificate = $1 ORDER BY seq"),
                &[&id],
                read_event,
            ),
            None => self.rows(
                &format!("SELECT {EVENT_COLUMNS} FROM tamat_status_events ORDER BY seq"),
                &[],
                read_event,
            ),
        }
    }

    fn find(&mut self, lookup: &Lookup<'_>) -> Result<Vec<StoredCertificate>, StoreError> {
        let (cond, param) = lookup_sql(lookup);
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM tamat_certificates WHERE {cond} ORDER BY status_index");
        match param {
            LookupParam::Text(t) => self.rows(&sql, &[&t], read_entry),
            LookupParam::Int(i) => self.rows(&sql, &[&i], read_entry),
        }
    }

    fn indices_in_state(&mut self, state: &str) -> Result<Vec<u64>, StoreError> {
        self.rows(
            "SELECT status_index FROM tamat_certificates WHERE state = $1 ORDER BY status_index",
            &[&state],
            |r| unsigned(r.int(0)?, "status index"),
        )
    }

    fn list_versions(&mut self, purpose: Option<StatusPurpose>) -> Result<Vec<StatusListVersion>, StoreError> {
        match purpose {
            Some(p) => self.rows(
                &format!("SELECT {LIST_COLUMNS} FROM tamat_status_lists WHERE purpose = $1 ORDER BY version"),
                &[&p.code()],
                read_list,
            ),
            None => self.rows(
                &format!("SELECT {LIST_COLUMNS} FROM tamat_status_lists ORDER BY purpose, version"),
                &[],
                read_list,
            ),
        }
    }

    fn insert_list_version(&mut self, v: &StatusListVersion) -> Result<(), StoreError> {
        self.exec(
            "INSERT INTO tamat_status_lists (purpose, version, valid_from, valid_until, credential)
             VALUES ($1, $2, $3, $4, $5)",
            params![
                v.purpose,
                signed(v.version)?,
                time_text(v.valid_from),
                v.valid_until.map(time_text),
                v.credential
            ],
        )?;
        Ok(())
    }

    fn ledger_entries(&mut self) -> Result<Vec<LedgerEntry>, StoreError> {
        self.rows(LEDGER_SQL, &[], read_ledger)
    }

    fn count(&mut self) -> Result<u64, StoreError> {
        let n: i64 = self
            .0
            .query_row("SELECT COUNT(*) FROM tamat_certificates", [], |r| r.get(0))?;
        unsigned(n, "count")
    }

    fn all_rows(&mut self) -> Result<Vec<StoredCertificate>, StoreError> {
        self.rows(
            &format!("SELECT {ENTRY_COLUMNS} FROM tamat_certificates ORDER BY status_index"),
            &[],
            read_entry,
        )
    }
}
