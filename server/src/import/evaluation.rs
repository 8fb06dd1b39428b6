//! Imports an evaluation criteria set, checked against the report template it reads and
//! versioned as templates are (see `versions`): evaluations scored on a version must read
//! as they were scored.

use super::problem::{ImportError, Refusal};
use super::versions::{required, store};
use app::api::ImportSummary;
use app::domain::evaluation::{CriteriaSet, Problem};
use app::domain::template::Template;
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
    let noun = ("mẫu báo cáo", "report template");
    let template: Template = required(tx, file, &set.report_template, noun).await?;
    let problems = set.check_template(&template);
    if !problems.is_empty() {
        return Err(refused(problems));
    }
    Ok(store(tx, file, set).await?)
}
