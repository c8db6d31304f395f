//! Certificates with plain JS objects: each function builds the JSON contract's request
//! from its arguments and returns the success document (without `type`), or throws.

use wasm_bindgen::prelude::*;

use crate::glue::{field, guard, text_of, time_text, unwrap, value_of};

/// Request text from named members: objects as JSON, times (`Date` or text) as text.
fn request(members: &[(&str, Option<JsValue>, bool)]) -> Result<String, JsValue> {
    let mut out = String::from("{");
    for (name, value, is_time) in members {
        let Some(v) = value else { continue };
        if v.is_undefined() || v.is_null() {
            continue;
        }
        if out.len() > 1 {
            out.push(',');
        }
        let text = if *is_time {
            serde_json::Value::String(time_text(v)?).to_string()
        } else {
            text_of(v)?
        };
        out.push_str(&format!("\"{name}\":{text}"));
    }
    out.push('}');
    Ok(out)
}

fn run(operation: fn(&str) -> String, members: &[(&str, Option<JsValue>, bool)]) -> Result<JsValue, JsValue> {
    guard(|| unwrap(&operation(&request(members)?)))
}

/// Issues certificates: `{course, attendance?, settings, key?, register?, policy?,
/// scores?, asOf?, participant?}`. With a key the result has the signed credentials.
#[wasm_bindgen(unchecked_return_type = "IssueAnswer")]
pub fn issue(#[wasm_bindgen(unchecked_param_type = "IssueOptions")] request: JsValue) -> Result<JsValue, JsValue> {
    let f = |n: &str| field(&request, n);
    run(
        tamat::json::issue,
        &[
            ("course", f("course"), false),
            ("attendance", f("attendance"), false),
            ("scores", f("scores"), false),
            ("policy", f("policy"), false),
            ("as_of", f("asOf"), true),
            ("participant", f("participant"), false),
            ("settings", f("settings"), false),
            ("register", f("register"), false),
            ("key", f("key"), false),
        ],
    )
}

/// Re-issues a certificate with current content, revoking the old one.
#[wasm_bindgen(unchecked_return_type = "ReissueAnswer")]
pub fn reissue(#[wasm_bindgen(unchecked_param_type = "ReissueOptions")] request: JsValue) -> Result<JsValue, JsValue> {
    let f = |n: &str| field(&request, n);
    run(
        tamat::json::reissue,
        &[
            ("course", f("course"), false),
            ("attendance", f("attendance"), false),
            ("scores", f("scores"), false),
            ("policy", f("policy"), false),
            ("settings", f("settings"), false),
            ("register", f("register"), false),
            ("key", f("key"), false),
            ("as_of", f("asOf"), true),
            ("participant", f("participant"), false),
            ("certificate", f("certificate"), false),
            ("at", f("at"), true),
            ("reason", f("reason"), false),
        ],
    )
}

/// Revokes, suspends or reinstates a certificate: returns `{entry, register}`.
#[wasm_bindgen(js_name = "changeStatus", unchecked_return_type = "StatusAnswer")]
pub fn change_status(
    #[wasm_bindgen(unchecked_param_type = "Register")] register: JsValue,
    certificate: &str,
    #[wasm_bindgen(unchecked_param_type = "\"revoke\" | \"suspend\" | \"reinstate\"")] action: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "{ at?: Date | string; reason?: string }")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let options = options.unwrap_or(JsValue::UNDEFINED);
    run(
        tamat::json::change_status,
        &[
            ("register", Some(register), false),
            ("certificate", Some(certificate.into()), false),
            ("action", Some(action.into()), false),
            ("at", field(&options, "at"), true),
            ("reason", field(&options, "reason"), false),
        ],
    )
}

/// The signed Bitstring Status List credential of one purpose.
#[wasm_bindgen(js_name = "statusList", unchecked_return_type = "Credential")]
pub fn status_list(
    #[wasm_bindgen(unchecked_param_type = "StatusListOptions")] request: JsValue,
) -> Result<JsValue, JsValue> {
    let f = |n: &str| field(&request, n);
    let result = run(
        tamat::json::status_list,
        &[
            ("register", f("register"), false),
            ("settings", f("settings"), false),
            ("key", f("key"), false),
            ("purpose", f("purpose"), false),
            ("valid_from", f("validFrom"), true),
            ("valid_until", f("validUntil"), true),
        ],
    )?;
    js_sys::Reflect::get(&result, &"credential".into())
}

/// Verifies a signed credential (an OB3 certificate or a status list) against trusted
/// keys and, when given, status-list credentials, at an instant.
#[wasm_bindgen(unchecked_return_type = "Verification")]
pub fn verify(
    #[wasm_bindgen(unchecked_param_type = "Credential | string")] credential: JsValue,
    #[wasm_bindgen(unchecked_param_type = "VerifyOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    run(
        tamat::json::verify,
        &[
            ("credential", Some(credential), false),
            ("keys", field(&options, "keys"), false),
            ("status_lists", field(&options, "statusLists"), false),
            ("at", field(&options, "at"), true),
        ],
    )
}

/// The public half of a key: `{multikey, did}`.
#[wasm_bindgen(js_name = "publicKey", unchecked_return_type = "PublicKeyAnswer")]
pub fn public_key(
    #[wasm_bindgen(unchecked_param_type = "SigningKeyInput")] key: JsValue,
    controller: Option<String>,
) -> Result<JsValue, JsValue> {
    run(
        tamat::json::public_key,
        &[
            ("key", Some(key), false),
            ("controller", controller.map(JsValue::from), false),
        ],
    )
}

/// Adds an `eddsa-jcs-2022` proof to any credential.
#[wasm_bindgen(js_name = "signCredential", unchecked_return_type = "Credential")]
pub fn sign_credential(
    #[wasm_bindgen(unchecked_param_type = "Credential")] credential: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SigningKeyInput")] key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Date | string")] created: JsValue,
) -> Result<JsValue, JsValue> {
    let result = run(
        tamat::json::sign_credential,
        &[
            ("credential", Some(credential), false),
            ("key", Some(key), false),
            ("created", Some(created), true),
        ],
    )?;
    js_sys::Reflect::get(&result, &"credential".into())
}

/// The QR payload and printable SVG of a signed certificate.
#[wasm_bindgen(unchecked_return_type = "RenderAnswer")]
pub fn render(
    #[wasm_bindgen(unchecked_param_type = "Certificate")] certificate: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Credential")] credential: JsValue,
    #[wasm_bindgen(unchecked_param_type = "IssuanceSettings")] settings: JsValue,
) -> Result<JsValue, JsValue> {
    run(
        tamat::json::render,
        &[
            ("certificate", Some(certificate), false),
            ("credential", Some(credential), false),
            ("settings", Some(settings), false),
        ],
    )
}

/// One certificate number, e.g. `00042/BU/VII/2025`.
#[wasm_bindgen(js_name = "formatNumber")]
pub fn format_number(
    sequence: f64,
    #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
    unit: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "NumberingSettings")] numbering: Option<JsValue>,
) -> Result<String, JsValue> {
    let result = run(
        tamat::json::format_number,
        &[
            ("sequence", Some(sequence.into()), false),
            ("date", Some(date), false),
            ("unit", Some(unit.into()), false),
            ("numbering", numbering, false),
        ],
    )?;
    Ok(js_sys::Reflect::get(&result, &"number".into())?
        .as_string()
        .unwrap_or_default())
}

/// RFC 8785 canonical JSON text of a document.
#[wasm_bindgen]
pub fn canonicalize(document: JsValue) -> Result<String, JsValue> {
    guard(|| {
        let result = unwrap(&tamat::json::canonicalize(&text_of(&document)?))?;
        Ok(js_sys::Reflect::get(&result, &"canonical".into())?
            .as_string()
            .unwrap_or_default())
    })
}

/// The bundled East Kalimantan course: `{course, attendance, settings, demoKey}`. The
/// demo key's seed is public: certificates signed with it prove nothing.
#[wasm_bindgen(unchecked_return_type = "Demo")]
pub fn demo() -> Result<JsValue, JsValue> {
    guard(|| {
        let settings = tamat::demo::kaltim_settings().map_err(|e| crate::glue::error(&e.into()))?;
        let settings = serde_json::to_string(&settings).unwrap_or_else(|_| "null".into());
        value_of(&format!(
            "{{\"course\":{},\"attendance\":{},\"settings\":{},\"demoKey\":{{\"secret\":\"{}\"}}}}",
            tamat::demo::KALTIM_COURSE_JSON,
            tamat::demo::KALTIM_ATTENDANCE_JSON,
            settings,
            tamat::demo::DEMO_SEED_HEX
        ))
    })
}
