#![allow(missing_docs)]
//! Issuing into the SQLite store against in-memory issuance, side by side in one run
//! (goal: at least 50 % of the in-memory throughput for 100,000 certificates).
//!
//! `cargo bench -p tamat-store --bench store`; a debug build (as under
//! `cargo test --benches`) or `TAMAT_BENCH_SMOKE=1` runs 200 certificates once.
//!
//! "In memory" is what issuing costs without storage: the core's `Register::issue`
//! (numbers, content) and signing each certificate (`CredentialSigner::sign_to_string`).
//! "SQLite" is `Store::issue` on a new SQLite file: the same work plus one transaction
//! that writes every row, its credential, the history and the counters (WAL,
//! synchronous=FULL). The store signs on a second thread while it writes rows, so
//! writing overlaps signing; the in-memory side is the core's single-threaded path.
//! Rounds alternate the two; the ratio is of the medians.

use std::time::{Duration, Instant};

use tamat::certificates::Register;
use tamat::credentials::CredentialSigner;
use tamat::demo::{demo_key, kaltim_settings};
use tamat_store::{Location, Store};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let smoke = cfg!(debug_assertions) || std::env::var_os("TAMAT_BENCH_SMOKE").is_some();
    let (n, rounds) = if smoke { (200, 1) } else { (100_000, 3) };
    let participants: Vec<serde_json::Value> = (0..n)
        .map(|i| serde_json::json!({"id": format!("p{i}"), "name": format!("Peserta {i}")}))
        .collect();
    let course: tamat::Course = serde_json::from_value(serde_json::json!({
        "id": "bulk", "title": "Bulk", "time_zone": "Asia/Makassar", "venue": "Samarinda",
        "organiser": {"name": "BPSDM", "unit_code": "U"},
        "sessions": [{"id": "s1", "title": "Materi", "start": "2025-07-17T08:00", "end": "2025-07-17T08:45", "jp": 1}],
        "participants": participants,
    }))
    .unwrap_or_else(|e| unreachable!("{e}"));
    let marks: Vec<tamat::Mark> = (0..n)
        .map(|i| tamat::Mark::status(&format!("p{i}"), "s1", "hadir"))
        .collect();
    let mut request = tamat::EvaluateRequest::new(course, marks);
    request.trace = false;
    let evaluation = tamat::evaluate(&request).unwrap_or_else(|e| unreachable!("{e}"));
    let mut settings = kaltim_settings().unwrap_or_else(|e| unreachable!("{e}"));
    settings.status_list_size = 131_072 * 2;
    let key = demo_key().unwrap_or_else(|e| unreachable!("{e}"));
    let dir = std::env::temp_dir().join(format!("tamat-store-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| unreachable!("{e}"));
    let (mut memory, mut sqlite) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        let t = Instant::now();
        let mut register = Register::new();
        let issuance = register
            .issue(&request.course, &evaluation, &settings)
            .unwrap_or_else(|e| unreachable!("{e}"));
        let mut signer = CredentialSigner::new(&settings, &key);
        let bytes: usize = issuance
            .certificates
            .iter()
            .map(|c| signer.sign_to_string(c).map(|t| t.len()).unwrap_or(0))
            .sum();
        memory.push(t.elapsed());
        assert!(bytes > 0 && issuance.issued.len() == n);

        let path = dir.join(format!("round-{round}.sqlite"));
        let mut store = Store::open(&Location::Sqlite(path.clone())).unwrap_or_else(|e| unreachable!("{e}"));
        let t = Instant::now();
        let stored = store
            .issue(&request.course, &evaluation, &settings, &key, None)
            .unwrap_or_else(|e| unreachable!("{e}"));
        sqlite.push(t.elapsed());
        assert_eq!(stored.issuance.issued.len(), n);
        drop(store);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    let (m, s) = (median(memory), median(sqlite));
    let per_s = |d: Duration| n as f64 / d.as_secs_f64();
    println!("issuing {n} certificates, median of {rounds} alternating rounds");
    println!(
        "{:<44} {:>8.2} s {:>10.0} /s",
        "in memory (register + signing)",
        m.as_secs_f64(),
        per_s(m)
    );
    println!(
        "{:<44} {:>8.2} s {:>10.0} /s",
        "SQLite store (one transaction)",
        s.as_secs_f64(),
        per_s(s)
    );
    println!(
        "SQLite / in memory throughput: {:.2} (goal >= 0.5)",
        per_s(s) / per_s(m)
    );
}
