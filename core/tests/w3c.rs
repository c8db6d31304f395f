//! The W3C test vector of `eddsa-jcs-2022` (w3c/vc-di-eddsa, TestVectors), both ways:
//! signing its credential with its key reproduces its `proofValue` byte for byte, and its
//! signed credential verifies; any change makes verification fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{json, Value};
use tamat::proofs::{add_proof, verify_proof, Cryptosuite, ProofCheck, ProofOptions};
use tamat::proofs::{PublicKey, SigningKey};

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
        cryptosuite: Cryptosuite::EddsaJcs2022,
        contexts: Vec::new(),
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

// --- eddsa-rdfc-2022 ---------------------------------------------------------------------
// The same specification's vector (TestVectors/eddsa-rdfc-2022): each step's output is
// reproduced byte for byte, from the canonical N-Quads to the signed credential.

#[cfg(feature = "rdfc")]
mod rdfc {
    use super::*;
    use sha2::{Digest, Sha256};
    use tamat::proofs::proof_checks;
    use tamat::proofs::{canonical_nquads, JsonLdContext};

    fn text(name: &str) -> String {
        let path = format!(
            "{}/../tests/data/w3c-vc-di-eddsa/eddsa-rdfc-2022/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(path).unwrap()
    }

    fn json(name: &str) -> Value {
        serde_json::from_str(&text(name)).unwrap()
    }

    /// The examples context the vector's credential names (not bundled: a verifier gives it).
    fn examples() -> Vec<JsonLdContext> {
        vec![JsonLdContext {
            url: "https://www.w3.org/ns/credentials/examples/v2".into(),
            document: json("credentials-examples-v2.jsonld"),
        }]
    }

    fn key() -> SigningKey {
        let vm = json("signedDataInt.json")["proof"]["verificationMethod"]
            .as_str()
            .unwrap()
            .to_string();
        SigningKey::parse(json("keyPair.json")["privateKeyMultibase"].as_str().unwrap())
            .unwrap()
            .with_key_id(vm)
    }

    #[test]
    fn the_canonical_n_quads_and_their_hashes_are_the_vectors() {
        let doc = json("unsigned.json");
        let nquads = canonical_nquads(doc.as_object().unwrap(), &examples()).unwrap();
        assert_eq!(nquads, text("canonDocDataInt.txt"));
        let proof = json("proofConfigDataInt.json");
        let proof_nquads = canonical_nquads(proof.as_object().unwrap(), &examples()).unwrap();
        assert_eq!(proof_nquads, text("proofCanonDataInt.txt"));
        let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        assert_eq!(hex(&Sha256::digest(&nquads)), text("docHashDataInt.txt").trim());
        assert_eq!(hex(&Sha256::digest(&proof_nquads)), text("proofHashDataInt.txt").trim());
    }

    #[test]
    fn signing_reproduces_the_signed_credential() {
        let signed = json("signedDataInt.json");
        let options = ProofOptions {
            created: signed["proof"]["created"].as_str().unwrap().to_string(),
            proof_purpose: "assertionMethod".into(),
            cryptosuite: Cryptosuite::EddsaRdfc2022,
            contexts: examples(),
        };
        let ours = add_proof(&json("unsigned.json"), &key(), &options).unwrap();
        assert_eq!(ours["proof"]["proofValue"], text("sigBTC58DataInt.txt").trim());
        assert_eq!(ours, signed, "the whole proof, not only its value, is the vector's");
    }

    #[test]
    fn the_signed_credential_verifies_and_every_change_is_caught() {
        let signed = json("signedDataInt.json");
        let public = PublicKey::from_multibase(json("keyPair.json")["publicKeyMultibase"].as_str().unwrap()).unwrap();
        let vm = signed["proof"]["verificationMethod"].as_str().unwrap().to_string();
        let resolve = |id: &str| (id == vm).then_some(public);
        let check = |doc: &Value| proof_checks(doc, &resolve, &examples());
        assert_eq!(
            check(&signed).unwrap(),
            vec![(Cryptosuite::EddsaRdfc2022, ProofCheck::Valid { key_id: vm.clone() })]
        );
        for (path, value) in [
            ("/credentialSubject/alumniOf", json!("The School of Counterexamples")),
            ("/credentialSubject/id", json!("did:example:abcdefgi")),
            ("/validFrom", json!("2023-01-01T00:00:01Z")),
            ("/name", json!("Alumni Credentials")),
            ("/proof/created", json!("2023-02-24T23:36:39Z")),
            ("/issuer", json!("https://vc.example/issuers/5679")),
            ("/type/1", json!("VerifiableCredential")),
        ] {
            let mut changed = signed.clone();
            *changed.pointer_mut(path).unwrap() = value;
            assert!(
                matches!(check(&changed).unwrap()[..], [(_, ProofCheck::Tampered { .. })]),
                "{path}"
            );
        }
        // Without the examples context the credential cannot be read: an error, never
        // a fetch and never "valid".
        assert!(proof_checks(&signed, &resolve, &[]).is_err());
    }
}

/// Built without the `rdfc` feature, an `eddsa-rdfc-2022` proof is not checked, so the
/// credential is an error and never valid; signing with the suite is refused.
#[cfg(not(feature = "rdfc"))]
#[test]
fn without_the_rdfc_feature_an_rdfc_proof_is_never_valid() {
    let path = |f: &str| {
        format!(
            "{}/../tests/data/w3c-vc-di-eddsa/eddsa-rdfc-2022/{f}",
            env!("CARGO_MANIFEST_DIR")
        )
    };
    let signed: Value = serde_json::from_str(&std::fs::read_to_string(path("signedDataInt.json")).unwrap()).unwrap();
    let public = PublicKey::from_multibase("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2").unwrap();
    match verify_proof(&signed, |_| Some(public)) {
        Err(tamat::TamatError::InvalidCredential { problem }) => assert_eq!(problem, "rdfc_unavailable"),
        other => panic!("{other:?}"),
    }
    let mut unsigned = signed.clone();
    unsigned.as_object_mut().unwrap().remove("proof");
    let options = ProofOptions::new("2023-02-24T23:36:38Z", Cryptosuite::EddsaRdfc2022);
    assert!(add_proof(&unsigned, &key(), &options).is_err());
    assert_eq!(tamat::certificates::default_cryptosuites(), [Cryptosuite::EddsaJcs2022]);
}
