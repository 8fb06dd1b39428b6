//! Who an official document is from and to, worded from the org tree as Nghị định
//! 30/2020/NĐ-CP lays it out: the issuing body under its governing body, the symbol after
//! the number, the signature's title, the addressee.

use crate::domain::org::OrgUnit;
use serde::{Deserialize, Serialize};

/// The sending unit as the document's header and signature name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Sender {
    /// The governing body's line above an agency's name ("UBND THÀNH PHỐ HỒ CHÍ MINH");
    /// "ỦY BAN NHÂN DÂN" above a government's own name.
    pub above: String,
    /// The unit's own line, in capitals ("SỞ NỘI VỤ", "PHƯỜNG HẠNH THÔNG").
    pub name: String,
    /// After the number: "BC-UBND" for a people's committee, "BC-SNV" for Sở Nội vụ.
    pub symbol: String,
    /// Signing on behalf of the committee ("TM. ỦY BAN NHÂN DÂN"), or nothing for an
    /// agency's head, who signs in their own name.
    pub capacity: String,
    /// "CHỦ TỊCH", "GIÁM ĐỐC", "TRƯỞNG PHÒNG"…
    pub title: String,
}

/// How `unit` (with its parent, the governing body of an agency) sends a document.
pub fn sender(unit: &OrgUnit, parent: Option<&OrgUnit>) -> Sender {
    if !unit.kind.is_agency() {
        return Sender {
            above: "ỦY BAN NHÂN DÂN".into(),
            name: unit.name.to_uppercase(),
            symbol: "BC-UBND".into(),
            capacity: "TM. ỦY BAN NHÂN DÂN".into(),
            title: "CHỦ TỊCH".into(),
        };
    }
    // "Sở Nội vụ Thành phố Hồ Chí Minh" under the city is "SỞ NỘI VỤ" under "UBND THÀNH
    // PHỐ HỒ CHÍ MINH": the governing body's name is not repeated.
    let own = parent
        .and_then(|p| strip_suffix_ignoring_case(&unit.name, &p.name))
        .unwrap_or(&unit.name);
    Sender {
        above: parent
            .map(|p| format!("UBND {}", p.name.to_uppercase()))
            .unwrap_or_default(),
        name: own.to_uppercase(),
        symbol: format!("BC-{}", agency_symbol(unit)),
        capacity: String::new(),
        title: head_title(own).into(),
    }
}

/// An agency's symbol: the last part of its code, as the tree abbreviates it
/// (`HCM.SNV` → `SNV`, `HCM.GV.PNV` → `PNV`).
fn agency_symbol(unit: &OrgUnit) -> String {
    unit.code
        .rsplit('.')
        .next()
        .unwrap_or(&unit.code)
        .to_uppercase()
}

/// The title of an agency's head, from the kind of agency its name begins with.
fn head_title(name: &str) -> &'static str {
    let lower = name.to_lowercase();
    [
        ("sở ", "GIÁM ĐỐC"),
        ("văn phòng", "CHÁNH VĂN PHÒNG"),
        ("thanh tra", "CHÁNH THANH TRA"),
        ("phòng ", "TRƯỞNG PHÒNG"),
        ("ban ", "TRƯỞNG BAN"),
        ("trung tâm", "GIÁM ĐỐC"),
    ]
    .iter()
    .find(|(start, _)| lower.starts_with(start))
    .map(|(_, title)| *title)
    .unwrap_or("THỦ TRƯỞNG CƠ QUAN")
}

fn strip_suffix_ignoring_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let lower = text.to_lowercase();
    let suffix = suffix.to_lowercase();
    // Lowercasing Vietnamese keeps every letter's length in bytes, so the cut is the same.
    if lower.len() == text.len() && lower.ends_with(&suffix) && lower.len() > suffix.len() {
        Some(text[..text.len() - suffix.len()].trim_end())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::org::OrgKind;

    fn unit(code: &str, kind: OrgKind, name: &str) -> OrgUnit {
        OrgUnit::new(code, None, kind, name)
    }

    #[test]
    fn a_government_sends_as_its_people_s_committee() {
        let ward = unit("26890", OrgKind::Phuong, "Phường Hạnh Thông");
        let s = sender(&ward, None);
        assert_eq!(
            (s.above.as_str(), s.name.as_str()),
            ("ỦY BAN NHÂN DÂN", "PHƯỜNG HẠNH THÔNG")
        );
        assert_eq!(
            (s.symbol.as_str(), s.title.as_str()),
            ("BC-UBND", "CHỦ TỊCH")
        );
        let city = unit("HCM", OrgKind::ThanhPho, "Thành phố Hồ Chí Minh");
        assert_eq!(sender(&city, None).name, "THÀNH PHỐ HỒ CHÍ MINH");
    }

    #[test]
    fn an_agency_sends_under_its_governing_body() {
        let city = unit("HCM", OrgKind::ThanhPho, "Thành phố Hồ Chí Minh");
        let snv = unit(
            "HCM.SNV",
            OrgKind::CoQuan,
            "Sở Nội vụ Thành phố Hồ Chí Minh",
        );
        let s = sender(&snv, Some(&city));
        assert_eq!(
            (s.above.as_str(), s.name.as_str(), s.symbol.as_str()),
            ("UBND THÀNH PHỐ HỒ CHÍ MINH", "SỞ NỘI VỤ", "BC-SNV")
        );
        assert_eq!((s.capacity.as_str(), s.title.as_str()), ("", "GIÁM ĐỐC"));

        let district = unit("HCM.GV", OrgKind::Quan, "Quận Gò Vấp");
        let pnv = unit("HCM.GV.PNV", OrgKind::CoQuan, "Phòng Nội vụ quận Gò Vấp");
        let s = sender(&pnv, Some(&district));
        assert_eq!(
            (s.name.as_str(), s.title.as_str()),
            ("PHÒNG NỘI VỤ", "TRƯỞNG PHÒNG")
        );
        let vp = unit(
            "HCM.VP",
            OrgKind::CoQuan,
            "Văn phòng Ủy ban nhân dân Thành phố Hồ Chí Minh",
        );
        assert_eq!(sender(&vp, Some(&city)).title, "CHÁNH VĂN PHÒNG");
    }
}
