//! The East Kalimantan course: evaluate 30 participants and print the decision table.
//!
//! `cargo run -p tamat --example kaltim [-- --lang en]`

use tamat::{demo, evaluate, Lang};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let lang = match std::env::args().skip_while(|a| a != "--lang").nth(1).as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Id,
    };
    let request = demo::kaltim_request()?;
    let evaluation = evaluate(&request)?;
    println!("{} ({})", request.course.title, request.course.organiser.name);
    println!(
        "{}: {} JP, {} sessions, minimum {}%\n",
        evaluation.completed_on.map(|d| d.to_string()).unwrap_or_default(),
        evaluation.total_jp,
        request.course.sessions.len(),
        evaluation.policy.minimum_percent.to_text(lang.decimal_separator()),
    );
    let header = match lang {
        Lang::Id => ["No", "Nama", "NIP", "Hadir", "%", "Status", "Keterangan"],
        Lang::En => ["No", "Name", "NIP", "Present", "%", "Outcome", "Reason"],
    };
    let [no, name, nip, present, pct, status, reason] = header;
    println!("{no:<4} {name:<26} {nip:<22} {present:>7} {pct:>8}  {status:<16} {reason}");
    for (i, d) in evaluation.decisions.iter().enumerate() {
        let pct = d
            .attendance
            .percent
            .map(|p| p.to_text(lang.decimal_separator()))
            .unwrap_or_else(|| "-".into());
        let reason = d.reasons.first().map(|r| r.message(lang)).unwrap_or_default();
        println!(
            "{:<4} {:<26} {:<22} {:>3}/{:<3} {:>8}  {:<16} {}",
            i + 1,
            d.name,
            d.nip.as_ref().map(|n| n.formatted()).unwrap_or_default(),
            d.attendance.attended.to_text(lang.decimal_separator()),
            d.attendance.total,
            pct,
            d.label(lang),
            reason
        );
    }
    let s = evaluation.summary;
    println!(
        "\n{} participants: {} {}, {} {}, {} {}",
        s.participants,
        s.lulus,
        tamat::Outcome::Lulus.label(lang),
        s.telah_mengikuti,
        tamat::Outcome::TelahMengikuti.label(lang),
        s.no_document,
        tamat::Outcome::NoDocument.label(lang)
    );
    for w in &evaluation.warnings {
        println!("warning [{}] {}", w.code(), w.message(lang));
    }
    Ok(())
}
