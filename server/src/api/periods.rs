use crate::access::visible_root;
use crate::auth::Actor;
use crate::catalog::{Catalog, CatalogPlan};
use crate::error::AppResult;
use crate::review::assigned_owes_to;
use crate::startup::AppState;
use crate::store;
use app::api::{ApiError, FormerUnit, PeriodOverview, PlanOverview, Role, UnitStatus};
use app::domain::org::{OrgUnit, Span};
use app::domain::plan::Period;
use app::domain::progress::Tally;
use app::domain::status::ReportStatus;
use app::sync::ReportKey;
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
    let reviewer = actor.role != Role::NhapLieu;
    let subtree = if reviewer {
        catalog.tree.subtree(root)
    } else {
        Vec::new()
    };
    let mut out = Vec::new();
    for plan in &catalog.plans {
        // The units the plan assigns, looked up once: a country has thousands.
        let assigned: Vec<&OrgUnit> = subtree
            .iter()
            .copied()
            .filter(|u| plan.assigns(&u.code))
            .collect();
        let periods: Vec<(&Period, usize, Vec<OwnReport>)> = plan
            .stored
            .plan
            .periods
            .iter()
            .map(|period| {
                let owed = assigned
                    .iter()
                    .filter(|u| assigned_owes_to(plan, period, root, u))
                    .count();
                (period, owed, own_reports(&catalog, plan, period, &actor))
            })
            .filter(|(_, owed, own)| *owed > 0 || !own.is_empty())
            .collect();
        if periods.is_empty() {
            continue;
        }
        let mut counts: HashMap<String, Vec<_>> = HashMap::new();
        if periods.iter().any(|(_, owed, _)| *owed > 0) {
            if let Some(span) = catalog.span(root) {
                // Reports of the subtree that it is not owed: the root issuer's own, and
                // those of units that no longer existed on a period's deadline.
                let except: Vec<String> = periods
                    .iter()
                    .flat_map(|(period, _, _)| {
                        assigned
                            .iter()
                            .filter(|u| !assigned_owes_to(plan, period, root, u))
                            .map(|u| report_id(plan.id(), &period.code, &u.code))
                    })
                    .collect();
                let whole = covers_plan(&catalog, plan, span);
                let counted = store::reports::period_counts(
                    &mut *db.acquire().await?,
                    plan.id(),
                    (!whole).then_some(span),
                    &except,
                )
                .await?;
                for (period, standing, n) in counted {
                    counts.entry(period).or_default().push((standing, n));
                }
            }
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
            .map(|(period, owed, own)| PeriodOverview {
                tally: reviewer.then(|| {
                    let owed = u32::try_from(owed).unwrap_or(u32::MAX);
                    Tally::of_counts(owed, counts.remove(&period.code).unwrap_or_default())
                }),
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

/// Whether every unit the plan assigns (and its issuer) is in the subtree `span`: then the
/// subtree's reports of the plan are all of them.
fn covers_plan(catalog: &Catalog, plan: &CatalogPlan, span: Span) -> bool {
    let within = |code: &str| {
        catalog
            .span(code)
            .is_some_and(|s| span.pos <= s.pos && s.pos <= span.end)
    };
    within(&plan.stored.plan.issuer) && plan.assignments.keys().all(|u| within(u))
}

fn report_id(plan_id: &str, period_code: &str, unit_code: &str) -> String {
    ReportKey {
        plan_id: plan_id.to_string(),
        period_code: period_code.to_string(),
        unit_code: unit_code.to_string(),
    }
    .id()
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
    if actor.role != Role::NhapLieu {
        own(&actor.scope_code);
        return units;
    }
    for event in catalog.lineage.predecessors(&actor.unit_code) {
        if let Some(old) = catalog.tree.get(&event.old_code) {
            if plan.expects(old, period) {
                let former = FormerUnit {
                    name: event.old_name.clone(),
                    from: old.from,
                    until: old.until,
                };
                units.push((old, Some(former)));
            }
        }
    }
    units
}
