//! Shared by the test files: loading the conformance vectors and running one.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use serde_json::Value;

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("tests")
        .join("vectors")
}

pub fn load() -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = std::fs::read_dir(vectors_dir())
        .expect("tests/vectors exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable vector");
            let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.file_stem().unwrap().to_string_lossy().into_owned(), v)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Runs one vector's operation on its input.
pub fn run(vector: &Value) -> String {
    let input = match vector.get("input_text") {
        Some(Value::String(s)) => s.clone(),
        _ => vector["input"].to_string(),
    };
    let operation = vector["operation"].as_str().unwrap_or("evaluate");
    tamat::json::call(operation, &input).unwrap_or_else(|| panic!("unknown operation {operation}"))
}
