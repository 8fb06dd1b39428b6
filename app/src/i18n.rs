//! Every user-facing string of the UI, in Vietnamese (the default) and English.
//! Components read them through [`use_texts`]; none hard-codes its own.

use crate::domain::status::ReportStatus;
use crate::domain::task::TaskStatus;
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Lang {
        if code == "en" {
            Lang::En
        } else {
            Lang::Vi
        }
    }
}

/// The languages offered, each named in itself.
pub const LANGUAGES: [(Lang, &str); 2] = [(Lang::Vi, "Tiếng Việt"), (Lang::En, "English")];

pub struct Texts {
    pub app_name: &'static str,
    pub app_tagline: &'static str,
    pub loading: &'static str,
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
    pub my_reports: &'static str,
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
    pub back_home: &'static str,
    pub returned_comment: &'static str,
    pub network_error: &'static str,
    pub session_expired: &'static str,
    days_left: fn(i64) -> String,
    pub not_on_device: &'static str,
    pub read_only: &'static str,
    pub received_at: &'static str,
    pub pressed_at: &'static str,
    pub rejected_heading: &'static str,
    pub queued: &'static str,
    pub submit: &'static str,
    pub submit_blocked: &'static str,
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
    pending_changes: fn(usize) -> String,
    synced_at: fn(&str) -> String,
    restored: fn(usize) -> String,
    storage_used: fn(&str) -> String,
    left_behind: fn(&str, usize) -> String,
    task_status_labels: [&'static str; 3],
    workflow_kinds: [&'static str; 3],
    status_labels: [&'static str; 5],
}

impl Texts {
    /// "Còn 3 ngày" / "Quá hạn 2 ngày" from [`crate::domain::plan::days_left`]. The deadline
    /// is 00:00 of the due day, so that day itself already counts as overdue.
    pub fn days_left(&self, days: i64) -> String {
        (self.days_left)(days)
    }

    pub fn pending_changes(&self, n: usize) -> String {
        (self.pending_changes)(n)
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

    pub fn task_status_label(&self, s: TaskStatus) -> &'static str {
        let i = TaskStatus::ALL.iter().position(|x| *x == s).unwrap_or(0);
        self.task_status_labels[i]
    }

    /// What a workflow step is called in the change history.
    pub fn workflow_kind(&self, kind: &str) -> &'static str {
        match kind {
            "submit" => self.workflow_kinds[0],
            "return" => self.workflow_kinds[1],
            _ => self.workflow_kinds[2],
        }
    }

    pub fn status(&self, s: ReportStatus) -> &'static str {
        let i = match s {
            ReportStatus::Nhap => 0,
            ReportStatus::DaNop => 1,
            ReportStatus::BiTraLai => 2,
            ReportStatus::DaNopLai => 3,
            ReportStatus::DaTiepNhan => 4,
        };
        self.status_labels[i]
    }
}

pub static VI: Texts = Texts {
    app_name: "baocao",
    app_tagline: "Báo cáo công tác dân vận chính quyền và quy chế dân chủ ở cơ sở",
    loading: "Đang tải…",
    not_found: "Không tìm thấy trang.",
    login_title: "Đăng nhập",
    username: "Tên đăng nhập",
    password: "Mật khẩu",
    login_button: "Đăng nhập",
    logging_in: "Đang đăng nhập…",
    logout: "Đăng xuất",
    demo_heading: "Tài khoản dùng thử",
    demo_note: "Đây là các tài khoản dùng thử của bản demo, mật khẩu chung: baocao-demo",
    language: "Ngôn ngữ",
    my_reports: "Báo cáo của đơn vị",
    reports_of_subtree: "Báo cáo các đơn vị",
    plan: "Kế hoạch",
    unit: "Đơn vị",
    status: "Trạng thái",
    deadline: "Hạn",
    received: "Nhận lúc",
    on_time: "Đúng hạn",
    late: "Trễ hạn",
    no_periods: "Chưa có kỳ báo cáo nào được giao.",
    not_applicable: "không áp dụng",
    required_mark: "bắt buộc",
    plan_tasks: "Nhiệm vụ theo kế hoạch",
    back_home: "← Danh sách kỳ báo cáo",
    returned_comment: "Ý kiến khi trả lại",
    network_error: "Không kết nối được máy chủ. Vui lòng thử lại.",
    session_expired: "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.",
    days_left: |d| {
        if d > 0 {
            format!("Còn {d} ngày")
        } else {
            format!("Quá hạn {} ngày", 1 - d)
        }
    },
    status_labels: ["Nháp", "Đã nộp", "Bị trả lại", "Đã nộp lại", "Đã tiếp nhận"],
    not_on_device: "Báo cáo này chưa có trên máy và hiện không kết nối được máy chủ.",
    read_only: "(chỉ xem)",
    received_at: "Máy chủ nhận lúc",
    pressed_at: "bấm nộp trên máy lúc",
    rejected_heading: "Máy chủ không nhận các thay đổi sau:",
    queued: "Chờ gửi: báo cáo sẽ được nộp khi có mạng.",
    submit: "Nộp báo cáo",
    submit_blocked: "Chưa nộp được. Cần hoàn thiện:",
    warnings_note: "Lưu ý (không bắt buộc sửa):",
    keep_this: "Giữ giá trị này",
    conflict_heading: "Có giá trị khác được nhập cùng lúc trên máy khác. Hãy chọn:",
    conflict_merge_hint: "Muốn gộp: sửa nội dung trong ô, rồi chọn «Giữ giá trị này» ở giá trị vừa sửa.",
    task: "Nhiệm vụ",
    task_status: "Tình trạng thực hiện",
    task_note: "Ghi chú kết quả",
    history: "Lịch sử thay đổi",
    show_history: "Xem lịch sử",
    history_empty: "Chưa có thay đổi nào trên máy chủ.",
    history_offline: "Cần kết nối mạng để xem lịch sử thay đổi.",
    col_time: "Thời gian",
    col_user: "Người thực hiện",
    col_field: "Nội dung",
    col_old: "Giá trị cũ",
    col_new: "Giá trị mới",
    device_time: "trên máy:",
    backup_heading: "Dữ liệu trên máy này",
    download_backup: "Tải bản sao lưu",
    import_backup: "Nhập bản sao lưu",
    backup_invalid: "Tệp này không phải bản sao lưu của baocao.",
    online: "Có mạng",
    offline: "Mất mạng – vẫn lưu trên máy",
    never_synced: "Chưa đồng bộ",
    login_again: "Phiên đăng nhập hết hạn – đăng nhập lại",
    storage_failed: "Không ghi được vào bộ nhớ trình duyệt!",
    syncing: "Đang đồng bộ…",
    sync_now: "Đồng bộ ngay",
    session_expired_kept: "Phiên đăng nhập đã hết hạn. Mọi dữ liệu trên máy vẫn được giữ; đăng nhập lại để tiếp tục đồng bộ.",
    pending_changes: |n| {
        if n == 0 {
            "Mọi thay đổi đã lên máy chủ".to_string()
        } else {
            format!("{n} thay đổi chưa gửi")
        }
    },
    synced_at: |at| {
        format!("Đã đồng bộ lúc {at}")
    },
    restored: |n| {
        format!("Đã nhập {n} thay đổi từ bản sao lưu.")
    },
    storage_used: |kb| {
        format!("Đang lưu trên máy: {kb} KB. Bản sao lưu chứa mọi thay đổi chưa gửi.")
    },
    left_behind: |name, n| format!("Còn {n} thay đổi chưa gửi của {name}: chúng được giữ trên máy này cho lần đăng nhập sau."),
    task_status_labels: ["Chưa thực hiện", "Đang thực hiện", "Hoàn thành"],
    workflow_kinds: ["Nộp báo cáo", "Trả lại", "Tiếp nhận"],
};

pub static EN: Texts = Texts {
    app_name: "baocao",
    app_tagline: "Reports on government mass mobilisation and grassroots democracy",
    loading: "Loading…",
    not_found: "Page not found.",
    login_title: "Sign in",
    username: "Username",
    password: "Password",
    login_button: "Sign in",
    logging_in: "Signing in…",
    logout: "Sign out",
    demo_heading: "Demo accounts",
    demo_note: "These are the demo's accounts; the password of each is baocao-demo",
    language: "Language",
    my_reports: "Your unit's reports",
    reports_of_subtree: "Units' reports",
    plan: "Plan",
    unit: "Unit",
    status: "Status",
    deadline: "Deadline",
    received: "Received",
    on_time: "On time",
    late: "Late",
    no_periods: "No reporting period has been assigned.",
    not_applicable: "not applicable",
    required_mark: "required",
    plan_tasks: "Plan tasks",
    back_home: "← Reporting periods",
    returned_comment: "Reviewer's comment",
    network_error: "Cannot reach the server. Please try again.",
    session_expired: "Your session has expired. Please sign in again.",
    days_left: |d| {
        if d > 0 {
            format!("{d} days left")
        } else {
            format!("{} days overdue", 1 - d)
        }
    },
    status_labels: ["Draft", "Submitted", "Returned", "Resubmitted", "Accepted"],
    not_on_device: "This report is not on this device yet and the server cannot be reached.",
    read_only: "(read only)",
    received_at: "Received by the server at",
    pressed_at: "submitted on the device at",
    rejected_heading: "The server refused these changes:",
    queued: "Waiting to send: the report will be submitted when the network is back.",
    submit: "Submit report",
    submit_blocked: "Cannot submit yet. Please complete:",
    warnings_note: "Please check (not blocking):",
    keep_this: "Keep this value",
    conflict_heading: "Another device entered a different value at the same time. Choose:",
    conflict_merge_hint:
        "To merge: edit the field, then choose “Keep this value” on your edited value.",
    task: "Task",
    task_status: "Progress",
    task_note: "Note",
    history: "Change history",
    show_history: "Show history",
    history_empty: "No change on the server yet.",
    history_offline: "The change history needs a connection.",
    col_time: "Time",
    col_user: "By",
    col_field: "Item",
    col_old: "Old value",
    col_new: "New value",
    device_time: "on device:",
    backup_heading: "Data on this device",
    download_backup: "Download a backup",
    import_backup: "Import a backup",
    backup_invalid: "This file is not a baocao backup.",
    online: "Online",
    offline: "Offline – saving on this device",
    never_synced: "Not synced yet",
    login_again: "Session expired – sign in again",
    storage_failed: "Browser storage refused the change!",
    syncing: "Syncing…",
    sync_now: "Sync now",
    session_expired_kept:
        "Your session expired. Everything on this device is kept; sign in again to resume syncing.",
    pending_changes: |n| {
        if n == 0 {
            "All changes are on the server".to_string()
        } else {
            format!("{n} changes not sent")
        }
    },
    synced_at: |at| format!("Synced at {at}"),
    restored: |n| format!("{n} changes imported from the backup."),
    storage_used: |kb| {
        format!("Kept on this device: {kb} KB. A backup holds every change not yet sent.")
    },
    left_behind: |name, n| {
        format!("{n} changes of {name} are not sent yet: they stay on this device for the next sign-in.")
    },
    task_status_labels: ["Not started", "In progress", "Done"],
    workflow_kinds: ["Submitted", "Returned", "Accepted"],
};

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// The user's language, chosen once per browser.
#[derive(Clone, Copy)]
pub struct Language(pub RwSignal<Lang>);

const LANG_KEY: &str = "baocao.lang";

/// Provides the language signal. The server and the first client render are Vietnamese
/// so that hydration matches; a saved English choice applies right after.
pub fn provide_language() -> Language {
    let lang = Language(RwSignal::new(Lang::Vi));
    provide_context(lang);
    Effect::new(move |_| {
        use gloo_storage::Storage;
        if let Ok(code) = gloo_storage::LocalStorage::get::<String>(LANG_KEY) {
            lang.0.set(Lang::from_code(&code));
        }
    });
    lang
}

pub fn set_language(l: Lang) {
    use gloo_storage::Storage;
    let _ = gloo_storage::LocalStorage::set(LANG_KEY, l.code());
    expect_context::<Language>().0.set(l);
}

/// The texts of the current language, reactive.
pub fn use_texts() -> Signal<&'static Texts> {
    let lang = expect_context::<Language>().0;
    Signal::derive(move || texts(lang.get()))
}

/// One catalogue text, reactive to the language. Not generic: every text in every view
/// shares this one closure type, so the view code for reactive text is compiled once
/// instead of once per text (a large part of the wasm size).
pub fn tr(pick: Pick) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let t = use_texts();
    move || pick(t.get())
}

/// One of two catalogue texts as a condition changes (same reason as [`tr`]).
pub fn tr_if(
    cond: Signal<bool>,
    yes: Pick,
    no: Pick,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let t = use_texts();
    move || {
        if cond.get() {
            yes(t.get())
        } else {
            no(t.get())
        }
    }
}

/// Chooses a text of the catalogue.
pub type Pick = fn(&'static Texts) -> &'static str;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_left_wording() {
        assert_eq!(VI.days_left(3), "Còn 3 ngày");
        assert_eq!(VI.days_left(-1), "Quá hạn 2 ngày");
        assert_eq!(VI.days_left(0), "Quá hạn 1 ngày");
        assert_eq!(EN.days_left(3), "3 days left");
    }
}
