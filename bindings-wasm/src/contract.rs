//! The JSON contract as is: string in, string out, the same bytes as the Rust core.
//! These never throw for bad input: failures are `{"type":"failure",...}` documents.

use wasm_bindgen::prelude::*;

macro_rules! contract {
    ($($name:ident, $js:literal => $f:path;)*) => {
        $(
            #[doc = concat!("`tamat::json::", stringify!($f), "`: JSON text in, JSON text out.")]
            #[wasm_bindgen(js_name = $js)]
            pub fn $name(input: &str) -> String {
                $f(input)
            }
        )*
    };
}

contract! {
    evaluate_json, "evaluateJson" => tamat::json::evaluate;
    evaluate_participant_json, "evaluateParticipantJson" => tamat::json::evaluate_participant;
    project_json, "projectJson" => tamat::json::project;
    check_course_json, "checkCourseJson" => tamat::json::check_course;
    ledger_json, "ledgerJson" => tamat::json::ledger;
    issue_json, "issueJson" => tamat::json::issue;
    reissue_json, "reissueJson" => tamat::json::reissue;
    change_status_json, "changeStatusJson" => tamat::json::change_status;
    status_list_json, "statusListJson" => tamat::json::status_list;
    verify_json, "verifyJson" => tamat::json::verify;
    sign_credential_json, "signCredentialJson" => tamat::json::sign_credential;
    public_key_json, "publicKeyJson" => tamat::json::public_key;
    format_number_json, "formatNumberJson" => tamat::json::format_number;
    render_json, "renderJson" => tamat::json::render;
    canonicalize_json, "canonicalizeJson" => tamat::json::canonicalize;
    read_attendance_csv_json, "readAttendanceCsvJson" => tamat::json::read_attendance_csv;
}

/// Every error code, as `{"type":"success","codes":[...]}`.
#[wasm_bindgen(js_name = "errorCodesJson")]
pub fn error_codes_json() -> String {
    tamat::json::error_codes()
}

/// Every reason code of decisions.
#[wasm_bindgen(js_name = "reasonCodesJson")]
pub fn reason_codes_json() -> String {
    tamat::json::reason_codes()
}

/// The JSON Schema of an input by name.
#[wasm_bindgen(js_name = "schemaJson")]
pub fn schema_json(name: &str) -> String {
    tamat::json::schema(name)
}

/// The operation names `callJson` takes.
#[wasm_bindgen(js_name = "operations", unchecked_return_type = "string[]")]
pub fn operations() -> Vec<String> {
    tamat::json::OPERATIONS.iter().map(|s| s.to_string()).collect()
}

/// Any operation of the contract by name (`evaluate`, `issue`, ...): JSON text in,
/// JSON text out. Unknown names get a failure document.
#[wasm_bindgen(js_name = "callJson")]
pub fn call_json(operation: &str, input: &str) -> String {
    tamat::json::call(operation, input).unwrap_or_else(|| {
        tamat::json::failure(&tamat::Errors(vec![tamat::TamatError::InvalidInput {
            code: "request.invalid_shape",
            message: format!("unknown operation `{operation}`"),
        }]))
    })
}
