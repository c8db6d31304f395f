//! The verification site's own needs: `credentialHash` (what a QR code's `#<id>.<hash>`
//! is checked against) and `credentialsInPdf` (the credentials a dropped PDF carries).

use wasm_bindgen::prelude::*;

#[cfg(feature = "pdf")]
use crate::glue::value_of;
use crate::glue::{error, guard, text_of};

/// The hash a QR code carries for a signed credential: SHA-256 of its RFC 8785 form,
/// base64url (`tamat::certificates::credential_hash`). Throws on a text that is not a
/// JSON document.
#[wasm_bindgen(js_name = "credentialHash")]
pub fn credential_hash(
    #[wasm_bindgen(unchecked_param_type = "object | string")] credential: JsValue,
) -> Result<String, JsValue> {
    guard(|| {
        let text = match credential.as_string() {
            Some(t) => t,
            None => text_of(&credential)?,
        };
        let value = tamat::json::read_document(&text).map_err(|e| error(&e.into()))?;
        tamat::certificates::credential_hash(&value).map_err(|e| error(&e.into()))
    })
}

/// The credentials attached to a PDF, `[{name, credential}]` in the PDF's order
/// (`tamat_documents::credentials_in_pdf`). Throws `document.invalid` on bytes that are
/// not a PDF or a PDF without a credential.
#[wasm_bindgen(
    js_name = "credentialsInPdf",
    unchecked_return_type = "{ name: string; credential: Record<string, unknown> }[]"
)]
pub fn credentials_in_pdf(pdf: &[u8]) -> Result<JsValue, JsValue> {
    guard(|| {
        #[cfg(not(feature = "pdf"))]
        {
            let _ = pdf;
            Err(error(
                &tamat::TamatError::InvalidDocument {
                    problem: "pdf_not_in_build",
                    message: String::new(),
                }
                .into(),
            ))
        }
        #[cfg(feature = "pdf")]
        {
            let found = tamat_documents::credentials_in_pdf(pdf).map_err(|e| error(&e.into()))?;
            let list: Vec<serde_json::Value> = found
                .into_iter()
                .map(|a| serde_json::json!({"name": a.name, "credential": a.credential}))
                .collect();
            value_of(&serde_json::Value::Array(list).to_string())
        }
    })
}
