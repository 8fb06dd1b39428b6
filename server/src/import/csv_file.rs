//! Reading an import file: a CSV's records by column name, and the columns every kind
//! reads alike (required text, dates).

use super::problem::ImportError;
use app::lang::Text;
use std::collections::HashMap;
use std::path::Path;

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
