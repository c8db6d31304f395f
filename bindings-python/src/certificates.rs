//! `SigningKey` (the secret stays in Rust, is never printed and is zeroized when
//! dropped), and `call`, which runs any operation of the JSON contract on Python data:
//! every function of `tamat.contract` (evaluate, issue, verify, ...) is built on it.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use serde_json::{json, Value};

use crate::convert::{to_py, to_value, type_name};
use crate::errors::{guard, raise, raise_json, shape};

/// An Ed25519 signing key.
#[pyclass(frozen, module = "tamat", name = "SigningKey")]
pub struct SigningKey {
    inner: tamat::proofs::SigningKey,
}

impl SigningKey {
    /// The key itself, for the store.
    pub fn inner(&self) -> &tamat::proofs::SigningKey {
        &self.inner
    }

    /// The key as the JSON contract's `key` input.
    pub fn as_input(&self) -> Value {
        json!({ "secret": *self.inner.secret_multibase(), "id": self.inner.key_id() })
    }
}

#[pymethods]
impl SigningKey {
    /// A key from its 32-byte seed: `bytes`, 64 hex digits, or a Multikey secret
    /// (`z3u2...`). `key_id`: the id verifiers look it up by (default: its `did:key`).
    #[new]
    #[pyo3(signature = (secret, key_id = None))]
    fn new(py: Python<'_>, secret: &Bound<'_, PyAny>, key_id: Option<String>) -> PyResult<Self> {
        guard(py, || {
            let key = if let Ok(b) = secret.cast::<PyBytes>() {
                let seed: [u8; 32] = b
                    .as_bytes()
                    .try_into()
                    .map_err(|_| raise(py, &tamat::TamatError::InvalidKey { problem: "seed_length" }.into()))?;
                tamat::proofs::SigningKey::from_seed(&seed)
            } else if let Ok(s) = secret.cast::<PyString>() {
                let text = zeroize::Zeroizing::new(s.to_cow()?.into_owned());
                tamat::proofs::SigningKey::parse(&text).map_err(|e| raise(py, &e.into()))?
            } else {
                return Err(shape(
                    py,
                    format!("`secret`: expected bytes or text, not {}", type_name(secret)),
                ));
            };
            Ok(SigningKey {
                inner: match key_id {
                    Some(id) => key.with_key_id(id),
                    None => key,
                },
            })
        })
    }

    /// A new random key (from `os.urandom`).
    #[staticmethod]
    #[pyo3(signature = (key_id = None))]
    fn generate(py: Python<'_>, key_id: Option<String>) -> PyResult<Self> {
        let seed = py.import("os")?.call_method1("urandom", (32,))?;
        SigningKey::new(py, &seed, key_id)
    }

    /// The id verifiers look the key up by (the proof's `verificationMethod`).
    #[getter]
    fn key_id(&self) -> &str {
        self.inner.key_id()
    }

    /// The public key, `z6Mk...`.
    #[getter]
    fn public_key_multibase(&self) -> String {
        self.inner.public_key().multibase()
    }

    /// The key's `did:key`.
    #[getter]
    fn did(&self) -> String {
        self.inner.public_key().did_key()
    }

    /// The public key as a Multikey document (what verifiers trust).
    #[pyo3(signature = (controller = None))]
    pub fn multikey<'py>(&self, py: Python<'py>, controller: Option<String>) -> PyResult<Bound<'py, PyAny>> {
        let controller = controller.unwrap_or_else(|| self.inner.public_key().did_key());
        to_py(py, &self.inner.multikey(&controller))
    }

    /// The secret as a Multikey secret (`z3u2...`), to store the key. Handle with care.
    fn export_secret(&self) -> String {
        self.inner.secret_multibase().to_string()
    }

    fn __repr__(&self) -> String {
        format!("<SigningKey {} (secret hidden)>", self.inner.key_id())
    }

    fn __reduce__(&self, py: Python<'_>) -> PyResult<()> {
        Err(shape(
            py,
            "a SigningKey is not pickled (it would copy the secret); store export_secret() deliberately".into(),
        ))
    }
}

/// Runs one operation of the JSON contract (`evaluate`, `issue`, `verify`, ... : see
/// `tamat.OPERATIONS`) on a request given as Python data; returns the success document
/// without `type`, or raises `TamatError`. Besides the contract's shapes, `attendance`
/// may be a dict of columns or a DataFrame, and `keys` may hold `SigningKey`s (their
/// public Multikey is trusted).
#[pyfunction]
pub fn call<'py>(py: Python<'py>, operation: String, request: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let mut value = match request.cast::<PyDict>() {
            Ok(d) => fields(d)?,
            Err(_) => to_value(request, &mut String::new())?,
        };
        // A SigningKey in the request crosses as its secret's text: wipe the copies this
        // call made (the JSON text and the document) once the core has read them.
        let input = zeroize::Zeroizing::new(value.to_string());
        scrub(&mut value);
        let output = py
            .detach(|| tamat::json::call(&operation, &input))
            .ok_or_else(|| shape(py, format!("unknown operation `{operation}`")))?;
        success(py, &output)
    })
}

fn fields(d: &Bound<'_, PyDict>) -> PyResult<Value> {
    let mut map = serde_json::Map::new();
    for (k, v) in d.iter() {
        let key: String = k
            .extract()
            .map_err(|_| shape(d.py(), "request keys must be strings".into()))?;
        let value = match (key.as_str(), v.cast::<PyList>()) {
            ("attendance", Err(_)) if !v.is_none() => crate::attendance::read_json(&v)?,
            ("keys", Ok(keys)) => {
                let trusted = keys.iter().map(|k| match k.cast::<SigningKey>() {
                    Ok(key) => key.get().multikey(d.py(), None),
                    Err(_) => Ok(k),
                });
                to_value(
                    PyList::new(d.py(), trusted.collect::<PyResult<Vec<_>>>()?)?.as_any(),
                    &mut key.clone(),
                )?
            }
            _ => to_value(&v, &mut key.clone())?,
        };
        map.insert(key, value);
    }
    Ok(Value::Object(map))
}

/// Zeroizes every string of a document (a key's secret among them) before it is dropped.
fn scrub(value: &mut Value) {
    match value {
        Value::String(s) => zeroize::Zeroize::zeroize(s),
        Value::Array(items) => items.iter_mut().for_each(scrub),
        Value::Object(m) => m.values_mut().for_each(scrub),
        _ => {}
    }
}

fn success<'py>(py: Python<'py>, output: &str) -> PyResult<Bound<'py, PyAny>> {
    if output.starts_with(r#"{"type":"success""#) {
        // json.loads shares the repeated keys: faster than building the objects one by one.
        let doc = py.import("json")?.call_method1("loads", (output,))?;
        doc.del_item("type")?;
        return Ok(doc);
    }
    let doc: Value = serde_json::from_str(output).map_err(|e| shape(py, e.to_string()))?;
    let errors = doc.get("errors").and_then(Value::as_array).cloned().unwrap_or_default();
    Err(raise_json(py, &errors))
}

/// The success document of a JSON-contract answer (without `type`), or its errors
/// raised as `TamatError`.
#[pyfunction]
pub fn unwrap<'py>(py: Python<'py>, output: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || success(py, output))
}

/// The bundled East Kalimantan course: `{"course", "attendance", "settings"}` as data.
#[pyfunction]
pub fn demo<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let read = |text: &str| tamat::json::read::<Value>(text).map_err(|e| raise(py, &e));
        let settings = tamat::demo::kaltim_settings().map_err(|e| raise(py, &e.into()))?;
        let doc = json!({
            "course": read(tamat::demo::KALTIM_COURSE_JSON)?,
            "attendance": read(tamat::demo::KALTIM_ATTENDANCE_JSON)?,
            "settings": settings,
        });
        to_py(py, &doc)
    })
}

/// The demo signing key. Its seed is public: certificates signed with it prove nothing.
#[pyfunction]
pub fn demo_key(py: Python<'_>) -> PyResult<SigningKey> {
    let inner = tamat::demo::demo_key().map_err(|e| raise(py, &e.into()))?;
    Ok(SigningKey { inner })
}

/// Panics inside the glue's guard, so that tests can show a panic never reaches Python
/// as anything but `InternalError`.
#[pyfunction]
pub fn _panic_for_tests(py: Python<'_>) -> PyResult<()> {
    guard(py, || -> PyResult<()> {
        let v: Vec<u8> = Vec::new();
        let _ = v[usize::from(v.is_empty())];
        Ok(())
    })
}
