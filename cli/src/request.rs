//! The command as a front end of the JSON contract: a file is an evaluate request (taken
//! as it is: its `policy`, `scores`, `as_of`, `participant` and `trace` are honoured) or
//! a course (wrapped as `{"course": ...}`), and each flag sets one member of that same
//! request. The core reads and checks the result; the command holds no default of its
//! own.

use std::path::Path;

use serde_json::{Map, Value};
use tamat::sheets::Sheet;
use tamat::{Course, EvaluateRequest, Evaluation};

use crate::fail::Failure;
use crate::files;

/// What the flags set in the request.
#[derive(Clone, Default)]
pub struct Overrides<'a> {
    pub attendance: Option<&'a Path>,
    pub scores: Option<&'a Path>,
    /// The worksheet of a workbook.
    pub worksheet: Option<&'a str>,
    /// Online-meeting reports whose marks are added to the attendance.
    pub meeting_reports: Vec<&'a Path>,
    /// How to read them (`date_order`, `time_zone`, `date`).
    pub report_settings: Option<Value>,
    pub policy: Option<&'a Path>,
    pub as_of: Option<String>,
    pub participant: Option<String>,
    pub trace: Option<bool>,
}

impl Overrides<'_> {
    fn any(&self) -> bool {
        self.attendance.is_some()
            || self.scores.is_some()
            || !self.meeting_reports.is_empty()
            || self.policy.is_some()
            || self.as_of.is_some()
            || self.participant.is_some()
            || self.trace.is_some()
    }
}

/// Whether a document is an evaluate request rather than a course: a course has an `id`
/// and `sessions` but no `course`; anything else is read as a request, so that the core
/// says what is missing.
fn is_request(doc: &Map<String, Value>) -> bool {
    doc.contains_key("course") || !(doc.contains_key("id") || doc.contains_key("sessions"))
}

/// The evaluate request's JSON text: the file's own text when it is a request and no flag
/// changes it (so that `--format json` is byte-equal to `tamat::json::evaluate` on the
/// file), else the request the flags make of it. The sheet marks came from, if any.
pub fn text(path: &Path, o: &Overrides<'_>) -> Result<(String, Option<Sheet>), Failure> {
    let bytes = files::read(path)?;
    let original = String::from_utf8(bytes).map_err(|_| Failure::io(path, "not UTF-8 text"))?;
    let parsed = tamat::json::read_document(&original);
    let mut doc = match parsed {
        Ok(Value::Object(doc)) if is_request(&doc) && !o.any() => return Ok((original, None)),
        Ok(Value::Object(doc)) if is_request(&doc) => doc,
        Ok(course) => Map::from_iter([("course".to_string(), course)]),
        // A document that does not read: the core says why, in the contract's words.
        Err(_) if !o.any() => return Ok((original, None)),
        Err(e) => return Err(e.into()),
    };
    let mut sheet = None;
    let course = |doc: &Map<String, Value>| -> Result<Course, Failure> {
        Ok(tamat::json::read_value(
            doc.get("course").cloned().unwrap_or(Value::Null),
        )?)
    };
    if let Some(p) = o.attendance {
        let (marks, s) = files::read_attendance(p, &course(&doc)?, o.worksheet)?;
        sheet = s;
        doc.insert("attendance".into(), to_value(&marks)?);
    }
    if !o.meeting_reports.is_empty() {
        let c = course(&doc)?;
        let settings: tamat::sheets::ReportSettings =
            tamat::json::read_value(o.report_settings.clone().unwrap_or(Value::Null))?;
        let mut marks: Vec<Value> = match doc.remove("attendance") {
            Some(Value::Array(a)) => a,
            _ => Vec::new(),
        };
        for p in &o.meeting_reports {
            let report = tamat::sheets::read_meeting_report(&files::read(p)?, &c, &settings)
                .map_err(|e| Failure::Refused(e, None))?;
            // Rows that are no participant are said, not dropped silently.
            for u in &report.unmatched {
                eprintln!(
                    "{}: line {}: {} ({}) matches no participant ({})",
                    p.display(),
                    u.line,
                    u.name,
                    u.email.as_deref().unwrap_or("-"),
                    u.reason
                );
            }
            for m in &report.attendance {
                marks.push(to_value(m)?);
            }
        }
        doc.insert("attendance".into(), Value::Array(marks));
    }
    if let Some(p) = o.scores {
        let scores = scores(p, &course(&doc)?, o.worksheet)?;
        doc.insert("scores".into(), scores);
    }
    if let Some(p) = o.policy {
        doc.insert("policy".into(), files::read_document(p)?);
    }
    if let Some(t) = &o.as_of {
        doc.insert("as_of".into(), Value::String(t.clone()));
    }
    if let Some(p) = &o.participant {
        doc.insert("participant".into(), Value::String(p.clone()));
    }
    if let Some(t) = o.trace {
        doc.insert("trace".into(), Value::Bool(t));
    }
    Ok((Value::Object(doc).to_string(), sheet))
}

/// [`evaluate`], reading a CSV attendance sheet straight into the core's status grid
/// (`tamat::sheets::stream_csv`) when one is given: no mark is kept, so a sheet of millions
/// of rows needs the memory of its grid. Any other attendance takes the request path.
pub fn evaluate_streaming(
    path: &Path,
    o: &Overrides<'_>,
    each: Option<&mut dyn FnMut(tamat::Decision)>,
) -> Result<(EvaluateRequest, Evaluation), Failure> {
    // The request path: every decision is made, then handed on.
    let whole = |each: Option<&mut dyn FnMut(tamat::Decision)>| -> Result<(EvaluateRequest, Evaluation), Failure> {
        let (request, mut evaluation) = evaluate(path, o)?;
        if let Some(each) = each {
            for d in std::mem::take(&mut evaluation.decisions) {
                each(d);
            }
        }
        Ok((request, evaluation))
    };
    let Some(sheet_path) = o.attendance else {
        return whole(each);
    };
    // What the sheet is, from its first bytes; it is read once the evaluator is built,
    // so that the course's text and the sheet's bytes are never in memory together.
    let head = files::head(sheet_path, 64)?;
    let is_csv = !files::looks_like_json(&head) && !tamat::sheets::is_workbook(&head);
    if !is_csv || o.worksheet.is_some() || !o.meeting_reports.is_empty() || o.participant.is_some() {
        return whole(each);
    }
    // The request as typed data straight from its text (a JSON tree of a large course
    // would cost more than its sheet), then each flag set on it.
    let original = String::from_utf8(files::read(path)?).map_err(|_| Failure::io(path, "not UTF-8 text"))?;
    let keys: std::collections::HashMap<String, serde::de::IgnoredAny> = serde_json::from_str(&original)
        .map_err(|e| Failure::Refused(tamat::TamatError::from_serde(&e).into(), None))?;
    let is_request = keys.contains_key("course") || !(keys.contains_key("id") || keys.contains_key("sessions"));
    let mut request: EvaluateRequest = if is_request {
        tamat::json::read(&original)?
    } else {
        EvaluateRequest::new(tamat::json::read(&original)?, Vec::new())
    };
    drop(original);
    request.attendance.clear();
    if let Some(p) = o.policy {
        request.policy = Some(files::read_json(p)?);
    }
    if let Some(p) = o.scores {
        request.scores = tamat::json::read_value(scores(p, &request.course, o.worksheet)?)?;
    }
    if let Some(t) = &o.as_of {
        request.as_of = Some(t.clone());
    }
    if let Some(t) = o.trace {
        request.trace = t;
    }
    // The evaluator takes the participants over: the cohort is held once.
    let evaluator = tamat::Evaluator::taking_participants(&mut request.course, request.policy.as_ref())?;
    let bytes = files::read(sheet_path)?;
    let streamed = tamat::sheets::stream_csv(&bytes, &request.course, &evaluator)
        .map_err(|(e, sources)| Failure::Refused(e, Some(Box::new(files::Places::Streamed(sources)))))?;
    // The sheet's bytes are not needed once it is in the grid.
    drop(bytes);
    let inputs = evaluator.read(
        std::iter::empty(),
        &request.scores,
        request.as_of.as_deref(),
        request.trace,
    )?;
    let evaluation = match each {
        Some(each) => evaluator.evaluate_each(&streamed.grid, &inputs.scores, &inputs.options, each)?,
        None => evaluator.evaluate(&streamed.grid, &inputs.scores, &inputs.options)?,
    };
    Ok((request, evaluation))
}

/// The request, read by the core, and its evaluation.
pub fn evaluate(path: &Path, o: &Overrides<'_>) -> Result<(EvaluateRequest, Evaluation), Failure> {
    let (text, sheet) = text(path, o)?;
    let request: EvaluateRequest = tamat::json::read(&text)?;
    let evaluation =
        tamat::evaluate(&request).map_err(|e| Failure::Refused(e, sheet.map(|s| Box::new(files::Places::Sheet(s)))))?;
    Ok((request, evaluation))
}

/// The request, read by the core, and the evaluation certificates are issued from: as of
/// the request's own `as_of`, else `now` (the clock matters: a course still running is
/// refused, `certificate.course_not_ended`, unless `early`).
pub fn evaluate_for_issue(
    path: &Path,
    o: &Overrides<'_>,
    now: chrono::DateTime<chrono::Utc>,
    early: bool,
) -> Result<(EvaluateRequest, Evaluation), Failure> {
    let (text, sheet) = text(path, o)?;
    let mut request: EvaluateRequest = tamat::json::read(&text)?;
    if request.as_of.is_none() {
        request.as_of = Some(now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    }
    let evaluation = tamat::contract::evaluation_for_issue(&request, early)
        .map_err(|e| Failure::Refused(e, sheet.map(|s| Box::new(files::Places::Sheet(s)))))?;
    Ok((request, evaluation))
}

fn to_value(v: &impl serde::Serialize) -> Result<Value, Failure> {
    serde_json::to_value(v).map_err(|e| Failure::Io(e.to_string()))
}

/// Scores: a JSON list of `{participant, score}` (or `components`), or a sheet (CSV or a
/// workbook) read by the core ([`tamat::sheets::read_scores`]).
fn scores(path: &Path, course: &Course, worksheet: Option<&str>) -> Result<Value, Failure> {
    let is_json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json {
        return files::read_document(path);
    }
    let sheet =
        tamat::sheets::read_scores(&files::read(path)?, course, worksheet).map_err(|e| Failure::Refused(e, None))?;
    to_value(&sheet.scores)
}
