//! Attendance sheets as spreadsheets export them (CSV), turned into marks.
//!
//! Two layouts, told apart by the header:
//! - **long**: one row per participant per session, with columns `participant` (or
//!   `nip`), `session`, and `status` or `check_in` (and `check_out`), optionally `note`;
//! - **wide**: one row per participant, a `participant` (or `nip`) column and one
//!   column per session, named by the session id, with cells H/T/I/S/A or the full words
//!   (an empty cell is no mark). Columns `no`, `nama`/`name`, `nip` (beside an id),
//!   `keterangan`/`note` are kept for people and not read.
//!
//! UTF-8 with or without a byte-order mark, or Windows-1252 when the bytes are not UTF-8
//! ([`Sheet::encoding`] says which); NIPs with a leading `'` are read, NIPs turned into
//! numbers (`1.97609E+17`) refused; local check-in times (`17/07/2025 08:05`) are read in
//! the course's zone. Comma, semicolon (Indonesian spreadsheet
//! exports) or tab, detected from the header; CRLF or LF. A malformed row gets an error
//! with its line and column; no row or cell is dropped silently: every cell the reader
//! does not understand is an error, and every mark records where it came from, so that
//! the evaluator's errors about a mark can name its line.
//!
//! Indonesian header names are accepted too: `peserta`, `sesi`, `status`/`kehadiran`,
//! `masuk`, `keluar`.

use serde::Serialize;

use crate::error::{Errors, TamatError};
use crate::model::course::Course;
use crate::model::marks::{Mark, MarkView};
use crate::sheets::cell::sheet_error;

/// Where a mark came from: a 1-based line of the file and a column name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Source {
    /// Line number (1-based; the header is line 1).
    pub line: u64,
    /// Column header.
    pub column: String,
}

/// A sheet read into marks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Sheet {
    /// `long` or `wide`.
    pub layout: &'static str,
    /// What was read: `csv`, or a workbook: `xlsx`, `ods` or `xls`.
    pub format: &'static str,
    /// The worksheet read, in a workbook.
    pub worksheet: Option<String>,
    /// The delimiter found in a CSV file: `,`, `;` or a tab.
    pub delimiter: Option<char>,
    /// The text encoding of a CSV file: `utf-8`, `utf-16le` / `utf-16be` (with a
    /// byte-order mark: Excel's "Unicode text"), or `windows-1252` for a file that is not
    /// UTF-8 (what spreadsheets on Windows export as "CSV"); refused when unsure
    /// (`unknown_encoding`).
    pub encoding: Option<&'static str>,
    /// The marks, in file order.
    pub attendance: Vec<Mark>,
    /// Where each mark came from (same order).
    pub sources: Vec<Source>,
}

/// The delimiter of a header line: the most frequent of `,`, `;` and tab outside quotes.
fn delimiter_of(header: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in header {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], usize::from(i == 0))).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Participant,
    Nip,
    Nik,
    Session,
    Status,
    CheckIn,
    CheckOut,
    Note,
    Ignored,
}

fn role_of(name: &str) -> Option<Role> {
    let n = name.trim().to_lowercase();
    Some(match n.as_str() {
        "participant" | "participant_id" | "peserta" | "id" | "id_peserta" => Role::Participant,
        "nip" => Role::Nip,
        "nik" => Role::Nik,
        "session" | "session_id" | "sesi" | "id_sesi" => Role::Session,
        "status" | "kehadiran" | "attendance" => Role::Status,
        "check_in" | "checkin" | "masuk" | "jam_masuk" => Role::CheckIn,
        "check_out" | "checkout" | "keluar" | "jam_keluar" => Role::CheckOut,
        "note" | "notes" | "keterangan" | "catatan" => Role::Note,
        "no" | "no." | "nomor" | "nama" | "name" | "nama_peserta" | "jabatan" | "position" | "unit" | "instansi" => {
            Role::Ignored
        }
        _ => return None,
    })
}

/// A sheet's text as UTF-8 (a byte-order mark dropped; bytes that are not UTF-8 read as
/// Windows-1252, every byte being a character there), the encoding read and the
/// delimiter of its header. An unclosed quote is refused at the line where it opens (the
/// CSV parser would read it to the end of the file).
fn decoded(bytes: &[u8]) -> Result<(std::borrow::Cow<'_, [u8]>, &'static str, u8), Errors> {
    let (text, encoding) = text_of(bytes)?;
    let bytes: std::borrow::Cow<'_, [u8]> = match text {
        std::borrow::Cow::Borrowed(s) => s.as_bytes().into(),
        std::borrow::Cow::Owned(s) => s.into_bytes().into(),
    };
    let header_end = bytes.iter().position(|&b| b == b'\n').unwrap_or(bytes.len());
    let delimiter = delimiter_of(&bytes[..header_end]);
    let mut quoted_since = None;
    let mut line = 1u64;
    for &b in bytes.iter() {
        match b {
            b'\n' => line += 1,
            b'"' => quoted_since = if quoted_since.is_some() { None } else { Some(line) },
            _ => {}
        }
    }
    if let Some(line) = quoted_since {
        return Err(sheet_error(line, "", "unclosed_quote", "").into());
    }
    Ok((bytes, encoding, delimiter))
}

/// Where a reader hands each mark it reads: with its note, line and column.
trait MarkSink {
    fn mark(&mut self, mark: MarkView<'_>, note: Option<&str>, line: u64, column: &str);
}

/// Collects owned marks and their sources ([`read_csv`]).
#[derive(Default)]
struct Collect {
    attendance: Vec<Mark>,
    sources: Vec<Source>,
}

impl MarkSink for Collect {
    fn mark(&mut self, m: MarkView<'_>, note: Option<&str>, line: u64, column: &str) {
        self.attendance.push(Mark {
            participant: m.participant.to_string(),
            session: m.session.to_string(),
            status: m.status.map(str::to_string),
            check_in: m.check_in.map(str::to_string),
            check_out: m.check_out.map(str::to_string),
            note: note.map(str::to_string),
        });
        self.sources.push(Source {
            line,
            column: column.to_string(),
        });
    }
}

/// What the walk found: the layout, the delimiter and the encoding.
struct Walked {
    long: bool,
    delimiter: u8,
    encoding: &'static str,
}

/// Reads a CSV attendance sheet for a course.
pub fn read_csv(bytes: &[u8], course: &Course) -> Result<Sheet, Errors> {
    let mut sink = Collect::default();
    let walked = walk_csv(bytes, course, &course.participants, &mut sink)?;
    Ok(Sheet {
        layout: if walked.long { "long" } else { "wide" },
        format: "csv",
        worksheet: None,
        delimiter: Some(char::from(walked.delimiter)),
        encoding: Some(walked.encoding),
        attendance: sink.attendance,
        sources: sink.sources,
    })
}

/// A CSV sheet read straight into an evaluator's status grid, with no mark kept: what
/// large sheets need (memory is the grid, not the marks). The same columns, rules and
/// errors as [`read_csv`] then [`crate::rules::evaluator::Evaluator::grid`]; the sources of the marks an
/// error or a warning names are kept for messages, and come with the errors too.
pub fn stream_csv(
    bytes: &[u8],
    course: &Course,
    evaluator: &crate::rules::evaluator::Evaluator,
) -> Result<StreamedSheet, (Errors, MarkSources)> {
    struct Stream<'e> {
        builder: crate::rules::evaluator::grid::GridBuilder<'e>,
        sources: MarkSources,
        marks: usize,
    }
    impl MarkSink for Stream<'_> {
        fn mark(&mut self, m: MarkView<'_>, _note: Option<&str>, line: u64, column: &str) {
            if self.builder.push(&m) {
                self.sources.0.insert(
                    self.marks,
                    Source {
                        line,
                        column: column.to_string(),
                    },
                );
            }
            self.marks += 1;
        }
    }
    let mut sink = Stream {
        builder: evaluator.grid_builder(),
        sources: MarkSources::default(),
        marks: 0,
    };
    // Participants named by NIP are found among the evaluator's own (the course may
    // have let go of its copy).
    let walked = match walk_csv(bytes, course, evaluator.participants(), &mut sink) {
        Ok(w) => w,
        Err(e) => return Err((e, sink.sources)),
    };
    let (sources, marks) = (sink.sources, sink.marks);
    match sink.builder.finish() {
        Ok(grid) => Ok(StreamedSheet {
            grid,
            layout: if walked.long { "long" } else { "wide" },
            marks,
            sources,
        }),
        Err(e) => Err((e, sources)),
    }
}

/// A sheet read by [`stream_csv`].
#[derive(Clone, Debug)]
pub struct StreamedSheet {
    /// The status grid.
    pub grid: crate::rules::evaluator::grid::StatusGrid,
    /// `long` or `wide`.
    pub layout: &'static str,
    /// Marks read.
    pub marks: usize,
    /// Where the marks that drew an error or a warning came from.
    pub sources: MarkSources,
}

/// The line and column of the marks errors and warnings name, by mark position.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MarkSources(pub std::collections::BTreeMap<usize, Source>);

impl MarkSources {
    /// The source of the mark an error or warning names (`details.mark`).
    pub fn source_of(&self, error: &TamatError) -> Option<&Source> {
        let mark = error.details().get("mark").and_then(serde_json::Value::as_u64)?;
        self.0.get(&usize::try_from(mark).ok()?)
    }
}

/// Walks a CSV sheet, handing each mark to `sink`.
fn walk_csv(
    bytes: &[u8],
    course: &Course,
    participants: &[crate::model::course::Participant],
    sink: &mut impl MarkSink,
) -> Result<Walked, Errors> {
    let (bytes, encoding, delimiter) = decoded(bytes)?;
    let bytes: &[u8] = &bytes;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    // The text is UTF-8 by now (see `text_of`): records are read as text, into one
    // reused record.
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => {}
        Ok(false) => return Err(sheet_error(1, "", "empty_sheet", "").into()),
        Err(e) => return Err(csv_error(&e).into()),
    }
    let names: Vec<String> = record.iter().map(|s| s.trim().to_string()).collect();
    let schedule = course.schedule()?;
    let session_ids: Vec<&str> = schedule.sessions.iter().map(|s| s.id.as_str()).collect();
    let layout = Layout::of(&names, &session_ids)?;

    let mut errors = Vec::new();
    let mut lines = LineCounter::new(bytes);
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                errors.push(csv_error(&e));
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
                continue;
            }
        }
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        if record.iter().all(|f| f.trim().is_empty()) {
            continue; // a blank line: nothing on it to lose
        }
        if record.len() > names.len() && record.iter().skip(names.len()).any(|f| !f.trim().is_empty()) {
            errors.push(sheet_error(line, &format!("#{}", names.len() + 1), "extra_field", ""));
            continue;
        }
        let cells: Cells<'_> = Cells(&record);
        let participant = match participant_of(participants, line, &names, &cells, layout.idents) {
            Ok(p) => p,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let row = Row {
            layout: &layout,
            names: &names,
            cells: &cells,
            participant,
            line,
        };
        if layout.long {
            row.long_mark(course, &mut errors, sink);
        } else {
            row.wide_marks(sink);
        }
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    Ok(Walked {
        long: layout.long,
        delimiter,
        encoding,
    })
}

/// What a sheet's header says: each column's role, long or wide, the columns that name a
/// participant and, for a wide sheet, the session columns.
struct Layout<'n> {
    roles: Vec<Role>,
    long: bool,
    idents: Idents,
    session_cols: Vec<(usize, &'n str)>,
}

impl<'n> Layout<'n> {
    /// Reads the header, or every problem it has (a duplicate, missing or unknown column).
    fn of(names: &'n [String], session_ids: &[&str]) -> Result<Layout<'n>, Errors> {
        let mut roles = Vec::with_capacity(names.len());
        let mut errors = Vec::new();
        for (i, name) in names.iter().enumerate() {
            roles.push(role_of(name).unwrap_or(Role::Ignored));
            if !name.is_empty() && names[..i].contains(name) {
                errors.push(sheet_error(1, name, "duplicate_column", name));
            }
        }
        let long = roles.contains(&Role::Session);
        let find = |r: Role| roles.iter().position(|x| *x == r);
        let idents = Idents {
            id: find(Role::Participant),
            nip: find(Role::Nip),
            nik: find(Role::Nik),
        };
        if idents.id.is_none() && idents.nip.is_none() && idents.nik.is_none() {
            errors.push(sheet_error(1, "participant", "missing_column", &names.join(",")));
        }
        let mut session_cols: Vec<(usize, &str)> = Vec::new();
        if long {
            if find(Role::Status).is_none() && find(Role::CheckIn).is_none() {
                errors.push(sheet_error(1, "status", "missing_column", &names.join(",")));
            }
            for name in names {
                if role_of(name).is_none() {
                    errors.push(sheet_error(1, name, "unknown_column", name));
                }
            }
        } else {
            for (i, name) in names.iter().enumerate() {
                if session_ids.contains(&name.as_str()) {
                    session_cols.push((i, name.as_str()));
                } else if matches!(roles[i], Role::Session | Role::Status | Role::CheckIn | Role::CheckOut)
                    || role_of(name).is_none()
                {
                    errors.push(sheet_error(1, name, "unknown_column", name));
                }
            }
            if session_cols.is_empty() && errors.is_empty() {
                errors.push(sheet_error(1, "", "no_session_columns", &names.join(",")));
            }
        }
        if !errors.is_empty() {
            return Err(Errors(errors));
        }
        Ok(Layout {
            roles,
            long,
            idents,
            session_cols,
        })
    }

    /// The column of a role.
    fn find(&self, role: Role) -> Option<usize> {
        self.roles.iter().position(|x| *x == role)
    }
}

/// One data row of a sheet whose participant is known.
struct Row<'a> {
    layout: &'a Layout<'a>,
    names: &'a [String],
    cells: &'a Cells<'a>,
    participant: &'a str,
    line: u64,
}

impl Row<'_> {
    /// A role's cell, when not empty.
    fn cell(&self, role: Role) -> Option<&str> {
        self.layout
            .find(role)
            .map(|c| self.cells.get(c))
            .filter(|s| !s.is_empty())
    }

    /// The column named in an error about a role.
    fn column(&self, role: Role) -> &str {
        &self.names[self.layout.find(role).unwrap_or(0)]
    }

    /// A row of a long sheet: one mark (a session, and a status or check-in times), or the
    /// error it draws.
    fn long_mark(&self, course: &Course, errors: &mut Vec<TamatError>, sink: &mut impl MarkSink) {
        let line = self.line;
        let session = self.layout.find(Role::Session).map(|c| self.cells.get(c)).unwrap_or("");
        if session.is_empty() {
            errors.push(sheet_error(line, self.column(Role::Session), "empty_session", ""));
            return;
        }
        // Times: RFC 3339 as they are; a local time as spreadsheets write it, in the
        // course's zone.
        let mut time = |r: Role| -> Result<Option<std::borrow::Cow<'_, str>>, ()> {
            let Some(text) = self.cell(r) else { return Ok(None) };
            match local_time(text, course) {
                Ok(t) => Ok(Some(t)),
                Err(e) => {
                    errors.push(e.unwrap_or_else(|| sheet_error(line, self.column(r), "invalid_time", text)));
                    Err(())
                }
            }
        };
        let (Ok(check_in), Ok(check_out)) = (time(Role::CheckIn), time(Role::CheckOut)) else {
            return;
        };
        let status = self.cell(Role::Status);
        if status.is_none() && check_in.is_none() {
            let col = self
                .layout
                .find(Role::Status)
                .or(self.layout.find(Role::CheckIn))
                .unwrap_or(0);
            errors.push(sheet_error(line, &self.names[col], "empty_status", ""));
            return;
        }
        let column = &self.names[self
            .layout
            .find(Role::Status)
            .filter(|_| status.is_some())
            .or(self.layout.find(Role::CheckIn))
            .unwrap_or(0)];
        let mark = MarkView {
            participant: self.participant,
            session,
            status,
            check_in: check_in.as_deref(),
            check_out: check_out.as_deref(),
        };
        sink.mark(mark, self.cell(Role::Note), line, column);
    }

    /// A row of a wide sheet: a mark per non-empty session cell.
    fn wide_marks(&self, sink: &mut impl MarkSink) {
        for &(c, session) in &self.layout.session_cols {
            let cell = self.cells.get(c);
            if cell.is_empty() {
                continue;
            }
            let mark = MarkView {
                participant: self.participant,
                session,
                status: Some(cell),
                check_in: None,
                check_out: None,
            };
            sink.mark(mark, None, self.line, session);
        }
    }
}

/// A record's cells, trimmed; a missing cell is empty.
struct Cells<'r>(&'r csv::StringRecord);

impl<'r> Cells<'r> {
    fn get(&self, i: usize) -> &'r str {
        self.0.get(i).unwrap_or("").trim()
    }
}

/// Line numbers of records read in order, counted as the reader goes (the parser's own
/// count lags on CRLF files): a record's line is the one its first byte is on.
struct LineCounter<'b> {
    bytes: &'b [u8],
    at: usize,
    line: u64,
}

impl<'b> LineCounter<'b> {
    fn new(bytes: &'b [u8]) -> Self {
        LineCounter { bytes, at: 0, line: 1 }
    }

    fn line_at(&mut self, byte: u64) -> u64 {
        let mut target = usize::try_from(byte).unwrap_or(usize::MAX).min(self.bytes.len());
        while matches!(self.bytes.get(target), Some(b'\r' | b'\n')) {
            target += 1;
        }
        if target < self.at {
            // Not in order (never for one reader): count from the start.
            self.at = 0;
            self.line = 1;
        }
        self.line += self.bytes[self.at..target].iter().filter(|&&b| b == b'\n').count() as u64;
        self.at = target;
        self.line
    }
}

/// Reads an attendance sheet from a file's bytes: a workbook (`.xlsx`, `.ods`, `.xls`,
/// told by its first bytes; `worksheet` names the sheet, default the first) or CSV.
/// The same layouts, columns and errors either way; in a workbook, lines are its rows.
pub fn read_attendance(bytes: &[u8], course: &Course, worksheet: Option<&str>) -> Result<Sheet, Errors> {
    match workbook_format(bytes, worksheet)? {
        None => read_csv(bytes, course),
        Some(format) => from_workbook(bytes, format, worksheet, |csv| {
            let mut sheet = read_csv(csv, course)?;
            sheet.delimiter = None;
            sheet.encoding = None;
            Ok(sheet)
        })
        .map(|(mut sheet, converted)| {
            for s in &mut sheet.sources {
                s.line = converted.row_of(s.line);
            }
            sheet.format = converted.format;
            sheet.worksheet = Some(converted.worksheet);
            sheet
        }),
    }
}

/// Reads a scores sheet from a file's bytes: a workbook or CSV (see [`read_attendance`]).
pub fn read_scores(bytes: &[u8], course: &Course, worksheet: Option<&str>) -> Result<ScoreSheet, Errors> {
    let read = match workbook_format(bytes, worksheet).map_err(as_scores_errors)? {
        None => return read_scores_csv(bytes, course),
        Some(format) => from_workbook(bytes, format, worksheet, |csv| {
            let mut sheet = scores_sheet(csv, course)?;
            sheet.delimiter = None;
            sheet.encoding = None;
            Ok(sheet)
        }),
    };
    read.map(|(mut sheet, converted)| {
        sheet.format = converted.format;
        sheet.worksheet = Some(converted.worksheet);
        sheet
    })
    .map_err(as_scores_errors)
}

/// The first worksheet of a workbook as CSV rows (`None` for a file that is no
/// workbook), for readers of layouts of their own (Moodle's export).
#[cfg(feature = "workbooks")]
pub(crate) fn workbook_rows(bytes: &[u8]) -> Result<Option<crate::sheets::workbook::Converted>, Errors> {
    match crate::sheets::workbook::format_of(bytes) {
        None => Ok(None),
        Some(format) => crate::sheets::workbook::convert(bytes, format, None).map(Some),
    }
}

#[cfg(not(feature = "workbooks"))]
pub(crate) fn workbook_rows(bytes: &[u8]) -> Result<Option<NoWorkbook>, Errors> {
    workbook_format(bytes, None).map(|_| None)
}

/// A text file's text and its encoding: UTF-16 with a byte-order mark (Excel's "Unicode
/// text", Teams' reports), UTF-8 with or without one, else Windows-1252. Refused when
/// unsure (`unknown_encoding`): bytes that are no UTF-8 holding a NUL (UTF-16 without a
/// mark, or a binary file) or a byte Windows-1252 leaves undefined (0x81, 0x8D, 0x8F,
/// 0x90, 0x9D: another code page).
pub(crate) fn text_of(bytes: &[u8]) -> Result<(std::borrow::Cow<'_, str>, &'static str), TamatError> {
    let utf16 = |le: bool, body: &[u8]| -> Result<String, TamatError> {
        let units: Vec<u16> = body
            .chunks(2)
            .map(|c| {
                let pair = [c[0], c.get(1).copied().unwrap_or(0)];
                if le {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| sheet_error(0, "", "invalid_utf16", ""))
    };
    if let Some(body) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok((utf16(true, body)?.into(), "utf-16le"));
    }
    if let Some(body) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok((utf16(false, body)?.into(), "utf-16be"));
    }
    let body = bytes.strip_prefix(b"\xef\xbb\xbf".as_slice()).unwrap_or(bytes);
    match std::str::from_utf8(body) {
        // NUL is UTF-8 too, but no sheet holds it: UTF-16 without its mark, or no text.
        Ok(s) if s.contains('\0') => {
            let line = s[..s.find('\0').unwrap_or(0)].matches('\n').count() as u64 + 1;
            Err(sheet_error(line, "", "unknown_encoding", "0x00"))
        }
        Ok(s) => Ok((s.into(), "utf-8")),
        Err(_) => {
            if let Some(at) = body
                .iter()
                .position(|&b| matches!(b, 0x00 | 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
            {
                let line = body[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
                return Err(sheet_error(
                    line,
                    "",
                    "unknown_encoding",
                    &format!("0x{:02X}", body[at]),
                ));
            }
            Ok((windows_1252(body).into(), "windows-1252"))
        }
    }
}

/// A text file's text (see [`text_of`]).
pub(crate) fn decoded_text(bytes: &[u8]) -> Result<String, TamatError> {
    text_of(bytes).map(|(t, _)| t.into_owned())
}

/// Whether a file's bytes are a workbook (`.xlsx`, `.ods`, `.xls`), told by its first
/// bytes.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// The workbook format of a file, `None` for CSV; a worksheet named for a CSV file is
/// refused (it has none), and a workbook in a build without workbooks.
fn workbook_format(bytes: &[u8], worksheet: Option<&str>) -> Result<Option<&'static str>, Errors> {
    #[cfg(feature = "workbooks")]
    let format = crate::sheets::workbook::format_of(bytes);
    #[cfg(not(feature = "workbooks"))]
    let format = {
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(sheet_error(0, "", "workbooks_not_built", "").into());
        }
        None
    };
    if let (None, Some(name)) = (format, worksheet) {
        return Err(sheet_error(0, "", "not_a_workbook", name).into());
    }
    Ok(format)
}

#[cfg(feature = "workbooks")]
fn from_workbook<T>(
    bytes: &[u8],
    format: &'static str,
    worksheet: Option<&str>,
    read: impl FnOnce(&[u8]) -> Result<T, Errors>,
) -> Result<(T, crate::sheets::workbook::Converted), Errors> {
    let converted = crate::sheets::workbook::convert(bytes, format, worksheet)?;
    let out = read(converted.csv.as_bytes()).map_err(|e| crate::sheets::workbook::remap(&converted, e))?;
    Ok((out, converted))
}

#[cfg(not(feature = "workbooks"))]
fn from_workbook<T>(
    _: &[u8],
    _: &'static str,
    _: Option<&str>,
    _: impl FnOnce(&[u8]) -> Result<T, Errors>,
) -> Result<(T, NoWorkbook), Errors> {
    Err(sheet_error(0, "", "workbooks_not_built", "").into())
}

/// What a build without workbooks never reads.
#[cfg(not(feature = "workbooks"))]
pub(crate) struct NoWorkbook {
    pub format: &'static str,
    pub worksheet: String,
    pub csv: String,
}

#[cfg(not(feature = "workbooks"))]
impl NoWorkbook {
    pub fn row_of(&self, line: u64) -> u64 {
        line
    }
}

/// Windows-1252 text as the WHATWG Encoding Standard decodes it: Latin-1, but for 0x80 to
/// 0x9F. (Written here rather than taken from `encoding_rs`, whose tables for every
/// encoding would add about 130 KB to the gzipped WebAssembly bundle for one of them.)
pub(crate) fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{2C6}',
        '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}',
        '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}',
        '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// A NIP a spreadsheet turned into a number: `1.97909E+17`, `1,97909E+17`, or a number
/// with a decimal part. Its digits are lost and cannot be guessed back.
fn looks_like_a_number(cell: &str) -> bool {
    let t = cell.trim();
    let has_exponent = t.contains(['E', 'e']) && t.chars().any(|c| c.is_ascii_digit());
    let numeric = t
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | 'E' | 'e' | '+' | '-'));
    numeric && (has_exponent || t.contains(['.', ',']))
}

/// Line numbers from a record's byte offset (the parser's own count lags on CRLF files).
pub(crate) fn line_index(bytes: &[u8]) -> impl Fn(u64) -> u64 + '_ {
    let newlines: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
        .collect();
    move |byte: u64| -> u64 {
        let mut at = usize::try_from(byte).unwrap_or(usize::MAX);
        while matches!(bytes.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        newlines.partition_point(|&n| n < at) as u64 + 1
    }
}

/// The participant a row names: by id, else by NIP (a leading apostrophe is how
/// spreadsheets keep a number as text; a NIP turned into a number is refused).
fn participant_of<'a>(
    participants: &'a [crate::model::course::Participant],
    line: u64,
    names: &[String],
    cells: &(impl CellsOf<'a> + ?Sized),
    cols: Idents,
) -> Result<&'a str, TamatError> {
    let cell = |c: Option<usize>| Some(cells.cell(c?)).filter(|v| !v.is_empty());
    if let Some(id) = cell(cols.id) {
        return Ok(id);
    }
    // A NIP, else a NIK (participants with no NIP), as digits.
    for (col, nik) in [(cols.nip, false), (cols.nik, true)] {
        let Some(value) = cell(col) else { continue };
        let name = names[col.unwrap_or(0)].as_str();
        if looks_like_a_number(value) {
            return Err(sheet_error(
                line,
                name,
                if nik { "nik_as_number" } else { "nip_as_number" },
                value,
            ));
        }
        let digits: String = value
            .strip_prefix('\'')
            .unwrap_or(value)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        return participants
            .iter()
            .find(|p| match nik {
                false => p.nip.as_ref().is_some_and(|n| n.as_str() == digits),
                true => p.nik.as_ref().is_some_and(|n| n.as_str() == digits),
            })
            .map(|p| p.id.as_str())
            .ok_or_else(|| sheet_error(line, name, if nik { "unknown_nik" } else { "unknown_nip" }, value));
    }
    Err(sheet_error(
        line,
        &names[cols.id.or(cols.nip).or(cols.nik).unwrap_or(0)],
        "empty_participant",
        "",
    ))
}

/// Cells by column.
trait CellsOf<'a> {
    fn cell(&self, i: usize) -> &'a str;
}

impl<'a> CellsOf<'a> for Cells<'a> {
    fn cell(&self, i: usize) -> &'a str {
        self.get(i)
    }
}

impl<'a> CellsOf<'a> for [&'a str] {
    fn cell(&self, i: usize) -> &'a str {
        self.get(i).copied().unwrap_or("")
    }
}

impl<'a> CellsOf<'a> for Vec<&'a str> {
    fn cell(&self, i: usize) -> &'a str {
        self.get(i).copied().unwrap_or("")
    }
}

/// The columns that name a participant: an id, a NIP, a NIK.
#[derive(Clone, Copy)]
struct Idents {
    id: Option<usize>,
    nip: Option<usize>,
    nik: Option<usize>,
}

/// A check-in or check-out as the core reads it: RFC 3339 with an offset as given, or a
/// local `DD/MM/YYYY HH:MM[:SS]` / `YYYY-MM-DD HH:MM[:SS]` resolved in the course's zone
/// (a time the clocks skip or repeat is refused by the zone). `Err(None)`: not a time.
fn local_time<'t>(text: &'t str, course: &Course) -> Result<std::borrow::Cow<'t, str>, Option<TamatError>> {
    if crate::model::schedule::parse_instant(text).is_some() {
        return Ok(text.into());
    }
    let formats = [
        "%d/%m/%Y %H:%M",
        "%d/%m/%Y %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%d-%m-%Y %H:%M",
    ];
    let naive = formats
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(text.trim(), f).ok())
        .ok_or(None)?;
    let (at, _) = course.time_zone.resolve_naive("", naive).map_err(Some)?;
    Ok(at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true).into())
}

/// A scores sheet read into scores.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ScoreSheet {
    /// What was read: `csv`, or a workbook: `xlsx`, `ods` or `xls`.
    pub format: &'static str,
    /// The worksheet read, in a workbook.
    pub worksheet: Option<String>,
    /// The delimiter found in a CSV file: `,`, `;` or a tab.
    pub delimiter: Option<char>,
    /// The text encoding of a CSV file, as for attendance sheets.
    pub encoding: Option<&'static str>,
    /// `score` (one column of scores) or `components` (one column per component).
    pub layout: &'static str,
    /// The scores, in file order; a row whose score cells are all empty has none (the
    /// evaluation then says the score is missing).
    pub scores: Vec<crate::model::assessment::Score>,
}

/// Reads a scores sheet exported from a spreadsheet: a `participant` (`peserta`, `id`)
/// or `nip` column, and either a `score` (`nilai`) column or one column per assessment
/// component, named as the policy names them (`sikap`, `pengetahuan`, ...). Columns kept
/// for people (`no`, `nama`, ...) are not read; with a `score` column any other column is
/// refused, never ignored. Scores are decimals with a point, or with a comma when the
/// delimiter is not a comma (`85,5` in a semicolon sheet). Same encodings, delimiters
/// and participant matching as [`read_csv`].
pub fn read_scores_csv(bytes: &[u8], course: &Course) -> Result<ScoreSheet, Errors> {
    scores_sheet(bytes, course).map_err(as_scores_errors)
}

/// The sheet errors are the attendance reader's, named as a scores sheet's.
fn as_scores_errors(Errors(es): Errors) -> Errors {
    {
        Errors(
            es.into_iter()
                .map(|e| match e {
                    TamatError::InvalidSheet {
                        line,
                        column,
                        problem: reason,
                        value,
                        worksheet,
                    } => TamatError::InvalidScoreSheet {
                        line,
                        column,
                        problem: reason,
                        value,
                        worksheet,
                    },
                    other => other,
                })
                .collect(),
        )
    }
}

fn scores_sheet(bytes: &[u8], course: &Course) -> Result<ScoreSheet, Errors> {
    let (bytes, encoding, delimiter) = decoded(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(&bytes[..]);
    let mut rows = reader.records();
    let header = match rows.next() {
        None => return Err(sheet_error(1, "", "empty_sheet", "").into()),
        Some(Err(e)) => return Err(csv_error(&e).into()),
        Some(Ok(h)) => h,
    };
    let names: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let mut errors = Vec::new();
    let lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    let is = |i: usize, words: &[&str]| words.contains(&lower[i].as_str());
    let find = |words: &[&str]| (0..names.len()).find(|&i| is(i, words));
    let id_col = find(&["participant", "participant_id", "peserta", "id", "id_peserta"]);
    let nip_col = find(&["nip"]);
    let nik_col = find(&["nik"]);
    let idents = Idents {
        id: id_col,
        nip: nip_col,
        nik: nik_col,
    };
    let score_col = find(&["score", "nilai", "nilai_akhir"]);
    let kept = [
        "no",
        "no.",
        "nomor",
        "nama",
        "name",
        "nama_peserta",
        "jabatan",
        "position",
        "unit",
        "instansi",
    ];
    let mut components = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if !name.is_empty() && names[..i].contains(name) {
            errors.push(sheet_error(1, name, "duplicate_column", name));
        }
        if Some(i) == id_col || Some(i) == nip_col || Some(i) == nik_col || Some(i) == score_col || is(i, &kept) {
            continue;
        }
        if score_col.is_some() || name.is_empty() {
            errors.push(sheet_error(1, name, "unknown_column", name));
        } else {
            components.push(i);
        }
    }
    if id_col.is_none() && nip_col.is_none() && nik_col.is_none() {
        errors.push(sheet_error(1, "participant", "missing_column", &names.join(",")));
    }
    if score_col.is_none() && components.is_empty() {
        errors.push(sheet_error(1, "score", "missing_column", &names.join(",")));
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    let decimal = |line: u64, column: &str, text: &str| -> Result<Option<crate::model::fixed::Fixed>, TamatError> {
        if text.is_empty() {
            return Ok(None);
        }
        let text = if delimiter != b',' && text.matches(',').count() == 1 && !text.contains('.') {
            text.replace(',', ".")
        } else {
            text.to_string()
        };
        crate::model::fixed::Fixed::parse(&text)
            .map(Some)
            .map_err(|_| sheet_error(line, column, "invalid_score", &text))
    };
    let line_at = line_index(&bytes);
    let mut scores = Vec::new();
    for record in rows {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(csv_error(&e));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| line_at(p.byte()));
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() > names.len() && record.iter().skip(names.len()).any(|f| !f.trim().is_empty()) {
            errors.push(sheet_error(line, &format!("#{}", names.len() + 1), "extra_field", ""));
            continue;
        }
        let cells: Vec<&str> = (0..names.len()).map(|i| record.get(i).unwrap_or("").trim()).collect();
        let participant = match participant_of(&course.participants, line, &names, &cells, idents) {
            Ok(p) => p,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let mut score = crate::model::assessment::Score {
            participant: participant.to_string(),
            score: None,
            components: std::collections::BTreeMap::new(),
        };
        let mut ok = true;
        if let Some(c) = score_col {
            match decimal(line, &names[c], cells[c]) {
                Ok(v) => score.score = v,
                Err(e) => {
                    errors.push(e);
                    ok = false;
                }
            }
        }
        for &c in &components {
            match decimal(line, &names[c], cells[c]) {
                Ok(Some(v)) => {
                    score.components.insert(names[c].clone(), v);
                }
                Ok(None) => {}
                Err(e) => {
                    errors.push(e);
                    ok = false;
                }
            }
        }
        if ok && (score.score.is_some() || !score.components.is_empty()) {
            scores.push(score);
        }
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    Ok(ScoreSheet {
        format: "csv",
        worksheet: None,
        delimiter: Some(char::from(delimiter)),
        encoding: Some(encoding),
        layout: if score_col.is_some() { "score" } else { "components" },
        scores,
    })
}

fn csv_error(e: &csv::Error) -> TamatError {
    let line = e.position().map_or(0, csv::Position::line);
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => sheet_error(line, "", "invalid_utf8", ""),
        _ => sheet_error(line, "", "malformed_row", &e.to_string()),
    }
}

impl Sheet {
    /// The source of the mark an error names (`details.mark`), for messages.
    pub fn source_of(&self, error: &TamatError) -> Option<&Source> {
        let mark = error.details().get("mark").and_then(serde_json::Value::as_u64)?;
        self.sources.get(usize::try_from(mark).ok()?)
    }
}

#[cfg(test)]
mod tests {
    use super::windows_1252;

    #[test]
    fn windows_1252_decodes_as_the_encoding_standard_says() {
        assert_eq!(windows_1252(b"D\xe9sir\xe9e"), "Désirée");
        assert_eq!(windows_1252(b"\x80 \x8a\x9e \x96 \x93x\x94 \x81"), "€ Šž – “x” \u{81}");
        assert_eq!(windows_1252(b"plain ASCII"), "plain ASCII");
        assert_eq!(windows_1252(&[0xff, 0xa0]), "ÿ\u{a0}");
    }
}
