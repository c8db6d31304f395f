//! Online-meeting reports: presence from any set of connections equals a minute-by-minute
//! count of the time covered, per session.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tamat::sheets::{read_meeting_report, ReportSettings};

fn course() -> tamat::Course {
    serde_json::from_str(include_str!("../../tests/data/meetings/course.json")).unwrap()
}

/// `HH:MM` on the course's day, WITA, from minutes after 07:00.
fn at(m: u32) -> String {
    let t = 7 * 60 + m;
    format!("21/07/2025 {:02}:{:02}", t / 60, t % 60)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Connections at whole minutes between 07:00 and 12:00, overlapping or not, in any
    /// order: each session's presence is the number of its minutes some connection
    /// covers, and the check-in is the first such minute.
    #[test]
    fn presence_is_the_covered_minutes(spans in proptest::collection::vec((0u32..300, 0u32..120), 1..8)) {
        let mut text = String::from("email,join,leave\n");
        for (start, len) in &spans {
            text.push_str(&format!("budi@example.com,{},{}\n", at(*start), at(start + len)));
        }
        let settings = ReportSettings { date_order: tamat::sheets::DateOrder::Dmy, ..Default::default() };
        let report = read_meeting_report(text.as_bytes(), &course(), &settings).unwrap();
        // s1 08:00-09:30 and s2 10:00-11:30: minutes 60..150 and 180..270 after 07:00.
        for (session, (from, to)) in [("s1", (60u32, 150u32)), ("s2", (180, 270))] {
            let covered: Vec<u32> = (from..to).filter(|&m| spans.iter().any(|&(s, l)| s <= m && m < s + l)).collect();
            let mark = report.attendance.iter().find(|m| m.session == session);
            match (covered.first(), mark) {
                (None, None) => {}
                (Some(&first), Some(mark)) => {
                    let ci = tamat::model::parse_instant(mark.check_in.as_deref().unwrap()).unwrap();
                    let co = tamat::model::parse_instant(mark.check_out.as_deref().unwrap()).unwrap();
                    prop_assert_eq!((co - ci).num_minutes(), covered.len() as i64, "{}", session);
                    // 07:00 WITA is 23:00Z the day before.
                    let minute_of_day = (ci.timestamp() - 1_753_052_400) / 60;
                    prop_assert_eq!(minute_of_day, i64::from(first), "{}", session);
                }
                (c, m) => prop_assert!(false, "{session}: covered {c:?}, mark {m:?}"),
            }
        }
    }
}
