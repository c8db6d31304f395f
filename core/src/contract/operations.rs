//! The contract: every operation of the library, each with one typed request and one
//! typed answer, in one table ([`OPERATIONS`]). Every front end is built from it: the JSON
//! entry points ([`crate::contract::json`]), the command (`tamat call`), Python and WebAssembly. The
//! schemas in `schemas/` and the generated TypeScript and Python types are derived from the
//! same types, so they cannot drift from what the code reads and writes.
//!
//! Every answer is tagged: `{"type":"success", ...the operation's answer}` or
//! `{"type":"failure","errors":[...]}` ([`Answer`]).

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::contract::issue as iss;
use crate::contract::request::{EvaluateRequest, LedgerRequest};
use crate::error::{Errors, TamatError};
use crate::model::course::{Course, Session};
use crate::model::schedule::Zone;
use crate::rules::decision::Projection;
use crate::rules::decision::{AttendanceFigures, Decision, Evaluation, Outcome};
use crate::rules::ledger::LedgerRow;

/// One operation of the contract.
pub trait Operation {
    /// Its name, as `tamat call`, `call_json` and the vectors spell it.
    const NAME: &'static str;
    /// Whether the request must be a JSON object (all but `canonicalize`, which takes any
    /// document).
    const OBJECT_REQUEST: bool = true;
    /// What it takes.
    type Request: DeserializeOwned + schemars::JsonSchema;
    /// What it answers on success.
    type Answer: Serialize + schemars::JsonSchema;
    /// Runs it.
    fn run(request: Self::Request) -> Result<Self::Answer, Errors>;
}

/// The tagged answer of every operation.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Answer<T> {
    /// It worked: the operation's answer, its fields beside the tag.
    Success(T),
    /// It did not: every error found.
    Failure(Failure),
}

/// The errors of a failed operation.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Failure {
    /// Every error, in the order the library found them.
    pub errors: Vec<TamatError>,
}

impl<T> From<Result<T, Errors>> for Answer<T> {
    fn from(r: Result<T, Errors>) -> Self {
        match r {
            Ok(t) => Answer::Success(t),
            Err(Errors(errors)) => Answer::Failure(Failure { errors }),
        }
    }
}

/// One row of the operation table.
#[derive(Clone, Copy)]
pub struct OperationInfo {
    /// The operation's name.
    pub name: &'static str,
    /// JSON text in, tagged JSON text out.
    pub call: fn(&str) -> String,
    /// The JSON Schema of its request.
    pub request_schema: fn() -> Value,
    /// The JSON Schema of its tagged answer (success or failure).
    pub answer_schema: fn() -> Value,
}

impl std::fmt::Debug for OperationInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OperationInfo")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl OperationInfo {
    const fn of<O: Operation>() -> OperationInfo {
        OperationInfo {
            name: O::NAME,
            call: call_text::<O>,
            request_schema: || schemars::schema_for!(O::Request).to_value(),
            answer_schema: answer_schema::<O>,
        }
    }
}

/// The schema of what an operation writes: for serializing (a field always written is
/// required, even where a request may leave it out).
fn answer_schema<O: Operation>() -> Value {
    schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<Answer<O::Answer>>()
        .to_value()
}

/// Runs an operation on a typed request, a panic (a defect) turned into `internal.error`.
pub fn run<O: Operation>(request: O::Request) -> Answer<O::Answer> {
    crate::contract::wire::catch(|| O::run(request)).into()
}

/// Runs an operation on its JSON text: the request read as [`crate::contract::wire::read`] does
/// (every bad NIP, NIK and time zone reported), the answer written tagged.
pub fn call_text<O: Operation>(input: &str) -> String {
    let answer = match crate::contract::wire::read_request::<O::Request>(input, O::OBJECT_REQUEST) {
        Ok(request) => run::<O>(request),
        Err(Errors(errors)) => Answer::Failure(Failure { errors }),
    };
    write(&answer)
}

/// The JSON text of an answer.
pub fn write<T: Serialize>(answer: &Answer<T>) -> String {
    serde_json::to_string(answer).unwrap_or_else(|e| {
        crate::contract::wire::failure(&Errors(vec![TamatError::Internal { message: e.to_string() }]))
    })
}

macro_rules! operations {
    ($( $(#[$doc:meta])* $op:ident $name:literal $(any $any:tt)? ($req:ty) -> $ans:ty = $run:expr; )*) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Copy, Debug)]
            pub struct $op;
            impl Operation for $op {
                const NAME: &'static str = $name;
                $(const OBJECT_REQUEST: bool = $any;)?
                type Request = $req;
                type Answer = $ans;
                fn run(request: $req) -> Result<$ans, Errors> {
                    ($run)(request)
                }
            }
        )*
        /// Every operation, in the order the documentation lists them.
        pub const OPERATIONS: &[OperationInfo] = &[$(OperationInfo::of::<$op>()),*];

        /// Runs the operation named `name` on its JSON text; `None` for an unknown name.
        /// (A match, not a search of [`OPERATIONS`], so that a caller that only calls does
        /// not link every schema.)
        pub fn call(name: &str, input: &str) -> Option<String> {
            match name {
                $($name => Some(call_text::<$op>(input)),)*
                _ => None,
            }
        }
    };
}

operations! {
    /// Decides every participant (or only `participant`).
    Evaluate "evaluate" (EvaluateRequest) -> Evaluation = |r: EvaluateRequest| crate::contract::request::evaluate(&r);
    /// Decides the one participant named by `participant` (required).
    EvaluateParticipant "evaluate_participant" (EvaluateRequest) -> ParticipantAnswer = evaluate_participant;
    /// Projections only, as of `as_of` (required).
    Project "project" (EvaluateRequest) -> ProjectAnswer = project;
    /// Checks a course and resolves its schedule.
    CheckCourse "check_course" (CourseRequest) -> CourseCheck = check_course;
    /// The yearly JP ledger.
    Ledger "ledger" (LedgerRequest) -> LedgerAnswer = |r: LedgerRequest| {
        crate::contract::request::ledger_with_uncounted(&r).map(|(rows, uncounted)| LedgerAnswer { rows, uncounted })
    };
    /// Issues certificates.
    Issue "issue" (iss::IssueRequest) -> iss::IssueAnswer = |r: iss::IssueRequest| iss::issue(&r);
    /// Replaces one certificate, revoking the old one.
    Reissue "reissue" (iss::ReissueRequest) -> iss::ReissueAnswer = |r: iss::ReissueRequest| iss::reissue(&r);
    /// Checks a register as every operation that takes one does, and counts it.
    CheckRegister "check_register" (RegisterRequest) -> RegisterCheck = check_register;
    /// Revokes, suspends or reinstates a certificate.
    ChangeStatus "change_status" (iss::StatusRequest) -> iss::StatusAnswer = |r: iss::StatusRequest| iss::change_status(&r);
    /// The signed status list of one purpose.
    StatusList "status_list" (iss::StatusListRequest) -> iss::CredentialAnswer = |r: iss::StatusListRequest| iss::status_list(&r);
    /// Verifies a credential (a certificate or a status list); fails closed.
    Verify "verify" (iss::VerifyRequest) -> crate::credentials::credential::Verification = |r: iss::VerifyRequest| iss::verify_request(&r);
    /// Signs any credential with one proof (`eddsa-jcs-2022`, or `eddsa-rdfc-2022`).
    SignCredential "sign_credential" (iss::SignRequest) -> iss::CredentialAnswer = |r: iss::SignRequest| iss::sign_credential(&r);
    /// The public half of a key, as a Multikey and a `did:key`.
    PublicKey "public_key" (iss::PublicKeyRequest) -> iss::PublicKeyAnswer = |r: iss::PublicKeyRequest| iss::public_key(&r);
    /// Writes one certificate number.
    FormatNumber "format_number" (iss::NumberRequest) -> iss::NumberAnswer = |r: iss::NumberRequest| iss::format_number(&r);
    /// The QR payload and printable SVG of a signed certificate.
    Render "render" (iss::RenderRequest) -> iss::RenderAnswer = |r: iss::RenderRequest| iss::render(&r);
    /// The RFC 8785 canonical form of any JSON document, and its SHA-256.
    Canonicalize "canonicalize" any false (crate::contract::wire::UniqueKeys) -> CanonicalAnswer = canonicalize;
    /// Reads a CSV attendance sheet into marks.
    ReadAttendanceCsv "read_attendance_csv" (CsvRequest) -> crate::sheets::reader::Sheet = |r: CsvRequest| {
        crate::sheets::reader::read_csv(r.csv.as_bytes(), &r.course)
    };
    /// Reads a CSV scores sheet (a score per participant, or one column per component).
    ReadScoresCsv "read_scores_csv" (CsvRequest) -> crate::sheets::reader::ScoreSheet = |r: CsvRequest| {
        crate::sheets::reader::read_scores_csv(r.csv.as_bytes(), &r.course)
    };
    /// Reads an attendance file (a workbook or CSV, given as base64) into marks.
    ReadAttendanceFile "read_attendance_file" (FileRequest) -> crate::sheets::reader::Sheet = |r: FileRequest| {
        crate::sheets::reader::read_attendance(&decode_file(&r.file)?, &r.course, r.worksheet.as_deref())
    };
    /// Reads a scores file (a workbook or CSV, given as base64) into scores.
    ReadScoresFile "read_scores_file" (FileRequest) -> crate::sheets::reader::ScoreSheet = |r: FileRequest| {
        crate::sheets::reader::read_scores(&decode_file(&r.file)?, &r.course, r.worksheet.as_deref())
    };
    /// Reads an online-meeting participant report (Zoom, Teams, Meet; base64) into marks.
    ReadMeetingReport "read_meeting_report" (MeetingReportRequest) -> crate::sheets::meeting::MeetingReport = |r: MeetingReportRequest| {
        let bytes = decode_file(&r.file)?;
        let settings = crate::sheets::meeting::ReportSettings { date_order: r.date_order, time_zone: r.time_zone, date: r.date };
        crate::sheets::meeting::read_meeting_report(&bytes, &r.course, &settings)
    };
    /// Issued certificates as SIASN training-history records and the yearly JP report.
    PersonnelExport "personnel_export" (PersonnelRequest) -> crate::certificates::personnel::PersonnelExport = |r: PersonnelRequest| {
        let settings = crate::certificates::personnel::PersonnelSettings {
            jenis_diklat_id: r.jenis_diklat_id,
            outcomes: r.outcomes.unwrap_or_else(|| vec![Outcome::Lulus]),
            obligation_jp: r.obligation_jp.unwrap_or(crate::model::fixed::Fixed::from_int(crate::rules::ledger::DEFAULT_OBLIGATION_JP)),
        };
        crate::certificates::personnel::export(&r.certificates, r.register.as_ref(), &settings)
    };
    /// Reads an export of Moodle's attendance module (text or spreadsheet; base64) into marks.
    ReadMoodleExport "read_moodle_export" (MoodleRequest) -> crate::sheets::moodle::MoodleSheet = |r: MoodleRequest| {
        let bytes = decode_file(&r.file)?;
        crate::sheets::moodle::read_moodle_export(&bytes, &r.course, &crate::sheets::moodle::MoodleSettings { statuses: r.statuses })
    };
    /// The cohort at a glance (an evaluate request): the status grid, who is at risk and
    /// the attendance histogram, as one SVG.
    Chart "chart" (EvaluateRequest) -> crate::rules::chart::ChartAnswer = |r: EvaluateRequest| crate::contract::request::chart(&r);
}

/// `personnel_export`: issued certificates (an issue answer's `certificates`, or each
/// credential's `sttpp`), optionally the register (revoked ones are left out).
#[derive(Clone, Debug, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonnelRequest {
    /// The certificates.
    pub certificates: Vec<crate::certificates::certificate::Certificate>,
    /// The register, to leave revoked certificates out.
    #[serde(default)]
    pub register: Option<crate::certificates::register::Register>,
    /// SIASN's reference id of the kind of training (`jenisDiklatId`).
    #[serde(default)]
    pub jenis_diklat_id: Option<String>,
    /// Outcomes that earn JP (default `["lulus"]`).
    #[serde(default)]
    pub outcomes: Option<Vec<Outcome>>,
    /// The yearly obligation (20 JP by default).
    #[serde(default)]
    pub obligation_jp: Option<crate::model::fixed::Fixed>,
}

/// `read_moodle_export`: a course, the export's bytes and what its acronyms stand for.
#[derive(Clone, Debug, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MoodleRequest {
    /// The course (its sessions' starts name the export's columns).
    pub course: Course,
    /// The export's bytes in base64 (the text export, or `.ods` / `.xls` / `.xlsx`).
    pub file: String,
    /// The status of each acronym (default: P hadir, L terlambat, E izin, A alpha).
    #[serde(default)]
    pub statuses: std::collections::BTreeMap<String, String>,
}

/// `read_meeting_report`: a course, the report's bytes and how to read its times.
#[derive(Clone, Debug, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingReportRequest {
    /// The course (its sessions, and its participants' e-mails and names).
    pub course: Course,
    /// The report's bytes in base64 (UTF-16 as Teams writes it, UTF-8, Windows-1252).
    pub file: String,
    /// `mdy` (default: the English exports) or `dmy`.
    #[serde(default)]
    pub date_order: crate::sheets::meeting::DateOrder,
    /// The zone of the report's times (default: the course's).
    #[serde(default)]
    pub time_zone: Option<crate::model::schedule::Zone>,
    /// The meeting's date, for reports whose times have none.
    #[serde(default)]
    pub date: Option<chrono::NaiveDate>,
}

fn decode_file(file: &str) -> Result<Vec<u8>, Errors> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(file.trim())
        .map_err(|e| {
            TamatError::InvalidShape {
                message: format!("`file` is not base64: {e}"),
            }
            .into()
        })
}

/// `read_attendance_file` and `read_scores_file`: a course and a file's bytes.
#[derive(Clone, Debug, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileRequest {
    /// The course (its sessions and participants name the columns and rows).
    pub course: Course,
    /// The file's bytes in base64 (standard alphabet, padded): a workbook (`.xlsx`,
    /// `.ods`, `.xls`) or a CSV file in any encoding the CSV reader reads.
    pub file: String,
    /// The worksheet of a workbook to read (default: the first).
    #[serde(default)]
    pub worksheet: Option<String>,
}

/// What `evaluate_participant` answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ParticipantAnswer {
    /// The decision.
    pub decision: Decision,
    /// What was accepted but deserves a look.
    pub warnings: Vec<TamatError>,
}

fn evaluate_participant(request: EvaluateRequest) -> Result<ParticipantAnswer, Errors> {
    if request.participant.is_none() {
        return Err(TamatError::InvalidShape {
            message: "`participant` is required".into(),
        }
        .into());
    }
    let (decision, warnings) = crate::contract::request::evaluate_participant(&request)?;
    Ok(ParticipantAnswer { decision, warnings })
}

/// One participant's projection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ProjectionRow {
    /// Participant id.
    pub participant: String,
    /// The outcome as of now (`pending` while sessions are still to come).
    pub outcome: Outcome,
    /// The attendance figures so far.
    pub attendance: AttendanceFigures,
    /// Where the participant stands; absent when no session is still to come.
    pub projection: Option<Projection>,
}

/// What `project` answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ProjectAnswer {
    /// The instant projected from.
    pub as_of: Option<DateTime<Utc>>,
    /// One row per participant, in the course's order.
    pub projections: Vec<ProjectionRow>,
    /// What was accepted but deserves a look.
    pub warnings: Vec<TamatError>,
}

fn project(mut request: EvaluateRequest) -> Result<ProjectAnswer, Errors> {
    if request.as_of.is_none() {
        return Err(TamatError::InvalidAsOf { value: String::new() }.into());
    }
    request.trace = false;
    let evaluation = crate::contract::request::evaluate(&request)?;
    let projections = evaluation
        .decisions
        .into_iter()
        .map(|d| ProjectionRow {
            participant: d.participant,
            outcome: d.outcome,
            attendance: d.attendance,
            projection: d.projection,
        })
        .collect();
    Ok(ProjectAnswer {
        as_of: evaluation.as_of,
        projections,
        warnings: evaluation.warnings,
    })
}

/// `check_course`: a course alone.
#[derive(Clone, Debug, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CourseRequest {
    /// The course.
    pub course: Course,
}

/// What `check_course` answers: the resolved schedule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct CourseCheck {
    /// Course id.
    pub course: String,
    /// Its time zone.
    pub time_zone: Zone,
    /// Total JP.
    pub total_jp: u64,
    /// Sessions, chronological.
    pub sessions: Vec<Session>,
}

fn check_course(request: CourseRequest) -> Result<CourseCheck, Errors> {
    let schedule = request.course.schedule()?;
    Ok(CourseCheck {
        total_jp: schedule.total_jp(),
        sessions: schedule.sessions,
        course: request.course.id,
        time_zone: request.course.time_zone,
    })
}

/// What `ledger` answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct LedgerAnswer {
    /// One row per employee and year, sorted by NIP then year.
    pub rows: Vec<LedgerRow>,
    /// Participants of the courses who earned JP but have no NIP to credit it to (a NIK
    /// only): reported, not credited.
    pub uncounted: Vec<crate::rules::ledger::Uncounted>,
}

/// What `canonicalize` answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct CanonicalAnswer {
    /// The RFC 8785 form.
    pub canonical: String,
    /// Hex of the SHA-256 of its UTF-8 bytes.
    pub sha256: String,
}

fn canonicalize(document: crate::contract::wire::UniqueKeys) -> Result<CanonicalAnswer, Errors> {
    let canonical = crate::proofs::integrity::canonicalize(&document.0)?;
    let sha256 = crate::proofs::encoding::hex(&<sha2::Sha256 as sha2::Digest>::digest(canonical.as_bytes()));
    Ok(CanonicalAnswer { canonical, sha256 })
}

/// `read_attendance_csv` and `read_scores_csv`: a course and the sheet's text.
#[derive(Clone, Debug, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CsvRequest {
    /// The course (its sessions and participants name the columns and rows).
    pub course: Course,
    /// The CSV text (attendance: long or wide layout).
    pub csv: String,
}

/// `check_register`: a register alone.
#[derive(Clone, Debug, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    /// The register.
    pub register: crate::certificates::register::Register,
    /// Entries per status list its indices must fit in (default: no bound but the
    /// register's own `next_status_index`).
    #[serde(default)]
    pub status_list_size: Option<u64>,
}

/// What `check_register` answers: the register is whole (unique ids, numbers and
/// indices, counters not behind, links that resolve), and what it holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RegisterCheck {
    /// Certificates in it.
    pub certificates: usize,
    /// In force.
    pub active: usize,
    /// Suspended.
    pub suspended: usize,
    /// Revoked.
    pub revoked: usize,
    /// The next status-list index to allocate.
    pub next_status_index: u64,
}

fn check_register(request: RegisterRequest) -> Result<RegisterCheck, Errors> {
    use crate::certificates::status::CertificateState;
    let r = &request.register;
    r.validate(request.status_list_size.unwrap_or(u64::MAX))?;
    let count = |s: CertificateState| r.certificates.iter().filter(|e| e.state == s).count();
    Ok(RegisterCheck {
        certificates: r.certificates.len(),
        active: count(CertificateState::Active),
        suspended: count(CertificateState::Suspended),
        revoked: count(CertificateState::Revoked),
        next_status_index: r.next_status_index,
    })
}
