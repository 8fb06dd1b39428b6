//! What an evaluation reads of its units' year, for many units in three queries: each
//! one's annual report as submitted, and how each report it owed under the plan arrived.

use crate::catalog::CatalogPlan;
use crate::store;
use app::domain::evaluation::scoring::Arrival;
use app::domain::evaluation::YearFigures;
use app::domain::org::OrgUnit;
use app::domain::plan::Period;
use sqlx::AnyConnection;
use std::collections::HashMap;

/// The year's figures of each of `units` for the evaluation `period` of `plan`, by unit
/// code. The annual report counts once submitted (a draft is not the unit's word yet);
/// the reports owed are those of the plan's other periods due by the evaluation's own
/// deadline.
pub async fn year_figures(
    conn: &mut AnyConnection,
    plan: &CatalogPlan,
    period: &Period,
    units: &[&OrgUnit],
) -> Result<HashMap<String, YearFigures>, sqlx::Error> {
    let codes: Vec<&str> = units.iter().map(|u| u.code.as_str()).collect();
    let rows = store::reports::of_units(conn, plan.id(), &codes).await?;
    let row = |unit: &str, period: &str| {
        rows.iter()
            .find(|r| r.key.unit_code == unit && r.key.period_code == period)
    };
    let year_of = period
        .evaluation
        .as_ref()
        .and_then(|e| e.year_of.as_deref());
    let mut annual = match year_of {
        Some(year_of) => {
            store::reports::current_values(conn, plan.id(), year_of, &codes, "").await?
        }
        None => HashMap::new(),
    };
    let owed: Vec<&Period> = plan
        .stored
        .plan
        .periods
        .iter()
        .filter(|p| p.evaluation.is_none() && p.due_before <= period.due_before)
        .collect();
    Ok(units
        .iter()
        .map(|unit| {
            let submitted =
                |code: &str| row(&unit.code, code).is_some_and(|r| r.status.is_submitted());
            let report = year_of
                .filter(|code| submitted(code))
                .and_then(|_| annual.remove(&unit.code));
            let reports = owed
                .iter()
                .filter(|p| plan.owes(unit, p))
                .map(|p| match row(&unit.code, &p.code).and_then(|r| r.on_time) {
                    Some(true) => Arrival::OnTime,
                    Some(false) => Arrival::Late,
                    None => Arrival::Missing,
                })
                .collect();
            (unit.code.clone(), YearFigures { report, reports })
        })
        .collect())
}
