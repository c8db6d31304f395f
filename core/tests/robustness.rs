//! Hostile input to every JSON entry point: each conformance vector's input with one
//! value replaced by another of any type, or removed. Every answer must be a tagged
//! result, and never an internal error (a caught panic).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use proptest::prelude::*;
use serde_json::{json, Value};
use std::sync::OnceLock;

fn leaves(v: &Value, path: String, out: &mut Vec<String>) {
    if !path.is_empty() {
        out.push(path.clone());
    }
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                leaves(x, format!("{path}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(a) => {
            for (n, x) in a.iter().enumerate().take(6) {
                leaves(x, format!("{path}/{n}"), out);
            }
        }
        _ => {}
    }
}

/// Every vector with an `input`, with the JSON pointers of its values.
fn seeds() -> &'static Vec<(Value, Vec<String>)> {
    static S: OnceLock<Vec<(Value, Vec<String>)>> = OnceLock::new();
    S.get_or_init(|| {
        common::load()
            .into_iter()
            .filter(|(_, v)| v.get("input").is_some())
            .map(|(_, v)| {
                let mut paths = Vec::new();
                leaves(&v["input"], String::new(), &mut paths);
                (v, paths)
            })
            .filter(|(_, p)| !p.is_empty())
            .collect()
    })
}

fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        Just(json!(u64::MAX)),
        ".{0,12}".prop_map(Value::from),
        Just(json!("2025-07-17T25:61:00+08:00")),
        Just(json!("z6Mk")),
        Just(json!([])),
        Just(json!({})),
        Just(json!([{"a": 1}])),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]
    #[test]
    fn mutated_inputs_get_tagged_answers(pick in any::<proptest::sample::Index>(), leaf in any::<proptest::sample::Index>(), value in any_value(), remove in any::<bool>()) {
        let seeds = seeds();
        let (vector, paths) = &seeds[pick.index(seeds.len())];
        let path = &paths[leaf.index(paths.len())];
        let mut v = vector.clone();
        let input = v.get_mut("input").unwrap();
        if remove {
            let (parent, key) = path.rsplit_once('/').unwrap();
            let parent = if parent.is_empty() { &mut *input } else { input.pointer_mut(parent).unwrap() };
            match parent {
                Value::Object(m) => { m.remove(&key.replace("~1", "/").replace("~0", "~")); }
                Value::Array(a) => { a.remove(key.parse::<usize>().unwrap()); }
                _ => {}
            }
        } else {
            *input.pointer_mut(path).unwrap() = value;
        }
        let out: Value = serde_json::from_str(&common::run(&v)).expect("the answer is JSON");
        prop_assert!(out["type"] == "success" || out["type"] == "failure", "{out}");
        if out["type"] == "failure" {
            for e in out["errors"].as_array().unwrap() {
                prop_assert_ne!(&e["code"], "internal.error", "{} at {}: {}", vector["operation"], path, e);
                prop_assert!(e["messages"]["id"].is_string() && e["messages"]["en"].is_string());
            }
        }
    }
}
