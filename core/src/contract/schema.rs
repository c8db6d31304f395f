//! JSON Schemas (draft 2020-12) of the documents and of every operation's request and
//! answer, derived from the same serde types that read and write them, so they cannot
//! drift from the code. `schemas/` holds them as files; a test keeps those current.

use serde_json::Value;

use crate::contract::operations::OPERATIONS;

/// The documents that have a schema of their own besides the operations'.
pub const DOCUMENT_NAMES: &[&str] = &[
    "course",
    "attendance",
    "policy",
    "issuance_settings",
    "register",
    "evaluate_options",
];

/// Every name [`schema`] knows: the documents, then `<operation>_request` and
/// `<operation>_answer` for every operation of [`crate::contract::operations::OPERATIONS`].
pub const SCHEMA_NAMES: &[&str] = &[
    "course",
    "attendance",
    "policy",
    "issuance_settings",
    "register",
    "evaluate_options",
    "evaluate_request",
    "evaluate_answer",
    "evaluate_participant_request",
    "evaluate_participant_answer",
    "project_request",
    "project_answer",
    "check_course_request",
    "check_course_answer",
    "ledger_request",
    "ledger_answer",
    "issue_request",
    "issue_answer",
    "reissue_request",
    "reissue_answer",
    "check_register_request",
    "check_register_answer",
    "change_status_request",
    "change_status_answer",
    "status_list_request",
    "status_list_answer",
    "verify_request",
    "verify_answer",
    "sign_credential_request",
    "sign_credential_answer",
    "public_key_request",
    "public_key_answer",
    "format_number_request",
    "format_number_answer",
    "render_request",
    "render_answer",
    "canonicalize_request",
    "canonicalize_answer",
    "read_attendance_csv_request",
    "read_attendance_csv_answer",
    "read_scores_csv_request",
    "read_scores_csv_answer",
    "read_attendance_file_request",
    "read_attendance_file_answer",
    "read_scores_file_request",
    "read_scores_file_answer",
    "read_meeting_report_request",
    "read_meeting_report_answer",
    "personnel_export_request",
    "personnel_export_answer",
    "read_moodle_export_request",
    "read_moodle_export_answer",
    "chart_request",
    "chart_answer",
];

/// The JSON Schema of a document or of an operation's request or answer, by name.
pub fn schema(name: &str) -> Option<Value> {
    let document = match name {
        "course" => Some(schemars::schema_for!(crate::model::course::Course)),
        "attendance" => Some(schemars::schema_for!(Vec<crate::model::marks::Mark>)),
        "policy" => Some(schemars::schema_for!(crate::model::policy::Policy)),
        "issuance_settings" => Some(schemars::schema_for!(
            crate::certificates::certificate::IssuanceSettings
        )),
        "register" => Some(schemars::schema_for!(crate::certificates::register::Register)),
        "evaluate_options" => Some(schemars::schema_for!(crate::contract::request::EvaluateOptionsRequest)),
        _ => None,
    };
    if let Some(s) = document {
        return Some(s.to_value());
    }
    OPERATIONS.iter().find_map(|op| {
        let rest = name.strip_prefix(op.name)?;
        match rest {
            "_request" => Some((op.request_schema)()),
            "_answer" => Some((op.answer_schema)()),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_has_both_schemas_and_every_name_resolves() {
        let mut expected: Vec<String> = DOCUMENT_NAMES.iter().map(|s| s.to_string()).collect();
        for op in OPERATIONS {
            expected.push(format!("{}_request", op.name));
            expected.push(format!("{}_answer", op.name));
        }
        assert_eq!(SCHEMA_NAMES, expected.iter().map(String::as_str).collect::<Vec<_>>());
        for name in SCHEMA_NAMES {
            assert!(schema(name).is_some(), "{name}");
        }
        assert!(schema("evaluate_nothing").is_none());
    }
}
