//! Projection for a course still running: is the minimum already secured, still
//! reachable, or out of reach; how many of the remaining sessions must still be attended,
//! and how many may be missed. Computed by applying the same rules to hypothetical
//! attendance, so it can never disagree with the final decision.

use crate::error::{Lang, Localized};
use crate::model::fixed::{Fixed, Ratio, SCALE};
use crate::model::marks::{ALPHA, HADIR, NONE};
use crate::rules::decision::{MissableSession, Projection, ProjectionState};
use crate::rules::evaluator::{DropCandidate, Evaluator};

/// The projection's words: secured, out of reach, or how many of the remaining sessions
/// must still be attended.
fn projection_message(state: ProjectionState, needed: Option<u32>, remaining: u32, at_risk: bool) -> Localized {
    let (mut id, mut en) = match (state, needed) {
        (ProjectionState::Secured, _) => ("sudah aman".to_string(), "secured".to_string()),
        (ProjectionState::Unreachable, _) | (_, None) => ("tidak tercapai".to_string(), "out of reach".to_string()),
        (ProjectionState::Reachable, Some(n)) => (
            format!("perlu hadir {n} dari {remaining} sesi lagi"),
            format!("must attend {n} of {remaining} remaining sessions"),
        ),
    };
    if at_risk {
        id.push_str(&format!(" ({})", at_risk_label(Lang::Id)));
        en.push_str(&format!(" ({})", at_risk_label(Lang::En)));
    }
    Localized { id, en }
}

/// The word for participants at risk (`berisiko` / `at risk`), for tables and pages.
pub fn at_risk_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "berisiko",
        Lang::En => "at risk",
    }
}

impl Evaluator {
    /// Attendance requirements only (percentage and required sessions), on a complete row
    /// with the participant's own minutes present (under `measure: minutes`, a session
    /// already held counts the minutes really attended, not its whole length).
    fn attendance_met(
        &self,
        p: usize,
        codes: &[u8],
        minutes: Option<&[u32]>,
        scratch: &mut Vec<DropCandidate>,
    ) -> (bool, Option<Ratio>) {
        let fig = self.row(p, codes, minutes, None, None, scratch);
        let ratio = Ratio::new(fig.attended, fig.total);
        let ok = ratio.is_some_and(|r| r.at_least_percent(self.policy.minimum_percent))
            && self.missed_required(p, codes, None).next().is_none()
            && self.delivery_checks(&fig).all(|(_, _, _, met)| met);
        (ok, ratio)
    }

    /// Projection for a participant with pending sessions: the same rules applied to
    /// hypothetical rows in which pending sessions are attended (hadir) or missed (alpha).
    pub(crate) fn project(
        &self,
        p: usize,
        codes: &[u8],
        minutes: Option<&[u32]>,
        open: &[bool],
        scratch: &mut Vec<DropCandidate>,
    ) -> Projection {
        let first = self.first_applicable.get(p).copied().unwrap_or(0);
        let last = self.applicable_end(p, codes.len()).max(first);
        let mut pending: Vec<usize> = (first..last).filter(|&s| codes[s] == NONE && open[s]).collect();
        // Attend required sessions first, then the largest, then the earliest: the fewest
        // sessions that reach the minimum.
        crate::model::sorting::sort_by(&mut pending, |&a, &b| {
            self.required[b]
                .cmp(&self.required[a])
                .then_with(|| self.units[b].cmp(&self.units[a]))
                .then_with(|| a.cmp(&b))
        });
        // With a minimum per delivery kind, which kind the attended sessions are of
        // matters: the pending sessions form two queues (classroom, e-learning), each in
        // the order above, and a candidate attends the first `a` of one and `b` of the
        // other. Otherwise one queue holds them all.
        let split = !self.policy.delivery_minimums.is_unset();
        let (queue_a, queue_b): (Vec<usize>, Vec<usize>) = if split {
            pending.iter().partition(|&&s| !self.is_e_learning(s))
        } else {
            (pending.clone(), Vec::new())
        };
        let mut row = codes.to_vec();
        let with = |a: usize, b: usize, row: &mut Vec<u8>, scratch: &mut Vec<DropCandidate>| {
            for (i, &s) in queue_a.iter().enumerate() {
                row[s] = if i < a { HADIR } else { ALPHA };
            }
            for (i, &s) in queue_b.iter().enumerate() {
                row[s] = if i < b { HADIR } else { ALPHA };
            }
            // A pending session has no minutes of its own: attended, it counts whole.
            self.attendance_met(p, row, minutes, scratch)
        };
        let n = pending.len();
        let (na, nb) = (queue_a.len(), queue_b.len());
        let (all_ok, all_ratio) = with(na, nb, &mut row, scratch);
        let (none_ok, none_ratio) = with(0, 0, &mut row, scratch);
        // The fewest sessions of the second queue that meet the requirements with the
        // first `a` of the first queue attended (attending more never hurts).
        let fewest_b = |a: usize, row: &mut Vec<u8>, scratch: &mut Vec<DropCandidate>| -> Option<usize> {
            if !with(a, nb, row, scratch).0 {
                return None;
            }
            let (mut lo, mut hi) = (0usize, nb);
            if with(a, 0, row, scratch).0 {
                return Some(0);
            }
            while lo + 1 < hi {
                let mid = (lo + hi) / 2;
                if with(a, mid, row, scratch).0 {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            Some(hi)
        };
        let pct =
            |r: Option<Ratio>| r.map(|r| Fixed::from_raw(i64::try_from(r.percent_hundredths()).unwrap_or(0) * 100));
        let (state, needed) = if none_ok {
            (ProjectionState::Secured, Some(0))
        } else if !all_ok {
            (ProjectionState::Unreachable, None)
        } else if nb == 0 {
            // Smallest k that meets the requirements; attending more never hurts.
            let (mut lo, mut hi) = (0usize, n);
            while lo + 1 < hi {
                let mid = (lo + hi) / 2;
                if with(mid, 0, &mut row, scratch).0 {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            (ProjectionState::Reachable, Some(hi))
        } else {
            // Two queues: the fewest in all over every count taken from the first.
            let best = (0..=na)
                .filter_map(|a| fewest_b(a, &mut row, scratch).map(|b| a + b))
                .min()
                .unwrap_or(n);
            (ProjectionState::Reachable, Some(best))
        };
        let as_u32 = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        // The deadline: the most remaining sessions, earliest first, that may be missed
        // with all later ones attended (missing more never helps: the largest such count).
        let last_missable = if state == ProjectionState::Reachable {
            let mut chrono = pending.clone();
            crate::model::sorting::sort(&mut chrono);
            let skip_first = |k: usize, row: &mut Vec<u8>, scratch: &mut Vec<DropCandidate>| {
                for (i, &s) in chrono.iter().enumerate() {
                    row[s] = if i < k { ALPHA } else { HADIR };
                }
                self.attendance_met(p, row, minutes, scratch).0
            };
            let (mut ok, mut bad) = (0usize, n + 1);
            while ok + 1 < bad {
                let mid = (ok + bad) / 2;
                if skip_first(mid, &mut row, scratch) {
                    ok = mid;
                } else {
                    bad = mid;
                }
            }
            ok.checked_sub(1).map(|i| {
                let session = &self.schedule.sessions[chrono[i]];
                MissableSession {
                    session: session.id.clone(),
                    start: session.start,
                }
            })
        } else {
            None
        };
        let at_risk = state == ProjectionState::Reachable
            && needed.is_some_and(|k| n - k <= self.policy.at_risk_absences as usize);
        Projection {
            at_risk,
            last_missable,
            message: projection_message(state, needed.map(as_u32), as_u32(n), at_risk),
            state,
            remaining_sessions: as_u32(n),
            remaining_units: Fixed::from_raw(
                i64::try_from(pending.iter().map(|&s| self.units[s]).sum::<u64>()).unwrap_or(i64::MAX / SCALE) * SCALE,
            ),
            needed_sessions: needed.map(as_u32),
            allowed_absences: needed.map(|k| as_u32(n - k)),
            percent_if_all_attended: pct(all_ratio),
            percent_if_none_attended: pct(none_ratio),
        }
    }
}
