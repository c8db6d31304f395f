//! Certificates: settings, numbering, the certificate, the register, status bits, the printed page, the personnel export.

pub mod certificate;
pub mod numbering;
pub mod personnel;
pub mod register;
pub mod render;
pub mod status;
