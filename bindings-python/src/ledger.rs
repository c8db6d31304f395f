//! `PartialLedger`: the yearly JP ledger summed in parts (a Dask partition, a year's
//! files) by the core, merged in any order, pickled as the core's JSON. Glue only: the
//! sums, the duplicate rule and the rows are `tamat::PartialLedger`'s.

use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::convert::to_py;
use crate::errors::{guard, raise, shape};

/// A part of the yearly JP ledger. `Evaluator.partial_ledger(attendance)` makes one from
/// a course; `merge` combines parts (a course counted in two parts for one NIP is
/// refused); `rows()` is the ledger, the same as `tamat.ledger` of every course at once.
#[pyclass(frozen, module = "tamat", name = "PartialLedger")]
#[derive(Clone)]
pub struct PartialLedger {
    pub inner: tamat::PartialLedger,
}

#[pymethods]
impl PartialLedger {
    /// An empty part.
    #[new]
    fn new() -> Self {
        PartialLedger {
            inner: tamat::PartialLedger::new(),
        }
    }

    /// This part and `others` merged into a new part (this one is unchanged).
    #[pyo3(signature = (*others))]
    fn merge(&self, py: Python<'_>, others: &Bound<'_, PyTuple>) -> PyResult<PartialLedger> {
        guard(py, || {
            let mut merged = self.inner.clone();
            for other in others.iter() {
                let other = other
                    .cast::<PartialLedger>()
                    .map_err(|_| shape(py, "`merge`: expected PartialLedger parts".into()))?;
                merged.merge(&other.get().inner).map_err(|e| raise(py, &e))?;
            }
            Ok(PartialLedger { inner: merged })
        })
    }

    /// The ledger rows (the contract's `LedgerRow`s), sorted by NIP then year.
    #[pyo3(signature = (obligation_jp = None))]
    fn rows<'py>(&self, py: Python<'py>, obligation_jp: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let obligation = match obligation_jp.filter(|o| !o.is_none()) {
                Some(o) => {
                    tamat::json::read_value::<tamat::Fixed>(crate::convert::to_value(o, &mut "obligation_jp".into())?)
                        .map_err(|e| raise(py, &e))?
                }
                None => tamat::Fixed::from_int(tamat::rules::DEFAULT_OBLIGATION_JP),
            };
            to_py(py, &self.inner.rows(obligation))
        })
    }

    /// Participants who earned JP but have no NIP to credit it to.
    #[getter]
    fn uncounted<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.uncounted())
    }

    /// The part as JSON text (what pickling carries).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        serde_json::to_string(&self.inner).map_err(|e| shape(py, e.to_string()))
    }

    /// A part from its JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<PartialLedger> {
        serde_json::from_str(text)
            .map(|inner| PartialLedger { inner })
            .map_err(|e| shape(py, format!("not a ledger part: {e}")))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let py = slf.py();
        let from_json = slf.get_type().getattr("from_json")?;
        Ok((from_json, (slf.get().to_json(py)?,)))
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        format!("<PartialLedger nip_years={}>", self.inner.len())
    }
}
