//! Points of an evaluation, kept in hundredths so that they add up and compare exactly
//! (criteria in steps of 0,5; pro rata points to the hundredth).

use crate::domain::value::{parse_hundredths, ValueError};
use crate::format::Numbers;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::iter::Sum;
use std::ops::Add;

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(try_from = "f64", into = "f64")]
pub struct Points(u32);

/// The largest number of points anything is worth: no scale is near it.
const MOST: u32 = 10_000_000;

impl Points {
    pub const ZERO: Points = Points(0);

    pub fn from_hundredths(h: u32) -> Points {
        Points(h)
    }

    pub fn hundredths(self) -> u32 {
        self.0
    }

    /// Whether these points are a whole number of `step`s.
    pub fn is_multiple_of(self, step: Points) -> bool {
        step.0 == 0 || self.0.is_multiple_of(step.0)
    }

    /// Whether these points may be given on a scale from 0 to `max`, in steps of `step`.
    pub fn fits(self, max: Points, step: Option<Points>) -> bool {
        self <= max && step.is_none_or(|s| self.is_multiple_of(s))
    }

    /// As `numbers` writes them: `13,5`, `100`.
    pub fn shown(self, numbers: Numbers) -> String {
        numbers.hundredths(self.0)
    }
}

/// Points as a person types them (`7,5` or `7.5`) for a scale to `max` in steps of `step`;
/// `None` when nothing is typed.
pub fn parse_points(
    input: &str,
    label: &str,
    max: Points,
    step: Option<Points>,
) -> Result<Option<Points>, ValueError> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    parse_hundredths(input)
        .map(Points)
        .filter(|p| p.fits(max, step))
        .map(Some)
        .ok_or_else(|| ValueError::NotPoints {
            label: label.to_string(),
            max,
            step,
        })
}

impl TryFrom<f64> for Points {
    type Error = String;

    /// Points as a file or a form gives them: not negative, at most two decimals.
    fn try_from(n: f64) -> Result<Points, String> {
        let h = (n * 100.0).round();
        if !n.is_finite() || n < 0.0 || h > f64::from(MOST) || (n * 100.0 - h).abs() > 1e-6 {
            return Err(format!(
                "{n} is not a number of points (0 or more, two decimals at most)"
            ));
        }
        // In range and whole: checked above.
        Ok(Points(h as u32))
    }
}

impl From<Points> for f64 {
    fn from(p: Points) -> f64 {
        f64::from(p.0) / 100.0
    }
}

impl Add for Points {
    type Output = Points;

    fn add(self, other: Points) -> Points {
        Points(self.0.saturating_add(other.0))
    }
}

impl Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        iter.fold(Points::ZERO, Add::add)
    }
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Numbers::Vietnamese.hundredths(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_exact_hundredths() {
        assert_eq!(Points::try_from(13.5), Ok(Points(1350)));
        assert_eq!(Points::try_from(0.1).map(Points::hundredths), Ok(10));
        assert!(Points::try_from(-1.0).is_err());
        assert!(Points::try_from(0.125).is_err());
        assert!(Points::try_from(f64::NAN).is_err());
        assert!(Points(1050).is_multiple_of(Points(50)));
        assert!(!Points(1025).is_multiple_of(Points(50)));
        assert_eq!(Points(1350).to_string(), "13,5");
        assert_eq!(Points(10000).to_string(), "100");
    }
}
