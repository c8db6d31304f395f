//! CSV attendance sheets: both layouts, the encodings spreadsheets export, and errors
//! with line and column for every malformed row.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tamat::sheets::read_csv;
use tamat::{demo, evaluate, Course, EvaluateRequest, Outcome};

fn course() -> Course {
    demo::kaltim_request().unwrap().course
}

fn outcomes(course: &Course, marks: Vec<tamat::Mark>) -> Vec<(String, Outcome, Option<tamat::Fixed>)> {
    let mut request = EvaluateRequest::new(course.clone(), marks);
    request.trace = false;
    evaluate(&request)
        .unwrap()
        .decisions
        .into_iter()
        .map(|d| (d.participant, d.outcome, d.attendance.percent))
        .collect()
}

#[test]
fn bundled_sheets_decide_as_the_json_marks() {
    let course = course();
    let json = outcomes(&course, demo::kaltim_request().unwrap().attendance);
    let long = read_csv(include_bytes!("../data/kaltim/attendance-long.csv"), &course).unwrap();
    assert_eq!((long.layout, long.delimiter), ("long", Some(',')));
    assert_eq!(long.attendance, demo::kaltim_request().unwrap().attendance);
    let wide = read_csv(include_bytes!("../data/kaltim/attendance-wide.csv"), &course).unwrap();
    assert_eq!((wide.layout, wide.delimiter), ("wide", Some(';')));
    assert_eq!(wide.attendance.len(), 300);
    assert_eq!(outcomes(&course, wide.attendance.clone()), json);
    assert_eq!(outcomes(&course, long.attendance), json);
    // every mark knows its line and column: Rahmad Fauzi (row 11 = line 12), izin in s06
    let i = wide
        .attendance
        .iter()
        .position(|m| m.participant == "p11" && m.session == "s06")
        .unwrap();
    assert_eq!(wide.attendance[i].status.as_deref(), Some("I"));
    assert_eq!((wide.sources[i].line, wide.sources[i].column.as_str()), (12, "s06"));
}

fn small() -> Course {
    serde_json::from_str(
        r#"{"id":"c","title":"C","time_zone":"WITA",
        "sessions":[{"id":"s1","start":"2025-07-17T08:00","end":"2025-07-17T09:00"},
                    {"id":"s2","start":"2025-07-17T09:00","end":"2025-07-17T10:00"}],
        "participants":[{"id":"p1","name":"A","nip":"197609172002011186"},{"id":"p2","name":"B"}]}"#,
    )
    .unwrap()
}

fn marks(text: &str) -> Vec<(String, String, String)> {
    read_csv(text.as_bytes(), &small())
        .unwrap()
        .attendance
        .into_iter()
        .map(|m| (m.participant, m.session, m.status.or(m.check_in).unwrap_or_default()))
        .collect()
}

fn reasons(text: &[u8]) -> Vec<(u64, String, String)> {
    let errors = read_csv(text, &small()).unwrap_err();
    errors
        .0
        .iter()
        .map(|e| {
            assert_eq!(e.code(), "attendance.invalid_sheet", "{e}");
            let d = e.details();
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_str().unwrap().to_string(),
                d["problem"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn m(p: &str, s: &str, st: &str) -> (String, String, String) {
    (p.into(), s.into(), st.into())
}

#[test]
fn layouts_separators_bom_crlf_and_nip() {
    let expected = vec![m("p1", "s1", "H"), m("p1", "s2", "hadir"), m("p2", "s1", "alpha")];
    assert_eq!(marks("participant,s1,s2\np1,H,hadir\np2,alpha,\n"), expected);
    assert_eq!(
        marks("\u{feff}participant;s1;s2\r\np1;H;hadir\r\np2;alpha;\r\n"),
        expected
    );
    assert_eq!(
        marks("no\tnama\tparticipant\ts1\ts2\n1\tA\tp1\tH\thadir\n2\tB\tp2\talpha\t\n"),
        expected
    );
    assert_eq!(
        marks("nip,nama,s1,s2\n19760917 200201 1 186,A,H,hadir\n,,,\n"),
        vec![m("p1", "s1", "H"), m("p1", "s2", "hadir")]
    );
    assert_eq!(
        marks("sesi;peserta;kehadiran;masuk\ns1;p1;;2025-07-17T08:05:00+08:00\n\"s2\";\"p1\";\"Hadir; tepat\";\n"),
        vec![
            m("p1", "s1", "2025-07-17T08:05:00+08:00"),
            m("p1", "s2", "Hadir; tepat")
        ]
    );
}

#[test]
fn every_bad_row_is_reported_with_line_and_column() {
    assert_eq!(reasons(b""), vec![(1, String::new(), "empty_sheet".into())]);
    assert_eq!(
        reasons(b"nama,s1\nA,H\n"),
        vec![(1, "participant".into(), "missing_column".into())]
    );
    assert_eq!(
        reasons(b"participant,s1,s9\np1,H,H\n"),
        vec![(1, "s9".into(), "unknown_column".into())]
    );
    assert_eq!(
        reasons(b"participant,s1,s1\np1,H,H\n"),
        vec![(1, "s1".into(), "duplicate_column".into())]
    );
    assert_eq!(
        reasons(b"participant,nama\np1,A\n"),
        vec![(1, String::new(), "no_session_columns".into())]
    );
    assert_eq!(
        reasons(b"participant,session\np1,s1\n"),
        vec![(1, "status".into(), "missing_column".into())]
    );
    assert_eq!(
        // (a byte that is not UTF-8 makes the file Windows-1252, not a bad row: see
        // tests/adversarial.rs)
        reasons(b"participant,s1,s2\np1,H,H\np2,H,H,X\n,H,H\n"),
        vec![
            (3, "#4".into(), "extra_field".into()),
            (4, "participant".into(), "empty_participant".into()),
        ]
    );
    assert_eq!(
        reasons(b"nip,s1\n199001012020011001,H\n"),
        vec![(2, "nip".into(), "unknown_nip".into())]
    );
    assert_eq!(
        reasons(b"participant,session,status\np1,,H\np1,s1,\n"),
        vec![
            (2, "session".into(), "empty_session".into()),
            (3, "status".into(), "empty_status".into())
        ]
    );
    assert_eq!(
        reasons(b"participant,s1\np1,H\np2,\"H\n"),
        vec![(3, String::new(), "unclosed_quote".into())]
    );
}

#[test]
fn evaluator_errors_point_back_to_the_sheet() {
    let course = small();
    let sheet = read_csv(b"participant,s1,s2\np1,H,H\np3,H,bolos\n", &course).unwrap();
    let errors = evaluate(&EvaluateRequest::new(course, sheet.attendance.clone())).unwrap_err();
    let located: Vec<(&str, u64, &str)> = errors
        .0
        .iter()
        .map(|e| {
            let s = sheet.source_of(e).unwrap();
            (e.code(), s.line, s.column.as_str())
        })
        .collect();
    assert_eq!(
        located,
        vec![
            ("attendance.unknown_participant", 3, "s1"),
            ("attendance.unknown_participant", 3, "s2"),
            ("attendance.unknown_status", 3, "s2"),
        ]
    );
}

#[test]
fn messages_name_line_and_column_in_both_languages() {
    let e = read_csv(b"participant,s1,s9\np1,H,H\n", &small()).unwrap_err();
    assert_eq!(
        e.0[0].message(tamat::Lang::En),
        "attendance sheet, line 1, column `s9`: is neither a session id of the course nor a known column (`s9`)"
    );
    assert!(e.0[0]
        .message(tamat::Lang::Id)
        .starts_with("lembar kehadiran, baris 1, kolom `s9`"));
}

/// Streaming a sheet into the grid gives the sheet, warnings and errors that reading it
/// into marks and then resolving them gives: for the bundled sheets, and for sheets with
/// unknown participants, sessions and statuses, duplicates and bad rows.
#[test]
fn streaming_equals_reading_then_resolving() {
    let course = course();
    let ev = tamat::Evaluator::new(&course, None).unwrap();
    let cases: Vec<Vec<u8>> = vec![
        include_bytes!("../data/kaltim/attendance-long.csv").to_vec(),
        include_bytes!("../data/kaltim/attendance-wide.csv").to_vec(),
        b"participant,session,status\np01,s01,hadir\np01,s01,alpha\np02,s02,izin\n".to_vec(),
        b"participant,session,status\np01,s01,bolos\npx,s01,hadir\np02,s99,hadir\n".to_vec(),
        b"participant,session,status\r\np01,s01,hadir,extra\r\n,s02,hadir\r\n".to_vec(),
        b"participant,session,check_in\np01,s01,17/07/2025 08:05\np02,s01,2025-07-17T23:00:00+08:00\n".to_vec(),
    ];
    for (n, bytes) in cases.iter().enumerate() {
        let read = read_csv(bytes, &course);
        let streamed = tamat::sheets::stream_csv(bytes, &course, &ev);
        match (read, streamed) {
            (Ok(sheet), Ok(streamed)) => {
                let resolved = ev.grid(&sheet.attendance);
                match resolved {
                    Ok(grid) => {
                        assert_eq!(streamed.grid, grid, "case {n}");
                        assert_eq!(streamed.marks, sheet.attendance.len());
                        for w in &grid.warnings {
                            assert_eq!(streamed.sources.source_of(w), sheet.source_of(w), "case {n}: {w}");
                        }
                    }
                    Err(e) => panic!("case {n}: streamed, but resolving failed: {e:?}"),
                }
            }
            (Ok(sheet), Err((errors, sources))) => {
                let resolved = ev.grid(&sheet.attendance).unwrap_err();
                assert_eq!(errors, resolved, "case {n}");
                for e in &errors.0 {
                    assert_eq!(sources.source_of(e), sheet.source_of(e), "case {n}: {e}");
                    assert!(sources.source_of(e).is_some() || e.details().get("mark").is_none());
                }
            }
            (Err(read), Err((streamed, _))) => assert_eq!(read, streamed, "case {n}"),
            (r, s) => panic!("case {n}: {r:?} vs {:?}", s.map(|s| s.marks)),
        }
    }
}
