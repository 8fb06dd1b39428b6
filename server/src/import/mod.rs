//! `server import …`: org units, their lineage, templates, plans and users from files.
//! Each file is one transaction: a bad file names its file, line and field and changes
//! nothing.

mod lineage;
mod org_units;
mod plans;
mod scope;
mod users;

pub use scope::Scope;

use crate::db::{self, Db};
use crate::passwords::Hashing;
use app::api::{ImportKind, ImportSummary, MAX_IMPORT_PROBLEMS};
use app::domain::plan::Plan;
use app::lang::Text;
use sqlx::AnyConnection;
use std::collections::HashMap;
use std::path::Path;
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
        ImportKind::Users => Prepared::Users(users::prepare(db, hashing, file, text, preview).await?),
        ImportKind::OrgUnits => Prepared::OrgUnits(file, text),
        ImportKind::Lineage => Prepared::Lineage(file, text),
        ImportKind::Plan => Prepared::Plan(file, text),
        ImportKind::Template => Prepared::Template(file, text),
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

/// What is wrong with a file, where: the Vietnamese as the command line prints it, both
/// languages for the administration pages.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.text().vi)]
pub struct ImportError {
    pub file: String,
    pub line: Option<u64>,
    pub field: Option<String>,
    pub message: Text,
    /// The file reaches outside its administrator's scope (see [`Scope`]), rather than
    /// being malformed.
    pub outside_scope: bool,
}

impl ImportError {
    pub(crate) fn file(file: &str, message: Text) -> Self {
        ImportError {
            file: file.to_string(),
            line: None,
            field: None,
            message,
            outside_scope: false,
        }
    }
    pub(crate) fn at(file: &str, line: u64, field: &str, message: Text) -> Self {
        ImportError {
            file: file.to_string(),
            line: Some(line),
            field: Some(field.to_string()),
            message,
            outside_scope: false,
        }
    }
    pub(crate) fn outside(at: &scope::At, message: Text) -> Self {
        ImportError {
            file: at.file.to_string(),
            line: at.line,
            field: Some(at.column.to_string()),
            message,
            outside_scope: true,
        }
    }

    /// The message after the file, line and column.
    pub fn text(&self) -> Text {
        let line = |word: &str| {
            self.line
                .map(|l| format!(", {word} {l}"))
                .unwrap_or_default()
        };
        let field = |word: &str| {
            self.field
                .as_ref()
                .map(|f| format!(", {word} “{f}”"))
                .unwrap_or_default()
        };
        Text::new(
            format!(
                "{}{}{}: {}",
                self.file,
                line("dòng"),
                field("cột"),
                self.message.vi
            ),
            format!(
                "{}{}{}: {}",
                self.file,
                line("line"),
                field("column"),
                self.message.en
            ),
        )
    }
}

/// Why a file is refused: every problem found, in the order of its lines, up to
/// [`MAX_IMPORT_PROBLEMS`]. Lines are read to the end, so that an administrator mends the whole
/// file at once rather than one line per try.
#[derive(Debug, Default)]
pub struct Refusal {
    pub problems: Vec<ImportError>,
}

impl Refusal {
    /// Keeps a line's problem, if it has one.
    pub(crate) fn note<T>(&mut self, result: Result<T, ImportError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(e) => {
                if self.problems.len() < MAX_IMPORT_PROBLEMS {
                    self.problems.push(e);
                }
                None
            }
        }
    }

    /// Refuses the file if any line had a problem.
    pub(crate) fn check(self) -> Result<(), Refusal> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }

    /// Whether the file reaches outside its administrator's scope, rather than being
    /// malformed: its first such problem.
    pub fn outside_scope(&self) -> Option<&ImportError> {
        self.problems.iter().find(|p| p.outside_scope)
    }
}

impl From<ImportError> for Refusal {
    fn from(e: ImportError) -> Self {
        Refusal { problems: vec![e] }
    }
}

/// The command line prints a problem a line.
impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lines: Vec<String> = self.problems.iter().map(|p| p.text().vi).collect();
        f.write_str(&lines.join("\n"))
    }
}

impl std::error::Error for Refusal {}

pub(crate) fn db_err(file: &str) -> impl Fn(sqlx::Error) -> ImportError + '_ {
    move |e| {
        ImportError::file(
            file,
            Text::new(
                format!("lỗi cơ sở dữ liệu: {e}"),
                format!("database error: {e}"),
            ),
        )
    }
}

/// Reads a file to import; its path names it in every error.
pub fn read(path: &Path) -> Result<(String, String), ImportError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        ImportError::file(
            &name,
            Text::new(
                format!("không đọc được tệp: {e}"),
                format!("cannot read the file: {e}"),
            ),
        )
    })?;
    Ok((name, text))
}

/// A CSV record: its line number and its values by column name.
pub(crate) type Record = (u64, HashMap<String, String>);

/// Reads a CSV whose header has exactly `columns` (in any order); yields each record's
/// line number and values by column name.
pub(crate) fn csv_records(
    name: &str,
    text: &str,
    columns: &[&str],
) -> Result<Vec<Record>, ImportError> {
    // Names are Vietnamese, left to right: none may turn the text around it.
    let text = app::format::without_direction_controls(text);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| {
            ImportError::file(
                name,
                Text::new(
                    format!("tiêu đề CSV không hợp lệ: {e}"),
                    format!("the CSV header is not valid: {e}"),
                ),
            )
        })?
        .clone();
    for c in columns {
        if !headers.iter().any(|h| h == *c) {
            return Err(ImportError::at(
                name,
                1,
                c,
                Text::new(
                    "thiếu cột này trong dòng tiêu đề",
                    "the header line lacks this column",
                ),
            ));
        }
    }
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            ImportError {
                file: name.to_string(),
                line: Some(line),
                field: None,
                message: Text::new(
                    format!("dòng CSV không hợp lệ: {e}"),
                    format!("the CSV line is not valid: {e}"),
                ),
                outside_scope: false,
            }
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let map = headers
            .iter()
            .zip(record.iter())
            .map(|(h, v)| (h.to_string(), v.to_string()))
            .collect();
        out.push((line, map));
    }
    Ok(out)
}

pub(crate) fn required<'a>(
    name: &str,
    line: u64,
    row: &'a HashMap<String, String>,
    col: &str,
) -> Result<&'a str, ImportError> {
    match row.get(col).map(String::as_str) {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(ImportError::at(
            name,
            line,
            col,
            Text::new("không được để trống", "may not be empty"),
        )),
    }
}

/// A date column that a file may leave out: `None` when the file has no such column,
/// `Some(None)` when this record leaves it empty.
pub(crate) fn optional_date(
    name: &str,
    line: u64,
    row: &HashMap<String, String>,
    col: &str,
) -> Result<Option<Option<chrono::NaiveDate>>, ImportError> {
    match row.get(col).map(String::as_str) {
        None => Ok(None),
        Some("") => Ok(Some(None)),
        Some(text) => date(name, line, col, text).map(|d| Some(Some(d))),
    }
}

/// An ISO date (`2025-07-01`).
pub(crate) fn date(
    name: &str,
    line: u64,
    col: &str,
    text: &str,
) -> Result<chrono::NaiveDate, ImportError> {
    text.parse().map_err(|_| {
        ImportError::at(
            name,
            line,
            col,
            Text::new(
                format!("ngày “{text}” không hợp lệ (dạng 2025-07-01)"),
                format!("“{text}” is not a date (write 2025-07-01)"),
            ),
        )
    })
}
