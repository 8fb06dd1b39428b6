//! The users file (`username, display_name, role, unit_code, scope_code, password`).
//!
//! Read in two steps. [`prepare`] checks every line and computes the password hashes
//! before any transaction opens: a thousand argon2 hashes take seconds of CPU, and inside
//! the transaction they held SQLite's write lock so long that pushes and sign-ins failed.
//! [`write`] then checks each line against the stored account and writes it.
//!
//! A password given for an existing account that differs from its own acts as a reset: the
//! account's sessions end and the password must be changed at the next sign-in, since the
//! administrator knows it.

use super::csv_file::{csv_records, required};
use super::problem::{db_err, ImportError, Refusal};
use super::scope::{self, At, Scope};
use crate::db::Db;
use crate::error::AppError;
use crate::passwords::Hashing;
use crate::store::{self, accounts, users::UserRow};
use app::api::{ImportChange, ImportItem, ImportSummary};
use app::domain::account::{AccountFields, AccountInput};
use app::domain::org::OrgTree;
use app::lang::Text;
use sqlx::AnyConnection;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The fewest characters an imported password may have.
const MIN_PASSWORD_CHARS: usize = 8;

/// What a preview writes instead of a new password's hash: it is rolled back, and a preview
/// should not spend seconds hashing passwords it never stores.
const NOT_HASHED_IN_PREVIEW: &str = "(preview)";

/// A users file, checked and hashed.
pub struct Prepared {
    file: String,
    lines: Vec<Line>,
    /// For a password whose account changed between the preparing and the writing.
    hashing: Arc<Hashing>,
}

struct Line {
    line: u64,
    fields: AccountFields,
    /// As typed; empty keeps an existing account's password.
    password: String,
    /// The stored hash that `password` was found to match before the transaction.
    matched: Option<String>,
    /// `password`'s new hash, when it matched nothing.
    hash: Option<String>,
    /// The file has no `email` (`phone`) column: an account keeps the stored one.
    keeps_email: bool,
    keeps_phone: bool,
}

/// Checks every line and hashes the passwords that change (not in a preview, which writes
/// nothing), outside any transaction.
pub async fn prepare(
    db: &Db,
    hashing: &Arc<Hashing>,
    file: &str,
    text: &str,
    preview: bool,
) -> Result<Prepared, Refusal> {
    let records = csv_records(
        file,
        text,
        &[
            "username",
            "display_name",
            "role",
            "unit_code",
            "scope_code",
            "password",
        ],
    )?;
    let units: HashSet<String> = store::org::all(db)
        .await
        .map_err(db_err(file))?
        .into_iter()
        .map(|u| u.code)
        .collect();
    let stored: HashMap<String, String> = store::users::hashes(db).await.map_err(db_err(file))?;
    let mut seen = HashSet::new();
    let mut lines = Vec::with_capacity(records.len());
    let mut refusal = Refusal::default();
    for (line, row) in &records {
        let line = *line;
        let read = (|| -> Result<(), ImportError> {
            let input = AccountInput {
                username: required(file, line, row, "username")?.to_string(),
                display_name: required(file, line, row, "display_name")?.to_string(),
                role: required(file, line, row, "role")?.to_string(),
                unit_code: required(file, line, row, "unit_code")?.to_string(),
                scope_code: row.get("scope_code").cloned().unwrap_or_default(),
                email: row.get("email").cloned().unwrap_or_default(),
                phone: row.get("phone").cloned().unwrap_or_default(),
            };
            let fields =
                AccountFields::parse(&input, |code| units.contains(code)).map_err(|errors| {
                    match errors.into_iter().next() {
                        Some(e) => ImportError::at(file, line, &e.field, e.message),
                        None => ImportError::at(
                            file,
                            line,
                            "username",
                            Text::new("dòng không hợp lệ", "the line is not valid"),
                        ),
                    }
                })?;
            let username = fields.username.clone();
            if !seen.insert(username.clone()) {
                return Err(ImportError::at(
                    file,
                    line,
                    "username",
                    Text::new(
                        format!("tên đăng nhập “{username}” bị trùng trong tệp"),
                        format!("the username “{username}” appears twice in the file"),
                    ),
                ));
            }
            let password = row.get("password").cloned().unwrap_or_default();
            if !password.is_empty() && password.chars().count() < MIN_PASSWORD_CHARS {
                return Err(ImportError::at(
                    file,
                    line,
                    "password",
                    Text::new(
                        format!("mật khẩu phải có ít nhất {MIN_PASSWORD_CHARS} ký tự"),
                        format!("a password needs at least {MIN_PASSWORD_CHARS} characters"),
                    ),
                ));
            }
            lines.push(Line {
                line,
                matched: stored.get(&username).cloned(),
                fields,
                password,
                hash: None,
                keeps_email: !row.contains_key("email"),
                keeps_phone: !row.contains_key("phone"),
            });
            Ok(())
        })();
        refusal.note(read);
    }
    refusal.check()?;
    // In line order, in one kept memory: the other cores go on serving requests.
    let name = file.to_string();
    let lines = hashing
        .run(move |memory| {
            let mut lines = lines;
            for l in lines.iter_mut().filter(|l| !l.password.is_empty()) {
                l.matched = l.matched.take().filter(|h| memory.verify(&l.password, h));
                if l.matched.is_none() {
                    l.hash = Some(if preview {
                        NOT_HASHED_IN_PREVIEW.to_string()
                    } else {
                        memory
                            .hash(&l.password)
                            .map_err(|e| hashing_failed(&name, l.line, &e))?
                    });
                }
            }
            Ok::<_, ImportError>(lines)
        })
        .await
        .map_err(|e| {
            tracing::error!(?e, file, "password hashing failed");
            ImportError::file(file, e.text())
        })??;
    Ok(Prepared {
        file: file.to_string(),
        lines,
        hashing: Arc::clone(hashing),
    })
}

/// Writes the prepared lines inside the caller's transaction, each checked against the
/// account as stored now.
pub async fn write(
    tx: &mut AnyConnection,
    scope: Scope<'_>,
    prepared: &Prepared,
) -> Result<ImportSummary, Refusal> {
    let name = prepared.file.as_str();
    let tree = match scope {
        Scope::Everything => None,
        Scope::Subtree(_) => Some(
            OrgTree::new(store::org::all(&mut *tx).await.map_err(db_err(name))?)
                .map_err(|e| ImportError::file(name, e.text()))?,
        ),
    };
    let mut summary = ImportSummary::default();
    // Lines with a problem are named and skipped; the caller's transaction, refused, is
    // rolled back with whatever the others wrote.
    let mut refusal = Refusal::default();
    for l in &prepared.lines {
        let line = l.line;
        let fields = &l.fields;
        let username = &fields.username;
        let before = store::users::get(&mut *tx, username)
            .await
            .map_err(db_err(name))?;
        if let Some(tree) = &tree {
            let stored = before.as_ref().map(|(row, _)| row);
            if refusal
                .note(in_scope(scope, tree, name, l, stored))
                .is_none()
            {
                continue;
            }
        }
        let hash = match (&before, &l.hash) {
            (Some((_, stored)), _) if l.password.is_empty() => stored.clone(),
            (Some((_, stored)), _) if l.matched.as_ref() == Some(stored) => stored.clone(),
            (_, Some(hash)) => hash.clone(),
            (None, None) if l.password.is_empty() => {
                refusal.note::<()>(Err(ImportError::at(
                    name,
                    line,
                    "password",
                    Text::new(
                        "tài khoản mới cần mật khẩu",
                        "a new account needs a password",
                    ),
                )));
                continue;
            }
            // The stored hash changed since the file was prepared: hash it now, once.
            (_, None) => prepared
                .hashing
                .hash(&l.password)
                .await
                .map_err(|e| hashing_failed(name, line, &e))?,
        };
        let user = UserRow {
            username: username.clone(),
            display_name: fields.display_name.clone(),
            role: fields.role.as_str().to_string(),
            unit_code: fields.unit_code.clone(),
            scope_code: fields.scope_code.clone(),
            email: match (&before, l.keeps_email) {
                (Some((stored, _)), true) => stored.email.clone(),
                _ => fields.email.as_ref().map(|e| e.as_str().to_string()),
            },
            phone: match (&before, l.keeps_phone) {
                (Some((stored, _)), true) => stored.phone.clone(),
                _ => fields.phone.as_ref().map(|p| p.as_str().to_string()),
            },
        };
        let item = ImportItem {
            line: Some(line),
            key: username.clone(),
            label: user.display_name.clone(),
            units: vec![user.unit_code.clone(), user.scope_code.clone()],
            change: ImportChange::Unchanged,
        };
        summary.count(item, before.as_ref(), &(user.clone(), hash.clone()));
        store::users::upsert(&mut *tx, &user, &hash)
            .await
            .map_err(db_err(name))?;
        let reset = before.as_ref().is_some_and(|(_, stored)| *stored != hash);
        if reset {
            accounts::set_password(&mut *tx, username, &hash, true)
                .await
                .map_err(db_err(name))?;
            accounts::end_sessions(&mut *tx, username)
                .await
                .map_err(db_err(name))?;
        }
    }
    refusal.check()?;
    Ok(summary)
}

/// A hash that could not be computed, an internal fault: logged, and named on its line.
fn hashing_failed(file: &str, line: u64, e: &AppError) -> ImportError {
    tracing::error!(?e, file, line, "password hashing failed");
    ImportError::at(file, line, "password", e.text())
}

/// Whether an administrator of `scope` may write the line: the account as stored and as
/// the line gives it lies in the subtree.
fn in_scope(
    scope: Scope<'_>,
    tree: &OrgTree,
    name: &str,
    l: &Line,
    stored: Option<&UserRow>,
) -> Result<(), ImportError> {
    let username = &l.fields.username;
    let at = |column| At {
        file: name,
        line: Some(l.line),
        column,
    };
    if let Some(stored) = stored {
        let account = || {
            Text::new(
                format!("tài khoản “{username}”"),
                format!("the account “{username}”"),
            )
        };
        scope.check(tree, &at("username"), &stored.unit_code, account)?;
        scope.check(tree, &at("username"), &stored.scope_code, account)?;
    }
    let (unit, reach) = (&l.fields.unit_code, &l.fields.scope_code);
    scope.check(tree, &at("unit_code"), unit, || scope::unit(unit))?;
    scope.check(tree, &at("scope_code"), reach, || scope::unit(reach))
}
