//! The administration pages' strings, kept here rather than in the shared catalogue so
//! that the ward's download does not carry them.

use crate::domain::lineage::Change;
use crate::domain::org::OrgKind;
use crate::format::Numbers;
use crate::i18n::{Lang, Language};
use leptos::prelude::*;

pub struct AdminTexts {
    /// How counts are written in this language.
    pub numbers: Numbers,
    pub title: &'static str,
    pub accounts: &'static str,
    pub log: &'static str,
    pub only_admins: &'static str,
    pub new_account: &'static str,
    pub edit_account: &'static str,
    pub username: &'static str,
    pub username_hint: &'static str,
    pub display_name: &'static str,
    pub role: &'static str,
    pub unit: &'static str,
    pub scope: &'static str,
    pub scope_hint: &'static str,
    pub status: &'static str,
    pub open: &'static str,
    pub closed: &'static str,
    pub must_change: &'static str,
    pub any: &'static str,
    pub filter: &'static str,
    pub search_unit_hint: &'static str,
    pub no_units: &'static str,
    pub clear: &'static str,
    pub actions: &'static str,
    pub edit: &'static str,
    pub reset_password: &'static str,
    pub deactivate: &'static str,
    pub activate: &'static str,
    pub confirm_deactivate: &'static str,
    pub confirm_reset: &'static str,
    pub one_time_password: &'static str,
    pub one_time_note: &'static str,
    pub create: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub cancel: &'static str,
    pub saved: &'static str,
    pub none_found: &'static str,
    pub count: fn(usize) -> String,
    pub at: &'static str,
    pub admin: &'static str,
    pub action: &'static str,
    pub target: &'static str,
    pub before: &'static str,
    pub log_empty: &'static str,
    pub after: &'static str,
    pub roles: [&'static str; 3],
    pub imports: &'static str,
    pub units: &'static str,
    pub plans: &'static str,
    pub plans_note: &'static str,
    pub due_before: &'static str,
    pub roll_year: &'static str,
    pub plan_number: &'static str,
    pub roll_forward: &'static str,
    pub rolled: &'static str,
    pub year_number: &'static str,
    pub edit_plan: &'static str,
    pub new_plan: &'static str,
    pub new_plan_note: &'static str,
    pub plan_issuer: &'static str,
    pub plan_reports_to: &'static str,
    pub plan_reports_to_note: &'static str,
    pub plan_template: &'static str,
    pub plan_year: &'static str,
    pub plan_place: &'static str,
    pub signer: &'static str,
    pub signer_capacity: &'static str,
    pub signer_title: &'static str,
    pub signer_name: &'static str,
    pub create_plan: &'static str,
    pub number_label: &'static str,
    pub plan_title: &'static str,
    pub issued_on: &'static str,
    pub template_version: &'static str,
    pub template_version_note: &'static str,
    pub periods: &'static str,
    pub period_code: &'static str,
    pub period_label: &'static str,
    pub period_kind: &'static str,
    pub due_label: &'static str,
    pub data_from: &'static str,
    pub data_to: &'static str,
    pub has_reports: &'static str,
    pub add_period: &'static str,
    pub remove: &'static str,
    pub sections: &'static str,
    pub section_title: &'static str,
    pub assignees: &'static str,
    pub all_wards: &'static str,
    pub all_agencies: &'static str,
    pub add_unit: &'static str,
    pub tasks: &'static str,
    pub task: &'static str,
    pub add_task: &'static str,
    pub add_section: &'static str,
    pub remove_section: &'static str,
    pub pick_date: &'static str,
    pub reported_note: &'static str,
    pub version: fn(u32) -> String,
    /// The periods whose deadline moves and the units the plan asks reports of.
    pub deadline_change: fn(&str, u32) -> String,
    pub save_deadline: &'static str,
    pub keep_editing: &'static str,
    period_kinds: [&'static str; 4],
    pub unit_search: &'static str,
    pub parent: &'static str,
    pub valid: &'static str,
    pub children: &'static str,
    pub new_unit: &'static str,
    pub lineage: &'static str,
    pub edit_unit: &'static str,
    pub record_lineage: &'static str,
    pub unit_code: &'static str,
    pub unit_name: &'static str,
    pub unit_kind: &'static str,
    pub lineage_note: &'static str,
    pub effective: &'static str,
    pub change_label: &'static str,
    pub successor: &'static str,
    kind_names: [&'static str; 9],
    change_types: [&'static str; 5],
    pub import_title: &'static str,
    pub import_note: &'static str,
    pub import_kind_label: &'static str,
    pub import_file: &'static str,
    pub import_preview: &'static str,
    pub import_refused: &'static str,
    pub import_apply: &'static str,
    pub import_done: &'static str,
    pub import_line: &'static str,
    pub import_key: &'static str,
    pub import_label: &'static str,
    pub import_change: &'static str,
    pub import_sample: &'static str,
    /// "Only the first 100 problems are listed."
    pub import_first_problems: fn(usize) -> String,
    kinds: [&'static str; 5],
    /// What a file of each kind holds, in `ImportKind::ALL`'s order.
    kind_help: [&'static str; 5],
    changes: [&'static str; 4],
    line_word: &'static str,
    column_word: &'static str,
    pub action_names: [(&'static str, &'static str); 12],
}

const VI: AdminTexts = AdminTexts {
    numbers: Numbers::Vietnamese,
    title: "Quản trị",
    accounts: "Tài khoản",
    log: "Nhật ký quản trị",
    only_admins: "Trang này chỉ dành cho quản trị viên.",
    new_account: "Tạo tài khoản",
    edit_account: "Sửa tài khoản",
    username: "Tên đăng nhập",
    username_hint: "Chữ thường không dấu, chữ số và . _ - @; không đổi được sau khi tạo.",
    display_name: "Họ tên",
    role: "Vai trò",
    unit: "Đơn vị",
    scope: "Phạm vi xem",
    scope_hint: "Đơn vị gốc mà người tổng hợp hoặc quản trị viên xem được; để trống là chính đơn vị.",
    status: "Trạng thái",
    open: "Đang mở",
    closed: "Đã khóa",
    must_change: "chờ đổi mật khẩu",
    any: "Tất cả",
    filter: "Lọc",
    search_unit_hint: "Gõ tên (có hoặc không dấu) hoặc mã",
    no_units: "Không có đơn vị nào khớp.",
    clear: "Bỏ chọn",
    actions: "Thao tác",
    edit: "Sửa",
    reset_password: "Đặt lại mật khẩu",
    deactivate: "Khóa",
    activate: "Mở khóa",
    confirm_deactivate: "Khóa tài khoản này? Người dùng bị đăng xuất ngay; báo cáo của họ vẫn giữ nguyên.",
    confirm_reset: "Đặt lại mật khẩu của tài khoản này? Người dùng bị đăng xuất và phải đổi mật khẩu khi đăng nhập lại.",
    one_time_password: "Mật khẩu dùng một lần",
    one_time_note: "Chỉ hiện một lần: hãy chuyển cho người dùng. Họ phải đổi mật khẩu ở lần đăng nhập tới.",
    create: "Tạo",
    save: "Lưu",
    saving: "Đang lưu…",
    cancel: "Quay lại",
    saved: "Đã lưu.",
    none_found: "Không có tài khoản nào.",
    count: |n| format!("{} tài khoản", Numbers::Vietnamese.integer(n as u64)),
    at: "Thời điểm",
    admin: "Quản trị viên",
    action: "Thao tác",
    target: "Đối tượng",
    before: "Trước",
    log_empty: "Chưa có thao tác quản trị nào.",
    after: "Sau",
    roles: ["Nhập liệu", "Tổng hợp", "Quản trị"],
    imports: "Nhập tệp",
    units: "Đơn vị",
    plans: "Kế hoạch",
    plans_note: "Các kế hoạch do đơn vị trong phạm vi của bạn ban hành. Chuyển một kế hoạch sang năm khác: cùng nhiệm vụ và đơn vị thực hiện, ngày tháng và kỳ báo cáo theo năm mới.",
    due_before: "hạn trước ngày",
    roll_year: "Sang năm",
    plan_number: "Số kế hoạch mới",
    roll_forward: "Tạo kế hoạch năm mới",
    rolled: "Đã tạo:",
    year_number: "Năm phải là một số (ví dụ 2027).",
    edit_plan: "Sửa kế hoạch",
    new_plan: "Kế hoạch mới",
    new_plan_note: "Kế hoạch được lưu khi mọi mục đều đúng; sau đó có thể sửa, thêm kỳ và nhiệm vụ. Báo cáo mới viết theo phiên bản mới nhất của mẫu đã chọn.",
    plan_issuer: "Đơn vị ban hành",
    plan_reports_to: "Đơn vị nhận báo cáo",
    plan_reports_to_note: "Đơn vị theo dõi, tổng hợp báo cáo (như Phòng Nội vụ); báo cáo của chính đơn vị này và của đơn vị ban hành gửi lên cấp trên.",
    plan_template: "Mẫu báo cáo",
    plan_year: "Năm của kế hoạch",
    plan_place: "Địa danh (ghi trước ngày tháng)",
    signer: "Người ký",
    signer_capacity: "Thẩm quyền ký (như KT. CHỦ TỊCH; để trống khi người đứng đầu ký)",
    signer_title: "Chức vụ",
    signer_name: "Họ và tên",
    create_plan: "Tạo kế hoạch",
    number_label: "Số kế hoạch",
    plan_title: "Tên kế hoạch",
    issued_on: "Ngày ban hành",
    template_version: "Mẫu báo cáo của báo cáo mới",
    template_version_note: "Báo cáo đã nộp giữ phiên bản mẫu đã dùng; báo cáo đang soạn được đề nghị chuyển sang phiên bản mới, giữ mọi giá trị có trong mẫu mới.",
    periods: "Kỳ báo cáo",
    period_code: "Mã kỳ",
    period_label: "Tên kỳ",
    period_kind: "Loại kỳ",
    due_label: "Hạn nộp: trước ngày",
    data_from: "Số liệu từ ngày",
    data_to: "Số liệu đến ngày",
    has_reports: "Kỳ này đã có báo cáo: giữ kỳ và mã của nó.",
    add_period: "Thêm kỳ báo cáo",
    remove: "Bỏ",
    sections: "Nhóm nhiệm vụ",
    section_title: "Tên nhóm",
    assignees: "Đơn vị thực hiện",
    all_wards: "Các xã, phường, đặc khu trực thuộc",
    all_agencies: "Các cơ quan trực thuộc",
    add_unit: "Thêm đơn vị thực hiện",
    tasks: "Nhiệm vụ",
    task: "Nhiệm vụ",
    add_task: "Thêm nhiệm vụ",
    add_section: "Thêm nhóm nhiệm vụ",
    remove_section: "Bỏ nhóm này",
    pick_date: "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 05/05/2026.",
    reported_note: "Kế hoạch đã có báo cáo: số kế hoạch, các kỳ đã có báo cáo và mọi nhiệm vụ giữ nguyên; nhiệm vụ mới thêm vào cuối nhóm.",
    version: |v| format!("phiên bản {v}"),
    deadline_change: |periods, units| format!("Đổi hạn nộp của {periods}: {units} đơn vị được giao báo cáo sẽ theo hạn mới. Lưu thay đổi?"),
    save_deadline: "Lưu hạn mới",
    keep_editing: "Xem lại",
    period_kinds: ["Quý", "6 tháng", "9 tháng", "Năm"],
    unit_search: "Tìm đơn vị",
    parent: "Đơn vị cấp trên",
    valid: "Thời gian tồn tại",
    children: "Đơn vị trực thuộc",
    new_unit: "Thêm đơn vị",
    lineage: "Lịch sử sáp nhập, chia tách",
    edit_unit: "Sửa đơn vị",
    record_lineage: "Ghi nhận sáp nhập, chia tách",
    unit_code: "Mã đơn vị",
    unit_name: "Tên đơn vị",
    unit_kind: "Loại đơn vị",
    lineage_note: "Đơn vị này chấm dứt (hoặc đổi) từ ngày hiệu lực; đơn vị kế thừa phải tồn tại từ ngày đó. Báo cáo cũ đi theo đơn vị kế thừa.",
    effective: "Ngày hiệu lực",
    change_label: "Loại thay đổi",
    successor: "Đơn vị kế thừa",
    kind_names: ["Thành phố", "Tỉnh", "Quận", "Huyện", "Thị xã", "Phường", "Xã", "Đặc khu", "Cơ quan"],
    change_types: ["Sáp nhập", "Chia tách", "Đổi tên", "Chuyển cấp trên", "Giải thể"],
    import_title: "Nhập tệp",
    import_note: "Chọn loại tệp, rồi chọn tệp trên máy. Tệp được xem trước: chỉ khi bạn xác nhận mới thay đổi dữ liệu. Tệp có lỗi thì không thay đổi gì, và mọi lỗi được liệt kê theo dòng và cột để sửa một lần.",
    import_kind_label: "Loại tệp",
    import_file: "Tệp",
    import_preview: "Xem trước",
    import_refused: "Không nhập được tệp này",
    import_apply: "Áp dụng các thay đổi",
    import_done: "Đã nhập.",
    import_line: "Dòng",
    import_key: "Mã",
    import_label: "Tên",
    import_change: "Thay đổi",
    import_sample: "Tải tệp mẫu",
    import_first_problems: |n| format!("Chỉ liệt kê {n} lỗi đầu tiên: sửa xong, hãy chọn lại tệp để xem tiếp."),
    kinds: ["Đơn vị (CSV)", "Sáp nhập, chia tách (CSV)", "Tài khoản (CSV)", "Kế hoạch (TOML)", "Mẫu báo cáo (TOML)"],
    kind_help: [
        "Mỗi dòng một đơn vị: mã (code), mã đơn vị cấp trên (parent_code), loại (kind: thanh_pho, tinh, phuong, xa, dac_khu, co_quan, …) và tên (name); có thể thêm ngày bắt đầu (valid_from) và ngày chấm dứt (valid_until) dạng 2025-07-01.",
        "Mỗi dòng một thay đổi: ngày hiệu lực (effective), mã và tên đơn vị cũ (old_code, old_name), mã đơn vị mới (new_code) và loại thay đổi (change: merge, split, rename, move, abolish).",
        "Mỗi dòng một tài khoản: tên đăng nhập, họ tên, vai trò (nhap_lieu, tong_hop, admin), mã đơn vị, mã phạm vi (để trống cho cán bộ nhập liệu) và mật khẩu. Mật khẩu ghi cho tài khoản đã có là mật khẩu đặt lại: người dùng phải đổi khi đăng nhập lần sau.",
        "Một kế hoạch: số, năm, đơn vị ban hành, các kỳ báo cáo với hạn nộp, các nhóm nhiệm vụ và đơn vị thực hiện.",
        "Một mẫu báo cáo: các mục, chỉ tiêu với đơn vị tính và các quy tắc kiểm tra số liệu.",
    ],
    changes: ["Thêm mới", "Sửa", "Chuyển đơn vị cấp trên", "Không đổi"],
    line_word: "Dòng",
    column_word: "cột",
    action_names: [
        ("create", "Tạo tài khoản"),
        ("update", "Sửa tài khoản"),
        ("deactivate", "Khóa tài khoản"),
        ("activate", "Mở khóa tài khoản"),
        ("reset_password", "Đặt lại mật khẩu"),
        ("import", "Nhập tệp"),
        ("create_unit", "Thêm đơn vị"),
        ("update_unit", "Sửa đơn vị"),
        ("record_lineage", "Ghi nhận sáp nhập, chia tách"),
        ("create_plan", "Tạo kế hoạch"),
        ("roll_forward_plan", "Tạo kế hoạch năm mới"),
        ("edit_plan", "Sửa kế hoạch"),
    ],
};

const EN: AdminTexts = AdminTexts {
    numbers: Numbers::English,
    title: "Administration",
    accounts: "Accounts",
    log: "Administration log",
    only_admins: "This page is for administrators only.",
    new_account: "New account",
    edit_account: "Edit account",
    username: "Username",
    username_hint: "Lower-case letters without diacritics, digits and . _ - @; cannot be changed later.",
    display_name: "Full name",
    role: "Role",
    unit: "Unit",
    scope: "Scope",
    scope_hint: "The root unit a reviewer or administrator sees; empty for the unit itself.",
    status: "Status",
    open: "Open",
    closed: "Closed",
    must_change: "password change pending",
    any: "All",
    filter: "Filter",
    search_unit_hint: "Type a name (with or without diacritics) or a code",
    no_units: "No unit matches.",
    clear: "Clear",
    actions: "Actions",
    edit: "Edit",
    reset_password: "Reset password",
    deactivate: "Close",
    activate: "Reopen",
    confirm_deactivate: "Close this account? The user is signed out at once; their reports stay as they are.",
    confirm_reset: "Reset this account's password? The user is signed out and must choose a new password at the next sign-in.",
    one_time_password: "One-time password",
    one_time_note: "Shown once: give it to the user, who must change it at the next sign-in.",
    create: "Create",
    save: "Save",
    saving: "Saving…",
    cancel: "Back",
    saved: "Saved.",
    none_found: "No accounts.",
    count: |n| format!("{} accounts", Numbers::English.integer(n as u64)),
    at: "When",
    admin: "Administrator",
    action: "Action",
    target: "Target",
    before: "Before",
    log_empty: "No administration actions yet.",
    after: "After",
    roles: ["Data entry", "Reviewer", "Administrator"],
    imports: "Import a file",
    units: "Units",
    plans: "Plans",
    plans_note: "The plans issued by units of your scope. Roll a plan forward to another year: the same tasks and assignees, its dates and reporting periods in the new year.",
    due_before: "due before",
    roll_year: "To year",
    plan_number: "New plan number",
    roll_forward: "Create the new year's plan",
    rolled: "Created:",
    year_number: "The year must be a number (for example 2027).",
    edit_plan: "Edit plan",
    new_plan: "New plan",
    new_plan_note: "The plan is saved once every field is right; it can then be edited, with more periods and tasks. New reports are written on the latest version of the chosen template.",
    plan_issuer: "Issued by",
    plan_reports_to: "Reports go to",
    plan_reports_to_note: "The unit that follows and consolidates the reports (such as the home affairs office); the reports of that unit itself and of the issuer go one level up.",
    plan_template: "Report template",
    plan_year: "The plan's year",
    plan_place: "Place (written before the date)",
    signer: "Signed by",
    signer_capacity: "Signing on behalf (as KT. CHỦ TỊCH; empty when the head signs)",
    signer_title: "Title",
    signer_name: "Full name",
    create_plan: "Create the plan",
    number_label: "Plan number",
    plan_title: "Title",
    issued_on: "Issued on",
    template_version: "Template of new reports",
    template_version_note: "Submitted reports keep the template version they were written on; drafts are offered the move to the new one, keeping every value the new version has a field for.",
    periods: "Reporting periods",
    period_code: "Code",
    period_label: "Name",
    period_kind: "Kind",
    due_label: "Due before",
    data_from: "Data from",
    data_to: "Data until",
    has_reports: "This period has reports: it stays, with its code.",
    add_period: "Add a period",
    remove: "Remove",
    sections: "Task sections",
    section_title: "Section title",
    assignees: "Assigned to",
    all_wards: "Every ward and commune under the issuer",
    all_agencies: "Every agency under the issuer",
    add_unit: "Add a unit",
    tasks: "Tasks",
    task: "Task",
    add_task: "Add a task",
    add_section: "Add a section",
    remove_section: "Remove this section",
    pick_date: "Type the date as dd/mm/yyyy, for example 05/05/2026.",
    reported_note: "Reports exist: the number, the periods with reports and every task stay; new tasks go at the end of a section.",
    version: |v| format!("version {v}"),
    deadline_change: |periods, units| format!("The deadline of {periods} changes: the {units} units asked to report will follow the new one. Save the change?"),
    save_deadline: "Save the new deadline",
    keep_editing: "Go back",
    period_kinds: ["Quarter", "Six months", "Nine months", "Year"],
    unit_search: "Find a unit",
    parent: "Parent unit",
    valid: "Existed",
    children: "Units below",
    new_unit: "New unit",
    lineage: "Mergers and splits",
    edit_unit: "Edit unit",
    record_lineage: "Record a merger or split",
    unit_code: "Unit code",
    unit_name: "Unit name",
    unit_kind: "Unit type",
    lineage_note: "This unit ends (or changes) on the effective date; the successor must exist from that date. Past reports follow the successor.",
    effective: "Effective date",
    change_label: "Change",
    successor: "Successor unit",
    kind_names: ["City", "Province", "Urban district", "Rural district", "Town", "Ward", "Commune", "Special zone", "Agency"],
    change_types: ["Merger", "Split", "Renaming", "New parent", "Abolition"],
    import_title: "Import a file",
    import_note: "Choose the type of file, then the file on your computer. It is previewed first: nothing changes until you confirm. A file with errors changes nothing, and every error is listed by line and column, to mend them in one go.",
    import_kind_label: "File type",
    import_file: "File",
    import_preview: "Preview",
    import_refused: "This file cannot be imported",
    import_apply: "Apply the changes",
    import_done: "Imported.",
    import_line: "Line",
    import_key: "Code",
    import_label: "Name",
    import_change: "Change",
    import_sample: "Download a sample file",
    import_first_problems: |n| format!("Only the first {n} errors are listed: once they are mended, choose the file again to see more."),
    kinds: ["Units (CSV)", "Mergers and splits (CSV)", "Accounts (CSV)", "Plan (TOML)", "Report template (TOML)"],
    kind_help: [
        "One unit a line: its code, its parent's code (parent_code), its kind (thanh_pho, tinh, phuong, xa, dac_khu, co_quan, …) and its name; optionally its first and last days (valid_from, valid_until) as 2025-07-01.",
        "One change a line: the day it takes effect, the old unit's code and name (old_code, old_name), the new unit's code (new_code) and the kind of change (merge, split, rename, move, abolish).",
        "One account a line: username, full name, role (nhap_lieu, tong_hop, admin), unit code, scope code (empty for ward staff) and password. A password given for an existing account is a reset: its user must change it at the next sign-in.",
        "One plan: its number, year, issuing unit, reporting periods with their deadlines, task groups and the units that carry them out.",
        "One report template: its sections, its figures with their units of measure and the rules that check them.",
    ],
    changes: ["Added", "Changed", "Moved to another parent", "Unchanged"],
    line_word: "Line",
    column_word: "column",
    action_names: [
        ("create", "Account created"),
        ("update", "Account changed"),
        ("deactivate", "Account closed"),
        ("activate", "Account reopened"),
        ("reset_password", "Password reset"),
        ("import", "File imported"),
        ("create_unit", "Unit added"),
        ("update_unit", "Unit changed"),
        ("record_lineage", "Merger or split recorded"),
        ("create_plan", "Plan created"),
        ("roll_forward_plan", "Plan rolled forward"),
        ("edit_plan", "Plan edited"),
    ],
};

impl AdminTexts {
    /// A unit kind's name (`kind` as stored, `OrgKind::as_str`), in `OrgKind::ALL`'s order.
    pub fn kind_name(&self, kind: &str) -> &'static str {
        OrgKind::ALL
            .iter()
            .position(|k| k.as_str() == kind)
            .map_or("", |i| self.kind_names[i])
    }

    /// A lineage change's name (`change` as stored), in `lineage::Change::ALL`'s order.
    pub fn change_type(&self, change: &str) -> &'static str {
        Change::ALL
            .iter()
            .position(|c| c.as_str() == change)
            .map_or("", |i| self.change_types[i])
    }

    pub fn role(&self, role: crate::api::Role) -> &'static str {
        let index = crate::api::Role::ALL
            .iter()
            .position(|r| *r == role)
            .unwrap_or(0);
        self.roles[index]
    }

    pub fn import_kind_help(&self, kind: crate::api::ImportKind) -> &'static str {
        let index = crate::api::ImportKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0);
        self.kind_help[index]
    }

    pub fn import_kind(&self, kind: crate::api::ImportKind) -> &'static str {
        let index = crate::api::ImportKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0);
        self.kinds[index]
    }

    pub fn change_name(&self, change: crate::api::ImportChange) -> &'static str {
        use crate::api::ImportChange::*;
        let index = match change {
            Created => 0,
            Updated => 1,
            Moved => 2,
            Unchanged => 3,
        };
        self.changes[index]
    }

    /// What an import adds, changes, moves and leaves, counted.
    pub fn import_counts(&self, s: &crate::api::ImportSummary) -> String {
        use crate::api::ImportChange::*;
        [
            (Created, s.created),
            (Updated, s.updated),
            (Moved, s.moved),
            (Unchanged, s.unchanged),
        ]
        .into_iter()
        .map(|(change, n)| {
            format!(
                "{}: {}",
                self.change_name(change),
                self.numbers.integer(n as u64)
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
    }

    /// "Dòng 4, cột “kind”: " before a refusal's message.
    pub fn import_place(&self, line: Option<u64>, column: Option<&str>) -> String {
        match (line, column) {
            (Some(l), Some(c)) => format!("{} {l}, {} “{c}”: ", self.line_word, self.column_word),
            (Some(l), None) => format!("{} {l}: ", self.line_word),
            _ => String::new(),
        }
    }

    pub fn period_kind_name(&self, kind: crate::domain::plan::PeriodKind) -> &'static str {
        let index = crate::domain::plan::PeriodKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0);
        self.period_kinds[index]
    }

    pub fn action(&self, code: &str) -> String {
        self.action_names
            .iter()
            .find(|(c, _)| *c == code)
            .map_or_else(|| code.to_string(), |(_, name)| name.to_string())
    }
}

/// The administration texts of the current language, reactive.
pub fn use_admin_texts() -> Signal<&'static AdminTexts> {
    let lang = expect_context::<Language>().0;
    Signal::derive(move || admin_texts(lang.get()))
}

/// The texts of a language; the server words the administration log with the Vietnamese.
pub fn admin_texts(lang: Lang) -> &'static AdminTexts {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
