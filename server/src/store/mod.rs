//! Reading and writing the domain's tables. One module per table group.

pub mod mutations;
pub mod org;
pub mod plans;
pub mod reports;
pub mod templates;
pub mod users;

/// `WITH RECURSIVE sub (code) AS (…)`: the codes of the subtree whose root's code is bound
/// as parameter `$n`, the root included. Portable to both databases.
pub fn subtree(n: u8) -> String {
    format!(
        "WITH RECURSIVE sub (code) AS (
             SELECT code FROM org_units WHERE code = ${n}
             UNION ALL
             SELECT o.code FROM org_units o JOIN sub ON o.parent_code = sub.code
         )"
    )
}

/// What an import changed, counted per record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl std::fmt::Display for Changes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} mới, {} cập nhật, {} không đổi",
            self.created, self.updated, self.unchanged
        )
    }
}

impl Changes {
    /// Counts one record given what was stored before (`None`: new).
    pub fn count<T: PartialEq>(&mut self, before: Option<&T>, after: &T) -> Change {
        match before {
            None => {
                self.created += 1;
                Change::Created
            }
            Some(b) if b == after => {
                self.unchanged += 1;
                Change::Unchanged
            }
            Some(_) => {
                self.updated += 1;
                Change::Updated
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Created,
    Updated,
    Unchanged,
}
