use super::{db_err, ImportError};
use crate::db::Db;
use crate::store::{self, Changes};
use app::domain::org::OrgTree;
use app::domain::plan::Plan;
use app::domain::template::Template;

pub async fn template(db: &Db, file: &str, text: &str) -> Result<Changes, ImportError> {
    let name = file.to_string();
    let t = Template::from_toml(text).map_err(|e| ImportError::file(&name, e))?;
    let mut tx = db.begin().await.map_err(db_err(&name))?;
    let before = store::templates::get(&mut *tx, &t.id, t.version)
        .await
        .map_err(db_err(&name))?;
    let mut changes = Changes::default();
    changes.count(before.as_ref(), &t);
    store::templates::upsert(&mut tx, &t)
        .await
        .map_err(db_err(&name))?;
    tx.commit().await.map_err(db_err(&name))?;
    Ok(changes)
}

pub async fn plan(db: &Db, file: &str, text: &str) -> Result<Changes, ImportError> {
    let name = file.to_string();
    let plan = Plan::from_toml(text).map_err(|e| ImportError::file(&name, e))?;
    store_plan(db, &name, &plan).await
}

/// Stores a checked plan: its template must exist and every assignee must be in the tree.
pub async fn store_plan(db: &Db, name: &str, plan: &Plan) -> Result<Changes, ImportError> {
    let mut tx = db.begin().await.map_err(db_err(name))?;
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
    let mut changes = Changes::default();
    changes.count(before.as_ref().map(|s| &s.plan), plan);
    store::plans::upsert(&mut tx, plan, template.version, &assignments)
        .await
        .map_err(db_err(name))?;
    tx.commit().await.map_err(db_err(name))?;
    Ok(changes)
}
