//! The one rollup: a parent's consolidated figures from its children's reports. Counts are
//! summed, percents averaged with the weight the template names, rates recomputed from the
//! sums by the rule engine (never averaged), narratives gathered under their field with each
//! paragraph labelled by its unit.

use super::rules::Values;
use super::template::{Aggregate, FieldKind, Template};
use super::value::{Percent, Value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One child's report as the rollup reads it.
pub struct Child<'a> {
    /// The unit's name, which labels its paragraphs.
    pub unit: &'a str,
    pub values: &'a Values,
}

/// A child's narrative under one field of the parent's draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Paragraph {
    pub unit: String,
    pub text: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Rollup {
    /// Summed counts and weighted percents. Derived rates are not stored: read them with
    /// `rules::derived_ratio`, which recomputes them from these sums.
    pub values: Values,
    /// Per narrative field, the children's non-empty texts in the children's order.
    pub narratives: BTreeMap<String, Vec<Paragraph>>,
}

pub fn rollup(template: &Template, children: &[Child]) -> Rollup {
    let mut out = Rollup::default();
    for field in template.fields() {
        let code = field.code.as_str();
        match (&field.kind, &field.aggregate) {
            (FieldKind::Text, _) => {
                let paragraphs: Vec<Paragraph> = children
                    .iter()
                    .filter_map(|c| match c.values.get(code) {
                        Some(Value::Text(t)) if !t.trim().is_empty() => Some(Paragraph {
                            unit: c.unit.to_string(),
                            text: t.trim().to_string(),
                        }),
                        _ => None,
                    })
                    .collect();
                if !paragraphs.is_empty() {
                    out.narratives.insert(code.to_string(), paragraphs);
                }
            }
            (FieldKind::Count, Aggregate::Sum) => {
                let counts = children.iter().filter_map(|c| match c.values.get(code) {
                    Some(Value::Count(n)) => Some(*n),
                    _ => None,
                });
                // A field no child entered stays empty rather than becoming a false 0.
                if let Some(sum) = counts.reduce(u64::saturating_add) {
                    out.values.insert(code.to_string(), Value::Count(sum));
                }
            }
            (FieldKind::Percent, Aggregate::WeightedMean(weight)) => {
                if let Some(mean) = weighted_mean(children, code, weight) {
                    out.values.insert(code.to_string(), Value::Percent(mean));
                }
            }
            // Derived rates are recomputed from the sums; other fields are not aggregated.
            _ => {}
        }
    }
    out
}

/// The mean of the children's percents weighted by another field, exact to the hundredth;
/// `None` when no child has both a value and a positive weight.
fn weighted_mean(children: &[Child], code: &str, weight: &str) -> Option<Percent> {
    let (mut total, mut weights) = (0u128, 0u128);
    for c in children {
        let Some(Value::Percent(p)) = c.values.get(code) else {
            continue;
        };
        let w = match c.values.get(weight) {
            Some(Value::Count(n)) => u128::from(*n),
            Some(Value::Percent(q)) => u128::from(q.hundredths()),
            _ => 0,
        };
        total += u128::from(p.hundredths()) * w;
        weights += w;
    }
    if weights == 0 {
        return None;
    }
    let rounded = (total + weights / 2) / weights;
    Percent::from_hundredths(u32::try_from(rounded).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rules::derived_ratio;
    use crate::domain::template::tests::demo;
    use crate::format::Numbers;

    fn values(pairs: &[(&str, Value)]) -> Values {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    fn percent(h: u32) -> Value {
        Value::Percent(Percent::from_hundredths(h).unwrap())
    }

    #[test]
    fn sums_counts_and_recomputes_rates_from_the_sums() {
        let t = demo();
        // 15 wards whose on-time dossiers add up to the city summary's 39.055 of 39.409.
        let names: Vec<String> = (1..=15).map(|i| format!("Phường {i}")).collect();
        let reports: Vec<Values> = (0..15u64)
            .map(|i| {
                // Fourteen small wards and one large one with a lower rate.
                let on_time = if i < 14 {
                    1_000 + 10 * i
                } else {
                    39_055 - (0..14).map(|j| 1_000 + 10 * j).sum::<u64>()
                };
                let late = if i < 14 { 2 } else { 354 - 14 * 2 };
                values(&[
                    ("hs_dung_han", Value::Count(on_time)),
                    ("hs_tre_han", Value::Count(late)),
                ])
            })
            .collect();
        let children: Vec<Child> = names
            .iter()
            .zip(&reports)
            .map(|(unit, values)| Child { unit, values })
            .collect();
        let r = rollup(&t, &children);
        assert_eq!(r.values.get("hs_dung_han"), Some(&Value::Count(39_055)));
        assert_eq!(r.values.get("hs_tre_han"), Some(&Value::Count(354)));
        let rate = derived_ratio(&t, &r.values, "ty_le_dung_han").unwrap();
        assert_eq!(Numbers::Vietnamese.ratio_as_percent(rate), "99,10%");
        // The average of the wards' own rates would not be the district's rate.
        let mean_of_rates: f64 = reports
            .iter()
            .map(|v| derived_ratio(&t, v, "ty_le_dung_han").unwrap())
            .sum::<f64>()
            / 15.0;
        assert_ne!(
            Numbers::Vietnamese.ratio_as_percent(mean_of_rates),
            "99,10%"
        );
    }

    #[test]
    fn weighs_percents_by_the_named_field() {
        let t = demo();
        let a = values(&[
            ("ty_le_hai_long", percent(9_000)),
            ("hs_tiep_nhan", Value::Count(300)),
        ]);
        let b = values(&[
            ("ty_le_hai_long", percent(10_000)),
            ("hs_tiep_nhan", Value::Count(100)),
        ]);
        let no_weight = values(&[("ty_le_hai_long", percent(0))]);
        let children = [
            Child {
                unit: "A",
                values: &a,
            },
            Child {
                unit: "B",
                values: &b,
            },
            Child {
                unit: "C",
                values: &no_weight,
            },
        ];
        let r = rollup(&t, &children);
        assert_eq!(r.values.get("ty_le_hai_long"), Some(&percent(9_250)));
        assert_eq!(r.values.get("hs_tiep_nhan"), Some(&Value::Count(400)));
    }

    #[test]
    fn leaves_unentered_fields_empty_and_gathers_narratives_by_unit() {
        let t = demo();
        let a = values(&[
            ("tinh_hinh", Value::Text("  Ổn định.\n".into())),
            ("tcd_luot", Value::Count(0)),
        ]);
        let b = values(&[("tinh_hinh", Value::Text("   ".into()))]);
        let c = values(&[("tinh_hinh", Value::Text("Có mưa lớn.".into()))]);
        let children = [
            Child {
                unit: "Phường 1",
                values: &a,
            },
            Child {
                unit: "Phường 2",
                values: &b,
            },
            Child {
                unit: "Phòng Nội vụ",
                values: &c,
            },
        ];
        let r = rollup(&t, &children);
        assert_eq!(r.values.get("tcd_luot"), Some(&Value::Count(0)));
        assert_eq!(r.values.get("don_tiep_nhan"), None);
        assert_eq!(r.values.get("ty_le_hai_long"), None);
        assert_eq!(
            r.narratives["tinh_hinh"],
            vec![
                Paragraph {
                    unit: "Phường 1".into(),
                    text: "Ổn định.".into()
                },
                Paragraph {
                    unit: "Phòng Nội vụ".into(),
                    text: "Có mưa lớn.".into()
                },
            ]
        );
        assert!(rollup(&t, &[]).values.is_empty());
    }
}
