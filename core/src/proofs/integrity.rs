//! W3C Data Integrity proofs with the `eddsa-jcs-2022` and `eddsa-rdfc-2022`
//! cryptosuites, step by step as the specification (Data Integrity EdDSA Cryptosuites
//! v1.0, sections 3.2 and 3.3) writes them: canonicalise the proof options and the
//! document (RFC 8785 JCS for the first; JSON-LD to RDF and RDFC-1.0 canonical N-Quads,
//! [`crate::proofs::rdfc`], for the second), hash each with SHA-256, sign the proof hash followed
//! by the document hash with Ed25519, and encode the signature as base58btc multibase.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::error::TamatError;
use crate::model::schedule::parse_date_time;
use crate::proofs::encoding;
use crate::proofs::rdfc::{canonical_nquads, JsonLdContext};
use crate::proofs::signing::{PublicKey, SigningKey};

/// The proof type.
pub const PROOF_TYPE: &str = "DataIntegrityProof";
/// The JCS cryptosuite's name.
pub const CRYPTOSUITE: &str = "eddsa-jcs-2022";
/// The RDFC cryptosuite's name.
pub const RDFC_CRYPTOSUITE: &str = "eddsa-rdfc-2022";

/// A Data Integrity cryptosuite this library signs and checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub enum Cryptosuite {
    /// `eddsa-jcs-2022`: the JSON text canonicalised by RFC 8785. Every member is signed.
    #[serde(rename = "eddsa-jcs-2022")]
    EddsaJcs2022,
    /// `eddsa-rdfc-2022`: the JSON-LD document's RDF dataset, canonicalised by RDFC-1.0;
    /// the suite the Digital Credentials Consortium's verifier and 1EdTech's conformance
    /// tests accept.
    #[serde(rename = "eddsa-rdfc-2022")]
    EddsaRdfc2022,
}

impl Cryptosuite {
    /// The name proofs write in `cryptosuite`.
    pub fn name(self) -> &'static str {
        match self {
            Cryptosuite::EddsaJcs2022 => CRYPTOSUITE,
            Cryptosuite::EddsaRdfc2022 => RDFC_CRYPTOSUITE,
        }
    }

    /// The suite of a `cryptosuite` name.
    pub fn from_name(name: &str) -> Option<Cryptosuite> {
        [Cryptosuite::EddsaJcs2022, Cryptosuite::EddsaRdfc2022]
            .into_iter()
            .find(|c| c.name() == name)
    }
}

/// The proof options of a new proof.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProofOptions {
    /// `created`, an XML Schema date-time such as `2025-07-18T09:00:00Z`.
    pub created: String,
    /// `proofPurpose`; `assertionMethod` for credentials.
    pub proof_purpose: String,
    /// The cryptosuite.
    pub cryptosuite: Cryptosuite,
    /// JSON-LD contexts known besides the bundled ones (`eddsa-rdfc-2022` only).
    pub contexts: Vec<JsonLdContext>,
}

impl ProofOptions {
    /// `assertionMethod` options for a proof created at `created`, with `cryptosuite`.
    pub fn new(created: impl Into<String>, cryptosuite: Cryptosuite) -> ProofOptions {
        ProofOptions {
            created: created.into(),
            proof_purpose: "assertionMethod".into(),
            cryptosuite,
            contexts: Vec::new(),
        }
    }
}

/// What checking a proof found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProofCheck {
    /// The signature verifies with the key.
    Valid {
        /// The key id the proof names.
        key_id: String,
    },
    /// The proof names a key that the verifier does not trust.
    UnknownKey {
        /// The key id the proof names.
        key_id: String,
    },
    /// The signature does not match the document: something changed after signing.
    Tampered {
        /// The key id the proof names.
        key_id: String,
    },
}

fn invalid(reason: &'static str) -> TamatError {
    TamatError::InvalidCredential { problem: reason }
}

/// The RFC 8785 form of an object, by the core's writer (`proofs::jcs`, held byte for byte
/// to the `serde_json_canonicalizer` reference by its property tests): what
/// `eddsa-jcs-2022` hashes when it signs and when it verifies.
fn canonical(value: &Map<String, Value>) -> Result<Vec<u8>, TamatError> {
    let mut out = Vec::with_capacity(4096);
    super::jcs::write_object(value, &mut out);
    Ok(out)
}

/// RFC 8785 canonical form of a JSON value.
pub fn canonicalize(value: &Value) -> Result<String, TamatError> {
    String::from_utf8(super::jcs::to_vec(value)).map_err(|e| TamatError::Internal {
        message: format!("canonicalisation failed: {e}"),
    })
}

/// The canonical form a suite signs.
fn suite_canonical(
    suite: Cryptosuite,
    value: &Map<String, Value>,
    contexts: &[JsonLdContext],
) -> Result<Vec<u8>, TamatError> {
    match suite {
        Cryptosuite::EddsaJcs2022 => canonical(value),
        Cryptosuite::EddsaRdfc2022 => canonical_nquads(value, contexts).map(String::into_bytes),
    }
}

/// The bytes that are signed: SHA-256 of the canonical proof configuration followed by
/// SHA-256 of the canonical document. Under `eddsa-rdfc-2022` the configuration is read
/// with the document's `@context` when it names none of its own (its terms are those of
/// the Data Integrity vocabulary, which the VC 2.0 context defines).
fn hash_data(
    suite: Cryptosuite,
    proof_config: &Map<String, Value>,
    document: &Map<String, Value>,
    contexts: &[JsonLdContext],
) -> Result<[u8; 64], TamatError> {
    let mut out = [0u8; 64];
    let config_hash: [u8; 32] = if suite == Cryptosuite::EddsaRdfc2022 {
        let mut c = proof_config.clone();
        if !c.contains_key("@context") {
            if let Some(ctx) = document.get("@context") {
                c.insert("@context".into(), ctx.clone());
            }
        }
        rdfc_config_hash(&c, contexts)?
    } else {
        Sha256::digest(suite_canonical(suite, proof_config, contexts)?).into()
    };
    out[..32].copy_from_slice(&config_hash);
    out[32..].copy_from_slice(&Sha256::digest(suite_canonical(suite, document, contexts)?));
    Ok(out)
}

/// The hash of an `eddsa-rdfc-2022` proof configuration (with its `@context`). A cohort's
/// credentials share one configuration (same key, same moment), and reading it as
/// JSON-LD costs as much as reading a credential, so the last few are remembered: keyed
/// by the configuration's exact text, which holds everything its hash depends on (the
/// contexts given are part of the key too).
fn rdfc_config_hash(config: &Map<String, Value>, contexts: &[JsonLdContext]) -> Result<[u8; 32], TamatError> {
    use std::sync::{Mutex, OnceLock};
    type Remembered = Vec<(String, [u8; 32])>;
    static CACHE: OnceLock<Mutex<Remembered>> = OnceLock::new();
    const KEEP: usize = 16;
    let key = format!(
        "{}\u{0}{}",
        serde_json::to_string(config).unwrap_or_default(),
        serde_json::to_string(contexts).unwrap_or_default()
    );
    let cache = CACHE.get_or_init(|| Mutex::new(Vec::new()));
    if let Some(hit) = cache
        .lock()
        .ok()
        .and_then(|c| c.iter().find(|(k, _)| *k == key).map(|(_, h)| *h))
    {
        return Ok(hit);
    }
    let hash: [u8; 32] = Sha256::digest(canonical_nquads(config, contexts)?).into();
    if let Ok(mut c) = cache.lock() {
        if c.len() >= KEEP {
            c.remove(0);
        }
        c.push((key, hash));
    }
    Ok(hash)
}

/// The hash of a proof configuration, for signers that sign many documents with one.
pub(crate) fn config_hash(
    suite: Cryptosuite,
    proof_config: &Map<String, Value>,
    context: &Value,
) -> Result<[u8; 32], TamatError> {
    let mut c = proof_config.clone();
    if suite == Cryptosuite::EddsaRdfc2022 && !c.contains_key("@context") {
        c.insert("@context".into(), context.clone());
    }
    Ok(Sha256::digest(suite_canonical(suite, &c, &[])?).into())
}

/// Signs `document` (a JSON object without a `proof`) and returns it with a `proof`.
pub fn add_proof(document: &Value, key: &SigningKey, options: &ProofOptions) -> Result<Value, TamatError> {
    let Value::Object(doc) = document else {
        return Err(invalid("not_object"));
    };
    let mut unsecured = doc.clone();
    unsecured.remove("proof");
    let mut config = Map::new();
    config.insert("type".into(), PROOF_TYPE.into());
    config.insert("cryptosuite".into(), options.cryptosuite.name().into());
    config.insert("created".into(), options.created.clone().into());
    config.insert("verificationMethod".into(), key.key_id().into());
    config.insert("proofPurpose".into(), options.proof_purpose.clone().into());
    // eddsa-jcs-2022 writes the document's context into the proof (as its W3C vector
    // does); eddsa-rdfc-2022 reads the configuration with it but writes none (as its
    // vector does): hash_data supplies it.
    if options.cryptosuite == Cryptosuite::EddsaJcs2022 {
        if let Some(ctx) = unsecured.get("@context") {
            config.insert("@context".into(), ctx.clone());
        }
    }
    let signature = key.sign(&hash_data(options.cryptosuite, &config, &unsecured, &options.contexts)?);
    config.insert("proofValue".into(), encoding::base58btc(&signature).into());
    unsecured.insert("proof".into(), Value::Object(config));
    Ok(Value::Object(unsecured))
}

/// Signs `document` once per suite and returns it with the proofs as a proof set (`proof`
/// an array, each proof over the document without the others), created at `created`.
pub fn add_proof_set(
    document: &Value,
    key: &SigningKey,
    created: &str,
    suites: &[Cryptosuite],
) -> Result<Value, TamatError> {
    let mut proofs = Vec::with_capacity(suites.len());
    for suite in suites {
        let signed = add_proof(document, key, &ProofOptions::new(created, *suite))?;
        proofs.extend(signed.get("proof").cloned());
    }
    let Value::Object(mut doc) = document.clone() else {
        return Err(invalid("not_object"));
    };
    doc.insert("proof".into(), Value::Array(proofs));
    Ok(Value::Object(doc))
}

/// Checks the proof (or every proof of a proof set) of `document`. `resolve` maps the
/// proof's `verificationMethod` to a trusted key (or `None`). A document whose proof
/// cannot be read at all is an error (`credential.invalid`); readable proofs give the
/// worst [`ProofCheck`] of them (see [`proof_checks`] for each).
pub fn verify_proof(document: &Value, resolve: impl Fn(&str) -> Option<PublicKey>) -> Result<ProofCheck, TamatError> {
    worst(proof_checks(document, &resolve, &[])?)
}

/// Each proof of `document` checked, in the document's order: its suite and what was
/// found. `contexts` are JSON-LD contexts known besides the bundled ones.
pub fn proof_checks(
    document: &Value,
    resolve: &dyn Fn(&str) -> Option<PublicKey>,
    contexts: &[JsonLdContext],
) -> Result<Vec<(Cryptosuite, ProofCheck)>, TamatError> {
    let Value::Object(doc) = document else {
        return Err(invalid("not_object"));
    };
    match doc.get("proof") {
        None => Err(invalid("missing_proof")),
        Some(Value::Object(p)) => Ok(vec![verify_one(doc, p, resolve, contexts)?]),
        Some(Value::Array(list)) => verify_proof_set(doc, list, resolve, contexts),
        Some(_) => Err(invalid("proof_shape")),
    }
}

/// The worst of several checks: tampered, then unknown key, then valid.
pub fn worst(checks: Vec<(Cryptosuite, ProofCheck)>) -> Result<ProofCheck, TamatError> {
    let rank = |c: &ProofCheck| match c {
        ProofCheck::Valid { .. } => 0,
        ProofCheck::UnknownKey { .. } => 1,
        ProofCheck::Tampered { .. } => 2,
    };
    checks
        .into_iter()
        .map(|(_, c)| c)
        .max_by_key(rank)
        .ok_or(invalid("proof_shape"))
}

fn verify_one(
    doc: &Map<String, Value>,
    proof: &Map<String, Value>,
    resolve: &dyn Fn(&str) -> Option<PublicKey>,
    contexts: &[JsonLdContext],
) -> Result<(Cryptosuite, ProofCheck), TamatError> {
    let text = |k: &str| proof.get(k).and_then(Value::as_str);
    let (Some(kind), Some(suite), Some(key_id), Some(purpose), Some(value)) = (
        text("type"),
        text("cryptosuite"),
        text("verificationMethod"),
        text("proofPurpose"),
        text("proofValue"),
    ) else {
        return Err(invalid("proof_shape"));
    };
    let Some(suite) = Cryptosuite::from_name(suite).filter(|_| kind == PROOF_TYPE) else {
        return Err(invalid("unsupported_cryptosuite"));
    };
    if purpose != "assertionMethod" {
        return Err(invalid("proof_purpose"));
    }
    if let Some(created) = proof.get("created") {
        if created.as_str().and_then(parse_date_time).is_none() {
            return Err(invalid("invalid_dates"));
        }
    }
    let key_id = key_id.to_string();
    let Some(public) = resolve(&key_id) else {
        return Ok((suite, ProofCheck::UnknownKey { key_id }));
    };
    let Ok(signature) = encoding::from_base58btc(value) else {
        return Ok((suite, ProofCheck::Tampered { key_id }));
    };
    let mut options = proof.clone();
    options.remove("proofValue");
    let proof_ctx = options.get("@context");
    if let Some(proof_ctx) = proof_ctx {
        // The document's context must start with the proof's context, in order.
        let as_list = |v: &Value| match v {
            Value::Array(a) => a.clone(),
            other => vec![other.clone()],
        };
        let doc_ctx = doc.get("@context").map(as_list).unwrap_or_default();
        if !doc_ctx.starts_with(&as_list(proof_ctx)) {
            return Ok((suite, ProofCheck::Tampered { key_id }));
        }
    }
    // The proof configuration is the proof as given, without its value: a proof that
    // names no `@context` was signed without one (eddsa-jcs-2022, Verify Proof).
    let config = &options;
    let hashed = match suite {
        // The document without its proof (and with the proof's context), canonicalised
        // from its members as they are: no copy of the credential.
        Cryptosuite::EddsaJcs2022 => {
            let mut members: Vec<(&str, &Value)> = doc
                .iter()
                .filter(|(k, _)| k.as_str() != "proof" && !(proof_ctx.is_some() && k.as_str() == "@context"))
                .map(|(k, v)| (k.as_str(), v))
                .collect();
            if let Some(ctx) = proof_ctx {
                members.push(("@context", ctx));
            }
            let mut document = Vec::with_capacity(4096);
            super::jcs::write_members(members, &mut document);
            let mut out = [0u8; 64];
            out[..32].copy_from_slice(&Sha256::digest(canonical(config)?));
            out[32..].copy_from_slice(&Sha256::digest(&document));
            out
        }
        Cryptosuite::EddsaRdfc2022 => {
            let mut unsecured = doc.clone();
            unsecured.remove("proof");
            if let Some(ctx) = proof_ctx {
                unsecured.insert("@context".into(), ctx.clone());
            }
            hash_data(suite, config, &unsecured, contexts)?
        }
    };
    if public.verify(&hashed, &signature) {
        Ok((suite, ProofCheck::Valid { key_id }))
    } else {
        Ok((suite, ProofCheck::Tampered { key_id }))
    }
}

/// A proof set (several independent proofs over the same document): every proof is
/// checked on the document without the others. Chained proofs (`previousProof`) are not
/// supported.
fn verify_proof_set(
    doc: &serde_json::Map<String, Value>,
    proofs: &[Value],
    resolve: &dyn Fn(&str) -> Option<PublicKey>,
    contexts: &[JsonLdContext],
) -> Result<Vec<(Cryptosuite, ProofCheck)>, TamatError> {
    if proofs.is_empty()
        || proofs
            .iter()
            .any(|p| !p.is_object() || p.get("previousProof").is_some())
    {
        return Err(invalid("proof_shape"));
    }
    proofs
        .iter()
        .filter_map(Value::as_object)
        .map(|p| verify_one(doc, p, resolve, contexts))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schedule::format_date_time;
    use serde_json::json;

    fn key() -> SigningKey {
        SigningKey::from_seed(&[1u8; 32])
    }

    fn signed() -> Value {
        let doc = json!({"@context": ["https://www.w3.org/ns/credentials/v2"], "name": "x", "n": 1.5});
        let opts = ProofOptions {
            created: "2025-07-18T00:00:00Z".into(),
            proof_purpose: "assertionMethod".into(),
            cryptosuite: Cryptosuite::EddsaJcs2022,
            contexts: Vec::new(),
        };
        add_proof(&doc, &key(), &opts).unwrap()
    }

    #[test]
    fn date_times_are_whole_seconds_utc() {
        let t = parse_date_time("2025-07-17T23:05:09.75+08:00").unwrap();
        assert_eq!(format_date_time(t), "2025-07-17T15:05:09Z");
        assert_eq!(format_date_time(t), t.format("%Y-%m-%dT%H:%M:%SZ").to_string());
    }

    #[test]
    fn sign_then_verify() {
        let k = key();
        let doc = signed();
        let check = verify_proof(&doc, |id| (id == k.key_id()).then(|| k.public_key())).unwrap();
        assert_eq!(
            check,
            ProofCheck::Valid {
                key_id: k.key_id().into()
            }
        );
        assert!(matches!(
            verify_proof(&doc, |_| None).unwrap(),
            ProofCheck::UnknownKey { .. }
        ));
        let other = SigningKey::from_seed(&[2u8; 32]).public_key();
        assert!(matches!(
            verify_proof(&doc, |_| Some(other)).unwrap(),
            ProofCheck::Tampered { .. }
        ));
    }

    #[test]
    fn changes_are_caught() {
        let k = key();
        let resolve = |_: &str| Some(k.public_key());
        let mut doc = signed();
        doc["name"] = json!("y");
        assert!(matches!(
            verify_proof(&doc, resolve).unwrap(),
            ProofCheck::Tampered { .. }
        ));
        let mut doc = signed();
        doc["proof"]["created"] = json!("2025-07-18T00:00:01Z");
        assert!(matches!(
            verify_proof(&doc, resolve).unwrap(),
            ProofCheck::Tampered { .. }
        ));
        let mut doc = signed();
        doc["@context"] = json!(["https://example.org/other"]);
        assert!(matches!(
            verify_proof(&doc, resolve).unwrap(),
            ProofCheck::Tampered { .. }
        ));
    }

    #[test]
    fn proof_sets_need_every_proof() {
        let k = key();
        let other = SigningKey::from_seed(&[3u8; 32]);
        let doc = json!({"@context": ["https://www.w3.org/ns/credentials/v2"], "name": "x"});
        let opts = ProofOptions {
            created: "2025-07-18T00:00:00Z".into(),
            proof_purpose: "assertionMethod".into(),
            cryptosuite: Cryptosuite::EddsaJcs2022,
            contexts: Vec::new(),
        };
        let a = add_proof(&doc, &k, &opts).unwrap()["proof"].clone();
        let b = add_proof(&doc, &other, &opts).unwrap()["proof"].clone();
        let mut set = doc.clone();
        set["proof"] = json!([a, b]);
        let both = |id: &str| {
            [&k, &other]
                .into_iter()
                .find(|x| x.key_id() == id)
                .map(|x| x.public_key())
        };
        assert!(matches!(verify_proof(&set, both).unwrap(), ProofCheck::Valid { .. }));
        let only_k = |id: &str| (id == k.key_id()).then(|| k.public_key());
        assert!(matches!(
            verify_proof(&set, only_k).unwrap(),
            ProofCheck::UnknownKey { .. }
        ));
        set["name"] = json!("y");
        assert!(matches!(verify_proof(&set, both).unwrap(), ProofCheck::Tampered { .. }));
        set["proof"] = json!([]);
        assert!(verify_proof(&set, both).is_err());
    }

    #[test]
    fn unreadable_proofs_are_errors() {
        let k = key();
        let resolve = |_: &str| Some(k.public_key());
        let code = |doc: Value| match verify_proof(&doc, resolve) {
            Err(TamatError::InvalidCredential { problem: reason }) => reason,
            other => panic!("{other:?}"),
        };
        assert_eq!(code(json!([1])), "not_object");
        assert_eq!(code(json!({"a": 1})), "missing_proof");
        let mut doc = signed();
        doc["proof"]["cryptosuite"] = json!("eddsa-foo-2022");
        assert_eq!(code(doc), "unsupported_cryptosuite");
        let mut doc = signed();
        doc["proof"]["proofPurpose"] = json!("authentication");
        assert_eq!(code(doc), "proof_purpose");
        let mut doc = signed();
        doc["proof"]["proofValue"] = json!(5);
        assert_eq!(code(doc), "proof_shape");
    }
}
