//! Ed25519 keys: secret keys from a 32-byte seed, public keys as W3C Multikeys
//! (`publicKeyMultibase` = `z6Mk...`), and the key id a verifier looks keys up by.

use ed25519_dalek::Signer as _;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::TamatError;
use crate::proofs::encoding;

/// Multicodec header of an Ed25519 public key (0xed, varint).
const ED25519_PUB: [u8; 2] = [0xed, 0x01];
/// Multicodec header of an Ed25519 secret key (0x1300, varint).
const ED25519_PRIV: [u8; 2] = [0x80, 0x26];

/// An Ed25519 signing key. The secret is never printed by `Debug` and is zeroized when
/// the key is dropped (the `ed25519-dalek` key does this itself).
#[derive(Clone)]
pub struct SigningKey {
    inner: ed25519_dalek::SigningKey,
    key_id: String,
}

/// The seed lives in the `ed25519-dalek` key, which zeroizes itself on drop; the key id
/// is public.
impl zeroize::ZeroizeOnDrop for SigningKey {}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("key_id", &self.key_id)
            .field("public_key", &self.public_key().multibase())
            .finish_non_exhaustive()
    }
}

impl SigningKey {
    /// The key of a 32-byte seed. Its key id is the `did:key` form,
    /// `did:key:z6Mk...#z6Mk...`, until [`SigningKey::with_key_id`] names another.
    pub fn from_seed(seed: &[u8; 32]) -> SigningKey {
        let inner = ed25519_dalek::SigningKey::from_bytes(seed);
        let public = PublicKey(inner.verifying_key().to_bytes());
        SigningKey {
            inner,
            key_id: public.did_key_id(),
        }
    }

    /// Reads a seed given as 64 hex digits or as a Multikey secret (`z3u2...`).
    pub fn parse(text: &str) -> Result<SigningKey, TamatError> {
        let text = text.trim();
        let bytes = Zeroizing::new(if text.starts_with('z') {
            let raw = Zeroizing::new(encoding::from_base58btc(text).map_err(|_| invalid("key_encoding"))?);
            match raw.strip_prefix(&ED25519_PRIV[..]) {
                Some(seed) => seed.to_vec(),
                None => return Err(invalid("multikey_header")),
            }
        } else {
            encoding::from_hex(text).map_err(|_| invalid("key_encoding"))?
        });
        let seed: &[u8; 32] = bytes.as_slice().try_into().map_err(|_| invalid("seed_length"))?;
        Ok(SigningKey::from_seed(seed))
    }

    /// The same key under another key id (e.g. `https://bpsdm.example/issuer#key-1`).
    pub fn with_key_id(mut self, key_id: impl Into<String>) -> SigningKey {
        self.key_id = key_id.into();
        self
    }

    /// The id a verifier looks this key up by (the proof's `verificationMethod`).
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// The public half.
    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.inner.verifying_key().to_bytes())
    }

    /// The secret as a Multikey secret (`z3u2...`). Handle with care: this is the key.
    pub fn secret_multibase(&self) -> Zeroizing<String> {
        let mut bytes = Zeroizing::new(Vec::with_capacity(34));
        bytes.extend_from_slice(&ED25519_PRIV);
        bytes.extend_from_slice(self.inner.as_bytes());
        Zeroizing::new(encoding::base58btc(&bytes))
    }

    /// Signs `message` (pure Ed25519, RFC 8032).
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.inner.sign(message).to_bytes()
    }

    /// The public key as a Multikey document whose controller is `controller`.
    pub fn multikey(&self, controller: &str) -> Multikey {
        Multikey {
            context: Some(serde_json::Value::from(MULTIKEY_CONTEXT)),
            id: self.key_id.clone(),
            kind: "Multikey".to_string(),
            controller: controller.to_string(),
            public_key_multibase: self.public_key().multibase(),
        }
    }
}

fn invalid(reason: &'static str) -> TamatError {
    TamatError::InvalidKey { problem: reason }
}

/// An Ed25519 public key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PublicKey(pub [u8; 32]);

impl PublicKey {
    /// `z6Mk...`: base58btc of the multicodec header 0xed 0x01 and the 32 key bytes.
    pub fn multibase(&self) -> String {
        let mut bytes = Vec::with_capacity(34);
        bytes.extend_from_slice(&ED25519_PUB);
        bytes.extend_from_slice(&self.0);
        encoding::base58btc(&bytes)
    }

    /// Reads a `z6Mk...` Multikey public key.
    pub fn from_multibase(text: &str) -> Result<PublicKey, TamatError> {
        let raw = encoding::from_base58btc(text).map_err(|_| invalid("key_encoding"))?;
        let key = raw.strip_prefix(&ED25519_PUB[..]).ok_or(invalid("multikey_header"))?;
        let key: [u8; 32] = key.try_into().map_err(|_| invalid("public_key"))?;
        verifying_key(&key).ok_or(invalid("public_key"))?;
        Ok(PublicKey(key))
    }

    /// `did:key:z6Mk...#z6Mk...`, the key id of a key that names itself.
    pub fn did_key_id(&self) -> String {
        let m = self.multibase();
        format!("did:key:{m}#{m}")
    }

    /// `did:key:z6Mk...`.
    pub fn did_key(&self) -> String {
        format!("did:key:{}", self.multibase())
    }

    /// Checks an Ed25519 signature strictly (no malleable or small-order forms): what
    /// ed25519-dalek's `verify_strict` accepts, with less work. `verify_strict` refuses a
    /// small-order public key or R, then checks `[S]B = R + [k]A` with S canonical; here a
    /// small-order key is refused once, when its point is decoded (and kept), R by its
    /// bytes against the eight small-order points' encodings (a non-canonical encoding of
    /// R never equals the recomputed one, so only canonical ones can pass), and the
    /// equation is ed25519-dalek's `verify`, which `verify_strict` also runs: the same
    /// answers without decompressing R on every signature.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        let Some(key) = verifying_key(&self.0) else {
            return false;
        };
        let Ok(sig) = <[u8; 64]>::try_from(signature) else {
            return false;
        };
        if small_order_encodings().iter().any(|e| sig[..32] == e[..]) {
            return false;
        }
        ed25519_dalek::Verifier::verify(&key, message, &ed25519_dalek::Signature::from_bytes(&sig)).is_ok()
    }
}

/// The canonical encodings of the eight points of small order (curve25519-dalek's
/// `EIGHT_TORSION`), computed once.
fn small_order_encodings() -> &'static [[u8; 32]; 8] {
    static ENCODINGS: std::sync::OnceLock<[[u8; 32]; 8]> = std::sync::OnceLock::new();
    ENCODINGS.get_or_init(|| curve25519_dalek::constants::EIGHT_TORSION.map(|p| p.compress().to_bytes()))
}

/// A public key's curve point, `None` for bytes that are not a point or a point of small
/// order (a weak key, for which some signatures verify for any message). Decompressing it
/// costs about a tenth of a verification, and a verifier meets the same few issuer keys
/// again and again (each credential of a cohort, each time its key is read from the
/// trusted list), so the last few points are kept per thread, keyed by their exact bytes.
fn verifying_key(bytes: &[u8; 32]) -> Option<ed25519_dalek::VerifyingKey> {
    use std::cell::RefCell;
    const KEEP: usize = 8;
    thread_local! {
        static POINTS: RefCell<Vec<([u8; 32], ed25519_dalek::VerifyingKey)>> = const { RefCell::new(Vec::new()) };
    }
    if let Some(hit) = POINTS.with(|p| p.borrow().iter().find(|(b, _)| b == bytes).map(|(_, k)| *k)) {
        return Some(hit);
    }
    let key = ed25519_dalek::VerifyingKey::from_bytes(bytes).ok()?;
    if key.is_weak() {
        return None;
    }
    POINTS.with(|p| {
        let mut p = p.borrow_mut();
        if p.len() == KEEP {
            p.remove(0);
        }
        p.push((*bytes, key));
    });
    Some(key)
}

/// The JSON-LD context of Multikey documents.
pub const MULTIKEY_CONTEXT: &str = "https://w3id.org/security/multikey/v1";

/// A public key as a W3C Controlled Identifiers `Multikey` verification method: what an
/// issuer publishes and what a verifier trusts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Multikey {
    /// `https://w3id.org/security/multikey/v1` (optional when reading).
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<serde_json::Value>")]
    pub context: Option<serde_json::Value>,
    /// The key id, which proofs name as their `verificationMethod`.
    pub id: String,
    /// `Multikey`.
    #[serde(rename = "type", default = "multikey_type")]
    pub kind: String,
    /// The issuer that controls the key; a credential from another issuer does not verify
    /// with it. Empty: any issuer.
    #[serde(default)]
    pub controller: String,
    /// `z6Mk...`.
    #[serde(rename = "publicKeyMultibase")]
    pub public_key_multibase: String,
}

fn multikey_type() -> String {
    "Multikey".to_string()
}

impl Multikey {
    /// The key, checked.
    pub fn public_key(&self) -> Result<PublicKey, TamatError> {
        PublicKey::from_multibase(&self.public_key_multibase)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W3C_PUBLIC: &str = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
    const W3C_SECRET: &str = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";

    #[test]
    fn w3c_key_pair_matches() {
        let key = SigningKey::parse(W3C_SECRET).unwrap();
        assert_eq!(key.public_key().multibase(), W3C_PUBLIC);
        assert_eq!(key.secret_multibase().as_str(), W3C_SECRET);
        assert_eq!(PublicKey::from_multibase(W3C_PUBLIC).unwrap(), key.public_key());
        assert_eq!(key.key_id(), format!("did:key:{W3C_PUBLIC}#{W3C_PUBLIC}"));
    }

    #[test]
    fn hex_seed_and_rfc8032_vector() {
        // RFC 8032 section 7.1, TEST 1.
        let key = SigningKey::parse("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60").unwrap();
        assert_eq!(
            encoding::hex(&key.public_key().0),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
        );
        let sig = key.sign(b"");
        assert!(encoding::hex(&sig).starts_with("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"));
        assert!(key.public_key().verify(b"", &sig));
        assert!(!key.public_key().verify(b"x", &sig));
        assert!(!key.public_key().verify(b"", &sig[..63]));
    }

    /// A small-order key with a small-order R and S = 0 is "valid" for every message
    /// under plain cofactorless verification; strict verification, and ours, refuse it.
    #[test]
    fn small_order_keys_and_r_are_refused() {
        let mut identity = [0u8; 32];
        identity[0] = 1;
        let mut forged = [0u8; 64];
        forged[..32].copy_from_slice(&identity);
        let weak = ed25519_dalek::VerifyingKey::from_bytes(&identity).unwrap();
        let sig = ed25519_dalek::Signature::from_bytes(&forged);
        assert!(ed25519_dalek::Verifier::verify(&weak, b"any message", &sig).is_ok());
        assert!(weak.verify_strict(b"any message", &sig).is_err());
        assert!(!PublicKey(identity).verify(b"any message", &forged));
        // The eight encodings: distinct, each a point of small order, the identity among them.
        let list = small_order_encodings();
        assert!(list.contains(&identity));
        for (i, e) in list.iter().enumerate() {
            assert!(ed25519_dalek::VerifyingKey::from_bytes(e).unwrap().is_weak());
            assert!(!list[..i].contains(e));
            assert!(!PublicKey(*e).verify(b"", &forged));
        }
    }

    proptest::proptest! {
        /// The same answers as ed25519-dalek's `verify_strict` on good signatures and on
        /// signatures, messages and keys with a bit changed.
        #[test]
        fn verify_answers_as_verify_strict(seed in proptest::array::uniform32(0u8..), message in proptest::collection::vec(0u8.., 0..80), flip in 0usize..(64 + 80 + 32) * 8) {
            let key = SigningKey::from_seed(&seed);
            let mut public = key.public_key().0;
            let mut sig = key.sign(&message).to_vec();
            let mut message = message;
            let strict = |public: &[u8; 32], message: &[u8], sig: &[u8]| {
                let s = ed25519_dalek::Signature::from_bytes(&<[u8; 64]>::try_from(sig).unwrap());
                ed25519_dalek::VerifyingKey::from_bytes(public).is_ok_and(|k| k.verify_strict(message, &s).is_ok())
            };
            proptest::prop_assert!(PublicKey(public).verify(&message, &sig));
            let (byte, bit) = (flip / 8, 1u8 << (flip % 8));
            if byte < 64 {
                sig[byte] ^= bit;
            } else if byte - 64 < message.len() {
                message[byte - 64] ^= bit;
            } else {
                public[(byte - 64 - message.len()) % 32] ^= bit;
            }
            proptest::prop_assert_eq!(PublicKey(public).verify(&message, &sig), strict(&public, &message, &sig));
        }
    }

    #[test]
    fn debug_hides_the_secret() {
        let key = SigningKey::from_seed(&[7u8; 32]);
        let shown = format!("{key:?}");
        assert!(shown.contains("z6Mk"));
        assert!(!shown.contains(&encoding::hex(&[7u8; 32])));
        assert!(!shown.contains(key.secret_multibase().as_str()));
        assert!(!shown.contains("[7, 7"));
    }

    #[test]
    fn bad_keys_are_coded() {
        let reason = |t: &str| match SigningKey::parse(t) {
            Err(TamatError::InvalidKey { problem: reason }) => reason,
            other => panic!("{other:?}"),
        };
        assert_eq!(reason("abcd"), "seed_length");
        assert_eq!(reason("xyz"), "key_encoding");
        assert_eq!(reason(W3C_PUBLIC), "multikey_header");
        assert!(matches!(
            PublicKey::from_multibase("z6MkrJVnaZ"),
            Err(TamatError::InvalidKey { .. })
        ));
    }
}
