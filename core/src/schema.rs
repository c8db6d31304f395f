//! JSON Schemas of the inputs, derived from the same serde types that read them, so they
//! cannot drift from the code.

use serde_json::Value;

/// The names [`schema`] knows.
pub const SCHEMA_NAMES: &[&str] = &[
    "course",
    "attendance",
    "policy",
    "evaluate_request",
    "ledger_request",
    "issuance_settings",
    "register",
    "issue_request",
    "status_request",
    "status_list_request",
    "verify_request",
];

/// The JSON Schema (draft 2020-12) of one input, by name.
pub fn schema(name: &str) -> Option<Value> {
    let s = match name {
        "course" => schemars::schema_for!(crate::course::Course),
        "attendance" => schemars::schema_for!(Vec<crate::attendance::Mark>),
        "policy" => schemars::schema_for!(crate::policy::Policy),
        "evaluate_request" => schemars::schema_for!(crate::request::EvaluateRequest),
        "ledger_request" => schemars::schema_for!(crate::request::LedgerRequest),
        "issuance_settings" => schemars::schema_for!(crate::certificate::IssuanceSettings),
        "register" => schemars::schema_for!(crate::register::Register),
        "issue_request" => schemars::schema_for!(crate::issuance::IssueRequest),
        "status_request" => schemars::schema_for!(crate::issuance::StatusRequest),
        "status_list_request" => schemars::schema_for!(crate::issuance::StatusListRequest),
        "verify_request" => schemars::schema_for!(crate::issuance::VerifyRequest),
        _ => return None,
    };
    Some(s.to_value())
}
