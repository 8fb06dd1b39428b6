//! What a reminder (đôn đốc) to units that have not reported says. Always in Vietnamese,
//! whatever the page's language: it is an official letter to the unit. Each unit's copy
//! starts with “Kính gửi: …” addressed to it ([`addressed`]).

/// The facts a reminder words.
pub struct Reminder<'a> {
    /// Who sends it: the reviewer's unit (“Phòng Nội vụ quận Gò Vấp”).
    pub sender: &'a str,
    /// The period's label (“Báo cáo 6 tháng đầu năm 2023”).
    pub report: &'a str,
    /// The plan's number (“847/KH-UBND”).
    pub plan: &'a str,
    /// `dd/mm/yyyy`.
    pub due_before: &'a str,
    /// Days past the deadline; 0 or less before it.
    pub days_overdue: i64,
    /// Every unit reminded had its report returned and has not resubmitted it.
    pub returned: bool,
}

impl Reminder<'_> {
    /// The text, as drafted for the reviewer to edit once for all the units.
    pub fn body(&self) -> String {
        let late = if self.days_overdue > 0 {
            format!("; đã quá hạn {} ngày", self.days_overdue)
        } else {
            String::new()
        };
        let (sender, report, plan, due) = (self.sender, self.report, self.plan, self.due_before);
        if self.returned {
            format!(
                "{sender} đã trả lại “{report}” (Kế hoạch số {plan}) để đơn vị bổ sung, chỉnh sửa nhưng đến nay đơn vị chưa nộp lại (hạn: trước ngày {due}{late}). Đề nghị đơn vị khẩn trương chỉnh sửa và nộp lại báo cáo trên hệ thống baocao."
            )
        } else {
            format!(
                "Đến nay, {sender} chưa nhận được “{report}” của đơn vị theo Kế hoạch số {plan} (hạn: trước ngày {due}{late}). Đề nghị đơn vị khẩn trương hoàn thành và nộp báo cáo trên hệ thống baocao."
            )
        }
    }

    /// The text of an automatic reminder before the deadline, `days_left` days before it
    /// (1: the last day); a reminder after it is [`Reminder::body`].
    pub fn ahead(&self, days_left: i64) -> String {
        let (sender, report, plan, due) = (self.sender, self.report, self.plan, self.due_before);
        let left = if days_left <= 1 {
            "hôm nay là ngày cuối".to_string()
        } else {
            format!("còn {days_left} ngày")
        };
        format!(
            "Theo Kế hoạch số {plan}, “{report}” của đơn vị gửi {sender} trước ngày {due} ({left}). Đề nghị đơn vị hoàn thành và nộp báo cáo đúng hạn trên hệ thống baocao."
        )
    }
}

/// One unit's copy of a reminder: the body under “Kính gửi: {addressee}.”
pub fn addressed(addressee: &str, body: &str) -> String {
    format!("Kính gửi: {addressee}.\n{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reminder_names_the_report_the_plan_and_the_delay() {
        let r = Reminder {
            sender: "Phòng Nội vụ quận Gò Vấp",
            report: "Báo cáo 6 tháng đầu năm 2023",
            plan: "847/KH-UBND",
            due_before: "05/05/2023",
            days_overdue: 3,
            returned: false,
        };
        let text = addressed("Ủy ban nhân dân phường 7", &r.body());
        assert!(
            text.starts_with(
                "Kính gửi: Ủy ban nhân dân phường 7.\nĐến nay, Phòng Nội vụ quận Gò Vấp"
            ),
            "{text}"
        );
        assert!(text.contains("chưa nhận được “Báo cáo 6 tháng đầu năm 2023” của đơn vị"));
        assert!(text
            .contains("Kế hoạch số 847/KH-UBND (hạn: trước ngày 05/05/2023; đã quá hạn 3 ngày)"));
        let early = Reminder {
            days_overdue: 0,
            returned: true,
            ..r
        }
        .body();
        assert!(
            early.contains("chưa nộp lại (hạn: trước ngày 05/05/2023)."),
            "{early}"
        );
        assert!(r.ahead(7).starts_with(
            "Theo Kế hoạch số 847/KH-UBND, “Báo cáo 6 tháng đầu năm 2023” của đơn vị gửi Phòng Nội vụ quận Gò Vấp trước ngày 05/05/2023 (còn 7 ngày)."
        ));
        assert!(r.ahead(1).contains("(hôm nay là ngày cuối)"));
    }
}
