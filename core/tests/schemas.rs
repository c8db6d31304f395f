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
    jsonschema::validator_for(&tamat::contract::schema(name).unwrap()).unwrap()
}

#[test]
fn committed_schemas_are_current() {
    for name in tamat::contract::SCHEMA_NAMES {
        let path = root().join("schemas").join(format!("{name}.schema.json"));
        let generated = serde_json::to_string_pretty(&tamat::contract::schema(name).unwrap()).unwrap() + "\n";
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

/// Every vector's input against its operation's request schema (when the library takes
/// it), and what the library answers, success or failure, against the answer schema.
#[test]
fn every_vector_input_and_answer_validates() {
    let validators: std::collections::HashMap<&str, (jsonschema::Validator, jsonschema::Validator)> =
        tamat::contract::OPERATIONS
            .iter()
            .map(|op| {
                let req = jsonschema::validator_for(&(op.request_schema)()).unwrap();
                let ans = jsonschema::validator_for(&(op.answer_schema)()).unwrap();
                (op.name, (req, ans))
            })
            .collect();
    let (mut inputs, mut answers, mut failures) = (0, 0, 0);
    let mut seen = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(root().join("tests/vectors")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let op = v["operation"].as_str().unwrap();
        let (req, ans) = validators
            .get(op)
            .unwrap_or_else(|| panic!("{}: no operation {op}", path.display()));
        seen.insert(op.to_string());
        let text = match v.get("input") {
            Some(input) => input.to_string(),
            None => v["input_text"].as_str().unwrap().to_string(),
        };
        let answer: Value = serde_json::from_str(&tamat::json::call(op, &text).unwrap()).unwrap();
        if answer["type"] == "success" {
            let errors: Vec<String> = req.iter_errors(&v["input"]).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{} input: {errors:?}", path.display());
            inputs += 1;
        } else {
            failures += 1;
        }
        let errors: Vec<String> = ans
            .iter_errors(&answer)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{} answer: {errors:?}", path.display());
        answers += 1;
    }
    assert!(
        inputs > 100 && failures > 50,
        "only {inputs} inputs and {failures} failures checked"
    );
    assert_eq!(answers, inputs + failures);
    let all: std::collections::BTreeSet<String> =
        tamat::contract::OPERATIONS.iter().map(|o| o.name.to_string()).collect();
    assert_eq!(seen, all, "every operation has vectors");
}

/// The answer schemas refuse what the library never writes: they are not `true`.
#[test]
fn answer_schemas_are_strict() {
    let evaluate = validator("evaluate_answer");
    assert!(
        !evaluate.is_valid(&serde_json::json!({"type": "success"})),
        "fields required"
    );
    assert!(
        !evaluate.is_valid(&serde_json::json!({"type": "maybe"})),
        "the tag is success or failure"
    );
    assert!(
        !evaluate.is_valid(&serde_json::json!({"type": "failure", "errors": [{"code": "no.such_code", "message": "", "messages": {"id": "", "en": ""}, "details": {}}]})),
        "error codes are the library's"
    );
    let request = tamat::demo::kaltim_request().unwrap();
    let ok = tamat::json::evaluate(&serde_json::to_string(&request).unwrap());
    assert!(ok.contains("\"lulus\""));
    assert!(evaluate.is_valid(&serde_json::from_str(&ok).unwrap()));
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
