//! W3C Bitstring Status List v1.0: one bit per certificate, index 0 the left-most bit of
//! the first byte, gzip-compressed and written as base64url multibase (`u...`). One list
//! per purpose: `revocation` (bit set = revoked) and `suspension` (bit set = suspended).

use std::io::{Read, Write};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::certificate::MIN_STATUS_LIST_SIZE;
use crate::encoding;
use crate::error::TamatError;
use crate::integrity::{add_proof, format_date_time, ProofOptions};
use crate::register::{CertificateState, Register};
use crate::signing::SigningKey;

/// Decompressed lists larger than this (2^27 entries) are refused, so that a small
/// hostile input cannot expand without bound.
pub const MAX_LIST_BYTES: usize = 16 * 1024 * 1024;

/// What a status list says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatusPurpose {
    /// Bit set: revoked for good (the default purpose of a list).
    #[default]
    Revocation,
    /// Bit set: suspended for now.
    Suspension,
}

impl StatusPurpose {
    /// `revocation` or `suspension`.
    pub fn code(self) -> &'static str {
        match self {
            StatusPurpose::Revocation => "revocation",
            StatusPurpose::Suspension => "suspension",
        }
    }

    /// Reads `revocation` or `suspension`.
    pub fn parse(text: &str) -> Option<StatusPurpose> {
        match text {
            "revocation" => Some(StatusPurpose::Revocation),
            "suspension" => Some(StatusPurpose::Suspension),
            _ => None,
        }
    }
}

/// A bitstring.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bitstring {
    bytes: Vec<u8>,
}

impl Bitstring {
    /// `size` zero bits (rounded up to whole bytes).
    pub fn new(size: u64) -> Bitstring {
        Bitstring {
            bytes: vec![0; size.div_ceil(8) as usize],
        }
    }

    /// The bits of a register for one purpose.
    pub fn of_register(register: &Register, purpose: StatusPurpose, size: u64) -> Result<Bitstring, TamatError> {
        let mut bits = Bitstring::new(size);
        for e in &register.certificates {
            let set = match purpose {
                StatusPurpose::Revocation => e.state == CertificateState::Revoked,
                StatusPurpose::Suspension => e.state == CertificateState::Suspended,
            };
            if set && !bits.set(e.status_index) {
                return Err(TamatError::InvalidRegister {
                    reason: "index_out_of_range",
                    at: e.id.clone(),
                });
            }
        }
        Ok(bits)
    }

    /// Entries.
    pub fn len(&self) -> u64 {
        self.bytes.len() as u64 * 8
    }

    /// Whether it has no entries.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Sets bit `index`; false when it is outside the list.
    pub fn set(&mut self, index: u64) -> bool {
        match usize::try_from(index / 8).ok().and_then(|i| self.bytes.get_mut(i)) {
            Some(b) => {
                *b |= 0x80 >> (index % 8);
                true
            }
            None => false,
        }
    }

    /// Bit `index`; `None` outside the list.
    pub fn get(&self, index: u64) -> Option<bool> {
        let b = usize::try_from(index / 8).ok().and_then(|i| self.bytes.get(i))?;
        Some(b & (0x80 >> (index % 8)) != 0)
    }

    /// gzip, then base64url multibase.
    pub fn encode(&self) -> Result<String, TamatError> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&self.bytes)
            .and_then(|_| gz.finish())
            .map(|bytes| encoding::base64url(&bytes))
            .map_err(|e| TamatError::Internal {
                message: format!("gzip failed: {e}"),
            })
    }

    /// Reads an `encodedList`.
    pub fn decode(encoded: &str, list: &str) -> Result<Bitstring, TamatError> {
        let bad = |reason| TamatError::InvalidStatusList {
            list: list.to_string(),
            reason,
        };
        let gz = encoding::from_base64url(encoded).map_err(|_| bad("encoded_list"))?;
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(gz.as_slice())
            .take(MAX_LIST_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| bad("encoded_list"))?;
        if bytes.len() > MAX_LIST_BYTES {
            return Err(bad("encoded_list"));
        }
        let bits = Bitstring { bytes };
        if bits.len() < MIN_STATUS_LIST_SIZE {
            return Err(bad("list_too_short"));
        }
        Ok(bits)
    }
}

/// The unsigned `BitstringStatusListCredential` of a register for one purpose, valid from
/// `valid_from` and, when given, until `valid_until` (after which a verifier reports the
/// list stale: see [`crate::credential::VerificationStatus::StatusStale`]).
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
    let bits = Bitstring::of_register(register, purpose, size)?;
    status_list_credential(&bits, purpose, list_url, issuer, valid_from, valid_until)
}

fn check_size(size: u64) -> Result<(), TamatError> {
    if !(MIN_STATUS_LIST_SIZE..=MAX_LIST_BYTES as u64 * 8).contains(&size) || !size.is_multiple_of(8) {
        return Err(TamatError::InvalidIssuanceSetting {
            field: "status_list_size".into(),
            reason: "status_list_size",
        });
    }
    Ok(())
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
            reason: "valid_until",
        });
    }
    let mut doc = json!({
        "@context": [crate::credential::VC_CONTEXT],
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

/// The signed status list credential.
pub fn sign_status_list(document: &Value, key: &SigningKey, created: DateTime<Utc>) -> Result<Value, TamatError> {
    add_proof(
        document,
        key,
        &ProofOptions {
            created: format_date_time(created),
            proof_purpose: "assertionMethod".into(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_order_is_left_most_first() {
        let mut b = Bitstring::new(MIN_STATUS_LIST_SIZE);
        assert!(b.set(0));
        assert!(b.set(9));
        assert!(!b.set(MIN_STATUS_LIST_SIZE));
        assert_eq!(b.bytes[0], 0x80);
        assert_eq!(b.bytes[1], 0x40);
        assert_eq!(b.get(9), Some(true));
        assert_eq!(b.get(10), Some(false));
        assert_eq!(b.get(MIN_STATUS_LIST_SIZE), None);
    }

    #[test]
    fn round_trip_and_size_limits() {
        let mut b = Bitstring::new(MIN_STATUS_LIST_SIZE);
        b.set(131_071);
        let enc = b.encode().unwrap();
        assert!(enc.starts_with("uH4sI"), "gzip magic in base64url: {enc}");
        assert_eq!(Bitstring::decode(&enc, "l").unwrap(), b);
        let short = Bitstring::new(8).encode().unwrap();
        assert!(matches!(
            Bitstring::decode(&short, "l"),
            Err(TamatError::InvalidStatusList {
                reason: "list_too_short",
                ..
            })
        ));
        assert!(matches!(
            Bitstring::decode("uAAAA", "l"),
            Err(TamatError::InvalidStatusList {
                reason: "encoded_list",
                ..
            })
        ));
        let bomb = Bitstring::new((MAX_LIST_BYTES as u64 + 1) * 8).encode().unwrap();
        assert!(bomb.len() < 40_000);
        assert!(matches!(
            Bitstring::decode(&bomb, "l"),
            Err(TamatError::InvalidStatusList {
                reason: "encoded_list",
                ..
            })
        ));
    }
}
