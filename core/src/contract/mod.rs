//! The contract: requests and answers, the operations, the JSON front end the bindings call, schemas, issuing, the demo data.

pub mod demo;
pub(crate) mod issue;
pub mod json;
pub(crate) mod operations;
pub(crate) mod request;
pub(crate) mod schema;
pub(crate) mod wire;

pub use issue::{
    evaluation_for_issue, signed_status_list, CredentialAnswer, IssueAnswer, IssueRequest, KeyInput, NumberAnswer,
    NumberRequest, PublicKeyAnswer, PublicKeyRequest, ReissueAnswer, ReissueRequest, RenderAnswer, RenderRequest,
    SignRequest, StatusAction, StatusAnswer, StatusListRequest, StatusRequest, VerifyRequest,
};
pub use operations::{
    Answer, CanonicalAnswer, CourseCheck, CourseRequest, CsvRequest, Failure, FileRequest, LedgerAnswer,
    MeetingReportRequest, MoodleRequest, OperationInfo, ParticipantAnswer, PersonnelRequest, ProjectAnswer,
    ProjectionRow, RegisterCheck, RegisterRequest, OPERATIONS,
};
pub use request::{
    evaluate, evaluate_participant, ledger_of, EvaluateOptionsRequest, EvaluateRequest, Inputs, LedgerRequest,
    DEFAULT_TRACE,
};
pub use schema::{schema, DOCUMENT_NAMES, SCHEMA_NAMES};
pub use wire::{catch, failure, panic_error, read, read_borrowed, read_document, read_value};
