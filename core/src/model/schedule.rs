//! Time: the venue's IANA time zone, local session times resolved to instants (a local
//! time that does not exist or happens twice is an error, never a guess), and simple
//! recurrences.

use std::fmt;

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone as _,
    Utc,
};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::TamatError;

/// An IANA time zone (`Asia/Makassar`). The Indonesian abbreviations WIB, WITA and WIT
/// are accepted on input and stored as their IANA names.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Zone(pub Tz);

impl Zone {
    /// Reads an IANA name or WIB/WITA/WIT.
    pub fn parse(name: &str) -> Result<Zone, TamatError> {
        let iana = match name.trim().to_ascii_uppercase().as_str() {
            "WIB" => "Asia/Jakarta",
            "WITA" => "Asia/Makassar",
            "WIT" => "Asia/Jayapura",
            _ => name.trim(),
        };
        iana.parse::<Tz>().map(Zone).map_err(|_| TamatError::InvalidTimeZone {
            zone: name.to_string(),
            carried: carried_zones(),
        })
    }

    /// The IANA name.
    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The instant of a local time, or a coded error for gaps and folds.
    pub fn resolve(&self, session: &str, text: &str) -> Result<(DateTime<Utc>, NaiveDateTime), TamatError> {
        let value = text.trim();
        if let Some(with_offset) = parse_with_offset(value) {
            let utc = with_offset.with_timezone(&Utc);
            let zone_offset = self.0.offset_from_utc_datetime(&utc.naive_utc()).fix();
            if zone_offset != *with_offset.offset() {
                return Err(TamatError::OffsetMismatch {
                    session: session.to_string(),
                    value: value.to_string(),
                    zone: self.name().to_string(),
                });
            }
            return Ok((utc, with_offset.naive_local()));
        }
        let naive = parse_naive(value).ok_or_else(|| TamatError::InvalidLocalTime {
            session: session.to_string(),
            value: value.to_string(),
        })?;
        self.resolve_naive(session, naive)
    }

    /// The instant of a local date-time, or a coded error for gaps and folds.
    pub fn resolve_naive(
        &self,
        session: &str,
        naive: NaiveDateTime,
    ) -> Result<(DateTime<Utc>, NaiveDateTime), TamatError> {
        match self.0.from_local_datetime(&naive) {
            LocalResult::Single(dt) => Ok((dt.with_timezone(&Utc), naive)),
            LocalResult::None => Err(TamatError::NonexistentLocalTime {
                session: session.to_string(),
                value: naive.format("%Y-%m-%dT%H:%M").to_string(),
                zone: self.name().to_string(),
            }),
            LocalResult::Ambiguous(a, b) => Err(TamatError::AmbiguousLocalTime {
                session: session.to_string(),
                value: naive.format("%Y-%m-%dT%H:%M").to_string(),
                zone: self.name().to_string(),
                offsets: format!("{}, {}", a.offset().fix(), b.offset().fix()),
            }),
        }
    }

    /// The local date of an instant in this zone.
    pub fn local_date(&self, instant: DateTime<Utc>) -> NaiveDate {
        instant.with_timezone(&self.0).date_naive()
    }
}

/// The zones a build carries when it was built with only some (the `zone-filter`
/// feature and chrono-tz's `CHRONO_TZ_TIMEZONE_FILTER` at build time: the small
/// WebAssembly package), named in `course.invalid_time_zone`; empty for a build that
/// carries every zone.
fn carried_zones() -> String {
    #[cfg(feature = "zone-filter")]
    {
        if option_env!("CHRONO_TZ_TIMEZONE_FILTER").is_some_and(|f| !f.trim().is_empty()) {
            let names: Vec<&str> = chrono_tz::TZ_VARIANTS
                .iter()
                .map(|z| z.name())
                .filter(|n| !n.starts_with("Etc/") || *n == "Etc/UTC")
                .collect();
            return names.join(", ");
        }
    }
    String::new()
}

fn parse_with_offset(value: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(value)
        .ok()
        .or_else(|| DateTime::parse_from_str(value, "%Y-%m-%dT%H:%M%:z").ok())
}

fn parse_naive(value: &str) -> Option<NaiveDateTime> {
    [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(value, f).ok())
}

/// Reads an RFC 3339 timestamp that carries an offset (`Z` or `+08:00`); a naive time is
/// refused, since it could mean any zone.
pub fn parse_instant(value: &str) -> Option<DateTime<Utc>> {
    parse_with_offset(value.trim()).map(|d| d.with_timezone(&Utc))
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Zone({})", self.name())
    }
}

impl Serialize for Zone {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Zone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Zone::parse(&text).map_err(crate::error::refused)
    }
}

impl schemars::JsonSchema for Zone {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TimeZone".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "IANA time zone name such as Asia/Makassar; WIB, WITA and WIT are accepted"
        })
    }
}

/// A day of the week, for recurrences.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    fn chrono(self) -> chrono::Weekday {
        match self {
            Weekday::Mon => chrono::Weekday::Mon,
            Weekday::Tue => chrono::Weekday::Tue,
            Weekday::Wed => chrono::Weekday::Wed,
            Weekday::Thu => chrono::Weekday::Thu,
            Weekday::Fri => chrono::Weekday::Fri,
            Weekday::Sat => chrono::Weekday::Sat,
            Weekday::Sun => chrono::Weekday::Sun,
        }
    }
}

/// Local dates from `from` on that fall on one of `weekdays`, stopping after `count`
/// dates or after `until` (inclusive), whichever the rule gives. At most 1 000 dates.
pub fn recurrence_dates(
    id: &str,
    weekdays: &[Weekday],
    from: NaiveDate,
    count: Option<u32>,
    until: Option<NaiveDate>,
    except: &[NaiveDate],
) -> Result<Vec<NaiveDate>, TamatError> {
    const LIMIT: usize = 1_000;
    let bad = |reason: &'static str| TamatError::InvalidRecurrence {
        recurrence: id.to_string(),
        problem: reason,
    };
    if weekdays.is_empty() {
        return Err(bad("no_weekdays"));
    }
    match (count, until) {
        (Some(_), Some(_)) | (None, None) => return Err(bad("count_or_until")),
        (Some(0), None) => return Err(bad("count_zero")),
        (None, Some(u)) if u < from => return Err(bad("until_before_from")),
        _ => {}
    }
    let days: Vec<chrono::Weekday> = weekdays.iter().map(|w| w.chrono()).collect();
    let mut out = Vec::new();
    let mut skipped = 0usize;
    let mut day = from;
    loop {
        if let Some(u) = until {
            if day > u {
                break;
            }
        }
        if let Some(c) = count {
            if out.len() >= c as usize {
                break;
            }
        }
        if out.len() >= LIMIT {
            return Err(bad("too_many_sessions"));
        }
        if days.contains(&day.weekday()) {
            if except.contains(&day) {
                skipped += 1;
            } else {
                out.push(day);
            }
        }
        day = match day.checked_add_signed(Duration::days(1)) {
            Some(d) => d,
            None => return Err(bad("date_overflow")),
        };
    }
    // An exception the recurrence never reaches is a mistake (a wrong date or weekday),
    // not something to ignore.
    let mut distinct = except.to_vec();
    crate::model::sorting::sort(&mut distinct);
    distinct.dedup();
    if skipped != distinct.len() {
        return Err(bad("exception_not_in_recurrence"));
    }
    Ok(out)
}

/// Parses `HH:MM` or `HH:MM:SS`.
pub fn parse_time_of_day(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .ok()
        .or_else(|| NaiveTime::parse_from_str(text.trim(), "%H:%M:%S").ok())
}

/// Reads an RFC 3339 / XML Schema date-time with an offset or `Z`.
pub fn parse_date_time(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&chrono::Utc))
}

/// Formats a time as the credentials write it: UTC, whole seconds, `Z`.
pub fn format_date_time(t: chrono::DateTime<chrono::Utc>) -> String {
    use chrono::{Datelike, Timelike};
    let (y, m, d) = (t.year(), t.month(), t.day());
    let (hh, mm, ss) = (t.hour(), t.minute(), t.second());
    if (0..=9999).contains(&y) {
        format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}Z")
    } else {
        t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wita_has_no_dst() {
        let z = Zone::parse("WITA").map_err(|e| e.to_string());
        assert_eq!(z.map(|z| z.name()), Ok("Asia/Makassar"));
        let z = Zone::parse("Asia/Makassar")
            .map_err(|e| e.to_string())
            .unwrap_or(Zone(Tz::UTC));
        let r = z.resolve("s", "2025-07-17T08:00").map(|(u, _)| u.to_rfc3339());
        assert_eq!(r, Ok("2025-07-17T00:00:00+00:00".to_string()));
    }

    #[test]
    fn gaps_and_folds_are_errors_not_guesses() {
        let ny = Zone::parse("America/New_York").unwrap_or(Zone(Tz::UTC));
        let gap = ny.resolve("s1", "2025-03-09T02:30").map_err(|e| e.code());
        assert_eq!(gap, Err("schedule.nonexistent_local_time"));
        let fold = ny.resolve("s1", "2025-11-02T01:30").map_err(|e| e.code());
        assert_eq!(fold, Err("schedule.ambiguous_local_time"));
        // The offset chooses one of the two.
        let later = ny.resolve("s1", "2025-11-02T01:30-05:00").map(|(u, _)| u.to_rfc3339());
        assert_eq!(later, Ok("2025-11-02T06:30:00+00:00".to_string()));
        let wrong = ny.resolve("s1", "2025-07-02T01:30-05:00").map_err(|e| e.code());
        assert_eq!(wrong, Err("schedule.offset_mismatch"));
    }

    #[test]
    fn recurrence_by_count_and_until() {
        let from = NaiveDate::from_ymd_opt(2025, 7, 14).unwrap_or_default(); // a Monday
        let d = recurrence_dates("r", &[Weekday::Mon, Weekday::Wed], from, Some(3), None, &[]).unwrap_or_default();
        assert_eq!(d.iter().map(|d| d.day()).collect::<Vec<_>>(), vec![14, 16, 21]);
        let until = NaiveDate::from_ymd_opt(2025, 7, 20).unwrap_or_default();
        let d = recurrence_dates("r", &[Weekday::Fri], from, None, Some(until), &[]).unwrap_or_default();
        assert_eq!(d.iter().map(|d| d.day()).collect::<Vec<_>>(), vec![18]);
        assert!(recurrence_dates("r", &[], from, Some(1), None, &[]).is_err());
        assert!(recurrence_dates("r", &[Weekday::Fri], from, Some(1), Some(until), &[]).is_err());
    }
}
