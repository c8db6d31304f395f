#![allow(missing_docs)]
//! Signed certificates per second against raw Ed25519 signing, measured side by side in
//! one run (goal: at least 70 % of the raw rate).
//!
//! `cargo bench -p tamat --bench certificates`; a debug build (as under
//! `cargo test --benches`) or `TAMAT_BENCH_SMOKE=1` runs a few iterations once.
//!
//! "Signed certificate" is [`tamat::credentials::CredentialSigner::sign_to_string`] over a
//! cohort: build the Open Badges 3.0 credential from the certificate in canonical form
//! (RFC 8785), hash it and the proof options (SHA-256), sign, and write the signed
//! credential as JSON text. Also shown: the same returning a `serde_json::Value`, and
//! one-off [`tamat::credentials::sign_certificate`] (no reuse across a cohort). "Raw" is `ed25519-dalek` signing the same 64 bytes that
//! the proof signs: the floor no certificate signer can go under. Both are timed in
//! interleaved batches and compared by their medians, so that a noisy machine hits both
//! alike. Verification is reported too. These figures are for the `eddsa-jcs-2022` proof
//! alone; the default proof set (`eddsa-rdfc-2022` too, whose JSON-LD reading dominates)
//! is reported on its own lines.

use std::hint::black_box;
use std::time::{Duration, Instant};

use tamat::certificates::Register;
use tamat::credentials::{sign_certificate, verify, CredentialSigner, VerifyOptions};
use tamat::demo::{demo_key, kaltim_request, kaltim_settings};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let smoke = cfg!(debug_assertions) || std::env::var_os("TAMAT_BENCH_SMOKE").is_some();
    // Small batches, many rounds: raw and tamat alternate every few milliseconds, so
    // that load on a shared machine falls on both alike.
    let (batch, rounds) = if smoke { (5, 1) } else { (200, 301) };
    let request = kaltim_request().unwrap_or_else(|e| unreachable!("{e}"));
    let evaluation = tamat::evaluate(&request).unwrap_or_else(|e| unreachable!("{e}"));
    let both = kaltim_settings().unwrap_or_else(|e| unreachable!("{e}"));
    let mut settings = both.clone();
    settings.cryptosuites = vec![tamat::proofs::Cryptosuite::EddsaJcs2022];
    let key = demo_key().unwrap_or_else(|e| unreachable!("{e}"));
    let mut register = Register::new();
    let certs = register
        .issue(&request.course, &evaluation, &settings)
        .unwrap_or_else(|e| unreachable!("{e}"))
        .certificates;
    let message = [7u8; 64];
    let raw_sig = ed25519_dalek::SigningKey::from_bytes(&[42u8; 32]);
    let vc0 = sign_certificate(&certs[0], &settings, &key).unwrap_or_else(|e| unreachable!("{e}"));
    let options = VerifyOptions {
        keys: vec![key.multikey(&key.public_key().did_key())],
        status_lists: vec![],
        at: None,
        ..Default::default()
    };
    let mut signer = CredentialSigner::new(&settings, &key);
    let mut signer_both = CredentialSigner::new(&both, &key);
    let vc_both = sign_certificate(&certs[0], &both, &key).unwrap_or_else(|e| unreachable!("{e}"));
    let (mut t_both, mut t_verify_both) = (vec![], vec![]);
    let raw_public = raw_sig.verifying_key();
    let raw_signature = ed25519_dalek::Signer::sign(&raw_sig, &message);
    let (mut t_raw, mut t_cert, mut t_value, mut t_single, mut t_verify) = (vec![], vec![], vec![], vec![], vec![]);
    let mut t_raw_verify = vec![];
    for _ in 0..rounds {
        let t = Instant::now();
        for _ in 0..batch {
            black_box(ed25519_dalek::Signer::sign(&raw_sig, black_box(&message)));
        }
        t_raw.push(t.elapsed());
        let t = Instant::now();
        for i in 0..batch {
            let _ = black_box(signer.sign_to_string(black_box(&certs[i % certs.len()])));
        }
        t_cert.push(t.elapsed());
    }
    // The slower variants, each interleaved with raw signing too, over fewer rounds.
    for _ in 0..rounds / 10 + 1 {
        let t = Instant::now();
        for i in 0..batch {
            black_box(signer.sign(black_box(&certs[i % certs.len()])).ok());
        }
        t_value.push(t.elapsed());
        let t = Instant::now();
        for i in 0..batch / 4 + 1 {
            black_box(sign_certificate(black_box(&certs[i % certs.len()]), &settings, &key).ok());
        }
        t_single.push(t.elapsed());
        let t = Instant::now();
        for _ in 0..batch / 4 + 1 {
            black_box(verify(black_box(&vc0), &options).ok());
        }
        t_verify.push(t.elapsed());
        let t = Instant::now();
        for _ in 0..batch / 4 + 1 {
            black_box(ed25519_dalek::Verifier::verify(&raw_public, black_box(&message), &raw_signature).is_ok());
        }
        t_raw_verify.push(t.elapsed());
        let t = Instant::now();
        for i in 0..batch / 20 + 1 {
            let _ = black_box(signer_both.sign_to_string(black_box(&certs[i % certs.len()])));
        }
        t_both.push(t.elapsed());
        let t = Instant::now();
        for _ in 0..batch / 20 + 1 {
            black_box(verify(black_box(&vc_both), &options).ok());
        }
        t_verify_both.push(t.elapsed());
    }
    let rate = |d: Duration, n: usize| n as f64 / d.as_secs_f64();
    let raw = rate(median(t_raw), batch);
    let cert = rate(median(t_cert), batch);
    let ver = rate(median(t_verify), batch / 4 + 1);
    let raw_ver = rate(median(t_raw_verify), batch / 4 + 1);
    let value = rate(median(t_value), batch);
    let single = rate(median(t_single), batch / 4 + 1);
    let sign_both = rate(median(t_both), batch / 20 + 1);
    let verify_both = rate(median(t_verify_both), batch / 20 + 1);
    let bytes = serde_json::to_vec(&vc0).map(|v| v.len()).unwrap_or(0);
    println!("{rounds} interleaved rounds of {batch}, medians ({bytes}-byte credentials):");
    println!("{:<52} {:>12} {:>8}", "", "per second", "x raw");
    println!(
        "{:<52} {:>12.0} {:>8.2}",
        "raw Ed25519 signing (64-byte message)", raw, 1.0
    );
    println!(
        "{:<52} {:>12.0} {:>8.2}",
        "tamat signed OB3 certificates, JSON text (cohort)",
        cert,
        cert / raw
    );
    println!(
        "{:<52} {:>12.0} {:>8.2}",
        "  same, as serde_json::Value",
        value,
        value / raw
    );
    println!(
        "{:<52} {:>12.0} {:>8.2}",
        "  one-off sign_certificate (no reuse)",
        single,
        single / raw
    );
    println!(
        "{:<52} {:>12.0} {:>8.2}",
        "tamat verify (signature, no status lists)",
        ver,
        ver / raw
    );
    println!(
        "{:<52} {:>12.0} {:>8.2}   (tamat verify: {:.2} x raw verifying)",
        "raw Ed25519 verifying (64-byte message)",
        raw_ver,
        raw_ver / raw,
        ver / raw_ver
    );
    println!(
        "{:<52} {:>12.0} {:>8.2}",
        "proof set (eddsa-rdfc-2022 + eddsa-jcs-2022): signing",
        sign_both,
        sign_both / raw
    );
    println!(
        "{:<52} {:>12.0} {:>8.2}   ({:.3} x raw verifying)",
        "proof set: verify",
        verify_both,
        verify_both / raw,
        verify_both / raw_ver
    );
    if let Some(path) = std::env::var_os("TAMAT_BENCH_JSON") {
        let json = serde_json::json!({
            "rounds": rounds, "batch": batch, "credential_bytes": bytes,
            "per_second": {
                "raw_ed25519_sign": raw, "tamat_sign_certificates": cert,
                "tamat_sign_as_value": value, "tamat_sign_one_off": single, "tamat_verify": ver,
                "raw_ed25519_verify": raw_ver,
                "tamat_sign_proof_set": sign_both, "tamat_verify_proof_set": verify_both,
            },
        });
        std::fs::write(path, json.to_string()).unwrap_or_else(|e| unreachable!("writing the results: {e}"));
    }
    bulk(if smoke { 50 } else { 100_000 });
}

/// Bulk issuance of a large cohort: the first call numbers everyone, the second finds
/// every certificate already issued and returns it unchanged.
fn bulk(n: usize) {
    let participants: Vec<serde_json::Value> = (0..n)
        .map(|i| serde_json::json!({"id": format!("p{i}"), "name": format!("Peserta {i}")}))
        .collect();
    let course: tamat::Course = serde_json::from_value(serde_json::json!({
        "id": "bulk", "title": "Bulk", "time_zone": "Asia/Makassar", "venue": "Samarinda",
        "organiser": {"name": "BPSDM", "unit_code": "U"},
        "sessions": [{"id": "s1", "title": "Materi", "start": "2025-07-17T08:00", "end": "2025-07-17T08:45", "jp": 1}],
        "participants": participants,
    }))
    .unwrap_or_else(|e| unreachable!("{e}"));
    let marks: Vec<tamat::Mark> = (0..n)
        .map(|i| tamat::Mark::status(&format!("p{i}"), "s1", "hadir"))
        .collect();
    let mut request = tamat::EvaluateRequest::new(course, marks);
    request.trace = false;
    let evaluation = tamat::evaluate(&request).unwrap_or_else(|e| unreachable!("{e}"));
    let settings = kaltim_settings().unwrap_or_else(|e| unreachable!("{e}"));
    let mut register = Register::new();
    let t = Instant::now();
    let first = register
        .issue(&request.course, &evaluation, &settings)
        .map(|i| i.issued.len());
    let t_first = t.elapsed();
    let t = Instant::now();
    let again = register
        .issue(&request.course, &evaluation, &settings)
        .map(|i| i.unchanged.len());
    let t_again = t.elapsed();
    println!(
        "bulk issuance of {n}: first {:.2} s ({} issued), again {:.2} s ({} unchanged)",
        t_first.as_secs_f64(),
        first.unwrap_or(0),
        t_again.as_secs_f64(),
        again.unwrap_or(0)
    );
}
