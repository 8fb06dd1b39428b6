//! The demo data, shipped inside the binary and loaded through the import code into a
//! new database: Hồ Chí Minh City as it is since 01/07/2025, with the city's plan for this
//! year and the next, and the 2023 tree of Gò Vấp and Phú Nhuận with their plan kept as
//! history, their wards linked to the new ones by the lineage.

use crate::db::Db;
use crate::import::{self, ImportError, Refusal};
use crate::store;
use app::api::ImportKind;
use app::domain::plan::Plan;
use chrono::Datelike;

const ORG_UNITS_2023: &str = include_str!("../demo/org-units.csv");
const ORG_UNITS_2025: &str = include_str!("../demo/org-units-hcm-2025.csv");
const LINEAGE: &str = include_str!("../demo/lineage-hcm-2025-07-01.csv");
const TEMPLATE: &str = include_str!("../demo/template-dan-van-chinh-quyen.toml");
const EVALUATION: &str = include_str!("../demo/evaluation-dan-van-2026.toml");
const PLAN_2023: &str = include_str!("../demo/plan-847-KH-UBND-2023.toml");
const CITY_PLAN: &str = include_str!("../demo/plan-hcm-dan-van-chinh-quyen-2026.toml");
const USERS: &str = include_str!("../demo/users.csv");

/// Loads the demo when the database has no org units yet; returns whether it did.
pub async fn load_if_new(db: &Db) -> Result<bool, Refusal> {
    let existing = store::org::all(db).await.map_err(import::db_err("demo"))?;
    if !existing.is_empty() {
        return Ok(false);
    }
    import::org_units(db, "demo/org-units.csv", ORG_UNITS_2023).await?;
    import::org_units(db, "demo/org-units-hcm-2025.csv", ORG_UNITS_2025).await?;
    import::lineage(db, "demo/lineage-hcm-2025-07-01.csv", LINEAGE).await?;
    import::template(db, "demo/template-dan-van-chinh-quyen.toml", TEMPLATE).await?;
    import::evaluation(db, "demo/evaluation-dan-van-2026.toml", EVALUATION).await?;
    import::plan(db, "demo/plan-847-KH-UBND-2023.toml", PLAN_2023).await?;
    // The city's plan for this year and the next, so that a deadline is always ahead.
    let plan = Plan::from_toml(CITY_PLAN)
        .map_err(|e| ImportError::file("demo/plan-hcm-dan-van-chinh-quyen-2026.toml", e.text()))?;
    let this_year = chrono::Utc::now().year();
    for year in [this_year, this_year + 1] {
        import::store_plan(db, "demo/plan (rolled forward)", &plan.rolled_to(year)).await?;
    }
    import::users(db, "demo/users.csv", USERS).await?;
    Ok(true)
}

/// The usernames of the demo accounts: the only ones the login page may list, whatever
/// else the database holds.
pub fn usernames() -> Vec<String> {
    csv::Reader::from_reader(USERS.as_bytes())
        .records()
        .filter_map(|r| r.ok()?.get(0).map(str::to_string))
        .collect()
}

/// Lines of the demo's files a sample keeps after the header: enough to show each column.
const SAMPLE_LINES: usize = 4;

/// A file of each kind to start from, cut from the demo's own: its name and text. Spread-
/// sheet programs open a CSV as UTF-8 only with a byte order mark, which the importer
/// reads past.
pub fn sample(kind: ImportKind) -> (&'static str, String) {
    let cut = |text: &str| {
        let lines: Vec<&str> = text.lines().take(SAMPLE_LINES + 1).collect();
        format!("\u{feff}{}\n", lines.join("\n"))
    };
    match kind {
        ImportKind::OrgUnits => ("mau-don-vi.csv", cut(ORG_UNITS_2025)),
        ImportKind::Lineage => ("mau-sap-nhap-chia-tach.csv", cut(LINEAGE)),
        // A sample's accounts do not share the demo's password.
        ImportKind::Users => (
            "mau-tai-khoan.csv",
            cut(USERS).replace(",baocao-demo", ",doi-mat-khau-nay"),
        ),
        ImportKind::Plan => ("mau-ke-hoach.toml", CITY_PLAN.to_string()),
        ImportKind::Template => ("mau-bao-cao.toml", TEMPLATE.to_string()),
        ImportKind::Evaluation => ("mau-bo-tieu-chi.toml", EVALUATION.to_string()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_accounts_are_those_of_the_shipped_file() {
        let names = super::usernames();
        assert!(names.contains(&"hcm.snv".to_string()));
        assert!(names.contains(&"govap.p01".to_string()));
        assert!(
            !names.contains(&"username".to_string()),
            "the header is not an account"
        );
    }
}
