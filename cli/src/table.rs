//! The decision table as people read it (text), and as spreadsheets read it (CSV).

use tamat::{Evaluation, Lang, Outcome};

fn num(x: tamat::Fixed, lang: Lang) -> String {
    x.to_text(lang.decimal_separator())
}

/// The header line of the course.
pub fn heading(course: &tamat::Course, evaluation: &Evaluation, sessions: usize, lang: Lang) -> String {
    let organiser = if course.organiser.name.is_empty() {
        String::new()
    } else {
        format!(" ({})", course.organiser.name)
    };
    let (sessions_word, minimum) = match lang {
        Lang::Id => ("sesi", "syarat minimal"),
        Lang::En => ("sessions", "minimum"),
    };
    format!(
        "{}{organiser}\n{}: {} JP, {sessions} {sessions_word}, {minimum} {}%",
        course.title,
        evaluation.completed_on.map(|d| d.to_string()).unwrap_or_default(),
        evaluation.total_jp,
        num(evaluation.policy.minimum_percent, lang),
    )
}

/// The decision table, one line per participant, and the summary.
pub fn text(evaluation: &Evaluation, lang: Lang) -> String {
    let header = match lang {
        Lang::Id => ["No", "Nama", "NIP", "Hadir", "%", "Status", "Keterangan"],
        Lang::En => ["No", "Name", "NIP", "Present", "%", "Outcome", "Reason"],
    };
    let [no, name, nip, present, pct, status, reason] = header;
    let width = evaluation
        .decisions
        .iter()
        .map(|d| d.name.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(4, 40);
    let mut out = format!("{no:<4} {name:<width$} {nip:<22} {present:>7} {pct:>6}  {status:<16} {reason}\n");
    for (i, d) in evaluation.decisions.iter().enumerate() {
        let pct = d.attendance.percent.map(|p| num(p, lang)).unwrap_or_else(|| "-".into());
        let mut reason = d.explanation(lang);
        if let Some(p) = &d.projection {
            reason.push_str(&format!(" ({})", p.message.get(lang)));
        }
        let present = format!("{}/{}", num(d.attendance.attended, lang), num(d.attendance.total, lang));
        out.push_str(&format!(
            "{:<4} {:<width$} {:<22} {:>7} {:>6}  {:<16} {}\n",
            i + 1,
            d.name,
            d.nip.as_ref().map(|n| n.formatted()).unwrap_or_default(),
            present,
            pct,
            d.label(lang),
            reason
        ));
    }
    let s = evaluation.summary;
    let participants = match lang {
        Lang::Id => "peserta",
        Lang::En => "participants",
    };
    out.push_str(&format!(
        "\n{} {participants}: {} {}, {} {}, {} {}",
        s.participants,
        s.lulus,
        Outcome::Lulus.label(lang),
        s.telah_mengikuti,
        Outcome::TelahMengikuti.label(lang),
        s.no_document,
        Outcome::NoDocument.label(lang)
    ));
    if s.pending > 0 {
        out.push_str(&format!(", {} {}", s.pending, Outcome::Pending.label(lang)));
    }
    let at_risk: Vec<&str> = evaluation
        .decisions
        .iter()
        .filter(|d| d.projection.as_ref().is_some_and(|p| p.at_risk))
        .map(|d| d.participant.as_str())
        .collect();
    if !at_risk.is_empty() {
        let label = tamat::rules::at_risk_label(lang);
        out.push_str(&format!("\n{} {label}: {}", at_risk.len(), at_risk.join(", ")));
    }
    out.push('\n');
    for w in &evaluation.warnings {
        out.push_str(&format!("warning [{}] {}\n", w.code(), w.message(lang)));
    }
    out
}

/// The CSV header of the decision rows.
pub const CSV_HEADER: [&str; 12] = [
    "no",
    "participant",
    "name",
    "nip",
    "attended",
    "total",
    "percent",
    "outcome",
    "label",
    "qualification",
    "reasons",
    "reason",
];

/// One decision as a CSV row (`no` counts from 1).
pub fn csv_row(no: usize, d: &tamat::Decision, lang: Lang) -> [String; 12] {
    [
        no.to_string(),
        d.participant.clone(),
        d.name.clone(),
        d.nip.as_ref().map(|n| n.as_str().to_string()).unwrap_or_default(),
        d.attendance.attended.to_string(),
        d.attendance.total.to_string(),
        d.attendance.percent.map(|p| p.to_string()).unwrap_or_default(),
        d.outcome.code().to_string(),
        d.label(lang).to_string(),
        d.qualification.clone().unwrap_or_default(),
        d.reason_codes().join(";"),
        d.explanation(lang),
    ]
}
