//! Every user-facing string of the UI, in Vietnamese (the default) and English.
//! Components read them through [`use_texts`]; none hard-codes its own.

use crate::domain::password::PasswordError;
use crate::domain::progress::Standing;
use crate::domain::status::ReportStatus;
use crate::domain::task::TaskStatus;
use crate::domain::value::ValueError;
use leptos::prelude::*;

pub use crate::lang::Lang;

/// The languages offered, each named in itself.
pub const LANGUAGES: [(Lang, &str); 2] = [(Lang::Vi, "Tiếng Việt"), (Lang::En, "English")];

pub struct Texts {
    pub lang: Lang,
    /// How numbers are written and read in this language.
    pub numbers: crate::format::Numbers,
    /// Why a typed value was refused (the Vietnamese is the error's own text).
    pub value_error: fn(&ValueError) -> String,
    pub password_error: fn(&PasswordError) -> String,
    pub app_name: &'static str,
    pub app_tagline: &'static str,
    pub loading: &'static str,
    pub not_found: &'static str,
    pub login_title: &'static str,
    pub username: &'static str,
    pub password: &'static str,
    pub login_button: &'static str,
    /// Why a sign-in sent before the page's app loaded was refused, by the error's code
    /// (the server sends the browser back to the sign-in page with it).
    pub sign_in_refused: fn(&str) -> &'static str,
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
    pub back_home: &'static str,
    pub returned_comment: &'static str,
    pub network_error: &'static str,
    pub session_expired: &'static str,
    days_left: fn(i64) -> String,
    due: fn(&str) -> String,
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
    submit_confirm: fn(Option<&str>) -> String,
    pub confirm_submit: &'static str,
    /// Shown once submitted, in place of the button.
    submitted_to: fn(Option<&str>) -> String,
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
    pending_changes: fn(usize) -> String,
    /// The sync bar while fields wait for the user's choice between values.
    conflicts_waiting: fn(usize) -> String,
    /// The sync bar after the server refused a push, with its reason.
    push_refused: fn(&str) -> String,
    synced_at: fn(&str) -> String,
    restored: fn(usize) -> String,
    storage_used: fn(&str) -> String,
    left_behind: fn(&str, usize) -> String,
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
    password_rule: fn(usize) -> String,
    task_status_labels: [&'static str; 3],
    workflow_kinds: [&'static str; 3],
    status_labels: [&'static str; 5],
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
    pub reminder: &'static str,
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
    pub by_unit_heading: &'static str,
    pub narratives_heading: &'static str,
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
    standing_labels: [&'static str; 4],
    counted_units: fn(usize, usize) -> String,
    reminder_text: fn(&Reminder) -> String,
}

/// What a reminder (đôn đốc) to a unit that has not reported says.
pub struct Reminder<'a> {
    pub unit: &'a str,
    pub sender: &'a str,
    pub report: &'a str,
    pub plan: &'a str,
    /// `dd/mm/yyyy`.
    pub due_before: &'a str,
    /// Days past the deadline; 0 or less before it.
    pub days_overdue: i64,
    /// The report was returned and not resubmitted.
    pub returned: bool,
}

impl Texts {
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

    pub fn standing(&self, s: Standing) -> &'static str {
        let i = match s {
            Standing::Missing => 0,
            Standing::Returned => 1,
            Standing::Submitted { .. } => 2,
            Standing::Accepted { .. } => 3,
        };
        self.standing_labels[i]
    }

    /// "Tổng hợp từ 2/21 đơn vị".
    pub fn counted_units(&self, counted: usize, of: usize) -> String {
        (self.counted_units)(counted, of)
    }

    pub fn reminder_text(&self, r: &Reminder) -> String {
        (self.reminder_text)(r)
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
    lang: Lang::Vi,
    numbers: crate::format::Numbers::Vietnamese,
    value_error: |e| e.to_string(),
    password_error: |e| e.to_string(),
    app_name: "baocao",
    app_tagline: "Báo cáo công tác dân vận chính quyền và quy chế dân chủ ở cơ sở",
    loading: "Đang tải…",
    not_found: "Không tìm thấy trang.",
    login_title: "Đăng nhập",
    username: "Tên đăng nhập",
    password: "Mật khẩu",
    login_button: "Đăng nhập",
    sign_in_refused: |code| match code {
        "bad_credentials" => "Tên đăng nhập hoặc mật khẩu không đúng.",
        "too_many_attempts" => "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.",
        "account_closed" => "Tài khoản đã bị khóa. Hãy liên hệ quản trị viên của đơn vị.",
        _ => "Không đăng nhập được. Hãy thử lại.",
    },
    logging_in: "Đang đăng nhập…",
    logout: "Đăng xuất",
    demo_heading: "Tài khoản dùng thử",
    demo_note: "Đây là các tài khoản dùng thử của bản demo, mật khẩu chung: baocao-demo",
    language: "Ngôn ngữ",
    menu: "Tài khoản",
    skip_to_content: "Bỏ qua, đến nội dung trang",
    my_reports: "Báo cáo của đơn vị",
    due_next: "Báo cáo cần nộp tiếp theo",
    report_history: "Lịch sử báo cáo",
    ended_plans: "Kế hoạch đã kết thúc",
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
    due: |date| format!("Hạn: trước ngày {date}"),
    status_labels: ["Nháp", "Đã nộp", "Bị trả lại", "Đã nộp lại", "Đã tiếp nhận"],
    not_on_device: "Báo cáo này chưa có trên máy và hiện không kết nối được máy chủ.",
    received_share: "Tỷ lệ báo cáo đã nhận",
    template_update: |v| format!("Có mẫu báo cáo mới (phiên bản {v})"),
    template_update_note: "Báo cáo này đang viết trên mẫu cũ. Chuyển sang mẫu mới giữ mọi giá trị có ô tương ứng trong mẫu mới.",
    template_dropped: "Các ô không còn trong mẫu mới (giá trị vẫn được lưu nhưng không hiện):",
    template_move: "Chuyển sang mẫu mới",
    template_move_pending: "Còn thay đổi chưa gửi lên máy chủ: hãy đồng bộ xong rồi chuyển.",
    read_only: "(chỉ xem)",
    received_at: "Máy chủ nhận lúc",
    pressed_at: "bấm nộp trên máy lúc",
    rejected_heading: "Máy chủ không nhận các thay đổi sau:",
    queued: "Chờ gửi: báo cáo sẽ được nộp khi có mạng.",
    submit: "Nộp báo cáo",
    no_report: "Không có báo cáo",
    submit_blocked: "Chưa nộp được. Cần hoàn thiện:",
    submit_confirm: |receiver| match receiver {
        Some(r) => format!("Nộp báo cáo cho {r}? Sau khi nộp, báo cáo bị khóa cho đến khi được trả lại."),
        None => "Nộp báo cáo? Sau khi nộp, báo cáo bị khóa cho đến khi được trả lại.".to_string(),
    },
    confirm_submit: "Xác nhận nộp",
    submitted_to: |receiver| match receiver {
        Some(r) => format!("Đã nộp cho {r}. Báo cáo bị khóa cho đến khi được trả lại."),
        None => "Đã nộp. Báo cáo bị khóa cho đến khi được trả lại.".to_string(),
    },
    cancel: "Hủy",
    accept_confirm: "Tiếp nhận báo cáo này? Sau khi tiếp nhận, đơn vị không sửa được báo cáo nữa.",
    confirm_accept: "Xác nhận tiếp nhận",
    warnings_note: "Lưu ý (không bắt buộc sửa):",
    keep_this: "Giữ giá trị này",
    conflict_heading: "Có giá trị khác được nhập cùng lúc trên máy khác. Hãy chọn:",
    conflict_merge_hint: "Muốn gộp: sửa nội dung trong ô, rồi chọn “Giữ giá trị này” ở giá trị vừa sửa.",
    task: "Nhiệm vụ",
    task_status: "Tình trạng thực hiện",
    task_note: "Ghi chú kết quả",
    history: "Lịch sử thay đổi",
    show_history: "Xem lịch sử",
    history_empty: "Chưa có thay đổi nào trên máy chủ.",
    history_older: "Xem các thay đổi cũ hơn",
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
    conflicts_waiting: |n| format!("{n} trường chờ bạn chọn giá trị"),
    push_refused: |reason| format!("Máy chủ từ chối thay đổi: {reason}"),
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
    password_title: "Đổi mật khẩu",
    password_link: "Đổi mật khẩu",
    admin_link: "Quản trị",
    account_closed: "Tài khoản của bạn đã bị khóa. Những thay đổi chưa gửi vẫn được giữ trên máy này; hãy liên hệ quản trị viên của đơn vị.",
    page_needs_network: "Trang này cần kết nối tới máy chủ.",
    page_open: "Mở trang",
    password_must_change: "Mật khẩu của bạn vừa được đặt lại. Hãy chọn mật khẩu mới trước khi tiếp tục.",
    password_current: "Mật khẩu hiện tại",
    password_new: "Mật khẩu mới",
    password_repeat: "Nhập lại mật khẩu mới",
    password_save: "Lưu mật khẩu mới",
    password_mismatch: "Hai lần nhập mật khẩu mới không giống nhau.",
    saving: "Đang lưu…",
    password_rule: |min| format!("Ít nhất {min} ký tự, khác tên đăng nhập, không phải mật khẩu phổ biến."),
    progress_title: "Tiến độ báo cáo",
    follow_progress: "Theo dõi tiến độ",
    consolidate: "Tổng hợp",
    col_expected: "Phải nộp",
    col_submitted: "Đã nộp",
    col_missing: "Chưa nộp",
    col_returned: "Bị trả lại",
    col_accepted: "Đã tiếp nhận",
    col_progress: "Tiến độ",
    col_number: "STT",
    col_days_overdue: "Số ngày quá hạn",
    col_section: "Mục",
    col_measure: "Đơn vị tính",
    live_note: "Trang tự cập nhật khi các đơn vị đồng bộ.",
    outstanding_heading: "Đơn vị chưa nộp báo cáo",
    none_outstanding: "Tất cả đơn vị đã nộp báo cáo.",
    staff: "Cán bộ phụ trách",
    no_staff: "Chưa có tài khoản",
    print_list: "In danh sách",
    reminder: "Nội dung đôn đốc",
    copy: "Sao chép",
    copied: "Đã sao chép",
    review_heading: "Duyệt báo cáo",
    accept: "Tiếp nhận",
    return_report: "Trả lại",
    return_comment_label: "Ý kiến khi trả lại (đơn vị sẽ thấy)",
    return_needs_comment: "Cần ghi ý kiến để đơn vị biết phải chỉnh sửa gì.",
    review_queued: "Chờ gửi: thao tác duyệt sẽ được gửi khi có mạng.",
    consolidation_title: "Tổng hợp báo cáo",
    basis_submitted: "Tất cả báo cáo đã nộp",
    basis_accepted: "Chỉ báo cáo đã tiếp nhận",
    totals_heading: "Số liệu tổng hợp",
    indicator: "Chỉ tiêu",
    total: "Tổng cộng",
    by_unit_heading: "Số liệu theo đơn vị",
    narratives_heading: "Nội dung báo cáo của các đơn vị (dự thảo)",
    late_units: "Đơn vị nộp trễ hạn",
    missing_units: "Đơn vị chưa nộp",
    none: "Không có",
    use_as_draft: "Đưa vào báo cáo của đơn vị",
    use_as_draft_note: "Ghi số liệu tổng hợp vào báo cáo của đơn vị; nội dung các đơn vị chỉ điền vào mục còn trống.",
    draft_filled: "Đã đưa số liệu tổng hợp vào báo cáo của đơn vị.",
    download_xlsx: "Tải bảng tính (XLSX)",
    download_docx: "Tải dự thảo báo cáo (DOCX)",
    task_progress_heading: "Tiến độ thực hiện nhiệm vụ theo kế hoạch",
    not_reported: "Chưa báo cáo",
    timeliness_title: "Lịch sử nộp báo cáo",
    not_due: "Chưa đến hạn",
    not_expected: "Không phải nộp",
    find_unit: "Tìm đơn vị",
    find_unit_hint: "gõ tên, có dấu hay không",
    find: "Tìm",
    pages: "Các trang",
    page: "Trang",
    previous_page: "← Trang trước",
    next_page: "Trang sau →",
    units: "đơn vị",
    data_from: "Số liệu tính từ ngày",
    data_to: "đến ngày",
    former_report_of: "Lịch sử: báo cáo của",
    former_from: "từ",
    former_until: "đến",
    standing_labels: ["Chưa nộp", "Bị trả lại, chưa nộp lại", "Đã nộp", "Đã tiếp nhận"],
    counted_units: |n, of| format!("Tổng hợp từ {n}/{of} đơn vị"),
    reminder_text: |r| {
        let late = if r.days_overdue > 0 {
            format!("; đã quá hạn {} ngày", r.days_overdue)
        } else {
            String::new()
        };
        if r.returned {
            format!(
                "Kính gửi: {unit}.\n{sender} đã trả lại “{report}” (Kế hoạch số {plan}) để đơn vị bổ sung, chỉnh sửa nhưng đến nay đơn vị chưa nộp lại (hạn: trước ngày {due}{late}). Đề nghị đơn vị khẩn trương chỉnh sửa và nộp lại báo cáo trên hệ thống baocao.",
                unit = r.unit, sender = r.sender, report = r.report, plan = r.plan, due = r.due_before
            )
        } else {
            format!(
                "Kính gửi: {unit}.\nĐến nay, {sender} chưa nhận được “{report}” của đơn vị theo Kế hoạch số {plan} (hạn: trước ngày {due}{late}). Đề nghị đơn vị khẩn trương hoàn thành và nộp báo cáo trên hệ thống baocao.",
                unit = r.unit, sender = r.sender, report = r.report, plan = r.plan, due = r.due_before
            )
        }
    },
    task_status_labels: ["Chưa thực hiện", "Đang thực hiện", "Hoàn thành"],
    workflow_kinds: ["Nộp báo cáo", "Trả lại", "Tiếp nhận"],
};

pub static EN: Texts = Texts {
    lang: Lang::En,
    numbers: crate::format::Numbers::English,
    value_error: |e| match e {
        ValueError::NotACount { label } => {
            format!("{label}: must be a whole number, not negative (for example 1,234).")
        }
        ValueError::CountTooLarge { label } => format!("{label}: at most 1,000,000,000."),
        ValueError::NotAPercent { label } => format!(
            "{label}: must be a percentage from 0 to 100 with at most 2 decimals (for example 99.5)."
        ),
        ValueError::TextTooLong { label } => format!("{label}: too long (at most 100 KB)."),
        ValueError::DirectionControl { label } => format!(
            "{label}: has hidden characters that reverse the text (U+202A–U+202E, U+2066–U+2069); remove them."
        ),
        ValueError::Derived { label } => {
            format!("{label}: is computed automatically and cannot be entered.")
        }
        ValueError::WrongKind { label } => format!("{label}: not a value of this field's kind."),
    },
    password_error: |e| match e {
        PasswordError::TooShort => format!(
            "The new password needs at least {} characters.",
            crate::domain::password::MIN_CHARS
        ),
        PasswordError::SameAsUsername => "The new password must differ from the username.".into(),
        PasswordError::TooCommon => {
            "This password is too common and easy to guess: choose another one.".into()
        }
        PasswordError::SameAsCurrent => {
            "The new password must differ from the current one.".into()
        }
    },
    app_name: "baocao",
    app_tagline: "Reports on government mass mobilisation and grassroots democracy",
    loading: "Loading…",
    not_found: "Page not found.",
    login_title: "Sign in",
    username: "Username",
    password: "Password",
    login_button: "Sign in",
    sign_in_refused: |code| match code {
        "bad_credentials" => "Wrong username or password.",
        "too_many_attempts" => "Too many failed sign-ins. Try again in a few minutes.",
        "account_closed" => "This account is closed. Ask your unit's administrator.",
        _ => "You could not be signed in. Please try again.",
    },
    logging_in: "Signing in…",
    logout: "Sign out",
    demo_heading: "Demo accounts",
    demo_note: "These are the demo's accounts; the password of each is baocao-demo",
    language: "Language",
    menu: "Account",
    skip_to_content: "Skip to the page's content",
    my_reports: "Your unit's reports",
    due_next: "Due next",
    report_history: "Report history",
    ended_plans: "Plans that have ended",
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
    days_left: |d| match d {
        1 => "1 day left".to_string(),
        d if d > 1 => format!("{d} days left"),
        0 => "1 day overdue".to_string(),
        d => format!("{} days overdue", 1 - d),
    },
    due: |date| format!("Due: before {date}"),
    status_labels: ["Draft", "Submitted", "Returned", "Resubmitted", "Accepted"],
    not_on_device: "This report is not on this device yet and the server cannot be reached.",
    received_share: "Share of reports received",
    template_update: |v| format!("A new report template is out (version {v})"),
    template_update_note: "This report is written on the older template. Moving to the new one keeps every value that has a field in it.",
    template_dropped: "Fields the new template no longer has (their values stay stored but are not shown):",
    template_move: "Move to the new template",
    template_move_pending: "Changes are still waiting to be sent: let them sync, then move.",
    read_only: "(read only)",
    received_at: "Received by the server at",
    pressed_at: "submitted on the device at",
    rejected_heading: "The server refused these changes:",
    queued: "Waiting to send: the report will be submitted when the network is back.",
    submit: "Submit report",
    no_report: "No report",
    submit_blocked: "Cannot submit yet. Please complete:",
    submit_confirm: |receiver| match receiver {
        Some(r) => format!("Submit the report to {r}? Once submitted, it is locked until returned."),
        None => "Submit the report? Once submitted, it is locked until returned.".to_string(),
    },
    confirm_submit: "Confirm submission",
    submitted_to: |receiver| match receiver {
        Some(r) => format!("Submitted to {r}. The report is locked until returned."),
        None => "Submitted. The report is locked until returned.".to_string(),
    },
    cancel: "Cancel",
    accept_confirm: "Accept this report? Once accepted, the unit can no longer change it.",
    confirm_accept: "Confirm acceptance",
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
    history_older: "Show older changes",
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
    conflicts_waiting: |n| {
        if n == 1 {
            "1 field waits for you to choose a value".to_string()
        } else {
            format!("{n} fields wait for you to choose a value")
        }
    },
    push_refused: |reason| format!("The server refused the changes: {reason}"),
    synced_at: |at| format!("Synced at {at}"),
    restored: |n| format!("{n} changes imported from the backup."),
    storage_used: |kb| {
        format!("Kept on this device: {kb} KB. A backup holds every change not yet sent.")
    },
    password_title: "Change password",
    password_link: "Change password",
    admin_link: "Administration",
    account_closed: "Your account has been closed. Changes not yet sent are kept on this device; contact your unit's administrator.",
    page_needs_network: "This page needs a connection to the server.",
    page_open: "Open the page",
    password_must_change: "Your password was reset. Choose a new one before going on.",
    password_current: "Current password",
    password_new: "New password",
    password_repeat: "New password again",
    password_save: "Save the new password",
    password_mismatch: "The two new passwords differ.",
    saving: "Saving…",
    password_rule: |min| format!("At least {min} characters, not your username, not a common password."),
    left_behind: |name, n| {
        format!("{n} changes of {name} are not sent yet: they stay on this device for the next sign-in.")
    },
    progress_title: "Reporting progress",
    follow_progress: "Progress",
    consolidate: "Consolidate",
    col_expected: "Expected",
    col_submitted: "Submitted",
    col_missing: "Missing",
    col_returned: "Returned",
    col_accepted: "Accepted",
    col_progress: "Progress",
    col_number: "No.",
    col_days_overdue: "Days overdue",
    col_section: "Section",
    col_measure: "Unit of measure",
    live_note: "This page updates as units sync.",
    outstanding_heading: "Units that have not reported",
    none_outstanding: "Every unit has reported.",
    staff: "Staff",
    no_staff: "No account yet",
    print_list: "Print the list",
    reminder: "Reminder text",
    copy: "Copy",
    copied: "Copied",
    review_heading: "Review",
    accept: "Accept",
    return_report: "Return",
    return_comment_label: "Comment for the unit",
    return_needs_comment: "Write a comment so the unit knows what to correct.",
    review_queued: "Waiting to send: the review goes out when the network is back.",
    consolidation_title: "Consolidated report",
    basis_submitted: "Every submitted report",
    basis_accepted: "Accepted reports only",
    totals_heading: "Consolidated figures",
    indicator: "Indicator",
    total: "Total",
    by_unit_heading: "Figures by unit",
    narratives_heading: "The units' narratives (draft)",
    late_units: "Units that reported late",
    missing_units: "Units that have not reported",
    none: "None",
    use_as_draft: "Use in this unit's report",
    use_as_draft_note: "Writes the consolidated figures into this unit's report; the units' narratives fill only empty fields.",
    draft_filled: "The consolidated figures are now in this unit's report.",
    download_xlsx: "Download spreadsheet (XLSX)",
    download_docx: "Download draft report (DOCX)",
    task_progress_heading: "Progress on the plan's tasks",
    not_reported: "Not reported",
    timeliness_title: "Reporting history",
    not_due: "Not due yet",
    not_expected: "Not expected",
    find_unit: "Find a unit",
    find_unit_hint: "type a name, accents optional",
    find: "Find",
    pages: "Pages",
    page: "Page",
    previous_page: "← Previous page",
    next_page: "Next page →",
    units: "units",
    data_from: "Data from",
    data_to: "to",
    former_report_of: "History: report of",
    former_from: "from",
    former_until: "until",
    standing_labels: ["Missing", "Returned, not resubmitted", "Submitted", "Accepted"],
    counted_units: |n, of| format!("Consolidated from {n} of {of} units"),
    reminder_text: |r| {
        let late = if r.days_overdue > 0 {
            format!("; {} days overdue", r.days_overdue)
        } else {
            String::new()
        };
        let what = if r.returned {
            "was returned for correction and has not been resubmitted"
        } else {
            "has not been received"
        };
        format!(
            "To: {unit}.\nThe report “{report}” (plan {plan}) {what} by {sender} (due before {due}{late}). Please submit it in baocao as soon as possible.",
            unit = r.unit, report = r.report, plan = r.plan, sender = r.sender, due = r.due_before
        )
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

/// The user's language: the browser's choice, which follows the signed-in user's.
#[derive(Clone, Copy)]
pub struct Language(pub RwSignal<Lang>);

/// The cookie that carries the chosen language to the server, so that a page is rendered
/// in it from its first byte: no page shows Vietnamese before English.
pub const LANG_COOKIE: &str = "lang";
/// How long a browser keeps the choice.
pub const LANG_COOKIE_DAYS: i64 = 365;

/// The language a `Cookie` header (or `document.cookie`) chooses, if it chooses one.
pub fn lang_in_cookies(cookies: &str) -> Option<Lang> {
    cookies
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LANG_COOKIE)
        .and_then(|(_, code)| Lang::parse(code))
}

/// The language chosen for this page: from the request's cookie on the server, from the
/// same cookie in the browser, so that hydration finds what the server rendered.
pub fn chosen_language() -> Lang {
    #[cfg(feature = "ssr")]
    let cookies = use_context::<leptos::server_fn::http_export::request::Parts>().map(|parts| {
        parts
            .headers
            .get_all(leptos::server_fn::http_export::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(";")
    });
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    let cookies = Some(crate::device::browser::cookies());
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    let cookies: Option<String> = None;
    cookies
        .and_then(|c| lang_in_cookies(&c))
        .unwrap_or(Lang::Vi)
}

pub fn provide_language() -> Language {
    let lang = Language(RwSignal::new(chosen_language()));
    provide_context(lang);
    // Screen readers and the browser's own words (date inputs) read the document's language.
    Effect::new(move |_| crate::device::browser::set_document_language(lang.0.get().code()));
    lang
}

impl Language {
    /// Applies a language on this browser, for this page and the next ones.
    pub fn set(self, l: Lang) {
        crate::device::browser::set_cookie(&format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age={}; SameSite=Lax",
            l.code(),
            LANG_COOKIE_DAYS * 86_400
        ));
        self.0.set(l);
    }

    /// Takes the language the `lang` cookie names now (a sign-in's answer sets the user's).
    pub fn follow_cookie(self) {
        self.0.set(chosen_language());
    }
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
    fn the_language_cookie_is_found_among_others_and_unknown_codes_are_ignored() {
        assert_eq!(lang_in_cookies("baocao_session=x; lang=en"), Some(Lang::En));
        assert_eq!(lang_in_cookies("lang=vi;other=1"), Some(Lang::Vi));
        assert_eq!(lang_in_cookies("lang=fr; flang=en"), None);
        assert_eq!(lang_in_cookies(""), None);
    }

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

    #[test]
    fn reminders_name_the_unit_the_plan_and_the_delay() {
        let r = Reminder {
            unit: "Ủy ban nhân dân phường 7",
            sender: "Phòng Nội vụ quận Gò Vấp",
            report: "Báo cáo 6 tháng đầu năm 2023",
            plan: "847/KH-UBND",
            due_before: "05/05/2023",
            days_overdue: 3,
            returned: false,
        };
        let text = VI.reminder_text(&r);
        assert!(
            text.starts_with("Kính gửi: Ủy ban nhân dân phường 7.\n"),
            "{text}"
        );
        assert!(text.contains("chưa nhận được “Báo cáo 6 tháng đầu năm 2023” của đơn vị"));
        assert!(text
            .contains("Kế hoạch số 847/KH-UBND (hạn: trước ngày 05/05/2023; đã quá hạn 3 ngày)"));
        let early = VI.reminder_text(&Reminder {
            days_overdue: 0,
            returned: true,
            ..r
        });
        assert!(
            early.contains("chưa nộp lại (hạn: trước ngày 05/05/2023)."),
            "{early}"
        );
    }
}
