//! Certificates: settings, numbering, the certificate, the register, status bits, the printed page (its layout and template), the personnel export.

pub(crate) mod certificate;
pub(crate) mod layout;
pub(crate) mod numbering;
pub(crate) mod personnel;
pub(crate) mod register;
pub(crate) mod render;
pub(crate) mod status;
pub(crate) mod template;

pub use certificate::{
    default_cryptosuites, Certificate, CourseFacts, Evidence, Holder, IdentityHash, IdentitySettings, IssuanceSettings,
    IssuerSettings, NikDisclosure, Signatory, Subject,
};
pub use layout::{Anchor, Item, Layout, PAGE_HEIGHT, PAGE_WIDTH};
pub use numbering::{DocumentKind, NumberTemplate, NumberingSettings, SeriesNumbering, SeriesPlan};
pub use personnel::export as personnel_export;
pub use personnel::{PersonnelExport, PersonnelSettings, SiasnRecord, SkippedCertificate};
pub use register::{Counter, Issuance, Register, RegisterEntry, Skipped};
pub use render::{certificate_svg, credential_hash, layout, qr_payload, qr_svg};
pub use status::{
    capacity, list_index, Bitstring, CertificateState, StatusPurpose, MAX_LIST_BYTES, MESSAGE_STATUS_SIZE,
    MIN_STATUS_LIST_SIZE, STATUS_MESSAGES,
};
pub use template::{format_decimal, Colours, Picture, PictureSlot, Rgb, Template};
