//! `Evaluator`: a course compiled once, for evaluating many attendance sheets. Marks are
//! an array of marks or an object of columns (plain marks cross into WebAssembly
//! interned, see `intern.js`, anything else as one JSON text), a sheet file's bytes, or
//! dictionary-coded columns. The options are the rest
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
    /// `att => {tables, participant, session, status, checkIn, checkOut} | null`: see
    /// intern.js.
    static INTERN: js_sys::Function = js_sys::Function::new_with_args("att", include_str!(concat!(env!("OUT_DIR"), "/intern.js")));
}

/// Plain marks of strings as intern.js gives them: per column, its distinct texts (one
/// JSON text of four lists: participants, sessions, statuses, times) and a code per
/// mark into them.
struct Interned {
    tables: String,
    codes: [Vec<u32>; 3],
    /// Check-in and check-out codes into the times, when any mark has a time.
    times: Option<[Vec<u32>; 2]>,
}

impl Interned {
    /// The marks interned, or `None` for anything else than plain marks of strings.
    fn of(attendance: &JsValue) -> Result<Option<Interned>, JsValue> {
        if !attendance.is_object() {
            return Ok(None);
        }
        let interned = INTERN.with(|g| g.call1(&JsValue::NULL, attendance).unwrap_or(JsValue::NULL));
        if !interned.is_object() {
            return Ok(None);
        }
        let get = |k: &str| js_sys::Reflect::get(&interned, &k.into());
        // A column that is not a Uint32Array reads as no codes (each mark's value then
        // absent), never as a call on null.
        let codes = |k: &str| -> Result<Vec<u32>, JsValue> {
            Ok(get(k)?
                .dyn_into::<js_sys::Uint32Array>()
                .map(|a| a.to_vec())
                .unwrap_or_default())
        };
        let times = match get("checkIn")?.is_object() || get("checkOut")?.is_object() {
            true => Some([codes("checkIn")?, codes("checkOut")?]),
            false => None,
        };
        Ok(Some(Interned {
            tables: get("tables")?.as_string().unwrap_or_default(),
            codes: [codes("participant")?, codes("session")?, codes("status")?],
            times,
        }))
    }

    /// The marks resolved into `ev`'s grid: by their codes (each distinct text resolved
    /// once) when no mark has a time, else mark by mark from the texts.
    fn grid(&self, ev: &tamat::Evaluator) -> Result<tamat::StatusGrid, tamat::Errors> {
        let tables: [Vec<std::borrow::Cow<'_, str>>; 4] = tamat::json::read_borrowed(&self.tables)?;
        let [p, s, st, t] = tables
            .each_ref()
            .map(|t| t.iter().map(|c| c.as_ref()).collect::<Vec<&str>>());
        let [pc, sc, stc] = &self.codes;
        let Some([ci, co]) = &self.times else {
            let dict = ev.dictionary(&p, &s, &st);
            let mut builder = ev.grid_builder();
            builder.push_coded_many(&dict, pc, sc, stc);
            return builder.finish();
        };
        fn text<'t>(column: &[&'t str], code: u32) -> Option<&'t str> {
            column.get(code as usize).copied()
        }
        let n = pc.len();
        ev.grid_from((0..n).map(|r| tamat::MarkView {
            participant: text(&p, pc[r]).unwrap_or(""),
            session: text(&s, sc[r]).unwrap_or(""),
            status: stc.get(r).and_then(|&c| text(&st, c)),
            check_in: ci.get(r).and_then(|&c| text(&t, c)),
            check_out: co.get(r).and_then(|&c| text(&t, c)),
        }))
    }
}

/// The grid of marks (see `Interned`): interned when they are plain marks of strings,
/// else read from their JSON text, whose reader reports any error exactly.
fn marks_grid(
    ev: &tamat::Evaluator,
    attendance: &JsValue,
) -> Result<Result<tamat::StatusGrid, tamat::Errors>, JsValue> {
    if let Some(interned) = Interned::of(attendance)? {
        return Ok(tamat::json::catch(|| interned.grid(ev)));
    }
    let text = if attendance.is_undefined() || attendance.is_null() {
        "[]".into()
    } else {
        text_of(attendance)?
    };
    Ok(tamat::json::catch(|| {
        let marks = tamat::MarkList::from_json(&text)?;
        ev.grid_from(marks.views())
    }))
}

/// Attendance resolved into the evaluator's grid, from any accepted input: a file's bytes
/// (a `Uint8Array`: CSV streamed into the grid, or a workbook), dictionary-coded columns
/// (`CodedColumns`: typed arrays of codes into distinct texts), or marks (see
/// `marks_grid`). The errors of a file name their line and column.
struct Grid {
    grid: Result<tamat::StatusGrid, tamat::Errors>,
    /// Where each mark of a file came from.
    places: Option<Places>,
}

enum Places {
    Streamed(tamat::sheets::MarkSources),
    Sheet(Box<tamat::sheets::Sheet>),
}

impl Places {
    fn source_of(&self, e: &tamat::TamatError) -> Option<&tamat::sheets::Source> {
        match self {
            Places::Streamed(s) => s.source_of(e),
            Places::Sheet(s) => s.source_of(e),
        }
    }
}

/// The core's errors as thrown, each with the `line` and `column` of its mark in `places`.
fn placed_error(errors: &tamat::Errors, places: Option<&Places>) -> JsValue {
    let docs = errors
        .0
        .iter()
        .map(|e| {
            let mut doc = e.to_json();
            if let (Some(source), Some(details)) = (
                places.and_then(|p| p.source_of(e)),
                doc.get_mut("details").and_then(|d| d.as_object_mut()),
            ) {
                details.insert("line".into(), source.line.into());
                details.insert("column".into(), source.column.clone().into());
            }
            doc
        })
        .collect();
    crate::glue::error_of(&serde_json::Value::Array(docs))
}

/// The texts of a `string[]` member of `obj`.
fn texts(obj: &JsValue, key: &str) -> Result<Vec<String>, JsValue> {
    let v = js_sys::Reflect::get(obj, &key.into())?;
    if v.is_undefined() || v.is_null() {
        return Ok(Vec::new());
    }
    let array: js_sys::Array = v
        .dyn_into()
        .map_err(|_| shape(format!("`attendance.{key}`: expected an array of strings")))?;
    array
        .iter()
        .enumerate()
        .map(|(i, t)| {
            t.as_string()
                .ok_or_else(|| shape(format!("`attendance.{key}[{i}]`: expected a string")))
        })
        .collect()
}

/// The codes of a `Uint32Array` member of `obj` (absent: every value absent).
fn codes(obj: &JsValue, key: &str, n: usize) -> Result<Vec<u32>, JsValue> {
    let v = js_sys::Reflect::get(obj, &key.into())?;
    if v.is_undefined() || v.is_null() {
        return Ok(vec![tamat::NULL_CODE; n]);
    }
    let array: js_sys::Uint32Array = v
        .dyn_into()
        .map_err(|_| shape(format!("`attendance.{key}`: expected a Uint32Array of codes")))?;
    Ok(array.to_vec())
}

fn shape(message: String) -> JsValue {
    error(&tamat::Errors(vec![tamat::TamatError::InvalidShape { message }]))
}

/// Whether `v` is `CodedColumns`: an object with a typed array of participant codes.
fn is_coded(v: &JsValue) -> bool {
    v.is_object()
        && js_sys::Reflect::get(v, &"participant".into()).is_ok_and(|p| p.is_instance_of::<js_sys::Uint32Array>())
}

/// Outcomes in the order `decisionColumns` numbers them.
const OUTCOMES: [tamat::Outcome; 4] = [
    tamat::Outcome::Lulus,
    tamat::Outcome::TelahMengikuti,
    tamat::Outcome::NoDocument,
    tamat::Outcome::Pending,
];

/// A course (and policy) compiled for evaluation.
#[wasm_bindgen]
pub struct Evaluator {
    inner: tamat::Evaluator,
    /// For sheets: wide layouts name sessions by their titles.
    course: tamat::Course,
    /// The participant ids in course order as a JS array, made once: `decisionColumns`
    /// hands out a copy when its decisions are every participant's.
    ids: std::cell::OnceCell<js_sys::Array>,
}

impl Evaluator {
    /// The grid of a file's bytes or of coded columns; `None` for marks (`marks_grid`).
    fn grid_of(&self, attendance: &JsValue) -> Result<Option<Grid>, JsValue> {
        if let Some(bytes) = attendance.dyn_ref::<js_sys::Uint8Array>() {
            let bytes = bytes.to_vec();
            if tamat::sheets::is_workbook(&bytes) {
                return Ok(Some(
                    match tamat::json::catch(|| tamat::sheets::read_attendance(&bytes, &self.course, None)) {
                        Ok(sheet) => {
                            let grid = self.inner.grid_from(sheet.attendance.iter().map(tamat::Mark::view));
                            Grid {
                                grid,
                                places: Some(Places::Sheet(Box::new(sheet))),
                            }
                        }
                        Err(e) => Grid {
                            grid: Err(e),
                            places: None,
                        },
                    },
                ));
            }
            let streamed = tamat::sheets::stream_csv(&bytes, &self.course, &self.inner);
            return Ok(Some(match streamed {
                Ok(s) => Grid {
                    grid: Ok(s.grid),
                    places: Some(Places::Streamed(s.sources)),
                },
                Err((e, sources)) => Grid {
                    grid: Err(e),
                    places: Some(Places::Streamed(sources)),
                },
            }));
        }
        if is_coded(attendance) {
            let participants = texts(attendance, "participants")?;
            let sessions = texts(attendance, "sessions")?;
            let statuses = texts(attendance, "statuses")?;
            let p = codes(attendance, "participant", 0)?;
            let n = p.len();
            let s = codes(attendance, "session", n)?;
            let st = codes(attendance, "status", n)?;
            if s.len() != n || st.len() != n {
                return Err(shape(format!(
                    "`attendance`: code columns differ in length ({n}, {} and {})",
                    s.len(),
                    st.len()
                )));
            }
            for (name, column) in [("participant", &p), ("session", &s)] {
                if let Some(i) = column.iter().position(|&c| c == tamat::NULL_CODE) {
                    return Err(shape(format!("`attendance[{i}].{name}`: missing")));
                }
            }
            fn view(t: &[String]) -> Vec<&str> {
                t.iter().map(String::as_str).collect()
            }
            let (pv, sv, stv) = (view(&participants), view(&sessions), view(&statuses));
            let grid = tamat::json::catch(|| {
                let dict = self.inner.dictionary(&pv, &sv, &stv);
                let mut builder = self.inner.grid_builder();
                builder.push_coded_many(&dict, &p, &s, &st);
                builder.finish()
            });
            return Ok(Some(Grid { grid, places: None }));
        }
        Ok(None)
    }

    /// Runs `f` on the grid of any accepted input.
    fn with_grid<T>(
        &self,
        attendance: &JsValue,
        f: impl Fn(Result<tamat::StatusGrid, tamat::Errors>) -> Result<T, tamat::Errors>,
    ) -> Result<T, JsValue> {
        match self.grid_of(attendance)? {
            Some(Grid { grid, places }) => {
                tamat::json::catch(|| f(grid)).map_err(|e| placed_error(&e, places.as_ref()))
            }
            None => {
                let grid = marks_grid(&self.inner, attendance)?;
                tamat::json::catch(|| f(grid)).map_err(|e| error(&e))
            }
        }
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
            let course: tamat::Course = read(&course)?;
            let policy: Option<tamat::Policy> = match policy.filter(|p| !p.is_undefined() && !p.is_null()) {
                None => None,
                Some(p) => Some(read(&p)?),
            };
            let inner = tamat::json::catch(|| tamat::Evaluator::new(&course, policy.as_ref()));
            Ok(Evaluator {
                inner: inner.map_err(|e| error(&e))?,
                course,
                ids: std::cell::OnceCell::new(),
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
            to_js(&self.with_grid(&att, |grid| self.inner.evaluate_grid(grid, &options))?)
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
            to_js(&self.with_grid(&att, |grid| self.inner.summarize_grid(grid, &options))?)
        })
    }

    /// The decisions as columns, with no object per decision: `participant` (ids),
    /// `outcome` (a `Uint8Array` of indices into `outcomes`), `attended`, `total` and
    /// `percent` (`Float64Array`s in the policy's unit, display figures; `NaN` where
    /// nothing counts), `meetsMinimum` and `atRisk` (`Uint8Array`s of 0 and 1), and
    /// `summary`. The same decisions as `evaluate`, whatever the input.
    #[wasm_bindgen(js_name = "decisionColumns", unchecked_return_type = "DecisionColumns")]
    pub fn decision_columns(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "AttendanceInput | null")] attendance: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "EvaluateOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        guard(|| {
            let mut options = self::options(options)?;
            options.trace = false;
            let att = attendance.unwrap_or(JsValue::NULL);
            let evaluation = self.with_grid(&att, |grid| self.inner.evaluate_grid(grid, &options))?;
            let d = &evaluation.decisions;
            let out = js_sys::Object::new();
            let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&out, &k.into(), v).map(|_| ());
            let everyone = self.inner.participants();
            let ids = if d.len() == everyone.len() && d.iter().zip(everyone).all(|(d, p)| d.participant == p.id) {
                let all = self
                    .ids
                    .get_or_init(|| everyone.iter().map(|p| JsValue::from_str(&p.id)).collect());
                all.slice(0, all.length())
            } else {
                d.iter().map(|d| JsValue::from_str(&d.participant)).collect()
            };
            set("participant", &ids)?;
            let outcome: Vec<u8> = d
                .iter()
                .map(|d| OUTCOMES.iter().position(|o| *o == d.outcome).unwrap_or(0) as u8)
                .collect();
            set("outcome", &js_sys::Uint8Array::from(outcome.as_slice()))?;
            let codes: js_sys::Array = OUTCOMES.iter().map(|o| JsValue::from_str(o.code())).collect();
            set("outcomes", &codes)?;
            let figures = |f: &dyn Fn(&tamat::Decision) -> f64| -> js_sys::Float64Array {
                js_sys::Float64Array::from(d.iter().map(f).collect::<Vec<_>>().as_slice())
            };
            set("attended", &figures(&|d| d.attendance.attended.to_f64()))?;
            set("total", &figures(&|d| d.attendance.total.to_f64()))?;
            set(
                "percent",
                &figures(&|d| d.attendance.percent.map_or(f64::NAN, |p| p.to_f64())),
            )?;
            let flags = |f: &dyn Fn(&tamat::Decision) -> bool| -> js_sys::Uint8Array {
                js_sys::Uint8Array::from(d.iter().map(|x| u8::from(f(x))).collect::<Vec<_>>().as_slice())
            };
            set("meetsMinimum", &flags(&|d| d.attendance.meets_minimum))?;
            set("atRisk", &flags(&|d| d.projection.as_ref().is_some_and(|p| p.at_risk)))?;
            set("summary", &to_js(&evaluation.summary)?)?;
            Ok(out.into())
        })
    }

    /// The cohort at a glance (the `chart` operation's answer: the SVG of the status grid
    /// and the attendance histogram, the bins, who is at risk) of any accepted input.
    /// Not in the small package.
    #[cfg(feature = "contract")]
    #[wasm_bindgen(unchecked_return_type = "ChartAnswer")]
    pub fn chart(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "AttendanceInput | null")] attendance: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "EvaluateOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        guard(|| {
            let mut options = self::options(options)?;
            options.trace = false;
            let att = attendance.unwrap_or(JsValue::NULL);
            let answer = self.with_grid(&att, |grid| {
                let inputs = self
                    .inner
                    .read_grid(grid, &options.scores, options.as_of.as_deref(), false)?;
                let evaluation = self.inner.evaluate(&inputs.grid, &inputs.scores, &inputs.options)?;
                Ok(tamat::rules::cohort(&self.inner, &inputs.grid, &evaluation))
            })?;
            to_js(&answer)
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
