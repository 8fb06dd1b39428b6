//! What a report is: its plan, period, unit, template and tasks, read from the catalog.

use crate::catalog::Catalog;
use crate::error::AppResult;
use app::domain::evaluation::CriteriaSet;
use app::domain::org::OrgUnit;
use app::domain::plan::{Period, Task};
use app::domain::template::Template;
use app::lang::{Lang, Text};
use app::sync::{ReportKey, Slot};
use std::sync::Arc;

/// Everything fixed about a report: what its plan, period, unit and template are.
#[derive(Clone, Debug)]
pub struct ReportContext {
    pub key: ReportKey,
    pub plan_number: String,
    pub plan_title: String,
    pub period: Period,
    pub unit: OrgUnit,
    pub template: Arc<Template>,
    /// The plan tasks assigned to the unit.
    pub tasks: Vec<Task>,
    /// The report is its plan issuer's own, written from its units' (the consolidation):
    /// only its figures may differ from their sums with a reason.
    pub consolidates: bool,
    /// For an evaluation period: the criteria set the unit assesses itself against.
    pub criteria: Option<Arc<CriteriaSet>>,
}

impl ReportContext {
    /// What a person calls a slot: the field's label, the task's text, the part's name.
    pub fn slot_label(&self, slot: &Slot) -> Text {
        match slot {
            Slot::Field(code) => self.template.field(code).map_or_else(
                || Text::new(code.clone(), code.clone()),
                |f| Text::new(&f.label, f.label_en.as_ref().unwrap_or(&f.label)),
            ),
            Slot::Task(code) => {
                let text = self
                    .tasks
                    .iter()
                    .find(|t| &t.code == code)
                    .map_or_else(|| code.clone(), |t| t.text.clone());
                Text::new(text.clone(), text)
            }
            Slot::Document(part) => Text::new(part.label(Lang::Vi), part.label(Lang::En)),
            Slot::File(_) => Text::new("Tệp đính kèm", "Attached file"),
            Slot::Correction(code) => {
                let field = self.slot_label(&Slot::Field(code.clone()));
                Text::new(
                    format!("Lý do điều chỉnh: {}", field.vi),
                    format!("Reason for the correction: {}", field.en),
                )
            }
            Slot::Score(score) => score.label(self.criteria.as_deref()),
        }
    }
}

/// The report's context, or `None` when the plan has no such period or does not expect a
/// report of the unit. `started_on` is the template version the report was started on;
/// `None` for a report not started yet, which starts on its plan's.
pub fn context(
    catalog: &Catalog,
    key: &ReportKey,
    started_on: Option<u32>,
) -> AppResult<Option<ReportContext>> {
    let Some(plan) = catalog.plan(&key.plan_id) else {
        return Ok(None);
    };
    let stored = &plan.stored.plan;
    let Some(period) = stored.period(&key.period_code).cloned() else {
        return Ok(None);
    };
    let Some(unit) = catalog.tree.get(&key.unit_code).cloned() else {
        return Ok(None);
    };
    if !plan.expects(&unit, &period) {
        return Ok(None);
    }
    // The issuer's consolidated report has no tasks of its own.
    let task_codes = plan
        .assignments
        .get(&key.unit_code)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let tasks = stored
        .tasks()
        .into_iter()
        .filter(|t| task_codes.contains(&t.code))
        .collect();
    let consolidates = stored.issuer == unit.code;
    let criteria = plan.criteria_of(&period).cloned();
    Ok(Some(ReportContext {
        key: key.clone(),
        plan_number: stored.number.clone(),
        plan_title: stored.title.clone(),
        period,
        unit,
        template: catalog
            .plan_template(plan, started_on.unwrap_or(plan.stored.template_version))?,
        tasks,
        consolidates,
        criteria,
    }))
}
