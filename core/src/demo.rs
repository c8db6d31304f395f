//! The source case as data: the one-day course "Pelatihan Pelayanan Publik Berbasis IT"
//! of BPSDM Provinsi Kalimantan Timur in Samarinda (WITA), Thursday 2025-07-17: 30 civil
//! servants, ten 1-JP sessions, a 90 % minimum. Bundled so that every package can show it
//! without input files.

use crate::attendance::Mark;
use crate::course::Course;
use crate::error::{Errors, TamatError};
use crate::request::EvaluateRequest;

/// The course, as JSON.
pub const KALTIM_COURSE_JSON: &str = include_str!("../data/kaltim/course.json");
/// The attendance marks, as JSON (status marks, and check-in times for two late
/// arrivals).
pub const KALTIM_ATTENDANCE_JSON: &str = include_str!("../data/kaltim/attendance.json");

/// The evaluate request of the source case (the course's own policy).
pub fn kaltim_request() -> Result<EvaluateRequest, Errors> {
    let read = |e: serde_json::Error| Errors(vec![TamatError::from_serde(&e)]);
    let course: Course = serde_json::from_str(KALTIM_COURSE_JSON).map_err(read)?;
    let attendance: Vec<Mark> = serde_json::from_str(KALTIM_ATTENDANCE_JSON).map_err(read)?;
    Ok(EvaluateRequest::new(course, attendance))
}
