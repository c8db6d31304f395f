//! Evaluation with plain JS objects: `Evaluator` (a course compiled once), `evaluate`,
//! `evaluateParticipant`, `summarize`, `project`. Attendance is an array of marks or an
//! object of columns; it crosses into WebAssembly as one JSON text and is read without
//! copying its strings.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::glue::{error, field, guard, text_of, time_text, unwrap, value_of};

fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(v).map_err(|e| {
        error(&tamat::Errors(vec![tamat::TamatError::Internal {
            message: e.to_string(),
        }]))
    })?;
    value_of(&text)
}

fn opt(v: Option<JsValue>) -> JsValue {
    v.unwrap_or(JsValue::UNDEFINED)
}

/// A course (and policy) compiled for evaluation.
#[wasm_bindgen]
pub struct Evaluator {
    inner: tamat::Evaluator,
}

struct Options {
    scores: Vec<tamat::Score>,
    as_of: Option<String>,
    trace: bool,
}

fn options(options: &JsValue, trace_default: bool) -> Result<Options, JsValue> {
    let scores = match field(options, "scores") {
        None => Vec::new(),
        Some(s) => tamat::json::read(&text_of(&s)?).map_err(|e| error(&e))?,
    };
    let as_of = field(options, "asOf").map(|v| time_text(&v)).transpose()?;
    let trace = field(options, "trace")
        .and_then(|t| t.as_bool())
        .unwrap_or(trace_default);
    Ok(Options { scores, as_of, trace })
}

thread_local! {
    /// `att => {table, idx} | null`: see intern.js.
    static INTERN: js_sys::Function = js_sys::Function::new_with_args("att", include_str!("intern.js"));
}

fn intern_marks(attendance: &JsValue) -> JsValue {
    INTERN.with(|f| f.call1(&JsValue::NULL, attendance).unwrap_or(JsValue::NULL))
}

/// Marks handed over interned: distinct strings and five indices per mark (0: none).
struct Interned {
    table: String,
    idx: Vec<u32>,
}

/// The attendance in the cheapest form it crosses in: interned when it is plain marks
/// of strings, else its JSON text (whose reader reports any error exactly).
enum Handed {
    Interned(Interned),
    Json(String),
}

fn hand_over(attendance: &JsValue) -> Result<Handed, JsValue> {
    if attendance.is_undefined() || attendance.is_null() {
        return Ok(Handed::Json("null".into()));
    }
    let interned = intern_marks(attendance);
    if interned.is_object() {
        let table = js_sys::Reflect::get(&interned, &"table".into())?
            .as_string()
            .unwrap_or_default();
        let idx = js_sys::Uint32Array::from(js_sys::Reflect::get(&interned, &"idx".into())?).to_vec();
        return Ok(Handed::Interned(Interned { table, idx }));
    }
    Ok(Handed::Json(text_of(attendance)?))
}

/// Runs `f` on the marks as views.
fn with_views<T>(
    handed: &Handed,
    f: impl FnOnce(&mut dyn Iterator<Item = tamat::MarkView<'_>>) -> Result<T, tamat::Errors>,
) -> Result<T, tamat::Errors> {
    match handed {
        Handed::Json(text) => {
            let marks = tamat::MarkList::from_json(text)?;
            let mut views = marks.views();
            let result = f(&mut views);
            drop(views);
            result
        }
        Handed::Interned(i) => {
            let table: Vec<std::borrow::Cow<'_, str>> = tamat::json::read_borrowed(&i.table)?;
            let s =
                |k: u32| -> Option<&str> { k.checked_sub(1).and_then(|k| table.get(k as usize)).map(|c| c.as_ref()) };
            let mut views = i.idx.chunks_exact(5).map(|r| tamat::MarkView {
                participant: s(r[0]).unwrap_or(""),
                session: s(r[1]).unwrap_or(""),
                status: s(r[2]),
                check_in: s(r[3]),
                check_out: s(r[4]),
            });
            f(&mut views)
        }
    }
}

impl Evaluator {
    /// Hands the attendance over, reads it with the options, then runs `f`.
    fn run<T>(
        &self,
        attendance: &JsValue,
        options: &Options,
        f: impl FnOnce(&tamat::Evaluator, &tamat::Inputs) -> Result<T, tamat::TamatError>,
    ) -> Result<T, JsValue> {
        let handed = hand_over(attendance)?;
        let inner = &self.inner;
        tamat::json::catch(|| {
            let inputs = with_views(&handed, |views| {
                inner.read(views, &options.scores, options.as_of.as_deref(), options.trace)
            })?;
            f(inner, &inputs).map_err(tamat::Errors::from)
        })
        .map_err(|e| error(&e))
    }
}

#[wasm_bindgen]
impl Evaluator {
    /// Compiles a course (an object or JSON text) with a policy (default: the course's
    /// own, else the default policy).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Course | string")] course: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Policy | null")] policy: Option<JsValue>,
    ) -> Result<Evaluator, JsValue> {
        guard(|| {
            let course_text = match course.as_string() {
                Some(s) => s,
                None => text_of(&course)?,
            };
            let course: tamat::Course = tamat::json::read(&course_text).map_err(|e| error(&e))?;
            let policy: Option<tamat::Policy> = match policy.filter(|p| !p.is_undefined() && !p.is_null()) {
                None => None,
                Some(p) => Some(tamat::json::read(&text_of(&p)?).map_err(|e| error(&e))?),
            };
            let inner =
                tamat::json::catch(|| tamat::Evaluator::new(&course, policy.as_ref())).map_err(|e| error(&e))?;
            Ok(Evaluator { inner })
        })
    }

    /// Evaluates every participant. `options`: `{ scores?, asOf?, trace? }` (`asOf`: a
    /// `Date` or RFC 3339 text, for a course still running).
    #[wasm_bindgen(unchecked_return_type = "Evaluation")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "AttendanceInput | null")] attendance: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "EvaluateOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        guard(|| {
            let o = self::options(&opt(options), false)?;
            to_js(&self.run(&opt(attendance), &o, |ev, i| {
                ev.evaluate(&i.sheet, &i.scores, &i.options)
            })?)
        })
    }

    /// Evaluates one participant.
    #[wasm_bindgen(js_name = "evaluateParticipant", unchecked_return_type = "Decision")]
    pub fn evaluate_participant(
        &self,
        participant: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "AttendanceInput | null")] attendance: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "EvaluateOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        guard(|| {
            let o = self::options(&opt(options), true)?;
            to_js(&self.run(&opt(attendance), &o, |ev, i| {
                ev.evaluate_participant(&i.sheet, &i.scores, participant, &i.options)
            })?)
        })
    }

    /// Counts per outcome only (no decisions built).
    #[wasm_bindgen(unchecked_return_type = "Summary")]
    pub fn summarize(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "AttendanceInput | null")] attendance: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "EvaluateOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        guard(|| {
            let o = self::options(&opt(options), false)?;
            to_js(&self.run(&opt(attendance), &o, |ev, i| {
                ev.summarize(&i.sheet, &i.scores, i.options.as_of)
            })?)
        })
    }

    /// Participant ids, in course order.
    #[wasm_bindgen(getter, unchecked_return_type = "string[]")]
    pub fn participants(&self) -> Vec<String> {
        self.inner.participants().iter().map(|p| p.id.clone()).collect()
    }

    /// Session ids, in time order.
    #[wasm_bindgen(getter, unchecked_return_type = "string[]")]
    pub fn sessions(&self) -> Vec<String> {
        self.inner.schedule().sessions.iter().map(|s| s.id.clone()).collect()
    }

    /// Total JP.
    #[wasm_bindgen(getter, js_name = "totalJp")]
    pub fn total_jp(&self) -> f64 {
        self.inner.schedule().total_jp() as f64
    }

    /// The policy in effect, every default filled in.
    #[wasm_bindgen(getter, unchecked_return_type = "Policy")]
    pub fn policy(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.policy())
    }
}

/// Evaluates every participant of a course.
#[wasm_bindgen(unchecked_return_type = "Evaluation")]
pub fn evaluate(
    #[wasm_bindgen(unchecked_param_type = "Course | string")] course: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AttendanceInput | null")] attendance: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "EvaluateOptions & { policy?: Policy }")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let policy = field(&opt(options.clone()), "policy");
    Evaluator::new(course, policy)?.evaluate(attendance, options)
}

/// Evaluates one participant of a course.
#[wasm_bindgen(js_name = "evaluateParticipant", unchecked_return_type = "Decision")]
pub fn evaluate_participant(
    #[wasm_bindgen(unchecked_param_type = "Course | string")] course: JsValue,
    participant: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "AttendanceInput | null")] attendance: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "EvaluateOptions & { policy?: Policy }")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let policy = field(&opt(options.clone()), "policy");
    Evaluator::new(course, policy)?.evaluate_participant(participant, attendance, options)
}

/// Projections of a course still running: what each participant can still reach.
#[wasm_bindgen(unchecked_return_type = "ProjectionRow[]")]
pub fn project(
    #[wasm_bindgen(unchecked_param_type = "Course")] course: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Mark[] | null")] attendance: JsValue,
    #[wasm_bindgen(unchecked_param_type = "{ asOf: Date | string; policy?: Policy; scores?: Score[] }")]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    guard(|| {
        let mut request = format!(
            "{{\"course\":{},\"attendance\":{}",
            text_of(&course)?,
            text_of(&attendance)?
        );
        if let Some(p) = field(&options, "policy") {
            request.push_str(&format!(",\"policy\":{}", text_of(&p)?));
        }
        if let Some(s) = field(&options, "scores") {
            request.push_str(&format!(",\"scores\":{}", text_of(&s)?));
        }
        if let Some(t) = field(&options, "asOf") {
            let t = serde_json::Value::String(time_text(&t)?);
            request.push_str(&format!(",\"as_of\":{t}"));
        }
        request.push('}');
        let result = unwrap(&tamat::json::project(&request))?;
        js_sys::Reflect::get(&result, &"projections".into())
    })
}

/// The label of an outcome code (`lulus` → `LULUS` / `PASSED`) in `id` or `en`.
#[wasm_bindgen(js_name = "outcomeLabel")]
pub fn outcome_label(
    #[wasm_bindgen(unchecked_param_type = "Outcome")] outcome: &str,
    #[wasm_bindgen(unchecked_param_type = "\"id\" | \"en\"")] lang: &str,
) -> Result<String, JsValue> {
    let outcome: tamat::Outcome = serde_json::from_value(serde_json::Value::String(outcome.to_string()))
        .map_err(|e| error(&tamat::Errors(vec![tamat::TamatError::from_serde(&e)])))?;
    let lang = tamat::Lang::parse(lang).map_err(|e| error(&e.into()))?;
    Ok(outcome.label(lang).to_string())
}

/// Reads a CSV attendance sheet (long or wide layout; comma, semicolon or tab; with or
/// without BOM) into marks for a course. A bad row throws `attendance.invalid_sheet`
/// with `details.line` and `details.column`.
#[wasm_bindgen(js_name = "readAttendanceCsv", unchecked_return_type = "Mark[]")]
pub fn read_attendance_csv(
    csv: &str,
    #[wasm_bindgen(unchecked_param_type = "Course")] course: JsValue,
) -> Result<JsValue, JsValue> {
    guard(|| {
        let course: tamat::Course = tamat::json::read(&text_of(&course)?).map_err(|e| error(&e))?;
        let sheet = tamat::json::catch(|| tamat::sheet::read_csv(csv.as_bytes(), &course)).map_err(|e| error(&e))?;
        to_js(&sheet.attendance)
    })
}
