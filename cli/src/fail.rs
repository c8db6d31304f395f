//! Failures and exit codes. Every failure goes to stderr in the chosen language; errors
//! of the core carry their stable codes, and errors about a mark read from a sheet name
//! its line and column.

use std::process::ExitCode;

use tamat::{Errors, Lang};

/// Exit codes (documented in the README and `tamat --help`).
pub mod exit {
    /// Success (for `verify`: the certificate is valid).
    pub const OK: u8 = 0;
    /// `verify`: the certificate is not valid (tampered, revoked, unknown key, ...).
    pub const NOT_VALID: u8 = 1;
    /// The command line is wrong (clap's own code).
    pub const USAGE: u8 = 2;
    /// The input was refused: a coded error of the core (course, sheet, policy,
    /// register, key, credential, ...).
    pub const REFUSED: u8 = 3;
    /// A file could not be read or written, or the register database failed.
    pub const IO: u8 = 4;
    /// `verify`: the signature is valid but the certificate's status was not checked (a
    /// status list it names was not given). Never 0: a caller must not take it as valid.
    pub const STATUS_UNCHECKED: u8 = 5;
    /// `verify`: the signature is valid but a status list was past its `validUntil`.
    pub const STATUS_STALE: u8 = 6;
}

/// Why a command stopped.
pub enum Failure {
    /// Coded errors, with the sheet the marks came from when there is one.
    Refused(Errors, Option<Box<crate::files::Places>>),
    /// A file problem.
    Io(String),
    /// The register database failed (cannot be opened, refused a statement).
    Store(tamat_store::StoreError),
}

impl From<Errors> for Failure {
    fn from(e: Errors) -> Self {
        Failure::Refused(e, None)
    }
}

impl From<tamat::TamatError> for Failure {
    fn from(e: tamat::TamatError) -> Self {
        Failure::Refused(e.into(), None)
    }
}

impl Failure {
    /// A file problem about `path`.
    pub fn io(path: &std::path::Path, e: impl std::fmt::Display) -> Failure {
        Failure::Io(format!("{}: {e}", path.display()))
    }

    /// Prints the failure to stderr and returns its exit code.
    pub fn report(&self, lang: Lang) -> ExitCode {
        match self {
            Failure::Refused(errors, sheet) => {
                for e in &errors.0 {
                    let place = sheet
                        .as_ref()
                        .and_then(|s| s.source_of(e))
                        .map(|s| match lang {
                            Lang::Id => format!(" (baris {}, kolom `{}`)", s.line, s.column),
                            Lang::En => format!(" (line {}, column `{}`)", s.line, s.column),
                        })
                        .unwrap_or_default();
                    eprintln!("error [{}] {}{place}", e.code(), e.message(lang));
                }
                ExitCode::from(exit::REFUSED)
            }
            Failure::Store(e) => {
                eprintln!("error [{}] {}", e.code(), e.message(lang));
                ExitCode::from(exit::IO)
            }
            Failure::Io(message) => {
                let prefix = match lang {
                    Lang::Id => "kesalahan berkas",
                    Lang::En => "file error",
                };
                eprintln!("{prefix}: {message}");
                ExitCode::from(exit::IO)
            }
        }
    }
}
