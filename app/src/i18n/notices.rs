//! The words of notices and reminders, in both languages.

use crate::api::NoticeKind;
use crate::lang::Lang;

pub struct NoticeTexts {
    pub title: &'static str,
    pub none: &'static str,
    pub mark_all_read: &'static str,
    pub mark_read: &'static str,
    pub open_report: &'static str,
    pub unread_badge: &'static str,
    pub kind: fn(NoticeKind) -> &'static str,
    /// The header's link, with the unread count for screen readers.
    pub link_label: fn(usize) -> String,
    /// “Phòng Nội vụ quận Gò Vấp, 03/12/2026 09:15”
    pub by_at: fn(&str, &str) -> String,
    /// Who sent an automatic reminder (one the plan's rules sent, at its hour).
    pub automatic: &'static str,
    /// A calendar notice's line: “Hạn nộp: trước ngày 20/12/2026”.
    pub due_line: fn(&str) -> String,
    /// A new plan's line: its day of issue.
    pub issued_line: fn(&str) -> String,
    /// A conflict waiting on this device for a choice, and the link to its field.
    pub conflict: &'static str,
    pub choose_version: &'static str,
    // What reaches the user by e-mail.
    pub email_heading: &'static str,
    pub email_to: fn(&str) -> String,
    pub email_server_off: &'static str,
    pub email_none: &'static str,
    pub settings_offline: &'static str,
    pub settings_saved: &'static str,
    // What is pushed to this device.
    pub push_heading: &'static str,
    pub push_none: &'static str,
    pub push_blocked: &'static str,
    pub push_turn_on: &'static str,
    pub push_turn_off: &'static str,
    pub push_on: &'static str,
    pub push_failed: &'static str,
    // The reviewer's side.
    pub remind_heading: &'static str,
    pub remind_help: &'static str,
    pub remind_text: &'static str,
    pub remind_all: fn(usize) -> String,
    pub remind_chosen: fn(usize) -> String,
    pub choose_unit: &'static str,
    pub remind_sent: fn(usize, usize) -> String,
    pub remind_offline: &'static str,
    /// “Đã nhắc 2 lần, lần cuối 03/12/2026”
    pub reminded: fn(u32, &str) -> String,
}

pub static VI: NoticeTexts = NoticeTexts {
    title: "Thông báo",
    none: "Chưa có thông báo nào.",
    mark_all_read: "Đánh dấu tất cả đã đọc",
    mark_read: "Đã xem",
    open_report: "Mở báo cáo",
    unread_badge: "Mới",
    kind: |k| match k {
        NoticeKind::Returned => "Báo cáo bị trả lại",
        NoticeKind::Accepted => "Báo cáo đã được tiếp nhận",
        NoticeKind::Reminded => "Đôn đốc nộp báo cáo",
        NoticeKind::DueSoon => "Sắp đến hạn nộp",
        NoticeKind::Overdue => "Đã quá hạn nộp",
        NoticeKind::NewPlan => "Kế hoạch mới giao việc cho đơn vị",
        NoticeKind::Unknown => "Thông báo",
    },
    link_label: |n| {
        if n == 0 {
            "Thông báo".into()
        } else {
            format!("Thông báo, {n} chưa đọc")
        }
    },
    by_at: |by, at| format!("{by}, {at}"),
    automatic: "Nhắc tự động theo kế hoạch",
    due_line: |due| format!("Hạn nộp: trước ngày {due}"),
    issued_line: |day| format!("Ban hành ngày {day}"),
    conflict: "Hai bản khác nhau chờ chọn",
    choose_version: "Chọn bản giữ lại",
    email_heading: "Nhận thông báo qua thư điện tử",
    email_to: |address| format!("Gửi vào {address} khi có:"),
    email_server_off: "Máy chủ chưa bật gửi thư điện tử: thông báo chỉ có trong ứng dụng.",
    email_none: "Tài khoản chưa có địa chỉ thư điện tử; quản trị viên có thể thêm vào tài khoản.",
    settings_offline: "Cần có mạng để xem và đổi cách nhận thông báo.",
    settings_saved: "Đã lưu.",
    push_heading: "Thông báo trên thiết bị này",
    push_none: "Trình duyệt này không nhận được thông báo đẩy. Trên iPhone, hãy thêm ứng dụng vào Màn hình chính trước.",
    push_blocked: "Trình duyệt đang chặn thông báo của trang này; bỏ chặn trong phần cài đặt trang để nhận.",
    push_turn_on: "Nhận thông báo trên thiết bị này",
    push_turn_off: "Tắt thông báo trên thiết bị này",
    push_on: "Thiết bị này hiện thông báo khi có:",
    push_failed: "Chưa bật được thông báo trên thiết bị này: chưa được cho phép, hoặc không kết nối được dịch vụ thông báo của trình duyệt.",
    remind_heading: "Đôn đốc đơn vị chưa nộp",
    remind_help: "Mỗi đơn vị nhận nội dung dưới đây, mở đầu bằng “Kính gửi: …” gửi đến đơn vị, trong mục Thông báo của mình. Mỗi đơn vị được nhắc nhiều nhất một lần một ngày.",
    remind_text: "Nội dung đôn đốc (sửa một lần cho tất cả)",
    remind_all: |n| format!("Đôn đốc tất cả {n} đơn vị chưa nộp"),
    remind_chosen: |n| format!("Đôn đốc {n} đơn vị đã chọn"),
    choose_unit: "Chọn để đôn đốc",
    remind_sent: |sent, earlier| {
        let mut line = format!("Đã đôn đốc {sent} đơn vị.");
        if earlier > 0 {
            line.push_str(&format!(" {earlier} đơn vị đã được đôn đốc hôm nay, không nhắc lại."));
        }
        line
    },
    remind_offline: "Cần có mạng để gửi đôn đốc.",
    reminded: |n, last| format!("Đã nhắc {n} lần, lần cuối {last}"),
};

pub static EN: NoticeTexts = NoticeTexts {
    title: "Notices",
    none: "No notice yet.",
    mark_all_read: "Mark all as read",
    mark_read: "Seen",
    open_report: "Open the report",
    unread_badge: "New",
    kind: |k| match k {
        NoticeKind::Returned => "Report returned",
        NoticeKind::Accepted => "Report accepted",
        NoticeKind::Reminded => "Reminder to submit",
        NoticeKind::DueSoon => "Due soon",
        NoticeKind::Overdue => "Overdue",
        NoticeKind::NewPlan => "A new plan assigns your unit work",
        NoticeKind::Unknown => "Notice",
    },
    link_label: |n| {
        if n == 0 {
            "Notices".into()
        } else {
            format!("Notices, {n} unread")
        }
    },
    by_at: |by, at| format!("{by}, {at}"),
    automatic: "Automatic reminder under the plan",
    due_line: |due| format!("Due before {due}"),
    issued_line: |day| format!("Issued on {day}"),
    conflict: "Two versions waiting for a choice",
    choose_version: "Choose the version to keep",
    email_heading: "Notices by e-mail",
    email_to: |address| format!("Mail to {address} when there is:"),
    email_server_off: "The server does not send mail: notices stay in the app.",
    email_none: "The account has no e-mail address; an administrator can add one.",
    settings_offline: "Seeing and changing how notices reach you needs a connection.",
    settings_saved: "Saved.",
    push_heading: "Notifications on this device",
    push_none: "This browser cannot receive push notifications. On an iPhone, add the app to the Home Screen first.",
    push_blocked: "The browser blocks this site's notifications; unblock them in the site's settings to receive them.",
    push_turn_on: "Receive notifications on this device",
    push_turn_off: "Turn off notifications on this device",
    push_on: "This device shows a notification when there is:",
    push_failed: "Notifications could not be turned on here: not allowed, or the browser's push service cannot be reached.",
    remind_heading: "Remind the units that have not reported",
    remind_help: "Each unit finds the text below among its notices, under a salutation addressed to it. A unit is reminded at most once a day.",
    remind_text: "Reminder text (edited once for all)",
    remind_all: |n| format!("Remind all {n} units that have not reported"),
    remind_chosen: |n| format!("Remind the {n} chosen units"),
    choose_unit: "Choose to remind",
    remind_sent: |sent, earlier| {
        let mut line = format!("{sent} unit(s) reminded.");
        if earlier > 0 {
            line.push_str(&format!(" {earlier} unit(s) were already reminded today, not again."));
        }
        line
    },
    remind_offline: "Sending reminders needs the network.",
    reminded: |n, last| format!("Reminded {n} time(s), last on {last}"),
};

impl NoticeTexts {
    pub fn of(lang: Lang) -> &'static NoticeTexts {
        match lang {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}
