//! Sheets: the files agencies have (CSV, workbooks, meeting reports, Moodle exports) read into marks and scores.

pub(crate) mod cell;
pub(crate) mod meeting;
pub(crate) mod moodle;
pub(crate) mod reader;
#[cfg(feature = "workbooks")]
pub(crate) mod workbook;

pub use meeting::{read_meeting_report, DateOrder, MeetingReport, ReportSettings, UnmatchedRow};
pub use moodle::{read_moodle_export, MoodleSettings, MoodleSheet, UnmatchedStudent};
pub use reader::{
    is_workbook, read_attendance, read_csv, read_scores, read_scores_csv, stream_csv, MarkSources, ScoreSheet, Sheet,
    Source,
};
