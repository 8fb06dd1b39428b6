//! Why the server refuses a mutation: a stable code, sent with the refusal and stored with
//! it in the report's history, and its wording in both languages, together. The checks
//! and the merge on the server decide; this says.

use super::limits::{MAX_DEVICE_ID, MAX_KEY_PART};
use crate::domain::attachment::FileRefusal;
use crate::domain::evaluation::Gap;
use crate::domain::rules::Finding;
use crate::domain::status::{ReportStatus, TransitionError};
use crate::domain::value::ValueError;
use crate::lang::{Lang, Text};
use serde::{Deserialize, Serialize};

/// Why a mutation was refused, for programs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RefusalCode {
    BadId,
    BadDevice,
    BadReport,
    WrongUser,
    Forbidden,
    UnknownReport,
    BadBase,
    CommentRequired,
    InvalidValue,
    UnknownField,
    DerivedField,
    UnknownTask,
    /// The report is submitted or accepted: only a return opens it again.
    Locked,
    TooManyConflicts,
    InvalidTransition,
    /// The template's rules block the submission.
    Incomplete,
    /// Another account sent a mutation with this id.
    IdTaken,
    /// A file that is not taken: its type, its size, its name, or not uploaded.
    FileRefused,
    /// The plan asks for the signed copy before the report is submitted.
    SignedCopyRequired,
    /// A code of a newer server than this build, or none.
    #[serde(other)]
    Unknown,
}

impl RefusalCode {
    /// The code as stored with the refusal.
    pub fn as_str(self) -> &'static str {
        match self {
            RefusalCode::BadId => "bad_id",
            RefusalCode::BadDevice => "bad_device",
            RefusalCode::BadReport => "bad_report",
            RefusalCode::WrongUser => "wrong_user",
            RefusalCode::Forbidden => "forbidden",
            RefusalCode::UnknownReport => "unknown_report",
            RefusalCode::BadBase => "bad_base",
            RefusalCode::CommentRequired => "comment_required",
            RefusalCode::InvalidValue => "invalid_value",
            RefusalCode::UnknownField => "unknown_field",
            RefusalCode::DerivedField => "derived_field",
            RefusalCode::UnknownTask => "unknown_task",
            RefusalCode::Locked => "locked",
            RefusalCode::TooManyConflicts => "too_many_conflicts",
            RefusalCode::InvalidTransition => "invalid_transition",
            RefusalCode::Incomplete => "incomplete",
            RefusalCode::IdTaken => "id_taken",
            RefusalCode::FileRefused => "file_refused",
            RefusalCode::SignedCopyRequired => "signed_copy_required",
            RefusalCode::Unknown => "unknown",
        }
    }

    /// A code as stored; one this build does not know is [`RefusalCode::Unknown`].
    pub fn parse(code: &str) -> RefusalCode {
        crate::code::read(code, RefusalCode::Unknown)
    }
}

/// A refusal: its code and its message in both languages (the answer carries the
/// request's, the report's history the Vietnamese).
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    pub code: RefusalCode,
    pub message: Text,
}

impl Refusal {
    fn new(code: RefusalCode, vi: impl Into<String>, en: impl Into<String>) -> Refusal {
        Refusal {
            code,
            message: Text::new(vi, en),
        }
    }

    /// Whether the refused mutation is kept in the record of mutations (and its id answered
    /// alike when it comes again). One refused for the size or shape of what the record is
    /// keyed by (its id, device or report) is not: whatever a refusal records stays
    /// bounded, so a request cannot grow the database by megabytes.
    pub fn is_recorded(&self) -> bool {
        !matches!(
            self.code,
            RefusalCode::BadId | RefusalCode::BadDevice | RefusalCode::BadReport
        )
    }

    pub fn bad_id() -> Refusal {
        Refusal::new(
            RefusalCode::BadId,
            "Mã thay đổi không hợp lệ.",
            "The change's id is not valid.",
        )
    }

    pub fn bad_device() -> Refusal {
        Refusal::new(
            RefusalCode::BadDevice,
            format!("Mã thiết bị phải có từ 1 đến {MAX_DEVICE_ID} ký tự."),
            format!("A device id has 1 to {MAX_DEVICE_ID} characters."),
        )
    }

    pub fn bad_report() -> Refusal {
        Refusal::new(
            RefusalCode::BadReport,
            format!("Mã kế hoạch, kỳ và đơn vị của báo cáo tối đa {MAX_KEY_PART} ký tự."),
            format!(
                "A report's plan, period and unit codes have at most {MAX_KEY_PART} characters."
            ),
        )
    }

    /// The mutation names another account than the one that sent it; `claimed` is shown
    /// as sent, cut to [`MAX_KEY_PART`] characters.
    pub fn wrong_user(claimed: &str) -> Refusal {
        let claimed = shown(claimed);
        Refusal::new(
            RefusalCode::WrongUser,
            format!("Thay đổi này là của tài khoản {claimed}, không phải của bạn."),
            format!("This change belongs to the account {claimed}, not to yours."),
        )
    }

    /// The sender may not write or review the report: `why` as the access check words it.
    pub fn forbidden(why: Text) -> Refusal {
        Refusal {
            code: RefusalCode::Forbidden,
            message: why,
        }
    }

    pub fn unknown_report(report_id: &str) -> Refusal {
        Refusal::new(
            RefusalCode::UnknownReport,
            format!("Không có báo cáo {report_id} (kế hoạch, kỳ hoặc đơn vị không đúng)."),
            format!("There is no report {report_id} (wrong plan, period or unit)."),
        )
    }

    /// More than [`super::limits::MAX_BASES`] bases, or one that is not an id.
    pub fn bad_base() -> Refusal {
        Refusal::new(
            RefusalCode::BadBase,
            "Phiên bản gốc của thay đổi không hợp lệ.",
            "The versions the change is based on are not valid.",
        )
    }

    pub fn comment_required() -> Refusal {
        Refusal::new(
            RefusalCode::CommentRequired,
            "Cần ghi lý do trả lại báo cáo.",
            "Write why the report is returned.",
        )
    }

    /// A value the slot does not take, naming the field in English by `label_en` where the
    /// template gives one.
    pub fn invalid_value(e: &ValueError, label_en: Option<&str>) -> Refusal {
        let english = label_en.map_or_else(|| e.clone(), |label| e.named(label));
        Refusal::new(
            RefusalCode::InvalidValue,
            e.message(Lang::Vi),
            english.message(Lang::En),
        )
    }

    /// A task's slot written with something else than a task's state.
    pub fn not_a_task_state(task: &str) -> Refusal {
        Refusal::new(
            RefusalCode::InvalidValue,
            format!("{task}: phải là tình trạng thực hiện nhiệm vụ."),
            format!("{task}: must be the state of a task."),
        )
    }

    pub fn unknown_field(code: &str) -> Refusal {
        let code = shown(code);
        Refusal::new(
            RefusalCode::UnknownField,
            format!("Mẫu báo cáo không có trường “{code}”."),
            format!("The report template has no field “{code}”."),
        )
    }

    pub fn derived_field(label: &str, label_en: Option<&str>) -> Refusal {
        Refusal::new(
            RefusalCode::DerivedField,
            format!("{label}: được tính tự động, không nhập."),
            format!(
                "{}: computed automatically, not entered.",
                label_en.unwrap_or(label)
            ),
        )
    }

    pub fn unknown_task(code: &str) -> Refusal {
        let code = shown(code);
        Refusal::new(
            RefusalCode::UnknownTask,
            format!("Đơn vị không được giao nhiệm vụ “{code}”."),
            format!("The unit was not given the task “{code}”."),
        )
    }

    /// A write to a report whose status does not let it be edited.
    pub fn locked(status: ReportStatus) -> Refusal {
        Refusal::new(
            RefusalCode::Locked,
            format!(
                "Báo cáo đang ở trạng thái “{}”: không sửa được cho đến khi bị trả lại.",
                status.label_in(Lang::Vi)
            ),
            format!(
                "The report is “{}”: it cannot be changed until it is returned.",
                status.label_in(Lang::En)
            ),
        )
    }

    /// A slot that holds `most` conflicting values not yet resolved.
    pub fn too_many_conflicts(label: &Text, most: usize) -> Refusal {
        Refusal::new(
            RefusalCode::TooManyConflicts,
            format!(
                "“{}” đã có {most} giá trị xung đột chưa xử lý: hãy chọn một giá trị trước khi sửa tiếp.",
                label.vi
            ),
            format!(
                "“{}” has {most} conflicting values not yet resolved: choose one before editing further.",
                label.en
            ),
        )
    }

    pub fn invalid_transition(e: TransitionError) -> Refusal {
        Refusal {
            code: RefusalCode::InvalidTransition,
            message: e.text(),
        }
    }

    /// A submission the template's rules block, with their messages (in English where the
    /// template gives its words in English).
    pub fn incomplete(findings: &[Finding]) -> Refusal {
        let vi: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        let en: Vec<&str> = findings
            .iter()
            .map(|f| f.message_en.as_deref().unwrap_or(&f.message))
            .collect();
        Refusal::new(
            RefusalCode::Incomplete,
            format!("Chưa nộp được: {}", vi.join(" ")),
            format!("Not submitted yet: {}", en.join(" ")),
        )
    }

    /// A self-assessment not complete: submitted (by the unit) or accepted (by the
    /// reviewer) with these gaps.
    pub fn assessment_gaps(gaps: &[Gap], accepting: bool) -> Refusal {
        let texts: Vec<Text> = gaps.iter().map(Gap::text).collect();
        let join = |lang: Lang| {
            texts
                .iter()
                .map(|t| t.get(lang).to_string())
                .collect::<Vec<_>>()
                .join("; ")
        };
        let (vi, en) = if accepting {
            ("Chưa tiếp nhận được", "Not accepted yet")
        } else {
            ("Chưa nộp được", "Not submitted yet")
        };
        Refusal::new(
            RefusalCode::Incomplete,
            format!("{vi}: {}.", join(Lang::Vi)),
            format!("{en}: {}.", join(Lang::En)),
        )
    }

    pub fn file(why: &FileRefusal) -> Refusal {
        Refusal::new(
            RefusalCode::FileRefused,
            why.message(Lang::Vi),
            why.message(Lang::En),
        )
    }

    pub fn signed_copy_required() -> Refusal {
        Refusal::new(
            RefusalCode::SignedCopyRequired,
            "Chưa nộp được: kế hoạch yêu cầu đính kèm bản đã ký (bản quét hoặc ảnh chụp văn bản có chữ ký, đóng dấu).",
            "Not submitted yet: the plan asks for the signed copy (a scan or photos of the signed and stamped document).",
        )
    }

    pub fn id_taken() -> Refusal {
        Refusal::new(
            RefusalCode::IdTaken,
            "Mã thay đổi đã được dùng.",
            "The change's id is taken.",
        )
    }
}

/// A code a mutation names, as a refusal that is recorded quotes it: at most
/// [`MAX_KEY_PART`] characters, whatever was sent.
fn shown(code: &str) -> String {
    match code.char_indices().nth(MAX_KEY_PART) {
        Some((end, _)) => format!("{}…", &code[..end]),
        None => code.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stored_as_they_are_sent_and_unknown_ones_read_as_unknown() {
        for refusal in [
            Refusal::bad_id(),
            Refusal::bad_device(),
            Refusal::bad_report(),
            Refusal::wrong_user("x"),
            Refusal::unknown_report("r"),
            Refusal::bad_base(),
            Refusal::comment_required(),
            Refusal::unknown_field("f"),
            Refusal::derived_field("F", None),
            Refusal::unknown_task("t"),
            Refusal::locked(ReportStatus::DaNop),
            Refusal::id_taken(),
        ] {
            let code = refusal.code;
            let sent = serde_json::to_string(&code).unwrap();
            assert_eq!(sent, format!("\"{}\"", code.as_str()));
            assert_eq!(RefusalCode::parse(code.as_str()), code);
        }
        assert_eq!(RefusalCode::parse("over_quota"), RefusalCode::Unknown);
        assert_eq!(RefusalCode::parse(""), RefusalCode::Unknown);
    }

    #[test]
    fn a_refusal_quotes_at_most_a_key_part_of_what_was_sent() {
        let long = "x".repeat(10_000);
        let r = Refusal::unknown_field(&long);
        assert!(r.message.vi.chars().count() < MAX_KEY_PART + 50);
        assert!(r.message.vi.contains('…'));
    }

    #[test]
    fn only_refusals_of_the_record_keys_are_not_recorded() {
        assert!(!Refusal::bad_id().is_recorded());
        assert!(!Refusal::bad_device().is_recorded());
        assert!(!Refusal::bad_report().is_recorded());
        assert!(Refusal::comment_required().is_recorded());
        assert!(Refusal::locked(ReportStatus::DaNop).is_recorded());
    }
}
