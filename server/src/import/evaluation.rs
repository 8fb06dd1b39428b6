//! Imports an evaluation criteria set. Versioned as templates are: a stored version is
//! never changed in place (evaluations scored on it must read as they were scored), so a
//! file that changes a stored version, or is older than the newest, becomes the next one.

use super::problem::{db_err, ImportError, Refusal};
use crate::store;
use app::api::{ImportChange, ImportItem, ImportSummary};
use app::domain::evaluation::{CriteriaSet, Problem};
use app::lang::Text;
use sqlx::AnyConnection;

pub async fn criteria_set(
    tx: &mut AnyConnection,
    file: &str,
    text: &str,
) -> Result<ImportSummary, Refusal> {
    let problem = |p: Problem| ImportError::on_line(file, p.line.map(|l| l as u64), p.text);
    let refused = |problems: Vec<Problem>| Refusal {
        problems: problems.into_iter().map(problem).collect(),
    };
    let mut set = CriteriaSet::from_toml(text).map_err(refused)?;
    // Its computed criteria read the newest version of the report template it names.
    let template = store::templates::latest(&mut *tx, &set.report_template)
        .await
        .map_err(db_err(file))?;
    let Some(template) = template else {
        return Err(ImportError::file(
            file,
            Text::new(
                format!(
                    "chưa có mẫu báo cáo “{}” (report_template)",
                    set.report_template
                ),
                format!(
                    "there is no report template “{}” (report_template)",
                    set.report_template
                ),
            ),
        )
        .into());
    };
    let problems = set.check_template(&template);
    if !problems.is_empty() {
        return Err(refused(problems));
    }
    let stored = store::criteria_sets::get(&mut *tx, &set.id, set.version)
        .await
        .map_err(db_err(file))?;
    let latest = store::criteria_sets::latest(&mut *tx, &set.id)
        .await
        .map_err(db_err(file))?;
    let mut summary = ImportSummary::default();
    let item = |s: &CriteriaSet, change| ImportItem {
        line: None,
        key: format!("{} v{}", s.id, s.version),
        label: s.title.clone(),
        units: Vec::new(),
        change,
    };
    if stored.as_ref() == Some(&set) {
        summary.push(item(&set, ImportChange::Unchanged));
        return Ok(summary);
    }
    if let Some(latest) = latest.filter(|l| stored.is_some() || l.version > set.version) {
        let mut same_as_latest = set.clone();
        same_as_latest.version = latest.version;
        if same_as_latest == latest {
            summary.push(item(&latest, ImportChange::Unchanged));
            return Ok(summary);
        }
        set.version = latest.version + 1;
    }
    summary.push(item(&set, ImportChange::Created));
    store::criteria_sets::insert(tx, &set)
        .await
        .map_err(db_err(file))?;
    Ok(summary)
}
