//! One suite, both backends: every test runs on SQLite and on PostgreSQL. PostgreSQL is
//! the server named by `TAMAT_TEST_POSTGRES` (a connection URL; `scripts/test` starts a
//! throwaway cluster and sets it). Under CI it must be set: the suite fails rather than
//! skip it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should stop loudly

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use tamat::certificates::CertificateState;
use tamat::certificates::StatusPurpose;
use tamat::credentials::{verify, VerificationStatus, VerifyOptions};
use tamat::proofs::SigningKey;
use tamat::{Course, Evaluation};
use tamat_store::{Action, Change, Location, Lookup, Store};

fn at(t: &str) -> DateTime<Utc> {
    t.parse().unwrap()
}

/// Every backend this run can reach, each a fresh, empty store.
fn backends() -> Vec<(String, Box<dyn Fn() -> Store>)> {
    let mut out: Vec<(String, Box<dyn Fn() -> Store>)> = Vec::new();
    out.push((
        "sqlite".into(),
        Box::new(|| {
            let dir = tempfile::tempdir().unwrap().keep();
            Store::open(&Location::Sqlite(dir.join("register.sqlite"))).unwrap()
        }),
    ));
    match std::env::var("TAMAT_TEST_POSTGRES") {
        Ok(url) => out.push((
            "postgres".into(),
            Box::new(move || Store::open(&Location::Postgres(scoped_postgres(&url))).unwrap()),
        )),
        Err(_) if std::env::var_os("CI").is_some() => {
            panic!("CI: TAMAT_TEST_POSTGRES must name a PostgreSQL server (scripts/test starts one)")
        }
        Err(_) => eprintln!("TAMAT_TEST_POSTGRES not set: PostgreSQL tests not run here"),
    }
    out
}

/// A connection URL to a new, empty schema of its own on the test server: the tests run
/// in parallel.
fn scoped_postgres(url: &str) -> String {
    let schema = format!("t{}", uuid_like());
    let mut admin = postgres::Client::connect(url, postgres::NoTls).unwrap();
    admin.batch_execute(&format!("CREATE SCHEMA {schema}")).unwrap();
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}options=-csearch_path%3D{schema}")
}

fn uuid_like() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{}_{}_{}", std::process::id(), nanos, N.fetch_add(1, Ordering::SeqCst))
}

struct Demo {
    course: Course,
    evaluation: Evaluation,
    settings: tamat::certificates::IssuanceSettings,
    key: SigningKey,
}

fn demo(course_id: &str) -> Demo {
    let mut request = tamat::demo::kaltim_request().unwrap();
    request.course.id = course_id.into();
    let evaluation = tamat::evaluate(&request).unwrap();
    Demo {
        course: request.course,
        evaluation,
        settings: tamat::demo::kaltim_settings().unwrap(),
        key: SigningKey::from_seed(&[5; 32]),
    }
}

#[test]
fn issue_is_frozen_and_idempotent() {
    for (name, open) in backends() {
        let mut store = open();
        let d = demo("c1");
        let first = store
            .issue(&d.course, &d.evaluation, &d.settings, &d.key, Some("tester"))
            .unwrap();
        assert_eq!(first.issuance.issued.len(), 30, "{name}");
        assert_eq!(first.credentials.len(), 30);
        let numbers: Vec<&str> = first.issuance.certificates.iter().map(|c| c.number.as_str()).collect();
        assert_eq!(numbers[0], "00001/BPSDM-KALTIM/VII/2025");
        assert_eq!(numbers[29], "00030/BPSDM-KALTIM/VII/2025");
        // What is stored is what was signed, byte for byte.
        let stored = store.find(&Lookup::Course("c1")).unwrap();
        assert_eq!(stored.len(), 30);
        assert_eq!(stored[0].credential.as_deref(), Some(first.credentials[0].as_str()));
        let again = store
            .issue(&d.course, &d.evaluation, &d.settings, &d.key, None)
            .unwrap();
        assert!(again.issuance.issued.is_empty(), "{name}");
        assert_eq!(again.issuance.unchanged.len(), 30);
        assert_eq!(again.credentials, first.credentials, "{name}: frozen copies");
        // Another key would sign other bytes; the store still returns the issued ones.
        let other = SigningKey::from_seed(&[6; 32]);
        let third = store
            .issue(&d.course, &d.evaluation, &d.settings, &other, None)
            .unwrap();
        assert_eq!(third.credentials, first.credentials);
        let history = store.history(&first.issuance.certificates[0].id).unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].to, "active");
        assert_eq!(history[0].by.as_deref(), Some("tester"));
    }
}

#[test]
fn courses_share_one_counter_and_one_index_space() {
    for (name, open) in backends() {
        let mut store = open();
        for course in ["a", "b", "c"] {
            let d = demo(course);
            store
                .issue(&d.course, &d.evaluation, &d.settings, &d.key, None)
                .unwrap();
        }
        let register = store.export_register().unwrap();
        assert_eq!(register.certificates.len(), 90, "{name}");
        assert_eq!(register.counters.len(), 1);
        assert_eq!(register.counters[0].last, 90);
        assert_eq!(register.next_status_index, 90);
        let seqs: HashSet<u64> = register.certificates.iter().map(|e| e.sequence).collect();
        assert_eq!(seqs, (1..=90).collect::<HashSet<u64>>());
        // Lookups.
        let b = store.find(&Lookup::Course("b")).unwrap();
        assert_eq!(b.len(), 30);
        assert_eq!(b[0].entry.number, "00031/BPSDM-KALTIM/VII/2025");
        let by_number = store.find(&Lookup::Number("00031/BPSDM-KALTIM/VII/2025")).unwrap();
        assert_eq!(by_number[0].entry.id, b[0].entry.id);
        let nip = b[0].nip.clone().unwrap();
        let printed = format!("{} {} {} {}", &nip[..8], &nip[8..14], &nip[14..15], &nip[15..]);
        assert_eq!(
            store.find(&Lookup::Nip(&printed)).unwrap().len(),
            3,
            "{name}: one per course"
        );
        assert_eq!(store.find(&Lookup::Year(2025)).unwrap().len(), 90);
        assert!(store.find(&Lookup::Year(2024)).unwrap().is_empty());
        // The ledger: 27 LULUS of 10 JP per course, three courses in 2025.
        let ledger = store.ledger(tamat::Fixed::from_int(20)).unwrap();
        assert_eq!(ledger.len(), 27, "{name}");
        assert!(ledger
            .iter()
            .all(|r| r.year == 2025 && r.jp == tamat::Fixed::from_int(30) && r.met));
    }
}

#[test]
fn status_changes_are_history_and_lists_are_versions() {
    for (name, open) in backends() {
        let mut store = open();
        let d = demo("c1");
        let issued = store
            .issue(&d.course, &d.evaluation, &d.settings, &d.key, None)
            .unwrap();
        let c = &issued.issuance.certificates;
        let change = |reason| Change {
            at: Some(at("2025-08-01T00:00:00Z")),
            reason: Some(reason),
            by: Some("admin"),
        };
        // By number or by id.
        let e = store
            .change_status(&c[0].number, Action::Revoke, &change("data salah"))
            .unwrap();
        assert_eq!(e.state, CertificateState::Revoked, "{name}");
        store
            .change_status(&c[1].id, Action::Suspend, &change("diperiksa"))
            .unwrap();
        store
            .change_status(&c[1].id, Action::Reinstate, &change("selesai"))
            .unwrap();
        store
            .change_status(&c[2].id, Action::Suspend, &change("diperiksa lagi"))
            .unwrap();
        let err = store
            .change_status(&c[0].id, Action::Revoke, &change("lagi"))
            .unwrap_err();
        assert_eq!(err.code(), "register.invalid_transition");
        let err = store
            .change_status("nothing", Action::Revoke, &change("x"))
            .unwrap_err();
        assert_eq!(err.code(), "register.unknown_certificate");
        // Nothing is overwritten: every change is a row.
        let h = store.history(&c[1].id).unwrap();
        let steps: Vec<(Option<&str>, &str, Option<&str>)> = h
            .iter()
            .map(|e| (e.from.as_deref(), e.to.as_str(), e.reason.as_deref()))
            .collect();
        assert_eq!(
            steps,
            [
                (None, "active", Some("issued")),
                (Some("active"), "suspended", Some("diperiksa")),
                (Some("suspended"), "active", Some("selesai")),
            ]
        );
        assert!(h[1..].iter().all(|e| e.by.as_deref() == Some("admin")));
        // Lists: versioned, valid for a day.
        let from = at("2025-08-02T00:00:00Z");
        let until = Some(at("2025-08-03T00:00:00Z"));
        let mut lists = Vec::new();
        // The list the credentials name (purpose message), and a one-purpose list beside it.
        for purpose in [StatusPurpose::Message, StatusPurpose::Suspension] {
            let v = store
                .publish_status_list(&d.settings, &d.key, purpose, from, until)
                .unwrap();
            assert_eq!(v.version, 1);
            lists.push(serde_json::from_str::<serde_json::Value>(&v.credential).unwrap());
        }
        let v2 = store
            .publish_status_list(&d.settings, &d.key, StatusPurpose::Message, from, until)
            .unwrap();
        assert_eq!(v2.version, 2);
        assert_eq!(store.status_list_versions(None).unwrap().len(), 3);
        // The one-purpose list has the suspended certificate's bit at its index, alone.
        let index = |n: usize| {
            let vc: serde_json::Value = serde_json::from_str(&issued.credentials[n]).unwrap();
            vc["credentialStatus"]["statusListIndex"]
                .as_str()
                .unwrap()
                .parse::<u64>()
                .unwrap()
        };
        let suspension = tamat::certificates::Bitstring::decode(
            lists[1]["credentialSubject"]["encodedList"].as_str().unwrap(),
            "suspension",
        )
        .unwrap();
        assert_eq!(suspension.get(index(2)), Some(true), "{name}");
        assert_eq!(suspension.get(index(0)), Some(false), "{name}: revoked, not suspended");
        let verify_at = |n: usize, when: &str| {
            let options = VerifyOptions {
                keys: vec![d.key.multikey(&tamat::credentials::issuer_id(&d.settings, &d.key))],
                status_lists: lists.clone(),
                at: Some(at(when)),
                ..Default::default()
            };
            let vc: serde_json::Value = serde_json::from_str(&issued.credentials[n]).unwrap();
            verify(&vc, &options).unwrap().status
        };
        assert_eq!(
            verify_at(0, "2025-08-02T12:00:00Z"),
            VerificationStatus::Revoked,
            "{name}"
        );
        assert_eq!(verify_at(1, "2025-08-02T12:00:00Z"), VerificationStatus::Valid);
        assert_eq!(verify_at(2, "2025-08-02T12:00:00Z"), VerificationStatus::Suspended);
        assert_eq!(verify_at(3, "2025-08-02T12:00:00Z"), VerificationStatus::Valid);
        assert_eq!(verify_at(3, "2025-08-04T00:00:00Z"), VerificationStatus::StatusStale);
    }
}

#[test]
fn reissue_revokes_and_links() {
    for (name, open) in backends() {
        let mut store = open();
        let mut d = demo("c1");
        let issued = store
            .issue(&d.course, &d.evaluation, &d.settings, &d.key, None)
            .unwrap();
        let old = issued.issuance.certificates[4].clone();
        // A corrected name: issuing refuses, re-issuing replaces.
        d.course.participants[4].name = "Nama Diperbaiki".into();
        let request = tamat::EvaluateRequest::new(d.course.clone(), tamat::demo::kaltim_request().unwrap().attendance);
        d.evaluation = tamat::evaluate(&request).unwrap();
        let err = store
            .issue(&d.course, &d.evaluation, &d.settings, &d.key, None)
            .unwrap_err();
        assert_eq!(err.code(), "register.content_changed", "{name}");
        let change = Change {
            at: None,
            reason: Some("nama salah"),
            by: Some("admin"),
        };
        let new = store
            .reissue(&d.course, &d.evaluation, &d.settings, &d.key, &old.id, &change)
            .unwrap();
        assert_eq!(new.entry.supersedes.as_deref(), Some(old.id.as_str()));
        assert_eq!(new.entry.number, "00031/BPSDM-KALTIM/VII/2025");
        let was = &store.find(&Lookup::Id(&old.id)).unwrap()[0];
        assert_eq!(was.entry.state, CertificateState::Revoked);
        assert_eq!(was.entry.superseded_by.as_deref(), Some(new.entry.id.as_str()));
        assert!(new.credential.unwrap().contains("Nama Diperbaiki"));
        // Now issuing again finds everything unchanged.
        let again = store
            .issue(&d.course, &d.evaluation, &d.settings, &d.key, None)
            .unwrap();
        assert!(again.issuance.issued.is_empty());
        assert_eq!(again.issuance.certificates.len(), 30);
    }
}

#[test]
fn a_json_register_imports_losslessly_and_exports_back() {
    for (name, open) in backends() {
        let d = demo("c1");
        let mut register = tamat::certificates::Register::new();
        let issuance = register.issue(&d.course, &d.evaluation, &d.settings).unwrap();
        register
            .revoke(
                &issuance.certificates[3].id,
                Some(at("2025-08-01T00:00:00Z")),
                Some("salah"),
            )
            .unwrap();
        let json = serde_json::to_string(&register).unwrap();
        let register = tamat::certificates::Register::from_json(&json).unwrap();
        let mut store = open();
        assert_eq!(store.import_register(&register).unwrap(), 30, "{name}");
        assert_eq!(store.export_register().unwrap(), register, "{name}: lossless");
        let err = store.import_register(&register).unwrap_err();
        assert_eq!(err.code(), "store.not_empty");
        // The imported entries get their credentials when the course is issued again:
        // same numbers, nothing new, the revoked one skipped.
        let again = store
            .issue(&d.course, &d.evaluation, &d.settings, &d.key, None)
            .unwrap();
        assert!(again.issuance.issued.is_empty());
        assert_eq!(again.issuance.certificates.len(), 29);
        assert_eq!(again.issuance.certificates[0].number, issuance.certificates[0].number);
        let stored = store.find(&Lookup::Id(&issuance.certificates[0].id)).unwrap();
        assert_eq!(stored[0].credential.as_deref(), Some(again.credentials[0].as_str()));
        let next = store
            .issue(&d.course, &d.evaluation, &d.settings, &d.key, None)
            .unwrap();
        assert_eq!(next.credentials, again.credentials);
        assert_eq!(store.export_register().unwrap(), register);
    }
}

#[test]
fn the_history_is_append_only_in_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.sqlite");
    let mut store = Store::open(&Location::Sqlite(path.clone())).unwrap();
    let d = demo("c1");
    store
        .issue(&d.course, &d.evaluation, &d.settings, &d.key, None)
        .unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let err = conn
        .execute("UPDATE tamat_status_events SET reason = 'x'", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    assert!(conn.execute("DELETE FROM tamat_status_events", []).is_err());
}

#[test]
fn the_history_is_append_only_in_postgres() {
    let Ok(url) = std::env::var("TAMAT_TEST_POSTGRES") else {
        assert!(std::env::var_os("CI").is_none(), "CI: TAMAT_TEST_POSTGRES must be set");
        return;
    };
    let scoped = scoped_postgres(&url);
    let mut store = Store::open(&Location::Postgres(scoped.clone())).unwrap();
    let d = demo("c1");
    store
        .issue(&d.course, &d.evaluation, &d.settings, &d.key, None)
        .unwrap();
    // Reads do not wait for a writer holding the lock.
    let mut writer = postgres::Client::connect(&scoped, postgres::NoTls).unwrap();
    let mut lock = writer.transaction().unwrap();
    lock.query_one("SELECT 1 FROM tamat_meta WHERE id = 1 FOR UPDATE", &[])
        .unwrap();
    assert_eq!(store.find(&Lookup::Course("c1")).unwrap().len(), 30);
    lock.rollback().unwrap();
    let mut client = postgres::Client::connect(&scoped, postgres::NoTls).unwrap();
    let err = client
        .execute("UPDATE tamat_status_events SET reason = 'x'", &[])
        .unwrap_err();
    assert!(
        err.to_string().contains("append-only") || format!("{err:?}").contains("append-only"),
        "{err:?}"
    );
    assert!(client.execute("DELETE FROM tamat_status_events", &[]).is_err());
}

/// The version 1 tables (`tests/data/schema-v1.sql`) holding one certificate of an older
/// course, numbered 30 of the unit's 2025 counter, as a version 1 store would have it.
fn v1_statements(serial_key: &str) -> String {
    let tables = include_str!("data/schema-v1.sql").replace("SERIAL_KEY", serial_key);
    format!(
        "{tables}
        INSERT INTO tamat_meta (id, schema_version, next_status_index) VALUES (1, 1, 30);
        INSERT INTO tamat_counters (unit, year, last) VALUES ('BPSDM-KALTIM', 2025, 30);
        INSERT INTO tamat_certificates (id, number, course, participant, status, unit, year, sequence, issued_on,
            issued_at, content_hash, status_index, state)
        VALUES ('00000000-0000-8000-8000-000000000030', '00030/BPSDM-KALTIM/VII/2025', 'older', 'p1', 'lulus',
            'BPSDM-KALTIM', 2025, 30, '2025-07-18', '2025-07-17T16:00:00Z', 'sha256:{zeros}', 29, 'active');",
        zeros = "0".repeat(64)
    )
}

/// A version 1 store is migrated when opened: its counter and certificate are kept (in
/// the main series) and numbering goes on from them; then surat keterangan numbered in a
/// series of their own share no counter with the STTPP.
fn check_migrated_store_and_series(name: &str, mut store: Store) {
    let before = store.export_register().unwrap();
    assert_eq!(before.counters.len(), 1, "{name}");
    assert_eq!((before.counters[0].last, before.counters[0].series), (30, None));
    assert_eq!(before.next_status_index, 30);
    assert_eq!(before.certificates[0].number, "00030/BPSDM-KALTIM/VII/2025");
    let d = demo("c1");
    let first = store
        .issue(&d.course, &d.evaluation, &d.settings, &d.key, None)
        .unwrap();
    assert_eq!(
        first.issuance.certificates[0].number, "00031/BPSDM-KALTIM/VII/2025",
        "{name}"
    );
    assert_eq!(first.issuance.certificates[29].number, "00060/BPSDM-KALTIM/VII/2025");
    // Surat keterangan apart: the demo's 3 TELAH MENGIKUTI (p11, p15, p23) take SK-00001..3,
    // the 27 STTPP go on from 60.
    let mut d2 = demo("c2");
    d2.settings.numbering.surat_keterangan = Some(tamat::certificates::SeriesNumbering {
        template: "SK-{N}/{unit}/{mr}/{y}".into(),
        width: None,
        start: None,
    });
    let second = store
        .issue(&d2.course, &d2.evaluation, &d2.settings, &d2.key, None)
        .unwrap();
    let numbers: Vec<(&str, &str)> = second
        .issuance
        .certificates
        .iter()
        .map(|c| (c.holder.id.as_str(), c.number.as_str()))
        .collect();
    assert_eq!(numbers[0], ("p01", "00061/BPSDM-KALTIM/VII/2025"), "{name}");
    assert_eq!(numbers[10], ("p11", "SK-00001/BPSDM-KALTIM/VII/2025"));
    assert_eq!(numbers[14], ("p15", "SK-00002/BPSDM-KALTIM/VII/2025"));
    assert_eq!(numbers[22], ("p23", "SK-00003/BPSDM-KALTIM/VII/2025"));
    assert_eq!(numbers[29], ("p30", "00087/BPSDM-KALTIM/VII/2025"));
    let after = store.export_register().unwrap();
    let mut counters: Vec<(Option<&str>, u64)> = after
        .counters
        .iter()
        .map(|c| (c.series.map(|s| s.code()), c.last))
        .collect();
    counters.sort();
    assert_eq!(counters, vec![(None, 87), (Some("surat_keterangan"), 3)], "{name}");
    after.validate(u64::MAX).unwrap();
    // Issuing c2 again changes nothing: the series numbers are kept.
    let again = store
        .issue(&d2.course, &d2.evaluation, &d2.settings, &d2.key, None)
        .unwrap();
    assert_eq!(again.issuance.unchanged.len(), 30, "{name}");
}

#[test]
fn a_version_1_sqlite_store_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.sqlite");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(&v1_statements("INTEGER PRIMARY KEY AUTOINCREMENT"))
        .unwrap();
    let store = Store::open(&Location::Sqlite(path.clone())).unwrap();
    let version: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT schema_version FROM tamat_meta", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 2);
    check_migrated_store_and_series("sqlite", store);
    // Opening again does not migrate twice.
    let mut reopened = Store::open(&Location::Sqlite(path)).unwrap();
    assert_eq!(reopened.export_register().unwrap().certificates.len(), 61);
}

#[test]
fn a_version_1_postgres_store_is_migrated() {
    let Ok(url) = std::env::var("TAMAT_TEST_POSTGRES") else {
        assert!(std::env::var_os("CI").is_none(), "CI: TAMAT_TEST_POSTGRES must be set");
        return;
    };
    let scoped = scoped_postgres(&url);
    postgres::Client::connect(&scoped, postgres::NoTls)
        .unwrap()
        .batch_execute(&v1_statements("BIGSERIAL PRIMARY KEY"))
        .unwrap();
    let store = Store::open(&Location::Postgres(scoped.clone())).unwrap();
    check_migrated_store_and_series("postgres", store);
    let mut reopened = Store::open(&Location::Postgres(scoped)).unwrap();
    assert_eq!(reopened.export_register().unwrap().certificates.len(), 61);
}

/// The store's operations on JSON requests (what the Python `Store` runs): the same
/// register as the typed API, errors as the contract's error documents, unknown
/// operations and fields refused.
#[test]
fn json_operations_run_the_store_and_refuse_what_they_do_not_know() {
    use serde_json::json;
    use tamat_store::json::call;
    let key = json!({"secret": SigningKey::from_seed(&[5; 32]).secret_multibase().to_string()});
    let request = tamat::demo::kaltim_request().unwrap();
    let settings = tamat::demo::kaltim_settings().unwrap();
    for (name, open) in backends() {
        let mut store = open();
        let issue = json!({"request": {"course": request.course, "attendance": request.attendance,
                                       "settings": settings}, "key": key, "by": "operator"});
        let issued = call(&mut store, "issue", issue.clone()).unwrap().unwrap();
        assert_eq!(issued["certificates"].as_array().unwrap().len(), 30, "{name}");
        let suites: Vec<&str> = issued["credentials"][0]["proof"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["cryptosuite"].as_str().unwrap())
            .collect();
        assert_eq!(suites, ["eddsa-rdfc-2022", "eddsa-jcs-2022"], "{name}");
        let again = call(&mut store, "issue", issue).unwrap().unwrap();
        assert_eq!(again["credentials"], issued["credentials"], "{name}: frozen copies");
        let id = issued["certificates"][0]["id"].clone();
        let change =
            json!({"certificate": id, "action": "revoke", "reason": "data salah", "at": "2025-08-01T00:00:00Z"});
        assert_eq!(
            call(&mut store, "change_status", change.clone()).unwrap().unwrap()["state"],
            "revoked"
        );
        let refused = call(&mut store, "change_status", change).unwrap().unwrap_err();
        assert_eq!(refused[0]["code"], "register.invalid_transition", "{name}");
        assert!(refused[0]["messages"]["id"].is_string() && refused[0]["messages"]["en"].is_string());
        let history = call(&mut store, "history", json!({"certificate": id}))
            .unwrap()
            .unwrap();
        assert_eq!(history.as_array().unwrap().len(), 2, "{name}");
        let rows = call(&mut store, "ledger", json!({})).unwrap().unwrap();
        assert_eq!(rows.as_array().unwrap().len(), 26, "{name}: 27 LULUS, one revoked");
        assert_eq!(rows[0]["obligation_jp"], 20, "{name}: the core's default obligation");
        let list = json!({"settings": settings, "key": key, "valid_from": "2025-08-01T00:00:00Z"});
        let list = call(&mut store, "status_list", list).unwrap().unwrap();
        assert_eq!(
            list["credentialSubject"]["statusPurpose"], "message",
            "{name}: the core's default purpose"
        );
        let two = call(&mut store, "find", json!({"id": id, "year": 2025}))
            .unwrap()
            .unwrap_err();
        assert_eq!(two[0]["code"], "request.invalid_shape");
        let extra = call(&mut store, "history", json!({"certificate": id, "x": 1}))
            .unwrap()
            .unwrap_err();
        assert_eq!(extra[0]["code"], "request.invalid_shape");
        let bad = call(
            &mut store,
            "change_status",
            json!({"certificate": id, "action": "delete"}),
        )
        .unwrap()
        .unwrap_err();
        assert!(bad[0]["code"].as_str().unwrap().starts_with("request."), "{bad:?}");
        assert!(call(&mut store, "drop_tables", json!({})).is_none());
        let exported = call(&mut store, "export_register", json!({})).unwrap().unwrap();
        let mut fresh = backends().remove(0).1();
        let count = call(&mut fresh, "import_register", json!({"register": exported}))
            .unwrap()
            .unwrap();
        assert_eq!(count, 30, "{name}");
    }
}
