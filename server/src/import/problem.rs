//! What is wrong with a file, and a file's refusal: every problem found in it.

use app::api::MAX_IMPORT_PROBLEMS;
use app::lang::Text;

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
    /// A problem of a line of a file that has no columns (TOML), or of the whole file.
    pub(crate) fn on_line(file: &str, line: Option<u64>, message: Text) -> Self {
        ImportError {
            line,
            ..ImportError::file(file, message)
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
