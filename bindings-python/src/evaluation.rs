//! Evaluation: `Evaluator` (a course and policy compiled once), `Evaluation` (a
//! cohort's result) and `Decision` (one participant's), plus the module functions
//! `evaluate` and `evaluate_participant`.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde::Serialize;
use serde_json::Value;
use tamat::{Lang, Score};

use crate::attendance;
use crate::convert::{date_to_py, document, instant_to_py, time_arg, to_py, to_value};
use crate::errors::{guard, raise, shape};

pub(crate) fn json_value<T: Serialize>(py: Python<'_>, v: &T) -> PyResult<Value> {
    serde_json::to_value(v).map_err(|e| shape(py, e.to_string()))
}

fn lang(py: Python<'_>, code: &str) -> PyResult<Lang> {
    Lang::parse(code).map_err(|e| raise(py, &e.into()))
}

/// A course (and policy) compiled for evaluation; reuse it for many evaluations.
#[pyclass(frozen, module = "tamat", name = "Evaluator")]
pub struct Evaluator {
    inner: tamat::Evaluator,
    course: Value,
}

fn scores_arg(py: Python<'_>, scores: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<Score>> {
    match scores {
        None => Ok(Vec::new()),
        Some(s) if s.is_none() => Ok(Vec::new()),
        Some(s) => {
            let value = to_value(s, &mut "scores".to_string())?;
            tamat::json::read_value(value).map_err(|e| raise(py, &e))
        }
    }
}

impl Evaluator {
    /// Reads the arguments, then runs `f` on the read inputs without the GIL.
    fn run<T: Send>(
        &self,
        py: Python<'_>,
        attendance: Option<&Bound<'_, PyAny>>,
        scores: Option<&Bound<'_, PyAny>>,
        as_of: Option<&Bound<'_, PyAny>>,
        trace: bool,
        f: impl FnOnce(&tamat::Evaluator, &tamat::Inputs) -> Result<T, tamat::TamatError> + Send,
    ) -> PyResult<T> {
        let table = attendance::read(attendance)?;
        let scores = scores_arg(py, scores)?;
        let as_of = time_arg(as_of, "as_of")?;
        let inner = &self.inner;
        py.detach(|| {
            tamat::json::catch(|| {
                let inputs = inner.read(table.views(), &scores, as_of.as_deref(), trace)?;
                f(inner, &inputs).map_err(tamat::Errors::from)
            })
        })
        .map_err(|e| raise(py, &e))
    }
}

#[pymethods]
impl Evaluator {
    /// Compiles `course` (a `Course`, a dict or JSON text) with `policy` (default: the
    /// course's own, else the default policy).
    #[new]
    #[pyo3(signature = (course, policy = None))]
    fn new(py: Python<'_>, course: &Bound<'_, PyAny>, policy: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        guard(py, || {
            let course_value = document(course, "course")?;
            let course: tamat::Course = tamat::json::read_value(course_value.clone()).map_err(|e| raise(py, &e))?;
            let policy: Option<tamat::Policy> = match policy {
                Some(p) if !p.is_none() => {
                    Some(tamat::json::read_value(document(p, "policy")?).map_err(|e| raise(py, &e))?)
                }
                _ => None,
            };
            let inner =
                tamat::json::catch(|| tamat::Evaluator::new(&course, policy.as_ref())).map_err(|e| raise(py, &e))?;
            Ok(Evaluator {
                inner,
                course: course_value,
            })
        })
    }

    /// Evaluates every participant. `attendance`: a list of mark dicts, a dict of
    /// columns, a pandas DataFrame or an `Attendance`. `as_of`: an aware `datetime` for a
    /// course still running (adds projections).
    #[pyo3(signature = (attendance = None, *, scores = None, as_of = None, trace = None))]
    fn evaluate(
        &self,
        py: Python<'_>,
        attendance: Option<&Bound<'_, PyAny>>,
        scores: Option<&Bound<'_, PyAny>>,
        as_of: Option<&Bound<'_, PyAny>>,
        trace: Option<bool>,
    ) -> PyResult<Evaluation> {
        guard(py, || {
            let trace = trace.unwrap_or(tamat::DEFAULT_TRACE);
            let inner = self.run(py, attendance, scores, as_of, trace, |ev, i| {
                ev.evaluate(&i.sheet, &i.scores, &i.options)
            })?;
            Ok(Evaluation { inner })
        })
    }

    /// Evaluates one participant.
    #[pyo3(signature = (participant, attendance = None, *, scores = None, as_of = None, trace = None))]
    fn evaluate_participant(
        &self,
        py: Python<'_>,
        participant: &str,
        attendance: Option<&Bound<'_, PyAny>>,
        scores: Option<&Bound<'_, PyAny>>,
        as_of: Option<&Bound<'_, PyAny>>,
        trace: Option<bool>,
    ) -> PyResult<Decision> {
        guard(py, || {
            let trace = trace.unwrap_or(tamat::DEFAULT_TRACE);
            let inner = self.run(py, attendance, scores, as_of, trace, |ev, i| {
                ev.evaluate_participant(&i.sheet, &i.scores, participant, &i.options)
            })?;
            Ok(Decision { inner })
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
        guard(py, || {
            let summary = self.run(py, attendance, scores, as_of, false, |ev, i| {
                ev.summarize(&i.sheet, &i.scores, i.options.as_of)
            })?;
            to_py(py, &json_value(py, &summary)?)
        })
    }

    /// The course as given.
    #[getter]
    fn course<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.course)
    }

    /// The policy in effect, every default filled in.
    #[getter]
    fn policy<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &json_value(py, self.inner.policy())?)
    }

    /// Participant ids, in course order.
    #[getter]
    fn participants(&self) -> Vec<String> {
        self.inner.participants().iter().map(|p| p.id.clone()).collect()
    }

    /// Session ids, in time order.
    #[getter]
    fn sessions(&self) -> Vec<String> {
        self.inner.schedule().sessions.iter().map(|s| s.id.clone()).collect()
    }

    /// Total JP of the course.
    #[getter]
    fn total_jp(&self) -> u64 {
        self.inner.schedule().total_jp()
    }

    fn __repr__(&self) -> String {
        format!(
            "<Evaluator course={:?} participants={} sessions={} total_jp={}>",
            self.course.get("id").and_then(Value::as_str).unwrap_or(""),
            self.inner.participants().len(),
            self.inner.schedule().sessions.len(),
            self.inner.schedule().total_jp()
        )
    }
}

/// A cohort's evaluation.
#[pyclass(frozen, module = "tamat", name = "Evaluation")]
pub struct Evaluation {
    inner: tamat::Evaluation,
}

#[pymethods]
impl Evaluation {
    /// Course id.
    #[getter]
    fn course(&self) -> &str {
        &self.inner.course
    }

    /// The instant of evaluation, for a course still running.
    #[getter]
    fn as_of<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner
            .as_of
            .map(|t| instant_to_py(py, &tamat::integrity::format_date_time(t)))
            .transpose()
    }

    /// Local date the course ends.
    #[getter]
    fn completed_on<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner
            .completed_on
            .map(|d| date_to_py(py, &d.format("%Y-%m-%d").to_string()))
            .transpose()
    }

    /// Total JP.
    #[getter]
    fn total_jp(&self) -> u64 {
        self.inner.total_jp
    }

    /// Counts per outcome: `participants`, `lulus`, `telah_mengikuti`, `no_document`,
    /// `pending`.
    #[getter]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &json_value(py, &self.inner.summary)?)
    }

    /// The policy in effect.
    #[getter]
    fn policy<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &json_value(py, &self.inner.policy)?)
    }

    /// Decisions, in the course's participant order.
    #[getter]
    fn decisions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.inner.decisions.iter().map(|d| Decision { inner: d.clone() }))
    }

    /// Warnings: what was accepted but deserves a look.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &json_value(py, &self.inner.warnings)?)
    }

    /// The decision of one participant.
    fn decision(&self, py: Python<'_>, participant: &str) -> PyResult<Decision> {
        self.inner
            .decisions
            .iter()
            .find(|d| d.participant == participant)
            .map(|d| Decision { inner: d.clone() })
            .ok_or_else(|| {
                raise(
                    py,
                    &tamat::TamatError::UnknownRequestedParticipant {
                        participant: participant.to_string(),
                    }
                    .into(),
                )
            })
    }

    /// One flat dict per participant (for `pandas.DataFrame(result.to_rows())` or a CSV
    /// writer): participant, name, nip, outcome, label, percent, attended, total,
    /// qualification, reasons (codes joined by `;`), reason (every reason's message in `lang`, joined by `; `).
    #[pyo3(signature = (lang = "id"))]
    fn to_rows<'py>(&self, py: Python<'py>, lang: &str) -> PyResult<Bound<'py, PyList>> {
        let lang = self::lang(py, lang)?;
        let list = PyList::empty(py);
        for d in &self.inner.decisions {
            list.append(flat_row(py, d, lang)?)?;
        }
        Ok(list)
    }

    /// As JSON-shaped data (times as RFC 3339 text), the same as `evaluate_json`'s
    /// success document without its `type`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &json_value(py, &self.inner)?)
    }

    /// As JSON text.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        serde_json::to_string(&self.inner).map_err(|e| shape(py, e.to_string()))
    }

    fn __len__(&self) -> usize {
        self.inner.decisions.len()
    }

    fn __repr__(&self) -> String {
        let s = &self.inner.summary;
        format!(
            "<Evaluation course={:?} participants={} lulus={} telah_mengikuti={} no_document={} pending={}>",
            self.inner.course, s.participants, s.lulus, s.telah_mengikuti, s.no_document, s.pending
        )
    }

    fn _repr_html_(&self) -> String {
        let mut html = String::from(
            "<table><thead><tr><th>#</th><th>Peserta</th><th>NIP</th><th>%</th><th>Status</th><th>Keterangan</th></tr></thead><tbody>",
        );
        for (i, d) in self.inner.decisions.iter().enumerate() {
            html.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                i + 1,
                tamat::render::xml_escape(&d.name),
                d.nip.as_ref().map(|n| n.to_string()).unwrap_or_default(),
                d.attendance.percent.map(|p| p.to_string()).unwrap_or_default(),
                d.label(Lang::Id),
                tamat::render::xml_escape(&d.explanation(Lang::Id)),
            ));
        }
        html.push_str("</tbody></table>");
        html
    }
}

fn flat_row<'py>(py: Python<'py>, d: &tamat::Decision, lang: Lang) -> PyResult<Bound<'py, PyDict>> {
    let row = PyDict::new(py);
    row.set_item("participant", &d.participant)?;
    row.set_item("name", &d.name)?;
    row.set_item("nip", d.nip.as_ref().map(|n| n.to_string()))?;
    row.set_item("outcome", d.outcome.code())?;
    row.set_item("label", d.label(lang))?;
    row.set_item("percent", d.attendance.percent.map(|p| p.to_f64()))?;
    row.set_item("attended", d.attendance.attended.to_f64())?;
    row.set_item("total", d.attendance.total.to_f64())?;
    row.set_item("qualification", d.qualification.as_deref())?;
    row.set_item("reasons", d.reason_codes().join(";"))?;
    row.set_item("reason", d.explanation(lang))?;
    Ok(row)
}

/// One participant's decision.
#[pyclass(frozen, module = "tamat", name = "Decision")]
pub struct Decision {
    inner: tamat::Decision,
}

#[pymethods]
impl Decision {
    /// Participant id.
    #[getter]
    fn participant(&self) -> &str {
        &self.inner.participant
    }

    /// Name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// NIP as printed (8-6-1-3), if any.
    #[getter]
    fn nip(&self) -> Option<String> {
        self.inner.nip.as_ref().map(|n| n.to_string())
    }

    /// `lulus`, `telah_mengikuti`, `no_document` or `pending`.
    #[getter]
    fn outcome(&self) -> &'static str {
        self.inner.outcome.code()
    }

    /// Whether the outcome is LULUS.
    #[getter]
    fn passed(&self) -> bool {
        self.inner.outcome == tamat::Outcome::Lulus
    }

    /// Qualification (predikat), when scored and passed.
    #[getter]
    fn qualification(&self) -> Option<&str> {
        self.inner.qualification.as_deref()
    }

    /// Attendance percentage truncated to two decimals (display only).
    #[getter]
    fn percent(&self) -> Option<f64> {
        self.inner.attendance.percent.map(|p| p.to_f64())
    }

    /// Attendance figures: measure, attended, total, ratio, percent, minimum_percent,
    /// meets_minimum, pending_sessions.
    #[getter]
    fn attendance<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &json_value(py, &self.inner.attendance)?)
    }

    /// Score, when scored.
    #[getter]
    fn score(&self) -> Option<f64> {
        self.inner.score.map(|s| s.to_f64())
    }

    /// Reasons: dicts with `code`, `params`, `message`, `messages` (id, en).
    #[getter]
    fn reasons<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &json_value(py, &self.inner.reasons)?)
    }

    /// Reason codes, in order.
    #[getter]
    fn reason_codes(&self) -> Vec<&'static str> {
        self.inner.reason_codes()
    }

    /// The projection, for a course still running.
    #[getter]
    fn projection<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match &self.inner.projection {
            None => Ok(py.None().into_bound(py)),
            Some(p) => to_py(py, &json_value(py, p)?),
        }
    }

    /// Per-session trace, when asked for.
    #[getter]
    fn trace<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match &self.inner.trace {
            None => Ok(py.None().into_bound(py)),
            Some(t) => to_py(py, &json_value(py, t)?),
        }
    }

    /// The outcome's label: `LULUS`, `TELAH MENGIKUTI`, ... (`id`) or in English (`en`).
    #[pyo3(signature = (lang = "id"))]
    fn label(&self, py: Python<'_>, lang: &str) -> PyResult<&'static str> {
        Ok(self.inner.label(self::lang(py, lang)?))
    }

    /// The reasons' messages in a language.
    #[pyo3(signature = (lang = "id"))]
    fn messages(&self, py: Python<'_>, lang: &str) -> PyResult<Vec<String>> {
        let lang = self::lang(py, lang)?;
        Ok(self.inner.reasons.iter().map(|r| r.message(lang)).collect())
    }

    /// As JSON-shaped data.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &json_value(py, &self.inner)?)
    }

    /// As JSON text.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        serde_json::to_string(&self.inner).map_err(|e| shape(py, e.to_string()))
    }

    fn __repr__(&self) -> String {
        format!(
            "<Decision {} {:?}: {} {}%>",
            self.inner.participant,
            self.inner.name,
            self.inner.label(Lang::Id),
            self.inner
                .attendance
                .percent
                .map(|p| p.to_string())
                .unwrap_or_else(|| "-".into())
        )
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Decision>().is_ok_and(|o| o.get().inner == self.inner)
    }
}

/// Evaluates every participant of `course` (see `Evaluator.evaluate`).
#[pyfunction]
#[pyo3(signature = (course, attendance = None, *, policy = None, scores = None, as_of = None, trace = None))]
pub fn evaluate(
    py: Python<'_>,
    course: &Bound<'_, PyAny>,
    attendance: Option<&Bound<'_, PyAny>>,
    policy: Option<&Bound<'_, PyAny>>,
    scores: Option<&Bound<'_, PyAny>>,
    as_of: Option<&Bound<'_, PyAny>>,
    trace: Option<bool>,
) -> PyResult<Evaluation> {
    Evaluator::new(py, course, policy)?.evaluate(py, attendance, scores, as_of, trace)
}

/// Evaluates one participant of `course`.
#[pyfunction]
#[pyo3(signature = (course, participant, attendance = None, *, policy = None, scores = None, as_of = None, trace = None))]
#[allow(clippy::too_many_arguments)]
pub fn evaluate_participant(
    py: Python<'_>,
    course: &Bound<'_, PyAny>,
    participant: &str,
    attendance: Option<&Bound<'_, PyAny>>,
    policy: Option<&Bound<'_, PyAny>>,
    scores: Option<&Bound<'_, PyAny>>,
    as_of: Option<&Bound<'_, PyAny>>,
    trace: Option<bool>,
) -> PyResult<Decision> {
    Evaluator::new(py, course, policy)?.evaluate_participant(py, participant, attendance, scores, as_of, trace)
}
