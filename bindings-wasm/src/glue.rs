//! Objects in and out through the engine's `JSON` (fast, and exactly JSON's rules), and
//! errors thrown as `Error` objects carrying the core's codes. Every entry point runs in
//! [`guard`], so a panic becomes an `internal.error` instead of a trap.

use js_sys::{Reflect, JSON};
use serde_json::Value;
use wasm_bindgen::prelude::*;

thread_local! {
    /// A `JSON.stringify` replacer: an invalid `Date` (whose `toJSON` is `null`, which
    /// would read as "absent") is refused, naming its key.
    static DATES: js_sys::Function = js_sys::Function::new_with_args(
        "k, v",
        "const o = this[k]; if (o instanceof Date && isNaN(o.getTime())) throw new RangeError('Invalid Date in `' + k + '`'); return v;",
    );
}

/// A JS value as JSON text (`Date`s as RFC 3339 by their `toJSON`). `undefined` is `null`.
pub fn text_of(value: &JsValue) -> Result<String, JsValue> {
    if value.is_undefined() {
        return Ok("null".into());
    }
    match DATES.with(|r| JSON::stringify_with_replacer(value, r)) {
        Ok(s) => Ok(s.as_string().unwrap_or_else(|| "null".into())),
        Err(e) => {
            let why = e
                .as_string()
                .or_else(|| Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string()))
                .unwrap_or_default();
            Err(error(&tamat::Errors(vec![tamat::TamatError::InvalidShape {
                message: format!("the value has no JSON form: {why}"),
            }])))
        }
    }
}

/// JSON text as a JS value.
pub fn value_of(text: &str) -> Result<JsValue, JsValue> {
    JSON::parse(text)
}

/// The `Error` of error documents as the contract writes them: `message` is
/// `[code] message`, with `code`, `messages`, `details` and `errors` (all of them).
pub fn error_of(errors: &Value) -> JsValue {
    let first = &errors[0];
    let code = first["code"].as_str().unwrap_or("internal.error");
    let more = errors.as_array().map_or(0, |e| e.len().saturating_sub(1));
    let text = match more {
        0 => format!("[{code}] {}", first["message"].as_str().unwrap_or("")),
        n => format!(
            "[{code}] {} (and {n} more: see .errors)",
            first["message"].as_str().unwrap_or("")
        ),
    };
    let err = js_sys::Error::new(&text);
    err.set_name("TamatError");
    let set = |k: &str, v: &Value| {
        let _ = Reflect::set(&err, &k.into(), &JSON::parse(&v.to_string()).unwrap_or(JsValue::NULL));
    };
    set("code", &Value::from(code));
    set("messages", &first["messages"]);
    set(
        "details",
        first.get("details").unwrap_or(&Value::Object(Default::default())),
    );
    set("errors", errors);
    err.into()
}

/// The `Error` of the core's errors.
pub fn error(errors: &tamat::Errors) -> JsValue {
    error_of(&Value::Array(errors.0.iter().map(tamat::TamatError::to_json).collect()))
}

/// A contract answer as a JS value: the success document without `type`, or its errors
/// thrown.
pub fn unwrap(output: &str) -> Result<JsValue, JsValue> {
    if let Some(rest) = output.strip_prefix("{\"type\":\"success\"") {
        // Drop the tag without reparsing the document on the Rust side.
        return value_of(&format!("{{{}", rest.strip_prefix(',').unwrap_or(rest)));
    }
    let doc: Value = serde_json::from_str(output).unwrap_or_default();
    Err(error_of(&doc["errors"]))
}

/// Runs glue so that a panic becomes `internal.error` (on `wasm32-unknown-unknown`
/// with `panic=abort` a panic would otherwise trap: the core's own entry points never
/// panic on input, and this keeps the glue honest in native tests).
pub fn guard<T>(f: impl FnOnce() -> Result<T, JsValue>) -> Result<T, JsValue> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(_) => Err(error(&tamat::Errors(vec![tamat::TamatError::Internal {
            message: "panic in the WebAssembly glue".into(),
        }]))),
    }
}
