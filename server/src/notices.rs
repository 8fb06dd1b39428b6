//! Notices as people read them, in the app and by mail: a stored row worded with its
//! period's label (a new plan's number and title) and its sender's name.

use crate::catalog::Catalog;
use crate::error::AppResult;
use crate::store::{self, notices::NoticeRow};
use app::api::{Notice, NoticeKind};
use std::collections::HashMap;

/// The names of the senders of notices, each looked up once.
#[derive(Default)]
pub struct Senders {
    names: HashMap<String, String>,
}

impl Senders {
    /// “Nguyễn Văn A, Phòng Nội vụ quận Gò Vấp”: who sent a notice, as the unit knows them;
    /// empty for no one's hand (an automatic reminder, the calendar).
    pub async fn name(
        &mut self,
        conn: &mut sqlx::AnyConnection,
        catalog: &Catalog,
        username: &str,
    ) -> AppResult<String> {
        if username.is_empty() {
            return Ok(String::new());
        }
        if let Some(name) = self.names.get(username) {
            return Ok(name.clone());
        }
        let name = match store::users::get(&mut *conn, username).await? {
            Some((user, _)) => format!(
                "{}, {}",
                user.display_name,
                catalog.tree.name_of(&user.unit_code)
            ),
            None => username.to_string(),
        };
        self.names.insert(username.to_string(), name.clone());
        Ok(name)
    }
}

/// The notice as the page shows it: with the period's label. A notice of a plan or period
/// no longer in the catalog is left out.
pub fn worded(catalog: &Catalog, row: NoticeRow, by: String) -> Option<Notice> {
    let plan = catalog.plan(&row.plan_id)?;
    let period = plan
        .stored
        .plan
        .periods
        .iter()
        .find(|p| p.code == row.period_code)?;
    let report = match row.kind {
        NoticeKind::NewPlan => format!("{} – {}", plan.stored.plan.number, plan.stored.plan.title),
        _ => period.label.clone(),
    };
    Some(Notice {
        id: row.id,
        kind: row.kind,
        report,
        due_before: Some(period.due_before),
        plan_id: row.plan_id,
        period_code: row.period_code,
        unit_code: row.unit_code,
        text: row.text,
        by,
        at: row.at,
        read: row.read,
    })
}
