//! Files imported in the administration pages: what they are, their preview, what they did.

use serde::{Deserialize, Serialize};

/// What a file is imported as: the same files as `server import`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// `code,parent_code,kind,name[,valid_from,valid_until]`
    OrgUnits,
    /// `effective,old_code,old_name,new_code,change`
    Lineage,
    /// `username,display_name,role,unit_code,scope_code,password`
    Users,
    /// A plan (TOML).
    Plan,
    /// A report template (TOML).
    Template,
    /// An evaluation criteria set (TOML).
    Evaluation,
}

impl ImportKind {
    pub const ALL: [ImportKind; 6] = [
        ImportKind::OrgUnits,
        ImportKind::Lineage,
        ImportKind::Users,
        ImportKind::Plan,
        ImportKind::Template,
        ImportKind::Evaluation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::OrgUnits => "org_units",
            ImportKind::Lineage => "lineage",
            ImportKind::Users => "users",
            ImportKind::Plan => "plan",
            ImportKind::Template => "template",
            ImportKind::Evaluation => "evaluation",
        }
    }

    pub fn parse(s: &str) -> Option<ImportKind> {
        ImportKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A file sent for import, as its text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportFile {
    pub file_name: String,
    pub text: String,
}

/// What an import does to one record of its file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportChange {
    Created,
    Updated,
    /// A unit put under another parent.
    Moved,
    Unchanged,
}

/// One record of an imported file and what the import does to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportItem {
    /// Its line in a CSV file; none for a plan or a template.
    pub line: Option<u64>,
    /// Its code, username or id.
    pub key: String,
    /// What people call it.
    pub label: String,
    /// The units it concerns (an administrator may import only within their scope).
    pub units: Vec<String>,
    pub change: ImportChange,
}

/// What an import did, or would do: counted, and record by record.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportSummary {
    pub created: usize,
    pub updated: usize,
    pub moved: usize,
    pub unchanged: usize,
    pub items: Vec<ImportItem>,
}

impl ImportSummary {
    /// Records one record given what was stored before (`None`: new).
    pub fn count<T: PartialEq>(&mut self, item: ImportItem, before: Option<&T>, after: &T) {
        let change = match before {
            None => ImportChange::Created,
            Some(b) if b == after => ImportChange::Unchanged,
            Some(_) => ImportChange::Updated,
        };
        self.push(ImportItem { change, ..item });
    }

    pub fn push(&mut self, item: ImportItem) {
        match item.change {
            ImportChange::Created => self.created += 1,
            ImportChange::Updated => self.updated += 1,
            ImportChange::Moved => self.moved += 1,
            ImportChange::Unchanged => self.unchanged += 1,
        }
        self.items.push(item);
    }
}

impl std::fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} mới, {} cập nhật, {} chuyển đơn vị cấp trên, {} không đổi",
            self.created, self.updated, self.moved, self.unchanged
        )
    }
}

/// Why a file cannot be imported: where, and what is wrong.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportProblem {
    pub line: Option<u64>,
    pub column: Option<String>,
    pub message: String,
}

/// A file's preview: what importing it would change, or why it cannot be imported.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportPreview {
    pub summary: Option<ImportSummary>,
    /// Why the file cannot be imported: every problem, in line order, up to
    /// [`MAX_IMPORT_PROBLEMS`].
    #[serde(default)]
    pub problems: Vec<ImportProblem>,
}

/// The most problems a refused file's preview names: enough to mend a file in one go.
pub const MAX_IMPORT_PROBLEMS: usize = 100;
