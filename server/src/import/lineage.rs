use super::csv_file::{csv_records, date, required};
use super::problem::{db_err, ImportError, Refusal};
use super::scope::{self, At, Scope};
use crate::store;
use app::api::{ImportChange, ImportItem, ImportSummary};
use app::domain::lineage::{Change, Lineage, LineageEvent};
use app::domain::org::OrgTree;
use app::lang::Text;
use sqlx::AnyConnection;
use std::collections::HashMap;

/// Records what became of units on a date (`effective, old_code, old_name, new_code,
/// change`; other columns, such as the official codes, are for people) and dates the units
/// accordingly: see [`Lineage::date`]. Both units of every line must already be in the tree
/// (and, for an administrator, in their subtree).
pub async fn lineage(
    tx: &mut AnyConnection,
    scope: Scope<'_>,
    file: &str,
    text: &str,
) -> Result<ImportSummary, Refusal> {
    let name = file.to_string();
    let records = csv_records(
        &name,
        text,
        &["effective", "old_code", "old_name", "new_code", "change"],
    )?;
    let mut units = store::org::all(&mut *tx).await.map_err(db_err(&name))?;
    let index: HashMap<String, usize> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.code.clone(), i))
        .collect();
    let stored = store::lineage::all(&mut *tx).await.map_err(db_err(&name))?;
    let tree = match scope {
        Scope::Everything => None,
        Scope::Subtree(_) => {
            Some(OrgTree::new(units.clone()).map_err(|e| ImportError::file(&name, e.text()))?)
        }
    };

    let mut incoming: Vec<(u64, LineageEvent)> = Vec::new();
    let mut refusal = Refusal::default();
    for (line, row) in &records {
        let line = *line;
        let read = (|| -> Result<(), ImportError> {
            let effective = date(
                &name,
                line,
                "effective",
                required(&name, line, row, "effective")?,
            )?;
            let unit = |col: &str| -> Result<String, ImportError> {
                let code = required(&name, line, row, col)?;
                if index.contains_key(code) {
                    Ok(code.to_string())
                } else {
                    Err(ImportError::at(
                        &name,
                        line,
                        col,
                        Text::new(
                            format!(
                                "không có đơn vị “{code}” trong cây đơn vị: hãy nhập đơn vị trước"
                            ),
                            format!(
                                "there is no unit “{code}” in the tree: import the units first"
                            ),
                        ),
                    ))
                }
            };
            let old_code = unit("old_code")?;
            let new_code = unit("new_code")?;
            if let Some(tree) = &tree {
                for (column, code) in [("old_code", &old_code), ("new_code", &new_code)] {
                    let at = At {
                        file: &name,
                        line: Some(line),
                        column,
                    };
                    scope.check(tree, &at, code, || scope::unit(code))?;
                }
            }
            let change_text = required(&name, line, row, "change")?;
            let change = Change::parse(change_text).ok_or_else(|| {
                ImportError::at(
                    &name,
                    line,
                    "change",
                    Text::new(
                        format!("loại thay đổi “{change_text}” không hợp lệ (merge, split, rename, move, abolish)"),
                        format!("“{change_text}” is not a kind of change (merge, split, rename, move, abolish)"),
                    ),
                )
            })?;
            let event = LineageEvent {
                effective,
                old_code,
                old_name: required(&name, line, row, "old_name")?.to_string(),
                new_code,
                change,
            };
            if incoming.iter().any(|(_, e)| same(e, &event)) {
                return Err(ImportError::at(
                    &name,
                    line,
                    "new_code",
                    Text::new(
                        "dòng này lặp lại một dòng trước",
                        "this line repeats an earlier one",
                    ),
                ));
            }
            incoming.push((line, event));
            Ok(())
        })();
        refusal.note(read);
    }
    refusal.check()?;

    let mut summary = ImportSummary::default();
    for (line, e) in &incoming {
        let item = ImportItem {
            line: Some(*line),
            key: format!("{} → {}", e.old_code, e.new_code),
            label: format!("{} ({})", e.old_name, e.effective.format("%d/%m/%Y")),
            units: vec![e.old_code.clone(), e.new_code.clone()],
            change: ImportChange::Unchanged,
        };
        summary.count(item, stored.iter().find(|s| same(s, e)), e);
    }
    let mut events: Vec<LineageEvent> = stored
        .into_iter()
        .filter(|s| !incoming.iter().any(|(_, e)| same(s, e)))
        .collect();
    events.extend(incoming.iter().map(|(_, e)| e.clone()));
    let lineage = Lineage::new(events);
    let changed = lineage.date(&mut units);

    // The dates must now agree with every line: a unit that carries on has no end, the
    // others end on the line's date, and the new unit exists from then on.
    let mut refusal = Refusal::default();
    for (line, e) in &incoming {
        let read = (|| -> Result<(), ImportError> {
            let old = &units[index[&e.old_code]];
            let continues = e.old_code == e.new_code;
            if !continues && old.until != Some(e.effective) {
                let until = old
                    .until
                    .map(|d| d.format("%d/%m/%Y").to_string())
                    .unwrap_or_default();
                return Err(ImportError::at(
                    &name,
                    *line,
                    "effective",
                    Text::new(
                        format!("đơn vị “{}” đã có ngày chấm dứt khác ({until})", e.old_code),
                        format!(
                            "the unit “{}” already ends on another day ({until})",
                            e.old_code
                        ),
                    ),
                ));
            }
            let new = &units[index[&e.new_code]];
            if !new.exists_on(e.effective) {
                return Err(ImportError::at(
                    &name,
                    *line,
                    "new_code",
                    Text::new(
                        format!(
                            "đơn vị “{}” không tồn tại vào ngày {}",
                            e.new_code,
                            e.effective.format("%d/%m/%Y")
                        ),
                        format!(
                            "the unit “{}” does not exist on {}",
                            e.new_code,
                            e.effective.format("%d/%m/%Y")
                        ),
                    ),
                ));
            }
            Ok(())
        })();
        refusal.note(read);
    }
    refusal.check()?;

    let incoming: Vec<LineageEvent> = incoming.into_iter().map(|(_, e)| e).collect();
    store::lineage::save(&mut *tx, &incoming)
        .await
        .map_err(db_err(&name))?;
    let dated: Vec<_> = changed.iter().map(|code| &units[index[code]]).collect();
    store::org::set_dates(&mut *tx, &dated)
        .await
        .map_err(db_err(&name))?;
    Ok(summary)
}

/// Whether two lines record the same event: the same units on the same date.
fn same(a: &LineageEvent, b: &LineageEvent) -> bool {
    (a.effective, &a.old_code, &a.new_code) == (b.effective, &b.old_code, &b.new_code)
}
