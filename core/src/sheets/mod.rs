//! Sheets: the files agencies have (CSV, workbooks, meeting reports, Moodle exports) read into marks and scores.

pub mod meeting;
pub mod moodle;
pub mod cell;
pub mod reader;
#[cfg(feature = "workbooks")]
mod workbook;
