//! Civil-servant numbers: NIP (Nomor Induk Pegawai, 18 digits) for PNS and PPPK, and the
//! 16-digit NIK (Nomor Induk Kependudukan, national id) that may stand in for it.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::TamatError;

/// Which kind of employee a NIP belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum NipKind {
    /// PNS (civil servant): digits 9-14 are the start as candidate, YYYYMM.
    Pns,
    /// PPPK (contract employee): digits 9-12 the appointment year, 13-14 a code that is
    /// not a month.
    Pppk,
}

/// Gender as encoded in digit 15 of a NIP.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    /// 1.
    Male,
    /// 2.
    Female,
}

/// A validated 18-digit NIP. Accepts the printed form with spaces (`19850312 201001 1 004`)
/// and stores the digits only.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Nip {
    digits: [u8; 18],
}

fn digit_value(d: &[u8]) -> u32 {
    d.iter().fold(0, |acc, b| acc * 10 + u32::from(b - b'0'))
}

impl Nip {
    /// Validates a NIP as docs/domain.md describes: 18 digits; digits 1-8 a real birth date;
    /// for PNS digits 9-14 a YYYYMM after the birth year, for PPPK digits 9-12 a year
    /// after the birth year and 13-14 a code above 12; digit 15 gender 1 or 2; digits
    /// 16-18 a sequence 001-999.
    pub fn parse(text: &str) -> Result<Nip, TamatError> {
        let invalid = |reason: &'static str| TamatError::InvalidNip {
            value: text.to_string(),
            problem: reason,
        };
        let compact: Vec<u8> = text.bytes().filter(|b| *b != b' ').collect();
        if !compact.iter().all(u8::is_ascii_digit) {
            return Err(invalid("digits_only"));
        }
        let digits: [u8; 18] = compact.as_slice().try_into().map_err(|_| invalid("nip_length"))?;
        let birth_year = digit_value(&digits[0..4]);
        if Self::date_of(&digits[0..8]).is_none() {
            return Err(invalid("birth_date"));
        }
        let code = digit_value(&digits[12..14]);
        let year = digit_value(&digits[8..12]);
        if year <= birth_year {
            return Err(invalid("start_year"));
        }
        if code == 0 {
            return Err(invalid("start_code"));
        }
        if !matches!(digits[14], b'1' | b'2') {
            return Err(invalid("gender"));
        }
        if digit_value(&digits[15..18]) == 0 {
            return Err(invalid("nip_sequence"));
        }
        Ok(Nip { digits })
    }

    fn date_of(d: &[u8]) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(
            i32::try_from(digit_value(&d[0..4])).ok()?,
            digit_value(&d[4..6]),
            digit_value(&d[6..8]),
        )
    }

    /// The 18 digits.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.digits).unwrap_or("")
    }

    /// The printed form, grouped 8-6-1-3: `19850312 201001 1 004`.
    pub fn formatted(&self) -> String {
        let s = self.as_str();
        format!("{} {} {} {}", &s[0..8], &s[8..14], &s[14..15], &s[15..18])
    }

    /// PNS or PPPK, read from digits 13-14 (a month means PNS).
    pub fn kind(&self) -> NipKind {
        if digit_value(&self.digits[12..14]) <= 12 {
            NipKind::Pns
        } else {
            NipKind::Pppk
        }
    }

    /// The birth date in digits 1-8.
    pub fn birth_date(&self) -> Option<NaiveDate> {
        Self::date_of(&self.digits[0..8])
    }

    /// The gender in digit 15.
    pub fn gender(&self) -> Gender {
        if self.digits[14] == b'2' {
            Gender::Female
        } else {
            Gender::Male
        }
    }
}

impl fmt::Display for Nip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Nip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Nip({})", self.as_str())
    }
}

impl std::str::FromStr for Nip {
    type Err = TamatError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Nip::parse(s)
    }
}

/// A validated 16-digit NIK: digits 1-6 region, 7-12 birth date DDMMYY (day + 40 for
/// women), 13-16 a sequence other than 0000.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Nik {
    digits: [u8; 16],
}

impl Nik {
    /// Validates a NIK.
    pub fn parse(text: &str) -> Result<Nik, TamatError> {
        let invalid = |reason: &'static str| TamatError::InvalidNik {
            value: text.to_string(),
            problem: reason,
        };
        let compact: Vec<u8> = text.bytes().filter(|b| *b != b' ').collect();
        if !compact.iter().all(u8::is_ascii_digit) {
            return Err(invalid("digits_only"));
        }
        let digits: [u8; 16] = compact.as_slice().try_into().map_err(|_| invalid("nik_length"))?;
        let province = digit_value(&digits[0..2]);
        if !(11..=99).contains(&province) {
            return Err(invalid("province"));
        }
        let mut day = digit_value(&digits[6..8]);
        if day > 40 {
            day -= 40;
        }
        let month = digit_value(&digits[8..10]);
        let yy = digit_value(&digits[10..12]);
        // Two-digit years: any century gives a valid day/month check except 29 February,
        // which needs a leap year; 2000 is leap, so try 20yy and 19yy.
        let valid = [2000, 1900]
            .iter()
            .any(|c| NaiveDate::from_ymd_opt(c + yy as i32, month, day).is_some());
        if !valid {
            return Err(invalid("nik_birth_date"));
        }
        if digit_value(&digits[12..16]) == 0 {
            return Err(invalid("nik_sequence"));
        }
        Ok(Nik { digits })
    }

    /// The 16 digits.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.digits).unwrap_or("")
    }
}

impl fmt::Display for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Nik({})", self.as_str())
    }
}

macro_rules! serde_as_digits {
    ($ty:ty, $name:literal, $desc:literal, $pattern:literal) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                <$ty>::parse(&text).map_err(crate::error::refused)
            }
        }
        impl schemars::JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $name.into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "description": $desc, "pattern": $pattern })
            }
        }
    };
}

serde_as_digits!(
    Nip,
    "Nip",
    "NIP: 18 digits, spaces allowed (8-6-1-3 printed form)",
    "^[0-9 ]+$"
);
serde_as_digits!(Nik, "Nik", "NIK: 16 digits", "^[0-9 ]+$");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_pns_nip() {
        let nip = Nip::parse("19850312 201001 1 004").unwrap();
        assert_eq!(nip.as_str(), "198503122010011004");
        assert_eq!(nip.formatted(), "19850312 201001 1 004");
        assert_eq!(nip.kind(), NipKind::Pns);
        assert_eq!(nip.gender(), Gender::Male);
        assert_eq!(nip.birth_date(), NaiveDate::from_ymd_opt(1985, 3, 12));
    }

    #[test]
    fn valid_pppk_nip() {
        let nip = Nip::parse("199001012022212001").map(|n| (n.kind(), n.gender()));
        assert_eq!(nip, Ok((NipKind::Pppk, Gender::Female)));
    }

    #[test]
    fn invalid_nips_say_why() {
        for (text, why) in [
            ("19850312201001100", "nip_length"),
            ("1985031220100110045", "nip_length"),
            ("19850230201001 1 004", "birth_date"),
            ("198503121980011004", "start_year"),
            ("198503122010013004", "gender"),
            ("198503122010011000", "nip_sequence"),
            ("19850312201001100x", "digits_only"),
            ("198503122010001004", "start_code"),
        ] {
            match Nip::parse(text) {
                Err(TamatError::InvalidNip { problem: reason, .. }) => {
                    assert!(reason.contains(why), "{text}: {reason}")
                }
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn nik_rules() {
        assert!(Nik::parse("6472015203850001").is_ok()); // woman born 12-03-85
        assert!(Nik::parse("6472011203850001").is_ok());
        assert!(Nik::parse("6472017203850001").is_err()); // day 32
        assert!(Nik::parse("0972011203850001").is_err());
        assert!(Nik::parse("6472011203850000").is_err());
        assert!(Nik::parse("647201120385000").is_err());
    }
}
