//! The issuance register under random sequences of operations: numbers have no gaps, a
//! number once issued never changes, ids stay unique, a refused operation changes
//! nothing, and the register always passes its own consistency check.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::json;
use tamat::certificates::Register;
use tamat::certificates::{IssuanceSettings, Signatory};
use tamat::{evaluate, Course, EvaluateRequest, Mark};

#[derive(Clone, Debug)]
enum Op {
    /// Issue with these present marks (participant x session), in this year and unit,
    /// with participant `rename` renamed (or none).
    Issue {
        present: Vec<bool>,
        year: i32,
        unit: u8,
        rename: Option<usize>,
    },
    /// Re-issue the n-th certificate of the register.
    Reissue {
        pick: usize,
        year: i32,
    },
    Revoke(usize),
    Suspend(usize),
    Reinstate(usize),
}

const P: usize = 4;
const S: usize = 4;

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (prop::collection::vec(any::<bool>(), P * S), 2025..2027i32, 0..2u8, prop::option::of(0..P))
            .prop_map(|(present, year, unit, rename)| Op::Issue { present, year, unit, rename }),
        1 => (any::<usize>(), 2025..2027i32).prop_map(|(pick, year)| Op::Reissue { pick, year }),
        1 => any::<usize>().prop_map(Op::Revoke),
        1 => any::<usize>().prop_map(Op::Suspend),
        1 => any::<usize>().prop_map(Op::Reinstate),
    ]
}

fn course(rename: Option<usize>) -> Course {
    let sessions: Vec<_> = (0..S)
        .map(|i| json!({"id": format!("s{i}"), "title": format!("M{}", i % 2), "start": format!("2025-07-17T0{}:00", i + 1), "end": format!("2025-07-17T0{}:45", i + 1)}))
        .collect();
    let participants: Vec<_> = (0..P)
        .map(|i| {
            let name = if rename == Some(i) {
                format!("Peserta {i}, S.Kom.")
            } else {
                format!("Peserta {i}")
            };
            json!({"id": format!("p{i}"), "name": name})
        })
        .collect();
    serde_json::from_value(json!({
        "id": "c", "title": "Uji", "time_zone": "WITA", "venue": "Samarinda",
        "organiser": {"name": "Balai", "unit_code": "B"},
        "sessions": sessions, "participants": participants,
        "policy": {"version": 1, "minimum_percent": 75}
    }))
    .unwrap()
}

fn settings(year: i32, unit: u8) -> IssuanceSettings {
    let mut s = IssuanceSettings::new(Signatory {
        name: "Kepala".into(),
        position: "Kepala Balai".into(),
        ..Signatory::default()
    });
    s.unit = Some(format!("U{unit}"));
    s.issued_on = NaiveDate::from_ymd_opt(year, 8, 1);
    s.numbering.template = "{N}/{unit}/{y}".into();
    s
}

fn evaluation(course: &Course, present: &[bool]) -> tamat::Evaluation {
    let marks: Vec<Mark> = (0..P * S)
        .map(|k| {
            let status = if present[k] { "hadir" } else { "alpha" };
            Mark::status(&format!("p{}", k / S), &format!("s{}", k % S), status)
        })
        .collect();
    evaluate(&EvaluateRequest::new(course.clone(), marks)).unwrap()
}

fn check(register: &Register, before: &BTreeMap<String, (String, u64)>) -> Result<(), TestCaseError> {
    register
        .validate(131_072)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    // No gaps: per unit and year, the sequences are exactly 1..=last.
    let mut seqs: BTreeMap<(String, i32), BTreeSet<u64>> = BTreeMap::new();
    for e in &register.certificates {
        prop_assert!(
            seqs.entry((e.unit.clone(), e.year)).or_default().insert(e.sequence),
            "sequence twice"
        );
        let prefix = format!("{:05}/", e.sequence);
        prop_assert!(
            e.number.starts_with(&prefix),
            "{} does not start with {}",
            e.number,
            prefix
        );
    }
    for ((unit, year), set) in &seqs {
        let last = register
            .counters
            .iter()
            .find(|c| &c.unit == unit && c.year == *year)
            .unwrap()
            .last;
        prop_assert_eq!(set.iter().copied().collect::<Vec<_>>(), (1..=last).collect::<Vec<_>>());
    }
    // Nothing issued before changed its number or index, or disappeared.
    for (id, (number, index)) in before {
        let e = register.entry(id).unwrap();
        prop_assert_eq!(&e.number, number);
        prop_assert_eq!(e.status_index, *index);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]
    #[test]
    fn numbers_never_gap_or_change(ops in prop::collection::vec(op(), 1..14)) {
        let mut register = Register::new();
        let mut last_present = vec![true; P * S];
        for op in ops {
            let before: BTreeMap<String, (String, u64)> = register
                .certificates
                .iter()
                .map(|e| (e.id.clone(), (e.number.clone(), e.status_index)))
                .collect();
            let snapshot = register.clone();
            let ids: Vec<String> = register.certificates.iter().map(|e| e.id.clone()).collect();
            let pick = |n: usize| ids.get(n % ids.len().max(1)).cloned().unwrap_or_default();
            let ok = match &op {
                Op::Issue { present, year, unit, rename } => {
                    last_present = present.clone();
                    let c = course(*rename);
                    let ev = evaluation(&c, present);
                    match register.issue(&c, &ev, &settings(*year, *unit)) {
                        Ok(done) => {
                            let in_force = done.certificates.len() + done.skipped.len();
                            prop_assert_eq!(in_force, P);
                            true
                        }
                        Err(e) => {
                            prop_assert!(e.codes().iter().all(|c| *c == "register.content_changed"), "{:?}", e.codes());
                            false
                        }
                    }
                }
                Op::Reissue { pick: n, year } => {
                    let c = course(None);
                    let ev = evaluation(&c, &last_present);
                    let unit = register.entry(&pick(*n)).map(|e| e.unit.clone()).unwrap_or_else(|| "U0".into());
                    let s = settings(*year, if unit == "U1" { 1 } else { 0 });
                    register.reissue(&c, &ev, &s, &pick(*n), None, None).is_ok()
                }
                Op::Revoke(n) => register.revoke(&pick(*n), None, None).is_ok(),
                Op::Suspend(n) => register.suspend(&pick(*n), None, None).is_ok(),
                Op::Reinstate(n) => register.reinstate(&pick(*n), None, None).is_ok(),
            };
            if !ok {
                prop_assert_eq!(&register, &snapshot, "a refused operation changed the register");
            }
            check(&register, &before)?;
            // The register survives a JSON round trip unchanged.
            let text = serde_json::to_string(&register).unwrap();
            prop_assert_eq!(Register::from_json(&text).unwrap(), register.clone());
        }
    }
}
