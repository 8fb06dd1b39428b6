//! Every user-facing string of the UI, in Vietnamese (the default) and English.
//! Components read them through [`use_texts`]; none hard-codes its own.

use crate::domain::status::ReportStatus;
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
    status_labels: [&'static str; 5],
}

impl Texts {
    /// "Còn 3 ngày" / "Quá hạn 2 ngày" from [`crate::domain::plan::days_left`]. The deadline
    /// is 00:00 of the due day, so that day itself already counts as overdue.
    pub fn days_left(&self, days: i64) -> String {
        (self.days_left)(days)
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
