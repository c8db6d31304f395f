//! Proofs: encodings, canonical JSON (RFC 8785), RDF canonicalization, Ed25519 keys and Data Integrity proofs.

pub mod contexts;
pub mod encoding;
pub mod integrity;
pub mod jcs;
pub mod rdfc;
pub mod signing;
