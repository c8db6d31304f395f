//! Property tests of invariants that must hold for any course, policy and attendance.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should stop loudly

use proptest::prelude::*;
use tamat::{evaluate, Course, EvaluateRequest, Mark, Policy};

const STATUSES: &[&str] = &["hadir", "terlambat", "izin", "sakit", "alpha"];

fn course(n_sessions: usize, n_participants: usize, jps: &[u32]) -> Course {
    let sessions: Vec<serde_json::Value> = (0..n_sessions)
        .map(|i| {
            let start = 7 * 60 + i * 50;
            serde_json::json!({
                "id": format!("s{i}"),
                "start": format!("2025-07-17T{:02}:{:02}", start / 60, start % 60),
                "end": format!("2025-07-17T{:02}:{:02}", (start + 45) / 60, (start + 45) % 60),
                "jp": jps[i % jps.len()],
            })
        })
        .collect();
    let participants: Vec<serde_json::Value> = (0..n_participants)
        .map(|i| serde_json::json!({"id": format!("p{i}"), "name": format!("P {i}")}))
        .collect();
    serde_json::from_value(serde_json::json!({
        "id": "c", "title": "t", "time_zone": "Asia/Makassar",
        "sessions": sessions, "participants": participants,
    }))
    .unwrap()
}

fn policy() -> impl Strategy<Value = Policy> {
    (
        prop_oneof![Just("sessions"), Just("jp"), Just("minutes")],
        0u32..=100,
        prop_oneof![Just("absent"), Just("excluded"), Just("present")],
        prop_oneof![Just("absent"), Just("excluded"), Just("present")],
        prop_oneof![
            Just(serde_json::json!({"rule": "full"})),
            Just(serde_json::json!({"rule": "partial", "credit": 0.5})),
            (1u32..4).prop_map(|n| serde_json::json!({"rule": "per_absence", "lates": n})),
        ],
        0u32..3,
        proptest::option::of(0u32..3),
    )
        .prop_map(|(measure, min, izin, sakit, late, drop, cap)| {
            let mut p = serde_json::json!({
                "measure": measure, "minimum_percent": min, "izin": izin, "sakit": sakit,
                "late": late, "drop_lowest": drop,
            });
            if let Some(c) = cap {
                p["excused_cap"] = c.into();
            }
            serde_json::from_value(p).unwrap()
        })
}

/// A cohort: statuses per participant per session (None = unmarked).
fn cohort() -> impl Strategy<Value = (usize, usize, Vec<u32>, Vec<Option<usize>>)> {
    (1usize..8, 1usize..5, proptest::collection::vec(0u32..4, 1..4)).prop_flat_map(|(s, p, jps)| {
        proptest::collection::vec(proptest::option::of(0..STATUSES.len()), s * p)
            .prop_map(move |cells| (s, p, jps.clone(), cells))
    })
}

fn marks(s: usize, p: usize, cells: &[Option<usize>]) -> Vec<Mark> {
    let mut out = Vec::new();
    for pi in 0..p {
        for si in 0..s {
            if let Some(st) = cells[pi * s + si] {
                out.push(Mark::status(&format!("p{pi}"), &format!("s{si}"), STATUSES[st]));
            }
        }
    }
    out
}

fn decide(c: &Course, policy: &Policy, marks: Vec<Mark>) -> serde_json::Value {
    let mut req = EvaluateRequest::new(c.clone(), marks);
    req.policy = Some(policy.clone());
    serde_json::to_value(evaluate(&req).unwrap()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Record order never changes a decision (including duplicates resolved by `best`).
    #[test]
    fn record_order_never_changes_a_decision(
        (s, p, jps, cells) in cohort(),
        policy in policy(),
        extra in proptest::collection::vec((0usize..8, 0usize..5, 0..STATUSES.len()), 0..6),
        seed in any::<u64>(),
    ) {
        let c = course(s, p, &jps);
        let mut ms = marks(s, p, &cells);
        // Duplicates too: extra marks for cells that may already have one.
        for (si, pi, st) in extra {
            ms.push(Mark::status(&format!("p{}", pi % p), &format!("s{}", si % s), STATUSES[st]));
        }
        let before = decide(&c, &policy, ms.clone());
        // A deterministic shuffle.
        let mut state = seed | 1;
        for i in (1..ms.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            ms.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let after = decide(&c, &policy, ms);
        prop_assert_eq!(&before["decisions"], &after["decisions"]);
        prop_assert_eq!(&before["summary"], &after["summary"]);
    }

    /// One more present mark (replacing a worse one or filling a gap) never lowers the
    /// percentage.
    #[test]
    fn one_more_present_mark_never_lowers_the_percentage(
        (s, p, jps, cells) in cohort(),
        policy in policy(),
        cell in any::<prop::sample::Index>(),
    ) {
        let c = course(s, p, &jps);
        let mut improved = cells.clone();
        let i = cell.index(cells.len());
        improved[i] = Some(0); // hadir
        let a = decide(&c, &policy, marks(s, p, &cells));
        let b = decide(&c, &policy, marks(s, p, &improved));
        let pi = i / s;
        let ratio = |v: &serde_json::Value| {
            let r = &v["decisions"][pi]["attendance"]["ratio"];
            r.as_object().map(|o| (o["numerator"].as_u64().unwrap() as u128, o["denominator"].as_u64().unwrap() as u128))
        };
        if let (Some((n1, d1)), Some((n2, d2))) = (ratio(&a), ratio(&b)) {
            prop_assert!(n2 * d1 >= n1 * d2, "{n1}/{d1} -> {n2}/{d2}");
        }
    }

    /// Percentages stay within 0..=100, and the display value never exceeds the exact one.
    #[test]
    fn percentages_stay_within_bounds((s, p, jps, cells) in cohort(), policy in policy()) {
        let c = course(s, p, &jps);
        let v = decide(&c, &policy, marks(s, p, &cells));
        for d in v["decisions"].as_array().unwrap() {
            let a = &d["attendance"];
            if let Some(r) = a["ratio"].as_object() {
                let (n, den) = (r["numerator"].as_u64().unwrap(), r["denominator"].as_u64().unwrap());
                prop_assert!(den > 0 && n <= den, "{n}/{den}");
                let pct = a["percent"].as_f64().unwrap();
                prop_assert!((0.0..=100.0).contains(&pct));
                prop_assert!(pct * den as f64 <= 100.0 * n as f64 + 1e-6);
            } else {
                prop_assert!(a["percent"].is_null());
            }
        }
        let summary = &v["summary"];
        let total: u64 = ["lulus", "telah_mengikuti", "no_document", "pending"].iter().map(|k| summary[*k].as_u64().unwrap()).sum();
        prop_assert_eq!(total, p as u64);
    }

    /// The fast paths (summary, table-driven rows) agree with the general path.
    #[test]
    fn summarize_agrees_with_evaluate((s, p, jps, cells) in cohort(), policy in policy()) {
        let c = course(s, p, &jps);
        let ev = tamat::Evaluator::new(&c, Some(&policy)).unwrap();
        let sheet = ev.grid(&marks(s, p, &cells)).unwrap();
        // With a trace the general per-mark path runs; without, the table-driven one.
        let traced = ev.evaluate(&sheet, &[], &tamat::EvaluateOptions { as_of: None, trace: true }).unwrap();
        let plain = ev.evaluate(&sheet, &[], &tamat::EvaluateOptions { as_of: None, trace: false }).unwrap();
        prop_assert_eq!(ev.summarize(&sheet, &[], None).unwrap(), traced.summary);
        for (a, b) in traced.decisions.iter().zip(&plain.decisions) {
            prop_assert_eq!(&a.attendance, &b.attendance);
            prop_assert_eq!(&a.reasons, &b.reasons);
            prop_assert_eq!(a.outcome, b.outcome);
        }
    }

    /// The JSON entry points never panic, whatever the text.
    #[test]
    fn json_entry_points_never_panic(text in ".{0,200}") {
        for out in [tamat::json::evaluate(&text), tamat::json::project(&text), tamat::json::ledger(&text), tamat::json::check_course(&text)] {
            let v: serde_json::Value = serde_json::from_str(&out).unwrap();
            prop_assert_eq!(&v["type"], "failure");
        }
    }
}

/// The projection's state held to the final decision with `k` of the `remaining` sessions
/// attended (`meets_with(k)`): secured passes with none, out of reach fails with all, and
/// reachable needs exactly `needed_sessions`, which it returns.
fn check_state(
    proj: &serde_json::Value,
    remaining: usize,
    meets_with: &dyn Fn(usize) -> bool,
) -> Result<Option<usize>, TestCaseError> {
    match proj["state"].as_str().unwrap() {
        "secured" => prop_assert!(meets_with(0)),
        "unreachable" => prop_assert!(!meets_with(remaining)),
        "reachable" => {
            let k = proj["needed_sessions"].as_u64().unwrap() as usize;
            prop_assert!(meets_with(k), "needed {k} of {remaining}");
            prop_assert!(k == 0 || !meets_with(k - 1), "{} would do", k - 1);
            return Ok(Some(k));
        }
        other => prop_assert!(false, "state {other}"),
    }
    Ok(None)
}

/// Cases of the projection properties: 200 by default; the test command runs them once
/// with `TAMAT_PROPERTY_CASES=10000` in release.
fn projection_cases() -> u32 {
    std::env::var("TAMAT_PROPERTY_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: projection_cases(), ..ProptestConfig::default() })]

    /// The projection never disagrees with the final decision, under every policy option
    /// the strategy draws (excused treatments, late rules, drop-lowest, caps) and required
    /// sessions. Sessions weigh the same here, so which remaining sessions are attended
    /// does not matter beyond the required ones, only how many.
    #[test]
    fn projection_agrees_with_the_final_decision(
        (s, p, _jps, cells) in cohort(),
        policy in policy(),
        held in 0usize..8,
        pick in any::<u64>(),
        required in any::<u8>(),
    ) {
        let mut policy = policy;
        policy.measure = tamat::Measure::Sessions;
        policy.at_risk_absences = (pick % 3) as u32;
        policy.required_sessions = (0..s).filter(|si| required >> si & 1 == 1 && si % 3 == 0).map(|si| format!("s{si}")).collect();
        let is_required = |si: usize| policy.required_sessions.contains(&format!("s{si}"));
        let held = held.min(s);
        let c = course(s, p, &[1]);
        // Marks only for sessions already held; the rest are pending at `as_of`.
        let mut held_cells = cells.clone();
        for pi in 0..p {
            for si in held..s {
                held_cells[pi * s + si] = None;
            }
        }
        let start = 7 * 60 + held * 50; // the start of the first pending session
        let as_of = format!("2025-07-17T{:02}:{:02}:00+08:00", start / 60, start % 60);
        let mut req = EvaluateRequest::new(c.clone(), marks(s, p, &held_cells));
        req.policy = Some(policy.clone());
        req.as_of = Some(as_of);
        let projected = serde_json::to_value(evaluate(&req).unwrap()).unwrap();
        for pi in 0..p {
            let proj = &projected["decisions"][pi]["projection"];
            if held == s {
                prop_assert!(proj.is_null());
                continue;
            }
            let remaining = s - held;
            prop_assert_eq!(proj["remaining_sessions"].as_u64().unwrap() as usize, remaining);
            // The final decision with `k` of the pending sessions attended (a rotating
            // choice of which ones) and the others missed.
            // Required pending sessions first, then a rotating choice of the others.
            let mut order: Vec<usize> = (held..s).filter(|&si| is_required(si)).collect();
            let others: Vec<usize> = (held..s).filter(|&si| !is_required(si)).collect();
            order.extend((0..others.len()).map(|j| others[(j + pick as usize) % others.len()]));
            let meets_with = |k: usize| {
                let mut full = held_cells.clone();
                for (j, &si) in order.iter().enumerate() {
                    full[pi * s + si] = Some(if j < k { 0 } else { 4 }); // hadir / alpha
                }
                let v = decide(&c, &policy, marks(s, p, &full));
                let d = &v["decisions"][pi];
                // Attendance requirements: the minimum and every required session.
                d["attendance"]["meets_minimum"].as_bool().unwrap()
                    && !d["reasons"].as_array().unwrap().iter().any(|r| r["code"] == "attendance.required_missed")
            };
            if let Some(k) = check_state(proj, remaining, &meets_with)? {
                {
                    prop_assert_eq!(proj["allowed_absences"].as_u64().unwrap() as usize, remaining - k);
                    prop_assert_eq!(proj["at_risk"].as_bool().unwrap(), remaining - k <= policy.at_risk_absences as usize);
                    // The deadline: missing the first `m` remaining sessions in time order and
                    // attending the rest passes, missing one more does not.
                    let skipping_first = |m: usize| {
                        let mut full = held_cells.clone();
                        for j in 0..remaining {
                            full[pi * s + held + j] = Some(if j < m { 4 } else { 0 });
                        }
                        let v = decide(&c, &policy, marks(s, p, &full));
                        let d = &v["decisions"][pi];
                        d["attendance"]["meets_minimum"].as_bool().unwrap()
                            && !d["reasons"].as_array().unwrap().iter().any(|r| r["code"] == "attendance.required_missed")
                    };
                    let m = match proj["last_missable"]["session"].as_str() {
                        None => 0,
                        Some(id) => id.trim_start_matches('s').parse::<usize>().unwrap() + 1 - held,
                    };
                    prop_assert!(skipping_first(m), "missing the first {m} must still pass");
                    prop_assert!(m == remaining || !skipping_first(m + 1), "missing {} would still pass", m + 1);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: projection_cases(), ..ProptestConfig::default() })]

    /// The projection agrees with the final decision under every measure when sessions
    /// already held carry check-in/out times (minutes present): under `minutes` a session
    /// left early counts only the minutes attended, in the projection as in the decision.
    /// Sessions are all 45 minutes and 1 JP, so only how many pending sessions are
    /// attended matters.
    #[test]
    fn projection_agrees_with_the_final_decision_with_minutes_present(
        (s, p, _jps, cells) in cohort(),
        policy in policy(),
        held in 0usize..8,
        stays in proptest::collection::vec(proptest::option::of(1u32..=45), 40),
        pick in any::<u64>(),
    ) {
        let held = held.min(s);
        let c = course(s, p, &[1]);
        // Held sessions: a status mark, or a check-in at the start and a check-out after
        // `stay` minutes; pending sessions have no mark at `as_of`.
        let held_marks = |pi: usize| -> Vec<Mark> {
            (0..held)
                .filter_map(|si| {
                    let start = 7 * 60 + si * 50;
                    let at = |m: usize| format!("2025-07-17T{:02}:{:02}:00+08:00", m / 60, m % 60);
                    match (stays[(pi * 8 + si) % stays.len()], cells[pi * s + si]) {
                        (Some(stay), _) => Some(serde_json::from_value::<Mark>(serde_json::json!({
                            "participant": format!("p{pi}"), "session": format!("s{si}"),
                            "check_in": at(start), "check_out": at(start + stay as usize),
                        })).unwrap()),
                        (None, Some(st)) => Some(Mark::status(&format!("p{pi}"), &format!("s{si}"), STATUSES[st])),
                        (None, None) => None,
                    }
                })
                .collect()
        };
        let all_held: Vec<Mark> = (0..p).flat_map(held_marks).collect();
        let start = 7 * 60 + held * 50;
        let as_of = format!("2025-07-17T{:02}:{:02}:00+08:00", start / 60, start % 60);
        let mut req = EvaluateRequest::new(c.clone(), all_held.clone());
        req.policy = Some(policy.clone());
        req.as_of = Some(as_of);
        let projected = serde_json::to_value(evaluate(&req).unwrap()).unwrap();
        for pi in 0..p {
            let proj = &projected["decisions"][pi]["projection"];
            if held == s {
                prop_assert!(proj.is_null());
                continue;
            }
            let remaining = s - held;
            let meets_with = |k: usize| {
                let mut full = all_held.clone();
                for j in 0..remaining {
                    let si = held + (j + pick as usize) % remaining;
                    full.push(Mark::status(&format!("p{pi}"), &format!("s{si}"), if j < k { "hadir" } else { "alpha" }));
                }
                let v = decide(&c, &policy, full);
                v["decisions"][pi]["attendance"]["meets_minimum"].as_bool().unwrap()
            };
            check_state(proj, remaining, &meets_with)?;
        }
    }
}

/// A two-day course of `per_day` 45-minute sessions a day (08:00, 08:50, ... local).
fn two_day_course(per_day: usize, people: &[(Option<usize>, Option<usize>)]) -> Course {
    let sessions: Vec<serde_json::Value> = (0..2 * per_day)
        .map(|i| {
            let (day, slot) = (i / per_day, i % per_day);
            let start = 8 * 60 + slot * 50;
            serde_json::json!({
                "id": format!("s{i}"),
                "start": format!("2025-07-{:02}T{:02}:{:02}", 17 + day, start / 60, start % 60),
                "end": format!("2025-07-{:02}T{:02}:{:02}", 17 + day, (start + 45) / 60, (start + 45) % 60),
                "jp": 1,
            })
        })
        .collect();
    let participants: Vec<serde_json::Value> = people
        .iter()
        .enumerate()
        .map(|(i, (enrolled, withdrawn))| {
            let mut p = serde_json::json!({"id": format!("p{i}"), "name": format!("P {i}")});
            if let Some(d) = enrolled {
                p["enrolled_on"] = format!("2025-07-{:02}", 17 + d).into();
            }
            if let Some(d) = withdrawn {
                p["withdrawn_on"] = format!("2025-07-{:02}", 17 + d).into();
            }
            p
        })
        .collect();
    serde_json::from_value(serde_json::json!({
        "id": "c", "title": "t", "time_zone": "Asia/Makassar",
        "sessions": sessions, "participants": participants,
    }))
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: projection_cases(), ..ProptestConfig::default() })]

    /// Enrolment and withdrawal dates: the projection counts only the sessions that apply
    /// to each participant (from the day of enrolment to the day of withdrawal), and still
    /// agrees with the final decision.
    #[test]
    fn projection_agrees_with_the_final_decision_with_enrolment_and_withdrawal(
        per_day in 1usize..4,
        people in proptest::collection::vec((proptest::option::of(0usize..2), proptest::option::of(0usize..2)), 1..4),
        cells in proptest::collection::vec(proptest::option::of(0..STATUSES.len()), 24),
        policy in policy(),
        held in 0usize..8,
        pick in any::<u64>(),
    ) {
        let mut policy = policy;
        policy.measure = tamat::Measure::Sessions;
        let s = 2 * per_day;
        let held = held.min(s);
        let p = people.len();
        let c = two_day_course(per_day, &people);
        let applies = |pi: usize, si: usize| {
            let day = si / per_day;
            people[pi].0.is_none_or(|e| day >= e) && people[pi].1.is_none_or(|w| day <= w)
        };
        let held_cells: Vec<Option<usize>> =
            (0..p * s).map(|i| if i % s < held { cells[i % cells.len()] } else { None }).collect();
        // As of the start of the first pending session (or the end of the course).
        let as_of = if held < s {
            let (day, slot) = (held / per_day, held % per_day);
            let start = 8 * 60 + slot * 50;
            format!("2025-07-{:02}T{:02}:{:02}:00+08:00", 17 + day, start / 60, start % 60)
        } else {
            "2025-07-19T00:00:00+08:00".to_string()
        };
        let mut req = EvaluateRequest::new(c.clone(), marks(s, p, &held_cells));
        req.policy = Some(policy.clone());
        req.as_of = Some(as_of);
        let projected = serde_json::to_value(evaluate(&req).unwrap()).unwrap();
        for pi in 0..p {
            let pending: Vec<usize> = (held..s).filter(|&si| applies(pi, si)).collect();
            let proj = &projected["decisions"][pi]["projection"];
            if pending.is_empty() {
                prop_assert!(proj.is_null(), "nothing applicable is pending for p{pi}");
                continue;
            }
            let remaining = pending.len();
            prop_assert_eq!(proj["remaining_sessions"].as_u64().unwrap() as usize, remaining);
            let meets_with = |k: usize| {
                let mut full = held_cells.clone();
                for j in 0..remaining {
                    let si = pending[(j + pick as usize) % remaining];
                    full[pi * s + si] = Some(if j < k { 0 } else { 4 });
                }
                let v = decide(&c, &policy, marks(s, p, &full));
                v["decisions"][pi]["attendance"]["meets_minimum"].as_bool().unwrap()
            };
            check_state(proj, remaining, &meets_with)?;
        }
    }
}

/// A course of `deliveries.len()` 45-minute, 1-JP sessions (07:00, 07:50, ... local);
/// `true` marks an e-learning session.
fn blended_course(deliveries: &[bool], n_participants: usize) -> Course {
    let mut c = course(deliveries.len(), n_participants, &[1]);
    for (s, &e) in c.sessions.iter_mut().zip(deliveries) {
        if e {
            s.delivery = Some(tamat::Delivery::ELearning);
        }
    }
    c
}

/// The attendance requirements of a final decision: the minimum, every required session
/// and each delivery kind's own minimum.
fn attendance_requirements_met(d: &serde_json::Value) -> bool {
    d["attendance"]["meets_minimum"].as_bool().unwrap()
        && !d["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["code"] == "attendance.required_missed" || r["code"] == "attendance.delivery_below_minimum")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: projection_cases(), ..ProptestConfig::default() })]

    /// Minimums per delivery kind (classroom, e-learning): which pending sessions are
    /// attended now matters, not only how many. Every subset of the pending sessions is
    /// tried on the final decision: secured means the empty one passes, out of reach that
    /// the full one fails, and reachable needs exactly the size of the smallest passing
    /// subset, with the rest allowed as absences.
    #[test]
    fn projection_agrees_with_the_final_decision_with_delivery_minimums(
        deliveries in proptest::collection::vec(any::<bool>(), 1..8),
        p in 1usize..4,
        cells in proptest::collection::vec(proptest::option::of(0..STATUSES.len()), 28),
        policy in policy(),
        classroom in proptest::option::of(0u32..=100),
        e_learning in proptest::option::of(0u32..=100),
        held in 0usize..8,
        required in any::<u8>(),
    ) {
        let s = deliveries.len();
        let held = held.min(s);
        let mut policy = policy;
        policy.delivery_minimums.classroom = classroom.map(|m| tamat::Fixed::from_int(i64::from(m)));
        policy.delivery_minimums.e_learning = e_learning.map(|m| tamat::Fixed::from_int(i64::from(m)));
        policy.required_sessions = (0..s).filter(|si| required >> si & 1 == 1 && si % 3 == 1).map(|si| format!("s{si}")).collect();
        let c = blended_course(&deliveries, p);
        let held_cells: Vec<Option<usize>> =
            (0..p * s).map(|i| if i % s < held { cells[i % cells.len()] } else { None }).collect();
        let start = 7 * 60 + held * 50;
        let mut req = EvaluateRequest::new(c.clone(), marks(s, p, &held_cells));
        req.policy = Some(policy.clone());
        req.as_of = Some(format!("2025-07-17T{:02}:{:02}:00+08:00", start / 60, start % 60));
        let projected = serde_json::to_value(evaluate(&req).unwrap()).unwrap();
        let remaining = s - held;
        for pi in 0..p {
            let proj = &projected["decisions"][pi]["projection"];
            if remaining == 0 {
                prop_assert!(proj.is_null());
                continue;
            }
            let passes = |subset: u32| {
                let mut full = held_cells.clone();
                for j in 0..remaining {
                    full[pi * s + held + j] = Some(if subset >> j & 1 == 1 { 0 } else { 4 });
                }
                attendance_requirements_met(&decide(&c, &policy, marks(s, p, &full))["decisions"][pi])
            };
            let all = (1u32 << remaining) - 1;
            let smallest = (0..=all).filter(|&m| passes(m)).map(u32::count_ones).min();
            match proj["state"].as_str().unwrap() {
                "secured" => prop_assert!(passes(0), "secured, but missing everything fails"),
                "unreachable" => prop_assert!(smallest.is_none(), "out of reach, but {smallest:?} sessions pass"),
                "reachable" => {
                    prop_assert!(!passes(0), "reachable, but already secured");
                    let k = proj["needed_sessions"].as_u64().unwrap() as u32;
                    prop_assert_eq!(Some(k), smallest, "needed sessions");
                    prop_assert_eq!(proj["allowed_absences"].as_u64().unwrap() as u32, remaining as u32 - k);
                }
                other => prop_assert!(false, "state {other}"),
            }
        }
    }
}

// Dictionary-coded marks (pandas categoricals, Arrow dictionaries) take a fast path for
// known texts: it must give the same grid, warnings and errors as the same marks read from
// their texts, whatever the texts (unknown ids and words, absent values, duplicates,
// enrolment windows) and the policy.
const PARTICIPANT_TEXTS: &[&str] = &["p0", "p1", "p2", "nobody"];
const SESSION_TEXTS: &[&str] = &["s0", "s1", "s2", "s9"];
const STATUS_TEXTS: &[&str] = &["hadir", "Terlambat", " izin ", "S", "alpha", "tidur", ""];

proptest! {
    #[test]
    fn coded_marks_read_as_their_texts(
        n_sessions in 1usize..4,
        marks in proptest::collection::vec((0u32..5, 0u32..5, 0u32..8), 0..40),
        unknown_is_error in any::<bool>(),
        duplicates_error in any::<bool>(),
        late_enrolment in any::<bool>(),
        rotation in 0usize..4,
    ) {
        // The participant texts in another order: the dictionary's guess that they follow
        // the course's order misses.
        let mut participant_texts = PARTICIPANT_TEXTS.to_vec();
        participant_texts.rotate_left(rotation);
        let mut c = course(n_sessions, 3, &[1, 2]);
        if late_enrolment {
            // Enrolled after the course's only day: none of its sessions applies to p1.
            c.participants[1].enrolled_on = Some("2025-07-18".parse().unwrap());
        }
        let policy: Policy = serde_json::from_value(serde_json::json!({
            "unknown_references": if unknown_is_error { "error" } else { "warning" },
            "duplicates": if duplicates_error { "error" } else { "best" },
        }))
        .unwrap();
        let ev = tamat::Evaluator::new(&c, Some(&policy)).unwrap();
        // Code 4 (participant, session) and 7 (status) are past the end: absent values.
        let text = |column: &[&'static str], code: u32| column.get(code as usize).copied();
        let views: Vec<tamat::MarkView<'_>> = marks
            .iter()
            .map(|&(p, s, st)| tamat::MarkView {
                participant: text(&participant_texts, p).unwrap_or(""),
                session: text(SESSION_TEXTS, s).unwrap_or(""),
                status: text(STATUS_TEXTS, st),
                check_in: None,
                check_out: None,
            })
            .collect();
        let from_texts = ev.grid_from(views);
        let dict = ev.dictionary(&participant_texts, SESSION_TEXTS, STATUS_TEXTS);
        let mut builder = ev.grid_builder();
        for &(p, s, st) in &marks {
            let st = if st == 7 { tamat::NULL_CODE } else { st };
            builder.push_coded(&dict, p, s, st);
        }
        prop_assert_eq!(builder.finish(), from_texts.clone());
        let column = |k: usize| -> Vec<u32> {
            marks.iter().map(|m| [m.0, m.1, if m.2 == 7 { tamat::NULL_CODE } else { m.2 }][k]).collect()
        };
        let mut many = ev.grid_builder();
        many.push_coded_many(&dict, &column(0), &column(1), &column(2));
        prop_assert_eq!(many.finish(), from_texts);
    }
}

// A ledger summed in parts (Dask partitions) and merged in any grouping is the ledger of
// all the entries at once; a course counted in two parts for one NIP is refused; a part
// survives its JSON form.
proptest! {
    #[test]
    fn partial_ledgers_merge_into_the_whole(
        entries in proptest::collection::vec((0usize..6, 0usize..8, 0u32..3, 0i64..9), 0..40),
        cuts in proptest::collection::vec(0usize..40, 0..5),
        fan_in in 2usize..4,
    ) {
        use tamat::{LedgerEntry, PartialLedger};
        let nips = ["198001012005011001", "198102022006022002", "197903032004031003",
                    "198504042010012004", "199005052015022005", "197706062000031006"];
        // One entry per (NIP, course): the whole is valid.
        let mut seen = std::collections::BTreeSet::new();
        let entries: Vec<LedgerEntry> = entries
            .into_iter()
            .filter(|(n, c, _, _)| seen.insert((*n, *c)))
            .map(|(n, c, y, jp)| serde_json::from_value(serde_json::json!({
                "nip": nips[n], "course": format!("k{c}"), "completed_on": format!("{}-06-01", 2023 + y), "jp": jp,
            })).unwrap())
            .collect();
        let obligation = tamat::Fixed::from_int(20);
        let whole = tamat::ledger(&entries, obligation).unwrap();
        let mut bounds: Vec<usize> = cuts.into_iter().map(|c| c.min(entries.len())).collect();
        bounds.push(0);
        bounds.push(entries.len());
        bounds.sort();
        let mut level: Vec<PartialLedger> = bounds
            .windows(2)
            .map(|w| {
                let mut part = PartialLedger::new();
                part.add(&entries[w[0]..w[1]]).unwrap();
                // Each part crosses to another process as JSON.
                serde_json::from_str(&serde_json::to_string(&part).unwrap()).unwrap()
            })
            .collect();
        while level.len() > 1 {
            level = level
                .chunks(fan_in)
                .map(|group| {
                    let mut merged = PartialLedger::new();
                    for p in group {
                        merged.merge(p).unwrap();
                    }
                    merged
                })
                .collect();
        }
        prop_assert_eq!(level[0].rows(obligation), whole);
        // The same course in two parts for one NIP: refused, and nothing merged.
        if let Some(first) = entries.first() {
            let mut a = PartialLedger::new();
            a.add(&entries).unwrap();
            let mut b = PartialLedger::new();
            b.add(std::slice::from_ref(first)).unwrap();
            let before = a.clone();
            let e = a.merge(&b).unwrap_err();
            prop_assert_eq!(e.0[0].code(), "ledger.duplicate_entry");
            prop_assert_eq!(a, before);
        }
    }
}
