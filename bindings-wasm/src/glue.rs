//! Objects in and out through the engine's `JSON` (fast, and exactly JSON's rules), and
//! errors thrown as `Error` objects carrying the core's codes. Every entry point runs in
//! [`guard`], so a panic becomes an `internal.error` instead of a trap.

use js_sys::{Array, Object, Reflect, JSON};
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// A JS value as JSON text. `undefined` becomes `null`.
pub fn text_of(value: &JsValue) -> Result<String, JsValue> {
    if value.is_undefined() {
        return Ok("null".into());
    }
    match JSON::stringify(value) {
        Ok(s) => Ok(s.as_string().unwrap_or_else(|| "null".into())),
        Err(e) => Err(error_of(&[serde_json::json!({
            "code": "request.invalid_shape",
            "message": format!("the value has no JSON form: {}", describe(&e)),
            "messages": {"id": "nilai tidak dapat dijadikan JSON", "en": "the value has no JSON form"},
            "details": {},
        })])),
    }
}

fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| Reflect::get(e, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_default()
}

/// JSON text as a JS value.
pub fn value_of(text: &str) -> Result<JsValue, JsValue> {
    JSON::parse(text)
}

/// The `Error` of error documents as the JSON contract writes them: `message` is
/// `[code] message`, with `code`, `messages`, `details` and `errors` (all of them).
pub fn error_of(errors: &[Value]) -> JsValue {
    let first = errors.first().cloned().unwrap_or_default();
    let code = first["code"].as_str().unwrap_or("internal.error");
    let message = first["message"].as_str().unwrap_or("");
    let text = if errors.len() > 1 {
        format!("[{code}] {message} (and {} more: see .errors)", errors.len() - 1)
    } else {
        format!("[{code}] {message}")
    };
    let err = js_sys::Error::new(&text);
    err.set_name("TamatError");
    let set = |k: &str, v: JsValue| {
        let _ = Reflect::set(&err, &k.into(), &v);
    };
    set("code", code.into());
    set(
        "messages",
        JSON::parse(&first["messages"].to_string()).unwrap_or(JsValue::NULL),
    );
    set(
        "details",
        match &first["details"] {
            Value::Null => Object::new().into(),
            d => JSON::parse(&d.to_string()).unwrap_or(JsValue::NULL),
        },
    );
    set(
        "errors",
        JSON::parse(&Value::Array(errors.to_vec()).to_string()).unwrap_or_else(|_| Array::new().into()),
    );
    err.into()
}

/// The `Error` of the core's errors.
pub fn error(errors: &tamat::Errors) -> JsValue {
    let docs: Vec<Value> = errors.0.iter().map(tamat::TamatError::to_json).collect();
    error_of(&docs)
}

/// A contract answer as a JS value: the success document without `type`, or its errors
/// thrown.
pub fn unwrap(output: &str) -> Result<JsValue, JsValue> {
    if output.starts_with("{\"type\":\"success\"") {
        // Drop the tag without reparsing the document on the Rust side.
        let body = match output.strip_prefix("{\"type\":\"success\",") {
            Some(rest) => format!("{{{rest}"),
            None => "{}".to_string(),
        };
        return value_of(&body);
    }
    let doc: Value = serde_json::from_str(output).unwrap_or_default();
    let errors = doc["errors"].as_array().cloned().unwrap_or_default();
    Err(error_of(&errors))
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

/// Reads an object-valued option, `undefined`/`null` as absent.
pub fn field(options: &JsValue, name: &str) -> Option<JsValue> {
    if options.is_undefined() || options.is_null() {
        return None;
    }
    Reflect::get(options, &name.into())
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// Converts a `Date` to RFC 3339 text; passes strings through.
pub fn time_text(value: &JsValue) -> Result<String, JsValue> {
    if let Some(s) = value.as_string() {
        return Ok(s);
    }
    if value.is_instance_of::<js_sys::Date>() {
        let d: &js_sys::Date = value.unchecked_ref();
        if d.get_time().is_nan() {
            return Err(error(&tamat::Errors(vec![tamat::TamatError::InvalidAsOf {
                value: "Invalid Date".into(),
            }])));
        }
        return Ok(String::from(d.to_iso_string()));
    }
    Err(error(&tamat::Errors(vec![tamat::TamatError::InvalidInput {
        code: "request.invalid_shape",
        message: "expected a Date or RFC 3339 text".into(),
    }])))
}
