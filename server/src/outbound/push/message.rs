//! A notice as a push message: what the service worker shows as a notification, and the
//! page it opens. In Vietnamese, as the mail is.

use app::api::{report_path, Notice, PushMessage};
use app::i18n::{Lang, NoticeTexts};

/// The most characters of a return's comment or a reminder's text a notification shows
/// (a few lines on a phone; the whole is in the app). It keeps the message well within
/// the 4 kB a push service takes.
const TEXT_CHARS: usize = 240;

/// The notification's title, and the message to send, as JSON.
pub fn message(notice: &Notice, unit_name: &str) -> (String, String) {
    let words = NoticeTexts::of(Lang::Vi);
    let title = (words.kind)(notice.kind).to_string();
    let mut body = format!("{} – {unit_name}", notice.report);
    if !notice.text.is_empty() {
        let mut text: String = notice.text.chars().take(TEXT_CHARS).collect();
        if text.len() < notice.text.len() {
            text.push('…');
        }
        body.push('\n');
        body.push_str(&text);
    }
    let message = PushMessage {
        title: title.clone(),
        body,
        url: report_path(&notice.plan_id, &notice.period_code, &notice.unit_code),
        tag: notice.id.clone(),
    };
    // A struct of strings always serializes.
    let json = serde_json::to_string(&message).unwrap_or_default();
    (title, json)
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::api::NoticeKind;
    use chrono::TimeZone;

    #[test]
    fn a_reminder_opens_its_report_and_keeps_to_a_few_lines() {
        let notice = Notice {
            id: "r-42".into(),
            kind: NoticeKind::Reminded,
            plan_id: "847-KH-UBND-2023".into(),
            period_code: "2023-6T".into(),
            unit_code: "HCM.GV.P07".into(),
            report: "Báo cáo 6 tháng đầu năm 2023".into(),
            due_before: None,
            text: "Kính gửi: Ủy ban nhân dân phường 7. ".repeat(40),
            by: String::new(),
            at: chrono::Utc.with_ymd_and_hms(2023, 5, 3, 1, 0, 0).unwrap(),
            read: false,
        };
        let (title, json) = message(&notice, "Phường 7");
        assert_eq!(title, "Đôn đốc nộp báo cáo");
        let m: PushMessage = serde_json::from_str(&json).expect("a message");
        assert_eq!(m.url, "/bao-cao/847-KH-UBND-2023/2023-6T/HCM.GV.P07");
        assert_eq!(m.tag, "r-42");
        assert!(m
            .body
            .starts_with("Báo cáo 6 tháng đầu năm 2023 – Phường 7\nKính gửi"));
        assert!(m.body.ends_with('…'));
        assert!(json.len() < 1500, "{}", json.len());
    }
}
