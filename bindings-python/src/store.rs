//! `tamat._tamat.Store`: the register as a database (SQLite file or PostgreSQL URL),
//! from `tamat-store`; `call` runs one of its operations (`tamat_store::json`) on a
//! request given as Python data. The methods users call are in `tamat/__init__.py`.

use pyo3::prelude::*;

use crate::convert::{to_py, to_value};
use crate::errors::{guard, raise_json, shape};

/// The issuance register in SQLite or PostgreSQL: one transaction per change, so that
/// several issuers at once never share a number.
#[pyclass(subclass, module = "tamat", name = "Store")]
pub struct Store {
    // One connection, one transaction at a time (Python threads take turns).
    inner: std::sync::Mutex<tamat_store::Store>,
    location: String,
}

#[pymethods]
impl Store {
    /// Opens (creating when missing) the store at `location`: a SQLite file path, or a
    /// `postgres://` URL.
    #[new]
    fn new(py: Python<'_>, location: String) -> PyResult<Self> {
        let inner = py.detach(|| tamat_store::Store::open_str(&location));
        let inner = inner.map_err(|e| raise_json(py, &e.to_json()))?;
        Ok(Store {
            inner: std::sync::Mutex::new(inner),
            location,
        })
    }

    /// Runs a store operation (`tamat_store::json::OPERATIONS`) on `request`; the
    /// transaction (which may wait for another issuer) runs without the GIL.
    fn call<'py>(&self, py: Python<'py>, operation: &str, request: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let request = to_value(request, &mut String::new())?;
            let answer = py.detach(|| {
                let mut store = self.inner.lock().ok()?;
                tamat_store::json::call(&mut store, operation, request)
            });
            match answer {
                Some(Ok(value)) => to_py(py, &value),
                Some(Err(errors)) => Err(raise_json(py, &errors)),
                None => Err(shape(
                    py,
                    format!("unknown store operation `{operation}` (or a store left unusable)"),
                )),
            }
        })
    }

    fn __repr__(&self) -> String {
        let kind = self.inner.lock().map_or("?", |s| s.kind());
        format!("<Store {kind} {:?}>", self.location)
    }
}
