//! A push in one transaction: read what the batch touches once, apply it in memory
//! ([`super::apply`]), write the outcome once.

use super::apply::{apply, Applied, Stored};
use super::checks::{check_static, Refusal};
use super::context::{context, ReportContext};
use crate::auth::Actor;
use crate::catalog::Catalog;
use crate::db::{is_transient, retry_pause, Writer};
use crate::error::AppResult;
use crate::store::{mutations, reports};
use app::sync::{Mutation, MutationResult, ReportKey, ReportState};
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How many times a push that lost a race with another transaction is run again.
const ATTEMPTS: u32 = 5;

/// Applies a batch in order, in one transaction: each mutation is applied or refused alone,
/// and the answer comes once everything is committed.
pub async fn push(
    writer: &Writer,
    catalog: &Catalog,
    actor: &Actor,
    batch: &[Mutation],
) -> AppResult<Vec<MutationResult>> {
    if batch.is_empty() {
        return Ok(Vec::new());
    }
    let mut contexts: HashMap<&ReportKey, Option<ReportContext>> = HashMap::new();
    for m in batch {
        if !contexts.contains_key(&m.report) {
            contexts.insert(&m.report, context(catalog, &m.report)?);
        }
    }
    let checked: Vec<Result<&ReportContext, Refusal>> = batch
        .iter()
        .map(|m| {
            let ctx = contexts.get(&m.report).and_then(Option::as_ref);
            check_static(&catalog.tree, actor, m, ctx)
        })
        .collect();
    let mut attempt = 0;
    loop {
        attempt += 1;
        match transaction(writer, &actor.username, batch, &checked).await {
            Ok(results) => return Ok(results),
            Err(e) if attempt < ATTEMPTS && is_transient(&e) => {
                tracing::debug!(attempt, error = %e, "sync push lost a race; running it again");
                tokio::time::sleep(retry_pause(attempt)).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
}

async fn transaction(
    writer: &Writer,
    username: &str,
    batch: &[Mutation],
    checked: &[Result<&ReportContext, Refusal>],
) -> Result<Vec<MutationResult>, sqlx::Error> {
    let now = Utc::now();
    let mut tx = writer.begin().await?;
    // The reports that may change, locked before anything about them is read: a
    // concurrent push of the same report waits here, then reads what this one wrote.
    let keys: BTreeMap<String, &ReportKey> = batch
        .iter()
        .zip(checked)
        .filter(|(_, c)| c.is_ok())
        .map(|(m, _)| (m.report.id(), &m.report))
        .collect();
    let keys: Vec<&ReportKey> = keys.into_values().collect();
    let created = reports::create_missing(&mut tx, &keys, now).await?;
    let ids: Vec<String> = keys.iter().map(|k| k.id()).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let rows = reports::lock(&mut tx, writer.backend(), &ids).await?;
    let states = reports::states(&mut tx, rows).await?;

    let mutation_ids: Vec<&str> = batch.iter().map(|m| m.id.as_str()).collect();
    let write_ids: Vec<&str> = batch
        .iter()
        .filter(|m| m.change.write().is_some())
        .map(|m| m.id.as_str())
        .collect();
    let stored = Stored {
        answered: mutations::answered(&mut tx, &mutation_ids).await?,
        named: mutations::named(&mut tx, &write_ids).await?,
        reports: states.into_iter().map(|s| (s.report.id(), s)).collect(),
    };
    let applied = apply(username, batch, checked, stored, now);
    if applied.entries.is_empty() {
        // Every id was answered before: nothing to write.
        tx.rollback().await?;
        return Ok(applied.results);
    }
    write(&mut tx, username, &applied, &created, now).await?;
    tx.commit().await?;
    Ok(applied.results)
}

/// Writes what a batch changed. The change clock is taken last, so that concurrent
/// pushes of other reports overlap in everything before it.
async fn write(
    tx: &mut sqlx::AnyConnection,
    username: &str,
    applied: &Applied<'_>,
    created: &[String],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut slots = Vec::new();
    for (id, t) in &applied.reports {
        for slot in &t.slots {
            if let Some(state) = t.state.slots.get(slot) {
                slots.push((id.as_str(), slot.as_str(), state));
            }
        }
    }
    reports::replace_slots(tx, &slots).await?;
    mutations::add_bases(tx, &applied.bases).await?;
    // A report created for this batch whose every mutation was refused keeps no row.
    let unused: BTreeSet<&str> = created
        .iter()
        .map(String::as_str)
        .filter(|id| {
            applied
                .reports
                .get(*id)
                .is_none_or(|t| t.last_entry.is_none())
        })
        .collect();
    reports::delete(tx, &unused.into_iter().collect::<Vec<_>>()).await?;

    let first = mutations::advance_clock(tx, applied.entries.len()).await?;
    mutations::record(tx, &applied.entries, first, username, now).await?;
    // In id order, like the locks.
    let changed: BTreeMap<&str, (&ReportState, i64)> = applied
        .reports
        .iter()
        .filter_map(|(id, t)| {
            let index = i64::try_from(t.last_entry?).ok()?;
            Some((id.as_str(), (&t.state, first + index)))
        })
        .collect();
    for (state, seq) in changed.into_values() {
        reports::save_row(tx, state, seq, now).await?;
    }
    Ok(())
}
