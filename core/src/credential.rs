//! Certificates as W3C Verifiable Credentials 2.0 / Open Badges 3.0
//! `OpenBadgeCredential`s with an `eddsa-jcs-2022` Data Integrity proof, and their
//! verification: signature, issuer key, revocation, suspension and validity period.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::certificate::{format_date, Certificate, IssuanceSettings};
use crate::decision::Localized;
use crate::error::{Lang, TamatError};
use crate::integrity::{add_proof, format_date_time, parse_date_time, verify_proof, ProofCheck, ProofOptions};
use crate::signing::{Multikey, PublicKey, SigningKey};
use crate::status_list::{Bitstring, StatusPurpose};

/// The Verifiable Credentials 2.0 context.
pub const VC_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";
/// The Open Badges 3.0 context.
pub const OB_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

/// The issuer id: the settings' `issuer.id`, else the key's `did:key`.
pub fn issuer_id(settings: &IssuanceSettings, key: &SigningKey) -> String {
    settings.issuer.id.clone().unwrap_or_else(|| key.public_key().did_key())
}

/// The unsigned `OpenBadgeCredential` of a certificate.
pub fn open_badge(cert: &Certificate, settings: &IssuanceSettings, issuer: &str) -> Value {
    let mut profile = json!({
        "id": issuer,
        "type": ["Profile"],
        "name": settings.issuer.name.clone().unwrap_or_else(|| cert.course.organiser.clone()),
    });
    if let Some(url) = &settings.issuer.url {
        profile["url"] = json!(url);
    }
    let e = &cert.evidence;
    let percent = e.percent.map(|p| p.to_string()).unwrap_or_else(|| "-".into());
    let criteria = format!(
        "Kehadiran minimal {}% ({} dari {} {}, {}%), kebijakan {}.",
        e.minimum_percent,
        e.attended,
        e.total,
        measure_word(e.measure),
        percent,
        e.policy_hash
    );
    let mut identifiers = Vec::new();
    if let Some(nip) = &cert.holder.nip {
        identifiers.push(
            json!({"type": "IdentityObject", "identityType": "identifier", "hashed": false, "identityHash": nip}),
        );
    } else if let Some(nik) = &cert.holder.nik {
        identifiers.push(
            json!({"type": "IdentityObject", "identityType": "identifier", "hashed": false, "identityHash": nik}),
        );
    }
    identifiers.push(
        json!({"type": "IdentityObject", "identityType": "name", "hashed": false, "identityHash": cert.holder.name}),
    );
    let mut subject = json!({
        "type": ["AchievementSubject"],
        "identifier": identifiers,
        "achievement": {
            "id": format!("urn:tamat:achievement:{}:{}:{}", cert.unit, cert.course.id, status_word(cert)),
            "type": ["Achievement"],
            "achievementType": "Certificate",
            "name": format!("{}: {}", cert.title, cert.course.title),
            "description": format!(
                "{} {} ({} JP), {} - {}, {}.",
                cert.status_label(),
                cert.course.title,
                cert.course.total_jp,
                format_date(cert.course.start_date, Lang::Id),
                format_date(cert.course.end_date, Lang::Id),
                cert.course.organiser
            ),
            "criteria": { "narrative": criteria },
        },
        "sttpp": cert,
    });
    if let Some(q) = &cert.qualification {
        subject["result"] = json!([{ "type": ["Result"], "value": q }]);
    }
    let list = |purpose: StatusPurpose| {
        let url = settings.status_list_url(purpose.code());
        json!({
            "id": format!("{url}#{}", cert.status_index),
            "type": "BitstringStatusListEntry",
            "statusPurpose": purpose.code(),
            "statusListIndex": cert.status_index.to_string(),
            "statusListCredential": url,
        })
    };
    let mut vc = json!({
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": format!("urn:uuid:{}", cert.id),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": format!("{} {}", cert.title, cert.number),
        "issuer": profile,
        "validFrom": format_date_time(cert.issued_at),
        "credentialSubject": subject,
        "credentialStatus": [list(StatusPurpose::Revocation), list(StatusPurpose::Suspension)],
    });
    if let Some(until) = cert.valid_until {
        vc["validUntil"] = json!(format_date_time(until));
    }
    vc
}

fn measure_word(m: crate::policy::Measure) -> &'static str {
    match m {
        crate::policy::Measure::Sessions => "sesi",
        crate::policy::Measure::Jp => "JP",
        crate::policy::Measure::Minutes => "menit",
    }
}

fn status_word(cert: &Certificate) -> &'static str {
    cert.status.code()
}

impl Certificate {
    /// `LULUS` or `TELAH MENGIKUTI`.
    pub fn status_label(&self) -> &'static str {
        self.status.label(Lang::Id)
    }
}

/// Signs a certificate as an `OpenBadgeCredential`; `proof.created` is the moment of issue.
pub fn sign_certificate(
    cert: &Certificate,
    settings: &IssuanceSettings,
    key: &SigningKey,
) -> Result<Value, TamatError> {
    let doc = open_badge(cert, settings, &issuer_id(settings, key));
    add_proof(
        &doc,
        key,
        &ProofOptions {
            created: format_date_time(cert.issued_at),
            proof_purpose: "assertionMethod".into(),
        },
    )
}

/// The verdict on a credential.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VerificationStatus {
    /// Signed by a trusted key, unchanged, in force and within its validity period.
    Valid,
    /// Changed after signing (or signed by another key under the trusted key's id).
    Tampered,
    /// Signed by a key the verifier does not trust (or not the issuer's).
    UnknownKey,
    /// Revoked by its issuer.
    Revoked,
    /// Suspended by its issuer.
    Suspended,
    /// Past its `validUntil`.
    Expired,
    /// Before its `validFrom`.
    NotYetValid,
}

impl VerificationStatus {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            VerificationStatus::Valid => "valid",
            VerificationStatus::Tampered => "tampered",
            VerificationStatus::UnknownKey => "unknown_key",
            VerificationStatus::Revoked => "revoked",
            VerificationStatus::Suspended => "suspended",
            VerificationStatus::Expired => "expired",
            VerificationStatus::NotYetValid => "not_yet_valid",
        }
    }

    /// A message for people.
    pub fn message(self) -> Localized {
        let (id, en) = match self {
            VerificationStatus::Valid => ("Sertifikat sah", "The certificate is valid"),
            VerificationStatus::Tampered => (
                "Sertifikat telah diubah setelah ditandatangani",
                "The certificate was changed after it was signed",
            ),
            VerificationStatus::UnknownKey => (
                "Sertifikat ditandatangani dengan kunci yang tidak dikenal",
                "The certificate was signed with an unknown key",
            ),
            VerificationStatus::Revoked => ("Sertifikat telah dicabut", "The certificate has been revoked"),
            VerificationStatus::Suspended => ("Sertifikat sedang ditangguhkan", "The certificate is suspended"),
            VerificationStatus::Expired => ("Masa berlaku sertifikat telah habis", "The certificate has expired"),
            VerificationStatus::NotYetValid => ("Sertifikat belum berlaku", "The certificate is not yet valid"),
        };
        Localized {
            id: id.into(),
            en: en.into(),
        }
    }
}

/// What a status check found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatusCheck {
    /// The credential names no list of this purpose.
    None,
    /// The list was not given to the verifier.
    Unchecked,
    /// The bit is clear.
    Clear,
    /// The bit is set.
    Set,
}

/// The result of verifying a credential.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Verification {
    /// The verdict.
    pub status: VerificationStatus,
    /// The verdict for people.
    pub message: Localized,
    /// The credential's `id`.
    pub credential: Option<String>,
    /// The issuer's id.
    pub issuer: Option<String>,
    /// The key id the proof names.
    pub key_id: String,
    /// Revocation list check.
    pub revocation: StatusCheck,
    /// Suspension list check.
    pub suspension: StatusCheck,
}

/// What a verifier trusts and knows.
#[derive(Clone, Debug, Default)]
pub struct VerifyOptions {
    /// Trusted keys.
    pub keys: Vec<Multikey>,
    /// Status list credentials (signed by a trusted key).
    pub status_lists: Vec<Value>,
    /// The moment to judge validity at.
    pub at: Option<DateTime<Utc>>,
}

fn invalid(reason: &'static str) -> TamatError {
    TamatError::InvalidCredential { reason }
}

fn issuer_of(doc: &Map<String, Value>) -> Option<String> {
    match doc.get("issuer") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Object(o)) => o.get("id").and_then(Value::as_str).map(str::to_string),
        _ => None,
    }
}

/// Resolves a key id to a trusted key, checking that the key's controller (when it names
/// one) is the document's issuer.
fn resolver<'a>(keys: &'a [(Multikey, PublicKey)], issuer: Option<&'a str>) -> impl Fn(&str) -> Option<PublicKey> + 'a {
    move |id: &str| {
        keys.iter()
            .find(|(m, _)| m.id == id && (m.controller.is_empty() || Some(m.controller.as_str()) == issuer))
            .map(|(_, k)| *k)
    }
}

/// Verifies a credential: its proof with the trusted keys, then its status in the
/// status lists given, then its validity period at `options.at`. A credential whose
/// proof cannot be read is an error; every other outcome is a [`Verification`].
pub fn verify(credential: &Value, options: &VerifyOptions) -> Result<Verification, TamatError> {
    let Value::Object(doc) = credential else {
        return Err(invalid("not_object"));
    };
    let keys = options
        .keys
        .iter()
        .map(|m| m.public_key().map(|k| (m.clone(), k)))
        .collect::<Result<Vec<_>, _>>()?;
    let issuer = issuer_of(doc);
    let check = verify_proof(credential, resolver(&keys, issuer.as_deref()))?;
    let mut out = Verification {
        status: VerificationStatus::Valid,
        message: VerificationStatus::Valid.message(),
        credential: doc.get("id").and_then(Value::as_str).map(str::to_string),
        issuer: issuer.clone(),
        key_id: String::new(),
        revocation: StatusCheck::None,
        suspension: StatusCheck::None,
    };
    let finish = |mut out: Verification, status: VerificationStatus| {
        out.status = status;
        out.message = status.message();
        Ok(out)
    };
    match check {
        ProofCheck::Valid { key_id } => out.key_id = key_id,
        ProofCheck::UnknownKey { key_id } => {
            out.key_id = key_id;
            return finish(out, VerificationStatus::UnknownKey);
        }
        ProofCheck::Tampered { key_id } => {
            out.key_id = key_id;
            return finish(out, VerificationStatus::Tampered);
        }
    }
    let dates = |k: &str| match doc.get(k) {
        None => Ok(None),
        Some(v) => v
            .as_str()
            .and_then(parse_date_time)
            .map(Some)
            .ok_or(invalid("invalid_dates")),
    };
    let (from, until) = (dates("validFrom")?, dates("validUntil")?);
    let entries = match doc.get("credentialStatus") {
        None => Vec::new(),
        Some(Value::Array(a)) => a.iter().collect(),
        Some(v) => vec![v],
    };
    for entry in entries {
        let (purpose, result) = check_status(entry, options, &keys, issuer.as_deref())?;
        match purpose {
            StatusPurpose::Revocation => out.revocation = result,
            StatusPurpose::Suspension => out.suspension = result,
        }
    }
    if out.revocation == StatusCheck::Set {
        return finish(out, VerificationStatus::Revoked);
    }
    if out.suspension == StatusCheck::Set {
        return finish(out, VerificationStatus::Suspended);
    }
    if let Some(at) = options.at {
        if until.is_some_and(|u| at >= u) {
            return finish(out, VerificationStatus::Expired);
        }
        if from.is_some_and(|f| at < f) {
            return finish(out, VerificationStatus::NotYetValid);
        }
    }
    Ok(out)
}

fn check_status(
    entry: &Value,
    options: &VerifyOptions,
    keys: &[(Multikey, PublicKey)],
    issuer: Option<&str>,
) -> Result<(StatusPurpose, StatusCheck), TamatError> {
    let text = |k: &str| entry.get(k).and_then(Value::as_str);
    let (Some("BitstringStatusListEntry"), Some(purpose), Some(index), Some(url)) = (
        text("type"),
        text("statusPurpose").and_then(StatusPurpose::parse),
        text("statusListIndex").and_then(|i| i.parse::<u64>().ok()),
        text("statusListCredential"),
    ) else {
        return Err(invalid("status_entry"));
    };
    let Some(list) = options
        .status_lists
        .iter()
        .find(|l| l.get("id").and_then(Value::as_str) == Some(url))
    else {
        return Ok((purpose, StatusCheck::Unchecked));
    };
    let bad = |reason| TamatError::InvalidStatusList {
        list: url.to_string(),
        reason,
    };
    let list_issuer = list.as_object().and_then(issuer_of);
    if list_issuer.as_deref() != issuer {
        return Err(bad("list_signature"));
    }
    match verify_proof(list, resolver(keys, issuer)) {
        Ok(ProofCheck::Valid { .. }) => {}
        _ => return Err(bad("list_signature")),
    }
    let subject = &list["credentialSubject"];
    let is_list = list["type"]
        .as_array()
        .is_some_and(|t| t.iter().any(|x| x == "BitstringStatusListCredential"))
        && subject["type"] == "BitstringStatusList";
    if !is_list || subject["statusPurpose"].as_str() != Some(purpose.code()) {
        return Err(bad("not_status_list"));
    }
    let encoded = subject["encodedList"].as_str().ok_or(bad("encoded_list"))?;
    let bits = Bitstring::decode(encoded, url)?;
    match bits.get(index) {
        Some(true) => Ok((purpose, StatusCheck::Set)),
        Some(false) => Ok((purpose, StatusCheck::Clear)),
        None => Err(invalid("status_entry")),
    }
}
