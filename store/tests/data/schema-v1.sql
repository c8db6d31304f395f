-- The tables as tamat-store schema version 1 wrote them (tamat 70353a8), for the migration
-- test: SERIAL_KEY is replaced by each backend's serial column.
CREATE TABLE IF NOT EXISTS tamat_meta (
    id BIGINT PRIMARY KEY,
    schema_version BIGINT NOT NULL,
    next_status_index BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS tamat_counters (
    unit TEXT NOT NULL,
    year BIGINT NOT NULL,
    last BIGINT NOT NULL,
    PRIMARY KEY (unit, year)
);
CREATE TABLE IF NOT EXISTS tamat_certificates (
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
    UNIQUE (unit, number),
    UNIQUE (unit, year, sequence)
);
CREATE INDEX IF NOT EXISTS tamat_certificates_course ON tamat_certificates (course, participant);
CREATE INDEX IF NOT EXISTS tamat_certificates_nip ON tamat_certificates (nip);
CREATE INDEX IF NOT EXISTS tamat_certificates_year ON tamat_certificates (year);
CREATE INDEX IF NOT EXISTS tamat_certificates_number ON tamat_certificates (number);
CREATE TABLE IF NOT EXISTS tamat_status_events (
    seq SERIAL_KEY,
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
);
