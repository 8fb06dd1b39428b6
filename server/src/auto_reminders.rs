//! Automatic reminders (`app::domain::reminder_rule`): each minute, every plan period whose
//! rule is due reminds the units that have not submitted. A reminder's key (plan, period,
//! unit, rule, day) makes each go out once: after a restart the units already reminded are
//! skipped, and of several server processes on one database the insert that comes second
//! writes nothing.

use crate::catalog::{Catalog, CatalogPlan};
use crate::db::{self, Db};
use crate::error::AppResult;
use crate::review::expected_in;
use crate::state::AppState;
use crate::store;
use crate::store::notices::NewReminder;
use app::domain::plan::{days_left, Period};
use app::domain::progress::Standing;
use app::domain::reminder::{addressed, Reminder};
use app::domain::reminder_rule::{due_rule, ReminderRule};
use app::format::date;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashSet;
use std::time::Duration;

/// How often the rules are looked at: a rule holds for hours at least, so a reminder goes
/// out within a minute of its hour.
const EVERY: Duration = Duration::from_secs(60);

/// Sends the reminders due now and every minute from now on.
pub fn every_minute(state: AppState) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            let sent = match state.catalog().await {
                Ok(catalog) => send_due(&state.db, &catalog, Utc::now()).await,
                Err(e) => Err(e),
            };
            match sent {
                Ok(0) => {}
                Ok(n) => tracing::info!(reminders = n, "sent automatic reminders"),
                // Logged once here; the next minute tries again.
                Err(e) => tracing::warn!("cannot send automatic reminders: {e}"),
            }
        }
    });
}

/// Writes the reminders due at `now` that are not written yet; how many.
pub async fn send_due(db: &Db, catalog: &Catalog, now: DateTime<Utc>) -> AppResult<usize> {
    let mut sent = 0;
    for plan in &catalog.plans {
        let Some(hour) = plan.stored.plan.reminder_hour else {
            continue;
        };
        for period in &plan.stored.plan.periods {
            if let Some((rule, day)) = due_rule(period.due_before, hour, now) {
                let due = Due {
                    plan,
                    period,
                    rule,
                    day,
                    now,
                };
                sent += remind_owing(db, catalog, &due).await?;
            }
        }
    }
    Ok(sent)
}

struct Due<'c> {
    plan: &'c CatalogPlan,
    period: &'c Period,
    rule: ReminderRule,
    day: NaiveDate,
    now: DateTime<Utc>,
}

/// Reminds the units of the plan that owe the period's report to the body reports go to
/// and were not reminded by this rule yet: the units the issuer expects, except the
/// reviewing body itself, whose own report goes one level up.
async fn remind_owing(db: &Db, catalog: &Catalog, due: &Due<'_>) -> AppResult<usize> {
    let plan = &due.plan.stored.plan;
    let (plan_id, period_code) = (due.plan.id(), due.period.code.as_str());
    let Some(span) = store::org::span(db, &plan.issuer).await? else {
        return Ok(0);
    };
    let mut conn = db.acquire().await?;
    let reminded: HashSet<String> =
        store::notices::reminded(&mut conn, plan_id, period_code, due.rule, due.day)
            .await?
            .into_iter()
            .collect();
    let standings = store::reports::standings(&mut *conn, plan_id, period_code, span).await?;
    drop(conn);
    let owing: Vec<_> = expected_in(catalog, due.plan, due.period, &plan.issuer)
        .into_iter()
        .filter(|unit| unit.code != plan.reports_to && !reminded.contains(&unit.code))
        .filter_map(|unit| match standings.get(&unit.code) {
            None | Some(Standing::Missing) => Some((unit, false)),
            Some(Standing::Returned) => Some((unit, true)),
            Some(Standing::Submitted { .. } | Standing::Accepted { .. }) => None,
        })
        .collect();
    if owing.is_empty() {
        return Ok(0);
    }
    let left = days_left(due.period.due_before, due.now);
    let due_before = date(due.period.due_before);
    let letter = |returned: bool| {
        let reminder = Reminder {
            sender: catalog.tree.name_of(&plan.reports_to),
            report: &due.period.label,
            plan: &plan.number,
            due_before: &due_before,
            days_overdue: 1 - left,
            returned,
        };
        if returned || due.rule == ReminderRule::DayAfter {
            reminder.body()
        } else {
            reminder.ahead(left)
        }
    };
    let mut sent = 0;
    let mut tx = db::begin_write(db).await?;
    for (unit, returned) in owing {
        let body = addressed(&unit.addressee(), &letter(returned));
        let reminder = NewReminder {
            plan_id,
            period_code,
            unit_code: &unit.code,
            rule: due.rule,
            day: due.day,
            // No one's hand: the notices name it as automatic.
            sent_by: "",
            body: &body,
        };
        if store::notices::remind(&mut tx, &reminder, due.now).await? {
            sent += 1;
        }
    }
    tx.commit().await?;
    Ok(sent)
}
