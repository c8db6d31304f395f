//! Python objects to JSON values and back. Going in: dicts, lists, tuples, strings,
//! integers (64-bit), finite floats, booleans, `None`, timezone-aware `datetime` (RFC
//! 3339), `date` (ISO 8601), `bytes` (base64, as the contract's `file` fields take them),
//! `SigningKey`, numpy and pandas scalars. A naive `datetime` is refused
//! (`request.naive_datetime`): it names no instant. Coming out: JSON-shaped Python data.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

use crate::errors::{raise_one, shape};

static DATETIME_TYPES: PyOnceLock<(Py<PyAny>, Py<PyAny>)> = PyOnceLock::new();

/// `datetime.datetime` and `datetime.date`.
fn datetime_types(py: Python<'_>) -> PyResult<(Bound<'_, PyAny>, Bound<'_, PyAny>)> {
    let (dt, d) = DATETIME_TYPES.get_or_try_init(py, || -> PyResult<_> {
        let m = py.import("datetime")?;
        Ok((m.getattr("datetime")?.unbind(), m.getattr("date")?.unbind()))
    })?;
    Ok((dt.bind(py).clone(), d.bind(py).clone()))
}

/// If `obj` is a `datetime` or `date`, its text: RFC 3339 with offset, or ISO date. A
/// naive datetime is an error naming `path`.
pub fn temporal_text(obj: &Bound<'_, PyAny>, path: &dyn Fn() -> String) -> PyResult<Option<String>> {
    let py = obj.py();
    let (dt, d) = datetime_types(py)?;
    if obj.is_instance(&dt)? {
        if obj.call_method0("utcoffset")?.is_none() {
            let value: String = obj.call_method0("isoformat")?.extract()?;
            return Err(raise_one(py, tamat::TamatError::NaiveDateTime { path: path(), value }));
        }
        return Ok(Some(obj.call_method0("isoformat")?.extract()?));
    }
    if obj.is_instance(&d)? {
        return Ok(Some(obj.call_method0("isoformat")?.extract()?));
    }
    Ok(None)
}

/// A Python object as a JSON value; `path` names where it is, for errors.
pub fn to_value(obj: &Bound<'_, PyAny>, path: &mut String) -> PyResult<Value> {
    let py = obj.py();
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        return int_value(obj, path);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let v = f.value();
        return Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| shape(py, format!("`{}`: {v} is not a finite number", display(path))));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in d.iter() {
            let Ok(key) = k.cast::<PyString>() else {
                return Err(shape(
                    py,
                    format!("`{}`: keys must be strings, not {}", display(path), type_name(&k)),
                ));
            };
            let key = key.to_cow()?.into_owned();
            let len = path.len();
            path.push('.');
            path.push_str(&key);
            let value = to_value(&v, path)?;
            path.truncate(len);
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for (i, item) in obj.try_iter()?.enumerate() {
            let len = path.len();
            path.push_str(&format!("[{i}]"));
            items.push(to_value(&item?, path)?);
            path.truncate(len);
        }
        return Ok(Value::Array(items));
    }
    let at = path.clone();
    if let Some(text) = temporal_text(obj, &|| display(&at))? {
        return Ok(Value::String(text));
    }
    if let Ok(key) = obj.cast::<crate::certificates::SigningKey>() {
        return Ok(key.get().as_input());
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Value::String(tamat::proofs::base64(b.as_bytes())));
    }
    // numpy and pandas scalars
    if obj.hasattr("__index__")? {
        return int_value(&py.import("operator")?.call_method1("index", (obj,))?, path);
    }
    if obj.hasattr("item")? && obj.hasattr("dtype")? {
        return to_value(&obj.call_method0("item")?, path);
    }
    Err(shape(
        py,
        format!("`{}`: a {} has no JSON form", display(path), type_name(obj)),
    ))
}

fn int_value(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Value> {
    if let Ok(i) = obj.extract::<i64>() {
        return Ok(Value::from(i));
    }
    if let Ok(u) = obj.extract::<u64>() {
        return Ok(Value::from(u));
    }
    Err(shape(
        obj.py(),
        format!(
            "`{}`: the integer {} does not fit in 64 bits",
            display(path),
            obj.str()?.to_cow()?
        ),
    ))
}

fn display(path: &str) -> String {
    if path.is_empty() {
        "(input)".to_string()
    } else {
        path.trim_start_matches('.').to_string()
    }
}

/// The Python type name of a value, for messages.
pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .and_then(|n| n.extract::<String>())
        .unwrap_or_else(|_| "value".to_string())
}

/// A JSON value as Python data (read by `json.loads`, which shares repeated keys).
pub fn to_py<'py>(py: Python<'py>, value: &impl serde::Serialize) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value).map_err(|e| shape(py, e.to_string()))?;
    py.import("json")?.call_method1("loads", (text,))
}

/// A value as JSON, from a dict (or anything [`to_value`] takes) or from JSON text.
pub fn document(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Value> {
    if let Ok(s) = obj.cast::<PyString>() {
        let text = s.to_cow()?;
        return tamat::json::read::<Value>(&text).map_err(|e| crate::errors::raise(obj.py(), &e));
    }
    to_value(obj, &mut what.to_string())
}

/// An optional time argument (`datetime`, or RFC 3339 text) as text.
pub fn time_arg(obj: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Option<String>> {
    match obj.filter(|o| !o.is_none()) {
        None => Ok(None),
        Some(o) => match to_value(o, &mut name.to_string())? {
            Value::String(s) => Ok(Some(s)),
            _ => Err(shape(
                o.py(),
                format!("`{name}`: expected a datetime or RFC 3339 text, not {}", type_name(o)),
            )),
        },
    }
}
