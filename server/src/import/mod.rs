//! `server import …`: org units, templates, plans and users from files. Each file is one
//! transaction: a bad file names its file, line and field and changes nothing.

use crate::auth::{hash_password, verify_password};
use crate::db::Db;
use crate::store::{self, users::UserRow, Changes};
use app::api::Role;
use app::domain::org::collation::VietnameseCollator;
use app::domain::org::{OrgKind, OrgTree, OrgUnit};
use app::domain::plan::Plan;
use app::domain::template::Template;
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
#[error("{file}{}{}: {message}", line.map(|l| format!(", dòng {l}")).unwrap_or_default(), field.as_ref().map(|f| format!(", cột “{f}”")).unwrap_or_default())]
pub struct ImportError {
    pub file: String,
    pub line: Option<u64>,
    pub field: Option<String>,
    pub message: String,
}

impl ImportError {
    fn file(file: &str, message: impl ToString) -> Self {
        ImportError {
            file: file.to_string(),
            line: None,
            field: None,
            message: message.to_string(),
        }
    }
    fn at(file: &str, line: u64, field: &str, message: impl ToString) -> Self {
        ImportError {
            file: file.to_string(),
            line: Some(line),
            field: Some(field.to_string()),
            message: message.to_string(),
        }
    }
}

fn db_err(file: &str) -> impl Fn(sqlx::Error) -> ImportError + '_ {
    move |e| ImportError::file(file, format!("lỗi cơ sở dữ liệu: {e}"))
}

/// Reads a file to import; its path names it in every error.
pub fn read(path: &Path) -> Result<(String, String), ImportError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| ImportError::file(&name, format!("không đọc được tệp: {e}")))?;
    Ok((name, text))
}

/// A CSV record: its line number and its values by column name.
type Record = (u64, HashMap<String, String>);

/// Reads a CSV whose header has exactly `columns` (in any order); yields each record's
/// line number and values by column name.
fn csv_records(name: &str, text: &str, columns: &[&str]) -> Result<Vec<Record>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| ImportError::file(name, format!("tiêu đề CSV không hợp lệ: {e}")))?
        .clone();
    for c in columns {
        if !headers.iter().any(|h| h == *c) {
            return Err(ImportError::at(
                name,
                1,
                c,
                "thiếu cột này trong dòng tiêu đề",
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
                message: format!("dòng CSV không hợp lệ: {e}"),
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

fn required<'a>(
    name: &str,
    line: u64,
    row: &'a HashMap<String, String>,
    col: &str,
) -> Result<&'a str, ImportError> {
    match row.get(col).map(String::as_str) {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(ImportError::at(name, line, col, "không được để trống")),
    }
}

pub async fn org_units(db: &Db, file: &str, text: &str) -> Result<Changes, ImportError> {
    let name = file.to_string();
    let records = csv_records(&name, text, &["code", "parent_code", "kind", "name"])?;
    let mut tx = db.begin().await.map_err(db_err(&name))?;
    let existing = store::org::all(&mut *tx).await.map_err(db_err(&name))?;
    let mut merged: Vec<OrgUnit> = existing.clone();
    let mut lines: HashMap<String, u64> = HashMap::new();
    let mut incoming = Vec::new();
    for (line, row) in &records {
        let code = required(&name, *line, row, "code")?.to_string();
        // Codes go into addresses and packed query results: one word, no line breaks.
        if code.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(ImportError::at(
                &name,
                *line,
                "code",
                format!("mã đơn vị “{code}” không được chứa khoảng trắng"),
            ));
        }
        let kind_text = required(&name, *line, row, "kind")?;
        let kind = OrgKind::parse(kind_text).ok_or_else(|| {
            ImportError::at(&name, *line, "kind", format!("loại đơn vị “{kind_text}” không hợp lệ (thanh_pho, tinh, quan, huyen, thi_xa, phuong, xa, co_quan)"))
        })?;
        let unit_name = required(&name, *line, row, "name")?.to_string();
        let parent_code = row.get("parent_code").filter(|p| !p.is_empty()).cloned();
        if lines.insert(code.clone(), *line).is_some() {
            return Err(ImportError::at(
                &name,
                *line,
                "code",
                format!("mã đơn vị “{code}” bị trùng trong tệp"),
            ));
        }
        let unit = OrgUnit {
            code,
            parent_code,
            kind,
            name: unit_name,
        };
        match merged.iter_mut().find(|u| u.code == unit.code) {
            Some(slot) => *slot = unit.clone(),
            None => merged.push(unit.clone()),
        }
        incoming.push(unit);
    }
    if let Err(e) = OrgTree::new(merged.clone()) {
        let culprit = match &e {
            app::domain::org::OrgError::DuplicateCode(c) | app::domain::org::OrgError::Cycle(c) => {
                c.clone()
            }
            app::domain::org::OrgError::UnknownParent { code, .. } => code.clone(),
        };
        let field = if matches!(e, app::domain::org::OrgError::DuplicateCode(_)) {
            "code"
        } else {
            "parent_code"
        };
        return Err(match lines.get(&culprit) {
            Some(line) => ImportError::at(&name, *line, field, e),
            None => ImportError::file(&name, e),
        });
    }
    // Sort every unit once with Vietnamese collation; SQL orders by the stored position.
    let collator = VietnameseCollator::new();
    merged.sort_by(|a, b| {
        collator
            .compare(&a.name, &b.name)
            .then_with(|| a.code.cmp(&b.code))
    });
    let mut changes = Changes::default();
    let before: HashMap<&str, &OrgUnit> = existing.iter().map(|u| (u.code.as_str(), u)).collect();
    for u in &incoming {
        changes.count(before.get(u.code.as_str()).copied(), u);
    }
    store::org::save(&mut tx, &merged)
        .await
        .map_err(db_err(&name))?;
    tx.commit().await.map_err(db_err(&name))?;
    Ok(changes)
}

pub async fn template(db: &Db, file: &str, text: &str) -> Result<Changes, ImportError> {
    let name = file.to_string();
    let t = Template::from_toml(text).map_err(|e| ImportError::file(&name, e))?;
    let mut tx = db.begin().await.map_err(db_err(&name))?;
    let before = store::templates::get(&mut *tx, &t.id, t.version)
        .await
        .map_err(db_err(&name))?;
    let mut changes = Changes::default();
    changes.count(before.as_ref(), &t);
    store::templates::upsert(&mut tx, &t)
        .await
        .map_err(db_err(&name))?;
    tx.commit().await.map_err(db_err(&name))?;
    Ok(changes)
}

pub async fn plan(db: &Db, file: &str, text: &str) -> Result<Changes, ImportError> {
    let name = file.to_string();
    let plan = Plan::from_toml(text).map_err(|e| ImportError::file(&name, e))?;
    store_plan(db, &name, &plan).await
}

/// Stores a checked plan: its template must exist and every assignee must be in the tree.
pub async fn store_plan(db: &Db, name: &str, plan: &Plan) -> Result<Changes, ImportError> {
    let mut tx = db.begin().await.map_err(db_err(name))?;
    let template = store::templates::latest(&mut *tx, &plan.template)
        .await
        .map_err(db_err(name))?
        .ok_or_else(|| {
            ImportError::file(
                name,
                format!(
                    "chưa có mẫu báo cáo “{}”: hãy nhập mẫu trước",
                    plan.template
                ),
            )
        })?;
    let tree = OrgTree::new(store::org::all(&mut *tx).await.map_err(db_err(name))?)
        .map_err(|e| ImportError::file(name, e))?;
    let assignments = plan
        .assignments(&tree)
        .map_err(|e| ImportError::file(name, e))?;
    let before = store::plans::get(&mut *tx, &plan.id())
        .await
        .map_err(db_err(name))?;
    let mut changes = Changes::default();
    changes.count(before.as_ref().map(|s| &s.plan), plan);
    store::plans::upsert(&mut tx, plan, template.version, &assignments)
        .await
        .map_err(db_err(name))?;
    tx.commit().await.map_err(db_err(name))?;
    Ok(changes)
}

pub async fn users(db: &Db, file: &str, text: &str) -> Result<Changes, ImportError> {
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
    let mut tx = db.begin().await.map_err(db_err(&name))?;
    let units: HashMap<String, OrgUnit> = store::org::all(&mut *tx)
        .await
        .map_err(db_err(&name))?
        .into_iter()
        .map(|u| (u.code.clone(), u))
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut changes = Changes::default();
    for (line, row) in &records {
        let line = *line;
        let username = required(&name, line, row, "username")?.to_string();
        if !seen.insert(username.clone()) {
            return Err(ImportError::at(
                &name,
                line,
                "username",
                format!("tên đăng nhập “{username}” bị trùng trong tệp"),
            ));
        }
        let role_text = required(&name, line, row, "role")?;
        let role = Role::parse(role_text).ok_or_else(|| {
            ImportError::at(
                &name,
                line,
                "role",
                format!("vai trò “{role_text}” không hợp lệ (nhap_lieu, tong_hop, admin)"),
            )
        })?;
        let unit_code = required(&name, line, row, "unit_code")?.to_string();
        if !units.contains_key(&unit_code) {
            return Err(ImportError::at(
                &name,
                line,
                "unit_code",
                format!("không có đơn vị “{unit_code}”"),
            ));
        }
        let scope_code = match row.get("scope_code").filter(|s| !s.is_empty()) {
            Some(s) if role == Role::NhapLieu && *s != unit_code => {
                return Err(ImportError::at(
                    &name,
                    line,
                    "scope_code",
                    "cán bộ nhập liệu chỉ xem được đơn vị của mình: để trống cột này",
                ))
            }
            Some(s) if !units.contains_key(s) => {
                return Err(ImportError::at(
                    &name,
                    line,
                    "scope_code",
                    format!("không có đơn vị “{s}”"),
                ))
            }
            Some(s) => s.clone(),
            None => unit_code.clone(),
        };
        let user = UserRow {
            username: username.clone(),
            display_name: required(&name, line, row, "display_name")?.to_string(),
            role: role.as_str().to_string(),
            unit_code,
            scope_code,
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
                    "tài khoản mới cần mật khẩu",
                ))
            }
            (_, p) if p.chars().count() < 8 => {
                return Err(ImportError::at(
                    &name,
                    line,
                    "password",
                    "mật khẩu phải có ít nhất 8 ký tự",
                ))
            }
            (_, p) => hash_password(p).map_err(|e| ImportError::at(&name, line, "password", e))?,
        };
        let stored_before = before.as_ref().map(|(u, h)| (u.clone(), h.clone()));
        changes.count(stored_before.as_ref(), &(user.clone(), hash.clone()));
        store::users::upsert(&mut *tx, &user, &hash)
            .await
            .map_err(db_err(&name))?;
    }
    tx.commit().await.map_err(db_err(&name))?;
    Ok(changes)
}
