//! Python bindings of tamat: the native module `tamat._tamat`, re-exported by the
//! `tamat` package. Glue only: every rule is in the core crate.
//! - `contract`: the JSON contract (`evaluate_json`, ...), same bytes as Rust.
//! - `convert`: Python data and JSON values, datetimes.
//! - `attendance`: marks from rows, columns or a DataFrame, in one call.
//! - `arrow`: marks from Arrow data (`__arrow_c_stream__`: pyarrow, polars, pandas),
//!   read from its buffers.
//! - `evaluation`: `Evaluator` (a course compiled once; attendance from rows, columns or
//!   a DataFrame).
//! - `ledger`: `PartialLedger`, the JP ledger summed in parts (Dask).
//! - `table`: `DecisionTable`, decisions as Arrow columns.
//! - `certificates`: `SigningKey`, and `call`: any operation on Python data.
//! - `store`: `Store`, the register in SQLite or PostgreSQL.
//! - `errors`: `TamatError` and its subclasses.

use pyo3::prelude::*;

mod arrow;
mod attendance;
mod certificates;
mod contract;
mod convert;
mod errors;
mod evaluation;
mod ledger;
mod store;
mod table;

/// The native module.
#[pymodule]
fn _tamat(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(m)?;
    contract::register(m)?;
    m.add_class::<evaluation::Evaluator>()?;
    m.add_class::<table::DecisionTable>()?;
    m.add_class::<ledger::PartialLedger>()?;
    m.add_class::<certificates::SigningKey>()?;
    m.add_class::<store::Store>()?;
    m.add_function(wrap_pyfunction!(certificates::call, m)?)?;
    m.add_function(wrap_pyfunction!(certificates::unwrap, m)?)?;
    m.add_function(wrap_pyfunction!(certificates::demo, m)?)?;
    m.add_function(wrap_pyfunction!(certificates::demo_key, m)?)?;
    m.add_function(wrap_pyfunction!(certificates::_panic_for_tests, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
