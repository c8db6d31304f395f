#![allow(missing_docs)]
//! Cohort evaluation against a raw scan of the same marks stored as one byte each (the
//! memory-bandwidth limit of any attendance check), measured side by side in one run.
//!
//! `cargo bench -p tamat --bench cohort` (full: 1,000,000 participants x 40 sessions,
//! `TAMAT_BENCH_PARTICIPANTS` to change; `TAMAT_BENCH_JSON=<file>` writes the medians);
//! `TAMAT_BENCH_SMOKE=1` (or any debug build, as under `cargo test --benches`) runs a tiny
//! size once to prove the harness works.
//!
//! The two are timed interleaved, round after round, and compared by their medians, so
//! that the noise of a shared machine hits both alike. Criterion measures one function at
//! a time; the ratio between two in the same run is what matters here, hence this small
//! harness.

use std::hint::black_box;
use std::time::{Duration, Instant};

use tamat::model::{ALPHA, HADIR, IZIN, SAKIT, TERLAMBAT};
use tamat::{Course, EvaluateOptions, Evaluator, Mark, Policy};

/// Deterministic marks: mostly hadir, some late, excused and absent.
fn code(p: usize, s: usize) -> u8 {
    let x = (p as u64)
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add((s as u64).wrapping_mul(1_442_695_040_888_963_407));
    match (x >> 33) % 100 {
        0..=84 => HADIR,
        85..=89 => TERLAMBAT,
        90..=92 => IZIN,
        93..=94 => SAKIT,
        _ => ALPHA,
    }
}

/// What a user would otherwise write: count present bytes per row, compare with 90 %.
fn raw_scan(bytes: &[u8], sessions: usize) -> usize {
    bytes
        .chunks_exact(sessions)
        .filter(|row| {
            let present = row.iter().filter(|&&b| b == HADIR || b == TERLAMBAT).count();
            present * 100 >= 90 * sessions
        })
        .count()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    // Under `cargo test` (a debug build) the harness runs at a tiny size: a smoke test.
    let smoke = cfg!(debug_assertions) || std::env::var_os("TAMAT_BENCH_SMOKE").is_some();
    let env = |name: &str, default: usize| std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    let (participants, sessions, rounds) = if smoke {
        (200, 40, 1)
    } else {
        (
            env("TAMAT_BENCH_PARTICIPANTS", 1_000_000),
            40,
            env("TAMAT_BENCH_ROUNDS", 7),
        )
    };
    let c = workload_course(participants, sessions);
    let policy = Policy::default();
    let ev = Evaluator::new(&c, Some(&policy)).unwrap_or_else(|e| unreachable!("{e}"));
    let mut sheet = ev.empty_sheet();
    let mut bytes = vec![0u8; participants * sessions];
    for p in 0..participants {
        for s in 0..sessions {
            sheet.set_code(p, s, code(p, s));
            bytes[p * sessions + s] = code(p, s);
        }
    }
    // Same answer before timing: the raw scan is the same rule (sessions, 90 %, late
    // full credit, izin/sakit absent), and the library must agree with it.
    let lib = ev.summarize(&sheet, &[], None).unwrap_or_else(|e| unreachable!("{e}"));
    let raw = raw_scan(&bytes, sessions);
    assert_eq!(lib.lulus, raw, "the library and the raw scan disagree");

    let options = EvaluateOptions {
        as_of: None,
        trace: false,
    };
    let traced = EvaluateOptions {
        as_of: None,
        trace: true,
    };
    let (mut t_raw, mut t_sum, mut t_dec, mut t_trace) = (vec![], vec![], vec![], vec![]);
    for _ in 0..rounds {
        let t = Instant::now();
        black_box(raw_scan(black_box(&bytes), sessions));
        t_raw.push(t.elapsed());
        let t = Instant::now();
        black_box(ev.summarize(black_box(&sheet), &[], None).ok());
        t_sum.push(t.elapsed());
        let t = Instant::now();
        black_box(ev.evaluate(black_box(&sheet), &[], &options).ok());
        t_dec.push(t.elapsed());
        // traces are big (a row per session): measured on a tenth of the rounds' cohorts
        if participants <= 200_000 {
            let t = Instant::now();
            black_box(ev.evaluate(black_box(&sheet), &[], &traced).ok());
            t_trace.push(t.elapsed());
        }
    }
    // From records: id lookup and status words for every mark (a tenth of the cohort).
    let n_rec = (participants / 10).max(1);
    let marks: Vec<Mark> = (0..n_rec)
        .flat_map(|p| (0..sessions).map(move |s| (p, s)))
        .map(|(p, s)| {
            Mark::status(
                &format!("p{p:06}"),
                &format!("s{s:02}"),
                ["", "hadir", "terlambat", "izin", "sakit", "alpha"][code(p, s) as usize],
            )
        })
        .collect();
    let mut t_rec = vec![];
    assert!(ev.grid(&marks).is_ok(), "the records are read without error");
    for _ in 0..rounds.min(5) {
        let t = Instant::now();
        black_box(ev.grid(black_box(&marks)).map(|s| s.codes_len()).unwrap_or(0));
        t_rec.push(t.elapsed());
    }

    let marks_total = (participants * sessions) as f64;
    let raw_m = median(t_raw);
    let per = |d: Duration| d.as_secs_f64() * 1e9 / marks_total;
    println!(
        "cohort {participants} x {sessions} ({} marks), {rounds} interleaved rounds, medians:",
        participants * sessions
    );
    println!("{:<44} {:>10} {:>9} {:>9}", "", "time", "ns/mark", "x raw");
    let mut rows = vec![
        ("raw scan, one byte per mark", raw_m),
        ("tamat summarize (counts per outcome)", median(t_sum.clone())),
        ("tamat evaluate (decisions, reasons)", median(t_dec.clone())),
    ];
    if !t_trace.is_empty() {
        rows.push(("tamat evaluate (decisions + per-session trace)", median(t_trace)));
    }
    for (name, d) in rows {
        println!(
            "{name:<44} {:>8.2}ms {:>9.2} {:>9.2}",
            d.as_secs_f64() * 1e3,
            per(d),
            d.as_secs_f64() / raw_m.as_secs_f64()
        );
    }
    let rec = median(t_rec);
    println!(
        "{:<44} {:>8.2}ms {:>9.2}   (records: id lookup + status words, {} marks)",
        "tamat sheet from Mark records",
        rec.as_secs_f64() * 1e3,
        rec.as_secs_f64() * 1e9 / (n_rec * sessions) as f64,
        n_rec * sessions
    );
    println!("LULUS: {} of {participants} (raw scan agrees)", lib.lulus);

    // From text, as the Python and JavaScript peers get it (benches/workload.json): marks
    // as (participant, session, status) strings read into a sheet, then decisions turned
    // into (participant, outcome) pairs. The native side of the bindings' comparisons.
    let n_text = env("TAMAT_BENCH_TEXT_PARTICIPANTS", if smoke { 100 } else { 20_000 });
    let text_course = workload_course(n_text, sessions);
    let text_ev = Evaluator::new(&text_course, None).unwrap_or_else(|e| unreachable!("{e}"));
    let ids: Vec<String> = (0..n_text).map(|i| format!("p{i:06}")).collect();
    let session_ids: Vec<String> = (0..sessions).map(|j| format!("s{j:02}")).collect();
    let text_rows: Vec<(String, String, &str)> = (0..n_text)
        .flat_map(|i| (0..sessions).map(move |j| (i, j)))
        .map(|(i, j)| (ids[i].clone(), session_ids[j].clone(), workload_status(i, j)))
        .collect();
    let outcomes = || -> Vec<(String, tamat::Outcome)> {
        let views = text_rows.iter().map(|(p, s, st)| tamat::MarkView {
            participant: p,
            session: s,
            status: Some(st),
            check_in: None,
            check_out: None,
        });
        let inputs = text_ev
            .read(views, &[], None, false)
            .unwrap_or_else(|e| unreachable!("{e}"));
        let evaluation = text_ev
            .evaluate(&inputs.grid, &inputs.scores, &inputs.options)
            .unwrap_or_else(|e| unreachable!("{e}"));
        evaluation
            .decisions
            .into_iter()
            .map(|d| (d.participant, d.outcome))
            .collect()
    };
    let lulus_text = outcomes().iter().filter(|(_, o)| *o == tamat::Outcome::Lulus).count();
    let mut t_text = vec![];
    for _ in 0..rounds.max(5) {
        let t = Instant::now();
        black_box(outcomes());
        t_text.push(t.elapsed());
    }
    let text_m = median(t_text);
    println!(
        "from text, {n_text} x {sessions}: read + evaluate + outcomes {:.2} ms ({:.1} ns/mark); LULUS {lulus_text}",
        text_m.as_secs_f64() * 1e3,
        text_m.as_secs_f64() * 1e9 / (n_text * sessions) as f64
    );

    if let Some(path) = std::env::var_os("TAMAT_BENCH_JSON") {
        let json = serde_json::json!({
            "participants": participants,
            "sessions": sessions,
            "rounds": rounds,
            "seconds": {
                "raw_scan": raw_m.as_secs_f64(),
                "summarize": median(t_sum).as_secs_f64(),
                "evaluate": median(t_dec).as_secs_f64(),
            },
            "lulus": lib.lulus,
            "text": {
                "participants": n_text,
                "marks": n_text * sessions,
                "lulus": lulus_text,
                "seconds": text_m.as_secs_f64(),
            },
        });
        std::fs::write(path, json.to_string()).unwrap_or_else(|e| unreachable!("writing the results: {e}"));
    }
}

/// The status of participant `i` in session `j` in benches/workload.json.
fn workload_status(i: usize, j: usize) -> &'static str {
    let x = (i as u64)
        .wrapping_mul(2_654_435_761)
        .wrapping_add((j as u64).wrapping_mul(40_503))
        % (1 << 32);
    match (x >> 16) % 100 {
        0..=84 => "hadir",
        85..=89 => "terlambat",
        90..=92 => "izin",
        93..=94 => "sakit",
        _ => "alpha",
    }
}

/// The course of benches/workload.json (ids `p000000`, `s00`).
fn workload_course(participants: usize, sessions: usize) -> Course {
    let sessions: Vec<serde_json::Value> = (0..sessions)
        .map(|j| {
            let (day, slot) = (1 + j / 8, j % 8);
            serde_json::json!({
                "id": format!("s{j:02}"),
                "start": format!("2025-03-{day:02}T{:02}:00", 8 + slot),
                "end": format!("2025-03-{day:02}T{:02}:45", 8 + slot),
                "jp": 1,
            })
        })
        .collect();
    let participants: Vec<serde_json::Value> = (0..participants)
        .map(|i| serde_json::json!({"id": format!("p{i:06}"), "name": format!("Peserta {i}")}))
        .collect();
    serde_json::from_value(serde_json::json!({
        "id": "bench", "title": "Bench", "time_zone": "Asia/Makassar",
        "sessions": sessions, "participants": participants,
    }))
    .unwrap_or_else(|e| unreachable!("bench course: {e}"))
}
