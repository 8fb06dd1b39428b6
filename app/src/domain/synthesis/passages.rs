//! The units' passages under one heading of a consolidated report, as a starting draft
//! reads them: grouped by kind of unit, and a passage several units gave word for word
//! written once with the units named together. What a reviewer rewrites, not a dump of
//! one paragraph per unit.

use crate::domain::org::OrgKind;
use crate::lang::Lang;

/// One unit's text under a heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    pub unit: String,
    pub kind: OrgKind,
    pub text: String,
}

/// The passages of one kind of unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub kind: OrgKind,
    /// Each distinct text, with the units that gave it, in the order first given.
    pub texts: Vec<(Vec<String>, String)>,
}

/// The passages by kind of unit, kinds in the order they first appear; within a kind,
/// identical texts (the same words, whatever the spacing) once.
pub fn grouped(passages: &[Passage]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for p in passages {
        let text = p.text.trim();
        if text.is_empty() {
            continue;
        }
        let index = match groups.iter().position(|g| g.kind == p.kind) {
            Some(i) => i,
            None => {
                groups.push(Group {
                    kind: p.kind,
                    texts: Vec::new(),
                });
                groups.len() - 1
            }
        };
        let texts = &mut groups[index].texts;
        match texts.iter_mut().find(|(_, t)| same_words(t, text)) {
            Some((units, _)) => units.push(p.unit.clone()),
            None => texts.push((vec![p.unit.clone()], text.to_string())),
        }
    }
    groups
}

fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// The groups as paragraphs: a kind's heading line ("Các phường:"), then each text after
/// the units that gave it ("Phường 1, Phường 7: …").
pub fn as_paragraphs(groups: &[Group]) -> Vec<String> {
    let mut out = Vec::new();
    for group in groups {
        out.push(format!("{}:", plural(group.kind)));
        for (units, text) in &group.texts {
            out.push(format!("{}: {text}", units.join(", ")));
        }
    }
    out
}

/// “Các phường”: the kind's units together, as a heading of their passages.
fn plural(kind: OrgKind) -> String {
    format!("Các {}", kind.name(Lang::Vi).to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(unit: &str, kind: OrgKind, text: &str) -> Passage {
        Passage {
            unit: unit.into(),
            kind,
            text: text.into(),
        }
    }

    #[test]
    fn passages_are_grouped_by_kind_and_a_shared_text_is_written_once() {
        let common = "Tổ chức hội nghị đối thoại với Nhân dân theo kế hoạch.";
        let groups = grouped(&[
            p("Phường 1", OrgKind::Phuong, common),
            p("Phòng Tư pháp", OrgKind::CoQuan, "Tham mưu văn bản."),
            p(
                "Phường 3",
                OrgKind::Phuong,
                "Ra mắt mô hình “Dân vận khéo”.",
            ),
            p(
                "Phường 7",
                OrgKind::Phuong,
                &format!("  {}\n", common.replace(' ', "  ")),
            ),
            p("Phường 10", OrgKind::Phuong, "   "),
        ]);
        assert_eq!(
            as_paragraphs(&groups),
            [
                "Các phường:",
                &format!("Phường 1, Phường 7: {common}"),
                "Phường 3: Ra mắt mô hình “Dân vận khéo”.",
                "Các cơ quan:",
                "Phòng Tư pháp: Tham mưu văn bản.",
            ]
        );
    }
}
