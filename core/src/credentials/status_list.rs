//! Status lists as credentials: the W3C `BitstringStatusListCredential` of a register (or
//! of bits kept elsewhere), signed with the same proof set as the certificates.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::certificates::register::Register;
use crate::certificates::status::{check_size, Bitstring, StatusPurpose};
use crate::error::TamatError;
use crate::model::schedule::format_date_time;
use crate::proofs::contexts::VC_CONTEXT;
use crate::proofs::integrity::{add_proof_set, Cryptosuite};
use crate::proofs::signing::SigningKey;

/// The unsigned `BitstringStatusListCredential` of a register for one purpose, valid from
/// `valid_from` and, when given, until `valid_until` (after which a verifier reports the
/// list stale: see [`crate::credentials::credential::VerificationStatus::StatusStale`]).
pub fn status_list_document(
    register: &Register,
    purpose: StatusPurpose,
    list_url: &str,
    issuer: &str,
    size: u64,
    valid_from: DateTime<Utc>,
    valid_until: Option<DateTime<Utc>>,
) -> Result<Value, TamatError> {
    check_size(size)?;
    let bits = register.bitstring(purpose, size)?;
    status_list_credential(&bits, purpose, list_url, issuer, valid_from, valid_until)
}

/// The unsigned `BitstringStatusListCredential` of a bitstring (for callers that keep the
/// statuses elsewhere, such as a database).
pub fn status_list_credential(
    bits: &Bitstring,
    purpose: StatusPurpose,
    list_url: &str,
    issuer: &str,
    valid_from: DateTime<Utc>,
    valid_until: Option<DateTime<Utc>>,
) -> Result<Value, TamatError> {
    check_size(bits.len())?;
    if valid_until.is_some_and(|u| u <= valid_from) {
        return Err(TamatError::InvalidIssuanceSetting {
            field: "valid_until".into(),
            problem: "valid_until",
        });
    }
    let mut doc = json!({
        "@context": [VC_CONTEXT],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": format_date_time(valid_from),
        "credentialSubject": {
            "id": format!("{list_url}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": purpose.code(),
            "encodedList": bits.encode()?,
        }
    });
    if let Some(until) = valid_until {
        doc["validUntil"] = Value::String(format_date_time(until));
    }
    Ok(doc)
}

/// The signed status list credential, with a proof of each suite as a proof set (the
/// settings' `cryptosuites`, as credentials: a verifier of either suite can read it).
pub fn sign_status_list(
    document: &Value,
    key: &SigningKey,
    created: DateTime<Utc>,
    suites: &[Cryptosuite],
) -> Result<Value, TamatError> {
    add_proof_set(document, key, &format_date_time(created), suites)
}
