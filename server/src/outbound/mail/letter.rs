//! A notice as a mail: in Vietnamese, as the reviewers' comments and the reminders' letters
//! are, with a link to the report when the server knows its public address.

use app::api::{report_path, Notice};
use app::format::date_time;
use app::i18n::{Lang, NoticeTexts};

/// The subject and the plain-text body of `notice`, sent to the staff of `unit_name`.
pub fn letter(notice: &Notice, unit_name: &str, link_base: Option<&str>) -> (String, String) {
    let words = NoticeTexts::of(Lang::Vi);
    let kind = (words.kind)(notice.kind);
    let subject = format!("[baocao] {kind}: {} – {unit_name}", notice.report);
    let mut body = format!("{kind}: {}\nĐơn vị: {unit_name}\n", notice.report);
    if !notice.text.is_empty() {
        body.push_str(&format!("\n{}\n", notice.text));
    }
    let by = if notice.by.is_empty() {
        words.automatic
    } else {
        notice.by.as_str()
    };
    body.push_str(&format!("\n{}\n", (words.by_at)(by, &date_time(notice.at))));
    if let Some(base) = link_base {
        let path = report_path(&notice.plan_id, &notice.period_code, &notice.unit_code);
        body.push_str(&format!("\nMở báo cáo: {base}{path}\n"));
    }
    body.push_str(
        "\n-- \nThư gửi tự động từ hệ thống baocao; không trả lời thư này. \
         Chọn những thông báo nhận qua thư điện tử trong mục Thông báo.\n",
    );
    (subject, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::api::NoticeKind;
    use chrono::TimeZone;

    #[test]
    fn a_return_reads_as_a_short_letter_with_its_comment_and_link() {
        let notice = Notice {
            id: "m1".into(),
            kind: NoticeKind::Returned,
            plan_id: "847-KH-UBND-2023".into(),
            period_code: "2023-6T".into(),
            unit_code: "HCM.GV.P07".into(),
            report: "Báo cáo 6 tháng đầu năm 2023".into(),
            due_before: None,
            text: "Bổ sung số liệu tiếp công dân.".into(),
            by: "Trần Văn B, Phòng Nội vụ quận Gò Vấp".into(),
            at: chrono::Utc.with_ymd_and_hms(2023, 5, 8, 2, 15, 0).unwrap(),
            read: false,
        };
        let (subject, body) = letter(&notice, "Phường 7", Some("https://baocao.example.gov.vn"));
        assert_eq!(
            subject,
            "[baocao] Báo cáo bị trả lại: Báo cáo 6 tháng đầu năm 2023 – Phường 7"
        );
        assert!(body.starts_with("Báo cáo bị trả lại: Báo cáo 6 tháng đầu năm 2023\nĐơn vị: Phường 7\n\nBổ sung số liệu tiếp công dân.\n"), "{body}");
        assert!(
            body.contains("Trần Văn B, Phòng Nội vụ quận Gò Vấp, 09:15 08/05/2023"),
            "{body}"
        );
        assert!(body.contains(
            "Mở báo cáo: https://baocao.example.gov.vn/bao-cao/847-KH-UBND-2023/2023-6T/HCM.GV.P07"
        ), "{body}");
    }
}
