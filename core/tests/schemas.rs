//! The JSON Schemas in `schemas/` are generated from the serde types; this test proves the
//! committed files are current and that the examples and vectors validate against them.
//! Regenerate with `UPDATE_SCHEMAS=1 cargo test -p tamat --test schemas`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should stop loudly

use std::path::PathBuf;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn validator(name: &str) -> jsonschema::Validator {
    jsonschema::validator_for(&tamat::schema::schema(name).unwrap()).unwrap()
}

#[test]
fn committed_schemas_are_current() {
    for name in tamat::schema::SCHEMA_NAMES {
        let path = root().join("schemas").join(format!("{name}.schema.json"));
        let generated = serde_json::to_string_pretty(&tamat::schema::schema(name).unwrap()).unwrap() + "\n";
        if std::env::var_os("UPDATE_SCHEMAS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            committed,
            generated,
            "{} is stale: run UPDATE_SCHEMAS=1 cargo test -p tamat --test schemas",
            path.display()
        );
    }
}

#[test]
fn the_source_case_validates() {
    let course: Value = serde_json::from_str(tamat::demo::KALTIM_COURSE_JSON).unwrap();
    let attendance: Value = serde_json::from_str(tamat::demo::KALTIM_ATTENDANCE_JSON).unwrap();
    assert!(validator("course").is_valid(&course));
    assert!(validator("attendance").is_valid(&attendance));
    assert!(validator("policy").is_valid(&course["policy"]));
}

#[test]
fn every_successful_vector_input_validates() {
    let v_eval = validator("evaluate_request");
    let v_ledger = validator("ledger_request");
    let v_issue = validator("issue_request");
    let v_status = validator("status_request");
    let v_verify = validator("verify_request");
    let mut checked = 0;
    for entry in std::fs::read_dir(root().join("tests/vectors")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        if v["expect"]["type"] != "success" {
            continue;
        }
        let validator = match v["operation"].as_str() {
            Some("evaluate" | "evaluate_participant" | "project") => &v_eval,
            Some("ledger") => &v_ledger,
            Some("issue" | "reissue") => &v_issue,
            Some("change_status") => &v_status,
            Some("verify") => &v_verify,
            _ => continue,
        };
        let errors: Vec<String> = validator.iter_errors(&v["input"]).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        checked += 1;
    }
    assert!(checked > 50, "only {checked} vectors checked");
}

#[test]
fn schemas_refuse_what_the_library_refuses() {
    let policy = validator("policy");
    assert!(policy.is_valid(&serde_json::json!({"minimum_percent": 87.5, "late": {"rule": "partial", "credit": 0.5}})));
    assert!(
        !policy.is_valid(&serde_json::json!({"minimun_percent": 80})),
        "unknown field"
    );
    assert!(
        !policy.is_valid(&serde_json::json!({"izin": "maybe"})),
        "unknown treatment"
    );
    assert!(
        !policy.is_valid(&serde_json::json!({"late": {"rule": "sometimes"}})),
        "unknown late rule"
    );
    let attendance = validator("attendance");
    assert!(
        !attendance.is_valid(&serde_json::json!([{"participant": "p1"}])),
        "session is required"
    );
}
