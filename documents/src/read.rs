//! The credentials a PDF carries: its embedded files (every file specification with an
//! `/EF` stream, whether named in the catalogue's `EmbeddedFiles` tree or only in an
//! `/AF` array, and after incremental updates such as an electronic seal) that are JSON
//! credentials.

use lopdf::{Dictionary, Document, Object};
use serde_json::Value;
use tamat::TamatError;

/// A credential attached to a PDF.
#[derive(Clone, Debug, PartialEq)]
pub struct Attachment {
    /// The file's name in the PDF.
    pub name: String,
    /// The credential.
    pub credential: Value,
}

fn unreadable(message: impl ToString) -> TamatError {
    TamatError::InvalidDocument {
        problem: "pdf_unreadable",
        message: message.to_string(),
    }
}

fn text(obj: &Object) -> Option<String> {
    match obj {
        Object::String(bytes, _) => {
            Some(lopdf::decode_text_string(obj).unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned()))
        }
        _ => None,
    }
}

/// The file specification's stream, decoded.
fn embedded_bytes(doc: &Document, spec: &Dictionary) -> Result<Option<Vec<u8>>, TamatError> {
    let Ok(ef) = spec
        .get(b"EF")
        .and_then(|o| doc.dereference(o))
        .and_then(|(_, o)| o.as_dict())
    else {
        return Ok(None);
    };
    let stream = ef.get(b"UF").or_else(|_| ef.get(b"F")).and_then(|o| doc.dereference(o));
    let Ok((_, Object::Stream(stream))) = stream else {
        return Ok(None);
    };
    let bytes = if stream.dict.get(b"Filter").is_ok() {
        stream.decompressed_content().map_err(unreadable)?
    } else {
        stream.content.clone()
    };
    Ok(Some(bytes))
}

/// Every credential attached to `pdf`, in the order of the PDF's objects. Attached files
/// that are not JSON credentials (a `type` naming `VerifiableCredential`) are not
/// returned; an error when the bytes are not a PDF, or when it carries no credential
/// (`document.invalid`, `no_credential`): a PDF without one is never taken for a
/// certificate that checks.
pub fn credentials_in_pdf(pdf: &[u8]) -> Result<Vec<Attachment>, TamatError> {
    if !pdf.starts_with(b"%PDF-") {
        return Err(unreadable("no %PDF- header"));
    }
    let doc = Document::load_mem(pdf).map_err(unreadable)?;
    if doc.is_encrypted() {
        return Err(unreadable("encrypted"));
    }
    let mut found = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (id, object) in &doc.objects {
        let Ok(dict) = object.as_dict() else { continue };
        let is_spec = dict
            .get(b"Type")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Filespec")
            || dict.has(b"EF");
        if !is_spec {
            continue;
        }
        let Some(bytes) = embedded_bytes(&doc, dict)? else {
            continue;
        };
        let name = dict
            .get(b"UF")
            .ok()
            .and_then(text)
            .or_else(|| dict.get(b"F").ok().and_then(text))
            .unwrap_or_else(|| format!("object {} {}", id.0, id.1));
        let Ok(credential) = serde_json::from_slice::<Value>(&bytes) else {
            continue;
        };
        let is_credential = match credential.get("type") {
            Some(Value::Array(types)) => types.iter().any(|t| t == "VerifiableCredential"),
            Some(Value::String(t)) => t == "VerifiableCredential",
            _ => false,
        };
        if is_credential && seen.insert(bytes) {
            found.push(Attachment { name, credential });
        }
    }
    if found.is_empty() {
        return Err(TamatError::InvalidDocument {
            problem: "no_credential",
            message: String::new(),
        });
    }
    Ok(found)
}
