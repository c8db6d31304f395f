//! The store's operations on JSON requests, for front ends that hand a request through
//! whole (the Python `Store`): one typed request per operation, one answer document.
//! Every rule stays in [`Store`] and the core; this only reads and writes shapes.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;
use tamat::contract::KeyInput;
use tamat::{Errors, Lang, TamatError};

use crate::{Action, Change, IssueRequest, Lookup, Store, StoreError};

/// The operations [`call`] runs.
pub const OPERATIONS: [&str; 9] = [
    "issue",
    "reissue",
    "change_status",
    "status_list",
    "find",
    "history",
    "ledger",
    "import_register",
    "export_register",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Issue {
    request: IssueRequest,
    key: KeyInput,
    #[serde(default)]
    by: Option<String>,
    // reissue
    #[serde(default)]
    certificate: Option<String>,
    #[serde(default)]
    at: Option<String>,
    #[serde(default)]
    reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChangeStatus {
    certificate: String,
    action: Action,
    #[serde(default)]
    at: Option<String>,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    by: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusList {
    settings: tamat::certificates::IssuanceSettings,
    key: KeyInput,
    valid_from: String,
    #[serde(default)]
    purpose: tamat::certificates::StatusPurpose,
    #[serde(default)]
    valid_until: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Find {
    id: Option<String>,
    number: Option<String>,
    nip: Option<String>,
    course: Option<String>,
    year: Option<i32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct History {
    certificate: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Ledger {
    #[serde(default)]
    obligation_jp: Option<tamat::Fixed>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Import {
    register: tamat::certificates::Register,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Empty {}

/// Runs `operation` on `request` against `store`: the answer document, or the errors as
/// the core's contract writes them (code, message, messages, details). `None` for an
/// unknown operation.
pub fn call(store: &mut Store, operation: &str, request: Value) -> Option<Result<Value, Vec<Value>>> {
    let answer = match operation {
        "issue" => read(request).and_then(|r: Issue| {
            let key = r.key.key()?;
            let stored = store.issue(
                &r.request.course,
                &r.request.evaluate()?,
                &r.request.settings,
                &key,
                r.by.as_deref(),
            )?;
            let mut doc = to_value(&stored.issuance)?;
            doc["credentials"] = stored
                .credentials
                .iter()
                .map(|t| document(t))
                .collect::<Result<_, _>>()?;
            Ok(doc)
        }),
        "reissue" => read(request).and_then(|r: Issue| {
            let key = r.key.key()?;
            let certificate = r.certificate.as_deref().ok_or_else(|| missing("certificate"))?;
            let change = Change {
                at: instant(r.at)?,
                reason: r.reason.as_deref(),
                by: r.by.as_deref(),
            };
            let evaluation = r.request.evaluate()?;
            to_value(&store.reissue(
                &r.request.course,
                &evaluation,
                &r.request.settings,
                &key,
                certificate,
                &change,
            )?)
        }),
        "change_status" => read(request).and_then(|r: ChangeStatus| {
            let change = Change {
                at: instant(r.at)?,
                reason: r.reason.as_deref(),
                by: r.by.as_deref(),
            };
            to_value(&store.change_status(&r.certificate, r.action, &change)?)
        }),
        "status_list" => read(request).and_then(|r: StatusList| {
            let from = instant(Some(r.valid_from))?.ok_or_else(|| missing("valid_from"))?;
            let key = r.key.key()?;
            let list = store.publish_status_list(&r.settings, &key, r.purpose, from, instant(r.valid_until)?)?;
            document(&list.credential)
        }),
        "find" => read(request).and_then(|r: Find| {
            let lookup = match (&r.id, &r.number, &r.nip, &r.course, r.year) {
                (Some(i), None, None, None, None) => Lookup::Id(i),
                (None, Some(n), None, None, None) => Lookup::Number(n),
                (None, None, Some(n), None, None) => Lookup::Nip(n),
                (None, None, None, Some(c), None) => Lookup::Course(c),
                (None, None, None, None, Some(y)) => Lookup::Year(y),
                _ => return Err(shape("give exactly one of id, number, nip, course, year".into())),
            };
            to_value(&store.find(&lookup)?)
        }),
        "history" => read(request).and_then(|r: History| to_value(&store.history(&r.certificate)?)),
        "ledger" => read(request).and_then(|r: Ledger| {
            let obligation = r
                .obligation_jp
                .unwrap_or(tamat::Fixed::from_int(tamat::rules::DEFAULT_OBLIGATION_JP));
            to_value(&store.ledger(obligation)?)
        }),
        "import_register" => read(request).and_then(|r: Import| Ok(store.import_register(&r.register)?.into())),
        "export_register" => read(request).and_then(|_: Empty| to_value(&store.export_register()?)),
        _ => return None,
    };
    Some(answer.map_err(|e| e.to_json()))
}

impl StoreError {
    /// The error documents, as the core's contract writes them.
    pub fn to_json(&self) -> Vec<Value> {
        match self.core_errors() {
            Some(errors) => errors.0.iter().map(TamatError::to_json).collect(),
            None => vec![serde_json::json!({
                "code": self.code(),
                "message": self.message(Lang::En),
                "messages": {"id": self.message(Lang::Id), "en": self.message(Lang::En)},
                "details": {},
            })],
        }
    }
}

fn read<T: serde::de::DeserializeOwned>(request: Value) -> Result<T, StoreError> {
    Ok(tamat::json::read_value(request)?)
}

fn to_value<T: serde::Serialize>(v: &T) -> Result<Value, StoreError> {
    serde_json::to_value(v).map_err(|e| shape(e.to_string()))
}

/// A stored credential's text as a document.
fn document(text: &str) -> Result<Value, StoreError> {
    Ok(tamat::json::read_document(text).map_err(Errors::from)?)
}

fn instant(text: Option<String>) -> Result<Option<DateTime<Utc>>, StoreError> {
    text.map(|t| match DateTime::parse_from_rfc3339(&t) {
        Ok(v) => Ok(v.with_timezone(&Utc)),
        Err(_) => Err(TamatError::InvalidAsOf { value: t }.into()),
    })
    .transpose()
}

fn shape(message: String) -> StoreError {
    TamatError::InvalidShape { message }.into()
}

fn missing(field: &str) -> StoreError {
    shape(format!("`{field}` is required"))
}
