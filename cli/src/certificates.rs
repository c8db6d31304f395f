//! Issuing into a folder (shared by `demo` and `issue`), and verification.
//!
//! The order makes a crash harmless: the register only changes on disk (atomically)
//! after every certificate file is written, and issuing again from the register on disk
//! gives the same certificates with the same numbers and bytes. So a run killed at any
//! point leaves either the old register (the next run issues the same numbers again) or
//! the new one (the next run finds every certificate unchanged and rewrites its files):
//! no number is lost or given twice.

use std::path::Path;

use chrono::{DateTime, Utc};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::Value;
use tamat::certificates::IssuanceSettings;
use tamat::certificates::StatusPurpose;
use tamat::certificates::{Issuance, Register};
use tamat::credentials::{verify, CredentialSigner, Verification, VerifyOptions};
use tamat::proofs::{Multikey, SigningKey};
use tamat::{Course, Evaluation};

use crate::fail::Failure;
use crate::files::{pause_point, remove_stale_temporaries, write_json};
use crate::printed::{write_cohort, write_printed};

/// What was written.
pub struct Written {
    pub issuance: Issuance,
    pub credentials: Vec<Value>,
    pub issuer: Multikey,
    pub status_lists: Vec<Value>,
}

/// The file names of the status lists, by purpose: `status-list.vc.json` is the one the
/// credentials name.
pub fn status_list_file(purpose: StatusPurpose) -> &'static str {
    match purpose {
        StatusPurpose::Message => "status-list.vc.json",
        StatusPurpose::Revocation => "status-list-revocation.vc.json",
        StatusPurpose::Suspension => "status-list-suspension.vc.json",
    }
}

/// The status lists of a register, signed at `at`: the one list the credentials name
/// (revocation and suspension, two bits each; see `tamat::status_list`).
pub fn status_lists(
    register: &Register,
    settings: &IssuanceSettings,
    key: &SigningKey,
    at: DateTime<Utc>,
    until: Option<DateTime<Utc>>,
) -> Result<Vec<(StatusPurpose, Value)>, Failure> {
    let purpose = StatusPurpose::Message;
    let list = tamat::contract::signed_status_list(register, settings, key, purpose, at, until)?;
    Ok(vec![(purpose, list)])
}

/// Issues the certificates of an evaluation into `dir`: per certificate `<id>.json`
/// (the certificate), `<id>.vc.json` (the signed OB3 credential), `<id>.svg` (the
/// printable page) and `<id>.pdf` (the PDF with the credential attached), and
/// `cohort.pdf` (all of them, one print file); then the register (at `register_path`, atomically), `issuer.json`
/// (and `did.json` for a `did:web` issuer)
/// and the status list.
#[allow(clippy::too_many_arguments)]
pub fn issue_into(
    dir: &Path,
    course: &Course,
    evaluation: &Evaluation,
    settings: &IssuanceSettings,
    key: &SigningKey,
    mut register: Register,
    register_path: &Path,
    at: DateTime<Utc>,
) -> Result<Written, Failure> {
    std::fs::create_dir_all(dir).map_err(|e| Failure::io(dir, e))?;
    remove_stale_temporaries(dir);
    if let Some(parent) = register_path.parent() {
        remove_stale_temporaries(if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        });
    }
    let issuance = register.issue(course, evaluation, settings)?;
    let bar = ProgressBar::with_draw_target(
        Some(issuance.certificates.len() as u64),
        ProgressDrawTarget::stderr(), // drawn only on a terminal
    );
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}") {
        bar.set_style(style);
    }
    let mut signer = CredentialSigner::new(settings, key);
    let mut credentials = Vec::with_capacity(issuance.certificates.len());
    for (i, cert) in issuance.certificates.iter().enumerate() {
        let vc = signer.sign(cert)?;
        write_json(&dir.join(format!("{}.json", cert.id)), cert)?;
        write_json(&dir.join(format!("{}.vc.json", cert.id)), &vc)?;
        write_printed(dir, cert, &vc, settings)?;
        credentials.push(vc);
        bar.set_message(cert.number.clone());
        bar.inc(1);
        pause_point(&format!("certificate-{}", i + 1));
    }
    bar.finish_and_clear();
    let cohort: Vec<_> = issuance.certificates.iter().zip(&credentials).collect();
    write_cohort(dir, &cohort, settings)?;
    pause_point("certificates-written");
    write_json(register_path, &register)?;
    pause_point("register-written");
    let issuer = tamat::credentials::issuer_multikey(settings, key);
    write_json(&dir.join("issuer.json"), &issuer)?;
    if let Some(did) = tamat::credentials::did_document(settings, key) {
        write_json(&dir.join("did.json"), &did)?;
    }
    let mut lists = Vec::new();
    for (purpose, list) in status_lists(&register, settings, key, at, None)? {
        write_json(&dir.join(status_list_file(purpose)), &list)?;
        lists.push(list);
    }
    Ok(Written {
        issuance,
        credentials,
        issuer,
        status_lists: lists,
    })
}

/// Verifies credentials against the issuer and status lists at `at`.
pub fn verify_all(
    credentials: &[Value],
    issuer: &Multikey,
    lists: &[Value],
    at: DateTime<Utc>,
) -> Result<Vec<Verification>, Failure> {
    let options = VerifyOptions {
        keys: vec![issuer.clone()],
        status_lists: lists.to_vec(),
        at: Some(at),
        ..Default::default()
    };
    Ok(credentials
        .iter()
        .map(|vc| verify(vc, &options))
        .collect::<Result<Vec<_>, _>>()?)
}

/// Re-issues certificate `name` (id or number) in a JSON register: the new certificate's
/// files first, then the register (atomically), then the status lists. Returns the old
/// and new numbers.
#[allow(clippy::too_many_arguments)]
pub fn reissue_into(
    dir: &Path,
    course: &Course,
    evaluation: &Evaluation,
    settings: &IssuanceSettings,
    key: &SigningKey,
    mut register: Register,
    register_path: &Path,
    name: &str,
    change: &tamat_store::Change<'_>,
) -> Result<(String, String), Failure> {
    let old = register.lookup(name)?.clone();
    let cert = register.reissue(course, evaluation, settings, &old.id, change.at, change.reason)?;
    std::fs::create_dir_all(dir).map_err(|e| Failure::io(dir, e))?;
    let vc = CredentialSigner::new(settings, key).sign(&cert)?;
    write_json(&dir.join(format!("{}.json", cert.id)), &cert)?;
    write_json(&dir.join(format!("{}.vc.json", cert.id)), &vc)?;
    write_printed(dir, &cert, &vc, settings)?;
    write_json(register_path, &register)?;
    for (purpose, list) in status_lists(&register, settings, key, chrono::Utc::now(), None)? {
        write_json(&dir.join(status_list_file(purpose)), &list)?;
    }
    Ok((old.number, cert.number))
}
