//! `Evaluator`: a course compiled once, for evaluating many attendance sheets. Marks are
//! an array of marks or an object of columns; plain marks cross into WebAssembly
//! interned (see `intern.js`), anything else as one JSON text. The options are the rest
//! of an evaluate request (`scores`, `as_of`, `participant`, `trace`), read by the core
//! with the core's defaults.

use wasm_bindgen::prelude::*;

use crate::glue::{error, guard, text_of, value_of};

fn to_js<T: serde::Serialize>(v: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(v).map_err(|e| {
        error(&tamat::Errors(vec![tamat::TamatError::Internal {
            message: e.to_string(),
        }]))
    })?;
    value_of(&text)
}

/// A document: a JS object, or its JSON text as a string.
fn read<T: serde::de::DeserializeOwned>(value: &JsValue) -> Result<T, JsValue> {
    let text = match value.as_string() {
        Some(s) => s,
        None => text_of(value)?,
    };
    tamat::json::read(&text).map_err(|e| error(&e))
}

thread_local! {
    /// `att => {table, idx} | null`: see intern.js.
    static INTERN: js_sys::Function = js_sys::Function::new_with_args("att", include_str!("intern.js"));
}

/// Runs `f` on the marks as views: interned when they are plain marks of strings (distinct
/// strings and five indices per mark, 0 for none), else read from their JSON text (whose
/// reader reports any error exactly).
fn with_marks<T>(
    attendance: &JsValue,
    f: impl FnOnce(&mut dyn Iterator<Item = tamat::MarkView<'_>>) -> Result<T, tamat::Errors>,
) -> Result<T, JsValue> {
    let interned = if attendance.is_object() {
        INTERN.with(|g| g.call1(&JsValue::NULL, attendance).unwrap_or(JsValue::NULL))
    } else {
        JsValue::NULL
    };
    let result = if interned.is_object() {
        let table = js_sys::Reflect::get(&interned, &"table".into())?
            .as_string()
            .unwrap_or_default();
        let idx = js_sys::Uint32Array::from(js_sys::Reflect::get(&interned, &"idx".into())?).to_vec();
        tamat::json::catch(|| {
            let table: Vec<std::borrow::Cow<'_, str>> = tamat::json::read_borrowed(&table)?;
            let s = |k: u32| k.checked_sub(1).and_then(|k| table.get(k as usize)).map(|c| c.as_ref());
            f(&mut idx.chunks_exact(5).map(|r| tamat::MarkView {
                participant: s(r[0]).unwrap_or(""),
                session: s(r[1]).unwrap_or(""),
                status: s(r[2]),
                check_in: s(r[3]),
                check_out: s(r[4]),
            }))
        })
    } else {
        let text = if attendance.is_undefined() || attendance.is_null() {
            "[]".into()
        } else {
            text_of(attendance)?
        };
        tamat::json::catch(|| {
            let marks = tamat::MarkList::from_json(&text)?;
            let result = f(&mut marks.views());
            result
        })
    };
    result.map_err(|e| error(&e))
}

/// A course (and policy) compiled for evaluation.
#[wasm_bindgen]
pub struct Evaluator {
    inner: tamat::Evaluator,
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
            let course: tamat::Course = read(&course)?;
            let policy: Option<tamat::Policy> = match policy.filter(|p| !p.is_undefined() && !p.is_null()) {
                None => None,
                Some(p) => Some(read(&p)?),
            };
            let inner = tamat::json::catch(|| tamat::Evaluator::new(&course, policy.as_ref()));
            Ok(Evaluator {
                inner: inner.map_err(|e| error(&e))?,
            })
        })
    }

    /// Evaluates every participant, or only `options.participant`: the same answer as
    /// `evaluate` on the whole request.
    #[wasm_bindgen(unchecked_return_type = "Evaluation")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "AttendanceInput | null")] attendance: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "EvaluateOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        guard(|| {
            let options = self::options(options)?;
            let att = attendance.unwrap_or(JsValue::NULL);
            to_js(&with_marks(&att, |marks| self.inner.evaluate_marks(marks, &options))?)
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
            let options = self::options(options)?;
            let att = attendance.unwrap_or(JsValue::NULL);
            to_js(&with_marks(&att, |marks| self.inner.summarize_marks(marks, &options))?)
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

fn options(options: Option<JsValue>) -> Result<tamat::EvaluateOptionsRequest, JsValue> {
    match options.filter(|o| !o.is_undefined() && !o.is_null()) {
        None => Ok(tamat::EvaluateOptionsRequest::default()),
        Some(o) => read(&o),
    }
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

/// A NIP written in its four groups (`19940327 202007 1 408`), as the core writes it;
/// throws `identity.invalid_nip` for anything that is not a NIP.
#[wasm_bindgen(js_name = "formatNip")]
pub fn format_nip(nip: &str) -> Result<String, JsValue> {
    tamat::Nip::parse(nip)
        .map(|n| n.formatted())
        .map_err(|e| error(&e.into()))
}
