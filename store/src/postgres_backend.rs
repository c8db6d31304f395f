//! PostgreSQL: several issuing machines share one counter. Every transaction starts by
//! locking the one `tamat_meta` row (`SELECT ... FOR UPDATE`), so issuers take turns:
//! the second waits until the first commits, then reads the counters it wrote.

use postgres::types::ToSql;
use postgres::{Client, NoTls};
use tamat::certificates::StatusPurpose;
use tamat::certificates::{Counter, RegisterEntry};
use tamat::rules::LedgerEntry;

use crate::rows::{
    code_of, lookup_sql, read_entry, read_event, read_ledger, read_list, schema, series_code, series_of, signed,
    time_text, unsigned, LookupParam, NewRow, Row, StatusEvent, StatusListVersion, StoredCertificate, Tx as TxOps,
    ENTRY_COLUMNS, EVENT_COLUMNS, LEDGER_SQL, LIST_COLUMNS, MIGRATE_V1_BY_ALTER, SCHEMA_VERSION,
};
use crate::{Lookup, StoreError};

pub fn open(url: &str) -> Result<Client, StoreError> {
    let unavailable = |e: postgres::Error| StoreError::Unavailable(format!("{}: {e}", redact(url)));
    let mut client = Client::connect(url, NoTls).map_err(unavailable)?;
    let mut tx = client.transaction().map_err(unavailable)?;
    // Two first issuers creating the tables at once would collide in the catalogue.
    tx.execute("SELECT pg_advisory_xact_lock(7261736)", &[])?;
    tx.batch_execute(&schema("BIGSERIAL PRIMARY KEY"))?;
    // The history is append-only: the database itself refuses to change it.
    tx.batch_execute(
        "CREATE OR REPLACE FUNCTION tamat_append_only() RETURNS trigger LANGUAGE plpgsql AS
           $$ BEGIN RAISE EXCEPTION 'tamat_status_events is append-only'; END $$;
         CREATE OR REPLACE TRIGGER tamat_status_events_append_only BEFORE UPDATE OR DELETE ON tamat_status_events
           FOR EACH ROW EXECUTE FUNCTION tamat_append_only();",
    )?;
    tx.execute(
        "INSERT INTO tamat_meta (id, schema_version, next_status_index) VALUES (1, $1, 0) ON CONFLICT (id) DO NOTHING",
        &[&SCHEMA_VERSION],
    )?;
    let mut version: i64 = tx
        .query_one("SELECT schema_version FROM tamat_meta WHERE id = 1", &[])?
        .get(0);
    if version == 1 {
        tx.batch_execute(MIGRATE_V1_BY_ALTER)?;
        version = tx
            .query_one("SELECT schema_version FROM tamat_meta WHERE id = 1", &[])?
            .get(0);
    }
    if version != SCHEMA_VERSION {
        return Err(StoreError::Unavailable(format!(
            "{}: schema version {version}, this tamat reads {SCHEMA_VERSION}",
            redact(url)
        )));
    }
    tx.commit()?;
    Ok(client)
}

/// A connection string without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let user = &url[s + 3..at];
            match user.split_once(':') {
                Some((name, _)) => format!("{}{name}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

pub struct Tx<'a>(postgres::Transaction<'a>);

impl<'a> Tx<'a> {
    /// `write`: the store's one write lock, taken first (every change waits here for the
    /// one before it); else a repeatable-read snapshot that waits for no issuer.
    pub fn begin(client: &'a mut Client, write: bool) -> Result<Tx<'a>, StoreError> {
        if !write {
            let tx = client
                .build_transaction()
                .isolation_level(postgres::IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()?;
            return Ok(Tx(tx));
        }
        let mut tx = client.transaction()?;
        tx.query_one("SELECT next_status_index FROM tamat_meta WHERE id = 1 FOR UPDATE", &[])?;
        Ok(Tx(tx))
    }

    pub fn commit(self) -> Result<(), StoreError> {
        Ok(self.0.commit()?)
    }

    fn rows<T>(
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
        read: fn(&dyn Row) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        self.0.query(sql, params)?.iter().map(|r| read(&PgRow(r))).collect()
    }

    fn one_int(&mut self, sql: &str) -> Result<i64, StoreError> {
        Ok(self.0.query_one(sql, &[])?.try_get(0)?)
    }
}

struct PgRow<'r>(&'r postgres::Row);

impl Row for PgRow<'_> {
    fn text(&self, i: usize) -> Result<String, StoreError> {
        Ok(self.0.try_get(i)?)
    }
    fn opt_text(&self, i: usize) -> Result<Option<String>, StoreError> {
        Ok(self.0.try_get(i)?)
    }
    fn int(&self, i: usize) -> Result<i64, StoreError> {
        Ok(self.0.try_get(i)?)
    }
}

impl TxOps for Tx<'_> {
    fn next_status_index(&mut self) -> Result<u64, StoreError> {
        let v = self.one_int("SELECT next_status_index FROM tamat_meta WHERE id = 1")?;
        unsigned(v, "next status index")
    }

    fn set_next_status_index(&mut self, next: u64) -> Result<(), StoreError> {
        self.0.execute(
            "UPDATE tamat_meta SET next_status_index = $1 WHERE id = 1",
            &[&signed(next)?],
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
        self.0.execute(
            "INSERT INTO tamat_counters (unit, year, last, series) VALUES ($1, $2, $3, $4)
             ON CONFLICT (unit, year, series) DO UPDATE SET last = excluded.last",
            &[&c.unit, &i64::from(c.year), &signed(c.last)?, &series_code(c.series)],
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
        self.0.execute(
            "INSERT INTO tamat_certificates (id, number, course, participant, status, unit, year, sequence, issued_on,
                issued_at, content_hash, status_index, state, supersedes, superseded_by, changed_at, reason, nip,
                total_jp, end_date, credential, series)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)",
            &[
                &e.id,
                &e.number,
                &e.course,
                &e.participant,
                &code_of(&e.status),
                &e.unit,
                &i64::from(e.year),
                &signed(e.sequence)?,
                &e.issued_on.to_string(),
                &time_text(e.issued_at),
                &e.content_hash,
                &signed(e.status_index)?,
                &code_of(&e.state),
                &e.supersedes,
                &e.superseded_by,
                &e.changed_at.map(time_text),
                &e.reason,
                &row.nip,
                &signed(row.total_jp)?,
                &row.end_date.to_string(),
                &row.credential,
                &series_code(e.series),
            ],
        )?;
        Ok(())
    }

    fn insert_bare(&mut self, e: &RegisterEntry) -> Result<(), StoreError> {
        self.0.execute(
            "INSERT INTO tamat_certificates (id, number, course, participant, status, unit, year, sequence, issued_on,
                issued_at, content_hash, status_index, state, supersedes, superseded_by, changed_at, reason, series)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
            &[
                &e.id,
                &e.number,
                &e.course,
                &e.participant,
                &code_of(&e.status),
                &e.unit,
                &i64::from(e.year),
                &signed(e.sequence)?,
                &e.issued_on.to_string(),
                &time_text(e.issued_at),
                &e.content_hash,
                &signed(e.status_index)?,
                &code_of(&e.state),
                &e.supersedes,
                &e.superseded_by,
                &e.changed_at.map(time_text),
                &e.reason,
                &series_code(e.series),
            ],
        )?;
        Ok(())
    }

    fn update_state(&mut self, e: &RegisterEntry) -> Result<(), StoreError> {
        self.0.execute(
            "UPDATE tamat_certificates SET state = $1, superseded_by = $2, changed_at = $3, reason = $4 WHERE id = $5",
            &[
                &code_of(&e.state),
                &e.superseded_by,
                &e.changed_at.map(time_text),
                &e.reason,
                &e.id,
            ],
        )?;
        Ok(())
    }

    fn fill(&mut self, row: &NewRow<'_>) -> Result<(), StoreError> {
        self.0.execute(
            "UPDATE tamat_certificates SET nip = $1, total_jp = $2, end_date = $3, credential = $4
             WHERE id = $5 AND credential IS NULL",
            &[
                &row.nip,
                &signed(row.total_jp)?,
                &row.end_date.to_string(),
                &row.credential,
                &row.entry.id,
            ],
        )?;
        Ok(())
    }

    fn event(&mut self, ev: &StatusEvent) -> Result<(), StoreError> {
        self.0.execute(
            "INSERT INTO tamat_status_events (certificate, at, recorded_at, from_state, to_state, reason, actor)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                &ev.certificate,
                &time_text(ev.at),
                &time_text(ev.recorded_at),
                &ev.from,
                &ev.to,
                &ev.reason,
                &ev.by,
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
        self.0.execute(
            "INSERT INTO tamat_status_lists (purpose, version, valid_from, valid_until, credential)
             VALUES ($1, $2, $3, $4, $5)",
            &[
                &v.purpose,
                &signed(v.version)?,
                &time_text(v.valid_from),
                &v.valid_until.map(time_text),
                &v.credential,
            ],
        )?;
        Ok(())
    }

    fn ledger_entries(&mut self) -> Result<Vec<LedgerEntry>, StoreError> {
        self.rows(LEDGER_SQL, &[], read_ledger)
    }

    fn count(&mut self) -> Result<u64, StoreError> {
        let n = self.one_int("SELECT COUNT(*) FROM tamat_certificates")?;
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
