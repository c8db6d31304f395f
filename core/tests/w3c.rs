//! The W3C test vector of `eddsa-jcs-2022` (w3c/vc-di-eddsa, TestVectors), both ways:
//! signing its credential with its key reproduces its `proofValue` byte for byte, and its
//! signed credential verifies; any change makes verification fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{json, Value};
use tamat::integrity::{add_proof, verify_proof, ProofCheck, ProofOptions};
use tamat::signing::{PublicKey, SigningKey};

fn data(name: &str) -> Value {
    let path = format!("{}/../tests/data/w3c-vc-di-eddsa/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn key() -> SigningKey {
    let pair = data("keyPair.json");
    let signed = data("signedJCS.json");
    let vm = signed["proof"]["verificationMethod"].as_str().unwrap();
    SigningKey::parse(pair["privateKeyMultibase"].as_str().unwrap())
        .unwrap()
        .with_key_id(vm)
}

#[test]
fn signing_reproduces_the_proof_value() {
    let signed = data("signedJCS.json");
    let mut unsigned = signed.clone();
    unsigned.as_object_mut().unwrap().remove("proof");
    let options = ProofOptions {
        created: signed["proof"]["created"].as_str().unwrap().to_string(),
        proof_purpose: "assertionMethod".to_string(),
    };
    let ours = add_proof(&unsigned, &key(), &options).unwrap();
    assert_eq!(ours["proof"]["proofValue"], signed["proof"]["proofValue"]);
    assert_eq!(ours, signed, "the whole proof, not only its value, is the vector's");
}

#[test]
fn the_signed_credential_verifies() {
    let signed = data("signedJCS.json");
    let public = PublicKey::from_multibase(data("keyPair.json")["publicKeyMultibase"].as_str().unwrap()).unwrap();
    let vm = signed["proof"]["verificationMethod"].as_str().unwrap().to_string();
    let resolve = |id: &str| (id == vm).then_some(public);
    assert_eq!(
        verify_proof(&signed, resolve).unwrap(),
        ProofCheck::Valid { key_id: vm.clone() }
    );
    for (path, value) in [
        ("/credentialSubject/alumniOf", json!("The School of Counterexamples")),
        ("/validFrom", json!("2023-01-01T00:00:01Z")),
        ("/proof/created", json!("2023-02-24T23:36:39Z")),
        ("/issuer", json!("https://vc.example/issuers/5679")),
    ] {
        let mut changed = signed.clone();
        *changed.pointer_mut(path).unwrap() = value;
        assert!(
            matches!(verify_proof(&changed, resolve).unwrap(), ProofCheck::Tampered { .. }),
            "{path}"
        );
    }
}
