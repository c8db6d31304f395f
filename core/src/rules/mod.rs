//! The rules: the evaluator (the status grid, credit, projections), decisions and their reasons, the personnel ledger, the cohort chart.

pub mod chart;
pub mod decision;
pub mod evaluator;
pub mod ledger;
