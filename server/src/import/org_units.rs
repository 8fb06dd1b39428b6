use super::csv_file::{csv_records, optional_date, required};
use super::problem::{db_err, ImportError, Refusal};
use super::scope::{self, At, Scope};
use crate::store;
use app::api::{ImportChange, ImportItem, ImportSummary};
use app::domain::org::collation::VietnameseCollator;
use app::domain::org::{is_valid_code, OrgError, OrgKind, OrgTree, OrgUnit};
use app::lang::Text;
use sqlx::AnyConnection;
use std::collections::HashMap;

/// Adds or updates units (`code, parent_code, kind, name`, and optionally `valid_from`,
/// `valid_until`); units the file does not name stay as they are. An administrator's file
/// may name only units of their subtree, where they are stored and where it puts them, and
/// may not change the subtree's root.
pub async fn org_units(
    tx: &mut AnyConnection,
    scope: Scope<'_>,
    file: &str,
    text: &str,
) -> Result<ImportSummary, Refusal> {
    let name = file.to_string();
    let records = csv_records(&name, text, &["code", "parent_code", "kind", "name"])?;
    let existing = store::org::all(&mut *tx).await.map_err(db_err(&name))?;
    let mut merged: Vec<OrgUnit> = existing.clone();
    let mut lines: HashMap<String, u64> = HashMap::new();
    let mut incoming = Vec::new();
    let mut index: HashMap<String, usize> = merged
        .iter()
        .enumerate()
        .map(|(i, u)| (u.code.clone(), i))
        .collect();
    let mut refusal = Refusal::default();
    for (line, row) in &records {
        let line = *line;
        let read = (|| -> Result<(), ImportError> {
            let code = required(&name, line, row, "code")?.to_string();
            if !is_valid_code(&code) {
                return Err(ImportError::at(
                    &name,
                    line,
                    "code",
                    Text::new(
                        format!("mã đơn vị “{code}” chỉ được gồm chữ cái không dấu, chữ số và các dấu . _ -"),
                        format!("the unit code “{code}” may have only unaccented letters, digits and . _ -"),
                    ),
                ));
            }
            let kind_text = required(&name, line, row, "kind")?;
            let kind = OrgKind::parse(kind_text).ok_or_else(|| {
                let kinds = "thanh_pho, tinh, quan, huyen, thi_xa, phuong, xa, dac_khu, co_quan";
                ImportError::at(
                    &name,
                    line,
                    "kind",
                    Text::new(
                        format!("loại đơn vị “{kind_text}” không hợp lệ ({kinds})"),
                        format!("“{kind_text}” is not a kind of unit ({kinds})"),
                    ),
                )
            })?;
            let unit_name = required(&name, line, row, "name")?;
            let parent_code = row
                .get("parent_code")
                .filter(|p| !p.is_empty())
                .map(String::as_str);
            if lines.insert(code.clone(), line).is_some() {
                return Err(ImportError::at(
                    &name,
                    line,
                    "code",
                    Text::new(
                        format!("mã đơn vị “{code}” bị trùng trong tệp"),
                        format!("the unit code “{code}” appears twice in the file"),
                    ),
                ));
            }
            let mut unit = OrgUnit::new(&code, parent_code, kind, unit_name);
            // Dates come from the file when it has their columns; otherwise those stored (by a
            // lineage import, say) stay.
            let stored = index.get(&code).map(|&i| &merged[i]);
            unit.from = match optional_date(&name, line, row, "valid_from")? {
                Some(day) => day,
                None => stored.and_then(|u| u.from),
            };
            unit.until = match optional_date(&name, line, row, "valid_until")? {
                Some(day) => day,
                None => stored.and_then(|u| u.until),
            };
            if let (Some(from), Some(until)) = (unit.from, unit.until) {
                if until <= from {
                    return Err(ImportError::at(
                        &name,
                        line,
                        "valid_until",
                        Text::new(
                            "ngày chấm dứt phải sau ngày bắt đầu",
                            "the last day must come after the first",
                        ),
                    ));
                }
            }
            match index.get(&code) {
                Some(&i) => merged[i] = unit.clone(),
                None => {
                    index.insert(code, merged.len());
                    merged.push(unit.clone());
                }
            }
            incoming.push((line, unit));
            Ok(())
        })();
        refusal.note(read);
    }
    refusal.check()?;
    let after = OrgTree::new(merged.clone()).map_err(|e| {
        let culprit = match &e {
            OrgError::DuplicateCode(c) | OrgError::Cycle(c) => c.clone(),
            OrgError::UnknownParent { code, .. } => code.clone(),
        };
        let field = if matches!(e, OrgError::DuplicateCode(_)) {
            "code"
        } else {
            "parent_code"
        };
        match lines.get(&culprit) {
            Some(line) => ImportError::at(&name, *line, field, e.text()),
            None => ImportError::file(&name, e.text()),
        }
    })?;
    if let Scope::Subtree(_) = scope {
        let before =
            OrgTree::new(existing.clone()).map_err(|e| ImportError::file(&name, e.text()))?;
        let mut refusal = Refusal::default();
        for (line, unit) in &incoming {
            let at = At {
                file: &name,
                line: Some(*line),
                column: "code",
            };
            refusal.note(within_scope(scope, &before, &after, &at, unit));
        }
        refusal.check()?;
    }
    // Sort every unit once with Vietnamese collation; SQL orders by the stored position.
    let collator = VietnameseCollator::new();
    merged.sort_by(|a, b| {
        collator
            .compare(&a.name, &b.name)
            .then_with(|| a.code.cmp(&b.code))
    });
    let mut summary = ImportSummary::default();
    let before: HashMap<&str, &OrgUnit> = existing.iter().map(|u| (u.code.as_str(), u)).collect();
    for (line, u) in &incoming {
        let item = ImportItem {
            line: Some(*line),
            key: u.code.clone(),
            label: u.name.clone(),
            units: vec![u.code.clone()],
            change: ImportChange::Unchanged,
        };
        match before.get(u.code.as_str()) {
            Some(b) if b.parent_code != u.parent_code => summary.push(ImportItem {
                change: ImportChange::Moved,
                ..item
            }),
            b => summary.count(item, b.copied(), u),
        }
    }
    store::org::save(tx, &merged).await.map_err(db_err(&name))?;
    Ok(summary)
}

/// Whether an administrator of `scope` may write `unit` as a line gives it: the unit as
/// stored lies in the subtree and is not its root (unless the line repeats it), and the
/// parent the line gives lies in the subtree.
fn within_scope(
    scope: Scope<'_>,
    before: &OrgTree,
    after: &OrgTree,
    at: &At,
    unit: &OrgUnit,
) -> Result<(), ImportError> {
    let code = &unit.code;
    if let Some(stored) = before.get(code) {
        scope.check(before, at, code, || scope::unit(code))?;
        if scope.is_root(code) && stored != unit {
            return Err(at.outside(Text::new(
                format!("đơn vị “{code}” là đơn vị gốc của phạm vi quản trị của bạn: chỉ cấp trên sửa được"),
                format!("the unit “{code}” is the root of your administration scope: only the level above may change it"),
            )));
        }
        if scope.is_root(code) {
            return Ok(());
        }
    }
    let parent = unit.parent_code.as_deref().unwrap_or(code);
    let at = At {
        column: "parent_code",
        ..*at
    };
    scope.check(after, &at, parent, || scope::unit(parent))
}
