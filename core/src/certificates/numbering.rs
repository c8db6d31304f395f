//! Certificate numbers from a template such as `{N}/BPSDM-{unit}/{mr}/{y}`.
//!
//! Placeholders: `{N}` the running number, zero-padded to `width` digits (a number with
//! more digits is written in full, never cut); `{y}` the year of issue; `{m}` its month,
//! two digits; `{mr}` the month in Roman numerals as Indonesian official letters write it
//! (`VII` for July); `{unit}` the issuing unit. `{{` and `}}` write a brace. Everything
//! else is literal text. Counters run per year per issuing unit (see
//! [`crate::certificates::register`]); surat keterangan may have a series of their own
//! ([`NumberingSettings::surat_keterangan`]).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Lang, TamatError};
use crate::rules::decision::Outcome;

/// How certificate numbers are written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NumberingSettings {
    /// The template. Default `{N}/{unit}/{mr}/{y}`.
    #[serde(default = "default_template")]
    pub template: String,
    /// Digits of `{N}` (zero-padded). Default 5; 1 to 12.
    #[serde(default = "default_width")]
    pub width: u8,
    /// The first number of a counter that has not issued yet (a new year, a new unit).
    /// Default 1. Once a counter has issued, it goes on from its last number.
    #[serde(default = "default_start")]
    pub start: u64,
    /// Surat keterangan (TELAH MENGIKUTI) numbered apart: their own template and their own
    /// counter per year per unit. Absent: every document takes the next number of the
    /// one counter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surat_keterangan: Option<SeriesNumbering>,
}

/// A numbering series of its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeriesNumbering {
    /// The template (same placeholders); it must differ from the main one.
    pub template: String,
    /// Digits of `{N}`; default: the main `width`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u8>,
    /// The first number of a counter of this series; default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<u64>,
}

/// How one document is numbered: its template, its first number, and the series whose
/// counter it takes (`None`: the main counter).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeriesPlan {
    /// The compiled template.
    pub template: NumberTemplate,
    /// The first number of a new counter.
    pub start: u64,
    /// The counter series.
    pub series: Option<DocumentKind>,
}

fn default_template() -> String {
    "{N}/{unit}/{mr}/{y}".to_string()
}
fn default_width() -> u8 {
    5
}
fn default_start() -> u64 {
    1
}

impl Default for NumberingSettings {
    fn default() -> Self {
        NumberingSettings {
            template: default_template(),
            width: default_width(),
            start: default_start(),
            surat_keterangan: None,
        }
    }
}

impl NumberingSettings {
    /// Checks the settings and parses the template.
    pub fn compile(&self) -> Result<NumberTemplate, TamatError> {
        let bad = |reason| TamatError::InvalidNumberTemplate {
            template: self.template.clone(),
            problem: reason,
        };
        if !(1..=12).contains(&self.width) {
            return Err(bad("invalid_width"));
        }
        if self.start == 0 {
            return Err(bad("invalid_start"));
        }
        let mut template = NumberTemplate::parse(&self.template)?;
        template.width = self.width as usize;
        if let Some(series) = &self.surat_keterangan {
            self.compile_series(series)?;
        }
        Ok(template)
    }

    fn compile_series(&self, series: &SeriesNumbering) -> Result<NumberTemplate, TamatError> {
        let bad = |reason| TamatError::InvalidNumberTemplate {
            template: series.template.clone(),
            problem: reason,
        };
        let width = series.width.unwrap_or(self.width);
        if !(1..=12).contains(&width) {
            return Err(bad("invalid_width"));
        }
        if series.start == Some(0) {
            return Err(bad("invalid_start"));
        }
        if series.template == self.template {
            return Err(bad("same_as_main"));
        }
        let mut template = NumberTemplate::parse(&series.template)?;
        template.width = width as usize;
        Ok(template)
    }

    /// How a document of `kind` is numbered.
    pub fn plan(&self, kind: DocumentKind) -> Result<SeriesPlan, TamatError> {
        match (&self.surat_keterangan, kind) {
            (Some(series), DocumentKind::SuratKeterangan) => Ok(SeriesPlan {
                template: self.compile_series(series)?,
                start: series.start.unwrap_or(default_start()),
                series: Some(DocumentKind::SuratKeterangan),
            }),
            _ => Ok(SeriesPlan {
                template: self.compile()?,
                start: self.start,
                series: None,
            }),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Text(String),
    Counter,
    Year,
    Month,
    MonthRoman,
    Unit,
}

/// A parsed numbering template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberTemplate {
    parts: Vec<Part>,
    width: usize,
}

impl NumberTemplate {
    /// Parses a template (width 5).
    pub fn parse(template: &str) -> Result<NumberTemplate, TamatError> {
        let bad = |reason| TamatError::InvalidNumberTemplate {
            template: template.to_string(),
            problem: reason,
        };
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut chars = template.chars().peekable();
        let mut counters = 0;
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    text.push('}');
                }
                '}' => return Err(bad("stray_brace")),
                '{' => {
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(ch) => name.push(ch),
                            None => return Err(bad("unclosed_brace")),
                        }
                    }
                    let part = match name.as_str() {
                        "N" => {
                            counters += 1;
                            Part::Counter
                        }
                        "y" => Part::Year,
                        "m" => Part::Month,
                        "mr" => Part::MonthRoman,
                        "unit" => Part::Unit,
                        _ => return Err(bad("unknown_placeholder")),
                    };
                    if !text.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut text)));
                    }
                    parts.push(part);
                }
                other => text.push(other),
            }
        }
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        match counters {
            0 => Err(bad("missing_counter")),
            1 => Ok(NumberTemplate { parts, width: 5 }),
            _ => Err(bad("repeated_counter")),
        }
    }

    /// Writes number `n` issued on `date` by `unit`.
    pub fn render(&self, n: u64, date: NaiveDate, unit: &str) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Counter => out.push_str(&format!("{n:0width$}", width = self.width)),
                Part::Year => out.push_str(&date.year().to_string()),
                Part::Month => out.push_str(&format!("{:02}", date.month())),
                Part::MonthRoman => out.push_str(roman_month(date.month())),
                Part::Unit => out.push_str(unit),
            }
        }
        out
    }
}

/// The month 1-12 in Roman numerals (`I` to `XII`); empty outside 1-12.
pub fn roman_month(month: u32) -> &'static str {
    const ROMAN: [&str; 12] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];
    month
        .checked_sub(1)
        .and_then(|i| ROMAN.get(i as usize))
        .copied()
        .unwrap_or("")
}

/// Which document a certificate is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// STTPP, for LULUS.
    Sttpp,
    /// Surat keterangan telah mengikuti pelatihan, for TELAH MENGIKUTI.
    SuratKeterangan,
}

impl DocumentKind {
    /// `sttpp` or `surat_keterangan`, as serialized.
    pub fn code(self) -> &'static str {
        match self {
            DocumentKind::Sttpp => "sttpp",
            DocumentKind::SuratKeterangan => "surat_keterangan",
        }
    }

    /// The document a decision's outcome gets, if any.
    pub fn for_outcome(outcome: Outcome) -> Option<DocumentKind> {
        match outcome {
            Outcome::Lulus => Some(DocumentKind::Sttpp),
            Outcome::TelahMengikuti => Some(DocumentKind::SuratKeterangan),
            Outcome::NoDocument | Outcome::Pending => None,
        }
    }

    /// The printed title.
    pub fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (DocumentKind::Sttpp, Lang::Id) => "Surat Tanda Tamat Pendidikan dan Pelatihan",
            (DocumentKind::Sttpp, Lang::En) => "Certificate of Completion of Education and Training",
            (DocumentKind::SuratKeterangan, Lang::Id) => "Surat Keterangan Telah Mengikuti Pelatihan",
            (DocumentKind::SuratKeterangan, Lang::En) => "Statement of Attendance of Training",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn renders_the_issue_example() {
        let t = NumberTemplate::parse("{N}/BPSDM-{unit}/{mr}/{y}").unwrap();
        assert_eq!(t.render(7, date(2025, 7, 18), "KALTIM"), "00007/BPSDM-KALTIM/VII/2025");
        let t = NumberingSettings {
            template: "{N}/{m}/{y}".into(),
            width: 3,
            start: 1,
            surat_keterangan: None,
        }
        .compile()
        .unwrap();
        assert_eq!(t.render(12, date(2025, 12, 1), "X"), "012/12/2025");
        assert_eq!(t.render(12345, date(2025, 1, 1), "X"), "12345/01/2025");
    }

    #[test]
    fn roman_months() {
        let all: Vec<_> = (1..=12).map(roman_month).collect();
        assert_eq!(all.join(" "), "I II III IV V VI VII VIII IX X XI XII");
        assert_eq!(roman_month(0), "");
        assert_eq!(roman_month(13), "");
    }

    #[test]
    fn braces_escape() {
        let t = NumberTemplate::parse("{{{N}}}").unwrap();
        assert_eq!(t.render(1, date(2025, 1, 1), "U"), "{00001}");
    }

    #[test]
    fn bad_templates_are_coded() {
        let reason = |t: &str| match NumberTemplate::parse(t) {
            Err(TamatError::InvalidNumberTemplate { problem: reason, .. }) => reason,
            other => panic!("{other:?}"),
        };
        assert_eq!(reason("{y}/{m}"), "missing_counter");
        assert_eq!(reason("{N}-{N}"), "repeated_counter");
        assert_eq!(reason("{N}/{d}"), "unknown_placeholder");
        assert_eq!(reason("{N}/{y"), "unclosed_brace");
        assert_eq!(reason("{N}}"), "stray_brace");
        let settings = |width, start| NumberingSettings {
            template: "{N}".into(),
            width,
            start,
            surat_keterangan: None,
        };
        assert!(matches!(
            settings(0, 1).compile(),
            Err(TamatError::InvalidNumberTemplate {
                problem: "invalid_width",
                ..
            })
        ));
        assert!(matches!(
            settings(5, 0).compile(),
            Err(TamatError::InvalidNumberTemplate {
                problem: "invalid_start",
                ..
            })
        ));
    }
}
