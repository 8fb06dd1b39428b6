//! Storing a versioned document from a file (a template, a criteria set): a stored version
//! is never changed in place, so a file that changes a stored version, or is older than
//! the newest, becomes the next version; one the same as a stored version changes nothing.

use super::problem::{db_err, ImportError};
use crate::store::versions::{self, Versioned};
use app::api::{ImportChange, ImportItem, ImportSummary};
use app::lang::Text;
use sqlx::AnyConnection;

/// The newest version of the document `id`, which `file` reads: it must have been
/// imported first. `noun` is what such a document is called, in Vietnamese and English.
pub async fn required<T: Versioned>(
    tx: &mut AnyConnection,
    file: &str,
    id: &str,
    (vi, en): (&str, &str),
) -> Result<T, ImportError> {
    versions::latest(&mut *tx, id)
        .await
        .map_err(db_err(file))?
        .ok_or_else(|| {
            ImportError::file(
                file,
                Text::new(
                    format!("chưa có {vi} “{id}”: hãy nhập {vi} trước"),
                    format!("there is no {en} “{id}” yet: import it first"),
                ),
            )
        })
}

pub async fn store<T: Versioned>(
    tx: &mut AnyConnection,
    file: &str,
    mut doc: T,
) -> Result<ImportSummary, ImportError> {
    let stored: Option<T> = versions::get(&mut *tx, doc.id(), doc.version())
        .await
        .map_err(db_err(file))?;
    let latest: Option<T> = versions::latest(&mut *tx, doc.id())
        .await
        .map_err(db_err(file))?;
    let mut summary = ImportSummary::default();
    let item = |d: &T, change| ImportItem {
        line: None,
        key: format!("{} v{}", d.id(), d.version()),
        label: d.title().to_string(),
        units: Vec::new(),
        change,
    };
    if stored.as_ref() == Some(&doc) {
        summary.push(item(&doc, ImportChange::Unchanged));
        return Ok(summary);
    }
    if let Some(latest) = latest.filter(|l| stored.is_some() || l.version() > doc.version()) {
        let mut same_as_latest = doc.clone();
        same_as_latest.set_version(latest.version());
        if same_as_latest == latest {
            summary.push(item(&latest, ImportChange::Unchanged));
            return Ok(summary);
        }
        doc.set_version(latest.version() + 1);
    }
    summary.push(item(&doc, ImportChange::Created));
    versions::insert(tx, &doc).await.map_err(db_err(file))?;
    Ok(summary)
}
