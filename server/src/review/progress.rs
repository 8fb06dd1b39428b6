use super::period_tree::period_tree;
use crate::access::reads_subtree;
use crate::auth::Actor;
use crate::catalog::Catalog;
use crate::db::Db;
use crate::error::AppResult;
use crate::store;
use app::api::{Outstanding, ProgressView, ReminderTally, StaffAccount};
use app::domain::attachment::AttachmentKind;
use app::domain::org::collation::VietnameseCollator;
use std::collections::HashMap;

/// Who has reported in a subtree for one period, with the units still outstanding.
pub async fn progress_view(
    db: &Db,
    catalog: &Catalog,
    actor: &Actor,
    plan_id: &str,
    period_code: &str,
    unit: Option<&str>,
) -> AppResult<ProgressView> {
    let tree = period_tree(db, catalog, actor, plan_id, period_code, unit).await?;
    let root = tree.root;

    let nodes = root.outstanding();
    let codes: Vec<&str> = nodes.iter().map(|n| n.code.as_str()).collect();
    let mut staff: HashMap<String, Vec<StaffAccount>> = HashMap::new();
    for user in store::users::staff_of(&mut *db.acquire().await?, &codes).await? {
        staff.entry(user.unit_code).or_default().push(StaffAccount {
            username: user.username,
            display_name: user.display_name,
            phone: user.phone,
        });
    }
    let mut reminded =
        store::notices::tallies(&mut *db.acquire().await?, plan_id, period_code, &codes).await?;
    let mut outstanding: Vec<Outstanding> = nodes
        .into_iter()
        .filter_map(|node| {
            Some(Outstanding {
                unit_code: node.code.clone(),
                unit_name: node.name.clone(),
                addressee: catalog
                    .tree
                    .get(&node.code)
                    .map_or_else(|| node.name.clone(), |u| u.addressee()),
                standing: node.own?,
                staff: staff.remove(&node.code).unwrap_or_default(),
                reminders: reminded
                    .remove(&node.code)
                    .map(|(count, last)| ReminderTally { count, last }),
            })
        })
        .collect();
    let collator = VietnameseCollator::new();
    outstanding.sort_by(|a, b| collator.compare(&a.unit_name, &b.unit_name));

    let span = store::org::span(db, &root.code).await?;
    let mut signed_copies = Vec::new();
    if let Some(span) = span {
        let mut conn = db.acquire().await?;
        for file in store::files::attached_in(&mut conn, plan_id, period_code, span).await? {
            let readable = reads_subtree(actor) || file.unit_code == actor.unit_code;
            if readable
                && file.attachment.kind == AttachmentKind::Signed
                && signed_copies.last() != Some(&file.unit_code)
            {
                signed_copies.push(file.unit_code);
            }
        }
    }
    Ok(ProgressView {
        plan_id: plan_id.to_string(),
        plan_number: tree.plan.stored.plan.number.clone(),
        plan_title: tree.plan.stored.plan.title.clone(),
        period: tree.period,
        root,
        outstanding,
        signed_copies,
    })
}
