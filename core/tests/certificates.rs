//! Issuance, numbering, signing and verification of the East Kalimantan course's
//! certificates, and every verification status.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{json, Value};
use tamat::certificates::StatusPurpose;
use tamat::certificates::{CertificateState, Register};
use tamat::certificates::{DocumentKind, IssuanceSettings, NikDisclosure};
use tamat::credentials::{sign_certificate, verify, StatusCheck, VerificationStatus, VerifyOptions};
use tamat::credentials::{sign_status_list, status_list_document};
use tamat::demo::{demo_key, kaltim_request, kaltim_settings};
use tamat::proofs::Cryptosuite;
use tamat::proofs::SigningKey;
use tamat::{Course, Evaluation, Outcome, TamatError};

fn kaltim() -> (Course, Evaluation) {
    let req = kaltim_request().unwrap();
    let evaluation = tamat::evaluate(&req).unwrap();
    (req.course, evaluation)
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

#[test]
fn bulk_issuance_numbers_in_roster_order_without_gaps() {
    let (course, evaluation) = kaltim();
    let settings = kaltim_settings().unwrap();
    let mut register = Register::new();
    let issuance = register.issue(&course, &evaluation, &settings).unwrap();
    assert_eq!(issuance.certificates.len(), 30);
    assert_eq!(issuance.issued.len(), 30);
    assert!(issuance.skipped.is_empty());
    for (i, cert) in issuance.certificates.iter().enumerate() {
        assert_eq!(cert.number, format!("{:05}/BPSDM-KALTIM/VII/2025", i + 1));
        assert_eq!(cert.holder.id, course.participants[i].id);
        assert_eq!(cert.status_index, i as u64);
    }
    let sttpp = issuance
        .certificates
        .iter()
        .filter(|c| c.document == DocumentKind::Sttpp)
        .count();
    assert_eq!(sttpp, 27);
    let p11 = issuance.certificates.iter().find(|c| c.holder.id == "p11").unwrap();
    assert_eq!(p11.status, Outcome::TelahMengikuti);
    assert_eq!(p11.document, DocumentKind::SuratKeterangan);
    assert_eq!(register.counters.len(), 1);
    assert_eq!(register.counters[0].last, 30);

    let first = &issuance.certificates[0];
    assert_eq!(first.course.total_jp, 10);
    assert_eq!(first.course.subjects.len(), 10);
    assert_eq!(first.issued_on, NaiveDate::from_ymd_opt(2025, 7, 18).unwrap());
    // The later of the last session's end (16:00 WITA on the 17th) and midnight WITA on the 18th.
    assert_eq!(first.issued_at, at("2025-07-17T16:00:00Z"));
    let nip = first.holder.nip.as_deref().unwrap();
    let printed = first.holder.nip_printed.as_deref().unwrap();
    assert_eq!(printed.replace(' ', ""), nip);
    assert_eq!(printed.split(' ').map(str::len).collect::<Vec<_>>(), [8, 6, 1, 3]);
    assert!(first.evidence.policy_hash.starts_with("sha256:"));
    assert_eq!(first.evidence.policy_hash.len(), 7 + 64);
}

#[test]
fn issuing_again_returns_the_same_certificates() {
    let (course, evaluation) = kaltim();
    let settings = kaltim_settings().unwrap();
    let mut register = Register::new();
    let first = register.issue(&course, &evaluation, &settings).unwrap();
    let before = register.clone();
    let mut later = settings.clone();
    later.issued_on = NaiveDate::from_ymd_opt(2025, 8, 1);
    let second = register.issue(&course, &evaluation, &later).unwrap();
    assert_eq!(second.certificates, first.certificates);
    assert!(second.issued.is_empty());
    assert_eq!(second.unchanged.len(), 30);
    assert_eq!(register, before, "nothing changes in the register");
    let key = demo_key().unwrap();
    let a = sign_certificate(&first.certificates[3], &settings, &key).unwrap();
    let b = sign_certificate(&second.certificates[3], &settings, &key).unwrap();
    assert_eq!(a, b, "the same signed bytes");
}

#[test]
fn a_changed_name_needs_an_explicit_reissue() {
    let (mut course, evaluation) = kaltim();
    let settings = kaltim_settings().unwrap();
    let mut register = Register::new();
    let first = register.issue(&course, &evaluation, &settings).unwrap();
    let old = first.certificates[4].clone();
    course.participants[4].name.push_str(", S.Kom.");
    let before = register.clone();
    let err = register.issue(&course, &evaluation, &settings).unwrap_err();
    assert_eq!(err.codes(), ["register.content_changed"]);
    assert_eq!(register, before, "a refused issuance changes nothing");

    let mut reissue_settings = settings.clone();
    reissue_settings.issued_on = NaiveDate::from_ymd_opt(2025, 8, 4);
    let new = register
        .reissue(
            &course,
            &evaluation,
            &reissue_settings,
            &old.id,
            None,
            Some("nama diperbaiki"),
        )
        .unwrap();
    assert_eq!(new.number, "00031/BPSDM-KALTIM/VIII/2025");
    assert_eq!(new.supersedes.as_deref(), Some(old.id.as_str()));
    assert!(new.holder.name.ends_with("S.Kom."));
    let old_entry = register.entry(&old.id).unwrap();
    assert_eq!(old_entry.state, CertificateState::Revoked);
    assert_eq!(old_entry.superseded_by.as_deref(), Some(new.id.as_str()));
    assert_eq!(old_entry.number, old.number, "a number never changes");
    // Issuing again now returns the new certificate and leaves the rest alone.
    let again = register.issue(&course, &evaluation, &settings).unwrap();
    assert!(again.issued.is_empty());
    assert_eq!(again.certificates[4], new);
    // The revoked one cannot be re-issued a second time.
    let err = register
        .reissue(&course, &evaluation, &settings, &old.id, None, None)
        .unwrap_err();
    assert_eq!(err.codes(), ["register.invalid_transition"]);
}

#[test]
fn counters_run_per_year_per_unit_from_the_chosen_start() {
    let (course, evaluation) = kaltim();
    let mut settings = kaltim_settings().unwrap();
    settings.numbering.start = 120;
    settings.numbering.width = 4;
    let mut register = Register::new();
    let a = register.issue(&course, &evaluation, &settings).unwrap();
    assert_eq!(a.certificates[0].number, "0120/BPSDM-KALTIM/VII/2025");
    assert_eq!(a.certificates[29].number, "0149/BPSDM-KALTIM/VII/2025");
    // Another course of another unit in another year starts its own counter.
    let mut other = course.clone();
    other.id = "other-course".into();
    let mut eval2 = evaluation.clone();
    eval2.course = other.id.clone();
    let mut s2 = settings.clone();
    s2.unit = Some("UPTD".into());
    s2.issued_on = NaiveDate::from_ymd_opt(2026, 1, 5);
    s2.numbering.start = 1;
    let b = register.issue(&other, &eval2, &s2).unwrap();
    assert_eq!(b.certificates[0].number, "0001/UPTD/I/2026");
    // The same unit and year again continues, whatever start is asked for.
    let mut third = course.clone();
    third.id = "third-course".into();
    let mut eval3 = evaluation.clone();
    eval3.course = third.id.clone();
    let c = register.issue(&third, &eval3, &settings).unwrap();
    assert_eq!(c.certificates[0].number, "0150/BPSDM-KALTIM/VII/2025");
    assert_eq!(register.certificates.len(), 90);
    register.validate(settings.status_list_size).unwrap();
}

#[test]
fn revoked_participants_are_skipped_not_reissued() {
    let (course, evaluation) = kaltim();
    let settings = kaltim_settings().unwrap();
    let mut register = Register::new();
    let first = register.issue(&course, &evaluation, &settings).unwrap();
    let id = first.certificates[0].id.clone();
    register
        .revoke(&id, Some(at("2025-09-01T00:00:00Z")), Some("error"))
        .unwrap();
    let again = register.issue(&course, &evaluation, &settings).unwrap();
    assert_eq!(again.certificates.len(), 29);
    assert_eq!(again.skipped.len(), 1);
    assert_eq!(again.skipped[0].reason, "revoked");
    let err = register.suspend(&id, None, None).unwrap_err();
    assert_eq!(err.code(), "register.invalid_transition");
    assert_eq!(
        register.revoke("nope", None, None).unwrap_err().code(),
        "register.unknown_certificate"
    );
}

#[test]
fn registers_that_contradict_themselves_are_refused() {
    let (course, evaluation) = kaltim();
    let settings = kaltim_settings().unwrap();
    let mut register = Register::new();
    register.issue(&course, &evaluation, &settings).unwrap();
    let text = serde_json::to_string(&register).unwrap();
    assert_eq!(Register::from_json(&text).unwrap(), register);
    let reason = |r: &Register| match Register::from_json(&serde_json::to_string(r).unwrap()) {
        Err(TamatError::InvalidRegister { problem: reason, .. }) => reason,
        other => panic!("{other:?}"),
    };
    let mut r = register.clone();
    r.certificates[1].number = r.certificates[0].number.clone();
    assert_eq!(reason(&r), "duplicate_number");
    let mut r = register.clone();
    r.counters[0].last = 10;
    assert_eq!(reason(&r), "counter_behind");
    let mut r = register.clone();
    r.certificates[1].status_index = 0;
    assert_eq!(reason(&r), "duplicate_index");
    let mut r = register.clone();
    r.certificates[1].participant = r.certificates[0].participant.clone();
    assert_eq!(reason(&r), "duplicate_active");
    let mut r = register.clone();
    r.certificates[1].id = r.certificates[0].id.clone();
    assert_eq!(reason(&r), "duplicate_id");
    let mut r = register.clone();
    r.certificates[2].supersedes = Some("missing".into());
    assert_eq!(reason(&r), "unknown_link");
    let mut r = register.clone();
    r.version = 2;
    assert_eq!(reason(&r), "register_version");
}

struct Issued {
    settings: IssuanceSettings,
    register: Register,
    credentials: Vec<Value>,
    key: SigningKey,
}

fn issued(valid_until: Option<&str>) -> Issued {
    issued_with(valid_until, &tamat::certificates::default_cryptosuites())
}

fn issued_with(valid_until: Option<&str>, suites: &[Cryptosuite]) -> Issued {
    let (course, evaluation) = kaltim();
    let mut settings = kaltim_settings().unwrap();
    settings.valid_until = valid_until.map(at);
    settings.cryptosuites = suites.to_vec();
    let mut register = Register::new();
    let key = demo_key().unwrap();
    let issuance = register.issue(&course, &evaluation, &settings).unwrap();
    let credentials = issuance
        .certificates
        .iter()
        .map(|c| sign_certificate(c, &settings, &key).unwrap())
        .collect();
    Issued {
        settings,
        register,
        credentials,
        key,
    }
}

fn lists(i: &Issued) -> Vec<Value> {
    let issuer = i.key.public_key().did_key();
    [StatusPurpose::Message]
        .into_iter()
        .map(|p| {
            let url = i.settings.status_list_url(p.code());
            let doc = status_list_document(
                &i.register,
                p,
                &url,
                &issuer,
                i.settings.status_list_size,
                at("2025-09-01T00:00:00Z"),
                None,
            )
            .unwrap();
            sign_status_list(&doc, &i.key, at("2025-09-01T00:00:00Z"), &i.settings.cryptosuites).unwrap()
        })
        .collect()
}

fn options(i: &Issued, when: &str) -> VerifyOptions {
    VerifyOptions {
        keys: vec![i.key.multikey(&i.key.public_key().did_key())],
        status_lists: lists(i),
        at: Some(at(when)),
        ..Default::default()
    }
}

#[test]
fn every_verification_status() {
    let mut i = issued(Some("2030-07-18T00:00:00Z"));
    let status = |i: &Issued, n: usize, when: &str| verify(&i.credentials[n], &options(i, when)).unwrap().status;
    let now = "2026-11-28T00:00:00Z";
    let v = verify(&i.credentials[0], &options(&i, now)).unwrap();
    assert_eq!(v.status, VerificationStatus::Valid);
    assert_eq!(v.revocation, StatusCheck::Clear);
    assert_eq!(v.suspension, StatusCheck::Clear);
    assert_eq!(status(&i, 0, "2025-07-17T15:59:59Z"), VerificationStatus::NotYetValid);
    assert_eq!(status(&i, 0, "2030-07-18T00:00:00Z"), VerificationStatus::Expired);

    let mut tampered = i.credentials[0].clone();
    tampered["sttpp"]["holder"]["name"] = json!("Someone Else");
    assert_eq!(
        verify(&tampered, &options(&i, now)).unwrap().status,
        VerificationStatus::Tampered
    );

    let stranger = SigningKey::from_seed(&[9; 32]);
    let opts = VerifyOptions {
        keys: vec![stranger.multikey("")],
        ..options(&i, now)
    };
    assert_eq!(
        verify(&i.credentials[0], &opts).unwrap().status,
        VerificationStatus::UnknownKey
    );
    // The right key id with another key's bytes: the signature does not match.
    let mut wrong = stranger.multikey("");
    wrong.id = i.key.key_id().to_string();
    let opts = VerifyOptions {
        keys: vec![wrong],
        status_lists: vec![],
        at: None,
        ..Default::default()
    };
    assert_eq!(
        verify(&i.credentials[0], &opts).unwrap().status,
        VerificationStatus::Tampered
    );

    let ids: Vec<String> = i.register.certificates.iter().map(|e| e.id.clone()).collect();
    i.register.revoke(&ids[1], None, None).unwrap();
    i.register.suspend(&ids[2], None, None).unwrap();
    assert_eq!(status(&i, 1, now), VerificationStatus::Revoked);
    assert_eq!(status(&i, 2, now), VerificationStatus::Suspended);
    assert_eq!(status(&i, 3, now), VerificationStatus::Valid);
    i.register.reinstate(&ids[2], None, None).unwrap();
    assert_eq!(status(&i, 2, now), VerificationStatus::Valid);

    // Without status lists, the status is reported unchecked, never valid: not even for
    // a certificate that was revoked (fail closed).
    let opts = VerifyOptions {
        status_lists: vec![],
        ..options(&i, now)
    };
    let v = verify(&i.credentials[1], &opts).unwrap();
    assert_eq!(v.status, VerificationStatus::StatusUnchecked);
    assert!(!v.status.is_valid());
    assert_eq!(v.revocation, StatusCheck::Unchecked);
    let v = verify(&i.credentials[3], &opts).unwrap();
    assert_eq!(v.status, VerificationStatus::StatusUnchecked);
}

#[test]
fn forged_status_lists_are_refused() {
    let i = issued(None);
    let mut opts = options(&i, "2026-01-01T00:00:00Z");
    let mut bits = tamat::certificates::Bitstring::new(131_072);
    bits.set(0);
    opts.status_lists[0]["credentialSubject"]["encodedList"] = json!(bits.encode().unwrap());
    let err = verify(&i.credentials[0], &opts).unwrap_err();
    assert_eq!(err.code(), "status_list.invalid");
}

/// Every leaf of the signed credential, as a JSON pointer.
fn leaves(v: &Value, path: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| leaves(x, format!("{path}/{}", k.replace('~', "~0").replace('/', "~1")), out)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(n, x)| leaves(x, format!("{path}/{n}"), out)),
        _ => out.push(path),
    }
}

fn changed(v: &Value) -> Value {
    match v {
        Value::String(s) => json!(format!("{s}x")),
        Value::Number(n) => json!(n.as_f64().unwrap_or(0.0) + 1.0),
        Value::Bool(b) => json!(!b),
        Value::Null => json!(0),
        other => other.clone(),
    }
}

#[test]
fn every_single_field_change_fails_verification_under_each_suite() {
    for suites in [
        vec![Cryptosuite::EddsaJcs2022],
        vec![Cryptosuite::EddsaRdfc2022],
        tamat::certificates::default_cryptosuites(),
    ] {
        let i = issued_with(None, &suites);
        let opts = options(&i, "2026-01-01T00:00:00Z");
        let signed = &i.credentials[10];
        let v = verify(signed, &opts).unwrap();
        assert_eq!(v.status, VerificationStatus::Valid);
        let checked: Vec<Cryptosuite> = v.proofs.iter().map(|p| p.cryptosuite).collect();
        assert_eq!(checked, suites, "every proof is checked, by its own suite");
        let mut paths = Vec::new();
        leaves(signed, String::new(), &mut paths);
        assert!(paths.len() > 80, "{}", paths.len());
        for p in paths {
            let mut doc = signed.clone();
            let slot = doc.pointer_mut(&p).unwrap();
            *slot = changed(slot);
            let result = verify(&doc, &opts);
            assert!(
                !matches!(result, Ok(ref v) if v.status == VerificationStatus::Valid),
                "{suites:?}: changing {p} still verifies"
            );
        }
    }
}

/// One proof of a proof set that does not hold is enough to refuse the credential: the
/// verdict is the worst of the proofs, never the best.
#[test]
fn a_proof_set_is_only_as_good_as_its_worst_proof() {
    let i = issued(None);
    let opts = options(&i, "2026-01-01T00:00:00Z");
    for n in 0..2 {
        let mut doc = i.credentials[3].clone();
        let value = doc["proof"][n]["proofValue"].as_str().unwrap().to_string();
        let other = i.credentials[4]["proof"][n]["proofValue"].clone();
        assert_ne!(other, json!(value));
        doc["proof"][n]["proofValue"] = other;
        let v = verify(&doc, &opts).unwrap();
        assert_eq!(v.status, VerificationStatus::Tampered, "proof {n}");
        assert_eq!(v.proofs[n].status, VerificationStatus::Tampered);
        assert_eq!(v.proofs[1 - n].status, VerificationStatus::Valid);
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn fixture() -> &'static (Value, VerifyOptions, Vec<String>) {
        static F: OnceLock<(Value, VerifyOptions, Vec<String>)> = OnceLock::new();
        F.get_or_init(|| {
            let i = issued(None);
            let opts = options(&i, "2026-01-01T00:00:00Z");
            let signed = i.credentials[0].clone();
            let mut paths = Vec::new();
            leaves(&signed, String::new(), &mut paths);
            (signed, opts, paths)
        })
    }

    fn any_value() -> impl Strategy<Value = Value> {
        prop_oneof![
            any::<String>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<bool>().prop_map(Value::from),
            Just(Value::Null),
            Just(json!([])),
            Just(json!({})),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Replacing any one field of a signed certificate with any other value, or
        /// removing it, never leaves a valid credential.
        #[test]
        fn any_single_field_change_fails(pick in any::<proptest::sample::Index>(), value in any_value(), remove in any::<bool>()) {
            let (signed, opts, paths) = fixture();
            let p = &paths[pick.index(paths.len())];
            let mut doc = signed.clone();
            if remove {
                let (parent, key) = p.rsplit_once('/').unwrap();
                match doc.pointer_mut(parent).unwrap() {
                    Value::Object(m) => { m.remove(&key.replace("~1", "/").replace("~0", "~")); }
                    Value::Array(a) => { a.remove(key.parse::<usize>().unwrap()); }
                    _ => unreachable!(),
                }
            } else {
                let slot = doc.pointer_mut(p).unwrap();
                prop_assume!(*slot != value);
                *slot = value;
            }
            let result = verify(&doc, opts);
            prop_assert!(!matches!(result, Ok(ref v) if v.status == VerificationStatus::Valid), "{p}");
        }
    }
}

#[test]
fn the_printable_page_escapes_names_and_carries_the_qr_payload() {
    let (mut course, evaluation) = kaltim();
    course.participants[0].name = "Siti <script>&amp; \"Aminah\"".into();
    let settings = kaltim_settings().unwrap();
    let mut register = Register::new();
    let cert = register.issue(&course, &evaluation, &settings).unwrap().certificates[0].clone();
    let vc = sign_certificate(&cert, &settings, &demo_key().unwrap()).unwrap();
    let payload = tamat::certificates::qr_payload(&cert, &settings, &vc).unwrap();
    let hash = tamat::certificates::credential_hash(&vc).unwrap();
    assert_eq!(hash.len(), 43);
    assert_eq!(
        payload,
        format!("https://sertifikat.bpsdm-kaltim.example/#{}.{hash}", cert.id)
    );
    let svg = tamat::certificates::certificate_svg(&cert, &payload, &Default::default()).unwrap();
    assert!(svg.contains("Siti &lt;script&gt;&amp;amp; &quot;Aminah&quot;"));
    assert!(!svg.contains("<script>"));
    assert!(svg.contains(&cert.number));
    assert!(svg.contains("a.n. Gubernur Kalimantan Timur"));
    assert!(svg.contains(cert.holder.nip_printed.as_deref().unwrap()));
    assert!(svg.contains("AGENDA PEMBELAJARAN"));
    // Well-formed enough for an XML reader: every element opened is closed.
    assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
    // A different credential gives a different payload.
    let mut other = vc.clone();
    other["name"] = json!("x");
    assert_ne!(
        tamat::certificates::qr_payload(&cert, &settings, &other).unwrap(),
        payload
    );
}

#[test]
fn the_fast_signer_writes_canonical_json_that_the_reference_canonicaliser_agrees_with() {
    let i = issued(Some("2030-01-01T00:00:00Z"));
    let (course, evaluation) = kaltim();
    let mut register = Register::new();
    let certs = register.issue(&course, &evaluation, &i.settings).unwrap().certificates;
    let mut signer = tamat::credentials::CredentialSigner::new(&i.settings, &i.key);
    for cert in &certs {
        let text = signer.sign_to_string(cert).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(tamat::proofs::canonicalize(&value).unwrap(), text, "not canonical");
        assert_eq!(value["sttpp"], serde_json::to_value(cert).unwrap());
        assert_eq!(value, sign_certificate(cert, &i.settings, &i.key).unwrap());
        let v = verify(&value, &options(&i, "2026-01-01T00:00:00Z")).unwrap();
        assert_eq!(v.status, VerificationStatus::Valid);
    }
}

/// The whole life of a certificate through the JSON contract, as the Python and
/// JavaScript packages will drive it: issue and sign, verify, revoke, publish the list,
/// verify again.
#[test]
fn the_json_contract_end_to_end() {
    let req = kaltim_request().unwrap();
    let settings = serde_json::to_value(kaltim_settings().unwrap()).unwrap();
    let key = json!({"secret": tamat::demo::DEMO_SEED_HEX});
    let call = |f: fn(&str) -> String, input: Value| -> Value {
        let out: Value = serde_json::from_str(&f(&input.to_string())).unwrap();
        assert_eq!(out["type"], "success", "{out}");
        out
    };
    let issued = call(
        tamat::json::issue,
        json!({"course": req.course, "attendance": req.attendance, "settings": settings, "key": key}),
    );
    let credentials = issued["credentials"].as_array().unwrap();
    assert_eq!(credentials.len(), 30);
    let issuer = issued["issuer"].clone();
    assert!(issuer["publicKeyMultibase"].as_str().unwrap().starts_with("z6Mk"));
    let lists = |register: &Value| -> Vec<Value> {
        ["message"]
            .iter()
            .map(|p| {
                call(
                    tamat::json::status_list,
                    json!({"register": register, "settings": settings, "key": key, "purpose": p,
                           "valid_from": "2025-07-18T00:00:00Z"}),
                )["credential"]
                    .clone()
            })
            .collect()
    };
    let verify = |cred: &Value, lists: &Vec<Value>| -> Value {
        call(
            tamat::json::verify,
            json!({"credential": cred, "keys": [issuer], "status_lists": lists, "at": "2026-11-28T00:00:00Z"}),
        )
    };
    let before = lists(&issued["register"]);
    let v = verify(&credentials[4], &before);
    assert_eq!(v["status"], "valid");
    assert_eq!(v["revocation"], "clear");
    let id = issued["certificates"][4]["id"].as_str().unwrap();
    let revoked = call(
        tamat::json::change_status,
        json!({"register": issued["register"], "certificate": id, "action": "revoke", "reason": "error"}),
    );
    let after = lists(&revoked["register"]);
    assert_eq!(verify(&credentials[4], &after)["status"], "revoked");
    assert_eq!(verify(&credentials[5], &after)["status"], "valid");
    let rendered = call(
        tamat::json::render,
        json!({"certificate": issued["certificates"][5], "credential": credentials[5], "settings": settings}),
    );
    assert!(rendered["svg"]
        .as_str()
        .unwrap()
        .contains("00006/BPSDM-KALTIM/VII/2025"));
    assert!(rendered["qr_payload"]
        .as_str()
        .unwrap()
        .contains(issued["certificates"][5]["id"].as_str().unwrap()));
}

/// 1EdTech's official Open Badges 3.0 `AchievementCredential` JSON Schema (draft 2019-09,
/// copied unchanged into `tests/data/ob-v3p0-schema/`; see its README).
fn ob3_rules() -> Value {
    let path = format!(
        "{}/../tests/data/ob-v3p0-schema/achievementcredential.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn credentials_meet_the_open_badges_rules() {
    let rules = jsonschema::validator_for(&ob3_rules()).unwrap();
    let (mut course, evaluation) = kaltim();
    // One holder with a NIK instead of a NIP, one with neither.
    course.participants[1].nip = None;
    course.participants[1].nik = Some(tamat::Nik::parse("6472014507850002").unwrap());
    course.participants[2].nip = None;
    let settings = kaltim_settings().unwrap();
    let key = demo_key().unwrap();
    let mut register = Register::new();
    let certs = register.issue(&course, &evaluation, &settings).unwrap().certificates;
    let mut signer = tamat::credentials::CredentialSigner::new(&settings, &key);
    for cert in &certs {
        let vc = signer.sign(cert).unwrap();
        let errors: Vec<String> = rules
            .iter_errors(&vc)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", cert.holder.id);
    }
    let mut kinds =
        |i: usize| signer.sign(&certs[i]).unwrap()["credentialSubject"]["identifier"][0]["identityType"].clone();
    assert_eq!(kinds(0), "identifier");
    assert_eq!(kinds(1), "nationalIdentityNumber");
    assert_eq!(kinds(2), "ext:participantId");
    let p11 = certs.iter().position(|c| c.holder.id == "p11").unwrap();
    let vc = signer.sign(&certs[p11]).unwrap();
    assert_eq!(
        vc["credentialSubject"]["achievement"]["achievementType"],
        "ext:CertificateOfAttendance"
    );
    // What the schema refuses is caught (the test can fail): an identifier of an unknown
    // kind, two status entries, a proof that is not an array.
    let good = signer.sign(&certs[0]).unwrap();
    assert!(good["proof"].is_array() && good["credentialStatus"].is_object());
    let mut bad = good.clone();
    bad["credentialSubject"]["identifier"][0]["identityType"] = json!("nip");
    assert!(!rules.is_valid(&bad));
    let mut two = good.clone();
    two["credentialStatus"] = json!([good["credentialStatus"], good["credentialStatus"]]);
    assert!(!rules.is_valid(&two));
    let mut single = good.clone();
    single["proof"] = good["proof"][0].clone();
    assert!(!rules.is_valid(&single));
}

#[test]
fn a_list_past_its_valid_until_is_stale() {
    let mut i = issued(None);
    let issuer = i.key.public_key().did_key();
    let ids: Vec<String> = i.register.certificates.iter().map(|e| e.id.clone()).collect();
    i.register.revoke(&ids[1], None, None).unwrap();
    let lists: Vec<Value> = [StatusPurpose::Message]
        .into_iter()
        .map(|p| {
            let doc = status_list_document(
                &i.register,
                p,
                &i.settings.status_list_url(p.code()),
                &issuer,
                i.settings.status_list_size,
                at("2025-09-01T00:00:00Z"),
                Some(at("2025-09-02T00:00:00Z")),
            )
            .unwrap();
            assert_eq!(doc["validUntil"], "2025-09-02T00:00:00Z");
            sign_status_list(&doc, &i.key, at("2025-09-01T00:00:00Z"), &i.settings.cryptosuites).unwrap()
        })
        .collect();
    let check = |n: usize, when: &str| {
        let opts = VerifyOptions {
            keys: vec![i.key.multikey(&issuer)],
            status_lists: lists.clone(),
            at: Some(at(when)),
            ..Default::default()
        };
        verify(&i.credentials[n], &opts).unwrap()
    };
    assert_eq!(check(0, "2025-09-01T12:00:00Z").status, VerificationStatus::Valid);
    let late = check(0, "2025-09-02T00:00:00Z");
    assert_eq!(late.status, VerificationStatus::StatusStale);
    assert_eq!(late.revocation, StatusCheck::Stale);
    // A set bit in a stale list is still a revocation.
    assert_eq!(check(1, "2025-10-01T00:00:00Z").status, VerificationStatus::Revoked);
    // validUntil must come after validFrom.
    assert!(status_list_document(
        &i.register,
        StatusPurpose::Revocation,
        "https://x.example/l",
        &issuer,
        131_072,
        at("2025-09-01T00:00:00Z"),
        Some(at("2025-09-01T00:00:00Z")),
    )
    .is_err());
}

/// An issuer under its own domain: `did:web`. The key signs as `<did>#<multibase>`, the
/// issuer's DID document names it for assertions, the status list is signed the same
/// way, and a verifier who trusts the did:key form of the same key finds no trusted key
/// (its id and controller are another issuer's).
#[test]
fn a_did_web_issuer_signs_with_the_key_its_did_document_names() {
    use tamat::credentials::{did_document, did_web_url, issuer_multikey, CredentialSigner};
    let (course, evaluation) = kaltim();
    let mut settings = kaltim_settings().unwrap();
    let did = "did:web:sertifikat.bpsdm-kaltim.example";
    settings.issuer.id = Some(did.into());
    let key = demo_key().unwrap();
    let mut register = Register::new();
    let certs = register.issue(&course, &evaluation, &settings).unwrap().certificates;
    let vc = CredentialSigner::new(&settings, &key).sign(&certs[0]).unwrap();
    let vm = format!("{did}#{}", key.public_key().multibase());
    assert_eq!(vc["issuer"]["id"], did);
    assert_eq!(vc["proof"][0]["verificationMethod"], vm.as_str());
    let doc = did_document(&settings, &key).unwrap();
    assert_eq!(doc["id"], did);
    assert_eq!(doc["assertionMethod"], json!([vm]));
    assert_eq!(doc["verificationMethod"][0]["controller"], did);
    assert_eq!(
        doc["verificationMethod"][0]["publicKeyMultibase"],
        key.public_key().multibase()
    );
    let trusted = issuer_multikey(&settings, &key);
    assert_eq!((trusted.id.as_str(), trusted.controller.as_str()), (vm.as_str(), did));
    let list = tamat::contract::signed_status_list(
        &register,
        &settings,
        &key,
        StatusPurpose::Message,
        at("2025-08-01T00:00:00Z"),
        None,
    )
    .unwrap();
    for proof in list["proof"].as_array().unwrap() {
        assert_eq!(proof["verificationMethod"], vm.as_str());
    }
    let options = |keys| VerifyOptions {
        keys,
        status_lists: vec![list.clone()],
        at: Some(at("2026-01-01T00:00:00Z")),
        ..Default::default()
    };
    assert_eq!(
        verify(&vc, &options(vec![trusted])).unwrap().status,
        VerificationStatus::Valid
    );
    let as_did_key = key.multikey(&key.public_key().did_key());
    assert_eq!(
        verify(&vc, &options(vec![as_did_key])).unwrap().status,
        VerificationStatus::UnknownKey
    );
    // Without a did:web issuer there is no DID document to publish, and the key keeps its id.
    assert!(did_document(&kaltim_settings().unwrap(), &key).is_none());
    // A key that names its own id keeps it.
    let named = key.clone().with_key_id(format!("{did}#key-1"));
    let vc = CredentialSigner::new(&settings, &named).sign(&certs[0]).unwrap();
    assert_eq!(vc["proof"][0]["verificationMethod"], format!("{did}#key-1"));
    assert_eq!(
        did_document(&settings, &named).unwrap()["assertionMethod"],
        json!([format!("{did}#key-1")])
    );
    // Where the document is published (the did:web method's rule).
    assert_eq!(
        did_web_url(did).unwrap(),
        "https://sertifikat.bpsdm-kaltim.example/.well-known/did.json"
    );
    assert_eq!(
        did_web_url("did:web:example.go.id%3A8443:bpsdm:kaltim").unwrap(),
        "https://example.go.id:8443/bpsdm/kaltim/did.json"
    );
    assert_eq!(did_web_url("did:key:z6Mk"), None);
    assert_eq!(did_web_url("did:web:"), None);
}

/// Identity with care: by default no credential, certificate or printed page carries a
/// NIK in clear, nor a birth date or place; the NIK is there as Open Badges' salted hash,
/// which a verifier who holds the number can check. The settings can ask for more.
#[test]
fn by_default_no_nik_in_clear_and_no_birth_data() {
    let (mut course, evaluation) = kaltim();
    let niks = ["6472014507850002", "6402015203900001", "6471010101800003"];
    // Holders with a NIK and no NIP, and one with both.
    for (n, nik) in niks.iter().enumerate() {
        course.participants[n].nik = Some(tamat::Nik::parse(nik).unwrap());
        if n < 2 {
            course.participants[n].nip = None;
        }
    }
    assert!(course.participants[5].birth_date.is_some() && course.participants[5].birth_place.is_some());
    let key = demo_key().unwrap();
    let issue = |settings: &IssuanceSettings| {
        let certs = Register::new()
            .issue(&course, &evaluation, settings)
            .unwrap()
            .certificates;
        let vcs: Vec<Value> = certs
            .iter()
            .map(|c| sign_certificate(c, settings, &key).unwrap())
            .collect();
        (certs, vcs)
    };
    let settings = kaltim_settings().unwrap();
    let (certs, vcs) = issue(&settings);
    let rules = jsonschema::validator_for(&ob3_rules()).unwrap();
    for (cert, vc) in certs.iter().zip(&vcs) {
        let text = vc.to_string();
        let page = tamat::certificates::certificate_svg(cert, "urn:x", &Default::default()).unwrap();
        for nik in niks {
            assert!(!text.contains(nik), "{}: the NIK in clear", cert.holder.id);
            assert!(!page.contains(nik), "{}: the NIK printed", cert.holder.id);
        }
        let p = course.participants.iter().find(|p| p.id == cert.holder.id).unwrap();
        let born = p.birth_date.unwrap().to_string();
        assert!(!text.contains(&born), "{}", p.id);
        // (The place of birth may be a town the credential names for other reasons.)
        assert!(vc["sttpp"]["holder"]["birth_place"].is_null() && vc["sttpp"]["holder"]["birth_date"].is_null());
        assert!(!page.contains("Tempat, tanggal lahir"));
        assert!(rules.is_valid(vc), "{}: the official schema", p.id);
    }
    // The hashed NIK: an IdentityObject a verifier who holds the number can check.
    let ids = &vcs[0]["credentialSubject"]["identifier"];
    assert_eq!(ids.as_array().unwrap().len(), 1);
    assert_eq!(ids[0]["identityType"], "nationalIdentityNumber");
    assert_eq!(ids[0]["hashed"], true);
    let salt = ids[0]["salt"].as_str().unwrap();
    assert_eq!(salt.len(), 32);
    // sha256$ + hex(SHA-256(NIK + salt)), computed here by hand.
    use sha2::{Digest, Sha256};
    let by_hand: String = Sha256::digest(format!("{}{salt}", niks[0]))
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(ids[0]["identityHash"], format!("sha256${by_hand}"));
    // Salts differ between certificates: equal NIKs are not linkable by their hash.
    assert_ne!(vcs[1]["credentialSubject"]["identifier"][0]["salt"], json!(salt));
    // Both a NIP (in clear) and a NIK (hashed).
    let both = &vcs[2]["credentialSubject"]["identifier"];
    assert_eq!(both[0]["identityType"], "identifier");
    assert_eq!(both[1]["identityType"], "nationalIdentityNumber");
    assert_eq!(both[1]["hashed"], true);
    // The verifier's check, through verify.
    let i = issued(None);
    let mut opts = options(&i, "2026-01-01T00:00:00Z");
    opts.status_lists.clear();
    for (n, nik) in niks.iter().enumerate() {
        opts.identity = Some(nik.to_string());
        assert_eq!(
            verify(&vcs[n], &opts).unwrap().identity,
            Some(tamat::credentials::IdentityMatch::Matched)
        );
        opts.identity = Some(niks[(n + 1) % 3].to_string());
        assert_eq!(
            verify(&vcs[n], &opts).unwrap().identity,
            Some(tamat::credentials::IdentityMatch::NotMatched)
        );
    }
    assert!(
        tamat::credentials::names_identity(&vcs[2], "19850312 201001 2 004")
            == (certs[2].holder.nip.as_deref() == Some("198503122010012004"))
    );
    assert!(tamat::credentials::names_identity(
        &vcs[2],
        certs[2].holder.nip.as_deref().unwrap()
    ));
    // Asked for: the NIK in clear, the birth date and place.
    let mut open = settings.clone();
    open.identity.nik = NikDisclosure::Clear;
    open.identity.birth = true;
    let (certs, vcs) = issue(&open);
    assert!(vcs[0].to_string().contains(niks[0]));
    assert_eq!(certs[5].holder.birth_date, course.participants[5].birth_date);
    assert!(
        tamat::certificates::certificate_svg(&certs[5], "urn:x", &Default::default())
            .unwrap()
            .contains("Tempat, tanggal lahir")
    );
    // Or left out entirely.
    let mut none = settings.clone();
    none.identity.nik = NikDisclosure::Omit;
    let (certs, vcs) = issue(&none);
    assert!(certs[0].holder.nik.is_none() && certs[0].holder.nik_hash.is_none());
    assert_eq!(
        vcs[0]["credentialSubject"]["identifier"][0]["identityType"],
        "ext:participantId"
    );
}
