//! Everything a unit's report says about who sends it, to whom and why, read from the org
//! tree and the plan. The server words it and sends it with the report, so a device prints
//! the document offline without holding the tree.

use super::model::Signature;
use super::sender::{sender, Sender};
use super::words::place_name;
use crate::domain::org::{OrgTree, OrgUnit};
use crate::domain::plan::Plan;
use crate::format::{date, lower_first};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Letterhead {
    pub sender: Sender,
    /// Where the document is dated: "Hạnh Thông".
    pub place: String,
    /// Who "Kính gửi" names, if anyone: "Ủy ban nhân dân quận Gò Vấp".
    pub addressee: Option<String>,
    /// Who else "Nơi nhận" lists (the issuer's own report names them in its plan).
    #[serde(default)]
    pub copies: Vec<String>,
    /// Where the sender files it: "VT, PNV".
    #[serde(default = "archive")]
    pub filed: String,
    /// The plan the report answers, as the opening sentence cites it: "Kế hoạch số
    /// 847/KH-UBND ngày 15/3/2023 của Ủy ban nhân dân quận Gò Vấp về …".
    pub plan: String,
    /// The unit as the opening sentence names it: "Ủy ban nhân dân phường Hạnh Thông".
    pub unit: String,
    /// Who signs unless the report names someone: the plan's signer for the issuer's own
    /// report, else the unit head's title with the name left blank.
    pub signature: Signature,
}

impl Letterhead {
    /// `None` when the plan's issuer is not in the tree (a plan the catalog refuses).
    pub fn new(plan: &Plan, unit: &OrgUnit, tree: &OrgTree) -> Option<Letterhead> {
        let issuer = tree.get(&plan.issuer)?;
        let parent = unit.parent_code.as_deref().and_then(|c| tree.get(c));
        let own_plan = unit.code == plan.issuer;
        let upward = own_plan.then_some(&plan.upward);
        // The issuer's own report goes up to its governing body; the others go where the
        // plan says (an agency that collects them reports to the issuer).
        let recipient = if own_plan {
            parent
        } else {
            tree.get(&plan.reports_to)
                .filter(|to| to.code != unit.code)
                .or(Some(issuer))
        };
        // The place is a locality: an agency writes its governing body's.
        let place = match (own_plan, unit.kind.is_agency(), parent) {
            (true, _, _) => plan.place.clone(),
            (false, true, Some(parent)) => parent.name.clone(),
            _ if unit.kind.is_ward() => place_name(unit),
            _ => unit.name.clone(),
        };
        let from = sender(unit, parent);
        let signature = if own_plan {
            Signature {
                capacity: plan.signer.capacity.clone(),
                title: plan.signer.title.clone(),
                name: plan.signer.name.clone(),
            }
        } else {
            Signature {
                capacity: from.capacity.clone(),
                title: from.title.clone(),
                name: String::new(),
            }
        };
        // The plan names where its issuer's report goes; else its governing body.
        let addressee = match upward.filter(|u| !u.to.is_empty()) {
            Some(u) => Some(u.to.join("; ")),
            None => recipient.map(OrgUnit::addressee),
        };
        Some(Letterhead {
            place,
            addressee,
            copies: upward.map(|u| u.copies.clone()).unwrap_or_default(),
            filed: upward
                .map(|u| u.filed.clone())
                .filter(|f| !f.is_empty())
                .unwrap_or_else(archive),
            plan: format!(
                "Kế hoạch số {} ngày {} của {} về {}",
                plan.number,
                date(plan.issued_on),
                issuer.addressee(),
                lower_first(&plan.title),
            ),
            unit: unit.addressee(),
            signature,
            sender: from,
        })
    }

    /// The signature block with what the report says of its signer. A deputy signs for
    /// the head ("KT. CHỦ TỊCH" above "PHÓ CHỦ TỊCH"), as the decree lays out.
    pub fn signed(&self, name: Option<&str>, title: Option<&str>) -> Signature {
        fn set(s: Option<&str>) -> Option<&str> {
            s.map(str::trim).filter(|s| !s.is_empty())
        }
        let mut signature = self.signature.clone();
        if let Some(name) = set(name) {
            signature.name = name.to_string();
        }
        if let Some(title) = set(title) {
            let title = title.to_uppercase();
            if title.starts_with("PHÓ ") && title != signature.title {
                signature.capacity = format!("KT. {}", signature.title);
            }
            signature.title = title;
        }
        signature
    }
}

/// The archive (văn thư), where every document is filed.
fn archive() -> String {
    "VT".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letterhead() -> Letterhead {
        Letterhead {
            sender: Sender {
                above: "ỦY BAN NHÂN DÂN".into(),
                name: "PHƯỜNG HẠNH THÔNG".into(),
                symbol: "BC-UBND".into(),
                capacity: "TM. ỦY BAN NHÂN DÂN".into(),
                title: "CHỦ TỊCH".into(),
            },
            place: "Hạnh Thông".into(),
            addressee: None,
            copies: Vec::new(),
            filed: archive(),
            plan: String::new(),
            unit: String::new(),
            signature: Signature {
                capacity: "TM. ỦY BAN NHÂN DÂN".into(),
                title: "CHỦ TỊCH".into(),
                name: String::new(),
            },
        }
    }

    #[test]
    fn the_head_signs_on_behalf_of_the_committee_a_deputy_for_the_head() {
        let l = letterhead();
        let head = l.signed(Some("Nguyễn Văn An"), None);
        assert_eq!(
            (
                head.capacity.as_str(),
                head.title.as_str(),
                head.name.as_str()
            ),
            ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An")
        );
        let deputy = l.signed(Some("Trần Thị Bình"), Some("Phó Chủ tịch"));
        assert_eq!(
            (deputy.capacity.as_str(), deputy.title.as_str()),
            ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
        );
        // Nothing set: the title, and room for the name.
        assert_eq!(l.signed(Some("  "), None).name, "");
    }

    #[test]
    fn a_ward_reports_to_whom_the_plan_says() {
        use crate::domain::plan::tests::{tree, DEMO};
        let tree = tree();
        let plan = Plan::from_toml(DEMO).expect("demo plan");
        let ward = tree.get("HCM.GV.P01").expect("ward").clone();
        let l = Letterhead::new(&plan, &ward, &tree).expect("issuer in the tree");
        assert_eq!(l.place, "Phường 1");
        assert_eq!(l.sender.name, "PHƯỜNG 1");
        assert_eq!(l.addressee.as_deref(), Some("Phòng Nội vụ quận Gò Vấp"));
        assert!(
            l.plan.starts_with("Kế hoạch số 847/KH-UBND ngày "),
            "{}",
            l.plan
        );
        assert_eq!(l.unit, "Ủy ban nhân dân phường 1");
        assert_eq!(l.signature.name, "");
        // The issuer's own report goes up, signed by the plan's signer.
        let district = tree.get("HCM.GV").expect("district").clone();
        let own = Letterhead::new(&plan, &district, &tree).expect("issuer");
        assert_eq!(own.place, "Gò Vấp");
        assert_eq!(own.signature.name, plan.signer.name);
        assert_eq!(
            own.addressee.as_deref(),
            Some("Ủy ban nhân dân Thành phố Hồ Chí Minh")
        );
    }
}
