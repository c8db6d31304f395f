//! The model: what a course is (decimals, identity numbers, time, the course and its schedule, the policy and assessment settings, attendance marks).

pub mod assessment;
pub mod course;
pub mod fixed;
pub mod identity;
pub mod marks;
pub mod text;
pub mod policy;
pub mod schedule;
