//! Certificates as W3C Verifiable Credentials 2.0 / Open Badges 3.0
//! `OpenBadgeCredential`s with an `eddsa-jcs-2022` Data Integrity proof, and their
//! verification: signature, issuer key, revocation, suspension and validity period.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::certificates::certificate::{format_date, Certificate, CourseFacts, IssuanceSettings, Signatory};
use crate::certificates::status::{list_index, Bitstring, StatusPurpose, MESSAGE_STATUS_SIZE, STATUS_MESSAGES};
use crate::error::Localized;
use crate::error::{Lang, TamatError};
use crate::model::fixed::Fixed;
use crate::model::schedule::{format_date_time, parse_date_time};
use crate::proofs::contexts::{OB_CONTEXT, VC_CONTEXT};
use crate::proofs::encoding;
use crate::proofs::integrity::{proof_checks, worst, Cryptosuite, ProofCheck};
use crate::proofs::jcs;
use crate::proofs::rdfc::JsonLdContext;
use crate::proofs::signing::{Multikey, PublicKey, SigningKey};
use crate::rules::decision::Outcome;

/// The context entry that declares the credential's `sttpp` member (the certificate
/// itself, as this library writes it) a JSON literal, so that JSON-LD processors take it
/// as data and do not expand its ids as IRIs.
pub fn sttpp_context() -> Value {
    json!({ "sttpp": { "@id": "urn:tamat:sttpp", "@type": "@json" } })
}

/// The issuer id: the settings' `issuer.id`, else the key's `did:key`.
pub fn issuer_id(settings: &IssuanceSettings, key: &SigningKey) -> String {
    settings.issuer.id.clone().unwrap_or_else(|| key.public_key().did_key())
}

/// The key as it signs for these settings. An issuer that publishes under its own domain
/// (`settings.issuer.id` a `did:web:...`) names its key inside its DID document, so a key
/// that names no id of its own (it has its `did:key` id) signs as
/// `<issuer>#<publicKeyMultibase>`; any other key is used as it is.
pub fn issuing_key(settings: &IssuanceSettings, key: &SigningKey) -> SigningKey {
    let public = key.public_key();
    match settings.issuer.id.as_deref() {
        Some(did) if did.starts_with("did:web:") && key.key_id() == public.did_key_id() => {
            key.clone().with_key_id(format!("{did}#{}", public.multibase()))
        }
        _ => key.clone(),
    }
}

/// The issuer's public key as a Multikey (what `issuer.json` holds): the key id it signs
/// with, controlled by the issuer.
pub fn issuer_multikey(settings: &IssuanceSettings, key: &SigningKey) -> Multikey {
    issuing_key(settings, key).multikey(&issuer_id(settings, key))
}

/// The DID document a `did:web` issuer publishes at
/// `https://<host>/.well-known/did.json` (or `https://<host>/<path>/did.json` for
/// `did:web:<host>:<path>`): its key as a Multikey, for `assertionMethod`. `None` when the
/// issuer is not a `did:web`.
pub fn did_document(settings: &IssuanceSettings, key: &SigningKey) -> Option<Value> {
    let did = settings.issuer.id.as_deref().filter(|d| d.starts_with("did:web:"))?;
    let signing = issuing_key(settings, key);
    let method = json!({
        "id": signing.key_id(),
        "type": "Multikey",
        "controller": did,
        "publicKeyMultibase": key.public_key().multibase(),
    });
    Some(json!({
        "@context": ["https://www.w3.org/ns/did/v1", crate::proofs::signing::MULTIKEY_CONTEXT],
        "id": did,
        "verificationMethod": [method],
        "assertionMethod": [signing.key_id()],
    }))
}

/// Where a `did:web` DID's document is published (the DID method's rule: `:` separates
/// path segments, `%3A` is a port's colon). `None` for another DID.
pub fn did_web_url(did: &str) -> Option<String> {
    let rest = did.strip_prefix("did:web:")?;
    let mut parts = rest.split(':');
    let host = parts.next().filter(|h| !h.is_empty())?.replace("%3A", ":");
    let path: Vec<&str> = parts.collect();
    Some(if path.is_empty() {
        format!("https://{host}/.well-known/did.json")
    } else {
        format!("https://{host}/{}/did.json", path.join("/"))
    })
}

/// Builds the `OpenBadgeCredential`s of certificates as canonical (RFC 8785) bytes. The
/// parts a cohort shares (contexts, issuer profile, course, signatory, achievement) are
/// canonicalised once and reused, which is what makes bulk signing fast.
pub struct CredentialBuilder<'a> {
    settings: &'a IssuanceSettings,
    contexts: Vec<u8>,
    types: Vec<u8>,
    subject_types: Vec<u8>,
    profile: Value,
    courses: Vec<(CourseFacts, Arc<[u8]>)>,
    signatories: Vec<(Signatory, Arc<[u8]>)>,
    achievements: Vec<(AchievementKey, Arc<[u8]>)>,
    profiles: Vec<(String, Arc<[u8]>)>,
    /// The URL of the `message` status list, and its `statusMessage` in canonical form.
    list_url: String,
    status_messages: Vec<u8>,
}

#[derive(PartialEq)]
struct AchievementKey {
    unit: String,
    course: CourseFacts,
    status: Outcome,
    title: String,
    minimum: Fixed,
    policy_hash: String,
}

/// The cached bytes of the first key that `is` accepts, else `make`'s, cached under `key()`.
fn cached<K>(
    cache: &mut Vec<(K, Arc<[u8]>)>,
    is: impl Fn(&K) -> bool,
    key: impl FnOnce() -> K,
    make: impl FnOnce(&K) -> Vec<u8>,
) -> Arc<[u8]> {
    if let Some((_, bytes)) = cache.iter().find(|(k, _)| is(k)) {
        return Arc::clone(bytes);
    }
    let k = key();
    let bytes: Arc<[u8]> = make(&k).into();
    cache.push((k, Arc::clone(&bytes)));
    bytes
}

impl<'a> CredentialBuilder<'a> {
    /// A builder for credentials issued by `issuer` with these settings.
    pub fn new(settings: &'a IssuanceSettings, issuer: &str) -> CredentialBuilder<'a> {
        let mut profile = json!({ "id": issuer, "type": ["Profile"] });
        if let Some(url) = &settings.issuer.url {
            profile["url"] = json!(url);
        }
        CredentialBuilder {
            settings,
            contexts: jcs::to_vec(&json!([VC_CONTEXT, OB_CONTEXT, sttpp_context()])),
            types: jcs::to_vec(&json!(["VerifiableCredential", "OpenBadgeCredential"])),
            subject_types: jcs::to_vec(&json!(["AchievementSubject"])),
            profile,
            courses: Vec::new(),
            signatories: Vec::new(),
            achievements: Vec::new(),
            profiles: Vec::new(),
            list_url: settings.status_list_url(StatusPurpose::Message.code()),
            status_messages: jcs::to_vec(&Value::Array(
                STATUS_MESSAGES
                    .iter()
                    .map(|(status, message)| json!({ "status": status, "message": message }))
                    .collect(),
            )),
        }
    }

    /// The issuer profile, named as the settings say, else after the organiser.
    fn profile(&mut self, cert: &Certificate) -> Arc<[u8]> {
        let name = self
            .settings
            .issuer
            .name
            .clone()
            .unwrap_or_else(|| cert.course.organiser.clone());
        let base = &self.profile;
        cached(
            &mut self.profiles,
            |k| *k == name,
            || name.clone(),
            |n| {
                let mut v = base.clone();
                v["name"] = json!(n);
                jcs::to_vec(&v)
            },
        )
    }

    fn achievement(&mut self, cert: &Certificate) -> Arc<[u8]> {
        let is = |k: &AchievementKey| {
            k.status == cert.status
                && k.minimum == cert.evidence.minimum_percent
                && k.unit == cert.unit
                && k.title == cert.title
                && k.policy_hash == cert.evidence.policy_hash
                && k.course == cert.course
        };
        let key = || AchievementKey {
            unit: cert.unit.clone(),
            course: cert.course.clone(),
            status: cert.status,
            title: cert.title.clone(),
            minimum: cert.evidence.minimum_percent,
            policy_hash: cert.evidence.policy_hash.clone(),
        };
        cached(&mut self.achievements, is, key, |k| {
            let c = &k.course;
            jcs::to_vec(&json!({
                "id": format!("urn:tamat:achievement:{}:{}:{}", k.unit, c.id, k.status.code()),
                "type": ["Achievement"],
                "achievementType": match k.status {
                    Outcome::Lulus => "CertificateOfCompletion",
                    _ => "ext:CertificateOfAttendance",
                },
                "name": format!("{}: {}", k.title, c.title),
                "description": format!(
                    "{} {} ({} JP), {} - {}, {}.",
                    k.status.label(Lang::Id),
                    c.title,
                    c.total_jp,
                    format_date(c.start_date, Lang::Id),
                    format_date(c.end_date, Lang::Id),
                    c.organiser
                ),
                "criteria": {
                    "narrative": format!(
                        "Kehadiran minimal {}% menurut kebijakan {}; kehadiran peserta tercatat di sttpp.evidence.",
                        k.minimum, k.policy_hash
                    )
                },
            }))
        })
    }

    /// The certificate itself (the `sttpp` member): exactly `serde_json::to_value(cert)`
    /// in canonical form (a test holds it to that).
    fn sttpp(&mut self, cert: &Certificate) -> jcs::Object {
        let course = cached(
            &mut self.courses,
            |c| *c == cert.course,
            || cert.course.clone(),
            |c| jcs::to_vec(&serde_json::to_value(c).unwrap_or(Value::Null)),
        );
        let signatory = cached(
            &mut self.signatories,
            |s| *s == cert.signatory,
            || cert.signatory.clone(),
            |s| jcs::to_vec(&serde_json::to_value(s).unwrap_or(Value::Null)),
        );
        let h = &cert.holder;
        let mut holder = jcs::Object::with_capacity(11, 420);
        // Members are added in sorted order, which spares the sort its moves.
        holder
            .opt_str("agency", h.agency.as_deref())
            .date("birth_date", h.birth_date)
            .opt_str("birth_place", h.birth_place.as_deref())
            .str("id", &h.id)
            .str("name", &h.name)
            .opt_str("nik", h.nik.as_deref())
            .ser("nik_hash", &h.nik_hash)
            .opt_str("nip", h.nip.as_deref())
            .opt_str("nip_printed", h.nip_printed.as_deref())
            .opt_str("position", h.position.as_deref())
            .opt_str("rank", h.rank.as_deref());
        let e = &cert.evidence;
        let mut evidence = jcs::Object::with_capacity(6, 120);
        evidence
            .ser("attended", &e.attended)
            .str("measure", e.measure.code())
            .ser("minimum_percent", &e.minimum_percent)
            .ser("percent", &e.percent)
            .str("policy_hash", &e.policy_hash)
            .ser("total", &e.total);
        let mut o = jcs::Object::new();
        o.shared("course", &course)
            .str("document", cert.document.code())
            .object("evidence", evidence)
            .object("holder", holder)
            .str("id", &cert.id)
            .date_time("issued_at", cert.issued_at)
            .date("issued_on", Some(cert.issued_on))
            .str("number", &cert.number)
            .str("place", &cert.place)
            .opt_str("qualification", cert.qualification.as_deref())
            .ser("score", &cert.score)
            .shared("signatory", &signatory)
            .str("status", cert.status.code())
            .int("status_index", i64::try_from(cert.status_index).unwrap_or(i64::MAX))
            .opt_str("supersedes", cert.supersedes.as_deref())
            .str("title", &cert.title)
            .str("unit", &cert.unit)
            .ser("valid_until", &cert.valid_until);
        o
    }

    /// The credential's one `BitstringStatusListEntry`: two bits in the `message` list
    /// (see [`crate::certificates::status`]).
    fn status_entry(&self, slot: u64) -> Vec<u8> {
        let url = &self.list_url;
        let mut e = jcs::Object::with_capacity(7, 2 * url.len() + 300);
        let index = list_index(slot).to_string();
        e.str_concat("id", &[url, "#", &index])
            .str("statusListCredential", url)
            .str("statusListIndex", &index)
            .raw("statusMessage", self.status_messages.clone())
            .str("statusPurpose", StatusPurpose::Message.code())
            .int("statusSize", MESSAGE_STATUS_SIZE as i64)
            .str("type", "BitstringStatusListEntry");
        e.into_vec()
    }

    /// The members of the unsigned credential.
    fn members(&mut self, cert: &Certificate) -> jcs::Object {
        let h = &cert.holder;
        let identity = |kind: &str, value: &str, salt: Option<&str>| {
            let mut o = jcs::Object::with_capacity(5, value.len() + 60);
            o.raw(
                "hashed",
                if salt.is_some() {
                    b"true".to_vec()
                } else {
                    b"false".to_vec()
                },
            )
            .str("identityHash", value)
            .str("identityType", kind);
            if let Some(salt) = salt {
                o.str("salt", salt);
            }
            o.str("type", "IdentityObject");
            o.into_vec()
        };
        // Open Badges lets a subject be named by identifiers instead of an `id`: the NIP
        // (in clear: it is the civil servant's public service number), the NIK (a national
        // identity number: by default only salted and hashed, see `IdentitySettings`),
        // else the participant's id in the course. The rest of the holder is in `sttpp`.
        let mut parts: Vec<Vec<u8>> = Vec::with_capacity(2);
        if let Some(nip) = &h.nip {
            parts.push(identity("identifier", nip, None));
        }
        if let Some(nik) = &h.nik {
            parts.push(identity("nationalIdentityNumber", nik, None));
        } else if let Some(hashed) = &h.nik_hash {
            parts.push(identity("nationalIdentityNumber", &hashed.hash, Some(&hashed.salt)));
        }
        if parts.is_empty() {
            parts.push(identity("ext:participantId", &h.id, None));
        }
        let mut identifiers = Vec::with_capacity(200);
        identifiers.push(b'[');
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                identifiers.push(b',');
            }
            identifiers.extend_from_slice(part);
        }
        identifiers.push(b']');
        // The certificate itself goes at the credential's top level, under its own term,
        // not in the AchievementSubject (whose members Open Badges defines).
        let mut subject = jcs::Object::with_capacity(4, 64);
        subject
            .shared("achievement", &self.achievement(cert))
            .raw("identifier", identifiers)
            .raw("type", self.subject_types.clone());
        if let Some(q) = &cert.qualification {
            subject.value("result", &json!([{ "type": ["Result"], "value": q }]));
        }
        let status = self.status_entry(cert.status_index);
        let profile = self.profile(cert);
        let mut o = jcs::Object::new();
        o.raw("@context", self.contexts.clone())
            .raw("credentialStatus", status)
            .object("credentialSubject", subject)
            .str_concat("id", &["urn:uuid:", &cert.id])
            .shared("issuer", &profile)
            .str_concat("name", &[&cert.title, " ", &cert.number])
            .object("sttpp", self.sttpp(cert))
            .raw("type", self.types.clone())
            .str("validFrom", &format_date_time(cert.issued_at));
        if let Some(until) = cert.valid_until {
            o.str("validUntil", &format_date_time(until));
        }
        o
    }

    /// The unsigned credential's canonical bytes.
    pub fn unsigned(&mut self, cert: &Certificate) -> Vec<u8> {
        self.members(cert).into_vec()
    }
}

/// The unsigned `OpenBadgeCredential` of a certificate.
pub fn open_badge(cert: &Certificate, settings: &IssuanceSettings, issuer: &str) -> Value {
    let bytes = CredentialBuilder::new(settings, issuer).unsigned(cert);
    serde_json::from_slice(&bytes).unwrap_or(Value::Null)
}

/// Signs certificates as `OpenBadgeCredential`s with a proof set of the settings'
/// cryptosuites (`eddsa-rdfc-2022` and `eddsa-jcs-2022` by default); `proof.created` is
/// each certificate's moment of issue. The output is itself in canonical form.
pub struct CredentialSigner<'a> {
    builder: CredentialBuilder<'a>,
    key: SigningKey,
    suites: Vec<Cryptosuite>,
    /// The document's `@context`, which an `eddsa-rdfc-2022` proof configuration is read
    /// with.
    context: Value,
    /// Per `created`: per suite, the hash of the proof configuration and the canonical
    /// proof split where its `proofValue` goes.
    proofs: Vec<(String, Vec<ProofParts>)>,
}

impl<'a> CredentialSigner<'a> {
    /// A signer with the issuer of [`issuer_id`] and the key of [`issuing_key`].
    pub fn new(settings: &'a IssuanceSettings, key: &SigningKey) -> CredentialSigner<'a> {
        // Settings are validated before signing; an empty list signs with the default.
        let mut suites = settings.cryptosuites.clone();
        if suites.is_empty() {
            suites = crate::certificates::certificate::default_cryptosuites();
        }
        CredentialSigner {
            builder: CredentialBuilder::new(settings, &issuer_id(settings, key)),
            key: issuing_key(settings, key),
            suites,
            context: json!([VC_CONTEXT, OB_CONTEXT, sttpp_context()]),
            proofs: Vec::new(),
        }
    }

    /// The proof without its value. It names no `@context`: the document's context holds
    /// an inline term definition (`sttpp`), and verifiers that compare a proof's contexts
    /// with the document's by identity (Digital Bazaar's eddsa-jcs-2022) refuse a copy of
    /// an object; the signature covers the document's `@context` all the same (and an
    /// `eddsa-rdfc-2022` configuration is read with it).
    fn proof_config(&self, created: &str, suite: Cryptosuite) -> jcs::Object {
        let mut p = jcs::Object::with_capacity(6, 2 * self.key.key_id().len() + 100);
        p.str("created", created)
            .str("cryptosuite", suite.name())
            .str("proofPurpose", "assertionMethod")
            .str("type", crate::proofs::integrity::PROOF_TYPE)
            .str("verificationMethod", self.key.key_id());
        p
    }

    fn proof_parts(&mut self, created: &str) -> Result<usize, TamatError> {
        if let Some(i) = self.proofs.iter().position(|(c, _)| c == created) {
            return Ok(i);
        }
        let mut all = Vec::with_capacity(self.suites.len());
        for &suite in &self.suites {
            let config_hash: [u8; 32] = match suite {
                Cryptosuite::EddsaJcs2022 => Sha256::digest(self.proof_config(created, suite).into_vec()).into(),
                Cryptosuite::EddsaRdfc2022 => {
                    let config: Map<String, Value> =
                        serde_json::from_slice(&self.proof_config(created, suite).into_vec()).map_err(|e| {
                            TamatError::Internal {
                                message: format!("proof configuration: {e}"),
                            }
                        })?;
                    crate::proofs::integrity::config_hash(suite, &config, &self.context)?
                }
            };
            // The canonical proof with an empty value, split around that value.
            let mut proof = self.proof_config(created, suite);
            proof.str("proofValue", "");
            let whole = proof.into_vec();
            let marker = b"\"proofValue\":\"\"";
            let at = whole
                .windows(marker.len())
                .position(|w| w == marker)
                .map(|i| i + marker.len() - 1)
                .unwrap_or(whole.len());
            all.push(ProofParts {
                suite,
                config_hash,
                before_value: whole[..at].to_vec(),
                after_value: whole[at..].to_vec(),
            });
        }
        self.proofs.push((created.to_string(), all));
        Ok(self.proofs.len() - 1)
    }

    /// The signed credential as canonical JSON text.
    pub fn sign_to_string(&mut self, cert: &Certificate) -> Result<String, TamatError> {
        let created = format_date_time(cert.issued_at);
        let slot = self.proof_parts(&created)?;
        let doc = self.builder.members(cert);
        let parts = &self.proofs[slot].1;
        let key = &self.key;
        let mut failure = None;
        let bytes = doc.with_member("proof", |unsigned| {
            // A proof set (the OB 3.0 schema asks for an array, even of one).
            let mut proof = vec![b'['];
            for (i, part) in parts.iter().enumerate() {
                let document_hash: [u8; 32] = match part.suite {
                    Cryptosuite::EddsaJcs2022 => Sha256::digest(unsigned).into(),
                    Cryptosuite::EddsaRdfc2022 => match rdf_hash(unsigned) {
                        Ok(h) => h,
                        Err(e) => {
                            failure = Some(e);
                            [0; 32]
                        }
                    },
                };
                let mut data = [0u8; 64];
                data[..32].copy_from_slice(&part.config_hash);
                data[32..].copy_from_slice(&document_hash);
                let value = encoding::base58btc(&key.sign(&data));
                if i > 0 {
                    proof.push(b',');
                }
                proof.extend_from_slice(&part.before_value);
                proof.extend_from_slice(value.as_bytes());
                proof.extend_from_slice(&part.after_value);
            }
            proof.push(b']');
            proof
        });
        if let Some(e) = failure {
            return Err(e);
        }
        String::from_utf8(bytes).map_err(|e| TamatError::Internal {
            message: format!("signed credential: {e}"),
        })
    }

    /// The signed credential as a JSON value.
    pub fn sign(&mut self, cert: &Certificate) -> Result<Value, TamatError> {
        serde_json::from_str(&self.sign_to_string(cert)?).map_err(|e| TamatError::Internal {
            message: format!("signed credential: {e}"),
        })
    }
}

/// SHA-256 of a document's canonical N-Quads (`eddsa-rdfc-2022`).
fn rdf_hash(unsigned: &[u8]) -> Result<[u8; 32], TamatError> {
    let doc: Map<String, Value> = serde_json::from_slice(unsigned).map_err(|e| TamatError::Internal {
        message: format!("unsigned credential: {e}"),
    })?;
    Ok(Sha256::digest(crate::proofs::rdfc::canonical_nquads(&doc, &[])?).into())
}

struct ProofParts {
    suite: Cryptosuite,
    config_hash: [u8; 32],
    before_value: Vec<u8>,
    after_value: Vec<u8>,
}

/// Signs one certificate as an `OpenBadgeCredential` (see [`CredentialSigner`] to sign
/// many).
pub fn sign_certificate(
    cert: &Certificate,
    settings: &IssuanceSettings,
    key: &SigningKey,
) -> Result<Value, TamatError> {
    CredentialSigner::new(settings, key).sign(cert)
}

impl Certificate {
    /// `LULUS` or `TELAH MENGIKUTI`.
    pub fn status_label(&self) -> &'static str {
        self.status.label(Lang::Id)
    }
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
    /// The signature is valid and nothing says the certificate is withdrawn, but a
    /// status list it names was past its `validUntil` at the moment of the check: the
    /// status is not known as of then. Never reported as valid.
    StatusStale,
    /// The signature is valid, but a status list the credential names was not given, so
    /// whether it was revoked or suspended was not checked. Never reported as valid.
    StatusUnchecked,
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
            VerificationStatus::StatusStale => "status_stale",
            VerificationStatus::StatusUnchecked => "status_unchecked",
        }
    }

    /// How a verdict should be shown: only `valid` may be acted on as a valid
    /// certificate; `warning` verdicts say nothing is known against it but it is not in
    /// force as of now or not fully checked; `invalid` ones say it must not be trusted.
    pub fn severity(self) -> Severity {
        match self {
            VerificationStatus::Valid => Severity::Valid,
            VerificationStatus::Suspended
            | VerificationStatus::NotYetValid
            | VerificationStatus::StatusUnchecked
            | VerificationStatus::StatusStale => Severity::Warning,
            VerificationStatus::Tampered
            | VerificationStatus::UnknownKey
            | VerificationStatus::Revoked
            | VerificationStatus::Expired => Severity::Invalid,
        }
    }

    /// The verdict's headline (`SAH` / `VALID`, `DICABUT` / `REVOKED`, ...).
    pub fn headline(self) -> Localized {
        let (id, en) = match self {
            VerificationStatus::Valid => ("SAH", "VALID"),
            VerificationStatus::Tampered => ("TIDAK SAH: isi telah diubah", "INVALID: the content was changed"),
            VerificationStatus::UnknownKey => ("PENERBIT TIDAK DIKENAL", "UNKNOWN ISSUER"),
            VerificationStatus::Revoked => ("DICABUT", "REVOKED"),
            VerificationStatus::Suspended => ("DITANGGUHKAN", "SUSPENDED"),
            VerificationStatus::Expired => ("KEDALUWARSA", "EXPIRED"),
            VerificationStatus::NotYetValid => ("BELUM BERLAKU", "NOT YET VALID"),
            VerificationStatus::StatusUnchecked => ("STATUS TIDAK DIPERIKSA", "STATUS NOT CHECKED"),
            VerificationStatus::StatusStale => ("DAFTAR STATUS KEDALUWARSA", "STATUS LIST OUT OF DATE"),
        };
        Localized {
            id: id.into(),
            en: en.into(),
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
            VerificationStatus::StatusStale => (
                "Tanda tangan sah, tetapi daftar status sudah kedaluwarsa: status sertifikat tidak diketahui",
                "The signature is valid, but the status list is out of date: the certificate's status is not known",
            ),
            VerificationStatus::StatusUnchecked => (
                "Tanda tangan sah, tetapi status sertifikat (dicabut atau ditangguhkan) tidak diperiksa",
                "The signature is valid, but the certificate's status (revoked or suspended) was not checked",
            ),
        };
        Localized {
            id: id.into(),
            en: en.into(),
        }
    }
}

/// How a verdict is to be shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The only verdict to act on as a valid certificate.
    Valid,
    /// Nothing known against it, but not in force now or not fully checked.
    Warning,
    /// Not to be trusted.
    Invalid,
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
    /// The bit is clear, but the list was past its `validUntil` at the moment of the check.
    Stale,
}

impl VerificationStatus {
    /// Whether the verdict is "valid": the only one a caller may act on as a valid
    /// certificate.
    pub fn is_valid(self) -> bool {
        self == VerificationStatus::Valid
    }
}

/// The result of verifying a credential.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Verification {
    /// The verdict.
    pub status: VerificationStatus,
    /// How to show the verdict.
    pub severity: Severity,
    /// The verdict's headline for people.
    pub headline: Localized,
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
    /// Each proof of the credential, as checked: every one is, and the verdict is the
    /// worst of them.
    pub proofs: Vec<ProofReport>,
    /// Whether the credential names the identity number the verifier asked about
    /// (`VerifyOptions::identity`), in clear or as a salted hash; `None` when none was
    /// asked. It says who the certificate is for, not whether it is valid.
    pub identity: Option<IdentityMatch>,
}

/// Whether a credential names an identity number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IdentityMatch {
    /// One of its `IdentityObject`s is that number (or its salted hash).
    Matched,
    /// None is.
    NotMatched,
}

/// Whether `credential`'s subject names `number` (a NIP or NIK, spaces ignored) by one
/// of its `IdentityObject`s: in clear, or as Open Badges' salted `sha256$` hash. How a
/// verifier who holds the number checks a certificate that does not show it.
pub fn names_identity(credential: &Value, number: &str) -> bool {
    let digits: String = number.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(list) = credential
        .pointer("/credentialSubject/identifier")
        .and_then(Value::as_array)
    else {
        return false;
    };
    list.iter().any(|id| {
        let Some(value) = id.get("identityHash").and_then(Value::as_str) else {
            return false;
        };
        match (
            id.get("hashed").and_then(Value::as_bool),
            id.get("salt").and_then(Value::as_str),
        ) {
            (Some(true), salt) => {
                value.starts_with("sha256$")
                    && crate::certificates::certificate::identity_hash(&digits, salt.unwrap_or(""))
                        .eq_ignore_ascii_case(value)
            }
            (Some(false), _) => value == digits,
            _ => false,
        }
    })
}

/// What checking one proof of a credential found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ProofReport {
    /// Its cryptosuite.
    pub cryptosuite: Cryptosuite,
    /// The key id it names.
    pub key_id: String,
    /// `valid`, `tampered` or `unknown_key`.
    pub status: VerificationStatus,
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
    /// JSON-LD contexts known besides the bundled ones (for `eddsa-rdfc-2022` proofs of
    /// credentials that name other vocabularies). Nothing is ever fetched.
    pub contexts: Vec<JsonLdContext>,
    /// An identity number (NIP or NIK) the verifier holds: the answer says whether the
    /// credential names it ([`Verification::identity`]).
    pub identity: Option<String>,
}

fn invalid(reason: &'static str) -> TamatError {
    TamatError::InvalidCredential { problem: reason }
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
    let resolve = resolver(&keys, issuer.as_deref());
    let checks = proof_checks(credential, &resolve, &options.contexts)?;
    let proofs = checks
        .iter()
        .map(|(suite, check)| {
            let (status, key_id) = match check {
                ProofCheck::Valid { key_id } => (VerificationStatus::Valid, key_id),
                ProofCheck::UnknownKey { key_id } => (VerificationStatus::UnknownKey, key_id),
                ProofCheck::Tampered { key_id } => (VerificationStatus::Tampered, key_id),
            };
            ProofReport {
                cryptosuite: *suite,
                key_id: key_id.clone(),
                status,
            }
        })
        .collect();
    let check = worst(checks)?;
    let mut out = Verification {
        status: VerificationStatus::Valid,
        severity: VerificationStatus::Valid.severity(),
        headline: VerificationStatus::Valid.headline(),
        message: VerificationStatus::Valid.message(),
        credential: doc.get("id").and_then(Value::as_str).map(str::to_string),
        issuer: issuer.clone(),
        key_id: String::new(),
        revocation: StatusCheck::None,
        suspension: StatusCheck::None,
        proofs,
        identity: options.identity.as_deref().map(|n| {
            if names_identity(credential, n) {
                IdentityMatch::Matched
            } else {
                IdentityMatch::NotMatched
            }
        }),
    };
    let finish = |mut out: Verification, status: VerificationStatus| {
        out.status = status;
        out.severity = status.severity();
        out.headline = status.headline();
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
        let (purpose, found) = check_status(entry, options, &keys, issuer.as_deref())?;
        let (revocation, suspension) = match (purpose, found) {
            (StatusPurpose::Revocation, Found::Check(c)) => (Some(c), None),
            (StatusPurpose::Suspension, Found::Check(c)) => (None, Some(c)),
            (_, Found::Check(c)) => (Some(c), Some(c)),
            (
                _,
                Found::Message {
                    revoked,
                    suspended,
                    stale,
                },
            ) => {
                let read = |set: bool| match (set, stale) {
                    (true, _) => StatusCheck::Set,
                    (false, true) => StatusCheck::Stale,
                    (false, false) => StatusCheck::Clear,
                };
                (Some(read(revoked)), Some(read(suspended)))
            }
        };
        // Two entries of one purpose: the worse reading of the two stands.
        let worse = |a: StatusCheck, b: StatusCheck| if b.rank() > a.rank() { b } else { a };
        if let Some(c) = revocation {
            out.revocation = worse(out.revocation, c);
        }
        if let Some(c) = suspension {
            out.suspension = worse(out.suspension, c);
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
    // Fail closed: what was not checked, or checked against a list out of date, is never
    // reported valid.
    let checks = [out.revocation, out.suspension];
    if checks.contains(&StatusCheck::Stale) {
        return finish(out, VerificationStatus::StatusStale);
    }
    if checks.contains(&StatusCheck::Unchecked) {
        return finish(out, VerificationStatus::StatusUnchecked);
    }
    Ok(out)
}

/// What one status entry says.
enum Found {
    /// A one-bit entry, or a list not given (for a `message` entry: both purposes).
    Check(StatusCheck),
    /// A tamat `message` entry, read.
    Message {
        revoked: bool,
        suspended: bool,
        stale: bool,
    },
}

impl StatusCheck {
    /// How bad a reading is, so that two readings of one purpose keep the worse.
    fn rank(self) -> u8 {
        match self {
            StatusCheck::None => 0,
            StatusCheck::Clear => 1,
            StatusCheck::Stale => 2,
            StatusCheck::Unchecked => 3,
            StatusCheck::Set => 4,
        }
    }
}

/// The meaning of a `message` entry's value, from its own `statusMessage`: only the
/// messages tamat writes are understood (`valid`, `suspended`, `revoked`); any other,
/// or a value it does not list, is an error, never read as valid.
fn message_meaning(entry: &Value, value: u64) -> Result<(bool, bool), TamatError> {
    let wanted = format!("0x{value:x}");
    let message = entry
        .get("statusMessage")
        .and_then(Value::as_array)
        .and_then(|m| {
            m.iter().find(|x| {
                x.get("status")
                    .and_then(Value::as_str)
                    .is_some_and(|s| s.eq_ignore_ascii_case(&wanted))
            })
        })
        .and_then(|x| x.get("message"))
        .and_then(Value::as_str);
    match message {
        Some("valid") => Ok((false, false)),
        Some("suspended") => Ok((false, true)),
        Some("revoked") => Ok((true, false)),
        _ => Err(invalid("status_message")),
    }
}

fn check_status(
    entry: &Value,
    options: &VerifyOptions,
    keys: &[(Multikey, PublicKey)],
    issuer: Option<&str>,
) -> Result<(StatusPurpose, Found), TamatError> {
    let text = |k: &str| entry.get(k).and_then(Value::as_str);
    let (Some("BitstringStatusListEntry"), Some(purpose), Some(index), Some(url)) = (
        text("type"),
        text("statusPurpose").and_then(StatusPurpose::parse),
        text("statusListIndex").and_then(|i| i.parse::<u64>().ok()),
        text("statusListCredential"),
    ) else {
        return Err(invalid("status_entry"));
    };
    // statusSize: 1 when absent; a message entry needs more than one bit (and its
    // statusMessage), a one-purpose entry exactly one.
    let size = match entry.get("statusSize") {
        None => 1,
        Some(v) => v
            .as_u64()
            .filter(|n| (1..=8).contains(n))
            .ok_or(invalid("status_entry"))?,
    };
    if (purpose == StatusPurpose::Message) != (size > 1) {
        return Err(invalid("status_entry"));
    }
    let Some(list) = options
        .status_lists
        .iter()
        .find(|l| l.get("id").and_then(Value::as_str) == Some(url))
    else {
        return Ok((purpose, Found::Check(StatusCheck::Unchecked)));
    };
    let bad = |reason| TamatError::InvalidStatusList {
        list: url.to_string(),
        problem: reason,
    };
    let list_issuer = list.as_object().and_then(issuer_of);
    if list_issuer.as_deref() != issuer {
        return Err(bad("list_signature"));
    }
    let resolve = resolver(keys, issuer);
    match proof_checks(list, &resolve, &options.contexts).and_then(worst) {
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
    let list_until = match list.get("validUntil") {
        None => None,
        Some(v) => Some(v.as_str().and_then(parse_date_time).ok_or(bad("list_dates"))?),
    };
    // A list past its validUntil still proves a set bit (the issuer said so, signed); a
    // clear bit in it says nothing about now.
    let stale = match (options.at, list_until) {
        (Some(at), Some(until)) => at >= until,
        _ => false,
    };
    let value = bits.value(index, size).ok_or(invalid("status_entry"))?;
    if purpose == StatusPurpose::Message {
        let (revoked, suspended) = message_meaning(entry, value)?;
        return Ok((
            purpose,
            Found::Message {
                revoked,
                suspended,
                stale,
            },
        ));
    }
    Ok((
        purpose,
        Found::Check(match (value != 0, stale) {
            (true, _) => StatusCheck::Set,
            (false, true) => StatusCheck::Stale,
            (false, false) => StatusCheck::Clear,
        }),
    ))
}

/// The schema of a signed Verifiable Credential (VC 2.0) as answers hold it: an OB 3.0
/// certificate or a status list. Only the members every credential has are named; the
/// rest is open.
#[derive(Clone, Copy, Debug)]
pub struct CredentialDocument;

impl schemars::JsonSchema for CredentialDocument {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Credential".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A Verifiable Credential (VC 2.0), signed: an Open Badges 3.0 certificate or a Bitstring Status List.",
            "type": "object",
            "required": ["@context", "type", "issuer", "credentialSubject"],
            "properties": {
                "@context": {"type": "array"},
                "id": {"type": "string"},
                "type": {"type": "array", "items": {"type": "string"}},
                "issuer": {},
                "validFrom": {"type": "string"},
                "validUntil": {"type": "string"},
                "credentialSubject": {"type": "object"},
                "credentialStatus": {},
                "proof": {}
            },
            "additionalProperties": true
        })
    }
}
