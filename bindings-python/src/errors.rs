//! Errors: `tamat.TamatError` (a `ValueError`) and one subclass per area of the codes,
//! raised with `.code`, `.message`, `.messages`, `.details` and `.errors` (every error
//! found, as dicts). Panics in the glue are caught and raised as `InternalError`.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use tamat::Errors;

use crate::convert::to_py;

create_exception!(
    tamat,
    TamatError,
    PyValueError,
    "Every error tamat raises: `.code`, `.message`, `.messages` (id, en), `.details`, `.errors`."
);
create_exception!(tamat, RequestError, TamatError, "`request.*`: the input's shape.");
create_exception!(tamat, CourseError, TamatError, "`course.*`.");
create_exception!(tamat, ScheduleError, TamatError, "`schedule.*`.");
create_exception!(tamat, IdentityError, TamatError, "`identity.*`: NIP and NIK.");
create_exception!(tamat, AttendanceError, TamatError, "`attendance.*`.");
create_exception!(tamat, PolicyError, TamatError, "`policy.*`.");
create_exception!(tamat, AssessmentError, TamatError, "`assessment.*`.");
create_exception!(tamat, LedgerError, TamatError, "`ledger.*`.");
create_exception!(tamat, NumberingError, TamatError, "`numbering.*`.");
create_exception!(tamat, CertificateError, TamatError, "`certificate.*`.");
create_exception!(tamat, RegisterError, TamatError, "`register.*`.");
create_exception!(tamat, SigningError, TamatError, "`signing.*`.");
create_exception!(tamat, CredentialError, TamatError, "`credential.*`.");
create_exception!(tamat, StatusListError, TamatError, "`status_list.*`.");
create_exception!(
    tamat,
    InternalError,
    TamatError,
    "`internal.error`: a defect in tamat; please report it."
);

/// Adds the exception classes to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("TamatError", py.get_type::<TamatError>())?;
    m.add("RequestError", py.get_type::<RequestError>())?;
    m.add("CourseError", py.get_type::<CourseError>())?;
    m.add("ScheduleError", py.get_type::<ScheduleError>())?;
    m.add("IdentityError", py.get_type::<IdentityError>())?;
    m.add("AttendanceError", py.get_type::<AttendanceError>())?;
    m.add("PolicyError", py.get_type::<PolicyError>())?;
    m.add("AssessmentError", py.get_type::<AssessmentError>())?;
    m.add("LedgerError", py.get_type::<LedgerError>())?;
    m.add("NumberingError", py.get_type::<NumberingError>())?;
    m.add("CertificateError", py.get_type::<CertificateError>())?;
    m.add("RegisterError", py.get_type::<RegisterError>())?;
    m.add("SigningError", py.get_type::<SigningError>())?;
    m.add("CredentialError", py.get_type::<CredentialError>())?;
    m.add("StatusListError", py.get_type::<StatusListError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    Ok(())
}

/// The exception of a list of errors: the class of the first error's area, carrying
/// all of them.
pub fn raise(py: Python<'_>, errors: &Errors) -> PyErr {
    let all: Vec<serde_json::Value> = errors.0.iter().map(tamat::TamatError::to_json).collect();
    raise_json(py, &all)
}

/// The exception of error documents as the JSON contract writes them.
pub fn raise_json(py: Python<'_>, errors: &[serde_json::Value]) -> PyErr {
    let first = errors.first().cloned().unwrap_or_default();
    let code = first["code"].as_str().unwrap_or("internal.error").to_string();
    let message = first["message"].as_str().unwrap_or("").to_string();
    let text = if errors.len() > 1 {
        format!("[{code}] {message} (and {} more: see .errors)", errors.len() - 1)
    } else {
        format!("[{code}] {message}")
    };
    let err = match code.split('.').next().unwrap_or("") {
        "request" => RequestError::new_err(text),
        "course" => CourseError::new_err(text),
        "schedule" => ScheduleError::new_err(text),
        "identity" => IdentityError::new_err(text),
        "attendance" => AttendanceError::new_err(text),
        "policy" => PolicyError::new_err(text),
        "assessment" => AssessmentError::new_err(text),
        "ledger" => LedgerError::new_err(text),
        "numbering" => NumberingError::new_err(text),
        "certificate" => CertificateError::new_err(text),
        "register" => RegisterError::new_err(text),
        "signing" => SigningError::new_err(text),
        "credential" => CredentialError::new_err(text),
        "status_list" => StatusListError::new_err(text),
        "internal" => InternalError::new_err(text),
        _ => TamatError::new_err(text),
    };
    let value = err.value(py);
    let attrs = (|| -> PyResult<()> {
        value.setattr("code", &code)?;
        value.setattr("message", &message)?;
        value.setattr("messages", to_py(py, &first["messages"])?)?;
        value.setattr(
            "details",
            match &first["details"] {
                serde_json::Value::Null => PyDict::new(py).into_any(),
                d => to_py(py, d)?,
            },
        )?;
        value.setattr("errors", to_py(py, &serde_json::Value::Array(errors.to_vec()))?)?;
        Ok(())
    })();
    match attrs {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// One error.
pub fn raise_one(py: Python<'_>, error: tamat::TamatError) -> PyErr {
    raise(py, &Errors(vec![error]))
}

/// A `request.invalid_shape` error about a value of the wrong Python type.
pub fn shape(py: Python<'_>, message: String) -> PyErr {
    raise_one(
        py,
        tamat::TamatError::InvalidInput {
            code: "request.invalid_shape",
            message,
        },
    )
}

/// Runs binding glue so that no Rust panic reaches Python: a panic becomes
/// `InternalError` (code `internal.error`).
pub fn guard<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(panic) => Err(raise_one(py, tamat::json::panic_error(panic.as_ref()))),
    }
}
