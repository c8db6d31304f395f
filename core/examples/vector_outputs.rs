//! Writes what the Rust core answers to every conformance vector, so that the Python and
//! JavaScript suites can check they give the same bytes for the same input text:
//! `cargo run -p tamat --example vector_outputs -- OUT.json`.
//! Each entry: `{"name", "operation", "input", "output"}`, `input` being the exact text
//! the core was given.
use std::path::PathBuf;

use serde_json::{json, Value};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args().nth(1).ok_or("usage: vector_outputs OUT.json")?;
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let mut entries = Vec::new();
    for path in paths {
        let vector: Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
        let input = match vector.get("input_text") {
            Some(Value::String(s)) => s.clone(),
            _ => vector["input"].to_string(),
        };
        let operation = vector["operation"].as_str().unwrap_or("evaluate").to_string();
        let output = tamat::json::call(&operation, &input).ok_or("unknown operation")?;
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        entries.push(json!({ "name": name, "operation": operation, "input": input, "output": output }));
    }
    std::fs::write(&out, serde_json::to_string(&entries)?)?;
    Ok(())
}
