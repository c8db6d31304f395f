//! The East Kalimantan course: evaluate 30 participants and print the decision table;
//! with `--out DIR`, also issue their certificates, sign them with the demo key, write
//! them and verify them.
//!
//! `cargo run -p tamat --example kaltim [-- --lang en] [--out DIR]`
//!
//! DIR receives, per certificate, `<certificate-id>.vc.json` (the signed Open Badges 3.0
//! credential) and `<certificate-id>.svg` (the printable page with its QR code), plus
//! `issuer.json` (the public key as a Multikey), `status-list.vc.json` (revocation),
//! `status-list-suspension.vc.json` and `register.json` (the issuance register).

use std::path::Path;

use tamat::credential::{issuer_id, verify, CredentialSigner, VerificationStatus, VerifyOptions};
use tamat::register::Register;
use tamat::render::{certificate_svg, qr_payload};
use tamat::status_list::{sign_status_list, status_list_document, StatusPurpose};
use tamat::{demo, evaluate, Lang};

fn arg(name: &str) -> Option<String> {
    std::env::args().skip_while(|a| a != name).nth(1)
}

fn write_json(path: &Path, value: &impl serde::Serialize) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::write(path, serde_json::to_string_pretty(value)? + "\n")?;
    Ok(())
}

/// Issues, signs, writes and verifies the certificates of the course.
fn certificates(
    request: &tamat::EvaluateRequest,
    evaluation: &tamat::Evaluation,
    dir: &Path,
) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir)?;
    let settings = demo::kaltim_settings()?;
    let key = demo::demo_key()?;
    let issuer = issuer_id(&settings, &key);
    let mut register = Register::new();
    let issuance = register.issue(&request.course, evaluation, &settings)?;
    let mut credentials = Vec::new();
    let mut signer = CredentialSigner::new(&settings, &key);
    for cert in &issuance.certificates {
        let vc = signer.sign(cert)?;
        write_json(&dir.join(format!("{}.vc.json", cert.id)), &vc)?;
        let svg = certificate_svg(cert, &qr_payload(cert, &settings, &vc)?)?;
        std::fs::write(dir.join(format!("{}.svg", cert.id)), svg)?;
        credentials.push(vc);
    }
    let multikey = key.multikey(&issuer);
    write_json(&dir.join("issuer.json"), &multikey)?;
    write_json(&dir.join("register.json"), &register)?;
    let published = issuance.certificates.first().map(|c| c.issued_at).unwrap_or_default();
    let mut lists = Vec::new();
    for (purpose, file) in [
        (StatusPurpose::Revocation, "status-list.vc.json"),
        (StatusPurpose::Suspension, "status-list-suspension.vc.json"),
    ] {
        let url = settings.status_list_url(purpose.code());
        let doc = status_list_document(&register, purpose, &url, &issuer, settings.status_list_size, published)?;
        let list = sign_status_list(&doc, &key, published)?;
        write_json(&dir.join(file), &list)?;
        lists.push(list);
    }
    let options = VerifyOptions {
        keys: vec![multikey],
        status_lists: lists,
        at: Some(std::time::SystemTime::now().into()),
    };
    let valid = credentials
        .iter()
        .map(|vc| verify(vc, &options))
        .collect::<Result<Vec<_>, _>>()?
        .iter()
        .filter(|v| v.status == VerificationStatus::Valid)
        .count();
    println!(
        "\n{} certificates issued ({} .. {}), signed with the demo key {}",
        issuance.certificates.len(),
        issuance.certificates.first().map(|c| c.number.as_str()).unwrap_or("-"),
        issuance.certificates.last().map(|c| c.number.as_str()).unwrap_or("-"),
        key.public_key().multibase()
    );
    println!("verified: {valid} of {} valid", credentials.len());
    println!("written to {}", dir.display());
    if valid != credentials.len() {
        return Err("some certificates did not verify".into());
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let lang = match arg("--lang").as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Id,
    };
    let request = demo::kaltim_request()?;
    let evaluation = evaluate(&request)?;
    println!("{} ({})", request.course.title, request.course.organiser.name);
    println!(
        "{}: {} JP, {} sessions, minimum {}%\n",
        evaluation.completed_on.map(|d| d.to_string()).unwrap_or_default(),
        evaluation.total_jp,
        request.course.sessions.len(),
        evaluation.policy.minimum_percent.to_text(lang.decimal_separator()),
    );
    let header = match lang {
        Lang::Id => ["No", "Nama", "NIP", "Hadir", "%", "Status", "Keterangan"],
        Lang::En => ["No", "Name", "NIP", "Present", "%", "Outcome", "Reason"],
    };
    let [no, name, nip, present, pct, status, reason] = header;
    println!("{no:<4} {name:<26} {nip:<22} {present:>7} {pct:>8}  {status:<16} {reason}");
    for (i, d) in evaluation.decisions.iter().enumerate() {
        let pct = d
            .attendance
            .percent
            .map(|p| p.to_text(lang.decimal_separator()))
            .unwrap_or_else(|| "-".into());
        let reason = d.reasons.first().map(|r| r.message(lang)).unwrap_or_default();
        println!(
            "{:<4} {:<26} {:<22} {:>3}/{:<3} {:>8}  {:<16} {}",
            i + 1,
            d.name,
            d.nip.as_ref().map(|n| n.formatted()).unwrap_or_default(),
            d.attendance.attended.to_text(lang.decimal_separator()),
            d.attendance.total,
            pct,
            d.label(lang),
            reason
        );
    }
    let s = evaluation.summary;
    println!(
        "\n{} participants: {} {}, {} {}, {} {}",
        s.participants,
        s.lulus,
        tamat::Outcome::Lulus.label(lang),
        s.telah_mengikuti,
        tamat::Outcome::TelahMengikuti.label(lang),
        s.no_document,
        tamat::Outcome::NoDocument.label(lang)
    );
    for w in &evaluation.warnings {
        println!("warning [{}] {}", w.code(), w.message(lang));
    }
    if let Some(dir) = arg("--out") {
        certificates(&request, &evaluation, Path::new(&dir))?;
    }
    Ok(())
}
