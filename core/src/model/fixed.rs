//! Exact decimal numbers and fractions.
//!
//! Percentages, credits and scores are decimals with at most four fractional digits,
//! stored as integers scaled by 10 000. Every comparison that decides an outcome is done
//! on integers (`u128` where products may grow), never on floating point, so that Rust,
//! Python and JavaScript can never disagree by rounding.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The scale of [`Fixed`]: four decimal places.
pub const SCALE: i64 = 10_000;

/// Largest magnitude accepted (10^12): keeps every product inside `u128` and every
/// value exactly representable as a JSON number in JavaScript.
const MAX_ABS: i64 = 1_000_000_000_000 * SCALE;

/// A decimal number with at most four fractional digits, e.g. `90`, `87.5`, `0.75`.
///
/// In JSON it is a number (`90`, `87.5`) or a string (`"87.5"`); more than four
/// fractional digits, exponents, NaN and infinities are refused.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Fixed(i64);

/// Why a decimal could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedParseError(pub String);

impl fmt::Display for FixedParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a decimal with at most 4 fractional digits", self.0)
    }
}

impl Fixed {
    /// Zero.
    pub const ZERO: Fixed = Fixed(0);
    /// One.
    pub const ONE: Fixed = Fixed(SCALE);
    /// One hundred.
    pub const HUNDRED: Fixed = Fixed(100 * SCALE);

    /// A whole number.
    pub const fn from_int(v: i64) -> Fixed {
        Fixed(v * SCALE)
    }

    /// From the scaled integer (value × 10 000).
    pub const fn from_raw(raw: i64) -> Fixed {
        Fixed(raw)
    }

    /// The scaled integer (value × 10 000).
    pub const fn raw(self) -> i64 {
        self.0
    }

    /// Reads `"90"`, `"87.5"`, `"-0.25"`, and `"87,5"` as Indonesian writes it (a comma
    /// as the decimal separator; no thousands separators); at most four fractional digits.
    pub fn parse(text: &str) -> Result<Fixed, FixedParseError> {
        let err = || FixedParseError(text.to_string());
        let comma = text.trim().replacen(',', ".", 1);
        let t = comma.as_str();
        let (neg, digits) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        let (int_part, frac_part) = match digits.split_once('.') {
            Some((i, f)) => (i, f),
            None => (digits, ""),
        };
        if int_part.is_empty()
            || !int_part.bytes().all(|b| b.is_ascii_digit())
            || !frac_part.bytes().all(|b| b.is_ascii_digit())
            || (digits.contains('.') && frac_part.is_empty())
        {
            return Err(err());
        }
        // Trailing zeros carry no precision: "90.000000" is 90.
        let frac_trimmed = frac_part.trim_end_matches('0');
        if frac_trimmed.len() > 4 {
            return Err(err());
        }
        let int_trimmed = int_part.trim_start_matches('0');
        if int_trimmed.len() > 13 {
            return Err(err());
        }
        let int_val: i64 = if int_trimmed.is_empty() {
            0
        } else {
            int_trimmed.parse().map_err(|_| err())?
        };
        let mut frac_val: i64 = 0;
        for (i, b) in frac_trimmed.bytes().enumerate() {
            frac_val += i64::from(b - b'0') * 10_i64.pow(3 - i as u32);
        }
        let raw = int_val
            .checked_mul(SCALE)
            .and_then(|v| v.checked_add(frac_val))
            .ok_or_else(err)?;
        if raw > MAX_ABS {
            return Err(err());
        }
        Ok(Fixed(if neg { -raw } else { raw }))
    }

    /// True when the value has no fractional part.
    pub fn is_integer(self) -> bool {
        self.0 % SCALE == 0
    }

    /// The plain decimal text with the given separator, trailing zeros removed.
    pub fn to_text(self, decimal_separator: char) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let int = abs / SCALE as u64;
        let frac = abs % SCALE as u64;
        if frac == 0 {
            format!("{sign}{int}")
        } else {
            let f = format!("{frac:04}");
            format!("{sign}{int}{decimal_separator}{}", f.trim_end_matches('0'))
        }
    }

    /// The nearest `f64` (exact for every value this type holds when printed
    /// shortest-round-trip, which is what JSON encoders do).
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / SCALE as f64
    }
}

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text('.'))
    }
}

impl fmt::Debug for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fixed({self})")
    }
}

impl Serialize for Fixed {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_integer() {
            s.serialize_i64(self.0 / SCALE)
        } else {
            s.serialize_f64(self.to_f64())
        }
    }
}

impl<'de> Deserialize<'de> for Fixed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Int(i64),
            Float(f64),
            Text(String),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Int(i) => i.to_string(),
            // Rust prints an f64 as its shortest round-trip decimal, without exponent:
            // 87.5 -> "87.5", 0.1 -> "0.1". That text is then read exactly.
            Raw::Float(f) if f.is_finite() => format!("{f}"),
            Raw::Float(f) => f.to_string(),
            Raw::Text(t) => t,
        };
        Fixed::parse(&text)
            .map_err(|e| crate::error::refused(crate::error::TamatError::InvalidDecimal { message: e.to_string() }))
    }
}

impl schemars::JsonSchema for Fixed {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Decimal".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A decimal with at most 4 fractional digits, as a JSON number or a string.",
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": "^-?[0-9]+([.,][0-9]+)?$"}
            ]
        })
    }
}

/// An exact non-negative fraction, reduced to lowest terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Ratio {
    /// Numerator.
    pub numerator: u64,
    /// Denominator, never zero.
    pub denominator: u64,
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    // u128 division is done in software; most figures fit u64, whose division is native.
    if let (Ok(mut x), Ok(mut y)) = (u64::try_from(a), u64::try_from(b)) {
        while y != 0 {
            (x, y) = (y, x % y);
        }
        return u128::from(x);
    }
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// `100 × attended / total >= percent`, exactly, without building a fraction; false when
/// `total` is zero.
pub fn meets_percent(attended: u128, total: u128, percent: Fixed) -> bool {
    if total == 0 {
        return false;
    }
    let p = u128::try_from(percent.raw()).unwrap_or(0);
    attended * 100 * SCALE as u128 >= p * total
}

impl Ratio {
    /// `numerator / denominator` reduced; `None` when the denominator is zero.
    pub fn new(numerator: u128, denominator: u128) -> Option<Ratio> {
        if denominator == 0 {
            return None;
        }
        let g = gcd(numerator, denominator).max(1);
        Some(Ratio {
            numerator: u64::try_from(numerator / g).ok()?,
            denominator: u64::try_from(denominator / g).ok()?,
        })
    }

    /// `100 × ratio`, truncated to hundredths of a percent (so 85.714… is 8571).
    /// Truncation never shows a value below a minimum as meeting it.
    pub fn percent_hundredths(self) -> u64 {
        let v = u128::from(self.numerator) * 10_000 / u128::from(self.denominator);
        u64::try_from(v).unwrap_or(u64::MAX)
    }

    /// `100 × ratio >= percent`, exactly.
    pub fn at_least_percent(self, percent: Fixed) -> bool {
        // n/d * 100 >= p/SCALE  <=>  n * 100 * SCALE >= p * d
        meets_percent(u128::from(self.numerator), u128::from(self.denominator), percent)
    }
}

/// A percentage truncated to two decimals, as shown to people.
pub fn percent_display(hundredths: u64, decimal_separator: char) -> String {
    Fixed::from_raw(i64::try_from(hundredths).unwrap_or(i64::MAX) * 100).to_text(decimal_separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        assert_eq!(Fixed::parse("90").map(Fixed::raw), Ok(900_000));
        assert_eq!(Fixed::parse("87.5").map(Fixed::raw), Ok(875_000));
        assert_eq!(Fixed::parse("0.0001").map(Fixed::raw), Ok(1));
        assert_eq!(Fixed::parse("70.01").map(|f| f.to_text(',')), Ok("70,01".into()));
        assert_eq!(Fixed::parse("-1.50").map(|f| f.to_string()), Ok("-1.5".into()));
        assert_eq!(Fixed::parse("90.000000").map(Fixed::raw), Ok(900_000));
        assert_eq!(Fixed::parse("87,5").map(Fixed::raw), Ok(875_000));
        for bad in [
            "",
            ".",
            "1.",
            ".5",
            "1e3",
            "0.00001",
            "abc",
            "--1",
            "1.2.3",
            "99999999999999",
            "1,000.5",
            "1,2,3",
        ] {
            assert!(Fixed::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn json_round_trip_is_exact() {
        for (json, raw) in [
            ("90", 900_000),
            ("87.5", 875_000),
            ("0.1", 1_000),
            ("\"70.01\"", 700_100),
        ] {
            let f: Fixed = serde_json::from_str(json)
                .map_err(|e| e.to_string())
                .unwrap_or_default();
            assert_eq!(f.raw(), raw, "{json}");
        }
        assert_eq!(serde_json::to_string(&Fixed::from_int(90)).ok(), Some("90".into()));
        assert_eq!(
            serde_json::to_string(&Fixed::from_raw(857_100)).ok(),
            Some("85.71".into())
        );
        assert!(serde_json::from_str::<Fixed>("0.12345").is_err());
    }

    #[test]
    fn ratio_compares_exactly() {
        let r = Ratio::new(6, 7).unwrap_or(Ratio {
            numerator: 0,
            denominator: 1,
        });
        assert_eq!(r.percent_hundredths(), 8571);
        assert!(!r.at_least_percent(Fixed::from_int(90)));
        let nine_tenths = Ratio::new(27, 30).unwrap_or(Ratio {
            numerator: 0,
            denominator: 1,
        });
        assert_eq!((nine_tenths.numerator, nine_tenths.denominator), (9, 10));
        assert!(nine_tenths.at_least_percent(Fixed::from_int(90)));
        // 0.8999999 vs 90: floating point would be tempted to round.
        let just_below = Ratio::new(8_999_999, 10_000_000).unwrap_or(Ratio {
            numerator: 0,
            denominator: 1,
        });
        assert!(!just_below.at_least_percent(Fixed::from_int(90)));
        assert_eq!(percent_display(just_below.percent_hundredths(), ','), "89,99");
        assert!(Ratio::new(1, 0).is_none());
    }
}
