//! Proofs: encodings, canonical JSON (RFC 8785), RDF canonicalization, Ed25519 keys and Data Integrity proofs.

pub(crate) mod contexts;
pub(crate) mod encoding;
pub(crate) mod integrity;
pub(crate) mod jcs;
pub(crate) mod rdfc;
pub(crate) mod signing;

pub use contexts::{OB_CONTEXT, VC_CONTEXT};
pub use encoding::base64;
pub use integrity::{
    add_proof, add_proof_set, canonicalize, proof_checks, verify_proof, Cryptosuite, ProofCheck, ProofOptions,
    CRYPTOSUITE, PROOF_TYPE, RDFC_CRYPTOSUITE,
};
pub use rdfc::{canonical_nquads, BundledContext, JsonLdContext, BUNDLED_CONTEXTS};
pub use signing::{Multikey, PublicKey, SigningKey};
