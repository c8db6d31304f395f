//! WebAssembly bindings of tamat (wasm-bindgen), for Node and the browser. Glue only:
//! every rule, default and data shape is in the core crate.
//! - `contract`: every operation of the contract (the small package: `verify` only),
//!   `evaluate(request)` with the request as a plain object whole (answer returned,
//!   errors thrown) and `evaluateJson(text)` as is (the same bytes as Rust); `call` and
//!   `callJson` by name.
//! - `documents`: what the verification site needs besides `verify`: the hash a QR code
//!   carries, and the credentials a dropped PDF carries.
//! - `evaluation`: `Evaluator`, a course compiled once (marks as objects or columns),
//!   and `outcomeLabel`.
//! - `glue`: objects to JSON text and back (through the engine's own `JSON`), and
//!   errors as `Error` objects with `code`, `message`, `messages`, `details`, `errors`.
//!
//! TypeScript types: every data shape, request and answer of the contract in
//! `contract.d.ts`, generated from the core's Rust types (scripts/gen-types.py), and the
//! wrappers' own shapes in `types.d.ts`; both are added to the generated declarations.

mod contract;
mod documents;
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

#[cfg(feature = "contract")]
/// The bundled East Kalimantan course as an issue request: `{course, attendance,
/// settings, key}`. The demo key's seed is public: certificates signed with it prove
/// nothing.
#[wasm_bindgen(unchecked_return_type = "Demo")]
pub fn demo() -> Result<JsValue, JsValue> {
    glue::guard(|| {
        let settings = tamat::demo::kaltim_settings().map_err(|e| glue::error(&e.into()))?;
        let settings = serde_json::to_string(&settings).unwrap_or_else(|_| "null".into());
        glue::value_of(&format!(
            "{{\"course\":{},\"attendance\":{},\"settings\":{},\"key\":{{\"secret\":\"{}\"}}}}",
            tamat::demo::KALTIM_COURSE_JSON,
            tamat::demo::KALTIM_ATTENDANCE_JSON,
            settings,
            tamat::demo::DEMO_SEED_HEX
        ))
    })
}
