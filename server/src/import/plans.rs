use super::{db_err, ImportError};
use crate::store;
use app::api::{ImportChange, ImportItem, ImportSummary};
use app::domain::org::OrgTree;
use app::domain::plan::Plan;
use app::domain::template::Template;
use sqlx::AnyConnection;

pub async fn template(
    tx: &mut AnyConnection,
    file: &str,
    text: &str,
) -> Result<ImportSummary, ImportError> {
    let name = file.to_string();
    let t = Template::from_toml(text).map_err(|e| ImportError::file(&name, e))?;
    let before = store::templates::get(&mut *tx, &t.id, t.version)
        .await
        .map_err(db_err(&name))?;
    let mut summary = ImportSummary::default();
    let item = ImportItem {
        line: None,
        key: format!("{} v{}", t.id, t.version),
        label: t.title.clone(),
        units: Vec::new(),
        change: ImportChange::Unchanged,
    };
    summary.count(item, before.as_ref(), &t);
    store::templates::upsert(tx, &t)
        .await
        .map_err(db_err(&name))?;
    Ok(summary)
}

pub async fn plan(
    tx: &mut AnyConnection,
    file: &str,
    text: &str,
) -> Result<ImportSummary, ImportError> {
    let plan = Plan::from_toml(text).map_err(|e| ImportError::file(file, e))?;
    store_plan(tx, file, &plan).await
}

/// Stores a checked plan: its template must exist and every assignee must be in the tree.
pub async fn store_plan(
    tx: &mut AnyConnection,
    name: &str,
    plan: &Plan,
) -> Result<ImportSummary, ImportError> {
    let template = store::templates::latest(&mut *tx, &plan.template)
        .await
        .map_err(db_err(name))?
        .ok_or_else(|| {
            ImportError::file(
                name,
                format!(
                    "chưa có mẫu báo cáo “{}”: hãy nhập mẫu trước",
                    plan.template
                ),
            )
        })?;
    let tree = OrgTree::new(store::org::all(&mut *tx).await.map_err(db_err(name))?)
        .map_err(|e| ImportError::file(name, e))?;
    let assignments = plan
        .assignments(&tree)
        .map_err(|e| ImportError::file(name, e))?;
    let before = store::plans::get(&mut *tx, &plan.id())
        .await
        .map_err(db_err(name))?;
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
    store::plans::upsert(tx, plan, template.version, &assignments)
        .await
        .map_err(db_err(name))?;
    Ok(summary)
}
