//! The JSON contract: string in, string out, never a panic, never an exception. Every
//! result is tagged: `{"type":"success", ...}` or
//! `{"type":"failure","errors":[{"code","message","messages":{"id","en"},"details"}]}`.
//! The Python and WebAssembly packages wrap these functions unchanged, so every language
//! gets the same bytes.
//!
//! **Binding helpers.** [`read`], [`read_borrowed`], [`read_value`], [`read_document`],
//! [`failure`], [`catch`] and [`panic_error`] are here for the bindings' own glue (reading
//! a host language's values as the contract does, and keeping a panic from crossing into
//! Python or JavaScript); applications call the operations.

use crate::contract::operations::{self, call_text};
use serde_json::json;

use crate::contract::wire::success;
pub use crate::contract::wire::{catch, failure, panic_error, read, read_borrowed, read_document, read_value};
use crate::error::{Errors, TamatError, ERROR_CODES};

/// The names of the operations [`call`] dispatches: the names of
/// [`crate::contract::operations::OPERATIONS`].
pub const OPERATIONS: &[&str] = &[
    "evaluate",
    "evaluate_participant",
    "project",
    "check_course",
    "ledger",
    "issue",
    "reissue",
    "check_register",
    "change_status",
    "status_list",
    "verify",
    "sign_credential",
    "public_key",
    "format_number",
    "render",
    "canonicalize",
    "read_attendance_csv",
    "read_scores_csv",
    "read_attendance_file",
    "read_scores_file",
    "read_meeting_report",
    "personnel_export",
    "read_moodle_export",
    "chart",
];

/// Calls the entry point named `operation` (one of [`OPERATIONS`]) on a request; `None`
/// for an unknown name. The bindings and the conformance runners dispatch through it.
pub fn call(operation: &str, input: &str) -> Option<String> {
    crate::contract::operations::call(operation, input)
}

/// Evaluates `{"course", "attendance", "scores"?, "policy"?, "as_of"?, "participant"?,
/// "trace"?}`. Success: `{"type":"success","course","policy","as_of","total_jp",
/// "completed_on","summary","decisions","warnings"}`.
pub fn evaluate(input: &str) -> String {
    call_text::<operations::Evaluate>(input)
}

/// Evaluates the one participant named by `participant`. Success:
/// `{"type":"success","decision","warnings"}`.
pub fn evaluate_participant(input: &str) -> String {
    call_text::<operations::EvaluateParticipant>(input)
}

/// Projection only: the same request with `as_of` required. Success:
/// `{"type":"success","as_of","projections":[{"participant","outcome","attendance","projection"}],"warnings"}`.
pub fn project(input: &str) -> String {
    call_text::<operations::Project>(input)
}

/// Checks a course (`{"course": ...}`) and returns its resolved schedule. Success:
/// `{"type":"success","course","time_zone","total_jp","sessions":[...]}`.
pub fn check_course(input: &str) -> String {
    call_text::<operations::CheckCourse>(input)
}

/// The yearly JP ledger: `{"entries"?, "courses"?, "obligation_jp"?}`. Success:
/// `{"type":"success","rows":[{"nip","year","jp","courses","obligation_jp","met","shortfall_jp"}]}`.
pub fn ledger(input: &str) -> String {
    call_text::<operations::Ledger>(input)
}

/// Issues certificates: an evaluate request plus `settings`, `register`? and `key`?
/// (`{"secret", "id"?}`). Success: `{"certificates","issued","unchanged","skipped",
/// "register","credentials"?,"issuer"?}`.
pub fn issue(input: &str) -> String {
    call_text::<operations::Issue>(input)
}

/// Re-issues a certificate (`certificate`: its id; `at`?, `reason`?), revoking the old
/// one. Success: `{"certificate","register","credential"?,"issuer"?}`.
pub fn reissue(input: &str) -> String {
    call_text::<operations::Reissue>(input)
}

/// Checks a register: `{"register", "status_list_size"?}`. Success:
/// `{"certificates","active","suspended","revoked","next_status_index"}`.
pub fn check_register(input: &str) -> String {
    call_text::<operations::CheckRegister>(input)
}

/// Revokes, suspends or reinstates: `{"register","certificate","action","at"?,"reason"?}`.
/// Success: `{"entry","register"}`.
pub fn change_status(input: &str) -> String {
    call_text::<operations::ChangeStatus>(input)
}

/// The signed status list of one purpose: `{"register","settings","key","purpose",
/// "valid_from","valid_until"?}`. Success: `{"credential"}`.
pub fn status_list(input: &str) -> String {
    call_text::<operations::StatusList>(input)
}

/// Verifies a credential: `{"credential","keys","status_lists"?,"at"}`. Success:
/// `{"status","message","credential","issuer","key_id","revocation","suspension"}`.
pub fn verify(input: &str) -> String {
    call_text::<operations::Verify>(input)
}

/// Signs any credential with `eddsa-jcs-2022`: `{"credential","key","created"}`.
/// Success: `{"credential"}`.
pub fn sign_credential(input: &str) -> String {
    call_text::<operations::SignCredential>(input)
}

/// The public half of a key as a Multikey: `{"key","controller"?}`. Success:
/// `{"multikey","did"}`.
pub fn public_key(input: &str) -> String {
    call_text::<operations::PublicKey>(input)
}

/// Writes one certificate number: `{"numbering"?,"sequence","date","unit"}`. Success:
/// `{"number"}`.
pub fn format_number(input: &str) -> String {
    call_text::<operations::FormatNumber>(input)
}

/// The QR payload and the printable SVG of a signed certificate:
/// `{"certificate","credential","settings"}`. Success: `{"qr_payload","svg"}`.
pub fn render(input: &str) -> String {
    call_text::<operations::Render>(input)
}

/// RFC 8785 canonical form of any JSON document. Success: `{"canonical","sha256"}`
/// (hex of SHA-256 of the canonical bytes).
pub fn canonicalize(input: &str) -> String {
    call_text::<operations::Canonicalize>(input)
}

/// Reads a CSV attendance sheet (long or wide layout, see [`crate::sheets`]) for a
/// course: `{"course", "csv"}`. Success: `{"layout","delimiter","attendance":[marks],
/// "sources":[{"line","column"}]}`; the marks are what an evaluate request takes.
pub fn read_attendance_csv(input: &str) -> String {
    call_text::<operations::ReadAttendanceCsv>(input)
}

/// Reads a CSV scores sheet: `{"course", "csv"}` → `{"type": "success", "scores": [...],
/// "layout", "delimiter", "encoding"}`.
pub fn read_scores_csv(input: &str) -> String {
    call_text::<operations::ReadScoresCsv>(input)
}

/// Reads an attendance file: `{"course", "file" (base64), "worksheet"?}`; a workbook
/// (`.xlsx`, `.ods`, `.xls`) or CSV.
pub fn read_attendance_file(input: &str) -> String {
    call_text::<operations::ReadAttendanceFile>(input)
}

/// Reads an online-meeting report: `{"course", "file" (base64), "date_order"?,
/// "time_zone"?, "date"?}`.
pub fn read_meeting_report(input: &str) -> String {
    call_text::<operations::ReadMeetingReport>(input)
}

/// Reads an export of Moodle's attendance module: `{"course", "file" (base64),
/// "statuses"?}`.
pub fn read_moodle_export(input: &str) -> String {
    call_text::<operations::ReadMoodleExport>(input)
}

/// The cohort at a glance, as SVG: an evaluate request in, `{"svg", "histogram",
/// "at_risk"}` out.
pub fn chart(input: &str) -> String {
    call_text::<operations::Chart>(input)
}

/// Issued certificates out to the personnel system: `{"certificates", "register"?,
/// "jenis_diklat_id"?, "outcomes"?, "obligation_jp"?}`.
pub fn personnel_export(input: &str) -> String {
    call_text::<operations::PersonnelExport>(input)
}

/// Reads a scores file: `{"course", "file" (base64), "worksheet"?}`.
pub fn read_scores_file(input: &str) -> String {
    call_text::<operations::ReadScoresFile>(input)
}

/// Every error code, as `{"type":"success","codes":[...]}`.
pub fn error_codes() -> String {
    success(json!({ "codes": ERROR_CODES }))
}

/// Every reason code of decisions, as `{"type":"success","codes":[...]}`.
pub fn reason_codes() -> String {
    success(json!({ "codes": crate::rules::decision::REASON_CODES }))
}

/// The JSON Schema of an input by name (`course`, `attendance`, `policy`,
/// `evaluate_request`, `ledger_request`): `{"type":"success","schema":{...}}`.
pub fn schema(name: &str) -> String {
    let found = match crate::contract::schema::schema(name) {
        Some(schema) => Ok(json!({ "schema": schema })),
        None => Err(Errors(vec![TamatError::InvalidShape {
            message: format!(
                "no schema named `{name}`; known: {}",
                crate::contract::schema::SCHEMA_NAMES.join(", ")
            ),
        }])),
    };
    match found {
        Ok(v) => success(v),
        Err(errors) => failure(&errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn results_lead_with_their_tag() {
        assert!(error_codes().starts_with(r#"{"type":"success","codes":["request.invalid_json""#));
        assert!(reason_codes().contains("attendance.minimum_met"));
        assert!(schema("policy").starts_with(r#"{"type":"success","schema":{"#));
        let unknown: Value = serde_json::from_str(&schema("nope")).unwrap_or_default();
        assert_eq!(unknown["type"], "failure");
        assert_eq!(unknown["errors"][0]["code"], "request.invalid_shape");
        assert!(evaluate("").starts_with(r#"{"type":"failure","errors":[{"code":"request.invalid_json""#));
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let input = "\u{feff}{\"course\": {\"id\": \"c\", \"title\": \"t\", \"time_zone\": \"WIB\"}}";
        let v: Value = serde_json::from_str(&evaluate(input)).unwrap_or_default();
        assert_eq!(v["type"], "success");
        assert_eq!(v["summary"]["participants"], 0);
    }
}
