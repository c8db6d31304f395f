//! Scores and qualification bands (predikat), for courses that are scored.

use serde::{Deserialize, Serialize};

use crate::error::TamatError;
use crate::model::fixed::Fixed;

/// A named set of bands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BandPreset {
    /// The bands commonly cited for Latsar (basic training of new civil servants):
    /// Sangat Memuaskan from 90.01, Memuaskan from 80.01, Cukup Memuaskan from 70.01,
    /// Kurang Memuaskan below; passing from 70.01. Unverified in regulation text.
    Latsar,
}

impl BandPreset {
    /// The preset's bands, highest first.
    pub fn bands(self) -> Vec<Band> {
        match self {
            BandPreset::Latsar => vec![
                Band::new("Sangat Memuaskan", Fixed::from_raw(900_100)),
                Band::new("Memuaskan", Fixed::from_raw(800_100)),
                Band::new("Cukup Memuaskan", Fixed::from_raw(700_100)),
                Band::new("Kurang Memuaskan", Fixed::ZERO),
            ],
        }
    }

    /// The preset's passing score.
    pub fn minimum_score(self) -> Fixed {
        match self {
            BandPreset::Latsar => Fixed::from_raw(700_100),
        }
    }
}

/// A qualification band: a score at or above `min_score` (and below the next band) gets
/// `name`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// The qualification's name, e.g. "Memuaskan".
    pub name: String,
    /// Lowest score in the band.
    pub min_score: Fixed,
}

impl Band {
    fn new(name: &str, min_score: Fixed) -> Band {
        Band {
            name: name.to_string(),
            min_score,
        }
    }
}

fn default_max() -> Fixed {
    Fixed::HUNDRED
}

/// Scoring rules.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentPolicy {
    /// Passing score; the preset's when absent, else none (any score passes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_score: Option<Fixed>,
    /// Highest possible score (100 by default).
    #[serde(default = "default_max")]
    pub maximum_score: Fixed,
    /// A named set of bands; or give `bands`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<BandPreset>,
    /// Bands, in any order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<Band>,
    /// Weighted components (e.g. attitude 20, knowledge 40, project 40: weights in percent,
    /// adding up to 100). Scores may then be given per component; the score the bands read
    /// is the weighted sum, cut to 4 decimals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<Component>,
}

/// One weighted part of an assessment.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Component {
    /// Its name, e.g. "sikap" (attitude).
    pub name: String,
    /// Its weight in percent.
    pub weight: Fixed,
}

impl AssessmentPolicy {
    /// Bands in effect, highest `min_score` first.
    pub fn effective_bands(&self) -> Vec<Band> {
        let mut bands = match self.preset {
            Some(p) if self.bands.is_empty() => p.bands(),
            _ => self.bands.clone(),
        };
        crate::model::sorting::sort_by(&mut bands, |a, b| b.min_score.cmp(&a.min_score));
        bands
    }

    /// Passing score in effect.
    pub fn effective_minimum(&self) -> Option<Fixed> {
        self.minimum_score.or(self.preset.map(BandPreset::minimum_score))
    }

    /// The qualification for a score: the band with the highest `min_score` not above it.
    pub fn qualification(&self, bands: &[Band], score: Fixed) -> Option<String> {
        bands.iter().find(|b| b.min_score <= score).map(|b| b.name.clone())
    }

    pub(crate) fn validate(&self, errors: &mut Vec<TamatError>) {
        let bad = |reason: &'static str, band: &str| TamatError::InvalidBands {
            problem: reason,
            band: band.to_string(),
        };
        if self.preset.is_some() && !self.bands.is_empty() {
            errors.push(bad("preset_and_bands", ""));
        }
        if self.maximum_score <= Fixed::ZERO {
            errors.push(bad("maximum_not_positive", ""));
        }
        if let Some(m) = self.minimum_score {
            if m < Fixed::ZERO || m > self.maximum_score {
                errors.push(bad("minimum_out_of_range", ""));
            }
        }
        if !self.components.is_empty() {
            let mut names: Vec<&str> = Vec::new();
            let mut total = 0i128;
            for c in &self.components {
                if c.name.trim().is_empty() {
                    errors.push(bad("empty_component_name", ""));
                } else if names.contains(&c.name.as_str()) {
                    errors.push(bad("duplicate_component", &c.name));
                }
                names.push(&c.name);
                if c.weight <= Fixed::ZERO {
                    errors.push(bad("weight_not_positive", &c.name));
                }
                total += i128::from(c.weight.raw());
            }
            if total != i128::from(Fixed::HUNDRED.raw()) {
                errors.push(bad("weights_not_100", ""));
            }
        }
        let bands = self.effective_bands();
        for (i, b) in bands.iter().enumerate() {
            if b.name.trim().is_empty() {
                errors.push(bad("empty_band_name", ""));
            }
            if b.min_score < Fixed::ZERO || b.min_score > self.maximum_score {
                errors.push(bad("band_out_of_range", &b.name));
            }
            if bands.get(i + 1).is_some_and(|next| next.min_score == b.min_score) {
                errors.push(bad("duplicate_band_start", &b.name));
            }
        }
    }
}

/// A participant's score: the score itself, or one score per component of the policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Score {
    /// Participant id.
    pub participant: String,
    /// The score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Fixed>,
    /// Scores per component (each from 0 to the maximum score), combined with the
    /// policy's weights.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub components: std::collections::BTreeMap<String, Fixed>,
}

impl Score {
    /// A plain score.
    pub fn new(participant: &str, score: Fixed) -> Score {
        Score {
            participant: participant.to_string(),
            score: Some(score),
            components: Default::default(),
        }
    }
}

/// The score a participant's [`Score`] stands for: the score itself, or the weighted sum
/// of the component scores (cut to 4 decimals). Every component of the policy must have
/// a score in 0..=maximum, and no other may be named.
pub fn combined_score(s: &Score, policy: Option<&AssessmentPolicy>, maximum: Fixed) -> Result<Fixed, TamatError> {
    let bad = |reason: &'static str, component: &str| TamatError::InvalidComponents {
        participant: s.participant.clone(),
        problem: reason,
        component: component.to_string(),
    };
    match (s.score, s.components.is_empty()) {
        (Some(_), false) => Err(bad("score_and_components", "")),
        (Some(score), true) => Ok(score),
        (None, true) => Err(bad("missing_component", "")),
        (None, false) => {
            let components = policy.map(|p| p.components.as_slice()).unwrap_or_default();
            if components.is_empty() {
                return Err(bad("no_components_in_policy", ""));
            }
            if let Some(name) = s.components.keys().find(|k| !components.iter().any(|c| &c.name == *k)) {
                return Err(bad("unknown_component", name));
            }
            let mut sum = 0i128;
            for c in components {
                let Some(v) = s.components.get(&c.name) else {
                    return Err(bad("missing_component", &c.name));
                };
                if *v < Fixed::ZERO || *v > maximum {
                    return Err(bad("component_out_of_range", &c.name));
                }
                sum += i128::from(v.raw()) * i128::from(c.weight.raw());
            }
            // sum is score × weight in raw units twice over; weights add up to 100.
            let raw = sum / i128::from(Fixed::HUNDRED.raw());
            Ok(Fixed::from_raw(i64::try_from(raw).unwrap_or(i64::MAX)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latsar_bands_at_their_edges() {
        let a = AssessmentPolicy {
            minimum_score: None,
            maximum_score: Fixed::HUNDRED,
            preset: Some(BandPreset::Latsar),
            bands: vec![],
            components: vec![],
        };
        let bands = a.effective_bands();
        let q = |s: &str| a.qualification(&bands, Fixed::parse(s).unwrap_or_default());
        assert_eq!(q("90.01").as_deref(), Some("Sangat Memuaskan"));
        assert_eq!(q("90").as_deref(), Some("Memuaskan"));
        assert_eq!(q("70.01").as_deref(), Some("Cukup Memuaskan"));
        assert_eq!(q("70").as_deref(), Some("Kurang Memuaskan"));
        assert_eq!(a.effective_minimum(), Some(Fixed::from_raw(700_100)));
    }
}
