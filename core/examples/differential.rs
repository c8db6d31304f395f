//! Differential testing, native side: generates random courses, policies and attendance
//! (a seeded generator, so a case is reproducible from its seed and index), evaluates
//! each natively, and writes one JSON line per case:
//! `{"seed","index","input":<request text>,"output":<native answer text>}`.
//! `tests/differential/python.py` and `tests/differential/node.cjs` read the lines and
//! hold their own answers to the native ones; `scripts/differential` runs all three.
//!
//! `cargo run --release -p tamat --example differential -- --seed 7 --count 10000 --out cases.jsonl`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use serde_json::{json, Map, Value};
use std::io::Write;

/// splitmix64: small, fast, and the same stream on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    /// true with probability `percent` %
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
}

const ZONES: &[&str] = &[
    "Asia/Makassar",
    "Asia/Jakarta",
    "Asia/Jayapura",
    "WITA",
    "WIB",
    "WIT",
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Adelaide",
    "Asia/Kolkata",
];
/// Days that include DST changes in some of the zones above.
const DAYS: &[&str] = &[
    "2025-07-17",
    "2025-03-09",
    "2025-03-30",
    "2025-10-26",
    "2025-11-02",
    "2025-04-06",
    "2024-02-29",
    "2025-12-31",
    "2026-01-05",
];
const NIPS: &[&str] = &[
    "197201011994011038",
    "197906122002042075",
    "198611232010071112",
    "199304062018102149",
    "197609172002011186",
    "198005052022211334",
    "197906242023212963",
];
const STATUSES: &[&str] = &[
    "hadir",
    "H",
    "h",
    "alpha",
    "A",
    "izin",
    "I",
    "sakit",
    "S",
    "terlambat",
    "T",
    "present",
    "absent",
    "late",
    "excused",
    "sick",
    "Hadir",
    "hadir",
    "hadir",
    "H",
    "hadir",
    "hadir",
];
/// Statuses only a policy defines: refused unless it does.
const CUSTOM: &[&str] = &["dinas", "DL"];

/// The instant of a local time in the course's zone, written with `offset_hours` (or the
/// zone's own offset), as RFC 3339.
fn instant(zone: &str, day: &str, minutes: i64, offset_hours: Option<i32>) -> String {
    use chrono::TimeZone;
    let name = match zone {
        "WITA" => "Asia/Makassar",
        "WIB" => "Asia/Jakarta",
        "WIT" => "Asia/Jayapura",
        z => z,
    };
    let tz: chrono_tz::Tz = name.parse().unwrap();
    let naive = chrono::NaiveDateTime::parse_from_str(&local(day, minutes), "%Y-%m-%dT%H:%M").unwrap();
    let utc = match tz.from_local_datetime(&naive).earliest() {
        Some(t) => t.with_timezone(&chrono::Utc),
        None => naive.and_utc(),
    };
    match offset_hours {
        Some(h) => utc
            .with_timezone(&chrono::FixedOffset::east_opt(h * 3600).unwrap())
            .to_rfc3339(),
        None => tz.from_utc_datetime(&utc.naive_utc()).to_rfc3339(),
    }
}

fn local(day: &str, minutes: i64) -> String {
    let date = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    let t = date.and_hms_opt(0, 0, 0).unwrap() + chrono::Duration::minutes(minutes);
    t.format("%Y-%m-%dT%H:%M").to_string()
}

fn decimal(rng: &mut Rng, options: &[&str]) -> Value {
    let text = *rng.pick(options);
    if rng.chance(50) {
        serde_json::from_str(text).unwrap_or(Value::String(text.into()))
    } else {
        Value::String(text.into())
    }
}

fn policy(rng: &mut Rng, sessions: &[String]) -> Value {
    let mut p = Map::new();
    p.insert("version".into(), json!(1));
    let mut put = |rng: &mut Rng, key: &str, value: Value| {
        if rng.chance(55) {
            p.insert(key.into(), value);
        }
    };
    let v = json!(rng.pick(&["sessions", "jp", "minutes"]));
    put(rng, "measure", v);
    let v = decimal(
        rng,
        &[
            "0", "50", "75", "80", "87.5", "90", "100", "33.3333", "66.6667", "99.9999",
        ],
    );
    put(rng, "minimum_percent", v);
    let v = json!(rng.pick(&["absent", "excluded", "present"]));
    put(rng, "izin", v);
    let v = json!(rng.pick(&["absent", "excluded", "present"]));
    put(rng, "sakit", v);
    let v = json!(rng.below(4));
    put(rng, "excused_cap", v);
    let late = match rng.below(3) {
        0 => json!({"rule": "full"}),
        1 => json!({"rule": "partial", "credit": decimal(rng, &["0", "0.5", "0.25", "0.3333", "1"])}),
        _ => json!({"rule": "per_absence", "lates": rng.range(1, 4)}),
    };
    put(rng, "late", late);
    let check_in = json!({
        "grace_minutes": rng.below(40),
        "opens_minutes_before": rng.below(90),
        "outside_window": rng.pick(&["error", "warning"]),
    });
    put(rng, "check_in", check_in);
    let v = json!(rng.pick(&["best", "error"]));
    put(rng, "duplicates", v);
    let v = json!(rng.pick(&["error", "warning"]));
    put(rng, "unknown_references", v);
    let v = json!(rng.below(3));
    put(rng, "drop_lowest", v);
    if !sessions.is_empty() {
        let required: Vec<&String> = sessions.iter().filter(|_| rng.chance(15)).collect();
        put(rng, "required_sessions", json!(required));
    }
    let statuses = json!([
        {"code": "dinas", "credit": decimal(rng, &["1", "0.5", "0"]), "excused": rng.chance(50)},
        {"code": "DL", "excluded": true},
    ]);
    put(rng, "statuses", statuses);
    {
        let assessment = if rng.chance(50) {
            json!({"preset": "latsar"})
        } else {
            json!({"bands": [{"name": "Baik", "min_score": 80}, {"name": "Cukup", "min_score": 60}],
                   "minimum_score": decimal(rng, &["60", "70.01", "0"])})
        };
        put(rng, "assessment", assessment);
    }
    let outcomes = json!({
        "met_without_assessment": rng.pick(&["lulus", "telah_mengikuti"]),
        "no_document_if_never_attended": rng.chance(70),
        "document_floor_percent": if rng.chance(30) { json!(rng.below(60)) } else { Value::Null },
    });
    put(rng, "outcomes", outcomes);
    Value::Object(p)
}

fn case(rng: &mut Rng) -> Value {
    let zone = *rng.pick(ZONES);
    let day = *rng.pick(DAYS);
    let n_sessions = if rng.chance(3) { 0 } else { rng.range(1, 12) as usize };
    let n_participants = if rng.chance(3) { 0 } else { rng.range(1, 15) as usize };
    let mut minute = rng.range(0, 23 * 60);
    let mut sessions = Vec::new();
    let mut spans = Vec::new();
    for k in 1..=n_sessions {
        let length = *rng.pick(&[30, 45, 60, 90, 120, 135]);
        let start = minute;
        let end = if rng.below(1000) < 3 { start } else { start + length }; // now and then a bad one
        let mut s = json!({"id": format!("s{k}"), "start": local(day, start), "end": local(day, end)});
        if rng.chance(60) {
            s["jp"] = json!(rng.below(4));
        }
        if rng.chance(10) {
            s["required"] = json!(true);
        }
        if rng.chance(20) {
            s["kind"] = json!(rng.pick(&["opening", "lesson", "closing", "exam"]));
        }
        sessions.push(s);
        spans.push((start, end));
        minute = end + rng.range(-30, 120); // sometimes overlapping
    }
    let session_ids: Vec<String> = (1..=n_sessions).map(|k| format!("s{k}")).collect();
    let mut participants = Vec::new();
    let mut nips = NIPS.to_vec();
    for k in 1..=n_participants {
        let mut p = json!({"id": format!("p{k}"), "name": format!("Peserta {k}")});
        if rng.chance(40) && !nips.is_empty() {
            let i = rng.below(nips.len() as u64) as usize;
            p["nip"] = json!(nips.remove(i));
        }
        participants.push(p);
    }
    let mut course = json!({
        "id": format!("c{}", rng.below(1000)),
        "title": "Pelatihan",
        "time_zone": zone,
        "sessions": sessions,
        "participants": participants,
    });
    if rng.chance(30) {
        course["jp_minutes"] = json!(rng.pick(&[45, 60, 30]));
    }
    if rng.chance(40) {
        course["policy"] = policy(rng, &session_ids);
    }
    // attendance: most pairs marked, some missing, a few odd
    let mut marks = Vec::new();
    let odd_statuses = rng.chance(15);
    for p in 1..=n_participants {
        for (k, (start, end)) in spans.iter().enumerate() {
            if rng.chance(15) {
                continue;
            }
            let mut m = json!({"participant": format!("p{p}"), "session": format!("s{}", k + 1)});
            if rng.chance(25) {
                // the zone's own offset, or another one naming the same instant
                let offset = if rng.chance(60) {
                    None
                } else {
                    Some(rng.range(-12, 14) as i32)
                };
                let check_in = start
                    + if rng.below(1000) < 5 {
                        rng.range(-200, 200)
                    } else {
                        rng.range(-40, 40)
                    };
                m["check_in"] = json!(instant(zone, day, check_in, offset));
                if rng.chance(40) {
                    let check_out = (end - rng.range(-10, 40)).max(check_in + rng.range(-5, 30));
                    m["check_out"] = json!(instant(zone, day, check_out, offset));
                }
            } else if odd_statuses && rng.chance(5) {
                m["status"] = json!(rng.pick(CUSTOM));
            } else {
                m["status"] = json!(rng.pick(STATUSES));
            }
            if rng.chance(3) {
                m["note"] = json!("catatan");
            }
            marks.push(m);
            if rng.chance(3) {
                // a second mark for the same pair
                marks.push(json!({"participant": format!("p{p}"), "session": format!("s{}", k + 1), "status": rng.pick(STATUSES)}));
            }
        }
    }
    if rng.chance(4) {
        marks.push(json!({"participant": "p99", "session": "s1", "status": "hadir"}));
    }
    if rng.chance(4) {
        marks.push(json!({"participant": "p1", "session": "s99", "status": "hadir"}));
    }
    // shuffle: record order must not matter
    for i in (1..marks.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        marks.swap(i, j);
    }
    let mut request = json!({"course": course, "attendance": marks});
    if rng.chance(25) {
        request["policy"] = policy(rng, &session_ids);
    }
    if rng.chance(20) && n_participants > 0 {
        let mut scores = Vec::new();
        for p in 1..=n_participants {
            if rng.chance(70) {
                let score = decimal(rng, &["55", "70", "70.01", "80.5", "90.01", "100", "85,25"]);
                scores.push(json!({"participant": format!("p{p}"), "score": score}));
            }
        }
        request["scores"] = json!(scores);
    }
    if rng.chance(20) {
        let minutes = spans.first().map_or(600, |s| s.0) + rng.range(-60, 600);
        request["as_of"] = json!(format!("{}:00+08:00", local(day, minutes)));
    }
    if rng.chance(30) {
        request["trace"] = json!(false);
    }
    request
}

fn main() {
    let mut seed = 1u64;
    let mut count = 1000usize;
    let mut out: Option<String> = None;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--seed" => seed = value.parse().expect("--seed N"),
            "--count" => count = value.parse().expect("--count N"),
            "--out" => out = Some(value),
            other => panic!("unknown argument {other}"),
        }
        i += 2;
    }
    let mut writer: Box<dyn Write> = match out {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).expect("--out is writable"),
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout())),
    };
    let (mut ok, mut failed) = (0, 0);
    for index in 0..count {
        let mut rng = Rng(seed.wrapping_mul(1_000_003).wrapping_add(index as u64));
        let input = case(&mut rng).to_string();
        let output = tamat::json::evaluate(&input);
        if output.starts_with(r#"{"type":"success""#) {
            ok += 1;
        } else {
            failed += 1;
        }
        let line = json!({"seed": seed, "index": index, "input": input, "output": output});
        writeln!(writer, "{line}").expect("write");
    }
    writer.flush().expect("flush");
    eprintln!("{count} cases (seed {seed}): {ok} evaluated, {failed} refused");
}
