//! The contract's operations, each twice: `evaluate(request)` takes the request as a plain
//! object whole and returns its answer (the success document without `type`) or throws;
//! `evaluateJson(text)` is the contract as is, the same bytes as Rust, and never throws.
//! A `Date` in a request is written by `JSON.stringify` as RFC 3339 text.

use wasm_bindgen::prelude::*;

use crate::glue::{guard, text_of, unwrap};

macro_rules! operations {
    ($($f:ident $js:literal $json:ident $json_js:literal ($req:literal) -> $ans:literal;)*) => {$(
        #[doc = concat!("`", stringify!($f), "`: its request object in, its answer out (`tamat::json::", stringify!($f), "`).")]
        #[wasm_bindgen(js_name = $js, unchecked_return_type = $ans)]
        pub fn $f(#[wasm_bindgen(unchecked_param_type = $req)] request: JsValue) -> Result<JsValue, JsValue> {
            guard(|| unwrap(&tamat::json::$f(&text_of(&request)?)))
        }

        #[doc = concat!("`tamat::json::", stringify!($f), "`: JSON text in, tagged JSON text out.")]
        #[wasm_bindgen(js_name = $json_js)]
        pub fn $json(input: &str) -> String {
            tamat::json::$f(input)
        }
    )*};
}

// The small package (`--no-default-features`) has `verify` of the contract's operations.
operations! {
    verify "verify" verify_json "verifyJson" ("VerifyRequest") -> "VerifyAnswer";
}

#[cfg(feature = "contract")]
operations! {
    evaluate "evaluate" evaluate_json "evaluateJson" ("EvaluateRequest") -> "EvaluateAnswer";
    evaluate_participant "evaluateParticipant" evaluate_participant_json "evaluateParticipantJson" ("EvaluateParticipantRequest") -> "EvaluateParticipantAnswer";
    project "project" project_json "projectJson" ("ProjectRequest") -> "ProjectAnswer";
    check_course "checkCourse" check_course_json "checkCourseJson" ("CheckCourseRequest") -> "CheckCourseAnswer";
    ledger "ledger" ledger_json "ledgerJson" ("LedgerRequest") -> "LedgerAnswer";
    issue "issue" issue_json "issueJson" ("IssueRequest") -> "IssueAnswer";
    reissue "reissue" reissue_json "reissueJson" ("ReissueRequest") -> "ReissueAnswer";
    check_register "checkRegister" check_register_json "checkRegisterJson" ("CheckRegisterRequest") -> "CheckRegisterAnswer";
    change_status "changeStatus" change_status_json "changeStatusJson" ("ChangeStatusRequest") -> "ChangeStatusAnswer";
    status_list "statusList" status_list_json "statusListJson" ("StatusListRequest") -> "StatusListAnswer";
    sign_credential "signCredential" sign_credential_json "signCredentialJson" ("SignCredentialRequest") -> "SignCredentialAnswer";
    public_key "publicKey" public_key_json "publicKeyJson" ("PublicKeyRequest") -> "PublicKeyAnswer";
    format_number "formatNumber" format_number_json "formatNumberJson" ("FormatNumberRequest") -> "FormatNumberAnswer";
    render "render" render_json "renderJson" ("RenderRequest") -> "RenderAnswer";
    canonicalize "canonicalize" canonicalize_json "canonicalizeJson" ("unknown") -> "CanonicalizeAnswer";
    read_attendance_csv "readAttendanceCsv" read_attendance_csv_json "readAttendanceCsvJson" ("ReadAttendanceCsvRequest") -> "ReadAttendanceCsvAnswer";
    read_scores_csv "readScoresCsv" read_scores_csv_json "readScoresCsvJson" ("ReadScoresCsvRequest") -> "ReadScoresCsvAnswer";
    read_attendance_file "readAttendanceFile" read_attendance_file_json "readAttendanceFileJson" ("ReadAttendanceFileRequest") -> "ReadAttendanceFileAnswer";
    read_scores_file "readScoresFile" read_scores_file_json "readScoresFileJson" ("ReadScoresFileRequest") -> "ReadScoresFileAnswer";
    read_meeting_report "readMeetingReport" read_meeting_report_json "readMeetingReportJson" ("ReadMeetingReportRequest") -> "ReadMeetingReportAnswer";
    personnel_export "personnelExport" personnel_export_json "personnelExportJson" ("PersonnelExportRequest") -> "PersonnelExportAnswer";
    read_moodle_export "readMoodleExport" read_moodle_export_json "readMoodleExportJson" ("ReadMoodleExportRequest") -> "ReadMoodleExportAnswer";
    chart "chart" chart_json "chartJson" ("ChartRequest") -> "ChartAnswer";
}

#[cfg(feature = "contract")]
/// Every error code, as `{"type":"success","codes":[...]}`.
#[wasm_bindgen(js_name = "errorCodesJson")]
pub fn error_codes_json() -> String {
    tamat::json::error_codes()
}

#[cfg(feature = "contract")]
/// Every reason code of decisions.
#[wasm_bindgen(js_name = "reasonCodesJson")]
pub fn reason_codes_json() -> String {
    tamat::json::reason_codes()
}

#[cfg(feature = "contract")]
/// The JSON Schema of a document, or of an operation's request or answer, by name.
#[wasm_bindgen(js_name = "schemaJson")]
pub fn schema_json(name: &str) -> String {
    tamat::json::schema(name)
}

#[cfg(feature = "contract")]
/// The operation names `call` and `callJson` take.
#[wasm_bindgen(js_name = "operations", unchecked_return_type = "(keyof Operations)[]")]
pub fn operations() -> Vec<String> {
    tamat::json::OPERATIONS.iter().map(|s| s.to_string()).collect()
}

#[cfg(feature = "contract")]
fn call_text(operation: &str, input: &str) -> String {
    tamat::json::call(operation, input).unwrap_or_else(|| {
        tamat::json::failure(&tamat::Errors(vec![tamat::TamatError::InvalidShape {
            message: format!("unknown operation `{operation}`"),
        }]))
    })
}

#[cfg(feature = "contract")]
/// Any operation by name: JSON text in, JSON text out (a failure document for an
/// unknown name).
#[wasm_bindgen(js_name = "callJson")]
pub fn call_json(#[wasm_bindgen(unchecked_param_type = "keyof Operations")] operation: &str, input: &str) -> String {
    call_text(operation, input)
}

#[cfg(feature = "contract")]
/// Any operation by name: its request object in, its answer out, or thrown errors.
#[wasm_bindgen(js_name = "call", unchecked_return_type = "Operations[keyof Operations][\"answer\"]")]
pub fn call(
    #[wasm_bindgen(unchecked_param_type = "keyof Operations")] operation: &str,
    #[wasm_bindgen(unchecked_param_type = "Operations[keyof Operations][\"request\"]")] request: JsValue,
) -> Result<JsValue, JsValue> {
    guard(|| unwrap(&call_text(operation, &text_of(&request)?)))
}
