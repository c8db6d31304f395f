//! The STTPP (Surat Tanda Tamat Pendidikan dan Pelatihan, certificate of completion) and
//! the "surat keterangan telah mengikuti" (statement of attendance): their content, built
//! from a course and a decision, and the settings an issuing agency chooses.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::certificates::numbering::DocumentKind;
use crate::certificates::numbering::NumberingSettings;
use crate::certificates::status::MIN_STATUS_LIST_SIZE;
use crate::error::{Lang, TamatError};
use crate::model::course::{Course, Participant, Schedule};
use crate::model::fixed::Fixed;
use crate::model::identity::Nip;
use crate::model::policy::Delivery;
use crate::model::policy::{Measure, Policy};
use crate::proofs::encoding;
use crate::proofs::integrity::Cryptosuite;
use crate::rules::decision::{Decision, Evaluation, Outcome};

/// What an issuing agency chooses once for its certificates. Only `signatory` is needed;
/// everything else has a default.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssuanceSettings {
    /// Certificate numbers.
    #[serde(default)]
    pub numbering: NumberingSettings,
    /// The issuing unit, `{unit}` in numbers and the key of the counters. Default: the
    /// course organiser's `unit_code`.
    #[serde(default)]
    pub unit: Option<String>,
    /// Date of issue ("Ditetapkan di ..., tanggal ..."). Default: the day the course
    /// ended, in the course's zone.
    #[serde(default)]
    pub issued_on: Option<NaiveDate>,
    /// Moment of issue (`validFrom` and the proof's `created`), RFC 3339. Default: the
    /// later of the end of the last session and the start of `issued_on` in the course's
    /// zone.
    #[serde(default)]
    pub issued_at: Option<DateTime<Utc>>,
    /// Place of issue. Default: the course venue.
    #[serde(default)]
    pub place: Option<String>,
    /// Who signs.
    pub signatory: Signatory,
    /// A partner organisation printed beside the organiser.
    #[serde(default)]
    pub partner: Option<String>,
    /// End of validity (`validUntil`); none by default: an STTPP does not expire.
    #[serde(default)]
    pub valid_until: Option<DateTime<Utc>>,
    /// The issuer as credentials name it.
    #[serde(default)]
    pub issuer: IssuerSettings,
    /// What of the holder's identity certificates carry (and so credentials and printed
    /// pages). By default the NIK only as a salted hash and no birth date or place: the
    /// NIK is personal data under Indonesia's personal data protection law (UU PDP).
    #[serde(default)]
    pub identity: IdentitySettings,
    /// Where the verification site is published (`tamat publish`): a host and path
    /// (`verifikasi.bpsdm.kaltimprov.go.id/sttpp`, https then) or an http(s) URL. When it
    /// is set, the QR code holds `<site>/#<id>.<hash>` and the status lists are
    /// `<site>/status/<purpose>.json`, unless `verify_url` or `status_list_url` say
    /// otherwise.
    #[serde(default)]
    pub site_url: Option<String>,
    /// The verification page, with `{id}` (the certificate id) and optionally `{hash}`;
    /// it is what the QR code holds. Default `<site_url>/#{id}.{hash}`, or
    /// `urn:uuid:{id}#{hash}` without a site.
    #[serde(default)]
    pub verify_url: Option<String>,
    /// Where the status list credentials are published, with `{purpose}` (`message`, the
    /// list credentials name; `revocation` or `suspension` for lists of one purpose).
    /// Default `urn:tamat:status:{purpose}`; set it where lists are published.
    #[serde(default)]
    pub status_list_url: Option<String>,
    /// Bits per status list: a multiple of 8 from 131,072 (the default, which holds 32,768
    /// certificates) to 2^27 (see `status_list::capacity`).
    #[serde(default = "default_list_size")]
    pub status_list_size: u64,
    /// The proofs each credential and status list carries, as a proof set in this order.
    /// Default both: `eddsa-rdfc-2022` (which the Digital Credentials Consortium's
    /// verifier and the education wallets read) and `eddsa-jcs-2022` (which signs every
    /// byte of the JSON text).
    #[serde(default = "default_cryptosuites")]
    pub cryptosuites: Vec<Cryptosuite>,
    /// How the printed certificate looks: language, colours, logo, signature, stamp,
    /// font.
    #[serde(default)]
    pub template: crate::certificates::template::Template,
}

fn default_list_size() -> u64 {
    MIN_STATUS_LIST_SIZE
}

/// The suites credentials are signed with unless the settings say otherwise: both (the
/// JCS proof alone in a build without the `rdfc` feature).
pub fn default_cryptosuites() -> Vec<Cryptosuite> {
    if cfg!(feature = "rdfc") {
        vec![Cryptosuite::EddsaRdfc2022, Cryptosuite::EddsaJcs2022]
    } else {
        vec![Cryptosuite::EddsaJcs2022]
    }
}

/// The issuer of credentials.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssuerSettings {
    /// The issuer's URL or DID. Default: the signing key's `did:key`.
    #[serde(default)]
    pub id: Option<String>,
    /// The issuer's name. Default: the course organiser.
    #[serde(default)]
    pub name: Option<String>,
    /// The issuer's home page.
    #[serde(default)]
    pub url: Option<String>,
}

/// What of the holder's identity a certificate carries.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IdentitySettings {
    /// The NIK (national identity number): `hashed` (the default: only as an Open Badges
    /// salted `IdentityObject`, which a verifier who holds the number can check),
    /// `clear`, or `omit`.
    #[serde(default)]
    pub nik: NikDisclosure,
    /// Carry the birth date and place (printed "Tempat, tanggal lahir"). Default `false`.
    #[serde(default)]
    pub birth: bool,
}

/// How a certificate carries the NIK.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NikDisclosure {
    /// As `sha256$hex(SHA-256(NIK + salt))` with its salt, never in clear.
    #[default]
    Hashed,
    /// In clear.
    Clear,
    /// Not at all.
    Omit,
}

/// An identity number as Open Badges 3.0 hashes it (`IdentityObject` with `hashed: true`):
/// `sha256$` and the lower-case hexadecimal SHA-256 of the number followed by the salt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IdentityHash {
    /// `sha256$...`.
    pub hash: String,
    /// The salt (32 hexadecimal digits, derived from the certificate id so that issuing
    /// again gives the same bytes; it is published with the hash, as Open Badges does).
    pub salt: String,
}

impl IdentityHash {
    /// The hash of `number` for the certificate `certificate_id`.
    pub fn new(number: &str, certificate_id: &str) -> IdentityHash {
        let salt = encoding::hex(&Sha256::digest(format!("tamat:identity-salt:{certificate_id}"))[..16]);
        IdentityHash {
            hash: identity_hash(number, &salt),
            salt,
        }
    }

    /// Whether `number` (spaces ignored) is the one hashed.
    pub fn matches(&self, number: &str) -> bool {
        identity_hash(number, &self.salt).eq_ignore_ascii_case(&self.hash)
    }
}

/// `sha256$` + hex(SHA-256(number without spaces + salt)), Open Badges 3.0's IdentityHash.
pub fn identity_hash(number: &str, salt: &str) -> String {
    let digits: String = number.chars().filter(|c| !c.is_whitespace()).collect();
    format!("sha256${}", encoding::hex(&Sha256::digest(format!("{digits}{salt}"))))
}

/// The official who signs, "a.n." (atas nama, on behalf of) a higher office.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    /// Name with titles.
    pub name: String,
    /// Position (jabatan), e.g. "Kepala BPSDM Provinsi Kalimantan Timur".
    pub position: String,
    /// Rank (pangkat/golongan).
    #[serde(default)]
    pub rank: Option<String>,
    /// NIP.
    #[serde(default)]
    pub nip: Option<Nip>,
    /// The office signed for, e.g. "Gubernur Kalimantan Timur" (printed "a.n. ...").
    #[serde(default)]
    pub on_behalf_of: Option<String>,
}

impl IssuanceSettings {
    /// Settings with defaults and the given signatory.
    pub fn new(signatory: Signatory) -> IssuanceSettings {
        IssuanceSettings {
            numbering: NumberingSettings::default(),
            unit: None,
            issued_on: None,
            issued_at: None,
            place: None,
            signatory,
            partner: None,
            valid_until: None,
            issuer: IssuerSettings::default(),
            identity: IdentitySettings::default(),
            site_url: None,
            verify_url: None,
            status_list_url: None,
            cryptosuites: default_cryptosuites(),
            status_list_size: MIN_STATUS_LIST_SIZE,
            template: Default::default(),
        }
    }

    /// Checks what can be checked without a course.
    pub fn validate(&self) -> Result<(), TamatError> {
        let bad = |field: &str, reason| TamatError::InvalidIssuanceSetting {
            field: field.to_string(),
            problem: reason,
        };
        self.numbering.compile()?;
        if self.status_list_size < MIN_STATUS_LIST_SIZE
            || self.status_list_size > crate::certificates::status::MAX_LIST_BYTES as u64 * 8
            || !self.status_list_size.is_multiple_of(8)
        {
            return Err(bad("status_list_size", "status_list_size"));
        }
        let suites = &self.cryptosuites;
        if suites.is_empty() || (1..suites.len()).any(|i| suites[..i].contains(&suites[i])) {
            return Err(bad("cryptosuites", "cryptosuites"));
        }
        if self.signatory.name.trim().is_empty() {
            return Err(bad("signatory.name", "empty_value"));
        }
        if self.signatory.position.trim().is_empty() {
            return Err(bad("signatory.position", "empty_value"));
        }
        if self.site_url.is_some() {
            self.site()?;
        }
        self.template.validate()?;
        if let Some(url) = &self.verify_url {
            if !url.contains("{id}") {
                return Err(bad("verify_url", "id_placeholder"));
            }
        }
        if let Some(url) = &self.status_list_url {
            if !url.contains("{purpose}") {
                return Err(bad("status_list_url", "id_placeholder"));
            }
        }
        for (field, value) in [("unit", &self.unit), ("place", &self.place)] {
            if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
                return Err(bad(field, "empty_value"));
            }
        }
        Ok(())
    }

    /// The verification site's base URL, without a trailing `/`: `site_url` with
    /// `https://` when it names no scheme. `None` without a site; an error when it is not
    /// a host and path.
    pub fn site(&self) -> Result<Option<String>, TamatError> {
        let Some(raw) = &self.site_url else { return Ok(None) };
        let bad = || TamatError::InvalidIssuanceSetting {
            field: "site_url".into(),
            problem: "site_url",
        };
        let (scheme, rest) = match raw.trim().split_once("://") {
            Some((s, r)) if s.eq_ignore_ascii_case("https") || s.eq_ignore_ascii_case("http") => {
                (s.to_ascii_lowercase(), r)
            }
            Some(_) => return Err(bad()),
            None => ("https".to_string(), raw.trim()),
        };
        let rest = rest.trim_end_matches('/');
        let host = rest.split('/').next().unwrap_or("");
        let host_ok = !host.is_empty()
            && !host.starts_with([':', '.', '-'])
            && !host.ends_with(':')
            && host.chars().all(|c| c.is_ascii_alphanumeric() || "-.:[]".contains(c));
        if !host_ok || rest.contains(['#', '?', ' ', '\\', '"', '<', '>']) || rest.chars().any(char::is_control) {
            return Err(bad());
        }
        Ok(Some(format!("{scheme}://{rest}")))
    }

    /// The verification URL of a certificate (the QR payload).
    pub fn verify_url(&self, id: &str, hash: &str) -> String {
        match (&self.verify_url, self.site()) {
            (Some(t), _) => t.replace("{id}", id).replace("{hash}", hash),
            (None, Ok(Some(site))) => format!("{site}/#{id}.{hash}"),
            (None, _) => format!("urn:uuid:{id}#{hash}"),
        }
    }

    /// The URL of the status list of a purpose (`message`, `revocation`, `suspension`).
    pub fn status_list_url(&self, purpose: &str) -> String {
        match (&self.status_list_url, self.site()) {
            (Some(t), _) => t.replace("{purpose}", purpose),
            (None, Ok(Some(site))) => format!("{site}/status/{purpose}.json"),
            (None, _) => format!("urn:tamat:status:{purpose}"),
        }
    }
}

/// The holder as the certificate prints them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Holder {
    /// The participant id in the course.
    pub id: String,
    /// Name.
    pub name: String,
    /// NIP, 18 digits.
    pub nip: Option<String>,
    /// NIP as printed, `19850312 201001 1 004`.
    pub nip_printed: Option<String>,
    /// NIK in clear: only when the settings say `identity.nik: clear`.
    pub nik: Option<String>,
    /// The NIK as a salted hash (the default, `identity.nik: hashed`).
    #[serde(default)]
    pub nik_hash: Option<IdentityHash>,
    /// Place of birth: only when the settings say `identity.birth: true`.
    pub birth_place: Option<String>,
    /// Date of birth: only when the settings say `identity.birth: true`.
    pub birth_date: Option<NaiveDate>,
    /// Rank (pangkat/golongan).
    pub rank: Option<String>,
    /// Position (jabatan).
    pub position: Option<String>,
    /// Agency (instansi).
    pub agency: Option<String>,
}

/// One subject of the curriculum (agenda pembelajaran) with its JP.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Subject {
    /// The subject (the sessions' title).
    pub title: String,
    /// JP (jam pelajaran, lesson hours) of all its sessions.
    pub jp: u64,
}

/// The course as the certificate prints it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CourseFacts {
    /// Course id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Organiser.
    pub organiser: String,
    /// Partner, if any.
    pub partner: Option<String>,
    /// Venue.
    pub venue: Option<String>,
    /// First day, in the course's zone.
    pub start_date: NaiveDate,
    /// Last day, in the course's zone.
    pub end_date: NaiveDate,
    /// Total JP.
    pub total_jp: u64,
    /// Of the total, the classroom JP, when the course has e-learning sessions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classroom_jp: Option<u64>,
    /// Of the total, the e-learning JP, when the course has e-learning sessions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub e_learning_jp: Option<u64>,
    /// Subjects in the order they were first taught.
    pub subjects: Vec<Subject>,
}

/// Why the document was granted: the rule and the attendance it was applied to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Evidence {
    /// `sha256:` + hex of the RFC 8785 form of the effective policy.
    pub policy_hash: String,
    /// The policy's unit of attendance.
    pub measure: Measure,
    /// Attended, in that unit.
    pub attended: Fixed,
    /// Counted, in that unit.
    pub total: Fixed,
    /// Percentage (truncated to 2 decimals).
    pub percent: Option<Fixed>,
    /// The minimum percentage.
    pub minimum_percent: Fixed,
}

/// A certificate: an STTPP (LULUS) or a statement of attendance (TELAH MENGIKUTI).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Certificate {
    /// Stable id (a UUID derived from unit, number, course and participant).
    pub id: String,
    /// Certificate number.
    pub number: String,
    /// Which document.
    pub document: DocumentKind,
    /// Printed title.
    pub title: String,
    /// `lulus` or `telah_mengikuti`.
    pub status: Outcome,
    /// Qualification (predikat) where the course is scored.
    pub qualification: Option<String>,
    /// Final score where the course is scored.
    pub score: Option<Fixed>,
    /// The holder.
    pub holder: Holder,
    /// The course.
    pub course: CourseFacts,
    /// Place of issue.
    pub place: String,
    /// Date of issue.
    pub issued_on: NaiveDate,
    /// Moment of issue (UTC).
    pub issued_at: DateTime<Utc>,
    /// End of validity.
    pub valid_until: Option<DateTime<Utc>>,
    /// Who signed.
    pub signatory: Signatory,
    /// The rule and the figures that decided it.
    pub evidence: Evidence,
    /// The issuing unit.
    pub unit: String,
    /// Index in the issuer's status lists.
    pub status_index: u64,
    /// The certificate this one replaces.
    pub supersedes: Option<String>,
}

/// What identifies a certificate's content: everything but the facts of issue (id,
/// number, dates of issue, status index, links), which the register keeps.
#[derive(Serialize)]
struct ContentRef<'a> {
    document: DocumentKind,
    status: Outcome,
    qualification: &'a Option<String>,
    score: &'a Option<Fixed>,
    holder: &'a Holder,
    course: &'a CourseFacts,
    place: &'a str,
    valid_until: &'a Option<DateTime<Utc>>,
    signatory: &'a Signatory,
    evidence: &'a Evidence,
    unit: &'a str,
}

impl Certificate {
    /// `sha256:` + hex of the RFC 8785 form of the content (all but the facts of issue): equal
    /// hashes mean issuing again would give the same document.
    pub fn content_hash(&self) -> Result<String, TamatError> {
        sha256_of(&ContentRef {
            document: self.document,
            status: self.status,
            qualification: &self.qualification,
            score: &self.score,
            holder: &self.holder,
            course: &self.course,
            place: &self.place,
            valid_until: &self.valid_until,
            signatory: &self.signatory,
            evidence: &self.evidence,
            unit: &self.unit,
        })
    }
}

/// `sha256:` + hex of the RFC 8785 form of a value.
pub fn sha256_of(value: &impl Serialize) -> Result<String, TamatError> {
    let value = serde_json::to_value(value).map_err(|e| TamatError::Internal {
        message: format!("serialisation failed: {e}"),
    })?;
    Ok(format!(
        "sha256:{}",
        encoding::hex(&Sha256::digest(crate::proofs::jcs::to_vec(&value)))
    ))
}

/// The hash of a policy that certificates carry as evidence.
pub fn policy_hash(policy: &Policy) -> Result<String, TamatError> {
    sha256_of(policy)
}

/// A certificate id: a UUID (version 8, RFC 9562) from SHA-256 of what makes the
/// certificate unique, so that the same issuance always gives the same id.
pub fn certificate_id(unit: &str, number: &str, course: &str, participant: &str) -> String {
    let mut h = Sha256::new();
    for part in ["tamat-certificate", unit, number, course, participant] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    let d = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let x = encoding::hex(&b);
    format!(
        "{}-{}-{}-{}-{}",
        &x[0..8],
        &x[8..12],
        &x[12..16],
        &x[16..20],
        &x[20..32]
    )
}

/// The course facts every certificate of a course shares.
pub fn course_facts(course: &Course, schedule: &Schedule, partner: Option<&str>) -> Result<CourseFacts, TamatError> {
    let (Some(first), Some(last)) = (
        schedule.sessions.iter().map(|s| s.local_start.date()).min(),
        schedule.sessions.iter().map(|s| s.local_end.date()).max(),
    ) else {
        return Err(TamatError::InvalidIssuanceSetting {
            field: "course.sessions".into(),
            problem: "empty_value",
        });
    };
    let mut subjects: Vec<Subject> = Vec::new();
    for s in &schedule.sessions {
        match subjects.iter_mut().find(|x| x.title == s.title) {
            Some(x) => x.jp += u64::from(s.jp),
            None => subjects.push(Subject {
                title: s.title.clone(),
                jp: u64::from(s.jp),
            }),
        }
    }
    Ok(CourseFacts {
        id: course.id.clone(),
        title: course.title.clone(),
        organiser: course.organiser.name.clone(),
        partner: partner.map(str::to_string),
        venue: course.venue.clone(),
        start_date: first,
        end_date: last,
        total_jp: schedule.total_jp(),
        classroom_jp: schedule.has_e_learning().then(|| schedule.jp_of(Delivery::Classroom)),
        e_learning_jp: schedule.has_e_learning().then(|| schedule.jp_of(Delivery::ELearning)),
        subjects,
    })
}

/// The facts of issue that the register fixes.
#[derive(Clone, Debug)]
pub struct IssueFacts {
    /// Certificate id.
    pub id: String,
    /// Number.
    pub number: String,
    /// Date of issue.
    pub issued_on: NaiveDate,
    /// Moment of issue.
    pub issued_at: DateTime<Utc>,
    /// Status list index.
    pub status_index: u64,
    /// The certificate replaced.
    pub supersedes: Option<String>,
}

/// What every certificate of one issuance shares.
#[derive(Clone, Debug)]
pub struct IssueContext<'a> {
    /// The evaluation the decisions come from.
    pub evaluation: &'a Evaluation,
    /// The settings.
    pub settings: &'a IssuanceSettings,
    /// The course facts.
    pub course: CourseFacts,
    /// Place of issue.
    pub place: String,
    /// Issuing unit.
    pub unit: String,
    /// Hash of the effective policy.
    pub policy_hash: String,
}

impl IssueContext<'_> {
    /// Builds a certificate's content from a decision. `None` when the outcome gets no
    /// document.
    pub fn build(&self, participant: &Participant, decision: &Decision, facts: IssueFacts) -> Option<Certificate> {
        let document = DocumentKind::for_outcome(decision.outcome)?;
        let a = &decision.attendance;
        let identity = &self.settings.identity;
        let nik_hash = participant
            .nik
            .as_ref()
            .filter(|_| identity.nik == NikDisclosure::Hashed)
            .map(|n| IdentityHash::new(n.as_str(), &facts.id));
        Some(Certificate {
            id: facts.id,
            number: facts.number,
            document,
            title: document.title(Lang::Id).to_string(),
            status: decision.outcome,
            qualification: decision.qualification.clone(),
            score: decision.score,
            holder: Holder {
                id: participant.id.clone(),
                name: participant.name.clone(),
                nip: participant.nip.as_ref().map(|n| n.as_str().to_string()),
                nip_printed: participant.nip.as_ref().map(Nip::formatted),
                nik: participant
                    .nik
                    .as_ref()
                    .filter(|_| identity.nik == NikDisclosure::Clear)
                    .map(|n| n.as_str().to_string()),
                nik_hash,
                birth_place: participant.birth_place.clone().filter(|_| identity.birth),
                birth_date: participant.birth_date.filter(|_| identity.birth),
                rank: participant.rank.clone(),
                position: participant.position.clone(),
                agency: participant.agency.clone(),
            },
            course: self.course.clone(),
            place: self.place.clone(),
            issued_on: facts.issued_on,
            issued_at: facts.issued_at,
            valid_until: self.settings.valid_until,
            signatory: self.settings.signatory.clone(),
            evidence: Evidence {
                policy_hash: self.policy_hash.clone(),
                measure: a.measure,
                attended: a.attended,
                total: a.total,
                percent: a.percent,
                minimum_percent: self.evaluation.policy.minimum_percent,
            },
            unit: self.unit.clone(),
            status_index: facts.status_index,
            supersedes: facts.supersedes,
        })
    }
}

/// The default moment of issue: the later of the end of the last session and the start
/// of the day of issue in the course's zone.
pub fn default_issued_at(course: &Course, schedule: &Schedule, issued_on: NaiveDate) -> DateTime<Utc> {
    let last_end = schedule.sessions.iter().map(|s| s.end).max();
    let midnight = course
        .time_zone
        .resolve_naive("issued_on", issued_on.and_time(NaiveTime::MIN))
        .map(|(t, _)| t)
        .unwrap_or_else(|_| issued_on.and_time(NaiveTime::MIN).and_utc());
    match last_end {
        Some(end) if end > midnight => end,
        _ => midnight,
    }
}

/// A date as Indonesian letters write it ("17 Juli 2025") or in English ("17 July 2025").
pub fn format_date(date: NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    const ID: [&str; 12] = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let names = match lang {
        Lang::Id => ID,
        Lang::En => EN,
    };
    let month = names.get(date.month0() as usize).copied().unwrap_or("");
    format!("{} {} {}", date.day(), month, date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_uuids_and_depend_on_every_part() {
        let id = certificate_id("U", "00001/U/VII/2025", "c", "p01");
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "8");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"));
        assert_eq!(id, certificate_id("U", "00001/U/VII/2025", "c", "p01"));
        assert_ne!(id, certificate_id("U", "00002/U/VII/2025", "c", "p01"));
        assert_ne!(id, certificate_id("U", "00001/U/VII/2025", "c", "p02"));
        // Length prefixes keep ("ab","c") and ("a","bc") apart.
        assert_ne!(certificate_id("ab", "c", "x", "y"), certificate_id("a", "bc", "x", "y"));
    }

    #[test]
    fn dates_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2025, 7, 17).unwrap();
        assert_eq!(format_date(d, Lang::Id), "17 Juli 2025");
        assert_eq!(format_date(d, Lang::En), "17 July 2025");
    }

    #[test]
    fn settings_are_checked() {
        let sig = Signatory {
            name: "Dr. A".into(),
            position: "Kepala".into(),
            ..Signatory::default()
        };
        assert!(IssuanceSettings::new(sig.clone()).validate().is_ok());
        let field = |s: IssuanceSettings| match s.validate() {
            Err(TamatError::InvalidIssuanceSetting { field, problem: reason }) => (field, reason),
            other => panic!("{other:?}"),
        };
        let mut s = IssuanceSettings::new(sig.clone());
        s.status_list_size = 1000;
        assert_eq!(field(s), ("status_list_size".into(), "status_list_size"));
        let mut s = IssuanceSettings::new(sig.clone());
        s.verify_url = Some("https://x/verify".into());
        assert_eq!(field(s), ("verify_url".into(), "id_placeholder"));
        for bad in ["", "ftp://x/y", "https://", "x.example/a#b", "x.example/?q", "a b"] {
            let mut s = IssuanceSettings::new(sig.clone());
            s.site_url = Some(bad.into());
            assert_eq!(field(s), ("site_url".into(), "site_url"), "{bad}");
        }
        let s = IssuanceSettings::new(Signatory::default());
        assert_eq!(field(s), ("signatory.name".into(), "empty_value"));
    }

    #[test]
    fn a_site_gives_the_qr_link_and_the_status_lists_https_by_default() {
        let mut s = IssuanceSettings::new(Signatory::default());
        assert_eq!(s.verify_url("abc", "h"), "urn:uuid:abc#h");
        s.site_url = Some("verifikasi.example.go.id/sttpp/".into());
        assert_eq!(
            s.verify_url("abc", "h"),
            "https://verifikasi.example.go.id/sttpp/#abc.h"
        );
        assert_eq!(
            s.status_list_url("message"),
            "https://verifikasi.example.go.id/sttpp/status/message.json"
        );
        s.site_url = Some("HTTP://127.0.0.1:8080".into());
        assert_eq!(s.verify_url("abc", "h"), "http://127.0.0.1:8080/#abc.h");
        s.verify_url = Some("https://other/v/{id}".into());
        assert_eq!(s.verify_url("abc", "h"), "https://other/v/abc");
        assert_eq!(
            s.status_list_url("message"),
            "http://127.0.0.1:8080/status/message.json"
        );
    }
}
