//! The model: what a course is (decimals, identity numbers, time, the course and its schedule, the policy and assessment settings, attendance marks).

pub(crate) mod assessment;
pub(crate) mod course;
pub(crate) mod fixed;
pub(crate) mod identity;
pub(crate) mod marks;
pub(crate) mod policy;
pub(crate) mod schedule;
pub(crate) mod sorting;
pub(crate) mod text;

pub use assessment::{AssessmentPolicy, Band, BandPreset, Score};
pub use course::{Course, Organiser, Participant, Recurrence, Schedule, Session, SessionKind, SessionSpec};
pub use fixed::{meets_percent, Fixed, Ratio};
pub use identity::{Gender, Nik, Nip, NipKind};
pub use marks::{Mark, MarkList, MarkView, ALPHA, HADIR, IZIN, SAKIT, TERLAMBAT};
pub use policy::{
    CheckInRules, CustomStatus, Delivery, DeliveryMinimums, DuplicatePolicy, ExcusedTreatment, LateRule, Measure,
    MetOutcome, NotMetOutcome, OutcomeRules, Policy, Severity,
};
pub use schedule::{format_date_time, parse_date_time, parse_instant, Weekday, Zone};
