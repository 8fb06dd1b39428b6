//! The notices the mail and push tests deliver, made as people make them: the district
//! reviewer reminds Phường 1 and Phường 7, returns Phường 7's report with a comment, then
//! accepts it;
//! and the user's notice settings, read and changed through the API.

use crate::common::sync::{key, Device};
use app::api::{NoticeSettings, NoticeSettingsChange};
use app::sync::{Change, Outcome};

pub const PLAN: &str = "847-KH-UBND-2023";
pub const PERIOD: &str = "2023-6T";

/// Two notices for Phường 7 (the reminder and the return) and one for Phường 1 (the
/// reminder), all made by `govap.pnv` on the server at `base`.
pub async fn remind_then_return(base: &str) {
    let mut reviewer = Device::login(base, "govap.pnv").await;
    let resp = reviewer
        .client
        .post(format!("{base}/api/v1/progress/{PLAN}/{PERIOD}/reminders"))
        .json(&serde_json::json!({
            "units": ["HCM.GV.P07", "HCM.GV.P01"],
            "text": "Đề nghị đơn vị khẩn trương nộp báo cáo.",
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let mut p07 = Device::login(base, "govap.p07").await;
    p07.submit_with(&key(PLAN, PERIOD, "HCM.GV.P07"), &[]).await;
    let m = reviewer.mutation(
        &key(PLAN, PERIOD, "HCM.GV.P07"),
        Change::Return {
            comment: "Bổ sung số liệu tiếp công dân.".into(),
        },
    );
    assert_eq!(
        reviewer.sync(&[m]).await.results[0].outcome,
        Outcome::Applied
    );
}

/// Phường 7 submits its report again, and the reviewer accepts it: one more notice.
pub async fn resubmit_and_accept(base: &str) {
    let mut p07 = Device::login(base, "govap.p07").await;
    p07.submit_with(&key(PLAN, PERIOD, "HCM.GV.P07"), &[]).await;
    let mut reviewer = Device::login(base, "govap.pnv").await;
    let m = reviewer.mutation(&key(PLAN, PERIOD, "HCM.GV.P07"), Change::Accept);
    assert_eq!(
        reviewer.sync(&[m]).await.results[0].outcome,
        Outcome::Applied
    );
}

pub async fn settings(user: &Device) -> NoticeSettings {
    user.client
        .get(format!("{}/api/v1/notices/settings", user.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

pub async fn change_settings(user: &Device, change: &NoticeSettingsChange) {
    let resp = user
        .client
        .put(format!("{}/api/v1/notices/settings", user.base))
        .json(change)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
}
