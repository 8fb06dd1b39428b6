//! Lists and tables of any length, bound as one JSON parameter and unpacked by the
//! database. A statement with a placeholder per value is a new statement for every length,
//! each compiled and cached anew (a multi-row insert of a thousand rows compiles to hundreds
//! of kB), and SQLite looks numbered placeholders up by name at every bind, in quadratic
//! time. With one JSON text, each query is one statement whatever the length.

use crate::db::Backend;
use serde::Serialize;
use sqlx::AnyConnection;

/// The SQL type of a column of a JSON table.
#[derive(Clone, Copy)]
pub enum Column {
    Text,
    Int,
}

/// How `conn`'s database unpacks JSON.
#[derive(Clone, Copy)]
pub struct Json(Backend);

impl Json {
    pub fn of(conn: &AnyConnection) -> Json {
        Json(Backend::of_name(conn.backend_name()))
    }

    /// `(SELECT …)`: the strings of the JSON array bound as `$n`, for `x IN …`.
    pub fn list(self, n: usize) -> String {
        match self.0 {
            Backend::Sqlite => format!("(SELECT value FROM json_each(${n}))"),
            Backend::Postgres => format!("(SELECT json_array_elements_text(${n}::json))"),
        }
    }

    /// `SELECT … WHERE true`: the rows of the JSON array of arrays bound as `$n`, a column
    /// per entry of `columns`, for `INSERT … SELECT` (the `WHERE` lets SQLite read an
    /// `ON CONFLICT` after it).
    pub fn rows(self, n: usize, columns: &[Column]) -> String {
        let picks: Vec<String> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| match (self.0, c) {
                (Backend::Sqlite, _) => format!("value ->> {i}"),
                (Backend::Postgres, Column::Text) => format!("r ->> {i}"),
                (Backend::Postgres, Column::Int) => format!("(r ->> {i})::bigint"),
            })
            .collect();
        let from = match self.0 {
            Backend::Sqlite => format!("json_each(${n})"),
            Backend::Postgres => format!("json_array_elements(${n}::json) r"),
        };
        format!("SELECT {} FROM {from} WHERE true", picks.join(", "))
    }
}

/// The JSON text of a list or a table to bind.
pub fn encode<T: Serialize + ?Sized>(value: &T) -> Result<String, sqlx::Error> {
    serde_json::to_string(value).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}
