//! Decisions as columns: `DecisionTable`, one Arrow record batch built in Rust from the
//! core's decisions, with no Python object per decision, handed over through the Arrow
//! PyCapsule interface (`__arrow_c_stream__`): `pyarrow.table(t)`, `polars.DataFrame(t)`,
//! `pandas.DataFrame.from_arrow(t)`.

use std::ffi::CStr;
use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Float64Builder, StringBuilder, UInt32Builder};
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{ArrayRef, RecordBatch, RecordBatchIterator};
use arrow_schema::{DataType, Field, Schema};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use tamat::{Decision, Lang};

/// The columns, in order: (name, type, nullable).
const COLUMNS: [(&str, DataType, bool); 15] = [
    ("participant", DataType::Utf8, false),
    ("name", DataType::Utf8, false),
    ("nip", DataType::Utf8, true),
    ("outcome", DataType::Utf8, false),
    ("label", DataType::Utf8, false),
    ("attended", DataType::Float64, false),
    ("total", DataType::Float64, false),
    ("percent", DataType::Float64, true),
    ("meets_minimum", DataType::Boolean, false),
    ("qualification", DataType::Utf8, true),
    ("score", DataType::Float64, true),
    ("reasons", DataType::Utf8, false),
    ("reason", DataType::Utf8, false),
    ("projection", DataType::Utf8, true),
    ("needed_sessions", DataType::UInt32, true),
];

/// One row per participant, in the course's order: `participant`, `name`, `nip`,
/// `outcome` (the code), `label` (the outcome as printed, in the language asked),
/// `attended`, `total`, `percent` (the policy's unit; display figures, the decision itself
/// is exact), `meets_minimum`, `qualification`, `score`, `reasons` (the codes, `;` between
/// them), `reason` (every reason's message), and for a course still running `projection`
/// (`secured`, `reachable`, `unreachable`) and `needed_sessions`.
#[pyclass(frozen, module = "tamat", name = "DecisionTable")]
pub struct DecisionTable {
    batch: RecordBatch,
}

impl DecisionTable {
    pub fn new(decisions: &[Decision], lang: Lang) -> Result<DecisionTable, String> {
        let n = decisions.len();
        let text = || StringBuilder::with_capacity(n, n * 16);
        let (mut participant, mut name, mut nip, mut outcome, mut label) = (text(), text(), text(), text(), text());
        let (mut qualification, mut reasons, mut reason, mut projection) = (text(), text(), text(), text());
        let number = || Float64Builder::with_capacity(n);
        let (mut attended, mut total, mut percent, mut score) = (number(), number(), number(), number());
        let mut meets = BooleanBuilder::with_capacity(n);
        let mut needed = UInt32Builder::with_capacity(n);
        for d in decisions {
            participant.append_value(&d.participant);
            name.append_value(&d.name);
            nip.append_option(d.nip.as_ref().map(|n| n.as_str()));
            outcome.append_value(d.outcome.code());
            label.append_value(d.label(lang));
            attended.append_value(d.attendance.attended.to_f64());
            total.append_value(d.attendance.total.to_f64());
            percent.append_option(d.attendance.percent.map(|p| p.to_f64()));
            meets.append_value(d.attendance.meets_minimum);
            qualification.append_option(d.qualification.as_deref());
            score.append_option(d.score.map(|s| s.to_f64()));
            reasons.append_value(d.reason_codes().join(";"));
            reason.append_value(d.explanation(lang));
            projection.append_option(d.projection.as_ref().map(|p| match p.state {
                tamat::ProjectionState::Secured => "secured",
                tamat::ProjectionState::Reachable => "reachable",
                tamat::ProjectionState::Unreachable => "unreachable",
            }));
            needed.append_option(d.projection.as_ref().and_then(|p| p.needed_sessions));
        }
        let arrays: [ArrayRef; 15] = [
            Arc::new(participant.finish()),
            Arc::new(name.finish()),
            Arc::new(nip.finish()),
            Arc::new(outcome.finish()),
            Arc::new(label.finish()),
            Arc::new(attended.finish()),
            Arc::new(total.finish()),
            Arc::new(percent.finish()),
            Arc::new(meets.finish()),
            Arc::new(qualification.finish()),
            Arc::new(score.finish()),
            Arc::new(reasons.finish()),
            Arc::new(reason.finish()),
            Arc::new(projection.finish()),
            Arc::new(needed.finish()),
        ];
        let schema = Schema::new(
            COLUMNS
                .iter()
                .map(|(name, ty, nullable)| Field::new(*name, ty.clone(), *nullable))
                .collect::<Vec<_>>(),
        );
        let batch = RecordBatch::try_new(Arc::new(schema), arrays.to_vec()).map_err(|e| e.to_string())?;
        Ok(DecisionTable { batch })
    }
}

#[pymethods]
impl DecisionTable {
    /// The Arrow PyCapsule interface: a stream of one record batch. `requested_schema` is
    /// not applied (the interface lets a producer keep its own).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let reader = RecordBatchIterator::new(vec![Ok(self.batch.clone())], self.batch.schema());
        const NAME: &CStr = c"arrow_array_stream";
        // The consumer moves the stream out of the capsule; what is left (released, or
        // never taken) is dropped with the capsule.
        PyCapsule::new_with_value(py, FFI_ArrowArrayStream::new(Box::new(reader)), NAME)
    }

    /// The column names, in order.
    #[getter]
    fn column_names(&self) -> Vec<&'static str> {
        COLUMNS.iter().map(|c| c.0).collect()
    }

    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }

    fn __repr__(&self) -> String {
        format!(
            "<DecisionTable rows={} columns={}>",
            self.batch.num_rows(),
            COLUMNS.len()
        )
    }
}
