//! Printed tamat certificates.
//!
//! - [`certificate_pdf`] writes a certificate as a PDF of two A4 pages (the certificate
//!   with its QR code, then the agenda pembelajaran), drawn from the same
//!   [`tamat::certificates::Layout`] as the SVG page, with embedded, subsetted fonts
//!   (selectable and searchable text) and the signed credential attached as a file, in
//!   the manner of PDF/A-3, so that the PDF carries its own proof. [`cohort_pdf`] writes
//!   a whole cohort as one print file.
//! - [`credentials_in_pdf`] reads the credentials back out of a PDF (the command's
//!   `tamat verify cert.pdf`, and the verification page's dropped PDF).
//!
//! Writing needs the `write` feature (the default); reading builds for
//! `wasm32-unknown-unknown`.

#[cfg(feature = "write")]
mod pdf;
mod read;

#[cfg(feature = "write")]
pub use pdf::{certificate_pdf, cohort_pdf, Fonts, Printed, CREDENTIAL_MEDIA_TYPE};
pub use read::{credentials_in_pdf, Attachment};
