//! `Evaluator`: a course and policy compiled once, for many evaluations of attendance
//! given as rows, columns or a DataFrame. Answers are the contract's documents (the
//! `tamat.contract` TypedDicts), the same as `evaluate_json` gives.

use pyo3::prelude::*;
use serde::Serialize;
use serde_json::Value;

use crate::convert::{document, time_arg, to_py, to_value};
use crate::errors::shape;
use crate::errors::{guard, raise, raise_one};
use crate::ledger::PartialLedger;
use crate::table::DecisionTable;
use crate::{arrow, attendance};

/// A course (and policy) compiled for evaluation; reuse it for many evaluations.
#[pyclass(frozen, module = "tamat", name = "Evaluator")]
pub struct Evaluator {
    inner: tamat::Evaluator,
    course: String,
}

fn typed<T: serde::de::DeserializeOwned>(py: Python<'_>, value: Value) -> PyResult<T> {
    tamat::json::read_value(value).map_err(|e| raise(py, &e))
}

impl Evaluator {
    /// Reads the arguments, then runs `f` on the read inputs without the GIL and returns
    /// its answer as Python data.
    fn run<'py, T: Send + Serialize>(
        &self,
        py: Python<'py>,
        args: [Option<&Bound<'py, PyAny>>; 3],
        trace: Option<bool>,
        f: impl FnOnce(&tamat::Evaluator, &tamat::Inputs) -> Result<T, tamat::TamatError> + Send,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || to_py(py, &self.compute(py, args, trace, f)?))
    }

    /// [`Evaluator::run`] without the conversion: the answer as Rust data.
    fn compute<'py, T: Send, E: Into<tamat::Errors>>(
        &self,
        py: Python<'py>,
        [attendance, scores, as_of]: [Option<&Bound<'py, PyAny>>; 3],
        trace: Option<bool>,
        f: impl FnOnce(&tamat::Evaluator, &tamat::Inputs) -> Result<T, E> + Send,
    ) -> PyResult<T> {
        {
            let arrow = match attendance.filter(|a| !a.is_none()) {
                Some(a) => match arrow::import(a)? {
                    Some(Err(arrow::Refused(message))) => return Err(shape(py, message)),
                    Some(Ok(marks)) => Some(marks),
                    None => None,
                },
                None => None,
            };
            let table = match arrow {
                Some(_) => attendance::MarkTable::default(),
                None => attendance::read(attendance)?,
            };
            let scores: Vec<tamat::Score> = match scores.filter(|s| !s.is_none()) {
                Some(s) => typed(py, to_value(s, &mut "scores".to_string())?)?,
                None => Vec::new(),
            };
            let as_of = time_arg(as_of, "as_of")?;
            let (inner, trace) = (&self.inner, trace.unwrap_or(tamat::DEFAULT_TRACE));
            let answer = py.detach(|| {
                let grid = match &arrow {
                    Some(marks) => match marks.grid(inner) {
                        Ok(grid) => grid,
                        Err(refused) => return Err(refused),
                    },
                    None => table.grid(inner),
                };
                Ok(tamat::json::catch(|| {
                    let inputs = inner.read_grid(grid, &scores, as_of.as_deref(), trace)?;
                    f(inner, &inputs).map_err(Into::into)
                }))
            });
            answer
                .map_err(|arrow::Refused(message)| shape(py, message))?
                .map_err(|e| raise(py, &e))
        }
    }
}

#[pymethods]
impl Evaluator {
    /// Compiles `course` (a dict or JSON text) with `policy` (default: the course's own,
    /// else the default policy).
    #[new]
    #[pyo3(signature = (course, policy = None))]
    fn new(py: Python<'_>, course: &Bound<'_, PyAny>, policy: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        guard(py, || {
            let course: tamat::Course = typed(py, document(course, "course")?)?;
            let policy: Option<tamat::Policy> = match policy.filter(|p| !p.is_none()) {
                Some(p) => Some(typed(py, document(p, "policy")?)?),
                None => None,
            };
            let inner =
                tamat::json::catch(|| tamat::Evaluator::new(&course, policy.as_ref())).map_err(|e| raise(py, &e))?;
            Ok(Evaluator {
                inner,
                course: course.id,
            })
        })
    }

    /// Evaluates every participant: the `evaluate` answer. `attendance`: a list of mark
    /// dicts, a dict of columns or a pandas DataFrame. `as_of`: an aware `datetime` (or
    /// RFC 3339 text) for a course still running (adds projections).
    #[pyo3(signature = (attendance = None, *, scores = None, as_of = None, trace = None))]
    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        attendance: Option<&Bound<'py, PyAny>>,
        scores: Option<&Bound<'py, PyAny>>,
        as_of: Option<&Bound<'py, PyAny>>,
        trace: Option<bool>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.run(py, [attendance, scores, as_of], trace, |ev, i| {
            ev.evaluate(&i.grid, &i.scores, &i.options)
        })
    }

    /// One participant's decision.
    #[pyo3(signature = (participant, attendance = None, *, scores = None, as_of = None, trace = None))]
    fn evaluate_participant<'py>(
        &self,
        py: Python<'py>,
        participant: &str,
        attendance: Option<&Bound<'py, PyAny>>,
        scores: Option<&Bound<'py, PyAny>>,
        as_of: Option<&Bound<'py, PyAny>>,
        trace: Option<bool>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.run(py, [attendance, scores, as_of], trace, |ev, i| {
            ev.evaluate_participant(&i.grid, &i.scores, participant, &i.options)
        })
    }

    /// Counts per outcome only (the fast path: no decisions are built).
    #[pyo3(signature = (attendance = None, *, scores = None, as_of = None))]
    fn summarize<'py>(
        &self,
        py: Python<'py>,
        attendance: Option<&Bound<'py, PyAny>>,
        scores: Option<&Bound<'py, PyAny>>,
        as_of: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.run(py, [attendance, scores, as_of], Some(false), |ev, i| {
            ev.summarize(&i.grid, &i.scores, i.options.as_of)
        })
    }

    /// The decisions as columns (a `DecisionTable`: Arrow data, for `pyarrow.table`,
    /// `polars.DataFrame` or `pandas.DataFrame.from_arrow`), built without a Python object
    /// per decision; `lang` (`id` or `en`) is the language of `label` and `reason`.
    #[pyo3(signature = (attendance = None, *, scores = None, as_of = None, lang = "id"))]
    fn decision_table(
        &self,
        py: Python<'_>,
        attendance: Option<&Bound<'_, PyAny>>,
        scores: Option<&Bound<'_, PyAny>>,
        as_of: Option<&Bound<'_, PyAny>>,
        lang: &str,
    ) -> PyResult<DecisionTable> {
        guard(py, || {
            let lang = tamat::Lang::parse(lang).map_err(|e| raise_one(py, e))?;
            let table = self.compute(py, [attendance, scores, as_of], Some(false), |ev, i| {
                let evaluation = ev.evaluate(&i.grid, &i.scores, &i.options)?;
                DecisionTable::new(&evaluation.decisions, lang)
                    .map_err(|message| tamat::TamatError::Internal { message })
            })?;
            Ok(table)
        })
    }

    /// This course's part of the yearly JP ledger (a `PartialLedger`): every participant
    /// whose outcome is one of `earning` (`["lulus"]` by default) credited the course's JP,
    /// computed in Rust with no decision crossing into Python.
    #[pyo3(signature = (attendance = None, *, scores = None, as_of = None, earning = None))]
    fn partial_ledger(
        &self,
        py: Python<'_>,
        attendance: Option<&Bound<'_, PyAny>>,
        scores: Option<&Bound<'_, PyAny>>,
        as_of: Option<&Bound<'_, PyAny>>,
        earning: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PartialLedger> {
        guard(py, || {
            let earning: Vec<tamat::rules::EarningOutcome> = match earning.filter(|e| !e.is_none()) {
                Some(e) => typed(py, to_value(e, &mut "earning".to_string())?)?,
                None => vec![tamat::rules::EarningOutcome::Lulus],
            };
            let inner = self.compute(py, [attendance, scores, as_of], Some(false), |ev, i| {
                let evaluation = ev.evaluate(&i.grid, &i.scores, &i.options)?;
                let mut part = tamat::PartialLedger::new();
                part.add_evaluation(&evaluation, &earning)?;
                Ok::<_, tamat::Errors>(part)
            })?;
            Ok(PartialLedger { inner })
        })
    }

    /// The policy in effect, every default filled in.
    #[getter]
    fn policy<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.policy())
    }

    fn __repr__(&self) -> String {
        let schedule = self.inner.schedule();
        format!(
            "<Evaluator course={:?} participants={} sessions={} total_jp={}>",
            self.course,
            self.inner.participants().len(),
            schedule.sessions.len(),
            schedule.total_jp()
        )
    }
}
