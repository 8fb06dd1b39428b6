//! The demo data, shipped inside the binary and loaded through the import code into a
//! new database.

use crate::db::Db;
use crate::import::{self, ImportError};
use crate::store;
use app::domain::plan::Plan;
use chrono::Datelike;

const ORG_UNITS: &str = include_str!("../demo/org-units.csv");
const TEMPLATE: &str = include_str!("../demo/template-dan-van-chinh-quyen.toml");
const PLAN: &str = include_str!("../demo/plan-847-KH-UBND-2023.toml");
const USERS: &str = include_str!("../demo/users.csv");

/// Loads the demo when the database has no org units yet; returns whether it did.
pub async fn load_if_new(db: &Db) -> Result<bool, ImportError> {
    let existing = store::org::all(db).await.map_err(|e| ImportError {
        file: "demo".into(),
        line: None,
        field: None,
        message: e.to_string(),
    })?;
    if !existing.is_empty() {
        return Ok(false);
    }
    import::org_units(db, "demo/org-units.csv", ORG_UNITS).await?;
    import::template(db, "demo/template-dan-van-chinh-quyen.toml", TEMPLATE).await?;
    import::plan(db, "demo/plan-847-KH-UBND-2023.toml", PLAN).await?;
    // The same plan for this year and the next, so that a deadline is always ahead.
    let plan = Plan::from_toml(PLAN).map_err(|e| ImportError {
        file: "demo/plan".into(),
        line: None,
        field: None,
        message: e.to_string(),
    })?;
    let this_year = chrono::Utc::now().year();
    for year in [this_year, this_year + 1] {
        if year != plan.year {
            import::store_plan(db, "demo/plan (rolled forward)", &plan.rolled_to(year)).await?;
        }
    }
    import::users(db, "demo/users.csv", USERS).await?;
    Ok(true)
}
