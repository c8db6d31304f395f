//! The wire: how the JSON contract reads requests (one reading, duplicate keys refused,
//! NIPs, NIKs and zones checked) and writes answers (tagged success or failure), and the
//! guard that turns a panic into an error.

use std::panic::{catch_unwind, AssertUnwindSafe};

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::{refused, Errors, TamatError};

/// `{"type":"<tag>", ...fields}` with the tag first, whatever the fields' key order.
pub(crate) fn tagged(tag: &str, fields: Map<String, Value>) -> String {
    let body = Value::Object(fields).to_string();
    match body.strip_prefix('{').filter(|rest| *rest != "}") {
        Some(rest) => format!("{{\"type\":\"{tag}\",{rest}"),
        None => format!("{{\"type\":\"{tag}\"}}"),
    }
}

pub(crate) fn success(fields: Value) -> String {
    match fields {
        Value::Object(m) => tagged("success", m),
        _ => tagged("success", Map::new()),
    }
}

/// The failure document of a list of errors.
pub fn failure(errors: &Errors) -> String {
    let mut m = Map::new();
    m.insert(
        "errors".into(),
        Value::Array(errors.0.iter().map(TamatError::to_json).collect()),
    );
    tagged("failure", m)
}

/// Reads a typed input from JSON text exactly as the entry points do: a leading BOM is
/// skipped, and every bad NIP, NIK and time zone is reported, not just the first.
pub fn read<T: DeserializeOwned>(input: &str) -> Result<T, Errors> {
    parse(input)
}

/// [`read`] for types that borrow from the text (strings without escapes are not
/// copied).
pub fn read_borrowed<'a, T: serde::Deserialize<'a>>(input: &'a str) -> Result<T, Errors> {
    serde_json::from_str(input).map_err(|e| Errors(vec![TamatError::from_serde(&e)]))
}

/// [`read`] for a document already parsed (a binding's own objects turned into JSON).
pub fn read_value<T: DeserializeOwned>(value: Value) -> Result<T, Errors> {
    let mut found = Vec::new();
    match T::deserialize(&value) {
        Ok(t) => Ok(t),
        Err(e) => {
            let first = TamatError::from_serde(&e);
            if is_typed_value_error(&first) {
                typed_value_errors(&value, &mut found);
            }
            Err(Errors(if found.is_empty() { vec![first] } else { found }))
        }
    }
}

/// Runs `f`, turning a panic (a defect) into `internal.error`: for bindings, whose own
/// glue must never let one reach the host language.
pub fn catch<T>(f: impl FnOnce() -> Result<T, Errors>) -> Result<T, Errors> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(panic) => Err(Errors(vec![panic_error(panic.as_ref())])),
    }
}

/// The `internal.error` of a caught panic's payload.
pub fn panic_error(payload: &(dyn std::any::Any + Send)) -> TamatError {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into());
    TamatError::Internal { message }
}

fn parse<T: DeserializeOwned>(input: &str) -> Result<T, Errors> {
    // A byte-order mark is invisible in editors; accept it rather than fail on it.
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    serde_json::from_str(input).map_err(|e| {
        let first = TamatError::from_serde(&e);
        // serde stops at the first value that refuses itself and keeps only its text. For
        // the typed values people type by hand, read the document again as plain JSON
        // and report every bad one, each with its structured, bilingual error.
        if is_typed_value_error(&first) {
            if let Ok(value) = serde_json::from_str::<Value>(input) {
                let mut found = Vec::new();
                typed_value_errors(&value, &mut found);
                if !found.is_empty() {
                    return Errors(found);
                }
            }
        }
        Errors(vec![first])
    })
}

/// Reads a request document. When `object`, it must be a JSON object: serde would
/// otherwise read a JSON array positionally in its place (`[]` as an empty ledger
/// request, say).
pub fn read_request<T: DeserializeOwned>(input: &str, object: bool) -> Result<T, Errors> {
    let body = input.strip_prefix('\u{feff}').unwrap_or(input);
    if object && body.trim_start().starts_with('[') {
        return Err(TamatError::InvalidShape {
            message: "a request is a JSON object, not an array".into(),
        }
        .into());
    }
    parse(input)
}

/// A JSON value whose objects have each key once, for the open content of a request
/// (credentials, status lists, documents to canonicalize). `serde_json::Value` keeps the
/// last of two equal keys silently; a reader that keeps the first would see another
/// credential than the one verified, so a key twice is refused as invalid JSON (RFC 8785
/// and I-JSON, RFC 7493, require unique keys).
#[derive(Debug, Clone, PartialEq)]
pub struct UniqueKeys(pub Value);

impl<'de> serde::Deserialize<'de> for UniqueKeys {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(UniqueKeysVisitor).map(UniqueKeys)
    }
}

/// Any JSON value (each object's keys once).
impl schemars::JsonSchema for UniqueKeys {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "AnyDocument".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "description": "Any JSON document; each object names a key once." })
    }
}

struct UniqueKeysVisitor;

impl<'de> serde::de::Visitor<'de> for UniqueKeysVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(UniqueKeys(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(refused(TamatError::InvalidJson {
                    message: format!("the key `{key}` appears twice in one object"),
                }));
            }
            let UniqueKeys(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

/// `deserialize_with` for a [`UniqueKeys`] field.
pub(crate) fn unique_keys<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
    <UniqueKeys as serde::Deserialize>::deserialize(d).map(|u| u.0)
}

/// `deserialize_with` for a list of [`UniqueKeys`].
pub(crate) fn unique_keys_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Value>, D::Error> {
    <Vec<UniqueKeys> as serde::Deserialize>::deserialize(d).map(|v| v.into_iter().map(|u| u.0).collect())
}

/// Reads a credential (or any open document) from its JSON text, refusing a key given
/// twice in one object (`request.invalid_json`). Every front end that is handed a
/// credential as text reads it through this, never through a reader that keeps one of
/// two equal keys.
pub fn read_document(text: &str) -> Result<Value, TamatError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str::<UniqueKeys>(body)
        .map(|u| u.0)
        .map_err(|e| TamatError::from_serde(&e))
}

/// A document, or its JSON text in a string (read with [`read_document`]).
fn document_or_text(value: Value) -> Result<Value, TamatError> {
    match value {
        Value::String(text) => read_document(&text).map_err(|e| TamatError::InvalidJson {
            message: e.message(crate::error::Lang::En),
        }),
        other => Ok(other),
    }
}

/// `deserialize_with` for a document given as an object or as its JSON text.
pub(crate) fn unique_keys_or_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
    document_or_text(unique_keys(d)?).map_err(refused)
}

/// `deserialize_with` for a list of documents, each an object or its JSON text (a text
/// may hold an array of documents, as a page's one text field does).
pub(crate) fn unique_keys_or_text_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Value>, D::Error> {
    let mut out = Vec::new();
    for v in unique_keys_list(d)? {
        let was_text = v.is_string();
        match document_or_text(v).map_err(refused)? {
            Value::Array(items) if was_text => out.extend(items),
            doc => out.push(doc),
        }
    }
    Ok(out)
}

/// The error of a NIP, NIK or time zone that refused itself: serde stopped at the first,
/// and [`typed_value_errors`] finds them all.
fn is_typed_value_error(e: &TamatError) -> bool {
    matches!(
        e,
        TamatError::InvalidNip { .. } | TamatError::InvalidNik { .. } | TamatError::InvalidTimeZone { .. }
    )
}

/// Every `nip`, `nik` and `time_zone` string in a document that does not parse, in
/// document order.
fn typed_value_errors(value: &Value, out: &mut Vec<TamatError>) {
    match value {
        Value::Object(m) => {
            for (k, v) in m {
                let checked = match (k.as_str(), v) {
                    ("nip", Value::String(t)) => crate::model::identity::Nip::parse(t).err(),
                    ("nik", Value::String(t)) => crate::model::identity::Nik::parse(t).err(),
                    ("time_zone", Value::String(t)) => crate::model::schedule::Zone::parse(t).err(),
                    _ => None,
                };
                out.extend(checked);
                typed_value_errors(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| typed_value_errors(i, out)),
        _ => {}
    }
}
