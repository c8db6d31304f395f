//! Replays the fuzz targets' seed corpus and every saved crash (`fuzz/seeds/<target>/`,
//! `fuzz/regressions/<target>/`) through the targets' own bodies, on stable Rust, so a
//! crash once found stays fixed. The fuzzers themselves run with `scripts/fuzz`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../../fuzz/src/lib.rs"]
mod targets;

use std::path::PathBuf;

fn inputs(kind: &str, target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz")
        .join(kind)
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<_> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_target_has_seeds_and_passes_them() {
    for target in targets::TARGETS {
        let seeds = inputs("seeds", target);
        assert!(!seeds.is_empty(), "fuzz/seeds/{target} is empty");
        for (path, bytes) in seeds {
            let outcome = std::panic::catch_unwind(|| targets::run(target, &bytes));
            assert!(outcome.is_ok(), "{target} panicked on {}", path.display());
        }
    }
}

#[test]
fn saved_crashes_stay_fixed() {
    for target in targets::TARGETS {
        for (path, bytes) in inputs("regressions", target) {
            let outcome = std::panic::catch_unwind(|| targets::run(target, &bytes));
            assert!(outcome.is_ok(), "{target} panicked on {}", path.display());
        }
    }
}

#[test]
fn a_broken_answer_is_caught() {
    // The check the targets rely on must itself fail on what it exists to catch.
    for bad in [
        "not json",
        r#"{"type":"odd"}"#,
        r#"{"type":"failure","errors":[]}"#,
        r#"{"type":"failure","errors":[{"code":"internal.error","message":"boom"}]}"#,
        r#"{"type":"failure","errors":[{"code":"no.such_code","message":"x"}]}"#,
        r#"{"type":"failure","errors":[{"code":"request.invalid_json","message":""}]}"#,
    ] {
        assert!(
            std::panic::catch_unwind(|| targets::check(bad)).is_err(),
            "{bad} passed"
        );
    }
    targets::check(r#"{"type":"failure","errors":[{"code":"request.invalid_json","message":"x"}]}"#);
}
