//! Certificate requests of the JSON contract: issue, re-issue, change a status, build a
//! status list, verify, and the building blocks (sign any credential, canonicalise,
//! number, render). Each request is one serde type, shared by every language.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::certificates::certificate::{Certificate, IssuanceSettings};
use crate::certificates::numbering::NumberingSettings;
use crate::certificates::register::Register;
use crate::certificates::render::{certificate_svg, qr_payload};
use crate::certificates::status::StatusPurpose;
use crate::contract::request::EvaluateRequest;
use crate::credentials::credential::{issuer_id, verify, CredentialSigner, VerifyOptions};
use crate::credentials::status_list::{sign_status_list, status_list_document};
use crate::error::{Errors, TamatError};
use crate::model::assessment::Score;
use crate::model::course::Course;
use crate::model::marks::Mark;
use crate::model::policy::Policy;
use crate::model::schedule::format_date_time;
use crate::proofs::integrity::{add_proof, Cryptosuite, ProofOptions};
use crate::proofs::signing::{Multikey, SigningKey};

/// A signing key in a request: the seed as 64 hex digits or a Multikey secret
/// (`z3u2...`), and optionally the key id proofs name (default `did:key:...#...`).
#[derive(Clone, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct KeyInput {
    /// The secret.
    pub secret: String,
    /// The key id.
    #[serde(default)]
    pub id: Option<String>,
}

impl std::fmt::Debug for KeyInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyInput").field("id", &self.id).finish_non_exhaustive()
    }
}

impl Drop for KeyInput {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.secret);
    }
}

/// Read by hand so that no error ever quotes the secret: serde's messages quote the
/// value they refuse (`invalid type: string "7461..."`), and a key is the one value that
/// must never reach an error, a log or a screen.
impl<'de> Deserialize<'de> for KeyInput {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // `any`, not `map`: serde_json would word (and quote) a refusal of `map` itself.
        d.deserialize_any(KeyInputVisitor)
    }
}

struct KeyInputVisitor;

const KEY_SHAPE: &str = "a signing key is an object {\"secret\": text, \"id\"?: text} (the value is not shown)";

impl<'de> serde::de::Visitor<'de> for KeyInputVisitor {
    type Value = KeyInput;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(KEY_SHAPE)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<KeyInput, A::Error> {
        use serde::de::Error;
        let mut secret: Option<zeroize::Zeroizing<String>> = None;
        let mut id: Option<Option<String>> = None;
        while let Some(field) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match field.as_ref() {
                "secret" if secret.is_none() => {
                    let value = map
                        .next_value::<SecretText>()
                        .map_err(|_| A::Error::custom("`key.secret` must be text (the value is not shown)"))?;
                    secret = Some(value.0);
                }
                "id" if id.is_none() => id = Some(map.next_value()?),
                "secret" | "id" => return Err(A::Error::custom(format_args!("duplicate field `{field}` in the key"))),
                other => {
                    return Err(A::Error::custom(format_args!(
                        "unknown field `{other}` in the key, expected `secret` or `id`"
                    )))
                }
            }
        }
        let mut secret = secret.ok_or_else(|| A::Error::missing_field("secret"))?;
        // moved out, not copied: the text has one owner, which zeroizes it on drop
        Ok(KeyInput {
            secret: std::mem::take(&mut *secret),
            id: id.flatten(),
        })
    }
    // Anything but an object: refused without quoting it.
    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<KeyInput, E> {
        Err(E::custom(KEY_SHAPE))
    }
    fn visit_bytes<E: serde::de::Error>(self, _: &[u8]) -> Result<KeyInput, E> {
        Err(E::custom(KEY_SHAPE))
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<KeyInput, E> {
        Err(E::custom(KEY_SHAPE))
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<KeyInput, E> {
        Err(E::custom(KEY_SHAPE))
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<KeyInput, E> {
        Err(E::custom(KEY_SHAPE))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, _: A) -> Result<KeyInput, A::Error> {
        Err(serde::de::Error::custom(KEY_SHAPE))
    }
}

/// The secret's text, zeroized when dropped; refused without being quoted.
struct SecretText(zeroize::Zeroizing<String>);

impl<'de> Deserialize<'de> for SecretText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = SecretText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("text")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<SecretText, E> {
                Ok(SecretText(zeroize::Zeroizing::new(v.to_owned())))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<SecretText, E> {
                Ok(SecretText(zeroize::Zeroizing::new(v)))
            }
        }
        d.deserialize_str(V)
    }
}

impl zeroize::ZeroizeOnDrop for KeyInput {}

impl KeyInput {
    /// The key.
    pub fn key(&self) -> Result<SigningKey, TamatError> {
        let key = SigningKey::parse(&self.secret)?;
        Ok(match &self.id {
            Some(id) => key.with_key_id(id.clone()),
            None => key,
        })
    }
}

/// Issue certificates: an evaluation request plus `settings`, the `register` so far
/// (empty when absent) and, to sign, a `key`.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueRequest {
    /// The course.
    pub course: Course,
    /// The marks.
    #[serde(default)]
    pub attendance: Vec<Mark>,
    /// Scores.
    #[serde(default)]
    pub scores: Vec<Score>,
    /// The policy (default: the course's own).
    #[serde(default)]
    pub policy: Option<Policy>,
    /// Evaluate as of this instant (participants still pending get nothing).
    #[serde(default)]
    #[schemars(with = "Option<DateTime<Utc>>")]
    pub as_of: Option<String>,
    /// Issue for this participant only.
    #[serde(default)]
    pub participant: Option<String>,
    /// Issuance settings.
    pub settings: IssuanceSettings,
    /// The register so far.
    #[serde(default)]
    pub register: Option<Register>,
    /// Sign with this key: the result then holds the signed credentials too.
    #[serde(default)]
    pub key: Option<KeyInput>,
    /// Issue although the course is still running at `as_of`, evaluating it as if it had
    /// ended (default false: refused with `certificate.course_not_ended`).
    #[serde(default)]
    pub early: bool,
}

/// Re-issue one certificate: the request of [`IssueRequest`] (the participant's
/// evaluation and the settings) plus the certificate to replace, when the old one stops
/// and why. The old one is revoked, the new one supersedes it.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReissueRequest {
    /// The course.
    pub course: Course,
    /// The marks.
    #[serde(default)]
    pub attendance: Vec<Mark>,
    /// Scores.
    #[serde(default)]
    pub scores: Vec<Score>,
    /// The policy (default: the course's own).
    #[serde(default)]
    pub policy: Option<Policy>,
    /// Evaluate as of this instant.
    #[serde(default)]
    #[schemars(with = "Option<DateTime<Utc>>")]
    pub as_of: Option<String>,
    /// The participant (default: the holder of the certificate replaced).
    #[serde(default)]
    pub participant: Option<String>,
    /// Issuance settings.
    pub settings: IssuanceSettings,
    /// The register so far.
    #[serde(default)]
    pub register: Option<Register>,
    /// Sign with this key: the result then holds the signed credential too.
    #[serde(default)]
    pub key: Option<KeyInput>,
    /// Re-issue although the course is still running at `as_of` (see [`IssueRequest`]).
    #[serde(default)]
    pub early: bool,
    /// The id of the certificate to replace.
    pub certificate: String,
    /// When the old one stops (default: the new one's moment of issue).
    #[serde(default)]
    pub at: Option<DateTime<Utc>>,
    /// Why.
    #[serde(default)]
    pub reason: Option<String>,
}

/// The evaluation both requests start from.
fn evaluate_for(
    course: &Course,
    attendance: &[Mark],
    scores: &[Score],
    policy: &Option<Policy>,
    as_of: &Option<String>,
    participant: &Option<String>,
    early: bool,
) -> Result<crate::rules::decision::Evaluation, Errors> {
    let request = EvaluateRequest {
        course: course.clone(),
        attendance: attendance.to_vec(),
        scores: scores.to_vec(),
        policy: policy.clone(),
        as_of: as_of.clone(),
        participant: participant.clone(),
        trace: false,
    };
    evaluation_for_issue(&request, early)
}

/// The evaluation certificates are issued from: no early issuance. When `as_of` (the
/// moment of the request) is before the end of the course's last session, issuing is
/// refused with `certificate.course_not_ended`, because documents would be signed for
/// attendance that is not complete; with `early` the course is evaluated as if it had
/// ended. Without `as_of` the caller states the course is over. Every issuing front end
/// (the JSON contract, the register store, the command) goes through this.
pub fn evaluation_for_issue(
    request: &EvaluateRequest,
    early: bool,
) -> Result<crate::rules::decision::Evaluation, Errors> {
    let mut request = request.clone();
    request.trace = false;
    if let Some(at) = request.as_of.as_deref().and_then(crate::model::schedule::parse_instant) {
        let ends_at = request.course.schedule()?.sessions.iter().map(|s| s.end).max();
        if let Some(end) = ends_at.filter(|end| at < *end) {
            if !early {
                return Err(TamatError::CourseNotEnded {
                    course: request.course.id.clone(),
                    ends_at: format_date_time(end),
                    as_of: format_date_time(at),
                }
                .into());
            }
            request.as_of = None;
        }
    }
    crate::contract::request::evaluate(&request)
}

/// Signs certificates when a key is given: the credentials and the issuer's Multikey.
fn signed_with(
    key: Option<&KeyInput>,
    settings: &IssuanceSettings,
    certs: &[Certificate],
) -> Result<Option<(Vec<Value>, Multikey)>, Errors> {
    let Some(k) = key else { return Ok(None) };
    let key = k.key()?;
    let mut signer = CredentialSigner::new(settings, &key);
    let creds = certs.iter().map(|c| signer.sign(c)).collect::<Result<Vec<_>, _>>()?;
    Ok(Some((
        creds,
        crate::credentials::credential::issuer_multikey(settings, &key),
    )))
}

impl IssueRequest {
    fn evaluate(&self) -> Result<crate::rules::decision::Evaluation, Errors> {
        evaluate_for(
            &self.course,
            &self.attendance,
            &self.scores,
            &self.policy,
            &self.as_of,
            &self.participant,
            self.early,
        )
    }
}

/// What `issue` answers: the issuance (every certificate in force for the participants
/// evaluated, what was issued, unchanged and skipped), the register after it and, when a
/// key was given, the signed credentials (in certificate order) and the issuer's key.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct IssueAnswer {
    /// What the issuance did.
    #[serde(flatten)]
    pub issuance: crate::certificates::register::Issuance,
    /// The register after it.
    pub register: Register,
    /// The signed credentials, one per certificate, when a key was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Vec<crate::credentials::credential::CredentialDocument>>")]
    pub credentials: Option<Vec<Value>>,
    /// The issuer's public key, when a key was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<Multikey>,
}

/// `issue`.
pub fn issue(request: &IssueRequest) -> Result<IssueAnswer, Errors> {
    let evaluation = request.evaluate()?;
    let mut register = request.register.clone().unwrap_or_default();
    let issuance = register.issue(&request.course, &evaluation, &request.settings)?;
    let signed = signed_with(request.key.as_ref(), &request.settings, &issuance.certificates)?;
    let (credentials, issuer) = signed.map_or((None, None), |(c, i)| (Some(c), Some(i)));
    Ok(IssueAnswer {
        issuance,
        register,
        credentials,
        issuer,
    })
}

/// What `reissue` answers: the new certificate, the register after it and, when a key was
/// given, its signed credential and the issuer's key.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ReissueAnswer {
    /// The new certificate.
    pub certificate: Certificate,
    /// The register after it.
    pub register: Register,
    /// The signed credential, when a key was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<crate::credentials::credential::CredentialDocument>")]
    pub credential: Option<Value>,
    /// The issuer's public key, when a key was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<Multikey>,
}

/// `reissue`.
pub fn reissue(request: &ReissueRequest) -> Result<ReissueAnswer, Errors> {
    let r = request;
    let evaluation = evaluate_for(
        &r.course,
        &r.attendance,
        &r.scores,
        &r.policy,
        &r.as_of,
        &r.participant,
        r.early,
    )?;
    let mut register = r.register.clone().unwrap_or_default();
    let cert = register.reissue(
        &r.course,
        &evaluation,
        &r.settings,
        &r.certificate,
        r.at,
        r.reason.as_deref(),
    )?;
    let signed = signed_with(r.key.as_ref(), &r.settings, std::slice::from_ref(&cert))?;
    let (credential, issuer) = signed.map_or((None, None), |(c, i)| (c.into_iter().next(), Some(i)));
    Ok(ReissueAnswer {
        certificate: cert,
        register,
        credential,
        issuer,
    })
}

/// A status change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatusAction {
    /// Revoke for good.
    Revoke,
    /// Suspend.
    Suspend,
    /// Put a suspended certificate back in force.
    Reinstate,
}

/// `change_status`: `{register, certificate, action, at?, reason?}`.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusRequest {
    /// The register.
    pub register: Register,
    /// The certificate id.
    pub certificate: String,
    /// What to do.
    pub action: StatusAction,
    /// When.
    #[serde(default)]
    pub at: Option<DateTime<Utc>>,
    /// Why.
    #[serde(default)]
    pub reason: Option<String>,
}

/// What `change_status` answers: the certificate's entry after the change, and the
/// register after it.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct StatusAnswer {
    /// The entry changed.
    pub entry: crate::certificates::register::RegisterEntry,
    /// The register after it.
    pub register: Register,
}

/// `change_status`.
pub fn change_status(request: &StatusRequest) -> Result<StatusAnswer, Errors> {
    let mut register = request.register.clone();
    register.validate(u64::MAX)?;
    let (id, at, reason) = (&request.certificate, request.at, request.reason.as_deref());
    let entry = match request.action {
        StatusAction::Revoke => register.revoke(id, at, reason)?,
        StatusAction::Suspend => register.suspend(id, at, reason)?,
        StatusAction::Reinstate => register.reinstate(id, at, reason)?,
    }
    .clone();
    Ok(StatusAnswer { entry, register })
}

/// `status_list`: the signed list of one purpose.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusListRequest {
    /// The register.
    pub register: Register,
    /// The settings (issuer, list URL and size).
    pub settings: IssuanceSettings,
    /// The issuer's key.
    pub key: KeyInput,
    /// `message` (the default: the list tamat's credentials name, revocation and
    /// suspension in two bits each), or `revocation` or `suspension` for a list of one
    /// purpose.
    #[serde(default)]
    pub purpose: StatusPurpose,
    /// `validFrom` and the proof's `created`.
    pub valid_from: DateTime<Utc>,
    /// `validUntil`: after it, verifiers report the list stale (publish a new one before).
    /// Without it the list never goes stale.
    #[serde(default)]
    pub valid_until: Option<DateTime<Utc>>,
}

/// What `status_list` and `sign_credential` answer: one signed credential.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CredentialAnswer {
    /// The signed credential.
    #[schemars(with = "crate::credentials::credential::CredentialDocument")]
    pub credential: Value,
}

/// `status_list`.
pub fn status_list(request: &StatusListRequest) -> Result<CredentialAnswer, Errors> {
    let r = request;
    let credential = signed_status_list(
        &r.register,
        &r.settings,
        &r.key.key()?,
        r.purpose,
        r.valid_from,
        r.valid_until,
    )?;
    Ok(CredentialAnswer { credential })
}

/// The signed status list of one purpose of a register, valid from `valid_from` (also
/// the proof's `created`) until `valid_until`: what `status_list` answers, for callers
/// that hold a key already (the command).
pub fn signed_status_list(
    register: &Register,
    settings: &IssuanceSettings,
    key: &SigningKey,
    purpose: StatusPurpose,
    valid_from: DateTime<Utc>,
    valid_until: Option<DateTime<Utc>>,
) -> Result<Value, Errors> {
    settings.validate()?;
    register.validate(settings.status_list_size)?;
    let doc = status_list_document(
        register,
        purpose,
        &settings.status_list_url(purpose.code()),
        &issuer_id(settings, key),
        settings.status_list_size,
        valid_from,
        valid_until,
    )?;
    Ok(sign_status_list(
        &doc,
        &crate::credentials::credential::issuing_key(settings, key),
        valid_from,
        &settings.cryptosuites,
    )?)
}

/// `verify`: `{credential, keys, status_lists?, at, contexts?, identity?}`.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyRequest {
    /// The credential: the document, or its JSON text as a string (read here, so that a
    /// key given twice is refused whichever front end the text came through).
    #[serde(deserialize_with = "crate::contract::wire::unique_keys_or_text")]
    #[schemars(with = "Value")]
    pub credential: Value,
    /// Trusted keys (Multikey).
    pub keys: Vec<Multikey>,
    /// Status list credentials (documents, or their JSON texts).
    #[serde(default, deserialize_with = "crate::contract::wire::unique_keys_or_text_list")]
    #[schemars(with = "Vec<Value>")]
    pub status_lists: Vec<Value>,
    /// The moment to judge validity at (RFC 3339): required, so that no caller forgets.
    pub at: DateTime<Utc>,
    /// JSON-LD contexts known besides the bundled ones, `{url, document}`, for
    /// `eddsa-rdfc-2022` proofs of credentials that name other vocabularies. Nothing is
    /// ever fetched: a context neither bundled nor given is an error.
    #[serde(default)]
    pub contexts: Vec<crate::proofs::rdfc::JsonLdContext>,
    /// An identity number (NIP or NIK) the verifier holds: the answer's `identity` says
    /// whether the credential names it, in clear or as its salted hash.
    #[serde(default)]
    pub identity: Option<String>,
}

/// `verify`: the [`crate::credentials::credential::Verification`].
pub fn verify_request(request: &VerifyRequest) -> Result<crate::credentials::credential::Verification, Errors> {
    let options = VerifyOptions {
        keys: request.keys.clone(),
        status_lists: request.status_lists.clone(),
        at: Some(request.at),
        contexts: request.contexts.clone(),
        identity: request.identity.clone(),
    };
    Ok(verify(&request.credential, &options)?)
}

/// `sign_credential`: any credential signed with one proof, `eddsa-jcs-2022` unless
/// `cryptosuite` says `eddsa-rdfc-2022`.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignRequest {
    /// The credential without proof.
    #[serde(deserialize_with = "crate::contract::wire::unique_keys")]
    pub credential: Value,
    /// The key.
    pub key: KeyInput,
    /// `created` (RFC 3339).
    pub created: String,
    /// The cryptosuite; default `eddsa-jcs-2022`.
    #[serde(default)]
    pub cryptosuite: Option<Cryptosuite>,
    /// JSON-LD contexts the credential names besides the bundled ones, `{url, document}`
    /// (`eddsa-rdfc-2022` only; nothing is fetched).
    #[serde(default)]
    pub contexts: Vec<crate::proofs::rdfc::JsonLdContext>,
}

/// `sign_credential`.
pub fn sign_credential(request: &SignRequest) -> Result<CredentialAnswer, Errors> {
    let created = crate::model::schedule::parse_date_time(&request.created).ok_or(TamatError::InvalidCredential {
        problem: "invalid_dates",
    })?;
    let key = request.key.key()?;
    // Keep the caller's spelling when it is already canonical XML Schema form.
    let created = if request.created.ends_with('Z') {
        request.created.clone()
    } else {
        format_date_time(created)
    };
    let options = ProofOptions {
        created,
        proof_purpose: "assertionMethod".into(),
        cryptosuite: request.cryptosuite.unwrap_or(Cryptosuite::EddsaJcs2022),
        contexts: request.contexts.clone(),
    };
    Ok(CredentialAnswer {
        credential: add_proof(&request.credential, &key, &options)?,
    })
}

/// `public_key`: `{key, controller?}` → `{multikey, did}`.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicKeyRequest {
    /// The key.
    pub key: KeyInput,
    /// The controller (issuer id); default the key's `did:key`.
    #[serde(default)]
    pub controller: Option<String>,
}

/// What `public_key` answers.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PublicKeyAnswer {
    /// The public key as a Multikey controlled by the controller.
    pub multikey: Multikey,
    /// The key's `did:key`.
    pub did: String,
}

/// `public_key`.
pub fn public_key(request: &PublicKeyRequest) -> Result<PublicKeyAnswer, Errors> {
    let key = request.key.key()?;
    let did = key.public_key().did_key();
    let controller = request.controller.clone().unwrap_or_else(|| did.clone());
    Ok(PublicKeyAnswer {
        multikey: key.multikey(&controller),
        did,
    })
}

/// `format_number`: `{numbering, sequence, date, unit}` → `{number}`.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NumberRequest {
    /// Template, width, start.
    #[serde(default)]
    pub numbering: NumberingSettings,
    /// The running number.
    pub sequence: u64,
    /// Date of issue.
    pub date: NaiveDate,
    /// Issuing unit.
    pub unit: String,
}

/// What `format_number` answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct NumberAnswer {
    /// The certificate number.
    pub number: String,
}

/// `format_number`.
pub fn format_number(request: &NumberRequest) -> Result<NumberAnswer, Errors> {
    let t = request.numbering.compile()?;
    Ok(NumberAnswer {
        number: t.render(request.sequence, request.date, &request.unit),
    })
}

/// `render`: `{certificate, credential, settings}` → `{qr_payload, svg}`.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RenderRequest {
    /// The certificate.
    pub certificate: Certificate,
    /// Its signed credential (hashed into the QR payload).
    #[serde(deserialize_with = "crate::contract::wire::unique_keys")]
    pub credential: Value,
    /// The settings (verification URL).
    pub settings: IssuanceSettings,
}

/// What `render` answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RenderAnswer {
    /// What the QR code holds.
    pub qr_payload: String,
    /// The printable SVG.
    pub svg: String,
}

/// `render`.
pub fn render(request: &RenderRequest) -> Result<RenderAnswer, Errors> {
    let payload = qr_payload(&request.certificate, &request.settings, &request.credential)?;
    let svg = certificate_svg(&request.certificate, &payload, &request.settings.template)?;
    Ok(RenderAnswer {
        qr_payload: payload,
        svg,
    })
}
