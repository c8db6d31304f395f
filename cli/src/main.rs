//! `tamat`: attendance sheets in, decisions and signed certificates out. See
//! `tamat --help` and the README's "The command" section.

/// `println!` that ignores a closed stdout (e.g. `tamat evaluate ... | head`) instead of
/// panicking.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// `print!` that ignores a closed stdout.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod certificates;
mod fail;
mod files;
mod printed;
mod publish;
mod request;
mod stored;
mod table;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand, ValueEnum};
use tamat::certificates::IssuanceSettings;
use tamat::certificates::Register;
use tamat::certificates::StatusPurpose;
use tamat::credentials::VerificationStatus;
use tamat::proofs::{Multikey, SigningKey};
use tamat::{EvaluateRequest, Lang};

use crate::fail::{exit, Failure};

const AFTER_HELP: &str = "Exit codes: 0 success (verify: valid); 1 verify: not valid (tampered, revoked, \
suspended, expired, not yet valid, unknown key); 2 wrong command line; 3 input refused (a coded error: \
course, sheet, policy, register, key, credential); 4 a file could not be read or written; 5 verify: \
signature valid but status not checked (give the status lists); 6 verify: signature valid but a status \
list is out of date (past its validUntil).";

/// Training courses, attendance and STTPP certificates.
#[derive(Parser)]
#[command(name = "tamat", version, about, after_help = AFTER_HELP)]
struct Cli {
    /// Language of tables and messages: id (Bahasa Indonesia) or en.
    #[arg(long, global = true, value_enum, default_value = "id", env = "TAMAT_LANG")]
    lang: LangArg,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Id,
    En,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum Purpose {
    /// The list the credentials name (revocation and suspension, two bits each).
    Message,
    /// One bit per certificate: revoked.
    Revocation,
    /// One bit per certificate: suspended.
    Suspension,
}

#[derive(Subcommand)]
enum Command {
    /// The East Kalimantan course end to end, no input files: evaluate, print the
    /// decision table, issue signed certificates into DIR, verify them.
    Demo {
        /// Folder for the certificates (default: a new folder `tamat-demo[-N]` here).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Evaluates a course's attendance and prints the decisions. The file is an evaluate
    /// request (taken as it is: its policy, scores, as_of and trace count) or a course;
    /// each option sets that member of the request.
    Evaluate(EvaluateArgs),
    /// Runs any operation of the JSON contract on a request document (`-` for stdin) and
    /// prints its answer, byte for byte as the core gives it. Exit 0 on success, 3 on a
    /// failure answer.
    Call(CallArgs),
    /// The yearly JP ledger of a ledger request (`entries` and/or `courses`), as the
    /// contract's answer.
    Ledger {
        /// The ledger request (JSON).
        request: PathBuf,
    },
    /// Issues, signs and writes the certificates of everyone who earned one; updates the
    /// register atomically. Running it again issues nothing new and rewrites the same files.
    Issue(IssueArgs),
    /// Verifies a signed certificate (`*.vc.json`). Exit code 0 only when valid.
    Verify(VerifyArgs),
    /// Revokes a certificate in the register (atomically). With --key, --settings and
    /// --out, also writes the new status lists.
    Revoke(StatusArgs),
    /// Replaces a certificate (by id or number) with one built from the course's current
    /// data (a corrected name, say): the new one gets the next number, the old one is
    /// revoked, both are linked; writes the new certificate's files and status lists.
    Reissue(ReissueArgs),
    /// Suspends a certificate (same options as revoke).
    Suspend(StatusArgs),
    /// Reinstates a suspended certificate (same options as revoke).
    Reinstate(StatusArgs),
    /// Writes a signed status list of the register (a new version in a store).
    StatusList(StatusListArgs),
    /// Writes a static verification site of an output folder (credentials, PDFs, status
    /// lists, the issuer's key and the WebAssembly verifier page) for any static host;
    /// with `site_url` in the settings, the QR codes open it.
    Publish(PublishArgs),
    /// Makes a new signing key: writes the secret (mode 600) and the public key.
    Keygen(KeygenArgs),
    /// Prints a JSON Schema of the inputs (without NAME: the names).
    Schema { name: Option<String> },
    /// The register store: import, export, look up, history, ledger.
    #[command(subcommand)]
    Register(RegisterCommand),
}

/// The arguments of `tamat evaluate`.
#[derive(clap::Args)]
struct EvaluateArgs {
    /// An evaluate request (JSON: `course`, `attendance`, `policy`, `scores`, `as_of`,
    /// `participant`, `trace`) or a course.
    course: PathBuf,
    /// Attendance: a sheet (CSV, or a workbook: .xlsx, .ods, .xls; long or wide) or a
    /// JSON list of marks.
    #[arg(long)]
    attendance: Option<PathBuf>,
    /// Scores: a JSON list of {participant, score}, or a sheet (CSV or a workbook)
    /// with a participant column and a score column or one per component.
    #[arg(long)]
    scores: Option<PathBuf>,
    /// The worksheet of a workbook given to --attendance or --scores (default: the
    /// first).
    #[arg(long)]
    worksheet: Option<String>,
    /// An online-meeting participant report (Zoom, Teams, Meet): its marks are added
    /// to the attendance. May be given for each meeting.
    #[arg(long = "meeting-report")]
    meeting_reports: Vec<PathBuf>,
    /// How the reports write dates: mdy (default) or dmy.
    #[arg(long)]
    date_order: Option<String>,
    /// The zone of the reports' times (default: the course's).
    #[arg(long)]
    report_zone: Option<String>,
    /// The meeting's date, for reports whose times have none (YYYY-MM-DD).
    #[arg(long)]
    meeting_date: Option<String>,
    /// A policy (JSON) instead of the course's own.
    #[arg(long)]
    policy: Option<PathBuf>,
    /// For a course still running: RFC 3339 time with offset (adds projections).
    #[arg(long)]
    as_of: Option<String>,
    /// Only this participant.
    #[arg(long)]
    participant: Option<String>,
    /// Per-session traces in the answer (`--trace true|false`; default: the request's,
    /// else the contract's).
    #[arg(long)]
    trace: Option<bool>,
    /// `json` prints the contract's answer exactly as `tamat::json::evaluate` gives it.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Also writes the cohort at a glance to this SVG file (the `chart` operation):
    /// the participants x sessions grid coloured by status, who is at risk, and the
    /// attendance histogram with the minimum marked.
    #[arg(long)]
    chart: Option<PathBuf>,
}

/// The arguments of `tamat issue`.
#[derive(clap::Args)]
struct IssueArgs {
    /// The course (JSON).
    course: PathBuf,
    /// Attendance: a sheet (CSV or a workbook) or JSON marks.
    #[arg(long)]
    attendance: PathBuf,
    /// The worksheet of a workbook given to --attendance (default: the first).
    #[arg(long)]
    worksheet: Option<String>,
    /// Issuance settings (JSON: signatory, place, numbering, URLs, ...).
    #[arg(long)]
    settings: PathBuf,
    /// The signing key file (from `tamat keygen`).
    #[arg(long)]
    key: PathBuf,
    /// The register: a SQLite file (created when missing), a `postgres://` URL (several
    /// issuing machines), or a JSON register (`.json`, kept for earlier runs).
    #[arg(long, default_value = "register.sqlite", env = "TAMAT_REGISTER")]
    register: String,
    /// Folder for the certificates.
    #[arg(long)]
    out: PathBuf,
    /// A policy (JSON) instead of the course's own.
    #[arg(long)]
    policy: Option<PathBuf>,
    /// Time for the status lists (default: now).
    #[arg(long)]
    at: Option<String>,
    /// validUntil of the status lists written (default: none).
    #[arg(long)]
    valid_until: Option<String>,
    /// Who issues, for the register's history (default: the login name).
    #[arg(long)]
    by: Option<String>,
    /// The moment of issue the course is judged at (RFC 3339; default: now). A course
    /// whose last session has not ended by then is refused.
    #[arg(long)]
    as_of: Option<String>,
    /// Issue although the course is still running, as if it had ended.
    #[arg(long)]
    early: bool,
}

/// The arguments of `tamat verify`.
#[derive(clap::Args)]
struct VerifyArgs {
    /// The credential (JSON), or a certificate PDF (its attached credentials: one, or a
    /// cohort's).
    certificate: PathBuf,
    /// The issuer's public key (`issuer.json`, a Multikey).
    #[arg(long)]
    issuer: PathBuf,
    /// Status lists to check (repeatable).
    #[arg(long = "status-list")]
    status_lists: Vec<PathBuf>,
    /// The moment the check is about (default: now).
    #[arg(long)]
    at: Option<String>,
    /// A NIP or NIK you hold: says whether the certificate names it (in clear or as its
    /// salted hash). It says who the certificate is for, not whether it is valid.
    #[arg(long)]
    identity: Option<String>,
    /// Print the verification as JSON.
    #[arg(long)]
    json: bool,
}

/// The arguments of `tamat publish`.
#[derive(clap::Args)]
struct PublishArgs {
    /// The folder `issue` (or `demo`) wrote.
    #[arg(long)]
    from: PathBuf,
    /// The site folder (created; files in it are replaced, none removed).
    #[arg(long)]
    out: PathBuf,
    /// The verifier page's folder (`bindings-wasm/pkg/site`, which bindings-wasm/build.sh
    /// writes; in the npm package `node_modules/tamat/pkg/site`).
    #[arg(long, env = "TAMAT_VERIFIER")]
    verifier: Option<PathBuf>,
}

/// The arguments of `tamat reissue`.
#[derive(clap::Args)]
struct ReissueArgs {
    /// The certificate to replace (id or number).
    certificate: String,
    /// The course (JSON; or an evaluate request).
    course: PathBuf,
    /// Attendance: CSV sheet or JSON marks.
    #[arg(long)]
    attendance: Option<PathBuf>,
    /// Issuance settings (JSON).
    #[arg(long)]
    settings: PathBuf,
    /// The signing key file.
    #[arg(long)]
    key: PathBuf,
    /// The register (SQLite file, `postgres://` URL or JSON register).
    #[arg(long, default_value = "register.sqlite", env = "TAMAT_REGISTER")]
    register: String,
    /// Folder for the certificate.
    #[arg(long)]
    out: PathBuf,
    /// Why (recorded in the history).
    #[arg(long)]
    reason: Option<String>,
    /// When the old one stops (default: the new one's moment of issue).
    #[arg(long)]
    at: Option<String>,
    /// Who, for the history (default: the login name).
    #[arg(long)]
    by: Option<String>,
}

/// The arguments of `tamat status-list`.
#[derive(clap::Args)]
struct StatusListArgs {
    #[arg(long, default_value = "register.sqlite", env = "TAMAT_REGISTER")]
    register: String,
    #[arg(long)]
    settings: PathBuf,
    #[arg(long)]
    key: PathBuf,
    #[arg(long, value_enum, default_value = "message")]
    purpose: Purpose,
    /// Output file.
    #[arg(long)]
    out: PathBuf,
    /// validFrom (default: now).
    #[arg(long)]
    at: Option<String>,
    /// validUntil: after it, verifiers report the list stale (default: none).
    #[arg(long)]
    valid_until: Option<String>,
}

/// The arguments of `tamat keygen`.
#[derive(clap::Args)]
struct KeygenArgs {
    /// Secret key file to create (refuses to overwrite).
    #[arg(long)]
    out: PathBuf,
    /// Public key file (Multikey JSON) to write, e.g. issuer.json.
    #[arg(long)]
    public: Option<PathBuf>,
    /// Key id (default: the key's did:key).
    #[arg(long)]
    key_id: Option<String>,
    /// Controller (issuer id) of the public key (default: the key's did:key).
    #[arg(long)]
    controller: Option<String>,
}

/// The arguments of `tamat call`.
#[derive(clap::Args)]
struct CallArgs {
    /// The operation (`evaluate`, `issue`, `verify`, ...; see `tamat call --list`).
    #[arg(required_unless_present = "list")]
    operation: Option<String>,
    /// The request document.
    #[arg(required_unless_present = "list")]
    request: Option<PathBuf>,
    /// List the operations.
    #[arg(long)]
    list: bool,
}

#[derive(Subcommand)]
enum RegisterCommand {
    /// Imports a JSON register (`register.json` of earlier runs) into an empty store.
    Import {
        /// The JSON register.
        json: PathBuf,
        /// The store (SQLite file or `postgres://` URL).
        #[arg(long, default_value = "register.sqlite", env = "TAMAT_REGISTER")]
        into: String,
    },
    /// Writes the whole store as a JSON register (the core API's `Register`).
    Export {
        #[arg(long, default_value = "register.sqlite", env = "TAMAT_REGISTER")]
        register: String,
        /// Output file (default: stdout).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Certificates by id, number, NIP, course or year, as JSON lines.
    Find {
        #[arg(long, default_value = "register.sqlite", env = "TAMAT_REGISTER")]
        register: String,
        #[arg(long, group = "by_what")]
        id: Option<String>,
        #[arg(long, group = "by_what")]
        number: Option<String>,
        #[arg(long, group = "by_what")]
        nip: Option<String>,
        #[arg(long, group = "by_what")]
        course: Option<String>,
        #[arg(long, group = "by_what")]
        year: Option<i32>,
    },
    /// The state history of a certificate (id or number), as JSON lines.
    History {
        certificate: String,
        #[arg(long, default_value = "register.sqlite", env = "TAMAT_REGISTER")]
        register: String,
    },
    /// The yearly JP ledger of the certificates in force (JSON).
    Ledger {
        #[arg(long, default_value = "register.sqlite", env = "TAMAT_REGISTER")]
        register: String,
        /// JP owed per year.
        #[arg(long, default_value_t = 20)]
        obligation_jp: i64,
    },
}

#[derive(clap::Args)]
struct StatusArgs {
    /// The certificate id (or its number).
    certificate: String,
    /// The register (SQLite file, `postgres://` URL or JSON register).
    #[arg(long, default_value = "register.sqlite", env = "TAMAT_REGISTER")]
    register: String,
    /// Who makes the change, for the history (default: the login name).
    #[arg(long)]
    by: Option<String>,
    /// Why (recorded in the register).
    #[arg(long)]
    reason: Option<String>,
    /// When (default: now).
    #[arg(long)]
    at: Option<String>,
    /// With --settings and --out: sign and write the new status lists.
    #[arg(long, requires_all = ["settings", "out"])]
    key: Option<PathBuf>,
    #[arg(long)]
    settings: Option<PathBuf>,
    /// Folder for the status lists.
    #[arg(long)]
    out: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { exit::USAGE } else { exit::OK });
        }
    };
    let lang = match cli.lang {
        LangArg::Id => Lang::Id,
        LangArg::En => Lang::En,
    };
    match run(cli.command, lang) {
        Ok(code) => ExitCode::from(code),
        Err(f) => f.report(lang),
    }
}

fn time_arg(text: Option<&str>) -> Result<DateTime<Utc>, Failure> {
    match text {
        None => Ok(Utc::now()),
        Some(t) => DateTime::parse_from_rfc3339(t)
            .map(|d| d.with_timezone(&Utc))
            .map_err(|_| Failure::from(tamat::TamatError::InvalidAsOf { value: t.to_string() })),
    }
}

fn read_key(path: &Path) -> Result<SigningKey, Failure> {
    // The file's text holds the secret: zeroized when dropped, and never quoted in an error.
    let bytes = zeroize::Zeroizing::new(files::read(path)?);
    let text = zeroize::Zeroizing::new(
        std::str::from_utf8(&bytes)
            .map_err(|_| Failure::io(path, "not a key file"))?
            .to_owned(),
    );
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let secret = lines.next().unwrap_or("");
    let key = SigningKey::parse(secret)?;
    // An optional second line names the key id.
    Ok(match lines.next() {
        Some(id) => key.with_key_id(id),
        None => key,
    })
}

fn read_register(path: &Path) -> Result<Register, Failure> {
    if !path.exists() {
        return Ok(Register::new());
    }
    let bytes = files::read(path)?;
    let text = String::from_utf8(bytes).map_err(|_| Failure::io(path, "not UTF-8 text"))?;
    Ok(Register::from_json(&text)?)
}

/// Prints a contract answer as the core gave it; exit 0 for success, 3 for failure.
fn answer(text: &str) -> u8 {
    outln!("{text}");
    if text.starts_with(r#"{"type":"success""#) {
        exit::OK
    } else {
        exit::REFUSED
    }
}

fn read_request(path: &Path) -> Result<String, Failure> {
    let bytes = if path == Path::new("-") {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b).map_err(|e| Failure::Io(e.to_string()))?;
        b
    } else {
        files::read(path)?
    };
    String::from_utf8(bytes).map_err(|_| Failure::io(path, "not UTF-8 text"))
}

fn run(command: Command, lang: Lang) -> Result<u8, Failure> {
    match command {
        Command::Demo { out } => demo(out, lang),
        Command::Evaluate(a) => evaluate_command(a, lang),
        Command::Issue(a) => issue_command(a, lang),
        Command::Verify(a) => verify_command(a, lang),
        Command::Revoke(a) => change(a, "revoke", lang),
        Command::Reissue(a) => reissue_command(a, lang),
        Command::Suspend(a) => change(a, "suspend", lang),
        Command::Reinstate(a) => change(a, "reinstate", lang),
        Command::StatusList(a) => status_list_command(a),
        Command::Publish(a) => publish_command(a, lang),
        Command::Keygen(a) => keygen_command(a, lang),
        Command::Schema { name } => schema_command(name),
        Command::Register(c) => register_command(c),
        Command::Call(a) => call_command(a),
        Command::Ledger { request } => Ok(answer(&tamat::json::ledger(&read_request(&request)?))),
    }
}
/// `tamat publish`.
fn publish_command(a: PublishArgs, lang: Lang) -> Result<u8, Failure> {
    let verifier = publish::verifier_dir(a.verifier)?;
    let p = publish::publish(&a.from, &a.out, &verifier)?;
    let (id, en) = (
        format!(
            "situs verifikasi ditulis ke {}: {} kredensial, {} PDF, {} daftar status",
            a.out.display(),
            p.credentials,
            p.pdfs,
            p.lists
        ),
        format!(
            "verification site written to {}: {} credentials, {} PDFs, {} status lists",
            a.out.display(),
            p.credentials,
            p.pdfs,
            p.lists
        ),
    );
    outln!("{}", if lang == Lang::En { en } else { id });
    Ok(exit::OK)
}

/// `tamat schema [NAME]`: the schema names, or one schema.
fn schema_command(name: Option<String>) -> Result<u8, Failure> {
    match name {
        None => {
            for n in tamat::contract::SCHEMA_NAMES {
                outln!("{n}");
            }
        }
        Some(n) => match tamat::contract::schema(&n) {
            Some(s) => outln!(
                "{}",
                serde_json::to_string_pretty(&s).map_err(|e| Failure::Io(e.to_string()))?
            ),
            None => {
                return Err(tamat::TamatError::InvalidShape {
                    message: format!(
                        "no schema named `{n}`; known: {}",
                        tamat::contract::SCHEMA_NAMES.join(", ")
                    ),
                }
                .into())
            }
        },
    }
    Ok(exit::OK)
}

fn evaluate_command(a: EvaluateArgs, lang: Lang) -> Result<u8, Failure> {
    let EvaluateArgs {
        course,
        attendance,
        scores,
        worksheet,
        meeting_reports,
        date_order,
        report_zone,
        meeting_date,
        policy,
        as_of,
        participant,
        trace,
        format,
        chart,
    } = a;
    let report_settings = serde_json::json!({
        "date_order": date_order.as_deref().unwrap_or("mdy"),
        "time_zone": report_zone,
        "date": meeting_date,
    });
    let overrides = request::Overrides {
        attendance: attendance.as_deref(),
        scores: scores.as_deref(),
        worksheet: worksheet.as_deref(),
        meeting_reports: meeting_reports.iter().map(PathBuf::as_path).collect(),
        report_settings: Some(report_settings),
        policy: policy.as_deref(),
        as_of,
        participant,
        trace,
    };
    if let Some(path) = &chart {
        let (text, _) = request::text(&course, &overrides)?;
        let answer_text = tamat::json::chart(&text);
        let doc: serde_json::Value = serde_json::from_str(&answer_text).map_err(|e| Failure::Io(e.to_string()))?;
        match doc["svg"].as_str() {
            Some(svg) => files::write_atomic(path, svg.as_bytes())?,
            None => return Ok(answer(&answer_text)),
        }
    }
    if let Format::Json = format {
        let (text, _) = request::text(&course, &overrides)?;
        return Ok(answer(&tamat::json::evaluate(&text)));
    }
    // The table and CSV show no per-session trace: none is built.
    let overrides = request::Overrides {
        trace: Some(false),
        ..overrides
    };
    if let Format::Csv = format {
        // Each row is written as its decision is made: none is kept.
        let mut out = csv::Writer::from_writer(std::io::BufWriter::new(std::io::stdout().lock()));
        out.write_record(table::CSV_HEADER)
            .map_err(|e| Failure::Io(e.to_string()))?;
        let mut failed = None;
        let mut no = 0;
        let mut write = |d: tamat::Decision| {
            no += 1;
            if failed.is_none() {
                failed = out.write_record(table::csv_row(no, &d, lang)).err();
            }
        };
        request::evaluate_streaming(&course, &overrides, Some(&mut write))?;
        if let Some(e) = failed {
            return Err(Failure::Io(e.to_string()));
        }
        out.flush().map_err(|e| Failure::Io(e.to_string()))?;
        return Ok(exit::OK);
    }
    let (request, evaluation) = request::evaluate_streaming(&course, &overrides, None)?;
    match format {
        Format::Table => {
            let sessions = request.course.schedule()?.sessions.len();
            outln!("{}\n", table::heading(&request.course, &evaluation, sessions, lang));
            out!("{}", table::text(&evaluation, lang));
        }
        Format::Json => {}
        Format::Csv => {}
    }
    Ok(exit::OK)
}

fn issue_command(a: IssueArgs, lang: Lang) -> Result<u8, Failure> {
    let IssueArgs {
        course,
        attendance,
        worksheet,
        settings,
        key,
        register,
        out,
        policy,
        at,
        valid_until,
        by,
        as_of,
        early,
    } = a;
    let at = time_arg(at.as_deref())?;
    let until = valid_until.map(|u| time_arg(Some(&u))).transpose()?;
    let settings: IssuanceSettings = printed::read_settings(&settings)?;
    let key = read_key(&key)?;
    let overrides = request::Overrides {
        attendance: Some(&attendance),
        worksheet: worksheet.as_deref(),
        policy: policy.as_deref(),
        trace: Some(false),
        as_of,
        ..Default::default()
    };
    let (request, evaluation) = request::evaluate_for_issue(&course, &overrides, Utc::now(), early)?;
    let issuance = if stored::is_store(&register) {
        let mut store = stored::open(&register)?;
        let by = stored::actor(by);
        stored::issue_into(
            &mut store,
            &out,
            &request.course,
            &evaluation,
            &settings,
            &key,
            at,
            until,
            by.as_deref(),
        )?
        .issuance
    } else {
        // A JSON register is read, changed and rewritten whole: one run at a time.
        let path = PathBuf::from(&register);
        let _lock = files::FolderLock::on(&lock_path(&path))?;
        let reg = read_register(&path)?;
        certificates::issue_into(&out, &request.course, &evaluation, &settings, &key, reg, &path, at)?.issuance
    };
    let i = &issuance;
    match lang {
        Lang::Id => outln!(
            "{} sertifikat: {} baru, {} tidak berubah, {} peserta tanpa dokumen; ditulis ke {}",
            i.certificates.len(),
            i.issued.len(),
            i.unchanged.len(),
            i.skipped.len(),
            out.display()
        ),
        Lang::En => outln!(
            "{} certificates: {} new, {} unchanged, {} participants without a document; written to {}",
            i.certificates.len(),
            i.issued.len(),
            i.unchanged.len(),
            i.skipped.len(),
            out.display()
        ),
    }
    Ok(exit::OK)
}

fn verify_command(a: VerifyArgs, lang: Lang) -> Result<u8, Failure> {
    let VerifyArgs {
        certificate,
        issuer,
        status_lists,
        at,
        identity,
        json,
    } = a;
    let at = time_arg(at.as_deref())?;
    // A PDF carries its credentials as attached files (a cohort's print file, several):
    // each is verified, and the exit code is the worst of them.
    let bytes = files::read(&certificate)?;
    let credentials = if bytes.starts_with(b"%PDF-") {
        tamat_documents::credentials_in_pdf(&bytes)?
            .into_iter()
            .map(|a| a.credential)
            .collect()
    } else {
        vec![files::read_document(&certificate)?]
    };
    let issuer: Multikey = files::read_json(&issuer)?;
    let lists = status_lists
        .iter()
        .map(|p| files::read_document(p))
        .collect::<Result<Vec<serde_json::Value>, _>>()?;
    let mut verdicts = certificates::verify_all(&credentials, &issuer, &lists, at)?;
    let several = verdicts.len() > 1;
    for (v, credential) in verdicts.iter_mut().zip(&credentials) {
        let named = identity
            .as_deref()
            .map(|n| tamat::credentials::names_identity(credential, n));
        v.identity = named.map(|m| {
            if m {
                tamat::credentials::IdentityMatch::Matched
            } else {
                tamat::credentials::IdentityMatch::NotMatched
            }
        });
        if json {
            continue;
        }
        if several {
            outln!("{}", v.credential.as_deref().unwrap_or("-"));
        }
        outln!("{}: {}", v.status.code(), v.message.get(lang));
        for p in &v.proofs {
            outln!("  {}: {}", p.cryptosuite.name(), p.status.code());
        }
        if let Some(m) = named {
            let (id, en) = if m {
                ("identitas cocok", "the identity matches")
            } else {
                ("identitas tidak cocok", "the identity does not match")
            };
            outln!("{}", if lang == tamat::Lang::En { en } else { id });
        }
    }
    if json {
        let text = if several {
            serde_json::to_string_pretty(&verdicts)
        } else {
            serde_json::to_string_pretty(&verdicts[0])
        };
        outln!("{}", text.map_err(|e| Failure::Io(e.to_string()))?);
    }
    let code = |v: &tamat::credentials::Verification| match v.status {
        VerificationStatus::Valid => exit::OK,
        VerificationStatus::StatusUnchecked => exit::STATUS_UNCHECKED,
        VerificationStatus::StatusStale => exit::STATUS_STALE,
        _ => exit::NOT_VALID,
    };
    // Worst first: not valid, then stale, then unchecked, then valid.
    let rank = |c: u8| match c {
        c if c == exit::NOT_VALID => 3,
        c if c == exit::STATUS_STALE => 2,
        c if c == exit::STATUS_UNCHECKED => 1,
        _ => 0,
    };
    Ok(verdicts
        .iter()
        .map(code)
        .max_by_key(|c| rank(*c))
        .unwrap_or(exit::NOT_VALID))
}

fn reissue_command(a: ReissueArgs, lang: Lang) -> Result<u8, Failure> {
    let ReissueArgs {
        certificate,
        course,
        attendance,
        settings,
        key,
        register,
        out,
        reason,
        at,
        by,
    } = a;
    let at = at.map(|t| time_arg(Some(&t))).transpose()?;
    let settings: IssuanceSettings = printed::read_settings(&settings)?;
    let key = read_key(&key)?;
    let overrides = request::Overrides {
        attendance: attendance.as_deref(),
        trace: Some(false),
        ..Default::default()
    };
    let (request, evaluation) = request::evaluate(&course, &overrides)?;
    let by = stored::actor(by);
    let change = tamat_store::Change {
        at,
        reason: reason.as_deref(),
        by: by.as_deref(),
    };
    let (old, new) = if stored::is_store(&register) {
        let mut store = stored::open(&register)?;
        stored::reissue_into(
            &mut store,
            &out,
            &request.course,
            &evaluation,
            &settings,
            &key,
            &certificate,
            &change,
        )?
    } else {
        let path = PathBuf::from(&register);
        let _lock = files::FolderLock::on(&lock_path(&path))?;
        let reg = read_register(&path)?;
        certificates::reissue_into(
            &out,
            &request.course,
            &evaluation,
            &settings,
            &key,
            reg,
            &path,
            &certificate,
            &change,
        )?
    };
    match lang {
        Lang::Id => outln!("{old} dicabut, diganti {new}"),
        Lang::En => outln!("{old} revoked, replaced by {new}"),
    }
    Ok(exit::OK)
}

fn status_list_command(a: StatusListArgs) -> Result<u8, Failure> {
    let StatusListArgs {
        register,
        settings,
        key,
        purpose,
        out,
        at,
        valid_until,
    } = a;
    let at = time_arg(at.as_deref())?;
    let until = valid_until.map(|u| time_arg(Some(&u))).transpose()?;
    let settings: IssuanceSettings = printed::read_settings(&settings)?;
    let key = read_key(&key)?;
    let want = match purpose {
        Purpose::Message => StatusPurpose::Message,
        Purpose::Revocation => StatusPurpose::Revocation,
        Purpose::Suspension => StatusPurpose::Suspension,
    };
    if stored::is_store(&register) {
        let mut store = stored::open(&register)?;
        let list = store.publish_status_list(&settings, &key, want, at, until)?;
        files::write_atomic(&out, format!("{}\n", list.credential).as_bytes())?;
        return Ok(exit::OK);
    }
    let register = read_register(Path::new(&register))?;
    let list = tamat::contract::signed_status_list(&register, &settings, &key, want, at, until)?;
    files::write_json(&out, &list)?;
    Ok(exit::OK)
}

fn keygen_command(a: KeygenArgs, lang: Lang) -> Result<u8, Failure> {
    let KeygenArgs {
        out,
        public,
        key_id,
        controller,
    } = a;
    keygen(&out, public.as_deref(), key_id, controller, lang)
}

fn call_command(a: CallArgs) -> Result<u8, Failure> {
    let CallArgs {
        operation,
        request,
        list,
    } = a;
    if list {
        for op in tamat::json::OPERATIONS {
            outln!("{op}");
        }
        return Ok(exit::OK);
    }
    let (Some(op), Some(path)) = (operation, request) else {
        return Err(Failure::Io("give an operation and a request".into()));
    };
    let text = zeroize::Zeroizing::new(read_request(&path)?);
    match tamat::json::call(&op, &text) {
        Some(out) => Ok(answer(&out)),
        None => {
            eprintln!(
                "unknown operation `{op}`; known: {}",
                tamat::json::OPERATIONS.join(", ")
            );
            Ok(exit::USAGE)
        }
    }
}

/// The lock file of a JSON register.
fn lock_path(register: &Path) -> PathBuf {
    let mut name = register.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    register.with_file_name(name)
}

fn json_line(value: &impl serde::Serialize) -> Result<(), Failure> {
    outln!(
        "{}",
        serde_json::to_string(value).map_err(|e| Failure::Io(e.to_string()))?
    );
    Ok(())
}

fn register_command(c: RegisterCommand) -> Result<u8, Failure> {
    match c {
        RegisterCommand::Import { json, into } => {
            let register = read_register(&json)?;
            let mut store = stored::open(&into)?;
            let n = store.import_register(&register)?;
            outln!("{n} certificates imported into {into}");
        }
        RegisterCommand::Export { register, out } => {
            let mut store = stored::open(&register)?;
            let reg = store.export_register()?;
            match out {
                Some(path) => files::write_json(&path, &reg)?,
                None => outln!(
                    "{}",
                    serde_json::to_string_pretty(&reg).map_err(|e| Failure::Io(e.to_string()))?
                ),
            }
        }
        RegisterCommand::Find {
            register,
            id,
            number,
            nip,
            course,
            year,
        } => {
            use tamat_store::Lookup;
            let lookup = match (&id, &number, &nip, &course, year) {
                (Some(i), ..) => Lookup::Id(i),
                (_, Some(n), ..) => Lookup::Number(n),
                (_, _, Some(n), ..) => Lookup::Nip(n),
                (_, _, _, Some(c), _) => Lookup::Course(c),
                (_, _, _, _, Some(y)) => Lookup::Year(y),
                _ => {
                    return Err(Failure::Io(
                        "give one of --id, --number, --nip, --course, --year".into(),
                    ))
                }
            };
            let mut store = stored::open(&register)?;
            for row in store.find(&lookup)? {
                json_line(&row)?;
            }
        }
        RegisterCommand::History { certificate, register } => {
            let mut store = stored::open(&register)?;
            let mut id = certificate.clone();
            if let Some(row) = store.find(&tamat_store::Lookup::Number(&certificate))?.first() {
                id = row.entry.id.clone();
            }
            for event in store.history(&id)? {
                json_line(&event)?;
            }
        }
        RegisterCommand::Ledger {
            register,
            obligation_jp,
        } => {
            let mut store = stored::open(&register)?;
            let rows = store.ledger(tamat::Fixed::from_int(obligation_jp))?;
            outln!(
                "{}",
                serde_json::to_string_pretty(&rows).map_err(|e| Failure::Io(e.to_string()))?
            );
        }
    }
    Ok(exit::OK)
}

fn change(a: StatusArgs, action: &str, lang: Lang) -> Result<u8, Failure> {
    let at = time_arg(a.at.as_deref())?;
    if stored::is_store(&a.register) {
        let mut store = stored::open(&a.register)?;
        let by = stored::actor(a.by.clone());
        let change = tamat_store::Change {
            at: Some(at),
            reason: a.reason.as_deref(),
            by: by.as_deref(),
        };
        let entry = stored::change(&mut store, &a.certificate, action, &change)?;
        if let (Some(key), Some(settings), Some(out)) = (a.key, a.settings, a.out) {
            let key = read_key(&key)?;
            let settings: IssuanceSettings = printed::read_settings(&settings)?;
            stored::publish(&mut store, &out, &settings, &key, at, None)?;
        }
        outln!("{} ({}): {}", entry.number, entry.id, entry.state.code());
        return Ok(exit::OK);
    }
    let register_path = PathBuf::from(&a.register);
    let _lock = files::FolderLock::on(&lock_path(&register_path))?;
    let mut register = read_register(&register_path)?;
    // A certificate may be named by its number too.
    let id = register.lookup(&a.certificate)?.id.clone();
    let reason = a.reason.as_deref();
    let entry = match action {
        "revoke" => register.revoke(&id, Some(at), reason)?,
        "suspend" => register.suspend(&id, Some(at), reason)?,
        _ => register.reinstate(&id, Some(at), reason)?,
    }
    .clone();
    files::write_json(&register_path, &register)?;
    if let (Some(key), Some(settings), Some(out)) = (a.key, a.settings, a.out) {
        let key = read_key(&key)?;
        let settings: IssuanceSettings = printed::read_settings(&settings)?;
        std::fs::create_dir_all(&out).map_err(|e| Failure::io(&out, e))?;
        for (purpose, list) in certificates::status_lists(&register, &settings, &key, at, None)? {
            files::write_json(&out.join(certificates::status_list_file(purpose)), &list)?;
        }
    }
    let state = serde_json::to_value(entry.state)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default();
    match lang {
        Lang::Id => outln!("{} ({}): {state}", entry.number, entry.id),
        Lang::En => outln!("{} ({}): {state}", entry.number, entry.id),
    }
    Ok(exit::OK)
}

fn keygen(
    out: &Path,
    public: Option<&Path>,
    key_id: Option<String>,
    controller: Option<String>,
    lang: Lang,
) -> Result<u8, Failure> {
    if out.exists() {
        return Err(Failure::io(out, "exists; refusing to overwrite a key"));
    }
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| Failure::Io(format!("no randomness: {e}")))?;
    let key = SigningKey::from_seed(&seed);
    seed.fill(0);
    let key = match key_id {
        Some(id) => key.with_key_id(id),
        None => key,
    };
    let mut text = format!("{}\n", key.secret_multibase().as_str());
    if key.key_id() != key.public_key().did_key_id() {
        text.push_str(key.key_id());
        text.push('\n');
    }
    write_secret(out, text.as_bytes())?;
    let controller = controller.unwrap_or_else(|| key.public_key().did_key());
    let multikey = key.multikey(&controller);
    if let Some(p) = public {
        files::write_json(p, &multikey)?;
    }
    match lang {
        Lang::Id => outln!(
            "kunci rahasia: {} (jaga kerahasiaannya)\nkunci publik: {}",
            out.display(),
            multikey.public_key_multibase
        ),
        Lang::En => outln!(
            "secret key: {} (keep it secret)\npublic key: {}",
            out.display(),
            multikey.public_key_multibase
        ),
    }
    Ok(exit::OK)
}

#[cfg(unix)]
fn write_secret(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| Failure::io(path, e))?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .map_err(|e| Failure::io(path, e))
}

#[cfg(not(unix))]
fn write_secret(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    files::write_atomic(path, bytes)
}

fn demo(out: Option<PathBuf>, lang: Lang) -> Result<u8, Failure> {
    let request = tamat::demo::kaltim_request()?;
    let evaluation = tamat::evaluate(&request)?;
    let sessions = request.course.schedule()?.sessions.len();
    outln!("{}\n", table::heading(&request.course, &evaluation, sessions, lang));
    out!("{}", table::text(&evaluation, lang));
    let dir = match out {
        Some(d) => d,
        None => fresh_dir(),
    };
    let settings = tamat::demo::kaltim_settings()?;
    let key = tamat::demo::demo_key()?;
    let published = evaluation_time(&request, &evaluation, &settings)?;
    let written = certificates::issue_into(
        &dir,
        &request.course,
        &evaluation,
        &settings,
        &key,
        Register::new(),
        &dir.join("register.json"),
        published,
    )?;
    let results = certificates::verify_all(&written.credentials, &written.issuer, &written.status_lists, Utc::now())?;
    let valid = results.iter().filter(|v| v.status == VerificationStatus::Valid).count();
    let certs = &written.issuance.certificates;
    let first = certs.first().map_or("-", |c| c.number.as_str());
    let last = certs.last().map_or("-", |c| c.number.as_str());
    match lang {
        Lang::Id => {
            outln!(
                "\n{} sertifikat terbit ({first} .. {last}), ditandatangani dengan kunci demo {}",
                certs.len(),
                key.public_key().multibase()
            );
            outln!("terverifikasi: {valid} dari {} sah", results.len());
            outln!("ditulis ke {}", dir.display());
        }
        Lang::En => {
            outln!(
                "\n{} certificates issued ({first} .. {last}), signed with the demo key {}",
                certs.len(),
                key.public_key().multibase()
            );
            outln!("verified: {valid} of {} valid", results.len());
            outln!("written to {}", dir.display());
        }
    }
    Ok(if valid == results.len() {
        exit::OK
    } else {
        exit::NOT_VALID
    })
}

/// The moment the demo's status lists are published: the certificates' moment of issue.
fn evaluation_time(
    request: &EvaluateRequest,
    evaluation: &tamat::Evaluation,
    settings: &IssuanceSettings,
) -> Result<DateTime<Utc>, Failure> {
    let mut probe = Register::new();
    let issuance = probe.issue(&request.course, evaluation, settings)?;
    Ok(issuance
        .certificates
        .first()
        .map(|c| c.issued_at)
        .unwrap_or_else(Utc::now))
}

/// `tamat-demo`, or `tamat-demo-2`, ... : the first that does not exist yet.
fn fresh_dir() -> PathBuf {
    let base = PathBuf::from("tamat-demo");
    if !base.exists() {
        return base;
    }
    (2..)
        .map(|n| PathBuf::from(format!("tamat-demo-{n}")))
        .find(|p| !p.exists())
        .unwrap_or(base)
}
