//! Credentials: certificates as signed Open Badges 3.0 credentials, and their verification.

pub mod credential;
pub mod status_list;
