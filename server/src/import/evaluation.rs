//! Imports an evaluation criteria set, checked against the report template it reads and
//! versioned as templates are (see `versions`): evaluations scored on a version must read
//! as they were scored.

use super::problem::{db_err, ImportError, Refusal};
use crate::store;
use app::api::ImportSummary;
use app::domain::evaluation::{CriteriaSet, Problem};
use app::domain::template::Template;
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
    let set = CriteriaSet::from_toml(text).map_err(refused)?;
    // Its computed criteria read the newest version of the report template it names.
    let template = store::versions::latest::<Template>(&mut *tx, &set.report_template)
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
    Ok(super::versions::store(tx, file, set).await?)
}
