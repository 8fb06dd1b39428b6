//! Writing pushes: read what they touch once, apply them in memory ([`super::apply`]),
//! write the outcome once, in one transaction.

use super::apply::{Applier, Changes, Stored};
use super::checks::{check_static, check_template};
use super::context::{context, ReportContext};
use crate::auth::Actor;
use crate::catalog::Catalog;
use crate::db::{from_millis, millis, Writer};
use crate::error::{AppError, AppResult};
use crate::store::{files, mutations, reports};
use app::domain::attachment::{FileHash, FileLimits};
use app::i18n::Lang;
use app::sync::refusal::Refusal;
use app::sync::{Mutation, MutationResult, Outcome, Recorded, ReportKey, ReportState, Slot};
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// A push ready to be written: who sent it, its mutations, and for each the context of
/// its report when it passed the static checks (else why it was refused), and whether its
/// value is one the plan's template version takes.
pub struct Push {
    pub username: String,
    /// The language its answers are worded in.
    pub lang: Lang,
    pub batch: Vec<Mutation>,
    checked: Vec<Result<Arc<ReportContext>, Refusal>>,
    on_plan_version: Vec<Result<(), Refusal>>,
    /// What the checks read: a report found on another template version is checked
    /// again against it.
    catalog: Arc<Catalog>,
}

impl Push {
    /// Runs the checks that do not depend on stored reports, before any transaction, the
    /// values against each plan's template version; [`write`] checks again the values of a
    /// report that turns out to be on another one.
    pub fn prepare(
        catalog: Arc<Catalog>,
        actor: &Actor,
        lang: Lang,
        batch: Vec<Mutation>,
    ) -> AppResult<Push> {
        let mut contexts: HashMap<&ReportKey, Option<Arc<ReportContext>>> = HashMap::new();
        for m in &batch {
            if !contexts.contains_key(&m.report) {
                contexts.insert(&m.report, context(&catalog, &m.report, None)?.map(Arc::new));
            }
        }
        let checked: Vec<Result<Arc<ReportContext>, Refusal>> = batch
            .iter()
            .map(|m| {
                let ctx = contexts.get(&m.report).and_then(Option::as_ref);
                check_static(&catalog.tree, actor, m, ctx).cloned()
            })
            .collect();
        let on_plan_version = batch
            .iter()
            .zip(&checked)
            .map(|(m, c)| match c {
                Ok(ctx) => check_template(ctx, m),
                Err(refusal) => Err(refusal.clone()),
            })
            .collect();
        Ok(Push {
            username: actor.username.clone(),
            lang,
            batch,
            checked,
            on_plan_version,
            catalog,
        })
    }

    /// The checks' outcome for each mutation, given the version each stored report was
    /// started on: the values written to a report on another version than its plan's (a
    /// draft not moved yet) are checked against its own version, so that a field only that
    /// version has stays writable and one only the plan's has is refused.
    fn checked_on(
        &self,
        started_on: &HashMap<String, u32>,
    ) -> Result<Vec<Result<Arc<ReportContext>, Refusal>>, AppError> {
        let mut own: HashMap<String, Arc<ReportContext>> = HashMap::new();
        let mut out = Vec::with_capacity(self.batch.len());
        for ((m, checked), on_plan) in self
            .batch
            .iter()
            .zip(&self.checked)
            .zip(&self.on_plan_version)
        {
            let outcome = match checked {
                Err(refusal) => Err(refusal.clone()),
                Ok(ctx) => {
                    let id = m.report.id();
                    match started_on.get(&id).copied() {
                        Some(version) if version != ctx.template.version => {
                            let ctx = match own.get(&id) {
                                Some(ctx) => ctx.clone(),
                                None => {
                                    let ctx = context(&self.catalog, &m.report, Some(version))?
                                        .map(Arc::new)
                                        .unwrap_or_else(|| ctx.clone());
                                    own.insert(id, ctx.clone());
                                    ctx
                                }
                            };
                            check_template(&ctx, m).map(|()| ctx)
                        }
                        _ => on_plan.clone().map(|()| ctx.clone()),
                    }
                }
            };
            out.push(outcome);
        }
        Ok(out)
    }
}

/// What became of a push once committed.
#[derive(Debug, Default)]
pub struct Written {
    /// One per mutation, in order.
    pub results: Vec<MutationResult>,
    /// The reports it changed, as committed: a pull right after need not read them again.
    pub reports: Vec<ReportState>,
}

/// Writes pushes in one transaction, as if they came one after the other.
pub async fn write(
    writer: &Writer,
    conn: &mut AnyConnection,
    pushes: &[Push],
    limits: FileLimits,
) -> Result<Vec<Written>, sqlx::Error> {
    // To the millisecond, as stored: the states answered are the states stored.
    let now = from_millis(millis(Utc::now()));
    let mut tx = writer.begin(conn).await?;
    // The reports that may change, locked before anything about them is read: a
    // concurrent transaction of the same report waits here, then reads what this one wrote.
    // A report not started yet starts on the template version it was checked against.
    let keys: BTreeMap<String, (&ReportKey, u32)> = pushes
        .iter()
        .flat_map(|p| p.batch.iter().zip(&p.checked))
        .filter_map(|(m, c)| {
            Some((
                m.report.id(),
                (&m.report, c.as_ref().ok()?.template.version),
            ))
        })
        .collect();
    let keys: Vec<(&ReportKey, u32)> = keys.into_values().collect();
    let rows = reports::claim(&mut tx, &keys, now).await?;
    let started_on: HashMap<String, u32> = rows
        .iter()
        .filter_map(|r| Some((r.key.id(), r.template_version?)))
        .collect();
    let checked = pushes
        .iter()
        .map(|p| p.checked_on(&started_on))
        .collect::<Result<Vec<_>, AppError>>()
        // Only a stored version whose template is not stored fails here.
        .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    // A row with no change yet was made for these pushes (or by a push whose every
    // mutation was refused): it is removed again unless something is applied to it.
    let blank: Vec<String> = rows
        .iter()
        .filter(|r| r.seq == 0)
        .map(|r| r.key.id())
        .collect();
    let positions: HashMap<String, i64> = rows.iter().map(|r| (r.key.id(), r.positions)).collect();
    let states = reports::states(&mut tx, rows).await?;

    let mutations = pushes.iter().flat_map(|p| &p.batch);
    let mutation_ids: Vec<&str> = mutations.clone().map(|m| m.id.as_str()).collect();
    let write_ids: Vec<&str> = mutations
        .filter(|m| m.change.write().is_some())
        .map(|m| m.id.as_str())
        .collect();
    let seen = mutations::seen(&mut tx, &mutation_ids, &write_ids).await?;
    let attached = pushes
        .iter()
        .flat_map(|p| &p.batch)
        .filter_map(|m| match m.change.write()?.0 {
            Slot::File(hash) => Some(hash),
            _ => None,
        });
    let attached: BTreeSet<FileHash> = attached.collect();
    let stored = Stored {
        answered: seen.answered,
        named: seen.named,
        reports: states.into_iter().map(|s| (s.report.id(), s)).collect(),
        files: files::stored(&mut tx, &attached).await?,
    };
    let mut applier = Applier::new(stored, limits, now);
    let results: Vec<Vec<MutationResult>> = pushes
        .iter()
        .zip(&checked)
        .map(|(p, checked)| {
            let checked: Vec<Result<&ReportContext, Refusal>> = checked
                .iter()
                .map(|c| c.as_deref().map_err(Clone::clone))
                .collect();
            applier.push(&p.username, p.lang, &p.batch, &checked)
        })
        .collect();
    let changes = applier.finish();
    if changes.entries.is_empty() {
        // Every id was answered before: nothing to write.
        tx.rollback().await?;
        let written = results.into_iter().map(|results| Written {
            results,
            reports: Vec::new(),
        });
        return Ok(written.collect());
    }
    let seqs = save(&mut tx, &changes, positions, &blank, now).await?;
    tx.commit().await?;
    let written = pushes.iter().zip(results).map(|(push, results)| {
        let changed: BTreeSet<String> = push
            .batch
            .iter()
            .zip(&results)
            .filter(|(_, r)| matches!(r.outcome, Outcome::Applied | Outcome::Conflict))
            .map(|(m, _)| m.report.id())
            .collect();
        let reports = changed
            .iter()
            .filter_map(|id| {
                let mut state = changes.reports.get(id)?.state.clone();
                state.seq = *seqs.get(id.as_str())?;
                Some(state)
            })
            .collect();
        Written { results, reports }
    });
    Ok(written.collect())
}

/// Writes what pushes changed, given the stored place in its history of each claimed
/// report's last mutation; returns the change number of each report changed. The change
/// clock is taken last, so that concurrent transactions overlap in everything before it.
async fn save<'c>(
    tx: &mut AnyConnection,
    changes: &'c Changes<'_>,
    mut positions: HashMap<String, i64>,
    blank: &[String],
    now: DateTime<Utc>,
) -> Result<BTreeMap<&'c str, i64>, sqlx::Error> {
    let (mut stored, mut slots) = (Vec::new(), Vec::new());
    for (id, t) in &changes.reports {
        for slot in &t.slots {
            if t.stored_slots.contains(slot) {
                stored.push((id.as_str(), slot.as_str()));
            }
            if let Some(state) = t.state.slots.get(slot) {
                slots.push((id.as_str(), slot.as_str(), state));
            }
        }
    }
    reports::replace_slots(tx, &stored, &slots).await?;
    mutations::add_bases(tx, &changes.bases).await?;
    let unused: BTreeSet<&str> = blank
        .iter()
        .map(String::as_str)
        .filter(|id| {
            changes
                .reports
                .get(*id)
                .is_none_or(|t| t.last_entry.is_none())
        })
        .collect();
    reports::delete(tx, &unused.into_iter().collect::<Vec<_>>()).await?;
    // Each applied mutation takes the next place in its report's history; a refusal is
    // recorded outside it.
    let places: Vec<i64> = changes
        .entries
        .iter()
        .map(|e| match positions.get_mut(&e.mutation.report.id()) {
            Some(last) if e.outcome != Recorded::Rejected => {
                *last += 1;
                *last
            }
            _ => 0,
        })
        .collect();
    mutations::record(tx, &changes.entries, &places, now).await?;

    // One change number for each report changed, in id order like the locks; the clock's
    // lock is held from here to the commit.
    let changed: BTreeMap<&str, &ReportState> = changes
        .reports
        .iter()
        .filter(|(_, t)| t.last_entry.is_some())
        .map(|(id, t)| (id.as_str(), &t.state))
        .collect();
    let first = mutations::advance_clock(tx, changed.len()).await?;
    let rows: Vec<reports::Changed> = changed
        .iter()
        .zip(first..)
        .map(|((id, state), seq)| reports::Changed {
            state,
            seq,
            positions: positions.get(*id).copied().unwrap_or_default(),
        })
        .collect();
    reports::save(tx, &rows, now).await?;
    Ok(changed.into_keys().zip(first..).collect())
}
