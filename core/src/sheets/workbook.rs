//! Workbooks as spreadsheet programs save them (`.xlsx`, `.ods`, `.xls`), read with
//! calamine and handed to the sheet readers as the rows they read from CSV, so that a
//! workbook and the CSV it was saved from give the same marks and the same errors.
//!
//! Cells are read by their type: text as it is; whole numbers as digits; a number too
//! large to be exact in a spreadsheet (a NIP typed into a number cell,
//! `1.97201011994011E+17`) in exponent form, which the readers refuse for a NIP
//! (`nip_as_number`) rather than match a wrong person; date-time cells as local
//! `YYYY-MM-DD HH:MM:SS`, read in the course's zone; a time without a date as `HH:MM`,
//! refused as a check-in (`invalid_time`); an error cell (`#N/A`) refused
//! (`cell_error`). Lines in errors and sources are the sheet's row numbers.

use std::io::Cursor;

use calamine::{Data, Reader};

use crate::error::{Errors, TamatError};
use crate::sheets::cell::sheet_error;

/// A worksheet turned into CSV text.
pub(crate) struct Converted {
    /// The rows as CSV (comma-separated, quoted where needed).
    pub csv: String,
    /// Per record: the CSV line it starts on and the sheet row (1-based) it came from.
    rows: Vec<(u64, u64)>,
    /// `xlsx`, `ods` or `xls`.
    pub format: &'static str,
    /// The worksheet read.
    pub worksheet: String,
}

impl Converted {
    /// The sheet row of a CSV line.
    pub fn row_of(&self, line: u64) -> u64 {
        let i = self.rows.partition_point(|&(start, _)| start <= line);
        i.checked_sub(1)
            .and_then(|i| self.rows.get(i))
            .map_or(line, |&(_, row)| row)
    }
}

/// The workbook format of a file, told by its first bytes (a zip archive: `xlsx` or
/// `ods`; an OLE compound file: `xls`), or `None` for text.
pub(crate) fn format_of(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") {
        // An OpenDocument archive names its type in the first entry, `mimetype`.
        let head = &bytes[..bytes.len().min(128)];
        let ods = head
            .windows(46)
            .any(|w| w == b"application/vnd.oasis.opendocument.spreadsheet");
        Some(if ods { "ods" } else { "xlsx" })
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some("xls")
    } else {
        None
    }
}

/// The text a cell stands for, or why it has none.
fn cell_text(cell: &Data) -> Result<String, (&'static str, String)> {
    // 2^53: above it a spreadsheet number is no longer an exact integer.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < EXACT => format!("{f:.0}"),
        Data::Float(f) if f.fract() == 0.0 => format!("{f:E}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) if dt.is_duration() => return Err(("cell_error", dt.to_string())),
        Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if dt.as_f64() < 1.0 {
                format!("{h:02}:{mi:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        Data::DateTimeIso(s) => s.replacen('T', " ", 1),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => return Err(("cell_error", e.to_string())),
    })
}

/// Reads worksheet `name` (default: the first) of a workbook into CSV text.
pub(crate) fn convert(bytes: &[u8], format: &'static str, name: Option<&str>) -> Result<Converted, Errors> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| sheet_error(0, "", "invalid_workbook", &e.to_string()))?;
    let names = book.sheet_names();
    let worksheet = match name {
        None => names
            .first()
            .cloned()
            .ok_or_else(|| sheet_error(1, "", "empty_sheet", ""))?,
        Some(n) if names.iter().any(|x| x == n) => n.to_string(),
        Some(n) => return Err(sheet_error(0, "", "unknown_worksheet", &format!("{n} ({})", names.join(", "))).into()),
    };
    let range = book
        .worksheet_range(&worksheet)
        .map_err(|e| sheet_error(0, "", "invalid_workbook", &e.to_string()))?;
    let first_row = u64::from(range.start().map_or(0, |(r, _)| r)) + 1;
    let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    let mut rows = Vec::new();
    let mut line = 1u64;
    let mut header: Vec<String> = Vec::new();
    let mut errors = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let row = first_row + i as u64;
        let mut record = Vec::with_capacity(cells.len());
        for (c, cell) in cells.iter().enumerate() {
            match cell_text(cell) {
                Ok(t) => record.push(t),
                Err((reason, value)) => {
                    let mut e = sheet_error(row, header.get(c).map_or("", String::as_str), reason, &value);
                    if let TamatError::InvalidSheet { worksheet: w, .. } = &mut e {
                        w.clone_from(&worksheet);
                    }
                    errors.push(e);
                    record.push(String::new());
                }
            }
        }
        // Trailing empty cells are the range's width, not the row's.
        while record.len() > 1 && record.last().is_some_and(String::is_empty) {
            record.pop();
        }
        if i == 0 {
            header = record.iter().map(|h| h.trim().to_string()).collect();
        }
        rows.push((line, row));
        line += record.iter().map(|t| t.matches('\n').count() as u64).sum::<u64>() + 1;
        writer
            .write_record(&record)
            .map_err(|e| sheet_error(row, "", "invalid_workbook", &e.to_string()))?;
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    let csv = writer
        .into_inner()
        .map_err(|e| sheet_error(0, "", "invalid_workbook", &e.to_string()))
        .and_then(|b| String::from_utf8(b).map_err(|e| sheet_error(0, "", "invalid_workbook", &e.to_string())))?;
    Ok(Converted {
        csv,
        rows,
        format,
        worksheet,
    })
}

/// Errors of the CSV reader with their lines turned into the sheet's row numbers.
pub(crate) fn remap(converted: &Converted, Errors(errors): Errors) -> Errors {
    Errors(
        errors
            .into_iter()
            .map(|e| match e {
                TamatError::InvalidSheet {
                    line,
                    column,
                    problem: reason,
                    value,
                    ..
                } => TamatError::InvalidSheet {
                    line: converted.row_of(line),
                    column,
                    problem: reason,
                    value,
                    worksheet: converted.worksheet.clone(),
                },
                other => other,
            })
            .collect(),
    )
}
