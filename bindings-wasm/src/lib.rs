//! WebAssembly bindings of tamat (wasm-bindgen), for Node and the browser. Glue only:
//! every rule is in the core crate.
//! - `contract`: the JSON contract as is (`evaluateJson(string): string`, ...), the
//!   same bytes as Rust.
//! - `evaluation`: `Evaluator`, `evaluate`, `evaluateParticipant`, `project`: plain JS
//!   objects in and out.
//! - `certificates`: `issue`, `reissue`, `changeStatus`, `statusList`, `verify`,
//!   `publicKey`, `signCredential`, `render`, `formatNumber`, `canonicalize`, `demo`.
//! - `glue`: objects to JSON text and back (through the engine's own `JSON`), and
//!   errors as `Error` objects with `code`, `message`, `messages`, `details`, `errors`.
//!
//! TypeScript types: every data shape of the contract in `contract.d.ts`, generated from
//! the core's Rust types (scripts/gen-types.py), and the wrappers' own shapes in
//! `types.d.ts`; both are added to the generated declarations.

mod certificates;
mod contract;
mod evaluation;
mod glue;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const CONTRACT_TYPES: &str = include_str!("../contract.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("../types.d.ts");

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
