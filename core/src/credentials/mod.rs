//! Credentials: certificates as signed Open Badges 3.0 credentials, and their verification.

pub(crate) mod credential;
pub(crate) mod status_list;

pub use credential::{
    did_document, did_web_url, issuer_id, issuer_multikey, issuing_key, names_identity, open_badge, sign_certificate,
    verify, CredentialBuilder, CredentialDocument, CredentialSigner, IdentityMatch, ProofReport, Severity, StatusCheck,
    Verification, VerificationStatus, VerifyOptions,
};
pub use status_list::{sign_status_list, status_list_credential, status_list_document};
