use super::query::ApiQuery;
use crate::access::reads_subtree;
use crate::auth::Actor;
use crate::catalog::{Catalog, CatalogPlan};
use crate::error::AppResult;
use crate::review::{owes_to, subtree_root};
use crate::state::AppState;
use crate::store;
use app::api::{
    ApiError, FormerUnit, TimelinessColumn, TimelinessQuery, TimelinessRow, TimelinessView,
    TIMELINESS_PAGE,
};
use app::domain::org::OrgUnit;
use app::domain::plan::Period;
use app::domain::progress::Standing;
use app::fold;
use axum::extract::State;
use axum::Json;
use std::collections::{HashMap, HashSet};

/// A unit of the grid with the former units whose history it carries on.
struct Entry<'c> {
    unit: &'c OrgUnit,
    formers: Vec<(&'c OrgUnit, FormerUnit)>,
}

/// For each unit of a subtree, its standing in every reporting period of every plan that
/// expected a report of it: on time, late, returned or missing, as a compact grid, a page
/// of 100 units at a time. A unit that carries on former units' history has their rows
/// under its own, and a former unit is shown only there.
#[utoipa::path(get, path = "/api/v1/timeliness", tag = "review", params(TimelinessQuery),
    responses((status = 200, body = TimelinessView), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get(
    State(state): State<AppState>,
    actor: Actor,
    ApiQuery(query): ApiQuery<TimelinessQuery>,
) -> AppResult<Json<TimelinessView>> {
    let catalog = state.catalog().await?;
    let root = subtree_root(&catalog, &actor, query.unit.as_deref())?;
    let unit = catalog.unit_or_404(root)?.clone();

    // Ward staff read their own unit's reports (and its former units'), not those of units
    // below it: the same rule as every other read.
    let mut entries = entries(&catalog, root);
    if !reads_subtree(&actor) {
        entries.retain(|e| e.unit.code == actor.unit_code);
    }
    let succeeded: HashSet<&str> = entries
        .iter()
        .flat_map(|e| e.formers.iter().map(|(old, _)| old.code.as_str()))
        .collect();
    let columns = columns(&catalog, root, &entries);
    // Units that never owed anything, themselves or through their former units, have no row.
    entries.retain(|e| {
        !succeeded.contains(e.unit.code.as_str())
            && columns.iter().any(|c| {
                c.owed_by(root, e.unit) || e.formers.iter().any(|(old, _)| c.owed_by(root, old))
            })
    });
    if let Some(typed) = query.q.as_deref().filter(|q| !q.trim().is_empty()) {
        entries.retain(|e| {
            fold::matches(&e.unit.name, typed)
                || e.formers.iter().any(|(_, f)| fold::matches(&f.name, typed))
        });
    }

    let units = entries.len();
    let pages = units.div_ceil(TIMELINESS_PAGE).max(1);
    let page = usize::try_from(query.page.unwrap_or(1))
        .unwrap_or(1)
        .clamp(1, pages);
    let shown: Vec<&Entry> = entries
        .iter()
        .skip((page - 1) * TIMELINESS_PAGE)
        .take(TIMELINESS_PAGE)
        .collect();

    // The reports of the page's units only, plan by plan.
    let codes: Vec<&str> = shown
        .iter()
        .flat_map(|e| std::iter::once(e.unit).chain(e.formers.iter().map(|(old, _)| *old)))
        .map(|u| u.code.as_str())
        .collect();
    let mut standings: HashMap<(String, String, String), Standing> = HashMap::new();
    let mut conn = state.db.acquire().await?;
    let plans: HashSet<&str> = columns.iter().map(|c| c.plan.id()).collect();
    for plan in plans {
        for r in store::reports::of_units(&mut conn, plan, &codes).await? {
            let k = r.key;
            standings.insert(
                (k.plan_id, k.period_code, k.unit_code),
                Standing::of(r.status, r.on_time),
            );
        }
    }
    let row = |u: &OrgUnit, former: Option<FormerUnit>| TimelinessRow {
        unit_code: u.code.clone(),
        unit_name: u.name.clone(),
        cells: columns
            .iter()
            .map(|c| {
                c.owed_by(root, u).then(|| {
                    let key = (
                        c.plan.id().to_string(),
                        c.period.code.clone(),
                        u.code.clone(),
                    );
                    standings.get(&key).copied().unwrap_or(Standing::Missing)
                })
            })
            .collect(),
        former,
    };
    let mut rows = Vec::new();
    for e in shown {
        rows.push(row(e.unit, None));
        rows.extend(
            e.formers
                .iter()
                .map(|(old, former)| row(old, Some(former.clone())))
                .filter(|r| r.cells.iter().any(Option::is_some)),
        );
    }
    Ok(Json(TimelinessView {
        unit,
        columns: columns
            .iter()
            .map(|c| TimelinessColumn {
                plan_id: c.plan.id().to_string(),
                plan_number: c.plan.stored.plan.number.clone(),
                period: c.period.clone(),
            })
            .collect(),
        rows,
        page: u32::try_from(page).unwrap_or(u32::MAX),
        pages: u32::try_from(pages).unwrap_or(u32::MAX),
        units: u32::try_from(units).unwrap_or(u32::MAX),
    }))
}

/// The units of the subtree, in tree order, with the former units each carries on (in the
/// subtree or not: a ward's staff see their predecessors of another district).
fn entries<'c>(catalog: &'c Catalog, root: &str) -> Vec<Entry<'c>> {
    catalog
        .tree
        .subtree(root)
        .into_iter()
        .map(|unit| Entry {
            unit,
            formers: catalog.former_units(&unit.code),
        })
        .collect()
}

struct Column<'c> {
    plan: &'c CatalogPlan,
    period: &'c Period,
}

impl Column<'_> {
    /// Whether `unit` owes the report of this column to the grid's root.
    fn owed_by(&self, root: &str, unit: &OrgUnit) -> bool {
        owes_to(self.plan, self.period, root, unit)
    }
}

/// Every period of every plan that some unit of the grid owes, oldest deadline first.
fn columns<'c>(catalog: &'c Catalog, root: &str, entries: &[Entry]) -> Vec<Column<'c>> {
    let mut columns: Vec<Column<'c>> = catalog
        .periods()
        .map(|(plan, period)| Column { plan, period })
        .filter(|c| {
            entries.iter().any(|e| {
                c.owed_by(root, e.unit) || e.formers.iter().any(|(old, _)| c.owed_by(root, old))
            })
        })
        .collect();
    columns.sort_by_key(|c| c.period.due_before);
    columns
}
