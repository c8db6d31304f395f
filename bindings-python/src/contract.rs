//! The JSON contract as is: string in, string out, the same bytes as the Rust core.
//! These never raise for bad input: failures are `{"type":"failure",...}` documents.

use pyo3::prelude::*;

macro_rules! contract {
    ($($name:ident => $f:path, $doc:literal;)*) => {
        $(
            #[doc = $doc]
            #[pyfunction]
            fn $name(py: Python<'_>, input: String) -> String {
                py.detach(move || $f(&input))
            }
        )*
        /// Adds the JSON functions to the module.
        pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $( m.add_function(wrap_pyfunction!($name, m)?)?; )*
            m.add_function(wrap_pyfunction!(error_codes_json, m)?)?;
            m.add_function(wrap_pyfunction!(reason_codes_json, m)?)?;
            m.add_function(wrap_pyfunction!(schema_json, m)?)?;
            m.add("OPERATIONS", tamat::json::OPERATIONS.to_vec())?;
            Ok(())
        }
    };
}

contract! {
    evaluate_json => tamat::json::evaluate, "Evaluates a course's attendance (`tamat::json::evaluate`).";
    evaluate_participant_json => tamat::json::evaluate_participant, "One participant's decision.";
    project_json => tamat::json::project, "Projections of a course still running (`as_of` required).";
    check_course_json => tamat::json::check_course, "Checks a course and returns its resolved schedule.";
    ledger_json => tamat::json::ledger, "The yearly JP ledger.";
    issue_json => tamat::json::issue, "Issues (and signs) certificates.";
    reissue_json => tamat::json::reissue, "Re-issues a certificate, revoking the old one.";
    check_register_json => tamat::json::check_register, "Checks a register and counts it.";
    change_status_json => tamat::json::change_status, "Revokes, suspends or reinstates a certificate.";
    status_list_json => tamat::json::status_list, "The signed status list of one purpose.";
    verify_json => tamat::json::verify, "Verifies a credential.";
    sign_credential_json => tamat::json::sign_credential, "Signs any credential with eddsa-jcs-2022.";
    public_key_json => tamat::json::public_key, "The public half of a key, as a Multikey.";
    format_number_json => tamat::json::format_number, "Writes one certificate number.";
    render_json => tamat::json::render, "The QR payload and printable SVG of a certificate.";
    canonicalize_json => tamat::json::canonicalize, "RFC 8785 canonical form and its SHA-256.";
    read_attendance_csv_json => tamat::json::read_attendance_csv, "Reads a CSV attendance sheet into marks.";
    read_scores_csv_json => tamat::json::read_scores_csv, "Reads a CSV scores sheet into scores.";
    read_attendance_file_json => tamat::json::read_attendance_file, "Reads an attendance file (workbook or CSV, base64).";
    read_scores_file_json => tamat::json::read_scores_file, "Reads a scores file (workbook or CSV, base64).";
    read_meeting_report_json => tamat::json::read_meeting_report, "Reads a Zoom, Teams or Meet participant report (base64).";
    read_moodle_export_json => tamat::json::read_moodle_export, "Reads an export of Moodle's attendance module (base64).";
    personnel_export_json => tamat::json::personnel_export, "Issued certificates as SIASN training records and the yearly JP report.";
    chart_json => tamat::json::chart, "The cohort at a glance: the status grid and attendance histogram as SVG.";
}

/// Every error code.
#[pyfunction]
fn error_codes_json() -> String {
    tamat::json::error_codes()
}

/// Every reason code.
#[pyfunction]
fn reason_codes_json() -> String {
    tamat::json::reason_codes()
}

/// The JSON Schema of an input, by name.
#[pyfunction]
fn schema_json(name: String) -> String {
    tamat::json::schema(&name)
}
