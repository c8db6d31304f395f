//! The JSON-LD contexts credentials name (the texts themselves are bundled and pinned in
//! [`crate::proofs::rdfc`]).

/// The Verifiable Credentials 2.0 context.
pub const VC_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";

/// The Open Badges 3.0 context.
pub const OB_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
