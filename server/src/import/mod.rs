//! `server import …`: org units, their lineage, templates, plans, users and evaluation
//! criteria sets from files.
//! Each file is one transaction: a bad file names its file, line and field and changes
//! nothing.

mod csv_file;
mod evaluation;
mod lineage;
mod org_units;
mod plans;
mod problem;
mod scope;
mod users;
mod versions;

pub use csv_file::read;
pub(crate) use problem::db_err;
pub use problem::{ImportError, Refusal};
pub use scope::Scope;

use crate::db::{self, Db};
use crate::passwords::Hashing;
use app::api::{ImportKind, ImportSummary};
use app::domain::plan::Plan;
use sqlx::AnyConnection;
use std::sync::Arc;

/// Imports a file in a transaction of its own (the command line, the demo).
pub async fn apply(
    db: &Db,
    kind: ImportKind,
    file: &str,
    text: &str,
) -> Result<ImportSummary, Refusal> {
    let prepared = prepare(db, &Arc::default(), kind, file, text, false).await?;
    let mut tx = db::begin_write(db).await.map_err(db_err(file))?;
    let summary = within(&mut tx, Scope::Everything, &prepared).await?;
    tx.commit().await.map_err(db_err(file))?;
    Ok(summary)
}

/// A file read, with the CPU work it needs done (a users file's password hashes) before a
/// transaction opens: the transaction that writes it then holds the database's write lock
/// for the writes alone.
pub enum Prepared<'a> {
    Users(users::Prepared),
    /// A file of another kind: its name and text.
    OrgUnits(&'a str, &'a str),
    Lineage(&'a str, &'a str),
    Plan(&'a str, &'a str),
    Template(&'a str, &'a str),
    Evaluation(&'a str, &'a str),
}

/// Prepares a file for [`within`]; a preview, which writes nothing, computes no hashes.
pub async fn prepare<'a>(
    db: &Db,
    hashing: &Arc<Hashing>,
    kind: ImportKind,
    file: &'a str,
    text: &'a str,
    preview: bool,
) -> Result<Prepared<'a>, Refusal> {
    Ok(match kind {
        ImportKind::Users => {
            Prepared::Users(users::prepare(db, hashing, file, text, preview).await?)
        }
        ImportKind::OrgUnits => Prepared::OrgUnits(file, text),
        ImportKind::Lineage => Prepared::Lineage(file, text),
        ImportKind::Plan => Prepared::Plan(file, text),
        ImportKind::Template => Prepared::Template(file, text),
        ImportKind::Evaluation => Prepared::Evaluation(file, text),
    })
}

/// Imports a prepared file inside the caller's transaction, which commits it (an
/// administrator's import, with its line in the administration log) or rolls it back (a
/// preview).
pub async fn within(
    tx: &mut AnyConnection,
    scope: Scope<'_>,
    prepared: &Prepared<'_>,
) -> Result<ImportSummary, Refusal> {
    match *prepared {
        Prepared::Users(ref users) => users::write(tx, scope, users).await,
        Prepared::OrgUnits(file, text) => org_units::org_units(tx, scope, file, text).await,
        Prepared::Lineage(file, text) => lineage::lineage(tx, scope, file, text).await,
        Prepared::Plan(file, text) => Ok(plans::plan(tx, scope, file, text).await?),
        Prepared::Template(file, text) => Ok(plans::template(tx, file, text).await?),
        Prepared::Evaluation(file, text) => evaluation::criteria_set(tx, file, text).await,
    }
}

pub async fn org_units(db: &Db, file: &str, text: &str) -> Result<ImportSummary, Refusal> {
    apply(db, ImportKind::OrgUnits, file, text).await
}

pub async fn lineage(db: &Db, file: &str, text: &str) -> Result<ImportSummary, Refusal> {
    apply(db, ImportKind::Lineage, file, text).await
}

pub async fn users(db: &Db, file: &str, text: &str) -> Result<ImportSummary, Refusal> {
    apply(db, ImportKind::Users, file, text).await
}

pub async fn plan(db: &Db, file: &str, text: &str) -> Result<ImportSummary, Refusal> {
    apply(db, ImportKind::Plan, file, text).await
}

pub async fn template(db: &Db, file: &str, text: &str) -> Result<ImportSummary, Refusal> {
    apply(db, ImportKind::Template, file, text).await
}

pub async fn evaluation(db: &Db, file: &str, text: &str) -> Result<ImportSummary, Refusal> {
    apply(db, ImportKind::Evaluation, file, text).await
}

/// Stores a plan made in the administration pages, inside the caller's transaction.
pub async fn store_plan_within(
    tx: &mut AnyConnection,
    scope: Scope<'_>,
    name: &str,
    plan: &Plan,
) -> Result<ImportSummary, ImportError> {
    plans::store_plan(tx, scope, name, plan).await
}

/// Stores a plan made in code (the demo's plans rolled forward to this year).
pub async fn store_plan(db: &Db, name: &str, plan: &Plan) -> Result<ImportSummary, Refusal> {
    let mut tx = db::begin_write(db).await.map_err(db_err(name))?;
    let summary = plans::store_plan(&mut tx, Scope::Everything, name, plan).await?;
    tx.commit().await.map_err(db_err(name))?;
    Ok(summary)
}
