//! The addresses of pages and API resources, with their query strings, built in one place.

use super::review::{Basis, ConsolidationQuery, TimelinessQuery, UnitQuery};
use crate::domain::attachment::FileHash;
use serde::Serialize;

/// A report's path in the API (under `/api/v1`).
pub fn report_api_path(key: &crate::sync::ReportKey) -> String {
    format!(
        "/reports/{}/{}/{}",
        key.plan_id, key.period_code, key.unit_code
    )
}

/// Where a file of a report is uploaded (see [`super::files`]).
pub fn upload_api_path(key: &crate::sync::ReportKey, file: &FileHash) -> String {
    format!("{}/uploads/{file}", report_api_path(key))
}

/// A file of a report, as a download.
pub fn file_api_path(key: &crate::sync::ReportKey, file: &FileHash) -> String {
    format!("{}/files/{file}", report_api_path(key))
}

/// The query that names the unit a review page shows (its subtree root).
pub const UNIT_QUERY: &str = "don-vi";

/// The query that names a consolidation's basis.
pub const BASIS_QUERY: &str = "co-so";

fn with_query(path: String, pairs: &[(&str, Option<&str>)]) -> String {
    let query: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| {
            v.map(|v| {
                let v =
                    percent_encoding::utf8_percent_encode(v, percent_encoding::NON_ALPHANUMERIC);
                format!("{k}={v}")
            })
        })
        .collect();
    if query.is_empty() {
        path
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// An API path with its query, written from the struct the server reads it into.
fn api_query<Q: Serialize>(path: String, query: &Q) -> String {
    match serde_urlencoded::to_string(query) {
        Ok(query) if !query.is_empty() => format!("{path}?{query}"),
        _ => path,
    }
}

/// The progress of a subtree in the API.
pub fn progress_api_path(plan_id: &str, period_code: &str, query: &UnitQuery) -> String {
    api_query(format!("/progress/{plan_id}/{period_code}"), query)
}

/// The signed copies of a period's reports in a subtree, as one ZIP.
pub fn signed_copies_api_path(plan_id: &str, period_code: &str, query: &UnitQuery) -> String {
    api_query(
        format!("/progress/{plan_id}/{period_code}/signed-copies"),
        query,
    )
}

/// The reminders (đôn đốc) of a period, sent to the units of a subtree that owe its report.
pub fn reminders_api_path(plan_id: &str, period_code: &str) -> String {
    format!("/progress/{plan_id}/{period_code}/reminders")
}

/// The signed-in user's notices.
pub const NOTICES_API: &str = "/notices";

/// Where the signed-in user marks notices read.
pub const NOTICES_READ_API: &str = "/notices/read";

/// What reaches the signed-in user outside the app.
pub const NOTICE_SETTINGS_API: &str = "/notices/settings";

/// Where a device of the signed-in user subscribes to push messages (PUT) and
/// unsubscribes (DELETE).
pub const PUSH_SUBSCRIPTION_API: &str = "/notices/push";

/// Whether the server sends mail, for administrators.
pub const MAIL_STATUS_API: &str = "/admin/mail";

/// The page of the signed-in user's notices.
pub const NOTICES_ROUTE: &str = "/thong-bao";

/// The timeliness grid's data.
pub fn timeliness_api_path(query: &TimelinessQuery) -> String {
    api_query("/timeliness".to_string(), query)
}

/// The timeliness grid page of a subtree.
pub fn timeliness_path(unit: Option<&str>) -> String {
    timeliness_page_path(unit, None, None)
}

/// A page of the timeliness grid, filtered or not.
pub fn timeliness_page_path(unit: Option<&str>, page: Option<&str>, q: Option<&str>) -> String {
    with_query(
        TIMELINESS_ROUTE.to_string(),
        &[(UNIT_QUERY, unit), (PAGE_QUERY, page), (FILTER_QUERY, q)],
    )
}

/// The timeliness grid's address.
pub const TIMELINESS_ROUTE: &str = "/dung-han";

/// The page of the timeliness grid, in its address and in the API's.
pub const PAGE_QUERY: &str = "page";

/// The name filter of the timeliness grid.
pub const FILTER_QUERY: &str = "q";

pub fn task_progress_api_path(plan_id: &str, period_code: &str, query: &UnitQuery) -> String {
    api_query(format!("/task-progress/{plan_id}/{period_code}"), query)
}

pub fn consolidation_api_path(
    plan_id: &str,
    period_code: &str,
    query: &ConsolidationQuery,
) -> String {
    api_query(format!("/consolidation/{plan_id}/{period_code}"), query)
}

/// The address of an export of an API resource: `/api/v1{path}/{format}`, query kept.
pub fn export_url(api_path: &str, format: &str) -> String {
    match api_path.split_once('?') {
        Some((path, query)) => format!("/api/v1{path}/{format}?{query}"),
        None => format!("/api/v1{api_path}/{format}"),
    }
}

/// The progress page of a subtree.
pub fn progress_path(plan_id: &str, period_code: &str, unit: Option<&str>) -> String {
    with_query(
        format!("/tien-do/{plan_id}/{period_code}"),
        &[(UNIT_QUERY, unit)],
    )
}

/// The consolidation page of a unit.
pub fn consolidation_path(plan_id: &str, period_code: &str, unit: &str, basis: Basis) -> String {
    with_query(
        format!("/tong-hop/{plan_id}/{period_code}"),
        &[
            (UNIT_QUERY, Some(unit)),
            (BASIS_QUERY, Some(basis.as_str())),
        ],
    )
}

/// The results of an evaluation period over a subtree, in the API.
pub fn evaluation_results_api_path(plan_id: &str, period_code: &str, query: &UnitQuery) -> String {
    api_query(format!("/evaluations/{plan_id}/{period_code}"), query)
}

/// The page of an evaluation period's results.
pub const EVALUATION_ROUTE: &str = "/xep-loai";

/// The results page of an evaluation period over a subtree.
pub fn evaluation_results_path(plan_id: &str, period_code: &str, unit: Option<&str>) -> String {
    with_query(
        format!("{EVALUATION_ROUTE}/{plan_id}/{period_code}"),
        &[(UNIT_QUERY, unit)],
    )
}

/// The path of a report page.
pub fn report_path(plan_id: &str, period_code: &str, unit_code: &str) -> String {
    format!("/bao-cao/{plan_id}/{period_code}/{unit_code}")
}
