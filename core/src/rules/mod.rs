//! The rules: the evaluator (the status grid, credit, projections), decisions and their reasons, the personnel ledger, the cohort chart.

pub(crate) mod chart;
pub(crate) mod decision;
pub(crate) mod evaluator;
pub(crate) mod ledger;

pub use chart::{cohort, ChartAnswer};
pub use decision::{
    AttendanceFigures, Decision, DeliveryFigures, Evaluation, MissableSession, Outcome, Projection, ProjectionState,
    Reason, Summary, TraceEntry, TraceNote, TraceResult, REASON_CODES,
};
pub use evaluator::grid::{Dictionary, GridBuilder, StatusGrid, NULL_CODE};
pub use evaluator::projection::at_risk_label;
pub use evaluator::{EvaluateOptions, Evaluator, IdHash};
pub use ledger::{ledger, EarningOutcome, LedgerEntry, LedgerRow, PartialLedger, Uncounted, DEFAULT_OBLIGATION_JP};
