//! Signing keys never reach `Debug`, errors or answers, and are zeroized when dropped.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{json, Value};
use tamat::contract::{IssueRequest, KeyInput};
use tamat::proofs::SigningKey;

const SEED_HEX: &str = "9b2f6e1c0a7d4e3f8a1b2c3d4e5f60718293a4b5c6d7e8f9012345678abcdef0";

/// Every way the secret could show: its hex (and a long piece of it) and its Multikey.
fn forms() -> Vec<String> {
    let key = SigningKey::parse(SEED_HEX).unwrap();
    vec![
        SEED_HEX.to_string(),
        SEED_HEX[8..40].to_string(),
        key.secret_multibase().to_string(),
    ]
}

fn assert_hidden(text: &str, what: &str) {
    for form in forms() {
        assert!(!text.contains(&form), "{what} shows the secret: {text}");
    }
}

#[test]
fn debug_never_shows_the_secret() {
    let key = SigningKey::parse(SEED_HEX).unwrap();
    assert_hidden(&format!("{key:?} {key:#?}"), "SigningKey Debug");
    let input: KeyInput = serde_json::from_value(json!({"secret": SEED_HEX, "id": "did:example:1#k"})).unwrap();
    assert_hidden(&format!("{input:?}"), "KeyInput Debug");
    let mut request = tamat::demo::kaltim_request().unwrap();
    request.trace = false;
    let issue: IssueRequest = serde_json::from_value(json!({
        "course": request.course, "attendance": request.attendance,
        "settings": serde_json::to_value(tamat::demo::kaltim_settings().unwrap()).unwrap(),
        "key": {"secret": SEED_HEX},
    }))
    .unwrap();
    assert_hidden(&format!("{issue:?}"), "IssueRequest Debug");
}

#[test]
fn errors_never_quote_the_secret() {
    let multibase = SigningKey::parse(SEED_HEX).unwrap().secret_multibase().to_string();
    let bad_keys = vec![
        json!(SEED_HEX), // a bare string, not {"secret"}
        json!(multibase),
        json!([SEED_HEX]),
        json!({"secret": [SEED_HEX]}),
        json!({"secret": {"hex": SEED_HEX}}),
        json!({"secret": &SEED_HEX[..62]}),            // one byte short
        json!({"secret": format!("{SEED_HEX}00")}),    // one byte long
        json!({"secret": SEED_HEX.replace('9', "g")}), // not hex
        json!({"secret": &multibase[..multibase.len() - 2]}),
        json!({"secret": SEED_HEX, "note": SEED_HEX}), // unknown field
        json!({"secret": SEED_HEX, "id": 5}),
        json!({"secret": format!("{SEED_HEX}\u{0}")}),
    ];
    let settings = serde_json::to_value(tamat::demo::kaltim_settings().unwrap()).unwrap();
    let request = tamat::demo::kaltim_request().unwrap();
    for key in bad_keys {
        let requests = [
            ("public_key", json!({"key": key})),
            (
                "sign_credential",
                json!({"credential": {"type": ["VerifiableCredential"]}, "key": key, "created": "2025-07-18T00:00:00Z"}),
            ),
            (
                "issue",
                json!({"course": request.course, "attendance": request.attendance, "settings": settings, "key": key}),
            ),
        ];
        for (op, input) in requests {
            let answer = tamat::json::call(op, &input.to_string()).unwrap();
            let v: Value = serde_json::from_str(&answer).unwrap();
            assert_eq!(v["type"], "failure", "{op} accepted {key}");
            let code = v["errors"][0]["code"].as_str().unwrap();
            assert!(
                matches!(code, "signing.invalid_key" | "request.invalid_shape"),
                "{op}: {code}"
            );
            assert_hidden(&answer, op);
        }
    }
    // the same through the typed reader and the error's Display
    let err = serde_json::from_value::<KeyInput>(json!(SEED_HEX)).unwrap_err();
    assert_hidden(&err.to_string(), "serde error");
}

#[test]
fn a_good_key_in_the_answer_is_only_public() {
    let answer = tamat::json::call("public_key", &json!({"key": {"secret": SEED_HEX}}).to_string()).unwrap();
    assert!(answer.contains("\"multikey\""), "{answer}");
    assert_hidden(&answer, "public_key answer");
}

fn zeroized_on_drop<T: zeroize::ZeroizeOnDrop>() {}

#[test]
fn keys_are_zeroized_on_drop() {
    zeroized_on_drop::<SigningKey>();
    zeroized_on_drop::<KeyInput>();
    // The read secret is moved into the key input, not copied, and zeroizing empties it.
    let mut input: KeyInput = serde_json::from_str(&format!(r#"{{"secret":"{SEED_HEX}"}}"#)).unwrap();
    assert_eq!(input.secret, SEED_HEX);
    zeroize::Zeroize::zeroize(&mut input.secret);
    assert!(input.secret.is_empty());
}
