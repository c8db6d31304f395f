//! The adversarial input table: hostile or odd input to the entry points, each with the
//! coded error or the documented result it gets (README, "Bad input"). None may panic
//! (an `internal.error`), and an evaluation that succeeds decides for every participant.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{json, Value};
use tamat::json::call;

fn kaltim() -> Value {
    json!({
        "course": serde_json::from_str::<Value>(tamat::demo::KALTIM_COURSE_JSON).unwrap(),
        "attendance": serde_json::from_str::<Value>(tamat::demo::KALTIM_ATTENDANCE_JSON).unwrap(),
    })
}

fn with(edit: impl FnOnce(&mut Value)) -> String {
    let mut v = kaltim();
    edit(&mut v);
    v.to_string()
}

/// What a case must get.
enum Expect {
    /// A failure whose first error has this code.
    Code(&'static str),
    /// A success, and this holds of it.
    Ok(fn(&Value)),
}
use Expect::{Code, Ok};

fn answer(op: &str, input: &str) -> Value {
    let text = call(op, input).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    if let Some(errors) = v["errors"].as_array() {
        for e in errors {
            assert_ne!(e["code"], "internal.error", "{op}: {e}");
        }
    }
    if v["type"] == "success" && op == "evaluate" {
        // no record lost: one decision per participant, and the summary adds up
        let request: Value = serde_json::from_str(input).unwrap();
        let n = request["course"]["participants"].as_array().map_or(0, Vec::len);
        assert_eq!(v["decisions"].as_array().unwrap().len(), n);
        assert_eq!(v["summary"]["participants"], json!(n));
    }
    v
}

fn check(name: &str, op: &str, input: &str, expect: Expect) {
    let v = answer(op, input);
    match expect {
        Code(code) => assert_eq!(v["errors"][0]["code"], code, "{name}: {}", cut(&v)),
        Ok(holds) => {
            assert_eq!(v["type"], "success", "{name}: {}", cut(&v));
            holds(&v);
        }
    }
}

fn cut(v: &Value) -> String {
    v.to_string().chars().take(400).collect()
}

fn outcome(v: &Value, participant: &str) -> String {
    let d = v["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["participant"] == participant)
        .unwrap();
    d["outcome"].as_str().unwrap().to_string()
}

#[test]
fn the_table() {
    let session = |i: usize| format!("/course/sessions/{i}");
    let cases: Vec<(&str, &str, String, Expect)> = vec![
        // malformed JSON
        ("empty input", "evaluate", String::new(), Code("request.invalid_json")),
        (
            "unquoted key",
            "evaluate",
            "{course: 1}".into(),
            Code("request.invalid_json"),
        ),
        (
            "trailing comma",
            "evaluate",
            with(|_| ()).replacen('}', ",}", 1),
            Code("request.invalid_json"),
        ),
        (
            "two documents",
            "evaluate",
            format!("{} {{}}", with(|_| ())),
            Code("request.invalid_json"),
        ),
        (
            "lone surrogate",
            "evaluate",
            r#"{"course":"\ud800"}"#.into(),
            Code("request.invalid_json"),
        ),
        (
            "null document",
            "evaluate",
            "null".into(),
            Code("request.invalid_shape"),
        ),
        (
            "a string document",
            "verify",
            r#""credential""#.into(),
            Code("request.invalid_shape"),
        ),
        // a JSON array is not read positionally in place of the request object
        (
            "array for the request",
            "ledger",
            "[]".into(),
            Code("request.invalid_shape"),
        ),
        (
            "array for the request (evaluate)",
            "evaluate",
            "[{}, []]".into(),
            Code("request.invalid_shape"),
        ),
        // numbers beyond 64 bits
        (
            "JP of 2^64",
            "evaluate",
            with(|v| v.pointer_mut(&session(0)).unwrap()["jp"] = json!(18446744073709551616u128 as f64)),
            Code("request.invalid_shape"),
        ),
        (
            "JP as a 20-digit integer",
            "evaluate",
            with(|_| ()).replacen(r#""jp":1"#, r#""jp":100000000000000000000"#, 1),
            Code("request.invalid_shape"),
        ),
        (
            "minutes per JP of 1e400",
            "evaluate",
            with(|_| ()).replacen(r#""jp_minutes":45"#, r#""jp_minutes":1e400"#, 1),
            Code("request.invalid_json"),
        ),
        (
            "minimum of 2^70 %",
            "evaluate",
            with(|v| v["policy"] = json!({"version":1,"minimum_percent": 1180591620717411303424u128 as f64})),
            Code("request.invalid_decimal"),
        ),
        (
            "numbering start beyond u64",
            "format_number",
            r#"{"numbering":{"start":1},"sequence":18446744073709551616,"date":"2025-07-18","unit":"X"}"#.into(),
            Code("request.invalid_shape"),
        ),
        // NaN and infinite scores
        (
            "NaN score literal",
            "evaluate",
            with(|_| ()).replacen(
                r#""attendance""#,
                r#""scores":[{"participant":"p01","score":NaN}],"attendance""#,
                1,
            ),
            Code("request.invalid_json"),
        ),
        (
            "Infinity score literal",
            "evaluate",
            with(|_| ()).replacen(
                r#""attendance""#,
                r#""scores":[{"participant":"p01","score":Infinity}],"attendance""#,
                1,
            ),
            Code("request.invalid_json"),
        ),
        (
            "score 1e999",
            "evaluate",
            with(|_| ()).replacen(
                r#""attendance""#,
                r#""scores":[{"participant":"p01","score":1e999}],"attendance""#,
                1,
            ),
            Code("request.invalid_json"),
        ),
        (
            "score \"NaN\"",
            "evaluate",
            with(|v| v["scores"] = json!([{"participant":"p01","score":"NaN"}])),
            Code("request.invalid_decimal"),
        ),
        (
            "score \"-inf\"",
            "evaluate",
            with(|v| v["scores"] = json!([{"participant":"p01","score":"-inf"}])),
            Code("request.invalid_decimal"),
        ),
        (
            "score of 30 digits",
            "evaluate",
            with(|v| v["scores"] = json!([{"participant":"p01","score":"123456789012345678901234567890"}])),
            Code("request.invalid_decimal"),
        ),
        (
            "negative score",
            "evaluate",
            with(|v| v["scores"] = json!([{"participant":"p01","score":-1}])),
            Code("assessment.invalid_score"),
        ),
        // negative or zero JP, zero sessions
        (
            "negative JP",
            "evaluate",
            with(|v| v.pointer_mut(&session(0)).unwrap()["jp"] = json!(-1)),
            Code("request.invalid_shape"),
        ),
        (
            "zero minutes per JP",
            "evaluate",
            with(|v| v["course"]["jp_minutes"] = json!(0)),
            Code("course.invalid_jp_minutes"),
        ),
        // a session worth 0 JP (a ceremony) counts as a session; it adds no JP
        (
            "a session of 0 JP",
            "evaluate",
            with(|v| v.pointer_mut(&session(0)).unwrap()["jp"] = json!(0)),
            Ok(|v| {
                assert_eq!(v["total_jp"], json!(9));
                assert_eq!(v["summary"]["lulus"], json!(27));
            }),
        ),
        // every session 0 JP and JP as the measure: nothing can be attended, nobody passes
        (
            "all sessions 0 JP, measured in JP",
            "evaluate",
            with(|v| {
                for s in v["course"]["sessions"].as_array_mut().unwrap() {
                    s["jp"] = json!(0);
                }
                v["policy"] = json!({"version":1,"measure":"jp","minimum_percent":90});
            }),
            Ok(|v| {
                assert_eq!(v["total_jp"], json!(0));
                assert_eq!(v["summary"]["lulus"], json!(0));
            }),
        ),
        // a course with no sessions decides (nobody has attended anything) rather than fail
        (
            "zero sessions",
            "evaluate",
            with(|v| {
                v["course"]["sessions"] = json!([]);
                v["attendance"] = json!([]);
            }),
            Ok(|v| {
                assert_eq!(v["summary"]["lulus"], json!(0));
                assert_eq!(v["summary"]["telah_mengikuti"], json!(0));
            }),
        ),
        (
            "zero sessions, marks for one",
            "evaluate",
            with(|v| v["course"]["sessions"] = json!([])),
            Code("attendance.unknown_session"),
        ),
        (
            "zero participants",
            "evaluate",
            with(|v| {
                v["course"]["participants"] = json!([]);
                v["attendance"] = json!([]);
            }),
            Ok(|v| assert_eq!(v["summary"]["participants"], json!(0))),
        ),
        // duplicate ids
        (
            "duplicate session id",
            "evaluate",
            with(|v| v.pointer_mut(&session(1)).unwrap()["id"] = json!("s01")),
            Code("course.duplicate_session"),
        ),
        (
            "duplicate participant id",
            "evaluate",
            with(|v| v["course"]["participants"][1]["id"] = json!("p01")),
            Code("course.duplicate_participant"),
        ),
        (
            "empty participant id",
            "evaluate",
            with(|v| v["course"]["participants"][1]["id"] = json!("")),
            Code("course.empty_id"),
        ),
        (
            "the same mark twice",
            "evaluate",
            with(|v| {
                let m = v["attendance"][0].clone();
                v["attendance"].as_array_mut().unwrap().push(m);
            }),
            Ok(|v| {
                // the same mark twice is harmless: counted once, and said in a warning
                assert_eq!(v["warnings"][0]["code"], "attendance.duplicate_mark");
                assert_eq!(v["summary"]["lulus"], json!(27));
            }),
        ),
        // two marks for one session that disagree: the best counts, with a warning; or,
        // with the policy's `duplicates: "error"`, a refusal
        (
            "two marks that disagree",
            "evaluate",
            with(|v| {
                v["attendance"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"participant":"p01","session":"s01","status":"alpha"}))
            }),
            Ok(|v| {
                assert_eq!(v["warnings"][0]["code"], "attendance.duplicate_mark");
                assert_eq!(outcome(v, "p01"), "lulus");
            }),
        ),
        (
            "two marks that disagree, duplicates refused",
            "evaluate",
            with(|v| {
                v["attendance"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"participant":"p01","session":"s01","status":"alpha"}));
                v["policy"] = json!({"version":1,"minimum_percent":90,"duplicates":"error"});
            }),
            Code("attendance.duplicate_mark"),
        ),
        (
            "status and check-in in one mark",
            "evaluate",
            with(|v| v["attendance"][0]["check_in"] = json!("2025-07-17T07:30:00+08:00")),
            Code("attendance.conflicting_mark"),
        ),
        (
            "a score twice",
            "evaluate",
            with(|v| v["scores"] = json!([{"participant":"p01","score":80},{"participant":"p01","score":81}])),
            Code("assessment.duplicate_score"),
        ),
        (
            "a ledger entry twice",
            "ledger",
            json!({"entries":[
            {"nip":"197609172002011186","course":"c","completed_on":"2025-07-17","jp":10},
            {"nip":"197609172002011186","course":"c","completed_on":"2025-07-17","jp":10}]})
            .to_string(),
            Code("ledger.duplicate_entry"),
        ),
        (
            "a key twice in a request",
            "evaluate",
            {
                let t = with(|_| ());
                format!("{},\"attendance\":[]}}", &t[..t.len() - 1])
            },
            Code("request.invalid_shape"),
        ),
        // unknown fields: refused in requests, courses, sessions, participants, marks and
        // policies, naming the field; kept (and signed) inside credentials
        (
            "unknown request field",
            "evaluate",
            with(|v| v["colour"] = json!("red")),
            Code("request.invalid_shape"),
        ),
        (
            "unknown course field",
            "evaluate",
            with(|v| v["course"]["colour"] = json!("red")),
            Code("request.invalid_shape"),
        ),
        (
            "unknown session field",
            "evaluate",
            with(|v| v.pointer_mut(&session(0)).unwrap()["room"] = json!(3)),
            Code("request.invalid_shape"),
        ),
        (
            "unknown participant field",
            "evaluate",
            with(|v| v["course"]["participants"][0]["telepon"] = json!("0812")),
            Code("request.invalid_shape"),
        ),
        (
            "unknown mark field",
            "evaluate",
            with(|v| v["attendance"][0]["room"] = json!("x")),
            Code("request.invalid_shape"),
        ),
        (
            "unknown policy field",
            "evaluate",
            with(|v| v["policy"] = json!({"version":1,"minimum_percent":90,"rounding":"up"})),
            Code("request.invalid_shape"),
        ),
        (
            "misspelt status",
            "evaluate",
            with(|v| v["attendance"][0]["status"] = json!("hadirr")),
            Code("attendance.unknown_status"),
        ),
        // times
        (
            "session ending before it starts",
            "evaluate",
            with(|v| {
                let s = v.pointer_mut(&session(0)).unwrap();
                let (a, b) = (s["start"].clone(), s["end"].clone());
                s["start"] = b;
                s["end"] = a;
            }),
            Code("schedule.end_not_after_start"),
        ),
        (
            "session ending as it starts",
            "evaluate",
            with(|v| {
                let s = v.pointer_mut(&session(0)).unwrap();
                s["end"] = s["start"].clone();
            }),
            Code("schedule.end_not_after_start"),
        ),
        (
            "hour 25",
            "evaluate",
            with(|v| v.pointer_mut(&session(0)).unwrap()["start"] = json!("2025-07-17T25:00")),
            Code("schedule.invalid_local_time"),
        ),
        // overlapping sessions are parallel tracks: accepted, each counted on its own
        (
            "overlapping sessions",
            "evaluate",
            with(|v| {
                let start = v.pointer(&session(0)).unwrap()["start"].clone();
                let end = v.pointer(&session(0)).unwrap()["end"].clone();
                let s = v.pointer_mut(&session(1)).unwrap();
                s["start"] = start;
                s["end"] = end;
            }),
            Ok(|v| {
                assert_eq!(v["summary"]["lulus"], json!(27));
                assert_eq!(outcome(v, "p01"), "lulus");
            }),
        ),
        (
            "unknown time zone",
            "evaluate",
            with(|v| v["course"]["time_zone"] = json!("Mars/Olympus")),
            Code("course.invalid_time_zone"),
        ),
        (
            "as_of not a time",
            "evaluate",
            with(|v| v["as_of"] = json!("yesterday")),
            Code("request.invalid_as_of"),
        ),
        // identities
        (
            "NIP of 17 digits",
            "evaluate",
            with(|v| v["course"]["participants"][0]["nip"] = json!("19720101199401103")),
            Code("identity.invalid_nip"),
        ),
        (
            "NIP born in month 13",
            "evaluate",
            with(|v| v["course"]["participants"][0]["nip"] = json!("197213011994011038")),
            Code("identity.invalid_nip"),
        ),
        // certificates
        (
            "a credential with a key twice",
            "verify",
            {
                let v: Value =
                    serde_json::from_str(include_str!("../../tests/vectors/cert-verify-valid.json")).unwrap();
                let text = v["input"].to_string();
                text.replacen(
                    r#""credential":{"#,
                    r#""credential":{"type":["VerifiableCredential"],"#,
                    1,
                )
            },
            Code("request.invalid_json"),
        ),
        (
            "canonicalize a key twice",
            "canonicalize",
            r#"{"a":1,"a":2}"#.into(),
            Code("request.invalid_json"),
        ),
        (
            "canonicalize a lone surrogate",
            "canonicalize",
            r#"{"a":"\udc00"}"#.into(),
            Code("request.invalid_json"),
        ),
        (
            "a secret key of 31 bytes",
            "public_key",
            json!({"key":{"secret":"00".repeat(31)}}).to_string(),
            Code("signing.invalid_key"),
        ),
    ];
    assert!(cases.len() >= 50);
    for (name, op, input, expect) in cases {
        check(name, op, &input, expect);
    }
}

#[test]
fn truncated_documents_are_invalid_json_at_every_cut() {
    let text = with(|_| ());
    let mut cuts = 0;
    for end in (0..text.len()).step_by(97).filter(|e| text.is_char_boundary(*e)) {
        let v = answer("evaluate", &text[..end]);
        assert_eq!(v["errors"][0]["code"], "request.invalid_json", "cut at {end}");
        cuts += 1;
    }
    assert!(cuts > 100);
}

#[test]
fn deep_nesting_is_refused_by_every_entry_point() {
    for depth in [129, 10_000, 1_000_000] {
        for doc in ["[".repeat(depth), "{\"a\":".repeat(depth)] {
            for op in tamat::json::OPERATIONS {
                let v = answer(op, &doc);
                assert_eq!(v["type"], "failure", "{op} at depth {depth}");
            }
        }
    }
    // inside a credential, whose content is open
    let deep = format!(
        r#"{{"credential":{}1{},"keys":[],"at":"2025-07-18T00:00:00Z"}}"#,
        "[".repeat(5000),
        "]".repeat(5000)
    );
    assert_eq!(answer("verify", &deep)["errors"][0]["code"], "request.invalid_json");
}

#[test]
fn csv_bytes_that_are_not_utf8_are_read_as_windows_1252_and_said_so() {
    let course = tamat::demo::kaltim_request().unwrap().course;
    // A note written by a spreadsheet on Windows: "Désirée, rapat dinas" in Windows-1252.
    let mut bytes = b"participant,session,status,note\np01,s01,hadir,D".to_vec();
    bytes.extend_from_slice(&[0xe9, b's', b'i', b'r', 0xe9, b'e']);
    bytes.extend_from_slice(b" rapat dinas\np01,s02,h");
    bytes.extend_from_slice(&[0xff, 0xfe, b'\n']);
    let sheet = tamat::sheets::read_csv(&bytes, &course).unwrap();
    assert_eq!(sheet.encoding, Some("windows-1252"));
    assert_eq!(sheet.attendance[0].note.as_deref(), Some("Désirée rapat dinas"));
    // Nothing is lost or guessed: the odd status is read as written, and the evaluation
    // refuses it with its mark.
    assert_eq!(sheet.attendance[1].status.as_deref(), Some("hÿþ"));
    let request = tamat::EvaluateRequest::new(course.clone(), sheet.attendance.clone());
    let err = tamat::evaluate(&request).unwrap_err();
    assert_eq!(err.0[0].code(), "attendance.unknown_status");
    assert_eq!(err.0[0].details()["mark"], json!(1));
    // UTF-8 stays UTF-8.
    assert_eq!(
        tamat::sheets::read_csv(b"participant,session,status\np01,s01,hadir\n", &course)
            .unwrap()
            .encoding,
        Some("utf-8")
    );
    // BOM and CRLF read as the plain sheet does
    let plain = b"participant,session,status\np01,s01,hadir\np01,s02,alpha\n";
    let dressed = b"\xef\xbb\xbfparticipant,session,status\r\np01,s01,hadir\r\np01,s02,alpha\r\n";
    let a = tamat::sheets::read_csv(plain, &course).unwrap();
    let b = tamat::sheets::read_csv(dressed, &course).unwrap();
    assert_eq!(a.attendance, b.attendance);
    assert_eq!(a.attendance.len(), 2);
}

#[test]
fn a_million_participants() {
    // Through the typed API: the JSON form of the answer alone would be ~300 MB.
    let mut request = tamat::demo::kaltim_request().unwrap();
    let template = request.course.participants[0].clone();
    request.course.participants = (0..1_000_000)
        .map(|i| {
            let mut p = template.clone();
            p.id = format!("x{i}");
            p.nip = None;
            p
        })
        .collect();
    request.attendance = serde_json::from_value(json!([
        {"participant": "x999999", "session": "s01", "status": "hadir"},
        {"participant": "x0", "session": "s01", "status": "hadir"},
    ]))
    .unwrap();
    request.trace = false;
    let evaluation = tamat::evaluate(&request).unwrap();
    assert_eq!(evaluation.decisions.len(), 1_000_000);
    let s = &evaluation.summary;
    assert_eq!(s.participants, 1_000_000);
    assert_eq!(s.lulus + s.telah_mengikuti + s.no_document + s.pending, 1_000_000);
    let last = &evaluation.decisions[999_999];
    assert_eq!(last.participant, "x999999");
    assert_eq!(last.attendance.attended, tamat::Fixed::from_int(1));
    assert_eq!(
        evaluation
            .decisions
            .iter()
            .filter(|d| d.attendance.attended == tamat::Fixed::from_int(1))
            .count(),
        2
    );
}
