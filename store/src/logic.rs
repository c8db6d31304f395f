//! The operations, written once over [`Tx`]: each loads the part of the register it
//! needs, lets the core apply its rule, and writes back what changed.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use tamat::certificates::{Bitstring, StatusPurpose};
use tamat::certificates::{Certificate, IssuanceSettings};
use tamat::certificates::{CertificateState, Issuance, Register, RegisterEntry};
use tamat::credentials::{issuer_id, CredentialSigner};
use tamat::credentials::{sign_status_list, status_list_credential};
use tamat::proofs::SigningKey;
use tamat::{Course, Evaluation, TamatError};

use crate::rows::{code_of, NewRow, StatusEvent, StatusListVersion, StoredCertificate, Tx};
use crate::{Action, Change, Lookup, StoreError, StoredIssuance};

/// The register the core sees for one course: the counters, the next status index and
/// the course's certificates. Numbers, ids and indices of other courses are kept
/// unique by the tables' constraints.
fn course_register(tx: &mut dyn Tx, course: &str) -> Result<(Register, Vec<StoredCertificate>), StoreError> {
    let rows = tx.course_rows(course)?;
    let register = Register {
        version: 1,
        counters: tx.counters()?,
        next_status_index: tx.next_status_index()?,
        certificates: rows.iter().map(|r| r.entry.clone()).collect(),
    };
    Ok((register, rows))
}

/// Writes what the core changed: new entries (with their certificate and credential),
/// changed states, counters and the next index; an event per change.
fn write_back(
    tx: &mut dyn Tx,
    before: &Register,
    after: &Register,
    new: &[(&Certificate, &str)],
    by: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let signed: HashMap<&str, &(&Certificate, &str)> = new.iter().map(|n| (n.0.id.as_str(), n)).collect();
    for entry in &after.certificates[before.certificates.len()..] {
        let (cert, credential) = signed
            .get(entry.id.as_str())
            .ok_or_else(|| StoreError::Failed(format!("no credential was signed for {}", entry.id)))?;
        insert_new(tx, entry, cert, credential, by, now)?;
    }
    write_changes(tx, before, after, by, now)
}

/// A new certificate's row and its first history event.
fn insert_new(
    tx: &mut dyn Tx,
    entry: &RegisterEntry,
    cert: &Certificate,
    credential: &str,
    by: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    tx.insert(&NewRow {
        entry,
        nip: cert.holder.nip.as_deref(),
        total_jp: cert.course.total_jp,
        end_date: cert.course.end_date,
        credential,
    })?;
    tx.event(&StatusEvent {
        certificate: entry.id.clone(),
        at: entry.issued_at,
        recorded_at: now,
        from: None,
        to: code_of(&entry.state),
        reason: Some("issued".into()),
        by: by.map(str::to_string),
    })
}

/// The changed states of existing entries (with their events), the counters and the
/// next status index.
fn write_changes(
    tx: &mut dyn Tx,
    before: &Register,
    after: &Register,
    by: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    for (old, cur) in before.certificates.iter().zip(&after.certificates) {
        if old != cur {
            tx.update_state(cur)?;
            tx.event(&StatusEvent {
                certificate: cur.id.clone(),
                at: cur.changed_at.unwrap_or(now),
                recorded_at: now,
                from: Some(code_of(&old.state)),
                to: code_of(&cur.state),
                reason: cur.reason.clone(),
                by: by.map(str::to_string),
            })?;
        }
    }
    for counter in &after.counters {
        if !before.counters.contains(counter) {
            tx.put_counter(counter)?;
        }
    }
    if after.next_status_index != before.next_status_index {
        tx.set_next_status_index(after.next_status_index)?;
    }
    Ok(())
}

pub fn issue(
    tx: &mut dyn Tx,
    course: &Course,
    evaluation: &Evaluation,
    settings: &IssuanceSettings,
    key: &SigningKey,
    by: Option<&str>,
) -> Result<StoredIssuance, StoreError> {
    let now = Utc::now();
    let (before, rows) = course_register(tx, &course.id)?;
    let mut after = before.clone();
    let issuance: Issuance = after.issue(course, evaluation, settings)?;
    let stored: HashMap<&str, &StoredCertificate> = rows.iter().map(|r| (r.entry.id.as_str(), r)).collect();
    let new_entries: HashMap<&str, &RegisterEntry> = after.certificates[before.certificates.len()..]
        .iter()
        .map(|e| (e.id.as_str(), e))
        .collect();
    // Frozen: what was issued is returned as stored, never rebuilt. The rest is signed.
    let mut credentials: Vec<Option<String>> = issuance
        .certificates
        .iter()
        .map(|c| stored.get(c.id.as_str()).and_then(|r| r.credential.clone()))
        .collect();
    let to_sign: Vec<(usize, &Certificate)> = issuance
        .certificates
        .iter()
        .enumerate()
        .filter(|(i, _)| credentials[*i].is_none())
        .collect();
    // Signing runs on a second thread while this one writes the rows, so that the two
    // costs overlap; the transaction stays on this thread.
    let (send, received) = std::sync::mpsc::sync_channel::<(usize, Result<String, tamat::error::TamatError>)>(256);
    std::thread::scope(|scope| -> Result<(), StoreError> {
        let to_sign = &to_sign;
        let signing = scope.spawn(move || {
            let mut signer = CredentialSigner::new(settings, key);
            for (i, cert) in to_sign {
                if send.send((*i, signer.sign_to_string(cert))).is_err() {
                    break; // the writer stopped on an error
                }
            }
        });
        for (i, text) in received {
            let text = text?;
            let cert = &issuance.certificates[i];
            match (stored.get(cert.id.as_str()), new_entries.get(cert.id.as_str())) {
                // An entry imported without its credential: signed once, then kept.
                (Some(r), _) => tx.fill(&NewRow {
                    entry: &r.entry,
                    nip: cert.holder.nip.as_deref(),
                    total_jp: cert.course.total_jp,
                    end_date: cert.course.end_date,
                    credential: &text,
                })?,
                (None, Some(entry)) => insert_new(tx, entry, cert, &text, by, now)?,
                (None, None) => return Err(StoreError::Failed(format!("{} is neither stored nor new", cert.id))),
            }
            credentials[i] = Some(text);
        }
        signing
            .join()
            .map_err(|_| StoreError::Failed("the signing thread stopped".into()))
    })?;
    write_changes(tx, &before, &after, by, now)?;
    let credentials = credentials
        .into_iter()
        .zip(&issuance.certificates)
        .map(|(c, cert)| c.ok_or_else(|| StoreError::Failed(format!("no credential for {}", cert.id))))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(StoredIssuance { issuance, credentials })
}

pub fn reissue(
    tx: &mut dyn Tx,
    course: &Course,
    evaluation: &Evaluation,
    settings: &IssuanceSettings,
    key: &SigningKey,
    id: &str,
    change: &Change<'_>,
) -> Result<StoredCertificate, StoreError> {
    let now = Utc::now();
    let (before, _) = course_register(tx, &course.id)?;
    let mut after = before.clone();
    let cert = after.reissue(course, evaluation, settings, id, change.at, change.reason)?;
    let text = CredentialSigner::new(settings, key).sign_to_string(&cert)?;
    write_back(tx, &before, &after, &[(&cert, &text)], change.by, now)?;
    let entry = after
        .entry(&cert.id)
        .cloned()
        .ok_or_else(|| StoreError::Failed("the new entry is missing".into()))?;
    Ok(StoredCertificate {
        entry,
        nip: cert.holder.nip.clone(),
        credential: Some(text),
    })
}

/// The certificate named by id, else by number (a number shared by two units is
/// ambiguous and refused as unknown: name it by id).
fn named(tx: &mut dyn Tx, name: &str) -> Result<StoredCertificate, StoreError> {
    let mut found = tx.find(&Lookup::Id(name))?;
    if found.is_empty() {
        found = tx.find(&Lookup::Number(name))?;
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        _ => Err(TamatError::UnknownCertificate {
            certificate: name.to_string(),
        }
        .into()),
    }
}

pub fn change_status(
    tx: &mut dyn Tx,
    name: &str,
    action: Action,
    change: &Change<'_>,
) -> Result<RegisterEntry, StoreError> {
    let now = Utc::now();
    let row = named(tx, name)?;
    // The core's transition rule, on a register of this one entry.
    let before = Register {
        version: 1,
        counters: Vec::new(),
        next_status_index: row.entry.status_index + 1,
        certificates: vec![row.entry.clone()],
    };
    let mut after = before.clone();
    let at = Some(change.at.unwrap_or(now));
    let id = row.entry.id.as_str();
    let entry = match action {
        Action::Revoke => after.revoke(id, at, change.reason)?,
        Action::Suspend => after.suspend(id, at, change.reason)?,
        Action::Reinstate => after.reinstate(id, at, change.reason)?,
    }
    .clone();
    write_back(tx, &before, &after, &[], change.by, now)?;
    Ok(entry)
}

pub fn publish_status_list(
    tx: &mut dyn Tx,
    settings: &IssuanceSettings,
    key: &SigningKey,
    purpose: StatusPurpose,
    valid_from: DateTime<Utc>,
    valid_until: Option<DateTime<Utc>>,
) -> Result<StatusListVersion, StoreError> {
    settings.validate()?;
    let mut bits = Bitstring::new(settings.status_list_size);
    for state in [CertificateState::Revoked, CertificateState::Suspended] {
        for slot in tx.indices_in_state(&code_of(&state))? {
            if !bits.mark(purpose, slot, state) {
                return Err(TamatError::StatusListFull {
                    size: settings.status_list_size,
                }
                .into());
            }
        }
    }
    let url = settings.status_list_url(purpose.code());
    let doc = status_list_credential(&bits, purpose, &url, &issuer_id(settings, key), valid_from, valid_until)?;
    let list = sign_status_list(
        &doc,
        &tamat::credentials::issuing_key(settings, key),
        valid_from,
        &settings.cryptosuites,
    )?;
    let version = tx.list_versions(Some(purpose))?.last().map_or(1, |v| v.version + 1);
    let row = StatusListVersion {
        purpose: purpose.code().to_string(),
        version,
        valid_from,
        valid_until,
        credential: serde_json::to_string(&list).map_err(|e| StoreError::Failed(e.to_string()))?,
    };
    tx.insert_list_version(&row)?;
    Ok(row)
}

pub fn import(tx: &mut dyn Tx, register: &Register) -> Result<usize, StoreError> {
    register.validate(u64::MAX)?;
    let held = tx.count()?;
    if held > 0 {
        return Err(StoreError::NotEmpty(held));
    }
    for c in &register.counters {
        tx.put_counter(c)?;
    }
    tx.set_next_status_index(register.next_status_index)?;
    let now = Utc::now();
    for e in &register.certificates {
        tx.insert_bare(e)?;
        tx.event(&StatusEvent {
            certificate: e.id.clone(),
            at: e.changed_at.unwrap_or(e.issued_at),
            recorded_at: now,
            from: None,
            to: code_of(&e.state),
            reason: Some(match &e.reason {
                Some(r) => format!("imported: {r}"),
                None => "imported".into(),
            }),
            by: None,
        })?;
    }
    Ok(register.certificates.len())
}

pub fn export(tx: &mut dyn Tx) -> Result<Register, StoreError> {
    let mut counters = tx.counters()?;
    counters.sort_by(|a, b| (a.unit.as_str(), a.year).cmp(&(b.unit.as_str(), b.year)));
    let register = Register {
        version: 1,
        counters,
        next_status_index: tx.next_status_index()?,
        certificates: tx.all_rows()?.into_iter().map(|r| r.entry).collect(),
    };
    register.validate(u64::MAX)?;
    Ok(register)
}
