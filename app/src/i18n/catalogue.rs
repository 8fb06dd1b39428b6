//! The shape of the UI's catalogue of words: every text a component shows, in one
//! language; `vi` and `en` fill it.

use crate::domain::progress::Standing;
use crate::domain::status::WorkflowAction;
use crate::lang::Lang;

pub struct Catalogue {
    pub lang: Lang,
    /// How numbers are written and read in this language.
    pub numbers: crate::format::Numbers,
    pub app_name: &'static str,
    pub app_tagline: &'static str,
    pub loading: &'static str,
    /// The editor's code (a chunk of its own in the ward's build) could not be fetched.
    pub editor_unavailable: &'static str,
    /// A report's template the page's code cannot read (sent by a newer server).
    pub template_unreadable: &'static str,
    pub retry: &'static str,
    pub not_found: &'static str,
    pub login_title: &'static str,
    pub username: &'static str,
    pub password: &'static str,
    pub login_button: &'static str,
    pub logging_in: &'static str,
    pub logout: &'static str,
    pub demo_heading: &'static str,
    pub demo_note: &'static str,
    pub language: &'static str,
    pub menu: &'static str,
    pub skip_to_content: &'static str,
    pub my_reports: &'static str,
    pub due_next: &'static str,
    pub report_history: &'static str,
    pub ended_plans: &'static str,
    pub reports_of_subtree: &'static str,
    pub plan: &'static str,
    pub unit: &'static str,
    pub status: &'static str,
    pub deadline: &'static str,
    pub received: &'static str,
    pub on_time: &'static str,
    pub late: &'static str,
    pub no_periods: &'static str,
    pub not_applicable: &'static str,
    pub required_mark: &'static str,
    pub plan_tasks: &'static str,
    pub document_heading: &'static str,
    pub document_help: &'static str,
    pub document_print: &'static str,
    pub document_docx: &'static str,
    pub document_docx_offline: &'static str,
    pub back_home: &'static str,
    pub returned_comment: &'static str,
    pub network_error: &'static str,
    pub session_expired: &'static str,
    pub(super) days_left: fn(i64) -> String,
    pub(super) due: fn(&str) -> String,
    pub not_on_device: &'static str,
    pub received_share: &'static str,
    pub template_update: fn(u32) -> String,
    pub template_update_note: &'static str,
    pub template_dropped: &'static str,
    pub template_move: &'static str,
    pub template_move_pending: &'static str,
    pub read_only: &'static str,
    pub received_at: &'static str,
    pub pressed_at: &'static str,
    pub rejected_heading: &'static str,
    pub queued: &'static str,
    pub submit: &'static str,
    /// A former unit's report that was never written.
    pub no_report: &'static str,
    pub submit_blocked: &'static str,
    /// Asked once before a submission: who receives it, and that it locks.
    pub(super) submit_confirm: fn(Option<&str>) -> String,
    pub confirm_submit: &'static str,
    /// Shown once submitted, in place of the button.
    pub(super) submitted_to: fn(Option<&str>) -> String,
    pub cancel: &'static str,
    pub accept_confirm: &'static str,
    pub confirm_accept: &'static str,
    pub warnings_note: &'static str,
    pub keep_this: &'static str,
    pub conflict_heading: &'static str,
    pub conflict_merge_hint: &'static str,
    pub task: &'static str,
    pub task_status: &'static str,
    pub task_note: &'static str,
    pub history: &'static str,
    pub show_history: &'static str,
    pub history_empty: &'static str,
    pub history_older: &'static str,
    pub history_offline: &'static str,
    pub col_time: &'static str,
    pub col_user: &'static str,
    pub col_field: &'static str,
    pub col_old: &'static str,
    pub col_new: &'static str,
    pub device_time: &'static str,
    pub backup_heading: &'static str,
    pub download_backup: &'static str,
    pub import_backup: &'static str,
    pub backup_invalid: &'static str,
    pub online: &'static str,
    pub offline: &'static str,
    pub never_synced: &'static str,
    pub login_again: &'static str,
    pub storage_failed: &'static str,
    pub syncing: &'static str,
    pub sync_now: &'static str,
    pub session_expired_kept: &'static str,
    pub(super) pending_changes: fn(usize) -> String,
    /// The sync bar while fields wait for the user's choice between values.
    pub(super) conflicts_waiting: fn(usize) -> String,
    /// The sync bar after the server refused a push, with its reason.
    pub(super) push_refused: fn(&str) -> String,
    pub(super) synced_at: fn(&str) -> String,
    pub(super) restored: fn(usize) -> String,
    pub(super) storage_used: fn(&str) -> String,
    pub(super) left_behind: fn(&str, usize) -> String,
    pub password_title: &'static str,
    pub password_link: &'static str,
    pub admin_link: &'static str,
    pub account_closed: &'static str,
    pub page_needs_network: &'static str,
    pub page_open: &'static str,
    pub password_must_change: &'static str,
    pub password_current: &'static str,
    pub password_new: &'static str,
    pub password_repeat: &'static str,
    pub password_save: &'static str,
    pub password_mismatch: &'static str,
    pub saving: &'static str,
    pub(super) password_rule: fn(usize) -> String,
    pub(super) workflow_step: fn(WorkflowAction) -> &'static str,
    // The district's review.
    pub progress_title: &'static str,
    pub follow_progress: &'static str,
    pub consolidate: &'static str,
    pub col_expected: &'static str,
    pub col_submitted: &'static str,
    pub col_missing: &'static str,
    pub col_returned: &'static str,
    pub col_accepted: &'static str,
    pub col_progress: &'static str,
    /// Spreadsheet columns: the row's number, days overdue, a figure's section and unit.
    pub col_number: &'static str,
    pub col_days_overdue: &'static str,
    pub col_section: &'static str,
    pub col_measure: &'static str,
    pub live_note: &'static str,
    pub outstanding_heading: &'static str,
    pub none_outstanding: &'static str,
    pub staff: &'static str,
    pub no_staff: &'static str,
    pub print_list: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub review_heading: &'static str,
    pub accept: &'static str,
    pub return_report: &'static str,
    pub return_comment_label: &'static str,
    pub return_needs_comment: &'static str,
    pub review_queued: &'static str,
    pub consolidation_title: &'static str,
    pub basis_submitted: &'static str,
    pub basis_accepted: &'static str,
    pub totals_heading: &'static str,
    pub indicator: &'static str,
    pub total: &'static str,
    /// The consolidation's figures of the same period a year before, and the change.
    pub same_period_before: &'static str,
    pub change_on_before: &'static str,
    pub by_unit_heading: &'static str,
    pub narratives_heading: &'static str,
    /// Beside a consolidating report's narrative: its units' passages.
    pub passages_heading: fn(usize) -> String,
    pub passages_search: &'static str,
    pub passages_filter: &'static str,
    pub passages_all: &'static str,
    pub passages_insert: &'static str,
    /// Under a consolidating report's figure: where its starting value comes from (the
    /// sum or the weighted mean of how many units' reports), and its correction.
    pub figure_sum: fn(usize, usize) -> String,
    pub figure_mean: fn(usize, usize) -> String,
    pub figure_use: &'static str,
    pub figure_differs: &'static str,
    pub correction_reason: &'static str,
    pub correction_reason_missing: &'static str,
    /// In the history: the reason for correcting the figure named.
    pub correction_of: fn(&str) -> String,
    /// At the top of a consolidating report: its units' reports, and starting from them.
    pub from_units: fn(usize, usize) -> String,
    pub from_units_fill: &'static str,
    pub from_units_filled: fn(usize) -> String,
    pub late_units: &'static str,
    pub missing_units: &'static str,
    pub none: &'static str,
    pub use_as_draft: &'static str,
    pub use_as_draft_note: &'static str,
    pub draft_filled: &'static str,
    pub download_xlsx: &'static str,
    pub download_docx: &'static str,
    pub task_progress_heading: &'static str,
    pub not_reported: &'static str,
    pub timeliness_title: &'static str,
    pub not_due: &'static str,
    pub not_expected: &'static str,
    pub find_unit: &'static str,
    pub find_unit_hint: &'static str,
    pub find: &'static str,
    pub pages: &'static str,
    pub page: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    pub units: &'static str,
    pub data_from: &'static str,
    pub data_to: &'static str,
    pub former_report_of: &'static str,
    pub former_from: &'static str,
    pub former_until: &'static str,
    pub(super) standing: fn(Standing) -> &'static str,
    pub(super) counted_units: fn(usize, usize) -> String,
}

impl Catalogue {
    /// "Còn 3 ngày" / "Quá hạn 2 ngày" from [`crate::domain::plan::days_left`]. The deadline
    /// is 00:00 of the due day, so that day itself already counts as overdue.
    pub fn days_left(&self, days: i64) -> String {
        (self.days_left)(days)
    }

    /// "Hạn: trước ngày 05/05/2023": a period's deadline as plans word it.
    pub fn due(&self, due_before: chrono::NaiveDate) -> String {
        (self.due)(&crate::format::date(due_before))
    }

    pub fn submit_confirm(&self, receiver: Option<&str>) -> String {
        (self.submit_confirm)(receiver)
    }

    pub fn submitted_to(&self, receiver: Option<&str>) -> String {
        (self.submitted_to)(receiver)
    }

    pub fn pending_changes(&self, n: usize) -> String {
        (self.pending_changes)(n)
    }

    pub fn conflicts_waiting(&self, n: usize) -> String {
        (self.conflicts_waiting)(n)
    }

    pub fn push_refused(&self, reason: &str) -> String {
        (self.push_refused)(reason)
    }

    pub fn synced_at(&self, at: &str) -> String {
        (self.synced_at)(at)
    }

    pub fn restored(&self, n: usize) -> String {
        (self.restored)(n)
    }

    pub fn storage_used(&self, kb: &str) -> String {
        (self.storage_used)(kb)
    }

    pub fn left_behind(&self, name: &str, n: usize) -> String {
        (self.left_behind)(name, n)
    }

    pub fn password_rule(&self, min: usize) -> String {
        (self.password_rule)(min)
    }

    /// What a workflow step is called in the change history.
    pub fn workflow_step(&self, step: WorkflowAction) -> &'static str {
        (self.workflow_step)(step)
    }

    pub fn standing(&self, s: Standing) -> &'static str {
        (self.standing)(s)
    }

    /// "Tổng hợp từ 2/21 đơn vị".
    pub fn counted_units(&self, counted: usize, of: usize) -> String {
        (self.counted_units)(counted, of)
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::{EN, VI};

    #[test]
    fn a_deadline_is_worded_in_each_language() {
        let due = chrono::NaiveDate::from_ymd_opt(2023, 5, 5).unwrap();
        assert_eq!(VI.due(due), "Hạn: trước ngày 05/05/2023");
        assert_eq!(EN.due(due), "Due: before 05/05/2023");
    }

    #[test]
    fn days_left_wording() {
        assert_eq!(VI.days_left(3), "Còn 3 ngày");
        assert_eq!(VI.days_left(-1), "Quá hạn 2 ngày");
        assert_eq!(VI.days_left(0), "Quá hạn 1 ngày");
        assert_eq!(EN.days_left(3), "3 days left");
        assert_eq!(EN.days_left(1), "1 day left");
        assert_eq!(EN.days_left(0), "1 day overdue");
        assert_eq!(EN.days_left(-4), "5 days overdue");
    }
}
