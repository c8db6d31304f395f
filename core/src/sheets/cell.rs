//! What every sheet reader reports of a cell it cannot read.

use crate::error::TamatError;

/// A sheet error (`attendance.invalid_sheet`): line, column, reason, the cell's text cut
/// at 80 characters; every sheet reader builds its errors with it.
pub(crate) fn sheet_error(line: u64, column: &str, reason: &'static str, value: &str) -> TamatError {
    TamatError::InvalidSheet {
        line,
        column: column.to_string(),
        problem: reason,
        value: value.chars().take(80).collect(),
        worksheet: String::new(),
    }
}
