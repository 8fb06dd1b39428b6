use super::problem::{db_err, ImportError};
use super::scope::{self, At, Scope};
use super::versions::required;
use crate::store;
use app::api::{ImportChange, ImportItem, ImportSummary};
use app::domain::evaluation::CriteriaSet;
use app::domain::org::OrgTree;
use app::domain::plan::EvaluationOf;
use app::domain::plan::Plan;
use app::domain::template::Template;
use app::lang::Text;
use sqlx::AnyConnection;

/// Imports a template, as a new version when it changes a stored one (see `versions`):
/// reports written on a version must read as they were written.
pub async fn template(
    tx: &mut AnyConnection,
    file: &str,
    text: &str,
) -> Result<ImportSummary, ImportError> {
    let t = Template::from_toml(text).map_err(|e| ImportError::file(file, e.text()))?;
    super::versions::store(tx, file, t).await
}

pub async fn plan(
    tx: &mut AnyConnection,
    scope: Scope<'_>,
    file: &str,
    text: &str,
) -> Result<ImportSummary, ImportError> {
    let plan = Plan::from_toml(text).map_err(|e| ImportError::file(file, e.text()))?;
    store_plan(tx, scope, file, &plan).await
}

/// An evaluation period's criteria set must exist, and read the plan's template when it
/// scores one of its periods.
async fn check_criteria(
    tx: &mut AnyConnection,
    name: &str,
    plan: &Plan,
    evaluation: &EvaluationOf,
) -> Result<(), ImportError> {
    let id = &evaluation.criteria;
    let noun = ("bộ tiêu chí", "criteria set");
    let set: CriteriaSet = required(tx, name, id, noun).await?;
    if evaluation.year_of.is_some() && set.report_template != plan.template {
        let read = &set.report_template;
        return Err(ImportError::file(
            name,
            Text::new(
                format!(
                    "bộ tiêu chí “{id}” đọc mẫu báo cáo “{read}”, kế hoạch dùng mẫu “{}”",
                    plan.template
                ),
                format!(
                    "the criteria set “{id}” reads the report template “{read}”, the plan uses “{}”",
                    plan.template
                ),
            ),
        ));
    }
    Ok(())
}

/// Stores a checked plan: its template must exist and every assignee must be in the tree.
/// An administrator stores only plans issued in their subtree, assigning units of it, and
/// never rewrites a stored plan issued outside it.
pub async fn store_plan(
    tx: &mut AnyConnection,
    scope: Scope<'_>,
    name: &str,
    plan: &Plan,
) -> Result<ImportSummary, ImportError> {
    let noun = ("mẫu báo cáo", "report template");
    let template: Template = required(tx, name, &plan.template, noun).await?;
    for evaluation in plan.periods.iter().filter_map(|p| p.evaluation.as_ref()) {
        check_criteria(tx, name, plan, evaluation).await?;
    }
    let tree = OrgTree::new(store::org::all(&mut *tx).await.map_err(db_err(name))?)
        .map_err(|e| ImportError::file(name, e.text()))?;
    let assignments = plan
        .assignments(&tree)
        .map_err(|e| ImportError::file(name, e.text()))?;
    let before = store::plans::get(&mut *tx, &plan.id())
        .await
        .map_err(db_err(name))?;
    let at = |column| At {
        file: name,
        line: None,
        column,
    };
    if let Some(stored) = &before {
        let issuer = &stored.plan.issuer;
        scope.check(&tree, &at("number"), issuer, || {
            let id = plan.id();
            Text::new(
                format!("kế hoạch “{id}” đã có, do “{issuer}” ban hành,"),
                format!("the plan “{id}”, stored already and issued by “{issuer}”,"),
            )
        })?;
    }
    let issuer = &plan.issuer;
    scope.check(&tree, &at("issuer"), issuer, || scope::unit(issuer))?;
    for unit in assignments.keys() {
        scope.check(&tree, &at("tasks"), unit, || scope::unit(unit))?;
    }
    // A plan imported again keeps the template version its reports are written on.
    let template_version = before
        .as_ref()
        .map_or(template.version, |b| b.template_version);
    let mut summary = ImportSummary::default();
    let item = ImportItem {
        line: None,
        key: plan.id(),
        label: plan.title.clone(),
        units: std::iter::once(plan.issuer.clone())
            .chain(assignments.keys().cloned())
            .collect(),
        change: ImportChange::Unchanged,
    };
    summary.count(item, before.as_ref().map(|s| &s.plan), plan);
    store::plans::upsert(tx, plan, template_version, &assignments)
        .await
        .map_err(db_err(name))?;
    Ok(summary)
}
