use super::{csv_records, db_err, required, ImportError};
use crate::auth::{hash_password, verify_password};
use crate::store::{self, users::UserRow};
use app::api::{ImportChange, ImportItem, ImportSummary};
use app::domain::account::{AccountFields, AccountInput};
use app::domain::org::OrgUnit;
use app::lang::{Lang, Text};
use sqlx::AnyConnection;
use std::collections::HashMap;

pub async fn users(
    tx: &mut AnyConnection,
    file: &str,
    text: &str,
) -> Result<ImportSummary, ImportError> {
    let name = file.to_string();
    let records = csv_records(
        &name,
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
    let units: HashMap<String, OrgUnit> = store::org::all(&mut *tx)
        .await
        .map_err(db_err(&name))?
        .into_iter()
        .map(|u| (u.code.clone(), u))
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut summary = ImportSummary::default();
    for (line, row) in &records {
        let line = *line;
        let input = AccountInput {
            username: required(&name, line, row, "username")?.to_string(),
            display_name: required(&name, line, row, "display_name")?.to_string(),
            role: required(&name, line, row, "role")?.to_string(),
            unit_code: required(&name, line, row, "unit_code")?.to_string(),
            scope_code: row.get("scope_code").cloned().unwrap_or_default(),
        };
        let fields =
            AccountFields::parse(&input, |code| units.contains_key(code)).map_err(|errors| {
                match errors.into_iter().next() {
                    Some(e) => ImportError::at(&name, line, &e.field, e.message),
                    None => ImportError::at(
                        &name,
                        line,
                        "username",
                        Text::new("dòng không hợp lệ", "the line is not valid"),
                    ),
                }
            })?;
        let username = fields.username.clone();
        if !seen.insert(username.clone()) {
            return Err(ImportError::at(
                &name,
                line,
                "username",
                Text::new(
                    format!("tên đăng nhập “{username}” bị trùng trong tệp"),
                    format!("the username “{username}” appears twice in the file"),
                ),
            ));
        }
        let user = UserRow {
            username: username.clone(),
            display_name: fields.display_name,
            role: fields.role.as_str().to_string(),
            unit_code: fields.unit_code,
            scope_code: fields.scope_code,
        };
        let password = row.get("password").map(String::as_str).unwrap_or("");
        let before = store::users::get(&mut *tx, &username)
            .await
            .map_err(db_err(&name))?;
        let hash = match (&before, password) {
            (Some((_, hash)), "") => hash.clone(),
            (Some((_, hash)), p) if verify_password(p, hash) => hash.clone(),
            (None, "") => {
                return Err(ImportError::at(
                    &name,
                    line,
                    "password",
                    Text::new(
                        "tài khoản mới cần mật khẩu",
                        "a new account needs a password",
                    ),
                ))
            }
            (_, p) if p.chars().count() < 8 => {
                return Err(ImportError::at(
                    &name,
                    line,
                    "password",
                    Text::new(
                        "mật khẩu phải có ít nhất 8 ký tự",
                        "a password needs at least 8 characters",
                    ),
                ))
            }
            (_, p) => hash_password(p).map_err(|e| {
                let message = Text::new(e.message(Lang::Vi), e.message(Lang::En));
                ImportError::at(&name, line, "password", message)
            })?,
        };
        let stored_before = before.as_ref().map(|(u, h)| (u.clone(), h.clone()));
        let item = ImportItem {
            line: Some(line),
            key: username.clone(),
            label: user.display_name.clone(),
            units: vec![user.unit_code.clone(), user.scope_code.clone()],
            change: ImportChange::Unchanged,
        };
        summary.count(item, stored_before.as_ref(), &(user.clone(), hash.clone()));
        store::users::upsert(&mut *tx, &user, &hash)
            .await
            .map_err(db_err(&name))?;
    }
    Ok(summary)
}
