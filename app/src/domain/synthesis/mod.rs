//! The reviewer's own report, drafted from their units' reports: under each narrative
//! heading, the figures of its section as sentences (compared with the same period of the
//! year before), then the units' passages grouped by kind of unit. The first heading opens
//! with how many units reported. One draft for the device and the server alike.

mod figures;
mod passages;

pub use figures::{reported, section_sentence};
pub use passages::{as_paragraphs, grouped, Group, Passage};

use crate::domain::rules::Values;
use crate::domain::template::{FieldKind, Template};
use std::collections::BTreeMap;

/// What a starting draft is written from.
pub struct Material<'a> {
    pub template: &'a Template,
    /// The units' summed figures.
    pub totals: &'a Values,
    /// The same sums for the same period of the year before, where they exist.
    pub before: Option<&'a Values>,
    /// Units that reported, and units expected to.
    pub reported: usize,
    pub expected: usize,
    /// Per narrative field, the units' passages in the units' order.
    pub passages: &'a BTreeMap<String, Vec<Passage>>,
}

/// The starting text of each narrative field, by field code: paragraphs separated by a
/// blank line. A field with nothing to start from is left out.
pub fn starting_draft(m: &Material) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut first = true;
    for section in &m.template.sections {
        let mut sentence = section_sentence(m.template, section, m.totals, m.before);
        for field in section.fields.iter().filter(|f| f.kind == FieldKind::Text) {
            let mut paragraphs = Vec::new();
            if std::mem::take(&mut first) {
                paragraphs.push(format!("{}.", reported(m.reported, m.expected)));
            }
            // The section's figures open its first narrative.
            paragraphs.extend(sentence.take());
            if let Some(passages) = m.passages.get(&field.code) {
                paragraphs.extend(as_paragraphs(&grouped(passages)));
            }
            if !paragraphs.is_empty() {
                out.insert(field.code.clone(), paragraphs.join("\n\n"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::org::OrgKind;
    use crate::domain::template::tests::demo;
    use crate::domain::value::Value;

    fn values(pairs: &[(&str, u64)]) -> Values {
        pairs
            .iter()
            .map(|(code, n)| (code.to_string(), Value::Count(*n)))
            .collect()
    }

    fn passage(unit: &str, text: &str) -> Passage {
        Passage {
            unit: unit.into(),
            kind: OrgKind::Phuong,
            text: text.into(),
        }
    }

    #[test]
    fn the_draft_opens_with_who_reported_then_figures_as_sentences_then_passages() {
        let template = demo();
        let totals = values(&[
            ("tcd_luot", 1234),
            ("don_tiep_nhan", 200),
            ("don_thuoc_tham_quyen", 150),
            ("don_da_giai_quyet", 147),
        ]);
        let before = values(&[
            ("tcd_luot", 1102),
            ("don_tiep_nhan", 200),
            ("don_thuoc_tham_quyen", 160),
            ("don_da_giai_quyet", 150),
        ]);
        let passages = BTreeMap::from([
            (
                "lanh_dao_chi_dao".to_string(),
                vec![
                    passage("Phường 1", "Ban hành kế hoạch."),
                    passage("Phường 3", "Ban hành kế hoạch."),
                ],
            ),
            (
                "tiep_cong_dan_text".to_string(),
                vec![passage("Phường 7", "Tiếp công dân định kỳ.")],
            ),
        ]);
        let draft = starting_draft(&Material {
            template: &template,
            totals: &totals,
            before: Some(&before),
            reported: 168,
            expected: 171,
            passages: &passages,
        });
        assert_eq!(
            draft["tinh_hinh"], "168/171 đơn vị đã gửi báo cáo.",
            "the first heading, with no passages"
        );
        assert_eq!(
            draft["lanh_dao_chi_dao"],
            "Các phường:\n\nPhường 1, Phường 3: Ban hành kế hoạch."
        );
        assert_eq!(
            draft["tiep_cong_dan_text"],
            "Số lượt tiếp công dân: 1.234 lượt, tăng 12% so với cùng kỳ; \
             Tổng số đơn, thư tiếp nhận: 200 đơn, bằng cùng kỳ; \
             Đơn thuộc thẩm quyền giải quyết: 150 đơn, giảm 6% so với cùng kỳ; \
             Số đơn đã giải quyết: 147 đơn, giảm 2% so với cùng kỳ; \
             Tỷ lệ giải quyết đơn thuộc thẩm quyền: 98,00% (cùng kỳ 93,75%).\
             \n\nCác phường:\n\nPhường 7: Tiếp công dân định kỳ."
        );
        assert!(!draft.contains_key("tuyen_truyen"), "nothing to start from");
    }

    #[test]
    fn without_the_year_before_or_with_figures_that_break_a_rule_nothing_is_invented() {
        let template = demo();
        // More solved than within competence: the rate would be 110%, so it is left out.
        let totals = values(&[
            ("tcd_luot", 10),
            ("don_tiep_nhan", 20),
            ("don_thuoc_tham_quyen", 10),
            ("don_da_giai_quyet", 11),
        ]);
        let before = values(&[("tcd_luot", 0)]);
        let section = template
            .sections
            .iter()
            .find(|s| s.id == "tiep_cong_dan")
            .expect("section");
        let sentence = section_sentence(&template, section, &totals, Some(&before)).unwrap();
        assert_eq!(
            sentence,
            "Số lượt tiếp công dân: 10 lượt; Tổng số đơn, thư tiếp nhận: 20 đơn; \
             Đơn thuộc thẩm quyền giải quyết: 10 đơn; Số đơn đã giải quyết: 11 đơn."
        );
        assert_eq!(
            section_sentence(&template, section, &Values::new(), None),
            None
        );
    }
}
