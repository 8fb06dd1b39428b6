use crate::access::{reads_subtree, visible_root};
use crate::auth::Actor;
use crate::catalog::{Catalog, CatalogPlan};
use crate::error::AppResult;
use crate::review::period_tallies;
use crate::state::AppState;
use crate::store;
use app::api::{ApiError, FormerUnit, PeriodOverview, PlanOverview, UnitStatus};
use app::domain::org::OrgUnit;
use app::domain::plan::Period;
use app::domain::progress::Tally;
use app::domain::status::ReportStatus;
use axum::extract::State;
use axum::Json;
use std::collections::HashMap;

/// The home page: for every plan and period, the user's own reports and, for reviewers,
/// the tally of what their subtree owes. Its size does not grow with the subtree's: a
/// country's reviewer gets a line per period, not a row per unit.
#[utoipa::path(get, path = "/api/v1/periods", tag = "reports",
    responses((status = 200, body = Vec<PlanOverview>), (status = 401, body = ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    actor: Actor,
) -> AppResult<Json<Vec<PlanOverview>>> {
    let db = &state.db;
    let catalog = state.catalog().await?;
    let root = visible_root(&actor);
    let reviewer = reads_subtree(&actor);
    let subtree = if reviewer {
        catalog.tree.subtree(root)
    } else {
        Vec::new()
    };
    let mut out = Vec::new();
    for plan in &catalog.plans {
        let mut tallies = if reviewer {
            period_tallies(db, &catalog, plan, root, &subtree).await?
        } else {
            HashMap::new()
        };
        let periods: Vec<(&Period, Option<Tally>, Vec<OwnReport>)> = plan
            .stored
            .plan
            .periods
            .iter()
            .map(|period| {
                let tally = tallies.remove(&period.code);
                (period, tally, own_reports(&catalog, plan, period, &actor))
            })
            .filter(|(_, tally, own)| tally.is_some() || !own.is_empty())
            .collect();
        if periods.is_empty() {
            continue;
        }
        let mut codes: Vec<&str> = periods
            .iter()
            .flat_map(|(_, _, own)| own.iter().map(|(u, _)| u.code.as_str()))
            .collect();
        codes.sort_unstable();
        codes.dedup();
        let reports: HashMap<(String, String), store::reports::ReportRow> =
            store::reports::of_units(&mut *db.acquire().await?, plan.id(), &codes)
                .await?
                .into_iter()
                .map(|r| ((r.key.period_code.clone(), r.key.unit_code.clone()), r))
                .collect();
        let periods = periods
            .into_iter()
            .map(|(period, tally, own)| PeriodOverview {
                tally,
                units: own
                    .into_iter()
                    .map(|(u, former)| {
                        let report = reports.get(&(period.code.clone(), u.code.clone()));
                        UnitStatus {
                            unit_code: u.code.clone(),
                            unit_name: u.name.clone(),
                            unit_kind: u.kind,
                            status: report.map(|r| r.status).unwrap_or(ReportStatus::Nhap),
                            submitted_at: report.and_then(|r| r.submitted_at),
                            on_time: report.and_then(|r| r.on_time),
                            former,
                            started: report.is_some(),
                        }
                    })
                    .collect(),
                period: period.clone(),
            })
            .collect();
        let stored = &plan.stored;
        out.push(PlanOverview {
            plan_id: stored.id.clone(),
            number: stored.plan.number.clone(),
            year: stored.plan.year,
            title: stored.plan.title.clone(),
            periods,
        });
    }
    Ok(Json(out))
}

/// A unit whose report the user's home page lists, with its former name when it is
/// history of the user's unit.
type OwnReport<'c> = (&'c OrgUnit, Option<FormerUnit>);

/// The user's own reports for `period`: their unit's when it owes one; for ward staff, the
/// former units' their unit carries on; for reviewers, their scope's own report (the
/// issuer's, which consolidates the others').
fn own_reports<'c>(
    catalog: &'c Catalog,
    plan: &CatalogPlan,
    period: &Period,
    actor: &Actor,
) -> Vec<OwnReport<'c>> {
    let mut units: Vec<OwnReport<'c>> = Vec::new();
    let mut own = |code: &str| {
        if let Some(u) = catalog.tree.get(code) {
            if plan.expects(u, period) && !units.iter().any(|(x, _)| x.code == code) {
                units.push((u, None));
            }
        }
    };
    own(&actor.unit_code);
    if reads_subtree(actor) {
        own(&actor.scope_code);
        return units;
    }
    units.extend(
        catalog
            .former_units(&actor.unit_code)
            .into_iter()
            .filter(|(old, _)| plan.expects(old, period))
            .map(|(old, former)| (old, Some(former))),
    );
    units
}
