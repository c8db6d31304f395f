//! `tamat.Store`: the register as a database (SQLite file or PostgreSQL URL), from
//! `tamat-store`. Conversions only: every rule is in the core and the store crate.

use chrono::{DateTime, Utc};
use pyo3::prelude::*;
use serde_json::Value;
use tamat_store::{Action, Change, Lookup, StoreError};

use crate::certificates::SigningKey;
use crate::convert::{to_py, to_value};
use crate::errors::{guard, raise, raise_json, shape};

/// The issuance register in SQLite or PostgreSQL: one transaction per change, so that
/// several issuers at once never share a number.
#[pyclass(module = "tamat", name = "Store")]
pub struct Store {
    // One connection, one transaction at a time (Python threads take turns).
    inner: std::sync::Mutex<tamat_store::Store>,
    location: String,
}

fn fail(py: Python<'_>, e: StoreError) -> PyErr {
    match e.core_errors() {
        Some(errors) => raise(py, errors),
        None => {
            let doc = serde_json::json!({
                "code": e.code(),
                "message": e.message(tamat::Lang::En),
                "messages": {"id": e.message(tamat::Lang::Id), "en": e.message(tamat::Lang::En)},
                "details": {},
            });
            raise_json(py, &[doc])
        }
    }
}

fn out<'py, T: serde::Serialize>(py: Python<'py>, v: &T) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &serde_json::to_value(v).map_err(|e| shape(py, e.to_string()))?)
}

/// An instant given as an aware `datetime` or RFC 3339 text.
fn instant(py: Python<'_>, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<DateTime<Utc>>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    let text = match to_value(obj, &mut String::new())? {
        Value::String(s) => s,
        other => return Err(shape(py, format!("expected a datetime or RFC 3339 text, not {other}"))),
    };
    DateTime::parse_from_rfc3339(&text)
        .map(|t| Some(t.with_timezone(&Utc)))
        .map_err(|_| raise(py, &tamat::TamatError::InvalidAsOf { value: text }.into()))
}

fn typed<T: serde::de::DeserializeOwned>(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<T> {
    tamat::json::read_value(to_value(obj, &mut String::new())?).map_err(|e| raise(py, &e))
}

/// A stored credential's text as Python data.
fn credential<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &tamat::json::read_document(text).map_err(|e| raise(py, &e.into()))?)
}

#[pymethods]
impl Store {
    /// Opens (creating when missing) the store at `location`: a SQLite file path, or a
    /// `postgres://` URL.
    #[new]
    fn new(py: Python<'_>, location: String) -> PyResult<Self> {
        guard(py, || {
            let inner = py
                .detach(|| tamat_store::Store::open_str(&location))
                .map_err(|e| fail(py, e))?;
            Ok(Store {
                inner: std::sync::Mutex::new(inner),
                location,
            })
        })
    }

    fn __repr__(&self) -> String {
        let kind = self.inner.lock().map_or("?", |s| s.kind());
        format!("<Store {kind} {:?}>", self.location)
    }

    /// Issues the certificates of `request` (`course`, `attendance`, `settings`, and
    /// optionally `scores`, `policy`, `as_of`, `participant`) in one transaction. Returns
    /// `certificates`, `issued`, `unchanged`, `skipped` and `credentials` (as stored).
    #[pyo3(signature = (request, *, key, by = None))]
    fn issue<'py>(
        &self,
        py: Python<'py>,
        request: &Bound<'py, PyAny>,
        key: PyRef<'_, SigningKey>,
        by: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let request: tamat_store::IssueRequest = typed(py, request)?;
            let evaluation = request.evaluate().map_err(|e| fail(py, e))?;
            let key = key.inner();
            // The transaction (which may wait for another issuer) runs without the GIL.
            let stored = py
                .detach(|| {
                    let mut store = self.inner.lock().map_err(|_| None)?;
                    store
                        .issue(&request.course, &evaluation, &request.settings, key, by.as_deref())
                        .map_err(Some)
                })
                .map_err(|e| match e {
                    Some(e) => fail(py, e),
                    None => shape(py, "the store was left unusable by an earlier failure".into()),
                })?;
            let result = out(py, &stored.issuance)?;
            let creds = stored
                .credentials
                .iter()
                .map(|t| credential(py, t))
                .collect::<PyResult<Vec<_>>>()?;
            result.set_item("credentials", creds)?;
            Ok(result)
        })
    }

    /// Replaces certificate `certificate` with one built from the current `request`; the
    /// old one is revoked and both are linked.
    #[pyo3(signature = (request, *, key, certificate, at = None, reason = None, by = None))]
    #[allow(clippy::too_many_arguments)]
    fn reissue<'py>(
        &self,
        py: Python<'py>,
        request: &Bound<'py, PyAny>,
        key: PyRef<'_, SigningKey>,
        certificate: String,
        at: Option<&Bound<'py, PyAny>>,
        reason: Option<String>,
        by: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let request: tamat_store::IssueRequest = typed(py, request)?;
            let evaluation = request.evaluate().map_err(|e| fail(py, e))?;
            let change = Change {
                at: instant(py, at)?,
                reason: reason.as_deref(),
                by: by.as_deref(),
            };
            let row = self
                .lock(py)?
                .reissue(
                    &request.course,
                    &evaluation,
                    &request.settings,
                    key.inner(),
                    &certificate,
                    &change,
                )
                .map_err(|e| fail(py, e))?;
            out(py, &row)
        })
    }

    /// Revokes a certificate (by id or number) for good.
    #[pyo3(signature = (certificate, *, at = None, reason = None, by = None))]
    fn revoke<'py>(
        &self,
        py: Python<'py>,
        certificate: String,
        at: Option<&Bound<'py, PyAny>>,
        reason: Option<String>,
        by: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.change(py, certificate, Action::Revoke, at, reason, by)
    }

    /// Suspends an active certificate.
    #[pyo3(signature = (certificate, *, at = None, reason = None, by = None))]
    fn suspend<'py>(
        &self,
        py: Python<'py>,
        certificate: String,
        at: Option<&Bound<'py, PyAny>>,
        reason: Option<String>,
        by: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.change(py, certificate, Action::Suspend, at, reason, by)
    }

    /// Puts a suspended certificate back in force.
    #[pyo3(signature = (certificate, *, at = None, reason = None, by = None))]
    fn reinstate<'py>(
        &self,
        py: Python<'py>,
        certificate: String,
        at: Option<&Bound<'py, PyAny>>,
        reason: Option<String>,
        by: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.change(py, certificate, Action::Reinstate, at, reason, by)
    }

    /// Signs and records a new version of a status list (`purpose`: `revocation`, the
    /// default, or `suspension`).
    #[pyo3(signature = (*, settings, key, valid_from, purpose = None, valid_until = None))]
    fn status_list<'py>(
        &self,
        py: Python<'py>,
        settings: &Bound<'py, PyAny>,
        key: PyRef<'_, SigningKey>,
        valid_from: &Bound<'py, PyAny>,
        purpose: Option<String>,
        valid_until: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let settings: tamat::certificate::IssuanceSettings = typed(py, settings)?;
            let purpose = purpose.unwrap_or_else(|| "revocation".into());
            let purpose = tamat::status_list::StatusPurpose::parse(&purpose)
                .ok_or_else(|| shape(py, format!("`purpose`: revocation or suspension, not `{purpose}`")))?;
            let from = instant(py, Some(valid_from))?.ok_or_else(|| shape(py, "`valid_from` is required".into()))?;
            let list = self
                .lock(py)?
                .publish_status_list(&settings, key.inner(), purpose, from, instant(py, valid_until)?)
                .map_err(|e| fail(py, e))?;
            credential(py, &list.credential)
        })
    }

    /// Certificates by `id`, `number`, `nip`, `course` or `year` (exactly one).
    #[pyo3(signature = (*, id = None, number = None, nip = None, course = None, year = None))]
    fn find<'py>(
        &self,
        py: Python<'py>,
        id: Option<String>,
        number: Option<String>,
        nip: Option<String>,
        course: Option<String>,
        year: Option<i32>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let lookup = match (&id, &number, &nip, &course, year) {
                (Some(i), None, None, None, None) => Lookup::Id(i),
                (None, Some(n), None, None, None) => Lookup::Number(n),
                (None, None, Some(n), None, None) => Lookup::Nip(n),
                (None, None, None, Some(c), None) => Lookup::Course(c),
                (None, None, None, None, Some(y)) => Lookup::Year(y),
                _ => return Err(shape(py, "give exactly one of id, number, nip, course, year".into())),
            };
            out(py, &self.lock(py)?.find(&lookup).map_err(|e| fail(py, e))?)
        })
    }

    /// The state history of a certificate (append-only), oldest first.
    fn history<'py>(&self, py: Python<'py>, certificate: String) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            out(py, &self.lock(py)?.history(&certificate).map_err(|e| fail(py, e))?)
        })
    }

    /// The yearly JP ledger of the certificates in force.
    #[pyo3(signature = (obligation_jp = 20))]
    fn ledger<'py>(&self, py: Python<'py>, obligation_jp: i64) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let rows = self
                .lock(py)?
                .ledger(tamat::Fixed::from_int(obligation_jp))
                .map_err(|e| fail(py, e))?;
            out(py, &rows)
        })
    }

    /// Imports a register (its dict, e.g. a loaded `register.json`) into an empty store.
    fn import_register(&self, py: Python<'_>, register: &Bound<'_, PyAny>) -> PyResult<usize> {
        guard(py, || {
            let register: tamat::register::Register = typed(py, register)?;
            self.lock(py)?.import_register(&register).map_err(|e| fail(py, e))
        })
    }

    /// The whole store as the register dict the core's API takes.
    fn export_register<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            out(py, &self.lock(py)?.export_register().map_err(|e| fail(py, e))?)
        })
    }
}

impl Store {
    fn lock(&self, py: Python<'_>) -> PyResult<std::sync::MutexGuard<'_, tamat_store::Store>> {
        self.inner
            .lock()
            .map_err(|_| shape(py, "the store was left unusable by an earlier failure".into()))
    }

    fn change<'py>(
        &self,
        py: Python<'py>,
        certificate: String,
        action: Action,
        at: Option<&Bound<'py, PyAny>>,
        reason: Option<String>,
        by: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let change = Change {
                at: instant(py, at)?,
                reason: reason.as_deref(),
                by: by.as_deref(),
            };
            let entry = self
                .lock(py)?
                .change_status(&certificate, action, &change)
                .map_err(|e| fail(py, e))?;
            out(py, &entry)
        })
    }
}
