//! The core's layers point one way, and no module imports another in a cycle.
//!
//! `core/src` holds one folder per layer, from the bottom up (see `core/src/lib.rs`):
//! `error`, `model`, `rules`, `sheets`, `proofs`, `certificates`, `credentials`,
//! `contract`. A module may name items of its own layer and of the layers below, never of a
//! layer above; and no two modules name each other, directly or through others. Test code
//! (`mod tests` at the end of a file) and comments are left out: a test may build its
//! input with anything.
//!
//! The imports are read from the source text: every `crate::...` and `super::...` path,
//! grouped paths (`crate::{a::b, c::{d, e}}`) included.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const LAYERS: &[&str] = &[
    "error",
    "model",
    "rules",
    "sheets",
    "proofs",
    "certificates",
    "credentials",
    "contract",
];

/// A module's path from its file: `rules/evaluator/mod.rs` is `rules::evaluator`.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().map(String::as_str) == Some("mod") {
        parts.pop();
    }
    parts.join("::")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The file's code without comments, string literals' contents kept, and without its
/// trailing `mod tests`.
fn code_of(text: &str) -> String {
    let mut code = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("mod tests") {
            break;
        }
        let line = match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        };
        code.push_str(line);
        code.push('\n');
    }
    code
}

/// Expands `{a::b, c::{d, e}, f}` (the text after `prefix::`) into whole paths.
fn expand(prefix: &str, text: &str, out: &mut Vec<String>) -> usize {
    // text starts right after '{'; returns the bytes consumed including the closing '}'.
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut current = String::new();
    while i < bytes.len() {
        let c = bytes[i] as char;
        match c {
            '{' => {
                let inner_prefix = format!("{prefix}::{}", current.trim().trim_end_matches("::"));
                i += 1 + expand(&inner_prefix, &text[i + 1..], out);
                current.clear();
                continue;
            }
            ',' | '}' => {
                let item = current.trim();
                if !item.is_empty() {
                    let item = item.split(" as ").next().unwrap().trim();
                    out.push(if item == "self" {
                        prefix.to_string()
                    } else {
                        format!("{prefix}::{item}")
                    });
                }
                current.clear();
                if c == '}' {
                    return i + 1;
                }
            }
            _ => current.push(c),
        }
        i += 1;
    }
    i
}

/// Every path the code names from the crate root: `crate::x::y`, and `super::` resolved
/// against the module itself.
fn paths_in(module: &str, code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (start, anchor) in [("crate::", "crate"), ("super::", "super")] {
        let mut rest = code;
        while let Some(at) = rest.find(start) {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + start.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':' || c == '$') {
                continue;
            }
            let base = if anchor == "crate" {
                "crate".to_string()
            } else {
                let mut parts: Vec<&str> = module.split("::").collect();
                parts.pop();
                std::iter::once("crate").chain(parts).collect::<Vec<_>>().join("::")
            };
            if let Some(group) = rest.strip_prefix('{') {
                expand(&base, group, &mut out);
                continue;
            }
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            let path = rest[..end].trim_end_matches(':');
            if rest[end..].starts_with('{') {
                expand(&format!("{base}::{path}"), &rest[end + 1..], &mut out);
            } else {
                out.push(format!("{base}::{path}"));
            }
        }
    }
    out
}

/// The module a path names: its longest prefix that is a module.
fn target<'a>(path: &str, modules: &'a BTreeSet<String>) -> Option<&'a String> {
    let path = path.strip_prefix("crate::").unwrap_or(path);
    let parts: Vec<&str> = path.split("::").collect();
    (1..=parts.len())
        .rev()
        .find_map(|n| modules.get(&parts[..n].join("::")))
}

fn layer_rank(module: &str) -> Option<usize> {
    let top = module.split("::").next().unwrap();
    LAYERS.iter().position(|l| *l == top)
}

struct Graph {
    edges: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    root_paths: Vec<String>,
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<String> = files
        .iter()
        .map(|f| module_of(&src, f))
        .filter(|m| m != "lib")
        .collect();
    let mut edges: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    let mut root_paths = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        if module == "lib" {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        let entry = edges.entry(module.clone()).or_default();
        for path in paths_in(&module, &code) {
            match target(&path, &modules) {
                Some(to) if *to != module => entry.entry(to.clone()).or_default().push(path),
                Some(_) => {}
                None => root_paths.push(format!("{module}: {path}")),
            }
        }
    }
    Graph { edges, root_paths }
}

#[test]
fn every_module_is_in_a_layer() {
    let g = graph();
    let outside: Vec<&String> = g.edges.keys().filter(|m| layer_rank(m).is_none()).collect();
    assert!(
        outside.is_empty(),
        "modules in no layer (add them to a layer's folder): {outside:?}"
    );
    assert!(g.edges.len() > 20, "the source tree was not read: {:?}", g.edges.keys());
}

#[test]
fn no_module_names_items_through_the_crate_root() {
    // `crate::Lang` would hide which layer the item comes from.
    let g = graph();
    assert!(
        g.root_paths.is_empty(),
        "name these by their module: {:#?}",
        g.root_paths
    );
}

#[test]
fn layers_depend_only_downwards() {
    let g = graph();
    let mut upward = Vec::new();
    for (from, tos) in &g.edges {
        for (to, paths) in tos {
            if layer_rank(to) > layer_rank(from) {
                upward.push(format!("{from} -> {to} ({})", paths.join(", ")));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "a lower layer imports a higher one:\n{}",
        upward.join("\n")
    );
}

#[test]
fn no_import_cycles() {
    let g = graph();
    // Tarjan's strongly connected components.
    struct State<'a> {
        g: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        next: usize,
        cycles: Vec<Vec<&'a str>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        let g = s.g;
        if let Some(tos) = g.edges.get(v) {
            for w in tos.keys() {
                let w = w.as_str();
                if !s.index.contains_key(w) {
                    visit(s, w);
                    let lw = s.low[w];
                    let lv = s.low.get_mut(v).unwrap();
                    *lv = (*lv).min(lw);
                } else if s.on_stack.contains(w) {
                    let iw = s.index[w];
                    let lv = s.low.get_mut(v).unwrap();
                    *lv = (*lv).min(iw);
                }
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            loop {
                let w = s.stack.pop().unwrap();
                s.on_stack.remove(w);
                component.push(w);
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.cycles.push(component);
            }
        }
    }
    let mut s = State {
        g: &g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        cycles: Vec::new(),
    };
    for v in g.edges.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    let report: Vec<String> = s
        .cycles
        .iter()
        .map(|c| {
            let edges: Vec<String> = c
                .iter()
                .flat_map(|from| {
                    g.edges[*from]
                        .iter()
                        .filter(|(to, _)| c.contains(&to.as_str()))
                        .map(move |(to, paths)| format!("  {from} -> {to} ({})", paths.join(", ")))
                })
                .collect();
            format!("{{{}}}\n{}", c.join(", "), edges.join("\n"))
        })
        .collect();
    assert!(report.is_empty(), "import cycles:\n{}", report.join("\n"));
}

#[test]
fn the_reader_sees_grouped_and_relative_paths() {
    // The parser itself, on a made-up module: if it missed these forms, the tests above
    // would pass on a tangled tree.
    let code = "use crate::{model::fixed::Fixed, rules::{decision::{self, Outcome}, ledger}};\n\
                use super::sibling::Thing;\nfn f() { crate::proofs::jcs::to_vec(); }\n";
    let paths = paths_in("certificates::register", code);
    for p in [
        "crate::model::fixed::Fixed",
        "crate::rules::decision",
        "crate::rules::decision::Outcome",
        "crate::rules::ledger",
        "crate::certificates::sibling::Thing",
        "crate::proofs::jcs::to_vec",
    ] {
        assert!(paths.contains(&p.to_string()), "{p} not in {paths:?}");
    }
    let stripped = code_of("use crate::a;\n// use crate::b;\nmod tests {\nuse crate::c;\n}\n");
    assert!(stripped.contains("crate::a") && !stripped.contains("crate::b") && !stripped.contains("crate::c"));
}
