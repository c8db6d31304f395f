//! The store's errors: the core's coded errors, and the database's own, each with a
//! stable code and messages in Indonesian and English.

use tamat::{Errors, Lang, TamatError};

/// Every code a [`StoreError`] of the database itself can have.
pub const STORE_ERROR_CODES: &[&str] = &["store.unavailable", "store.failed", "store.corrupt", "store.not_empty"];

/// Why a store operation failed. Nothing was changed: every operation is one transaction.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The core refused (a coded error: register, issuance settings, signing...).
    #[error("{}", .0.0.iter().map(|e| format!("[{}] {}", e.code(), e.message(Lang::En))).collect::<Vec<_>>().join("; "))]
    Refused(Errors),
    /// The database could not be opened or reached.
    #[error("[store.unavailable] the register database cannot be opened: {0}")]
    Unavailable(String),
    /// A statement failed.
    #[error("[store.failed] the register database refused a change: {0}")]
    Failed(String),
    /// A row does not read as what the register wrote.
    #[error("[store.corrupt] the register database holds a row that does not read: {0}")]
    Corrupt(String),
    /// Importing into a store that already holds certificates.
    #[error("[store.not_empty] the register database already holds {0} certificates; import only into an empty one")]
    NotEmpty(u64),
}

impl StoreError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Refused(e) => e.0.first().map_or("internal.error", TamatError::code),
            StoreError::Unavailable(_) => "store.unavailable",
            StoreError::Failed(_) => "store.failed",
            StoreError::Corrupt(_) => "store.corrupt",
            StoreError::NotEmpty(_) => "store.not_empty",
        }
    }

    /// A message for people.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (StoreError::Refused(e), _) => e.0.iter().map(|e| e.message(lang)).collect::<Vec<_>>().join("; "),
            (StoreError::Unavailable(d), Lang::Id) => format!("basis data register tidak dapat dibuka: {d}"),
            (StoreError::Failed(d), Lang::Id) => format!("basis data register menolak perubahan: {d}"),
            (StoreError::Corrupt(d), Lang::Id) => format!("basis data register memuat baris yang tidak terbaca: {d}"),
            (StoreError::NotEmpty(n), Lang::Id) => {
                format!("basis data register sudah memuat {n} sertifikat; impor hanya ke basis data kosong")
            }
            (e, _) => {
                let text = e.to_string();
                text.split_once("] ").map(|(_, m)| m.to_string()).unwrap_or(text)
            }
        }
    }

    /// The core's errors, when the core refused.
    pub fn core_errors(&self) -> Option<&Errors> {
        match self {
            StoreError::Refused(e) => Some(e),
            _ => None,
        }
    }
}

impl From<Errors> for StoreError {
    fn from(e: Errors) -> Self {
        StoreError::Refused(e)
    }
}

impl From<TamatError> for StoreError {
    fn from(e: TamatError) -> Self {
        StoreError::Refused(e.into())
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Failed(e.to_string())
    }
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        StoreError::Failed(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_two_languages() {
        let samples = [
            StoreError::Unavailable("x".into()),
            StoreError::Failed("x".into()),
            StoreError::Corrupt("x".into()),
            StoreError::NotEmpty(3),
        ];
        let codes: Vec<&str> = samples.iter().map(StoreError::code).collect();
        assert_eq!(codes, STORE_ERROR_CODES);
        for e in &samples {
            let (id, en) = (e.message(Lang::Id), e.message(Lang::En));
            assert!(!id.is_empty() && !en.is_empty() && id != en, "{}", e.code());
            assert!(!en.starts_with('['), "{en}");
        }
        let core = StoreError::from(TamatError::UnknownCertificate {
            certificate: "x".into(),
        });
        assert_eq!(core.code(), "register.unknown_certificate");
    }
}
