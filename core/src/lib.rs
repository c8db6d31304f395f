//! # tamat
//!
//! Training courses, attendance rules and eligibility for the STTPP (*Surat Tanda Tamat
//! Pendidikan dan Pelatihan*, the certificate of completion of an Indonesian government
//! training course), with exact arithmetic and explained decisions.
//!
//! ```
//! use tamat::{evaluate, Course, EvaluateRequest, Lang, Mark, Outcome};
//!
//! let course: Course = serde_json::from_str(r#"{
//!     "id": "demo", "title": "Pelatihan Pelayanan Publik", "time_zone": "Asia/Makassar",
//!     "sessions": [
//!         {"id": "s1", "start": "2025-07-17T08:00", "end": "2025-07-17T09:30"},
//!         {"id": "s2", "start": "2025-07-17T09:30", "end": "2025-07-17T11:00"}
//!     ],
//!     "participants": [{"id": "p1", "name": "Siti", "nip": "19850312 201001 2 004"}]
//! }"#)?;
//! let marks = vec![Mark::status("p1", "s1", "hadir"), Mark::status("p1", "s2", "izin")];
//! let result = evaluate(&EvaluateRequest::new(course, marks))?;
//! let d = &result.decisions[0];
//! // By default izin counts as absent: 1 of 2 sessions is 50 %, below the 90 % minimum.
//! assert_eq!(d.outcome, Outcome::TelahMengikuti);
//! assert_eq!(d.reasons[0].message(Lang::Id), "Kehadiran 50% di bawah syarat 90%");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Where each rule lives
//!
//! The crate is in layers, each a folder of `core/src`, and each depends only on the ones
//! above it in this list (`core/tests/layers.rs` holds it, and that no module imports
//! another in a cycle):
//!
//! - [`error`]: the one error type, its stable codes and messages in Indonesian and English;
//! - [`model`]: what a course is: decimals ([`Fixed`]), NIP and NIK, time zones and local
//!   times, the course and its schedule, the policy and assessment settings, marks;
//! - [`rules`]: the [`Evaluator`] (the status grid, credit per status, projections),
//!   decisions and their reasons, the personnel ledger, the cohort chart;
//! - [`sheets`]: the files agencies have (CSV, workbooks, meeting reports, Moodle exports);
//! - [`proofs`]: encodings, canonical JSON (RFC 8785), RDF canonicalization, Ed25519 keys,
//!   Data Integrity proofs (`eddsa-jcs-2022`, `eddsa-rdfc-2022`);
//! - [`certificates`]: settings, numbering, the certificate, the [`certificates::Register`],
//!   status bits, the printed page and its QR code, the personnel export;
//! - [`credentials`]: certificates as signed Open Badges 3.0 credentials
//!   ([`credentials::CredentialSigner`]), status list credentials, and
//!   [`credentials::verify`];
//! - [`contract`]: requests and answers, the operations every front end calls, schemas,
//!   issuing; [`json`] is the same operations as JSON in, JSON out, for the bindings, and
//!   [`demo`] the East Kalimantan course.
#![deny(missing_docs)]

pub mod certificates;
pub mod contract;
pub mod credentials;
pub mod error;
pub mod model;
pub mod proofs;
pub mod rules;
pub mod sheets;

pub use contract::{demo, json};

/// The README's Rust examples, run as doctests so that the front door stays true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

pub use contract::request::{
    evaluate, evaluate_participant, ledger_of, EvaluateOptionsRequest, EvaluateRequest, Inputs, LedgerRequest,
    DEFAULT_TRACE,
};
pub use error::{Errors, Lang, TamatError, ERROR_CODES};
pub use model::assessment::{AssessmentPolicy, Band, BandPreset, Score};
pub use model::course::{Course, Organiser, Participant, Recurrence, Schedule, Session, SessionKind, SessionSpec};
pub use model::fixed::{Fixed, Ratio};
pub use model::identity::{Nik, Nip, NipKind};
pub use model::marks::{Mark, MarkList, MarkView};
pub use model::policy::{Delivery, ExcusedTreatment, LateRule, Measure, Policy};
pub use model::schedule::Zone;
pub use rules::decision::{
    Decision, Evaluation, Outcome, Reason, Summary, TraceEntry, TraceNote, TraceResult, REASON_CODES,
};
pub use rules::decision::{Projection, ProjectionState};
pub use rules::evaluator::grid::{Dictionary, GridBuilder, StatusGrid, NULL_CODE};
pub use rules::evaluator::{EvaluateOptions, Evaluator};
pub use rules::ledger::{ledger, LedgerEntry, LedgerRow, PartialLedger};
