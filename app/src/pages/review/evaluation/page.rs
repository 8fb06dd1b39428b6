//! The results page: fetched (and kept on the device) like every review page.

use super::average_chart::AverageChart;
use super::grade_chart::GradeChart;
use super::ranking_table::RankingTable;
use crate::api::{evaluation_results_api_path, export_url, UnitQuery, UNIT_QUERY};
use crate::client::ClientError;
use crate::components::refused::Refused;
use crate::components::signed_in::SignedIn;
use crate::device::fetched::use_fetched;
use crate::domain::evaluation::EvaluationResults;
use crate::i18n::{tr, use_texts, EvaluationTexts};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn EvaluationResultsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let path = Memo::new(move |_| {
        let (p, q) = (params.get(), query.get());
        evaluation_results_api_path(
            &p.get("plan").unwrap_or_default(),
            &p.get("period").unwrap_or_default(),
            &UnitQuery {
                unit: q.get(UNIT_QUERY),
            },
        )
    });
    let data = use_fetched::<EvaluationResults>(path);
    view! {
        <SignedIn render=move |_| move || match data.get() {
            None => view! { <p>{tr(|t| t.loading)}</p> }.into_any(),
            Some(Ok(results)) => view! { <ResultsBody results path=path.get_untracked() /> }.into_any(),
            Some(Err(ClientError::Api(e))) => view! { <Refused message=e.message /> }.into_any(),
            Some(Err(_)) => view! { <p class="error">{tr(|t| t.not_on_device)}</p> }.into_any(),
        } />
    }
    .into_any()
}

#[component]
fn ResultsBody(results: EvaluationResults, path: String) -> impl IntoView {
    let t = use_texts();
    let et = move || EvaluationTexts::of(t.get().lang);
    let (xlsx, docx) = (export_url(&path, "xlsx"), export_url(&path, "docx"));
    let results = StoredValue::new(results);
    let (scope, label, set_title, plan_number) = results.with_value(|r| {
        (
            r.scope.clone(),
            r.period.label.clone(),
            r.criteria.title.clone(),
            r.plan_number.clone(),
        )
    });
    view! {
        <p class="no-print standalone"><a href="/">{tr(|t| t.back_home)}</a></p>
        <header class="card">
            // Names of units, periods and sets are data (Vietnamese, `lang`).
            <h1>{move || et().results_title} ": " <span lang="vi">{scope}</span></h1>
            <p><strong lang="vi">{label}</strong> " · " {tr(|t| t.plan)} " " {plan_number}</p>
            <p class="muted" lang="vi">{set_title}</p>
            <p class="no-print actions">
                <a class="button" href=xlsx download>{move || et().download_xlsx}</a>
                <a class="button" href=docx download>{move || et().download_docx}</a>
            </p>
        </header>
        <RankingTable results />
        <GradeChart results />
        <AverageChart results />
    }
    .into_any()
}
