//! Many rows inserted with a few statements of fixed sizes. A statement per row pays a
//! round trip to the database for each; one statement for all of them is a new statement
//! for every count, compiled and cached anew; JSON unpacked by the database parses each
//! row once per column. Chunks of 512, 256, …, 2 and 1 rows keep ten statements per
//! table, each prepared once per connection, and take a few statements for any count.

use crate::db::Backend;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection};

const SIZES: [usize; 10] = [512, 256, 128, 64, 32, 16, 8, 4, 2, 1];

/// A statement being built, bound one value at a time.
pub type Statement<'q> = Query<'q, Any, AnyArguments<'q>>;

/// A row to insert: its values, bound in the order of the statement's columns.
pub trait Row {
    const COLUMNS: usize;
    fn bind<'q>(&'q self, statement: Statement<'q>) -> Statement<'q>;
}

/// Runs `{head} VALUES (…), (…) {tail}` over `rows`.
pub async fn insert<R: Row>(
    conn: &mut AnyConnection,
    head: &str,
    tail: &str,
    rows: &[R],
) -> Result<(), sqlx::Error> {
    let backend = Backend::of_name(conn.backend_name());
    let mut rest = rows;
    for size in SIZES {
        if rest.len() < size {
            continue;
        }
        let sql = format!("{head} VALUES {} {tail}", values(backend, R::COLUMNS, size));
        while rest.len() >= size {
            let (chunk, after) = rest.split_at(size);
            let mut statement = sqlx::query(&sql);
            for row in chunk {
                statement = row.bind(statement);
            }
            statement.execute(&mut *conn).await?;
            rest = after;
        }
    }
    Ok(())
}

/// `(…), (…)`: `count` rows of `columns` placeholders. SQLite looks a numbered
/// placeholder (`$7`) up by name in a list at every bind, which for hundreds of them takes
/// quadratic time: there they are plain `?`, bound in order. PostgreSQL needs `$n`.
fn values(backend: Backend, columns: usize, count: usize) -> String {
    let mut n = 0;
    let mut one = || {
        n += 1;
        match backend {
            Backend::Sqlite => "?".to_string(),
            Backend::Postgres => format!("${n}"),
        }
    };
    (0..count)
        .map(|_| {
            let row: Vec<String> = (0..columns).map(|_| one()).collect();
            format!("({})", row.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_suit_each_database() {
        assert_eq!(values(Backend::Sqlite, 2, 2), "(?, ?), (?, ?)");
        assert_eq!(values(Backend::Postgres, 2, 2), "($1, $2), ($3, $4)");
    }
}
