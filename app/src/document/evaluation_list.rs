//! "Danh sách xếp loại": the units of an evaluation by place, with their totals and
//! grades, as the list a province annexes to its decision (Nghị định 30/2020/NĐ-CP). In
//! Vietnamese, as an official document is.

use super::model::Grid;
use crate::domain::evaluation::EvaluationResults;
use crate::domain::status::ReportStatus;
use crate::format::Numbers;

/// A list annexed to a decision.
#[derive(Clone, Debug, PartialEq)]
pub struct AnnexedList {
    /// Centred, bold: "DANH SÁCH" and what it lists.
    pub title: Vec<String>,
    /// "(Kèm theo Quyết định số …)", with room for the decision's number and date.
    pub attached_to: String,
    pub grid: Grid,
}

/// The list of `view`'s units; `issuer` names the body whose decision it is annexed to.
pub fn evaluation_list(view: &EvaluationResults, issuer: &str) -> AnnexedList {
    let numbers = Numbers::Vietnamese;
    let rows = view
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let (grade, note) = match (&row.total, &row.ineligible) {
                (Some(_), _) => (
                    row.grade
                        .as_deref()
                        .and_then(|g| view.grade_label(g))
                        .unwrap_or_default()
                        .to_string(),
                    String::new(),
                ),
                (None, Some(why)) => (view.criteria.ineligible.label.clone(), why.clone()),
                (None, None) => (String::new(), pending(row.status).to_string()),
            };
            vec![
                (i + 1).to_string(),
                row.unit_name.clone(),
                row.total.map(|t| t.shown(numbers)).unwrap_or_default(),
                grade,
                row.rank.map(|r| r.to_string()).unwrap_or_default(),
                note,
            ]
        })
        .collect();
    AnnexedList {
        title: vec!["DANH SÁCH".to_string(), format!("Xếp loại: {}", view.period.label)],
        attached_to: format!(
            "(Kèm theo Quyết định số        /QĐ-UBND ngày     tháng     năm        của Ủy ban nhân dân {issuer})"
        ),
        grid: Grid {
            widths: vec![7, 35, 13, 14, 10, 21],
            head: ["STT", "Tên đơn vị", "Tổng điểm", "Xếp loại", "Thứ hạng", "Ghi chú"]
                .map(str::to_string)
                .to_vec(),
            rows,
            total: None,
            figures: false,
        },
    }
}

/// Why a unit has no grade yet.
fn pending(status: Option<ReportStatus>) -> &'static str {
    match status {
        Some(s) if s.is_submitted() => "Chưa thẩm định xong",
        _ => "Chưa nộp bản tự đánh giá",
    }
}
