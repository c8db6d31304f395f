//! The bodies of the fuzz targets, shared with `core/tests/fuzz_regressions.rs`, which
//! replays the seed corpus and every saved crash on stable Rust in the test command.
//!
//! Each target feeds bytes to one entry point and holds its answer to the contract:
//! JSON, tagged `success` or `failure`, and every error a listed code other than
//! `internal.error` (a caught panic) with a message. Anything else panics, which
//! libFuzzer reports as a crash.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use tamat::json;

/// The targets, by name: `fuzz/fuzz_targets/<name>.rs`.
pub const TARGETS: &[&str] = &[
    "course",
    "attendance",
    "policy",
    "evaluate",
    "verify",
    "status_list",
    "csv",
    "call",
    "workbook",
];

const COURSE: &str = tamat::demo::KALTIM_COURSE_JSON;
const ATTENDANCE: &str = tamat::demo::KALTIM_ATTENDANCE_JSON;
const VERIFY_BASE: &str = include_str!("../fixtures/verify-base.json");

/// Runs target `name` on `data`. Panics if an answer breaks the contract.
pub fn run(name: &str, data: &[u8]) {
    // CSV takes bytes (invalid UTF-8 must be refused with a code); the rest take text.
    if name == "csv" {
        return csv(data);
    }
    if name == "workbook" {
        return workbook(data);
    }
    let Ok(text) = std::str::from_utf8(data) else { return };
    match name {
        "course" => check(&json::check_course(text)),
        "attendance" => {
            let answer = json::evaluate(&format!(r#"{{"course":{COURSE},"attendance":{text}}}"#));
            check(&answer);
        }
        "policy" => {
            let answer = json::evaluate(&format!(
                r#"{{"course":{COURSE},"attendance":{ATTENDANCE},"policy":{text}}}"#
            ));
            check(&answer);
        }
        "evaluate" => {
            check_evaluation(text, &json::evaluate(text));
            check(&json::evaluate_participant(text));
            check(&json::project(text));
        }
        "verify" => check(&json::verify(text)),
        "status_list" => {
            // The base request with the fuzzed status lists spliced in.
            let base = VERIFY_BASE.strip_suffix('}').unwrap_or(VERIFY_BASE);
            check(&json::verify(&format!(r#"{base},"status_lists":{text}}}"#)));
        }
        "call" => {
            let Some((&pick, rest)) = data.split_first() else {
                return;
            };
            let operation = json::OPERATIONS[usize::from(pick) % json::OPERATIONS.len()];
            let Ok(input) = std::str::from_utf8(rest) else { return };
            check(&json::call(operation, input).expect("a listed operation"));
        }
        _ => panic!("unknown fuzz target {name}"),
    }
}

fn csv(data: &[u8]) {
    static COURSE_READ: std::sync::OnceLock<tamat::Course> = std::sync::OnceLock::new();
    let course = COURSE_READ.get_or_init(|| serde_json::from_str(COURSE).expect("the demo course"));
    match tamat::sheets::read_csv(data, course) {
        Ok(sheet) => {
            assert_eq!(sheet.sources.len(), sheet.attendance.len(), "one source line per mark");
            // What the reader accepts, the evaluator must answer for, with a coded error
            // at most (a mark the sheet allows may still break a rule).
            let request = tamat::EvaluateRequest::new(course.clone(), sheet.attendance);
            if let Err(errors) = tamat::evaluate(&request) {
                for e in &errors.0 {
                    assert_ne!(e.code(), "internal.error", "{e}");
                }
            }
        }
        Err(errors) => {
            assert!(!errors.0.is_empty(), "a refusal names its errors");
            for e in &errors.0 {
                assert_ne!(e.code(), "internal.error", "{e}");
            }
        }
    }
}

/// Any bytes as an attendance file, a scores file (workbooks are zip archives of XML, or
/// OLE files: calamine must refuse what it cannot read, never panic) and an online
/// meeting report; what is read has a source per mark.
fn workbook(data: &[u8]) {
    static COURSE_READ: std::sync::OnceLock<tamat::Course> = std::sync::OnceLock::new();
    let course = COURSE_READ.get_or_init(|| serde_json::from_str(COURSE).expect("the demo course"));
    match tamat::sheets::read_attendance(data, course, None) {
        Ok(sheet) => assert_eq!(sheet.sources.len(), sheet.attendance.len(), "one source per mark"),
        Err(errors) => {
            assert!(!errors.0.is_empty(), "a refusal names its errors");
            for e in &errors.0 {
                assert_ne!(e.code(), "internal.error", "{e}");
            }
        }
    }
    if let Err(errors) = tamat::sheets::read_scores(data, course, None) {
        assert!(errors.0.iter().all(|e| e.code() != "internal.error"));
    }
    let settings: tamat::sheets::ReportSettings =
        serde_json::from_str(r#"{"date": "2025-07-17"}"#).expect("report settings");
    match tamat::sheets::read_moodle_export(data, course, &Default::default()) {
        Ok(sheet) => assert_eq!(sheet.sources.len(), sheet.attendance.len(), "one source per mark"),
        Err(errors) => assert!(!errors.0.is_empty() && errors.0.iter().all(|e| e.code() != "internal.error")),
    }
    match tamat::sheets::read_meeting_report(data, course, &settings) {
        Ok(report) => assert!(report.attendance.len() <= course.participants.len() * 10),
        Err(errors) => assert!(!errors.0.is_empty() && errors.0.iter().all(|e| e.code() != "internal.error")),
    }
}

/// An evaluation that succeeds decides for every participant of the course, exactly once:
/// no record is lost silently.
fn check_evaluation(input: &str, answer: &str) {
    check(answer);
    let (Ok(request), Ok(result)) = (
        serde_json::from_str::<Value>(input),
        serde_json::from_str::<Value>(answer),
    ) else {
        return;
    };
    if result["type"] != "success" || request.get("participant").is_some() {
        return;
    }
    let (Some(participants), Some(decisions)) = (
        request["course"]["participants"].as_array(),
        result["decisions"].as_array(),
    ) else {
        return;
    };
    assert_eq!(participants.len(), decisions.len(), "one decision per participant");
}

/// Holds one answer to the contract.
pub fn check(answer: &str) {
    let value: Value = serde_json::from_str(answer).unwrap_or_else(|e| panic!("answer is not JSON ({e}): {answer}"));
    match value["type"].as_str() {
        Some("success") => {}
        Some("failure") => {
            let errors = value["errors"].as_array().expect("a failure lists errors");
            assert!(!errors.is_empty(), "a failure names at least one error");
            for e in errors {
                let code = e["code"].as_str().expect("an error has a code");
                assert!(tamat::error::ERROR_CODES.contains(&code), "unlisted code {code}");
                assert_ne!(code, "internal.error", "a panic was caught: {e}");
                assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()), "no message: {e}");
            }
        }
        _ => panic!("untagged answer: {answer}"),
    }
}
