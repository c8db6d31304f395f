//! The cohort at a glance, as one SVG picture: a participants × sessions grid coloured by
//! status, with who is at risk marked while a course runs, and a histogram of attendance
//! percentages with the minimum marked. The same picture from every front end (the
//! `chart` operation, `tamat evaluate --chart`, the page).

use std::fmt::Write as _;

use crate::model::fixed::Fixed;
use crate::model::marks;
use crate::model::text::xml_escape;
use crate::rules::decision::Evaluation;
use crate::rules::evaluator::grid::StatusGrid;
use crate::rules::evaluator::Evaluator;

/// What `chart` answers.
#[derive(Clone, Debug, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct ChartAnswer {
    /// The picture (SVG 1.1, standalone).
    pub svg: String,
    /// Participants per histogram bin: `[0, 10)`, `[10, 20)`, ..., `[90, 100]` percent
    /// (participants with no applicable session are in no bin).
    pub histogram: Vec<u32>,
    /// The participants marked at risk (projection `at_risk`), in course order.
    pub at_risk: Vec<String>,
}

const CELL: usize = 14;
const LABEL: usize = 190;
const TOP: usize = 64;
const BAR_H: usize = 120;

/// The class (and legend) of each status byte, with its colour.
const STATUSES: [(u8, &str, &str, &str); 8] = [
    (marks::HADIR, "hadir", "hadir / present", "#2e7d32"),
    (marks::TERLAMBAT, "terlambat", "terlambat / late", "#9ccc65"),
    (marks::IZIN, "izin", "izin / excused", "#1e88e5"),
    (marks::SAKIT, "sakit", "sakit / sick", "#8e24aa"),
    (marks::ALPHA, "alpha", "alpha / absent", "#e53935"),
    (marks::REJECTED, "rejected", "ditolak / rejected", "#6d1b1b"),
    (
        marks::SHORT_PRESENCE,
        "short",
        "kurang hadir / short presence",
        "#fb8c00",
    ),
    (marks::NONE, "none", "tanpa tanda / unmarked", "#e0e0e0"),
];

fn class_of(code: u8) -> &'static str {
    match STATUSES.iter().find(|s| s.0 == code) {
        Some(s) => s.1,
        None => "custom",
    }
}

/// The histogram bin of a percentage (100 goes in the last).
fn bin(percent: Fixed) -> usize {
    (percent.to_f64() / 10.0).floor().clamp(0.0, 9.0) as usize
}

/// The picture of an evaluation and the sheet it was made from.
pub fn cohort(ev: &Evaluator, sheet: &StatusGrid, evaluation: &Evaluation) -> ChartAnswer {
    let sessions = &ev.schedule().sessions;
    let rows = evaluation.decisions.len();
    let grid_w = LABEL + CELL * sessions.len().max(1);
    let width = grid_w.max(LABEL + 10 * 32).max(4 * 165) + 20;
    let hist_top = TOP + CELL * rows + 48;
    let height = hist_top + BAR_H + 56;
    let mut svg = String::with_capacity(200 * rows * sessions.len().max(1) / 4 + 4096);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11"><style>"#
    );
    for (_, class, _, colour) in STATUSES {
        let _ = write!(svg, ".s-{class}{{fill:{colour}}}");
    }
    svg.push_str(".s-custom{fill:#90a4ae}.s-pending{fill:#fff;stroke:#bdbdbd}.at-risk{fill:#c62828;font-weight:bold}.bar{fill:#5c6bc0}.minimum{stroke:#c62828;stroke-width:2}</style>");
    let _ = write!(
        svg,
        r#"<text x="10" y="20" font-size="14">{} — {} peserta × {} sesi</text>"#,
        xml_escape(&evaluation.course),
        rows,
        sessions.len()
    );
    for (j, (_, class, legend, _)) in STATUSES.iter().enumerate() {
        let x = 10 + (j % 4) * 160;
        let y = 30 + (j / 4) * 14;
        let _ = write!(
            svg,
            r#"<rect class="s-{class}" x="{x}" y="{y}" width="10" height="10"/><text x="{}" y="{}">{legend}</text>"#,
            x + 14,
            y + 9
        );
    }
    for (j, s) in sessions.iter().enumerate() {
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" font-size="8" text-anchor="middle"><title>{}</title>{}</text>"#,
            LABEL + j * CELL + CELL / 2,
            TOP - 4,
            xml_escape(&s.id),
            j + 1
        );
    }
    let mut at_risk = Vec::new();
    let as_of = evaluation.as_of;
    for (p, d) in evaluation.decisions.iter().enumerate() {
        let y = TOP + p * CELL;
        let risk = d.projection.as_ref().is_some_and(|x| x.at_risk);
        if risk {
            at_risk.push(d.participant.clone());
        }
        let name: String = d.name.chars().take(28).collect();
        let _ = write!(
            svg,
            r#"<text x="10" y="{}"{}>{}{}</text>"#,
            y + CELL - 3,
            if risk { r#" class="at-risk""# } else { "" },
            if risk { "⚠ " } else { "" },
            xml_escape(&name)
        );
        let position = ev.participants().iter().position(|x| x.id == d.participant);
        let codes = position.map(|i| sheet.row(i).0).unwrap_or(&[]);
        for (j, s) in sessions.iter().enumerate() {
            let code = codes.get(j).copied().unwrap_or(marks::NONE);
            let pending = code == marks::NONE && as_of.is_some_and(|t| s.end > t);
            let class = if pending { "pending" } else { class_of(code) };
            let _ = write!(
                svg,
                r#"<rect class="s-{class}" x="{}" y="{y}" width="{}" height="{}"><title>{} · {}: {class}</title></rect>"#,
                LABEL + j * CELL,
                CELL - 1,
                CELL - 1,
                xml_escape(&d.name),
                xml_escape(&s.id)
            );
        }
    }
    let mut histogram = vec![0u32; 10];
    for d in &evaluation.decisions {
        if let Some(p) = d.attendance.percent {
            histogram[bin(p)] += 1;
        }
    }
    let most = histogram.iter().copied().max().unwrap_or(0).max(1) as usize;
    let _ = write!(
        svg,
        r#"<text x="10" y="{}" font-size="13">Kehadiran / attendance (%)</text>"#,
        hist_top - 10
    );
    for (b, &n) in histogram.iter().enumerate() {
        let h = BAR_H * n as usize / most;
        let x = LABEL + b * 32;
        let _ = write!(
            svg,
            r#"<rect class="bar" x="{x}" y="{}" width="30" height="{h}"><title>{}–{}%: {n}</title></rect><text x="{}" y="{}" text-anchor="middle">{n}</text><text x="{x}" y="{}" font-size="9">{}</text>"#,
            hist_top + BAR_H - h,
            b * 10,
            b * 10 + 10,
            x + 15,
            hist_top + BAR_H - h - 2,
            hist_top + BAR_H + 12,
            b * 10
        );
    }
    let minimum = evaluation.policy.minimum_percent.to_f64().clamp(0.0, 100.0);
    let mx = LABEL as f64 + minimum / 10.0 * 32.0;
    let _ = write!(
        svg,
        r#"<line class="minimum" x1="{mx:.1}" y1="{}" x2="{mx:.1}" y2="{}"/><text x="{mx:.1}" y="{}" text-anchor="middle" class="at-risk">minimum {}%</text></svg>"#,
        hist_top - 4,
        hist_top + BAR_H,
        hist_top + BAR_H + 26,
        evaluation.policy.minimum_percent
    );
    ChartAnswer {
        svg,
        histogram,
        at_risk,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    fn demo() -> (Evaluator, StatusGrid, Evaluation) {
        let request = crate::contract::demo::kaltim_request().unwrap();
        let ev = Evaluator::new(&request.course, None).unwrap();
        let inputs = ev
            .read(request.attendance.iter().map(crate::Mark::view), &[], None, false)
            .unwrap();
        let evaluation = ev.evaluate(&inputs.grid, &inputs.scores, &inputs.options).unwrap();
        (ev, inputs.grid, evaluation)
    }

    #[test]
    fn one_cell_per_participant_and_session_and_a_bin_per_decision() {
        let (ev, sheet, evaluation) = demo();
        let chart = cohort(&ev, &sheet, &evaluation);
        let cells = chart.svg.matches("<rect class=\"s-").count() - STATUSES.len();
        assert_eq!(cells, 30 * 10);
        // The demo: 27 at 90 % or more, p11 and p23 at 80 %, p15 at 60 %.
        assert_eq!(chart.histogram, [0, 0, 0, 0, 0, 0, 1, 0, 2, 27]);
        assert!(chart.at_risk.is_empty());
        // Every cell's class is the status the sheet holds.
        let hadir = (0..30)
            .flat_map(|p| sheet.row(p).0.to_vec())
            .filter(|c| *c == marks::HADIR)
            .count();
        assert_eq!(chart.svg.matches("<rect class=\"s-hadir\" x=").count() - 1, hadir);
        assert!(chart.svg.contains("minimum 90%"));
        // The minimum line sits at 90 % of the histogram's width.
        assert!(chart.svg.contains(&format!("x1=\"{:.1}\"", LABEL as f64 + 9.0 * 32.0)));
    }

    #[test]
    fn a_running_course_marks_pending_sessions_and_who_is_at_risk() {
        let request = crate::contract::demo::kaltim_request().unwrap();
        let ev = Evaluator::new(&request.course, None).unwrap();
        let first = &ev.schedule().sessions[0];
        // Half-way through the first session: one participant marked absent.
        let as_of = crate::model::schedule::format_date_time(first.start + chrono::Duration::minutes(10));
        let p = &ev.participants()[0].id;
        let marks = [crate::Mark::status(p, &first.id, "alpha")];
        let inputs = ev
            .read(marks.iter().map(crate::Mark::view), &[], Some(&as_of), false)
            .unwrap();
        let evaluation = ev.evaluate(&inputs.grid, &inputs.scores, &inputs.options).unwrap();
        let chart = cohort(&ev, &inputs.grid, &evaluation);
        assert_eq!(chart.svg.matches("class=\"s-pending\" x=").count(), 30 * 10 - 1);
        assert_eq!(chart.svg.matches("class=\"s-alpha\" x=").count(), 2); // the legend and the cell
        let expected: Vec<String> = evaluation
            .decisions
            .iter()
            .filter(|d| d.projection.as_ref().is_some_and(|x| x.at_risk))
            .map(|d| d.participant.clone())
            .collect();
        assert!(
            expected.contains(p),
            "missing one of ten sessions puts a 90 % course at risk"
        );
        assert_eq!(chart.at_risk, expected);
        assert_eq!(chart.svg.matches("class=\"at-risk\">⚠").count(), expected.len());
    }

    #[test]
    fn names_are_escaped() {
        let (ev, sheet, mut evaluation) = demo();
        evaluation.decisions[0].name = "A <b> & \"c\"".into();
        let svg = cohort(&ev, &sheet, &evaluation).svg;
        assert!(svg.contains("A &lt;b&gt; &amp;") && !svg.contains("<b>"));
    }
}
