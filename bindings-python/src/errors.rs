//! Errors: `tamat.TamatError` (a `ValueError`) and one subclass per area of the codes,
//! raised with `.code`, `.message`, `.messages`, `.details` and `.errors` (every error
//! found, as dicts). Panics in the glue are caught and raised as `InternalError`.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use tamat::Errors;

use crate::convert::to_py;

create_exception!(
    tamat,
    TamatError,
    PyValueError,
    "Every error tamat raises: `.code`, `.message`, `.messages` (id, en), `.details`, `.errors`."
);

/// One exception class per area of the error codes: (class, area, doc).
macro_rules! areas {
    ($($class:ident $area:literal $doc:literal;)*) => {
        $( create_exception!(tamat, $class, TamatError, $doc); )*

        /// Adds the exception classes to the module.
        pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
            m.add("TamatError", m.py().get_type::<TamatError>())?;
            $( m.add(stringify!($class), m.py().get_type::<$class>())?; )*
            Ok(())
        }

        fn new_err(area: &str, text: String) -> PyErr {
            match area {
                $( $area => $class::new_err(text), )*
                _ => TamatError::new_err(text),
            }
        }
    };
}

areas! {
    RequestError "request" "`request.*`: the input's shape.";
    CourseError "course" "`course.*`.";
    ScheduleError "schedule" "`schedule.*`.";
    IdentityError "identity" "`identity.*`: NIP and NIK.";
    AttendanceError "attendance" "`attendance.*`.";
    PolicyError "policy" "`policy.*`.";
    AssessmentError "assessment" "`assessment.*`.";
    LedgerError "ledger" "`ledger.*`.";
    NumberingError "numbering" "`numbering.*`.";
    CertificateError "certificate" "`certificate.*`.";
    RegisterError "register" "`register.*`.";
    SigningError "signing" "`signing.*`.";
    CredentialError "credential" "`credential.*`.";
    StatusListError "status_list" "`status_list.*`.";
    DocumentError "document" "`document.*`.";
    InternalError "internal" "`internal.error`: a defect in tamat; please report it.";
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
    let err = new_err(code.split('.').next().unwrap_or(""), text);
    let value = err.value(py);
    let attrs = (|| -> PyResult<()> {
        value.setattr("code", &code)?;
        value.setattr("message", &message)?;
        value.setattr("messages", to_py(py, &first["messages"])?)?;
        let details = first.get("details").filter(|d| !d.is_null());
        value.setattr("details", to_py(py, details.unwrap_or(&serde_json::json!({})))?)?;
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
    raise_one(py, tamat::TamatError::InvalidShape { message })
}

/// Runs binding glue so that no Rust panic reaches Python: a panic becomes
/// `InternalError` (code `internal.error`).
pub fn guard<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(panic) => Err(raise_one(py, tamat::json::panic_error(panic.as_ref()))),
    }
}
