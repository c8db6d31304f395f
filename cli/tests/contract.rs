//! The command is a front end of the JSON contract: every conformance vector, run through
//! `tamat call OPERATION FILE`, prints exactly what `tamat::json::call` answers in
//! process; every evaluate vector, run through `tamat evaluate FILE --format json`, prints
//! exactly what `tamat::json::evaluate` answers (a request's own policy, scores, as_of and
//! trace honoured); and flags build the same request as the document would.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn tamat() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tamat"));
    c.env_remove("TAMAT_LANG").env_remove("TAMAT_REGISTER");
    c
}

/// Every vector: (name, operation, the exact input text).
fn vectors() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("tests/vectors"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    for p in paths {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        let text = match v.get("input_text") {
            Some(Value::String(t)) => t.clone(),
            _ => v["input"].to_string(),
        };
        let name = p.file_stem().unwrap().to_string_lossy().into_owned();
        out.push((name, v["operation"].as_str().unwrap().to_string(), text));
    }
    out
}

fn stdout_of(c: &mut Command) -> (String, Option<i32>) {
    let out = c.output().unwrap();
    (String::from_utf8(out.stdout).unwrap(), out.status.code())
}

#[test]
fn every_vector_through_tamat_call_is_byte_equal_with_the_core() {
    let dir = tempfile::tempdir().unwrap();
    let all = vectors();
    assert!(all.len() >= 200);
    let mut evaluated = 0;
    for (name, op, text) in &all {
        let file = dir.path().join(format!("{name}.json"));
        std::fs::write(&file, text).unwrap();
        let expected = tamat::json::call(op, text).unwrap();
        let code = if expected.starts_with(r#"{"type":"success""#) {
            0
        } else {
            3
        };
        let (printed, status) = stdout_of(tamat().arg("call").arg(op).arg(&file));
        assert_eq!(printed.trim_end_matches('\n'), expected, "{name}: tamat call {op}");
        assert_eq!(status, Some(code), "{name}: exit code");
        if op == "evaluate" {
            let (printed, status) = stdout_of(tamat().arg("evaluate").arg(&file).args(["--format", "json"]));
            assert_eq!(
                printed.trim_end_matches('\n'),
                expected,
                "{name}: tamat evaluate --format json"
            );
            assert_eq!(status, Some(code), "{name}: exit code of evaluate");
            evaluated += 1;
        }
    }
    assert!(evaluated > 100, "{evaluated} evaluate vectors");
}

#[test]
fn flags_build_the_same_request_as_the_document() {
    let dir = tempfile::tempdir().unwrap();
    // A scored course evaluated as of a moment, with its own policy: once as one request
    // document, once as a course plus flags.
    let course = serde_json::json!({
        "id": "c1", "title": "Uji", "time_zone": "Asia/Makassar",
        "sessions": [
            {"id": "s1", "start": "2025-07-17T08:00", "end": "2025-07-17T09:30", "jp": 2},
            {"id": "s2", "start": "2025-07-18T08:00", "end": "2025-07-18T09:30", "jp": 2}
        ],
        "participants": [{"id": "p1", "name": "Satu"}, {"id": "p2", "name": "Dua"}]
    });
    let marks = serde_json::json!([
        {"participant": "p1", "session": "s1", "status": "hadir"},
        {"participant": "p2", "session": "s1", "status": "izin"}
    ]);
    let policy = serde_json::json!({"version": 1, "measure": "jp", "minimum_percent": 50, "izin": "present", "assessment": {"preset": "latsar"}});
    let scores = serde_json::json!([{"participant": "p1", "score": "81.5"}, {"participant": "p2", "score": 70}]);
    let request = serde_json::json!({
        "course": course, "attendance": marks, "policy": policy, "scores": scores,
        "as_of": "2025-07-17T12:00:00+08:00", "trace": false
    });
    let write = |name: &str, v: &Value| {
        let p = dir.path().join(name);
        std::fs::write(&p, v.to_string()).unwrap();
        p
    };
    let req = write("request.json", &request);
    let (whole, _) = stdout_of(tamat().arg("evaluate").arg(&req).args(["--format", "json"]));
    assert_eq!(whole.trim_end(), tamat::json::evaluate(&request.to_string()));
    let answer: Value = serde_json::from_str(&whole).unwrap();
    assert_eq!(answer["type"], "success", "{answer}");
    assert!(
        answer["decisions"][0]["projection"].is_object(),
        "as_of honoured: {answer}"
    );
    let (flags, _) = stdout_of(
        tamat()
            .arg("evaluate")
            .arg(write("course.json", &course))
            .arg("--attendance")
            .arg(write("marks.json", &marks))
            .arg("--policy")
            .arg(write("policy.json", &policy))
            .arg("--scores")
            .arg(write("scores.json", &scores))
            .args([
                "--as-of",
                "2025-07-17T12:00:00+08:00",
                "--trace",
                "false",
                "--format",
                "json",
            ]),
    );
    assert_eq!(flags, whole, "flags and the document give the same answer");
    // Scores as a CSV sheet give the same request.
    let csv = dir.path().join("scores.csv");
    // A semicolon sheet with a decimal comma, as Indonesian spreadsheets write it.
    std::fs::write(&csv, "No;Nama;peserta;nilai\r\n1;Satu;p1;81,5\r\n2;Dua;p2;70\r\n").unwrap();
    let (from_csv, _) = stdout_of(
        tamat()
            .arg("evaluate")
            .arg(&req)
            .arg("--scores")
            .arg(&csv)
            .args(["--format", "json"]),
    );
    assert_eq!(from_csv, whole);
    // A flag overrides the document's member: the course's default policy (90 %) makes
    // p1 (2 of 4 JP so far) no longer secured.
    let (strict, _) = stdout_of(
        tamat()
            .arg("evaluate")
            .arg(&req)
            .arg("--policy")
            .arg(write(
                "strict.json",
                &serde_json::json!({"version": 1, "minimum_percent": 90}),
            ))
            .args(["--format", "json"]),
    );
    assert_ne!(strict, whole);
    let mut changed = request.clone();
    changed["policy"] = serde_json::json!({"version": 1, "minimum_percent": 90});
    assert_eq!(strict.trim_end(), tamat::json::evaluate(&changed.to_string()));
    // `tamat call` reads stdin too, and an unknown operation is a usage error.
    let mut child = tamat()
        .args(["call", "evaluate", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(request.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), whole);
    assert_eq!(
        tamat().args(["call", "nothing"]).arg(&req).status().unwrap().code(),
        Some(2)
    );
    let (ops, _) = stdout_of(tamat().args(["call", "--list"]));
    assert_eq!(ops.lines().collect::<Vec<_>>(), tamat::json::OPERATIONS);
}

/// A workbook saved by LibreOffice as the attendance: the same answer as the CSV it was
/// saved from; a worksheet is named with --worksheet; NIPs turned into numbers are
/// refused with their rows.
#[test]
fn a_workbook_is_an_attendance_sheet() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let course = root.join("core/data/kaltim/course.json");
    let book = root.join("tests/data/workbooks/attendance-wide.xlsx");
    let csv = root.join("core/data/kaltim/attendance-wide.csv");
    let run = |sheet: &std::path::Path, extra: &[&str]| {
        stdout_of(
            tamat()
                .arg("evaluate")
                .arg(&course)
                .arg("--attendance")
                .arg(sheet)
                .args(extra)
                .args(["--format", "json"]),
        )
    };
    let (from_csv, code) = run(&csv, &[]);
    assert_eq!(code, Some(0), "{from_csv}");
    assert_eq!(run(&book, &[]), (from_csv.clone(), Some(0)));
    assert_eq!(run(&book, &["--worksheet", "wide"]).0, from_csv);
    let (missing, code) = run(&book, &["--worksheet", "Sheet1"]);
    assert_ne!(code, Some(0));
    let out = tamat()
        .arg("evaluate")
        .arg(&course)
        .arg("--attendance")
        .arg(root.join("tests/data/workbooks/attendance-wide-nip-as-number.xlsx"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("baris 2") || err.contains("line 2"), "{err} {missing}");
    assert!(err.contains("NIP"), "{err}");
}

/// Meeting reports as attendance: `--meeting-report` adds each report's marks; the answer
/// is the core's on the marks the report reads to; rows that are no participant are said
/// on stderr.
#[test]
fn meeting_reports_are_attendance() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/meetings");
    let course: Value = serde_json::from_str(&std::fs::read_to_string(root.join("course.json")).unwrap()).unwrap();
    let out = tamat()
        .arg("evaluate")
        .arg(root.join("course.json"))
        .arg("--meeting-report")
        .arg(root.join("zoom-participants.csv"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 5: Admin BPSDM") && stderr.contains("line 11: Tamu Luar"),
        "{stderr}"
    );
    let report = tamat::sheets::read_meeting_report(
        &std::fs::read(root.join("zoom-participants.csv")).unwrap(),
        &serde_json::from_value(course.clone()).unwrap(),
        &Default::default(),
    )
    .unwrap();
    let request = serde_json::json!({"course": course, "attendance": report.attendance});
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim_end(),
        tamat::json::evaluate(&request.to_string())
    );
    // Day-first is refused for this report, with the line.
    let out = tamat()
        .arg("evaluate")
        .arg(root.join("course.json"))
        .arg("--meeting-report")
        .arg(root.join("zoom-participants.csv"))
        .args(["--date-order", "dmy"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Join Time"));
}

/// A CSV sheet is streamed into the grid for the table and CSV formats: the same rows as
/// the same marks given as JSON, and errors still name their line and column.
#[test]
fn streamed_sheets_decide_as_their_marks() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/data/kaltim");
    let run = |attendance: &std::path::Path| {
        stdout_of(
            tamat()
                .arg("evaluate")
                .arg(root.join("course.json"))
                .arg("--attendance")
                .arg(attendance)
                .args(["--format", "csv"]),
        )
    };
    let (from_json, code) = run(&root.join("attendance.json"));
    assert_eq!(code, Some(0));
    assert_eq!(run(&root.join("attendance-long.csv")), (from_json.clone(), Some(0)));
    assert_eq!(run(&root.join("attendance-wide.csv")).0, from_json);
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "participant,session,status\np01,s01,hadir\np01,s02,bolos\n").unwrap();
    let out = tamat()
        .arg("evaluate")
        .arg(root.join("course.json"))
        .arg("--attendance")
        .arg(&bad)
        .env("TAMAT_LANG", "en")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("attendance.unknown_status") && err.contains("(line 3, column `status`)"),
        "{err}"
    );
}
