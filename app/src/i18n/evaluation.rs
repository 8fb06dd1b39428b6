//! The words of a self-assessment and the reviewer's decision on it, in both languages.
//! The criteria, grades and reasons are the set's own words (Vietnamese).

use crate::lang::Lang;

pub struct EvaluationTexts {
    pub criteria: &'static str,
    pub bonus: &'static str,
    pub bonus_note: &'static str,
    pub max: &'static str,
    pub points_unit: &'static str,
    pub claim: &'static str,
    pub remark: &'static str,
    pub computed: &'static str,
    pub by_reviewer: &'static str,
    pub decision: &'static str,
    pub reason: &'static str,
    pub reason_missing: &'static str,
    pub differs: &'static str,
    pub evidence_needed: &'static str,
    /// "Tài liệu minh chứng: 2 tệp"
    pub evidence_count: fn(usize) -> String,
    pub evidence_missing: &'static str,
    pub evidence_for: &'static str,
    pub evidence_none: &'static str,
    pub proposed_total: &'static str,
    pub decided_total: &'static str,
    pub grade: &'static str,
    pub no_grade: &'static str,
    pub ineligible_choice: &'static str,
    pub eligible: &'static str,
    /// "Tỷ lệ 9/10"
    pub basis_ratio: fn(&str, &str) -> String,
    /// "Số liệu: 2"
    pub basis_count: fn(&str) -> String,
    /// "Đúng hạn 1, trễ hạn 1, không nộp 0"
    pub basis_reports: fn(usize, usize, usize) -> String,
    pub no_figure: &'static str,
    pub gaps_submit: &'static str,
    pub gaps_accept: &'static str,
}

impl EvaluationTexts {
    pub fn of(lang: Lang) -> &'static EvaluationTexts {
        match lang {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}

pub static VI: EvaluationTexts = EvaluationTexts {
    criteria: "Tiêu chí đánh giá",
    bonus: "Điểm thưởng",
    bonus_note: "Chỉ tự chấm khi có sáng kiến, mô hình được công nhận; không bắt buộc.",
    max: "Điểm tối đa",
    points_unit: "điểm",
    claim: "Điểm tự chấm",
    remark: "Giải trình",
    computed: "Điểm tính từ số liệu",
    by_reviewer: "Do cơ quan cấp trên cho điểm khi thẩm định.",
    decision: "Điểm thẩm định",
    reason: "Lý do",
    reason_missing: "Ghi lý do điểm thẩm định khác điểm tự chấm.",
    differs: "Khác điểm tự chấm",
    evidence_needed: "Cần tài liệu minh chứng để chấm trên 0 điểm.",
    evidence_count: |n| format!("Tài liệu minh chứng: {n} tệp"),
    evidence_missing:
        "Chưa có tài liệu minh chứng: hãy đính kèm ở mục “Tệp đính kèm”, chọn tiêu chí này.",
    evidence_for: "Minh chứng cho tiêu chí",
    evidence_none: "Không gắn với tiêu chí",
    proposed_total: "Tổng điểm tự chấm",
    decided_total: "Tổng điểm sau thẩm định",
    grade: "Xếp loại",
    no_grade: "Chưa xếp loại",
    ineligible_choice: "Xếp loại",
    eligible: "Đủ điều kiện xếp loại",
    basis_ratio: |n, d| format!("Tỷ lệ {n}/{d} theo báo cáo năm"),
    basis_count: |v| format!("Số liệu báo cáo năm: {v}"),
    basis_reports: |on_time, late, missing| {
        format!("Báo cáo đúng hạn {on_time}, trễ hạn {late}, không nộp {missing}")
    },
    no_figure: "chưa có",
    gaps_submit: "Chưa nộp được bản tự đánh giá:",
    gaps_accept: "Chưa tiếp nhận được:",
};

pub static EN: EvaluationTexts = EvaluationTexts {
    criteria: "Evaluation criteria",
    bonus: "Bonus points",
    bonus_note: "Claimed only for an initiative or model that was recognised; optional.",
    max: "Maximum",
    points_unit: "points",
    claim: "Self-assessed points",
    remark: "Remark",
    computed: "Points from the figures",
    by_reviewer: "Given by the level above when it reviews.",
    decision: "Decided points",
    reason: "Reason",
    reason_missing: "Write why the decided points differ from the proposal.",
    differs: "Differs from the proposal",
    evidence_needed: "Evidence is needed to claim more than 0 points.",
    evidence_count: |n| format!("Evidence: {n} files"),
    evidence_missing: "No evidence yet: attach it under “Attached files”, choosing this criterion.",
    evidence_for: "Evidence for the criterion",
    evidence_none: "Not for a criterion",
    proposed_total: "Self-assessed total",
    decided_total: "Total after review",
    grade: "Grade",
    no_grade: "Not graded",
    ineligible_choice: "Grading",
    eligible: "Eligible for a grade",
    basis_ratio: |n, d| format!("Ratio {n}/{d} in the annual report"),
    basis_count: |v| format!("Annual report figure: {v}"),
    basis_reports: |on_time, late, missing| {
        format!("Reports on time {on_time}, late {late}, missing {missing}")
    },
    no_figure: "none yet",
    gaps_submit: "The self-assessment cannot be submitted yet:",
    gaps_accept: "Not accepted yet:",
};
