//! Workbooks saved by a spreadsheet program (LibreOffice Calc, `tests/data/workbooks/`):
//! the same marks, decisions and errors as the CSV sheets they were saved from.
#![cfg(feature = "workbooks")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tamat::sheets::{read_attendance, read_csv, read_scores};
use tamat::{demo, evaluate, Course, EvaluateRequest, Mark};

fn course() -> Course {
    demo::kaltim_request().unwrap().course
}

fn data(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../tests/data/workbooks/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn decisions(course: &Course, marks: Vec<Mark>) -> serde_json::Value {
    let mut request = EvaluateRequest::new(course.clone(), marks);
    request.trace = false;
    serde_json::to_value(evaluate(&request).unwrap().decisions).unwrap()
}

#[test]
fn a_saved_workbook_reads_as_the_csv_it_came_from() {
    let course = course();
    let csv = read_csv(include_bytes!("../data/kaltim/attendance-wide.csv"), &course).unwrap();
    for file in ["attendance-wide.xlsx", "attendance-wide.ods"] {
        let book = read_attendance(&data(file), &course, None).unwrap();
        assert_eq!(Some(book.format), file.rsplit('.').next(), "{file}");
        assert_eq!(
            book.worksheet.as_deref(),
            Some("wide"),
            "{file}: the sheet is named after the CSV"
        );
        assert_eq!((book.delimiter, book.encoding), (None, None));
        assert_eq!(book.layout, "wide");
        assert_eq!(book.attendance, csv.attendance, "{file}");
        // Lines are the sheet's rows, as in the CSV (one header row).
        assert_eq!(book.sources, csv.sources, "{file}");
        assert_eq!(
            decisions(&course, book.attendance),
            decisions(&course, csv.attendance.clone())
        );
    }
    let long = read_attendance(&data("attendance-long.xlsx"), &course, None).unwrap();
    assert_eq!(long.attendance, demo::kaltim_request().unwrap().attendance);
    // Naming the worksheet: the right one reads, another is refused with the names.
    assert!(read_attendance(&data("attendance-wide.xlsx"), &course, Some("wide")).is_ok());
    let e = read_attendance(&data("attendance-wide.xlsx"), &course, Some("Sheet1")).unwrap_err();
    assert_eq!(e.0[0].details()["problem"], "unknown_worksheet");
    assert_eq!(e.0[0].details()["value"], "Sheet1 (wide)");
    // A CSV file has no worksheet to name.
    let e = read_attendance(
        include_bytes!("../data/kaltim/attendance-wide.csv"),
        &course,
        Some("wide"),
    )
    .unwrap_err();
    assert_eq!(e.0[0].details()["problem"], "not_a_workbook");
}

#[test]
fn nips_that_became_numbers_are_refused_row_by_row() {
    // Opened by double-click, the NIP column became numbers with 15 significant digits:
    // 197201011994011038 is stored as 1.97201011994011E+17 and cannot be matched.
    let e = read_attendance(&data("attendance-wide-nip-as-number.xlsx"), &course(), None).unwrap_err();
    assert_eq!(e.0.len(), 30, "one error per participant row");
    for (i, err) in e.0.iter().enumerate() {
        let d = err.details();
        assert_eq!(err.code(), "attendance.invalid_sheet");
        assert_eq!(
            (d["problem"].as_str(), d["column"].as_str()),
            (Some("nip_as_number"), Some("NIP"))
        );
        assert_eq!(d["line"], i as u64 + 2, "row {}", i + 2);
        assert_eq!(d["worksheet"], "damaged", "the error names its worksheet");
    }
    assert_eq!(e.0[0].details()["value"], "1.97201011994011E17");
}

#[test]
fn date_cells_are_local_times_in_the_course_zone() {
    let course = course();
    for file in ["check-in-times.xlsx", "check-in-times.ods"] {
        let book = read_attendance(&data(file), &course, None).unwrap();
        let text = read_csv(&data("check-in-times.csv"), &course).unwrap();
        // 17/07/2025 08:05 WITA is 00:05Z, in the date cell as in the CSV's text.
        assert_eq!(
            book.attendance[0].check_in.as_deref(),
            Some("2025-07-17T00:05:00Z"),
            "{file}"
        );
        assert_eq!(book.attendance[0].check_out.as_deref(), Some("2025-07-17T00:50:00Z"));
        assert_eq!(book.attendance.len(), 3);
        for (b, t) in book.attendance.iter().zip(&text.attendance) {
            assert_eq!(
                (&b.participant, &b.session, &b.note),
                (&t.participant, &t.session, &t.note),
                "{file}"
            );
        }
        // The note that spans two lines is kept whole, and p03's row is still row 4.
        assert_eq!(book.attendance[1].note.as_deref(), Some("terlambat\nkarena hujan"));
        assert_eq!(book.sources[2].line, 4, "{file}");
    }
}

#[test]
fn not_a_workbook_is_a_coded_error() {
    // A zip archive that is no workbook.
    let mut zip = b"PK\x03\x04".to_vec();
    zip.extend_from_slice(&[0; 60]);
    let e = read_attendance(&zip, &course(), None).unwrap_err();
    assert_eq!(e.0[0].details()["problem"], "invalid_workbook");
    let e = read_scores(&zip, &course(), None).unwrap_err();
    assert_eq!(e.0[0].code(), "assessment.invalid_sheet");
}

#[test]
fn scores_from_a_workbook_and_an_error_cell() {
    let course = course();
    let e = read_scores(&data("scores-components.xlsx"), &course, None).unwrap_err();
    // The #N/A cell of p03 (row 4, column sikap) is refused, not read as a score or text.
    assert_eq!(e.0.len(), 1);
    assert_eq!(e.0[0].code(), "assessment.invalid_sheet");
    let d = e.0[0].details();
    assert_eq!(
        (
            d["line"].as_u64(),
            d["column"].as_str(),
            d["problem"].as_str(),
            d["value"].as_str()
        ),
        (Some(4), Some("sikap"), Some("cell_error"), Some("#N/A"))
    );
    // Without that row, the numbers are the CSV's: 85.55, 77.77, 91.11 for p02.
    let csv = std::fs::read_to_string(format!(
        "{}/../tests/data/workbooks/scores-components.csv",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let text: String = csv
        .lines()
        .filter(|l| !l.contains("NA()"))
        .map(|l| format!("{l}\n"))
        .collect();
    let from_text = read_scores(text.as_bytes(), &course, None).unwrap();
    assert_eq!(
        from_text.scores[1].components["proyek"],
        tamat::Fixed::parse("91.11").unwrap()
    );
    assert_eq!(from_text.layout, "components");
}
