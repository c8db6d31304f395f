//! The Rust API beyond the JSON contract: compiled evaluators, sheets of status bytes,
//! ledger entries from an evaluation.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use tamat::model::{ALPHA, HADIR, IZIN};
use tamat::{demo, evaluate, EvaluateOptions, Evaluator, Lang, Outcome, TamatError};

fn kaltim() -> (tamat::EvaluateRequest, Evaluator) {
    let req = demo::kaltim_request().unwrap();
    let ev = Evaluator::new(&req.course, None).unwrap();
    (req, ev)
}

#[test]
fn a_sheet_of_another_course_is_refused_not_misread() {
    let (_, ev) = kaltim();
    let other = tamat::StatusGrid::empty(30, 9);
    let err = ev.evaluate(&other, &[], &EvaluateOptions::default()).unwrap_err();
    assert_eq!(err.code(), "attendance.sheet_mismatch");
    assert!(matches!(
        err,
        TamatError::SheetMismatch {
            sessions: 9,
            expected_sessions: 10,
            ..
        }
    ));
    assert!(ev.summarize(&other, &[], None).is_err());
    assert!(ev
        .evaluate_participant(&other, &[], "p01", &EvaluateOptions::default())
        .is_err());
}

#[test]
fn status_bytes_set_directly_give_the_same_decisions_as_marks() {
    let (req, ev) = kaltim();
    let from_marks = ev.grid(&req.attendance).unwrap();
    let mut direct = ev.empty_sheet();
    for (p, participant) in ev.participants().iter().enumerate() {
        for (s, session) in ev.schedule().sessions.iter().enumerate() {
            let word = req
                .attendance
                .iter()
                .find(|m| m.participant == participant.id && m.session == session.id)
                .and_then(|m| m.status.clone())
                .unwrap_or_else(|| "terlambat".into()); // the two check-in marks are late arrivals
            assert!(direct.set_code(p, s, ev.status_code(&word).unwrap()));
        }
    }
    assert!(!direct.set_code(30, 0, HADIR), "row out of range");
    assert!(!direct.set_code(0, 10, HADIR), "column out of range");
    let a = ev.summarize(&from_marks, &[], None).unwrap();
    let b = ev.summarize(&direct, &[], None).unwrap();
    assert_eq!(a, b);
    assert_eq!((a.lulus, a.telah_mengikuti), (27, 3));
}

#[test]
fn status_words_in_both_languages_map_to_the_same_byte() {
    let (_, ev) = kaltim();
    for (words, byte) in [
        (["hadir", "Present", "h"], HADIR),
        (["izin", "EXCUSED", "I"], IZIN),
        (["alpha", "absent", "a"], ALPHA),
    ] {
        for w in words {
            assert_eq!(ev.status_code(w), Some(byte), "{w}");
        }
    }
    assert_eq!(ev.status_code("cuti"), None);
}

#[test]
fn ledger_entries_credit_lulus_participants_with_the_course_jp() {
    let (req, _) = kaltim();
    let evaluation = evaluate(&req).unwrap();
    let entries = evaluation.ledger_entries();
    assert_eq!(entries.len(), 27);
    assert!(entries
        .iter()
        .all(|e| e.jp == tamat::Fixed::from_int(10) && e.completed_on.to_string() == "2025-07-17"));
    let rows = tamat::ledger(&entries, tamat::Fixed::from_int(20)).unwrap();
    assert_eq!(rows.len(), 27);
    assert!(rows
        .iter()
        .all(|r| !r.met && r.shortfall_jp == tamat::Fixed::from_int(10)));
}

#[test]
fn decisions_read_well_in_both_languages() {
    let (req, _) = kaltim();
    let evaluation = evaluate(&req).unwrap();
    let p11 = evaluation.decisions.iter().find(|d| d.participant == "p11").unwrap();
    assert_eq!(p11.outcome, Outcome::TelahMengikuti);
    assert_eq!(p11.label(Lang::Id), "TELAH MENGIKUTI");
    assert_eq!(p11.reasons[0].message(Lang::Id), "Kehadiran 80% di bawah syarat 90%");
    assert_eq!(
        p11.reasons[0].message(Lang::En),
        "Attendance 80% is below the required 90%"
    );
    assert_eq!(p11.nip.as_ref().unwrap().formatted(), "19940327 202007 1 408");
}

#[test]
fn a_request_for_one_participant_evaluates_only_that_one() {
    let (mut req, _) = kaltim();
    req.participant = Some("p15".into());
    let e = evaluate(&req).unwrap();
    assert_eq!(e.decisions.len(), 1);
    assert_eq!(e.decisions[0].participant, "p15");
    assert_eq!((e.summary.participants, e.summary.telah_mengikuti), (1, 1));
    req.participant = Some("p99".into());
    assert_eq!(evaluate(&req).unwrap_err().codes(), vec!["request.unknown_participant"]);
}

#[test]
fn an_explanation_names_every_reason() {
    let course: tamat::Course = serde_json::from_value(serde_json::json!({
        "id": "c1", "title": "Uji", "time_zone": "Asia/Makassar",
        "sessions": [
            {"id": "s1", "title": "Materi Wajib", "start": "2025-07-17T08:00", "end": "2025-07-17T08:45"},
            {"id": "s2", "start": "2025-07-17T09:00", "end": "2025-07-17T09:45"}
        ],
        "participants": [{"id": "p1", "name": "Satu"}],
        "policy": {"version": 1, "minimum_percent": 50, "required_sessions": ["s1"]}
    }))
    .unwrap();
    let marks = vec![tamat::Mark::status("p1", "s2", "hadir")];
    let result = tamat::evaluate(&tamat::EvaluateRequest::new(course, marks)).unwrap();
    let d = &result.decisions[0];
    assert!(d.reasons.len() >= 2, "{:?}", d.reason_codes());
    let text = d.explanation(tamat::Lang::Id);
    for r in &d.reasons {
        assert!(text.contains(&r.message(tamat::Lang::Id)), "{text}");
    }
    assert!(text.contains("; "));
}

#[test]
fn a_certificate_is_looked_up_by_id_or_number() {
    let request = tamat::demo::kaltim_request().unwrap();
    let evaluation = tamat::evaluate(&request).unwrap();
    let settings = tamat::demo::kaltim_settings().unwrap();
    let mut register = tamat::certificates::Register::new();
    let issued = register.issue(&request.course, &evaluation, &settings).unwrap();
    let c = &issued.certificates[2];
    assert_eq!(register.lookup(&c.id).unwrap().number, c.number);
    assert_eq!(register.lookup(&c.number).unwrap().id, c.id);
    assert_eq!(
        register.lookup("nothing").unwrap_err().code(),
        "register.unknown_certificate"
    );
    // The same number in another unit makes the number ambiguous: refused, not guessed.
    let mut other = settings.clone();
    other.unit = Some("BPSDM-LAIN".into());
    let mut course = request.course.clone();
    course.id = "other".into();
    let mut req = request.clone();
    req.course = course.clone();
    let eval = tamat::evaluate(&req).unwrap();
    let mut numbering = other.numbering.clone();
    numbering.template = "{N}".into();
    other.numbering = numbering.clone();
    let mut same = settings.clone();
    same.numbering = numbering;
    let mut register = tamat::certificates::Register::new();
    register.issue(&request.course, &evaluation, &same).unwrap();
    register.issue(&course, &eval, &other).unwrap();
    assert_eq!(
        register.lookup("00001").unwrap_err().code(),
        "register.unknown_certificate"
    );
}
