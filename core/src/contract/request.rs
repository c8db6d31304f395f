//! Requests: the JSON-in shapes of the operations, and their Rust equivalents.

use serde::{Deserialize, Serialize};

use crate::error::{Errors, TamatError};
use crate::model::assessment::Score;
use crate::model::course::Course;
use crate::model::fixed::Fixed;
use crate::model::marks::{Mark, MarkView};
use crate::model::policy::Policy;
use crate::model::schedule::parse_instant;
use crate::rules::decision::{Decision, Evaluation};
use crate::rules::evaluator::{EvaluateOptions, Evaluator};
use crate::rules::ledger::{ledger, LedgerEntry, LedgerRow, DEFAULT_OBLIGATION_JP};

/// Whether an evaluation includes per-session traces unless asked otherwise: the one
/// place this default is defined (the JSON contract, the command, Python and WebAssembly
/// all read it from here).
pub const DEFAULT_TRACE: bool = true;

fn default_trace() -> bool {
    DEFAULT_TRACE
}

/// Evaluate a course's attendance: `{"course", "attendance", "scores"?, "policy"?,
/// "as_of"?, "participant"?, "trace"?}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluateRequest {
    /// The course.
    pub course: Course,
    /// The marks.
    #[serde(default)]
    pub attendance: Vec<Mark>,
    /// Scores, for scored courses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scores: Vec<Score>,
    /// The policy; the course's own, else the default, when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Policy>,
    /// RFC 3339 instant for a course still running (projection); absent when it is over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<chrono::DateTime<chrono::Utc>>")]
    pub as_of: Option<String>,
    /// Only this participant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant: Option<String>,
    /// Include per-session traces (default true).
    #[serde(default = "default_trace")]
    pub trace: bool,
}

/// An evaluate request without its course, policy and marks: what a compiled
/// [`Evaluator`] takes beside marks held elsewhere (a binding's columns). The same members
/// with the same defaults as [`EvaluateRequest`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluateOptionsRequest {
    /// Scores, for scored courses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scores: Vec<Score>,
    /// RFC 3339 instant for a course still running (projection); absent when it is over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<chrono::DateTime<chrono::Utc>>")]
    pub as_of: Option<String>,
    /// Only this participant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant: Option<String>,
    /// Include per-session traces (default true).
    #[serde(default = "default_trace")]
    pub trace: bool,
}

impl Default for EvaluateOptionsRequest {
    fn default() -> Self {
        EvaluateOptionsRequest {
            scores: Vec::new(),
            as_of: None,
            participant: None,
            trace: DEFAULT_TRACE,
        }
    }
}

impl Evaluator {
    /// Evaluates marks held by the caller with the members of an evaluate request: every
    /// participant, or only `participant`.
    pub fn evaluate_marks<'a>(
        &self,
        marks: impl IntoIterator<Item = MarkView<'a>>,
        options: &EvaluateOptionsRequest,
    ) -> Result<Evaluation, Errors> {
        self.evaluate_grid(self.grid_from(marks), options)
    }

    /// [`Evaluator::evaluate_marks`] of marks already resolved into a grid (a sheet
    /// streamed by [`crate::sheets::stream_csv`], dictionary-coded columns), or the errors
    /// that building it drew.
    pub fn evaluate_grid(
        &self,
        grid: Result<crate::rules::evaluator::grid::StatusGrid, Errors>,
        options: &EvaluateOptionsRequest,
    ) -> Result<Evaluation, Errors> {
        let inputs = self.read_grid(grid, &options.scores, options.as_of.as_deref(), options.trace)?;
        Ok(match &options.participant {
            None => self.evaluate(&inputs.grid, &inputs.scores, &inputs.options)?,
            Some(id) => self.evaluate_only(&inputs.grid, &inputs.scores, id, &inputs.options)?,
        })
    }

    /// Counts outcomes only (no decisions built) of marks held by the caller.
    pub fn summarize_marks<'a>(
        &self,
        marks: impl IntoIterator<Item = MarkView<'a>>,
        options: &EvaluateOptionsRequest,
    ) -> Result<crate::rules::decision::Summary, Errors> {
        self.summarize_grid(self.grid_from(marks), options)
    }

    /// [`Evaluator::summarize_marks`] of marks already resolved into a grid.
    pub fn summarize_grid(
        &self,
        grid: Result<crate::rules::evaluator::grid::StatusGrid, Errors>,
        options: &EvaluateOptionsRequest,
    ) -> Result<crate::rules::decision::Summary, Errors> {
        let inputs = self.read_grid(grid, &options.scores, options.as_of.as_deref(), false)?;
        Ok(self.summarize(&inputs.grid, &inputs.scores, inputs.options.as_of)?)
    }
}

impl EvaluateRequest {
    /// A request with the course's own policy, no scores, final, with traces.
    pub fn new(course: Course, attendance: Vec<Mark>) -> EvaluateRequest {
        EvaluateRequest {
            course,
            attendance,
            scores: Vec::new(),
            policy: None,
            as_of: None,
            participant: None,
            trace: DEFAULT_TRACE,
        }
    }

    /// Compiles and reads everything, collecting every error.
    fn prepare(&self) -> Result<Prepared, Errors> {
        let evaluator = Evaluator::new(&self.course, self.policy.as_ref())?;
        let inputs = evaluator.read(
            self.attendance.iter().map(Mark::view),
            &self.scores,
            self.as_of.as_deref(),
            self.trace,
        )?;
        Ok((evaluator, inputs.grid, inputs.scores, inputs.options))
    }
}

type Prepared = (
    Evaluator,
    crate::rules::evaluator::grid::StatusGrid,
    Vec<Option<Fixed>>,
    EvaluateOptions,
);

/// A request's marks, scores and options, read against one course: what
/// [`Evaluator::evaluate`] takes.
#[derive(Clone, Debug)]
pub struct Inputs {
    /// The marks as a status grid (with its warnings).
    pub grid: crate::rules::evaluator::grid::StatusGrid,
    /// Scores by participant position.
    pub scores: Vec<Option<Fixed>>,
    /// `as_of` and traces.
    pub options: EvaluateOptions,
}

impl Evaluator {
    /// Reads marks, scores and `as_of` (RFC 3339 with offset) as a request does,
    /// collecting every error of all three: the step between a compiled course and
    /// [`Evaluator::evaluate`] for callers that hold marks in their own structures.
    pub fn read<'a>(
        &self,
        marks: impl IntoIterator<Item = MarkView<'a>>,
        scores: &[Score],
        as_of: Option<&str>,
        trace: bool,
    ) -> Result<Inputs, Errors> {
        self.read_grid(self.grid_from(marks), scores, as_of, trace)
    }

    /// [`Evaluator::read`] for marks already resolved into a grid (by a
    /// [`GridBuilder`](crate::GridBuilder), e.g. from dictionary-coded columns), or the
    /// errors that building it drew.
    pub fn read_grid(
        &self,
        grid: Result<crate::rules::evaluator::grid::StatusGrid, Errors>,
        scores: &[Score],
        as_of: Option<&str>,
        trace: bool,
    ) -> Result<Inputs, Errors> {
        let mut errors = Vec::new();
        let as_of = match as_of {
            None => None,
            Some(text) => match parse_instant(text) {
                Some(t) => Some(t),
                None => {
                    errors.push(TamatError::InvalidAsOf {
                        value: text.to_string(),
                    });
                    None
                }
            },
        };
        let grid = grid.map_err(|Errors(mut es)| errors.append(&mut es)).ok();
        let scores = self
            .scores(scores)
            .map_err(|Errors(mut es)| errors.append(&mut es))
            .ok();
        match (grid, scores) {
            (Some(grid), Some(scores)) if errors.is_empty() => Ok(Inputs {
                grid,
                scores,
                options: EvaluateOptions { as_of, trace },
            }),
            _ => Err(Errors(errors)),
        }
    }
}

/// Evaluates a request: every participant, or only `participant` when given.
pub fn evaluate(request: &EvaluateRequest) -> Result<Evaluation, Errors> {
    let (evaluator, sheet, scores, options) = request.prepare()?;
    let evaluation = match &request.participant {
        None => evaluator.evaluate(&sheet, &scores, &options)?,
        Some(id) => evaluator.evaluate_only(&sheet, &scores, id, &options)?,
    };
    Ok(evaluation)
}

/// The cohort picture of an evaluate request (see [`crate::rules::chart`]).
pub fn chart(request: &EvaluateRequest) -> Result<crate::rules::chart::ChartAnswer, Errors> {
    let (evaluator, sheet, scores, options) = request.prepare()?;
    let evaluation = evaluator.evaluate(&sheet, &scores, &options)?;
    Ok(crate::rules::chart::cohort(&evaluator, &sheet, &evaluation))
}

/// Evaluates one participant (`participant` must be given).
pub fn evaluate_participant(request: &EvaluateRequest) -> Result<(Decision, Vec<TamatError>), Errors> {
    let (evaluator, sheet, scores, options) = request.prepare()?;
    let id = request.participant.clone().unwrap_or_default();
    let decision = evaluator.evaluate_participant(&sheet, &scores, &id, &options)?;
    Ok((decision, sheet.warnings))
}

fn default_obligation() -> Fixed {
    Fixed::from_int(DEFAULT_OBLIGATION_JP)
}

/// The yearly JP ledger from explicit entries and from evaluated courses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LedgerRequest {
    /// Completed courses, one per employee and course.
    #[serde(default)]
    pub entries: Vec<LedgerEntry>,
    /// Courses to evaluate: each LULUS participant with a NIP is credited the course's
    /// total JP in the year it ends.
    #[serde(default)]
    pub courses: Vec<EvaluateRequest>,
    /// The yearly obligation (20 JP by default).
    #[serde(default = "default_obligation")]
    pub obligation_jp: Fixed,
    /// Which outcomes of `courses` earn the course's JP (`["lulus"]` by default).
    #[serde(default = "default_earning")]
    pub earning_outcomes: Vec<crate::rules::ledger::EarningOutcome>,
}

fn default_earning() -> Vec<crate::rules::ledger::EarningOutcome> {
    vec![crate::rules::ledger::EarningOutcome::Lulus]
}

/// Computes the ledger of a request.
pub fn ledger_of(request: &LedgerRequest) -> Result<Vec<LedgerRow>, Errors> {
    ledger_with_uncounted(request).map(|(rows, _)| rows)
}

/// The ledger of a request, and the participants of its courses who earned JP but have no
/// NIP to credit it to.
pub fn ledger_with_uncounted(
    request: &LedgerRequest,
) -> Result<(Vec<LedgerRow>, Vec<crate::rules::ledger::Uncounted>), Errors> {
    let mut entries = request.entries.clone();
    let mut uncounted = Vec::new();
    let mut errors = Vec::new();
    for course in &request.courses {
        let mut quiet = course.clone();
        quiet.trace = false;
        match evaluate(&quiet) {
            Ok(e) => {
                let (mut credited, mut left) = e.ledger_entries_for(&request.earning_outcomes);
                entries.append(&mut credited);
                uncounted.append(&mut left);
            }
            Err(Errors(mut es)) => errors.append(&mut es),
        }
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    Ok((ledger(&entries, request.obligation_jp)?, uncounted))
}
