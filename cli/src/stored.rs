//! The register as a store (`--register register.sqlite` or `postgres://...`): issuing,
//! status changes and status lists through `tamat-store`, one transaction each, so that
//! several `tamat issue` runs at once (on one machine or several) never share a number.
//!
//! A run killed at any moment leaves the store before or after its transaction; the
//! files are written after the commit from what the store holds, so running again
//! rewrites the same bytes. Status lists are published under the output folder's lock
//! from a fresh read of the store, so the last writer always writes the newest state.

use std::path::Path;

use chrono::{DateTime, Utc};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tamat::certificates::Issuance;
use tamat::certificates::IssuanceSettings;
use tamat::certificates::StatusPurpose;
use tamat::proofs::SigningKey;
use tamat::{Course, Evaluation};
use tamat_store::{Action, Change, Location, Store, StoreError};

use crate::certificates::status_list_file;
use crate::fail::Failure;
use crate::files::{pause_point, remove_stale_temporaries, write_atomic, write_json, FolderLock};
use crate::printed::{write_cohort, write_printed};

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        match e.core_errors() {
            Some(errors) => Failure::Refused(errors.clone(), None),
            None => Failure::Store(e),
        }
    }
}

/// Whether `--register` names a store (anything but a `.json` file).
pub fn is_store(register: &str) -> bool {
    !register.to_ascii_lowercase().ends_with(".json")
}

pub fn open(register: &str) -> Result<Store, Failure> {
    if let Location::Sqlite(path) = Location::parse(register) {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Failure::io(parent, e))?;
        }
    }
    Ok(Store::open_str(register)?)
}

/// Who is recorded in the history: `--by`, else the login name.
pub fn actor(by: Option<String>) -> Option<String> {
    by.or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("LOGNAME").ok())
        .filter(|s| !s.is_empty())
}

pub struct Written {
    pub issuance: Issuance,
}

/// Issues into the store, then writes per certificate `<id>.json`, `<id>.vc.json` (the
/// stored credential, byte for byte) and `<id>.svg`, then `issuer.json` and new status
/// lists.
#[allow(clippy::too_many_arguments)]
pub fn issue_into(
    store: &mut Store,
    dir: &Path,
    course: &Course,
    evaluation: &Evaluation,
    settings: &IssuanceSettings,
    key: &SigningKey,
    at: DateTime<Utc>,
    valid_until: Option<DateTime<Utc>>,
    by: Option<&str>,
) -> Result<Written, Failure> {
    std::fs::create_dir_all(dir).map_err(|e| Failure::io(dir, e))?;
    remove_stale_temporaries(dir);
    pause_point("before-transaction");
    let stored = store.issue(course, evaluation, settings, key, by)?;
    pause_point("committed");
    let certs = &stored.issuance.certificates;
    let bar = ProgressBar::with_draw_target(Some(certs.len() as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}") {
        bar.set_style(style);
    }
    let mut credentials = Vec::with_capacity(certs.len());
    for (i, (cert, text)) in certs.iter().zip(&stored.credentials).enumerate() {
        let vc: serde_json::Value = tamat::json::read_document(text)?;
        write_json(&dir.join(format!("{}.json", cert.id)), cert)?;
        write_atomic(
            &dir.join(format!("{}.vc.json", cert.id)),
            format!("{text}\n").as_bytes(),
        )?;
        write_printed(dir, cert, &vc, settings)?;
        credentials.push(vc);
        bar.set_message(cert.number.clone());
        bar.inc(1);
        pause_point(&format!("certificate-{}", i + 1));
    }
    bar.finish_and_clear();
    let cohort: Vec<_> = certs.iter().zip(&credentials).collect();
    write_cohort(dir, &cohort, settings)?;
    publish(store, dir, settings, key, at, valid_until)?;
    Ok(Written {
        issuance: stored.issuance,
    })
}

/// Publishes the status list from the store and writes them with `issuer.json`, under
/// the folder's lock.
pub fn publish(
    store: &mut Store,
    dir: &Path,
    settings: &IssuanceSettings,
    key: &SigningKey,
    at: DateTime<Utc>,
    valid_until: Option<DateTime<Utc>>,
) -> Result<(), Failure> {
    std::fs::create_dir_all(dir).map_err(|e| Failure::io(dir, e))?;
    let _lock = FolderLock::take(dir)?;
    let issuer = tamat::credentials::issuer_multikey(settings, key);
    write_json(&dir.join("issuer.json"), &issuer)?;
    if let Some(did) = tamat::credentials::did_document(settings, key) {
        write_json(&dir.join("did.json"), &did)?;
    }
    let purpose = StatusPurpose::Message;
    let list = store.publish_status_list(settings, key, purpose, at, valid_until)?;
    write_atomic(
        &dir.join(status_list_file(purpose)),
        format!("{}\n", list.credential).as_bytes(),
    )?;
    pause_point("lists-written");
    Ok(())
}

/// `revoke`, `suspend`, `reinstate` on a store; prints the new state.
pub fn change(
    store: &mut Store,
    certificate: &str,
    action: &str,
    change: &Change<'_>,
) -> Result<tamat::certificates::RegisterEntry, Failure> {
    let action = match action {
        "revoke" => Action::Revoke,
        "suspend" => Action::Suspend,
        _ => Action::Reinstate,
    };
    Ok(store.change_status(certificate, action, change)?)
}

/// Re-issues certificate `name` (id or number) in the store, then writes the new
/// certificate's files and new status lists. Returns the old and new numbers.
#[allow(clippy::too_many_arguments)]
pub fn reissue_into(
    store: &mut Store,
    dir: &Path,
    course: &Course,
    evaluation: &Evaluation,
    settings: &IssuanceSettings,
    key: &SigningKey,
    name: &str,
    change: &Change<'_>,
) -> Result<(String, String), Failure> {
    let old = store
        .find(&tamat_store::Lookup::Id(name))?
        .into_iter()
        .chain(store.find(&tamat_store::Lookup::Number(name))?)
        .next()
        .ok_or_else(|| {
            Failure::from(tamat::TamatError::UnknownCertificate {
                certificate: name.to_string(),
            })
        })?;
    let new = store.reissue(course, evaluation, settings, key, &old.entry.id, change)?;
    let text = new
        .credential
        .clone()
        .ok_or_else(|| Failure::Io("the store returned no credential".into()))?;
    write_certificate(dir, settings, &text)?;
    publish(store, dir, settings, key, Utc::now(), None)?;
    Ok((old.entry.number, new.entry.number))
}

/// The files of one certificate from its signed credential: `<id>.json` (the
/// certificate, which the credential holds under `sttpp`), `<id>.vc.json`, `<id>.svg`,
/// `<id>.pdf`.
fn write_certificate(dir: &Path, settings: &IssuanceSettings, credential: &str) -> Result<(), Failure> {
    std::fs::create_dir_all(dir).map_err(|e| Failure::io(dir, e))?;
    let vc = tamat::json::read_document(credential)?;
    let cert: tamat::certificates::Certificate =
        tamat::json::read_value(vc.get("sttpp").cloned().unwrap_or(serde_json::Value::Null))?;
    write_json(&dir.join(format!("{}.json", cert.id)), &cert)?;
    write_atomic(
        &dir.join(format!("{}.vc.json", cert.id)),
        format!("{credential}\n").as_bytes(),
    )?;
    write_printed(dir, &cert, &vc, settings)
}
